"""What every operation shares: its argument checks, its send, and its three public doors.

An operation is written once, as a private method with the full public
signature (`AgentsApi._list_agent_runs`) that checks its arguments and
returns a `Prepared` request. `doors` turns it into the three public methods
every generated operation has: the plain one (the decoded model), the
``_with_http_info`` one (an `ApiResponse`) and the ``_without_preload_content``
one (the urllib3 response, body unread). `ApiBase._send` sends them all.
"""

from __future__ import annotations

import inspect
import sys
import re
from enum import Enum
from typing import TYPE_CHECKING, Any, Callable, Dict, Generic, List, Literal, Mapping, Optional, Tuple, TypeVar, Union, overload

import pydantic
import urllib3
from pydantic_core import PydanticCustomError
from typing_extensions import Concatenate, ParamSpec

from openapi_client import models
from openapi_client.api_client import ApiClient, RequestSerialized
from openapi_client.exceptions import ApiValueError
from openapi_client.rest import CallOptions, call_options, make_timeout
from openapi_client.retry import RetriesSetting

if TYPE_CHECKING:
    from openapi_client.api_response import ApiResponse

__all__ = ["ApiBase", "Endpoint", "Prepared", "RequestTimeout", "RetriesSetting", "doors", "responses"]

#: What `_request_timeout` accepts: seconds, a (connect, read) pair or a `urllib3.Timeout`.
RequestTimeout = Union[None, float, Tuple[float, float], urllib3.Timeout]

T = TypeVar("T")
P = ParamSpec("P")
A = TypeVar("A", bound="ApiBase")

_DATA: Literal["data"] = "data"
_INFO: Literal["info"] = "info"
_RAW: Literal["raw"] = "raw"
_AUTH = ("BearerAuth",)


class Prepared(Generic[T]):
    """A checked, serialized request, ready to send; `T` is the model a 2xx answer decodes to."""

    __slots__ = ("operation", "request", "response_types", "timeout", "retries", "options")

    def __init__(
        self,
        operation: str,
        request: RequestSerialized,
        response_types: Mapping[str, Optional[str]],
        timeout: RequestTimeout,
        retries: RetriesSetting,
        options: Optional[CallOptions] = None,
    ) -> None:
        self.operation = operation
        self.request = request
        self.response_types = response_types
        self.timeout = timeout
        self.retries = retries
        #: The settings the transport gets for a door that reads the body.
        self.options = CallOptions(retries, True, operation) if options is None else options


#: The error bodies of the contract, by status; 404 has another one for run creation.
_ERROR_MODELS = {
    402: "AgentRunLimitReachedErrorResponse",
    403: "PermissionsErrorResponse",
    404: "AgentRunNotFoundErrorResponse",
    422: "HTTPValidationError",
    429: "APIRateLimitErrorResponse",
}


def responses(model: str, *errors: int) -> Dict[str, Optional[str]]:
    """An operation's response types: `model` for a 2xx, and the error bodies of 422, 429 and `errors`."""
    types: Dict[str, Optional[str]] = {"200": model, "2XX": model}
    for status in (*errors, 422, 429):
        types[str(status)] = _ERROR_MODELS[status]
    return types


class Endpoint:
    """An operation's fixed facts: its name (for errors and logs), method, path and response types.

    `response_types` maps a status (or ``"2XX"``) to the model name its body
    decodes to; names are resolved on first use, so models stay lazy.
    """

    __slots__ = ("name", "method", "path", "response_types", "_default_options")

    def __init__(self, name: str, method: str, path: str, response_types: Mapping[str, Optional[str]]) -> None:
        self.name = name
        self.method = method
        self.path = path
        self.response_types = response_types
        self._default_options = CallOptions(None, True, name)  # made once: most calls set no retries

    def prepare(
        self,
        api: ApiBase,
        path_params: Optional[Dict[str, Any]],
        authorization: Any,
        timeout: Any,
        request_auth: Any,
        content_type: Any,
        headers: Any,
        host_index: Any,
        retries: RetriesSetting,
        query: Optional[List[Tuple[str, Any]]] = None,
        body: Any = None,
    ) -> Prepared[Any]:
        """Check the per-call keywords and serialize the request; nothing is sent yet."""
        name = self.name
        call_headers = _call_headers(name, authorization, request_auth, content_type, headers, host_index)
        if timeout is not None:
            _check_timeout(name, timeout)  # checked here; sent on as given, as generated clients do
        if body is not None:
            call_headers.setdefault("Content-Type", "application/json")
            if "json" in call_headers["Content-Type"].lower():
                body = _json_body(body)
        request = api.api_client.param_serialize(
            self.method,
            self.path,
            path_params=path_params,
            query_params=query,
            header_params=call_headers,
            body=body,
            auth_settings=_AUTH,
            _request_auth=request_auth,
        )
        return Prepared(
            name, request, self.response_types, timeout, retries, self._default_options if retries is None else None
        )


class ApiBase:
    """What the API classes share: the client they send through, and the send.

    :param api_client: the client to send through; `ApiClient.get_default()` if None.
    """

    def __init__(self, api_client: Optional[ApiClient] = None) -> None:
        if api_client is None:
            api_client = _module_api_client(type(self)).get_default()
        self.api_client = api_client

    @overload
    def _send(self, prepared: Prepared[T], mode: Literal["data"]) -> T: ...
    @overload
    def _send(self, prepared: Prepared[T], mode: Literal["info"]) -> ApiResponse[T]: ...
    @overload
    def _send(self, prepared: Prepared[T], mode: Literal["raw"]) -> urllib3.BaseHTTPResponse: ...

    def _send(self, prepared: Prepared[T], mode: str) -> Any:
        """Send as generated clients do, through `call_api` and `response_deserialize`.

        The SDK's own settings travel in `rest.call_options`, so that the
        seams users override or mock keep their generated signatures.
        """
        client = self.api_client
        options = prepared.options if mode != _RAW else CallOptions(prepared.retries, False, prepared.operation)
        token = call_options.set(options)
        try:
            response = client.call_api(*prepared.request, _request_timeout=prepared.timeout)
        finally:
            call_options.reset(token)
        if mode == _RAW:
            return response.response
        if mode == _DATA and getattr(type(client), "response_deserialize", None) is _RESPONSE_DESERIALIZE:
            # The decoded data alone, without building the `ApiResponse` around it.
            return client.response_data(response, prepared.response_types)
        response.read()
        info = client.response_deserialize(response_data=response, response_types_map=prepared.response_types)
        return info.data if mode == _DATA else info


_RESPONSE_DESERIALIZE = ApiClient.response_deserialize


def _module_api_client(cls: type) -> Any:
    """The `ApiClient` of the module that defines `cls` (as generated, each API module has one).

    Looked up when used, so that ``mock.patch("openapi_client.api.agents_api.ApiClient")``
    takes effect as it does in a generated client.
    """
    for klass in cls.__mro__:
        found = getattr(sys.modules.get(klass.__module__), "ApiClient", None)
        if found is not None:
            return found
    return ApiClient  # pragma: no cover - ApiBase's own module has it


def doors(
    define: Callable[Concatenate[A, P], Prepared[T]],
) -> Tuple[
    Callable[Concatenate[A, P], T],
    Callable[Concatenate[A, P], ApiResponse[T]],
    Callable[Concatenate[A, P], urllib3.BaseHTTPResponse],
]:
    """The three public methods of the operation `define` (named ``_<operation>``).

    Each takes `define`'s parameters, and shows them to `inspect.signature`
    and `typing.get_type_hints` with its own return type. The module that
    holds `define` must have the names ``openapi_client`` and ``urllib3``,
    which the return types of the second and third door name.
    """

    def plain(self: A, /, *args: P.args, **kwargs: P.kwargs) -> T:
        return self._send(define(self, *args, **kwargs), _DATA)

    def with_http_info(self: A, /, *args: P.args, **kwargs: P.kwargs) -> ApiResponse[T]:
        return self._send(define(self, *args, **kwargs), _INFO)

    def without_preload_content(self: A, /, *args: P.args, **kwargs: P.kwargs) -> urllib3.BaseHTTPResponse:
        return self._send(define(self, *args, **kwargs), _RAW)

    name = define.__name__.lstrip("_")
    model = _model_annotation(define)
    _dress(plain, define, name, model, define.__doc__)
    _dress(
        with_http_info, define, f"{name}_with_http_info", f"openapi_client.ApiResponse[{model}]",
        f"`{name}`, as an `ApiResponse`: the status code, headers and raw body with the decoded data.",
    )
    _dress(
        without_preload_content, define, f"{name}_without_preload_content", "urllib3.BaseHTTPResponse",
        f"`{name}`, returning the urllib3 response with its body unread; no status check.",
    )
    return plain, with_http_info, without_preload_content


_PREPARED = re.compile(r"(?:\w+\.)*Prepared\[(.+)\]")


def _model_annotation(define: Callable[..., Any]) -> str:
    annotation = define.__annotations__.get("return")
    match = _PREPARED.fullmatch(annotation) if isinstance(annotation, str) else None
    if match is None:
        raise TypeError(f"{define.__qualname__} must be annotated '-> Prepared[Model]' (as a string)")
    return match.group(1)


def _dress(door: Any, define: Callable[..., Any], name: str, returns: str, doc: Optional[str]) -> None:
    """Give `door` the name, docs and signature of `define`, with `returns` as its return type."""
    door.__name__ = name
    door.__qualname__ = define.__qualname__.rsplit(".", 1)[0] + "." + name if "." in define.__qualname__ else name
    door.__module__ = define.__module__
    door.__doc__ = doc
    door.__wrapped__ = define  # typing.get_type_hints resolves names in define's module
    door.__annotations__ = {**define.__annotations__, "return": returns}
    door.__signature__ = inspect.signature(define).replace(return_annotation=returns)


# -- argument checks: all before any I/O ----------------------------------------

# Credentials are never quoted back, not even in an argument error.
_REDACTED = "<redacted>"


def invalid(
    operation: str, argument: str, value: Any, error_type: Union[str, PydanticCustomError], **ctx: Any
) -> pydantic.ValidationError:
    """The `pydantic.ValidationError` for a bad argument of `operation`."""
    detail: Dict[str, Any] = {"type": error_type, "loc": (argument,), "input": value}
    if ctx:
        detail["ctx"] = ctx
    return pydantic.ValidationError.from_exception_data(operation, [detail])  # type: ignore[list-item]


def check_int(operation: str, argument: str, value: Any) -> None:
    """A strict int, as the generated client wants: no bool, float or numeric string."""
    if type(value) is not int and (not isinstance(value, int) or isinstance(value, bool)):
        raise invalid(operation, argument, value, "int_type")


def check_query_int(
    operation: str, argument: str, value: Any, minimum: Optional[int] = None, maximum: Optional[int] = None
) -> None:
    """An optional strict int within the contract's bounds; None is not sent."""
    if value is None:
        return
    check_int(operation, argument, value)
    if minimum is not None and value < minimum:
        raise invalid(operation, argument, value, "greater_than_equal", ge=minimum)
    if maximum is not None and value > maximum:
        raise invalid(operation, argument, value, "less_than_equal", le=maximum)


#: The most items a paged operation gives per request: its `limit` at most.
MAX_PAGE_SIZE = 100


def check_page(operation: str, skip: Any, limit: Any) -> None:
    """The paging parameters every list operation takes: ``skip >= 0``, ``1 <= limit <= MAX_PAGE_SIZE``."""
    check_query_int(operation, "skip", skip, 0)
    check_query_int(operation, "limit", limit, 1, MAX_PAGE_SIZE)


def check_bool(operation: str, argument: str, value: Any) -> None:
    """An optional strict bool; None is not sent."""
    if value is not None and type(value) is not bool:
        raise invalid(operation, argument, value, "bool_type")


def check_enum_or_str(operation: str, argument: str, value: Any, enum_name: str) -> None:
    """An optional member of a string enum, or a plain str (for values newer than the SDK)."""
    if value is not None and not isinstance(value, str) and not (isinstance(value, Enum) and isinstance(value.value, str)):
        raise invalid(
            operation, argument, value,
            PydanticCustomError("enum_or_str", "Input should be a {enum} or a str", {"enum": enum_name}),
        )


def present(*params: Tuple[str, Any]) -> List[Tuple[str, Any]]:
    """The query parameters that were given: one left at None is not sent."""
    return [param for param in params if param[1] is not None]


def check_body(operation: str, argument: str, model_name: str, body: Any) -> Any:
    """`body` as the model `model_name`: the model itself, or a dict it validates.

    Errors name the argument and the field, as ``create_agent_run_input.prompt``.
    """
    model = models.model_type(model_name)
    if isinstance(body, model):
        return body
    if isinstance(body, dict):
        try:
            return model.model_validate(body)
        except pydantic.ValidationError as error:
            details = [
                {
                    "type": e["type"], "loc": (argument, *e["loc"]), "input": e["input"],
                    **({"ctx": e["ctx"]} if "ctx" in e else {}),
                }
                for e in error.errors()
            ]
            raise pydantic.ValidationError.from_exception_data(operation, details) from None  # type: ignore[arg-type]
    raise invalid(operation, argument, body, "model_type", class_name=model_name)


def _check_timeout(operation: str, timeout: Any) -> urllib3.Timeout:
    try:
        return make_timeout(timeout)
    except ApiValueError:
        raise invalid(operation, "_request_timeout", timeout, "float_type") from None


def _json_body(body: Any) -> Any:
    """A model body as JSON bytes, written by pydantic in one step.

    That is `to_dict()` exactly unless the caller added fields of their own
    or the body holds an explicit null, which `to_dict()` keeps (in a
    nullable field); those bodies, and anything but a model, go the general way.
    """
    if not isinstance(body, pydantic.BaseModel) or body.__pydantic_extra__:
        return body
    if any(getattr(body, name) is None for name in body.model_fields_set):
        return body
    return body.__pydantic_serializer__.to_json(body, by_alias=True, exclude_none=True)


def _call_headers(
    operation: str,
    authorization: Any,
    request_auth: Any,
    content_type: Any,
    headers: Any,
    host_index: Any,
) -> Dict[str, str]:
    """The call's own headers, after checking the per-call keywords."""
    if authorization is not None and not isinstance(authorization, str):
        raise invalid(operation, "authorization", _REDACTED, "string_type")
    if content_type is not None and not isinstance(content_type, str):
        raise invalid(operation, "_content_type", content_type, "string_type")
    if type(host_index) is not int:
        raise invalid(operation, "_host_index", host_index, "int_type")
    if host_index != 0:
        # The generated client ignores it here; a choice that cannot be honoured is refused instead.
        raise invalid(operation, "_host_index", host_index, _NO_OPERATION_SERVERS)
    if request_auth is not None and not (
        isinstance(request_auth, dict)
        and {"key", "value"} <= request_auth.keys()
        and ("in" in request_auth or "in_" in request_auth)
    ):
        raise invalid(operation, "_request_auth", _REDACTED, "dict_type")
    result: Dict[str, str] = {}
    if headers is not None:
        if not isinstance(headers, Mapping) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in headers.items()
        ):
            raise invalid(operation, "_headers", headers, "dict_type")
        result.update(headers)
    if authorization is not None:
        result["Authorization"] = authorization
    if content_type is not None:
        result["Content-Type"] = content_type
    result.setdefault("Accept", "application/json")
    return result


_NO_OPERATION_SERVERS = PydanticCustomError(
    "no_operation_servers",
    "the API's operations have no servers of their own, so only 0 is valid;"
    " choose the host with Configuration.host or Configuration.server_index",
)
