"""Building requests and decoding responses.

`ApiClient` turns an operation's arguments into method, URL, headers and
body (`param_serialize`), sends them through the transport (`call_api`) and
turns the answer into a model or a typed exception (`response_deserialize`).
Its helper methods are those of the generated client, for code that calls
them directly.
"""

from __future__ import annotations

import datetime
import decimal
import json
import os
import re
import sys
from enum import Enum
from types import TracebackType
from typing import TYPE_CHECKING, Any, ClassVar, Dict, List, Mapping, Optional, Sequence, Tuple, Type, Union
from urllib.parse import quote

import pydantic

from openapi_client import __version__, rest
from openapi_client.configuration import Configuration
from openapi_client.exceptions import ApiException, ApiValueError, ResponseDecodeError, error_for_response
from openapi_client.models import load, model_type

if TYPE_CHECKING:
    from openapi_client.api_response import ApiResponse


RequestSerialized = Tuple[str, str, Dict[str, str], Any, List[Tuple[str, Any]]]

_CHARSET = re.compile(r"charset\s*=\s*[\"']?([^\s;\"']+)", re.I)
# charset name -> the codec Python decodes it with; only text codecs are kept.
_CODECS: Dict[str, str] = {}
_LIST_TYPE = re.compile(r"List\[(.*)]")
_DICT_TYPE = re.compile(r"Dict\[([^,]*), (.*)]")


class ApiClient:
    """Sends requests for the API classes; one per configuration, shared by threads.

    :param configuration: settings; `Configuration.get_default()` if None.
    :param header_name, header_value: a header to send with every call.
    :param cookie: a ``Cookie`` header to send with every call.
    """

    PRIMITIVE_TYPES = (float, bool, bytes, str, int)
    NATIVE_TYPES_MAPPING: ClassVar[Dict[str, type]] = {
        "int": int,
        "long": int,
        "float": float,
        "str": str,
        "bool": bool,
        "date": datetime.date,
        "datetime": datetime.datetime,
        "decimal": decimal.Decimal,
        "object": object,
    }
    _default: ClassVar[Optional[ApiClient]] = None

    def __init__(
        self,
        configuration: Optional[Configuration] = None,
        header_name: Optional[str] = None,
        header_value: Optional[str] = None,
        cookie: Optional[str] = None,
    ) -> None:
        self.configuration = Configuration.get_default() if configuration is None else configuration
        self.rest_client = rest.RESTClientObject(self.configuration)
        self.default_headers: Dict[str, str] = {}
        if header_name is not None and header_value is not None:
            self.default_headers[header_name] = header_value
        self.cookie = cookie
        self.user_agent = f"OpenAPI-Generator/{__version__}/python"
        self.client_side_validation = self.configuration.client_side_validation

    def __enter__(self) -> ApiClient:
        return self

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc_value: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the pooled connections."""
        self.rest_client.close()

    @property
    def user_agent(self) -> str:
        return self.default_headers["User-Agent"]

    @user_agent.setter
    def user_agent(self, value: str) -> None:
        self.default_headers["User-Agent"] = value

    def set_default_header(self, header_name: str, header_value: str) -> None:
        self.default_headers[header_name] = header_value

    @classmethod
    def get_default(cls) -> ApiClient:
        """The client that API classes created without one use."""
        if cls._default is None:
            cls._default = ApiClient()
        return cls._default

    @classmethod
    def set_default(cls, default: Optional[ApiClient]) -> None:
        cls._default = default

    # -- building requests -------------------------------------------------

    def param_serialize(
        self,
        method: str,
        resource_path: str,
        path_params: Optional[Dict[str, Any]] = None,
        query_params: Optional[List[Tuple[str, Any]]] = None,
        header_params: Optional[Dict[str, Any]] = None,
        body: Any = None,
        post_params: Optional[List[Tuple[str, Any]]] = None,
        files: Optional[Dict[str, Any]] = None,
        auth_settings: Optional[Sequence[str]] = None,
        collection_formats: Optional[Dict[str, str]] = None,
        _host: Optional[str] = None,
        _request_auth: Optional[Dict[str, Any]] = None,
    ) -> RequestSerialized:
        """Method, full URL, headers, body and form fields of a request.

        Per-call headers win over `default_headers`, and an ``Authorization``
        header given by the caller wins over the configured token.
        """
        config = self.configuration
        headers: Dict[str, Any] = dict(self.default_headers)
        if self.cookie:
            headers["Cookie"] = self.cookie
        if header_params:
            if collection_formats or not _all_str(header_params.values()):
                header_params = dict(
                    self.parameters_to_tuples(self.sanitize_for_serialization(header_params), collection_formats)
                )
            headers.update(header_params)

        if path_params:
            pairs = path_params.items() if not collection_formats and isinstance(path_params, dict) else (
                self.parameters_to_tuples(path_params, collection_formats)
            )
            for key, value in pairs:
                # An int needs neither sanitising nor quoting; it is most path parameters.
                if type(value) is not int:
                    value = quote(str(self.sanitize_for_serialization(value)), safe=config.safe_chars_for_path_param)
                resource_path = resource_path.replace("{" + key + "}", str(value))

        queries: List[Tuple[str, Any]] = []
        # Plain str and int values (most queries) are written at once; the rest are sanitised.
        query_text = _plain_query(query_params) if not collection_formats else None
        if query_text is not None:
            queries = list(query_params)  # type: ignore[arg-type]
        elif query_params:
            queries = self.parameters_to_tuples(
                self.sanitize_for_serialization(query_params), collection_formats
            )

        form: List[Tuple[str, Any]] = []
        if post_params or files:
            form = self.parameters_to_tuples(
                self.sanitize_for_serialization(post_params or []), collection_formats
            ) + self.files_parameters(files)

        self.update_params_for_auth(
            headers, queries, auth_settings, resource_path, method, body, request_auth=_request_auth
        )

        if body is not None:
            body = self.sanitize_for_serialization(body)

        url = (_host or config.host) + resource_path
        if queries:
            if query_text is None or len(queries) != len(query_params):  # type: ignore[arg-type]
                query_text = self.parameters_to_url_query(queries, collection_formats)  # a query token was added
            url += "?" + query_text
        return method, url, headers, body, form

    def call_api(
        self,
        method: str,
        url: str,
        header_params: Optional[Dict[str, str]] = None,
        body: Any = None,
        post_params: Optional[List[Tuple[str, Any]]] = None,
        _request_timeout: Any = None,
    ) -> rest.RESTResponse:
        """Send a serialized request; the answer's body is left for `response_deserialize` to read."""
        return self.rest_client.request(
            method,
            url,
            headers=header_params,
            body=body,
            post_params=post_params,
            _request_timeout=_request_timeout,
        )

    # -- decoding responses ------------------------------------------------

    def response_deserialize(
        self,
        response_data: rest.RESTResponse,
        response_types_map: Optional[Mapping[str, Optional[str]]] = None,
    ) -> ApiResponse[Any]:
        """The decoded response; a non-2xx status raises the matching `ApiException`.

        :raises ResponseDecodeError: a 2xx body that is not JSON or does not fit.
        """
        raw = response_data.read()
        status = response_data.status
        types = response_types_map or {}
        code = str(status)
        response_type = types.get(code) or types.get(code[0] + "XX")
        if not 200 <= status <= 299:
            raise self._error(response_data, response_type)
        # Looked up on the module each time, so that ``mock.patch("openapi_client.api_client.ApiResponse")``
        # takes effect; the class itself is built on first use, to keep `import openapi_client` fast.
        api_response: Type[ApiResponse[Any]] = getattr(sys.modules[__name__], "ApiResponse")
        return api_response(
            status_code=status,
            data=self._decode(response_data, response_type),
            headers=response_data.getheaders(),
            raw_data=raw,
        )

    def _decode(self, response_data: rest.RESTResponse, response_type: Optional[str]) -> Any:
        raw = response_data.data or b""
        if response_type is None:
            return None
        if response_type == "bytearray":
            return raw
        if response_type == "file":
            return self._write_temp_file(response_data)
        try:
            model = model_type(response_type)
        except KeyError:
            model = None
        if model is not None:
            try:
                # `model_validate_json` without its Python wrapper: parsed and validated in one pass.
                return model.__pydantic_validator__.validate_json(raw)
            except pydantic.ValidationError as error:
                raise ResponseDecodeError(
                    http_resp=response_data, expected=f"{response_type} JSON", problem=_summary(error)
                ) from None
        try:
            return self.deserialize(
                raw.decode(_charset(response_data)), response_type, response_data.getheader("content-type")
            )
        except (ValueError, TypeError) as error:
            raise ResponseDecodeError(
                http_resp=response_data, expected=response_type, problem=str(error)
            ) from None

    def _error(self, response_data: rest.RESTResponse, response_type: Optional[str]) -> ApiException:
        """The exception for an error status, with the error model parsed where declared."""
        raw = response_data.data or b""
        text = raw.decode(_charset(response_data), errors="replace")
        data: Any = None
        if response_type is not None:
            try:
                data = self._decode(response_data, response_type)
            except ApiException:
                data = None  # an unexpected error body is still quoted in `body`
            if isinstance(data, pydantic.BaseModel) and not data.model_fields_set & type(data).model_fields.keys():
                # None of the model's fields: another body (a proxy's, say), not one with defaults.
                data = None
        return error_for_response(response_data, text, data)

    def deserialize(self, response_text: str, response_type: str, content_type: Optional[str]) -> Any:
        """`response_text` as `response_type` (a model name, ``List[...]``, ``Dict[str, ...]``, a primitive)."""
        data: Any
        if content_type is None:
            # No type declared: JSON if it parses, else the text itself.
            try:
                data = json.loads(response_text)
            except ValueError:
                data = response_text
        elif re.match(r"^application/(json|[\w!#$&.+\-^_]+\+json)\s*(;|$)", content_type, re.I):
            data = json.loads(response_text) if response_text else None
        elif re.match(r"^text/[a-z.+-]+\s*(;|$)", content_type, re.I):
            data = response_text
        else:
            raise ApiException(status=0, reason=f"Unsupported content type: {content_type}")
        return self._deserialize(data, response_type)

    def _deserialize(self, data: Any, klass: Union[str, type]) -> Any:
        if data is None:
            return None
        if isinstance(klass, str):
            match = _LIST_TYPE.fullmatch(klass)
            if match:
                if not isinstance(data, list):
                    raise TypeError(f"expected a JSON array, not {type(data).__name__}")
                return [self._deserialize(item, match.group(1)) for item in data]
            match = _DICT_TYPE.fullmatch(klass)
            if match:
                if not isinstance(data, dict):
                    raise TypeError(f"expected a JSON object, not {type(data).__name__}")
                return {key: self._deserialize(value, match.group(2)) for key, value in data.items()}
            native = self.NATIVE_TYPES_MAPPING.get(klass)
            klass = native if native is not None else model_type(klass)
        if klass is object:
            return self.__deserialize_object(data)
        if klass is datetime.date:
            return self.__deserialize_date(data)
        if klass is datetime.datetime:
            return self.__deserialize_datetime(data)
        if klass is decimal.Decimal:
            return decimal.Decimal(data)
        if klass in self.PRIMITIVE_TYPES:
            return self.__deserialize_primitive(data, klass)
        if isinstance(klass, type) and issubclass(klass, Enum):
            return self.__deserialize_enum(data, klass)
        return self.__deserialize_model(data, klass)

    # The generated client's private helpers, under their mangled names
    # (``_ApiClient__deserialize_date``...), which test suites call.

    def __deserialize_primitive(self, data: Any, klass: type) -> Any:
        try:
            return klass(data)
        except UnicodeEncodeError:
            return str(data)
        except TypeError:
            return data

    def __deserialize_object(self, value: Any) -> Any:
        return value

    def __deserialize_date(self, string: str) -> datetime.date:
        return self.__deserialize_datetime(string, "date").date()

    def __deserialize_datetime(self, string: str, what: str = "datetime") -> datetime.datetime:
        from dateutil.parser import parse

        try:
            return parse(string)
        except (ValueError, OverflowError):
            raise ApiException(status=0, reason=f"Failed to parse `{string}` as {what} object") from None

    def __deserialize_enum(self, data: Any, klass: Type[Enum]) -> Enum:
        try:
            return klass(data)
        except ValueError:
            raise ApiException(status=0, reason=f"Failed to parse `{data}` as `{klass}`") from None

    def __deserialize_model(self, data: Any, klass: Any) -> Any:
        return klass.from_dict(data)

    def _write_temp_file(self, response_data: rest.RESTResponse) -> str:
        import tempfile

        disposition = response_data.getheader("Content-Disposition") or ""
        match = re.search(r'filename=[\'"]?([^\'"\s]+)[\'"]?', disposition)
        fd, path = tempfile.mkstemp(dir=self.configuration.temp_folder_path)
        os.close(fd)
        if match:
            os.remove(path)
            path = os.path.join(os.path.dirname(path), os.path.basename(match.group(1)))
        with open(path, "wb") as file:
            file.write(response_data.data or b"")
        return path

    # -- helpers of the generated client -------------------------------------

    def sanitize_for_serialization(self, obj: Any) -> Any:
        """`obj` as JSON-ready data: models through `to_dict`, dates as ISO 8601, Decimal as str."""
        if obj is None:
            return None
        if isinstance(obj, Enum):
            return obj.value
        if isinstance(obj, self.PRIMITIVE_TYPES):
            return obj
        if isinstance(obj, list):
            return [self.sanitize_for_serialization(item) for item in obj]
        if isinstance(obj, tuple):
            return tuple(self.sanitize_for_serialization(item) for item in obj)
        if isinstance(obj, (datetime.datetime, datetime.date)):
            return obj.isoformat()
        if isinstance(obj, decimal.Decimal):
            return str(obj)
        if isinstance(obj, dict):
            return {key: self.sanitize_for_serialization(value) for key, value in obj.items()}
        secret = getattr(obj, "get_secret_value", None)  # pydantic's SecretStr and SecretBytes
        if callable(secret):
            return secret()
        to_dict = getattr(obj, "to_dict", None)
        source = to_dict() if callable(to_dict) else obj.__dict__
        return self.sanitize_for_serialization(source)

    def parameters_to_tuples(
        self,
        params: Union[Dict[str, Any], List[Tuple[str, Any]]],
        collection_formats: Optional[Dict[str, str]],
    ) -> List[Tuple[str, Any]]:
        """Parameters as (name, value) pairs, lists joined by their collection format."""
        formats = collection_formats or {}
        pairs: List[Tuple[str, Any]] = []
        for key, value in params.items() if isinstance(params, dict) else params:
            fmt = formats.get(key)
            if fmt is None or not isinstance(value, (list, tuple)):
                pairs.append((key, value))
            elif fmt == "multi":
                pairs.extend((key, item) for item in value)
            else:
                pairs.append((key, _DELIMITERS[fmt].join(str(item) for item in value)))
        return pairs

    def parameters_to_url_query(
        self,
        params: Union[Dict[str, Any], List[Tuple[str, Any]]],
        collection_formats: Optional[Dict[str, str]],
    ) -> str:
        """Parameters as a URL query string."""
        formats = collection_formats or {}
        parts: List[str] = []
        for key, value in params.items() if isinstance(params, dict) else params:
            items = list(value) if isinstance(value, (list, tuple)) else [value]
            texts = [_query_text(item) for item in items]
            fmt = formats.get(key)
            if fmt == "multi" or (fmt is None and len(texts) > 1):
                parts.extend(f"{key}={quote(text)}" for text in texts)
            else:
                # The delimiter itself stays unencoded, as in generated clients.
                delimiter = _DELIMITERS.get(fmt or "csv", ",")
                parts.append(f"{key}={delimiter.join(quote(text) for text in texts)}")
        return "&".join(parts)

    def files_parameters(
        self, files: Optional[Dict[str, Union[str, bytes, List[str], List[bytes], Tuple[str, bytes]]]] = None
    ) -> List[Tuple[str, Any]]:
        """Form fields for file uploads: each a path, raw bytes or a (filename, bytes) pair."""
        params: List[Tuple[str, Any]] = []
        for key, value in (files or {}).items():
            if isinstance(value, tuple):
                filename, data = value
                params.append((key, (filename, data, _mimetype(filename))))
                continue
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, str):
                    with open(item, "rb") as file:
                        filename, data = os.path.basename(file.name), file.read()
                elif isinstance(item, bytes):
                    filename, data = key, item
                else:
                    raise ApiValueError(f"unsupported file value for {key!r}: {type(item).__name__}")
                params.append((key, (filename, data, _mimetype(filename))))
        return params

    def select_header_accept(self, accepts: Sequence[str]) -> Optional[str]:
        """The JSON type if offered, else the first."""
        return _prefer_json(accepts)

    def select_header_content_type(self, content_types: Sequence[str]) -> Optional[str]:
        """The JSON type if offered, else the first."""
        return _prefer_json(content_types)

    def update_params_for_auth(
        self,
        headers: Dict[str, Any],
        queries: List[Tuple[str, Any]],
        auth_settings: Optional[Sequence[str]],
        resource_path: str,
        method: str,
        body: Any,
        request_auth: Optional[Mapping[str, Any]] = None,
    ) -> None:
        """Add the credentials of `auth_settings` (or of `request_auth`, for one call)."""
        if request_auth:
            self._apply_auth_params(headers, queries, resource_path, method, body, request_auth)
            return
        if not auth_settings:
            return
        configured: Mapping[str, Any] = self.configuration.auth_settings()
        for name in auth_settings:
            setting = configured.get(name)
            if setting:
                self._apply_auth_params(headers, queries, resource_path, method, body, setting)

    def _apply_auth_params(
        self,
        headers: Dict[str, Any],
        queries: List[Tuple[str, Any]],
        resource_path: str,
        method: str,
        body: Any,
        auth_setting: Mapping[str, Any],
    ) -> None:
        where = auth_setting.get("in", auth_setting.get("in_"))
        key, value = auth_setting["key"], auth_setting["value"]
        if where == "cookie":
            headers["Cookie"] = value
        elif where == "header":
            if auth_setting.get("type") == "http-signature":
                return
            if key not in headers:  # nor under another case: a caller's header wins
                lowered = key.lower()
                for name in headers:
                    if name.lower() == lowered:
                        break
                else:
                    headers[key] = value
        elif where == "query":
            queries.append((key, value))
        else:
            raise ApiValueError("Authentication token must be in `query` or `header`")


_DELIMITERS = {"csv": ",", "ssv": " ", "tsv": "\t", "pipes": "|"}


def __getattr__(name: str) -> Any:
    # `ApiResponse` is a module attribute, as generated, imported on first use.
    return load(name, {"ApiResponse": "openapi_client.api_response"}, globals())

def _all_str(values: Any) -> bool:
    for value in values:
        if type(value) is not str:
            return False
    return True


def _plain_query(params: Any) -> Optional[str]:
    """A list of (name, str or int) pairs as `parameters_to_url_query` writes it; None for anything else.

    Most queries are such pairs, which need no sanitising (a bool does: it is sent as true/false).
    """
    if type(params) is not list:
        return None
    parts = []
    for key, value in params:
        kind = type(value)
        if kind is int:
            parts.append(f"{key}={value}")
        elif kind is str:
            parts.append(f"{key}={quote(value)}")
        else:
            return None
    return "&".join(parts)


def _query_text(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return json.dumps(value)
    return str(value)


def _mimetype(filename: str) -> str:
    import mimetypes

    return mimetypes.guess_type(filename)[0] or "application/octet-stream"


def _prefer_json(types: Sequence[str]) -> Optional[str]:
    if not types:
        return None
    for candidate in types:
        if re.search("json", candidate, re.IGNORECASE):
            return candidate
    return types[0]


def _charset(response_data: rest.RESTResponse) -> str:
    """The body's charset if Python can decode it, else UTF-8 (a server may name any: binary, unknown-8bit)."""
    match = _CHARSET.search(response_data.getheader("content-type") or "")
    if match is None:
        return "utf-8"
    name = match.group(1)
    codec = _CODECS.get(name)
    if codec is None:
        codec = name
        try:
            b"a".decode(name)  # also refuses codecs that are not text, such as base64
        except LookupError:
            codec = "utf-8"
        except ValueError:
            pass  # a known charset; one byte is not enough for it (UTF-16)
        if len(_CODECS) < 64:
            _CODECS[name] = codec
    return codec


def _summary(error: pydantic.ValidationError) -> str:
    """A pydantic error in one line: each problem with its location."""
    problems = []
    for item in error.errors()[:5]:
        where = ".".join(str(part) for part in item["loc"]) or "body"
        problems.append(f"{where}: {item['msg']}")
    more = error.error_count() - len(problems)
    return "; ".join(problems) + (f" (and {more} more)" if more > 0 else "")
