"""How an API operation is defined, checked and sent.

Defining an operation
---------------------
An operation is two things in its API module. An `Endpoint` holds its fixed
facts: the name the SDK gives it in errors, its method, path, response types
and, if it takes one, the model of its body. A method named after the
operation with a leading ``_`` has the operation's public signature, checks
its query arguments and prepares the request::

    _RESUME = Endpoint("resume_agent_run", "POST", "/v1/organizations/{org_id}/agent/run/resume",
                       responses("AgentRunResponse", 403, 404), body="ResumeAgentRunInput")

    class AgentsApi(ApiBase):
        def _resume_agent_run(
            self, org_id: int, resume_agent_run_input: ResumeBody, authorization: Optional[str] = None,
            _request_timeout: RequestTimeout = None, _request_auth: RequestAuth = None,
            _content_type: Optional[str] = None, _headers: Headers = None, _host_index: int = 0,
            *, _retries: RetriesSetting = None,
        ) -> Prepared[models.AgentRunResponse]:
            \"""Resume Agent Run (POST /v1/organizations/{org_id}/agent/run/resume). ...\"""
            options = RequestOptions(authorization, _request_timeout, _request_auth, _content_type, _headers,
                                     _host_index, _retries)
            return _RESUME.prepare(self, options, path={"org_id": org_id}, body=resume_agent_run_input)

        (resume_agent_run, resume_agent_run_with_http_info,
         resume_agent_run_without_preload_content) = public_methods(_resume_agent_run)

        # the generated names: the same methods under the names the contract gives them
        resume_agent_run_v1_organizations_org_id_agent_run_resume_post = resume_agent_run
        resume_agent_run_v1_organizations_org_id_agent_run_resume_post_with_http_info = resume_agent_run_with_http_info
        ...

`Endpoint.prepare` checks, in this order and before anything is sent, the
path parameters (ints in this API), the body (a model or a dict it
validates, passed as the argument named after the model in snake case, as
generated) and the per-call keywords, which travel as one `RequestOptions`.
Query parameters are checked by the definition itself (`arguments.check_page`,
`arguments.check_query_int`...) and given as ``query=query_params(skip=skip, ...)``,
which leaves out those at None. Every check raises a
`pydantic.ValidationError` that names the argument.

`public_methods` makes the three methods every generated operation has: the
plain one (the decoded model), ``_with_http_info`` (an `ApiResponse`) and
``_without_preload_content`` (the urllib3 response, body unread). The module
must import ``openapi_client`` and ``urllib3``, which the return types of
the last two name. All three send through the generated seams,
`ApiClient.call_api` and `ApiClient.response_deserialize`.
"""

from __future__ import annotations

import inspect
import re
import sys
from typing import TYPE_CHECKING, Any, Callable, Dict, Generic, List, Mapping, Optional, Tuple, TypeVar, Union

import pydantic
import urllib3
from pydantic_core import PydanticCustomError
from typing_extensions import Concatenate, ParamSpec

from openapi_client.api_client import ApiClient, RequestSerialized
from openapi_client.arguments import argument_error, check_body, check_int
from openapi_client.exceptions import ApiValueError
from openapi_client.configuration import make_timeout
from openapi_client.rest import CallOptions, call_options
from openapi_client.retry import RetriesSetting

if TYPE_CHECKING:
    from openapi_client.api_response import ApiResponse

__all__ = [
    "ApiBase", "Endpoint", "Headers", "Prepared", "RequestAuth", "RequestOptions", "RequestTimeout",
    "RetriesSetting", "public_methods", "responses",
]

#: What `_request_timeout` accepts: seconds, a (connect, read) pair or a `urllib3.Timeout`.
RequestTimeout = Union[None, float, Tuple[float, float], urllib3.Timeout]
#: What `_request_auth` accepts: one auth setting, as `Configuration.auth_settings()` gives them.
RequestAuth = Optional[Dict[str, Any]]
#: What `_headers` accepts: extra headers for one call.
Headers = Optional[Mapping[str, str]]

T = TypeVar("T")
P = ParamSpec("P")
A = TypeVar("A", bound="ApiBase")

_AUTH = ("BearerAuth",)
# Credentials are never quoted back, not even in an argument error.
_REDACTED = "<redacted>"


class RequestOptions:
    """The per-call keywords every operation takes, in one object (in the order of the signature)."""

    __slots__ = ("authorization", "timeout", "auth", "content_type", "headers", "host_index", "retries")

    def __init__(
        self,
        authorization: Optional[str] = None,
        timeout: RequestTimeout = None,
        auth: RequestAuth = None,
        content_type: Optional[str] = None,
        headers: Headers = None,
        host_index: int = 0,
        retries: RetriesSetting = None,
    ) -> None:
        self.authorization = authorization
        self.timeout = timeout
        self.auth = auth
        self.content_type = content_type
        self.headers = headers
        self.host_index = host_index
        self.retries = retries

    def checked_headers(self, operation: str) -> Dict[str, str]:
        """The call's own headers, after checking every option; raises naming the keyword at fault."""
        if self.authorization is not None and not isinstance(self.authorization, str):
            raise argument_error(operation, "authorization", _REDACTED, "string_type")
        if self.timeout is not None:
            try:
                make_timeout(self.timeout)  # checked here; sent on as given, as generated clients do
            except ApiValueError:
                raise argument_error(operation, "_request_timeout", self.timeout, "float_type") from None
        if self.content_type is not None and not isinstance(self.content_type, str):
            raise argument_error(operation, "_content_type", self.content_type, "string_type")
        if type(self.host_index) is not int:
            raise argument_error(operation, "_host_index", self.host_index, "int_type")
        if self.host_index != 0:
            # The generated client ignores it here; a choice that cannot be honoured is refused instead.
            raise argument_error(operation, "_host_index", self.host_index, _NO_OPERATION_SERVERS)
        auth = self.auth
        if auth is not None and not (
            isinstance(auth, dict) and {"key", "value"} <= auth.keys() and ("in" in auth or "in_" in auth)
        ):
            raise argument_error(operation, "_request_auth", _REDACTED, "dict_type")
        headers: Dict[str, str] = {}
        if self.headers is not None:
            if not isinstance(self.headers, Mapping) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in self.headers.items()
            ):
                raise argument_error(operation, "_headers", self.headers, "dict_type")
            headers.update(self.headers)
        if self.authorization is not None:
            headers["Authorization"] = self.authorization
        if self.content_type is not None:
            headers["Content-Type"] = self.content_type
        headers.setdefault("Accept", "application/json")
        return headers


_NO_OPERATION_SERVERS = PydanticCustomError(
    "no_operation_servers",
    "the API's operations have no servers of their own, so only 0 is valid;"
    " choose the host with Configuration.host or Configuration.server_index",
)


class Prepared(Generic[T]):
    """A checked, serialized request, ready to send; `T` is the model a 2xx answer decodes to."""

    __slots__ = ("endpoint", "request", "timeout", "retries")

    def __init__(self, endpoint: Endpoint, request: RequestSerialized, timeout: RequestTimeout,
                 retries: RetriesSetting) -> None:
        self.endpoint = endpoint
        self.request = request
        self.timeout = timeout
        self.retries = retries


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
    """An operation's fixed facts: its name (for errors and logs), method, path, response types and body.

    `response_types` maps a status (or ``"2XX"``) to the model name its body
    decodes to; names are resolved on first use, so models stay lazy. `body`
    names the model of the request body, if it has one; the argument that
    takes it is that name in snake case (``create_agent_run_input``), as generated.
    """

    __slots__ = ("name", "method", "path", "response_types", "body_model", "body_argument")

    def __init__(
        self, name: str, method: str, path: str, response_types: Mapping[str, Optional[str]],
        body: Optional[str] = None,
    ) -> None:
        self.name = name
        self.method = method
        self.path = path
        self.response_types = response_types
        self.body_model = body
        self.body_argument = None if body is None else snake_case(body)

    def prepare(
        self,
        api: ApiBase,
        options: RequestOptions,
        *,
        path: Optional[Dict[str, Any]] = None,
        query: Optional[List[Tuple[str, Any]]] = None,
        body: Any = None,
    ) -> Prepared[Any]:
        """Check the path parameters (all ints in this API), the body and the per-call `options`,
        and serialize the request; nothing is sent yet.
        """
        for argument, value in (path or {}).items():
            check_int(self.name, argument, value)
        if self.body_model is not None:
            body = check_body(self.name, self.body_argument or "", self.body_model, body)
        headers = options.checked_headers(self.name)
        if body is not None:
            headers.setdefault("Content-Type", "application/json")
            if "json" in headers["Content-Type"].lower():
                body = _json_body(body)
        request = api.api_client.param_serialize(
            self.method,
            self.path,
            path_params=path,
            query_params=query,
            header_params=headers,
            body=body,
            auth_settings=_AUTH,
            _request_auth=options.auth,
        )
        return Prepared(self, request, options.timeout, options.retries)


def snake_case(name: str) -> str:
    """A model name as the generated argument name: ``EditPRInput`` is ``edit_pr_input``."""
    return re.sub(r"([a-z\d])([A-Z])", r"\1_\2", re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)).lower()


class ApiBase:
    """What the API classes share: the client they send through, and the send.

    :param api_client: the client to send through; `ApiClient.get_default()` if None.
    """

    def __init__(self, api_client: Optional[ApiClient] = None) -> None:
        if api_client is None:
            api_client = _module_api_client(type(self)).get_default()
        self.api_client = api_client

    def _send(self, prepared: Prepared[Any], preload_content: bool = True) -> Any:
        """Send as generated clients do, through `call_api`; the answer's body is left unread.

        The SDK's own settings for the call travel in `rest.call_options`, so
        that the seams users override or mock keep their generated signatures.
        """
        endpoint = prepared.endpoint
        token = call_options.set(CallOptions(prepared.retries, preload_content, endpoint.name))
        try:
            return self.api_client.call_api(*prepared.request, _request_timeout=prepared.timeout)
        finally:
            call_options.reset(token)

    def _send_and_decode(self, prepared: Prepared[T]) -> ApiResponse[T]:
        """Send, read the body and decode it with `response_deserialize`; an error status raises."""
        response = self._send(prepared)
        response.read()
        info: ApiResponse[T] = self.api_client.response_deserialize(
            response_data=response, response_types_map=prepared.endpoint.response_types
        )
        return info


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


def public_methods(
    define: Callable[Concatenate[A, P], Prepared[T]],
) -> Tuple[
    Callable[Concatenate[A, P], T],
    Callable[Concatenate[A, P], ApiResponse[T]],
    Callable[Concatenate[A, P], urllib3.BaseHTTPResponse],
]:
    """The three public methods of the operation `define` (named ``_<operation>``).

    Each takes `define`'s parameters and shows them to `inspect.signature`
    and `typing.get_type_hints`, with its own return type.
    """

    def plain(self: A, /, *args: P.args, **kwargs: P.kwargs) -> T:
        return self._send_and_decode(define(self, *args, **kwargs)).data

    def with_http_info(self: A, /, *args: P.args, **kwargs: P.kwargs) -> ApiResponse[T]:
        return self._send_and_decode(define(self, *args, **kwargs))

    def without_preload_content(self: A, /, *args: P.args, **kwargs: P.kwargs) -> urllib3.BaseHTTPResponse:
        response: urllib3.BaseHTTPResponse = self._send(define(self, *args, **kwargs), preload_content=False).response
        return response

    name = define.__name__.lstrip("_")
    model = _model_annotation(define)
    _adopt_signature(plain, define, name, model, define.__doc__)
    _adopt_signature(
        with_http_info, define, f"{name}_with_http_info", f"openapi_client.ApiResponse[{model}]",
        f"`{name}`, as an `ApiResponse`: the status code, headers and raw body with the decoded data.",
    )
    _adopt_signature(
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


def _adopt_signature(method: Any, define: Callable[..., Any], name: str, returns: str, doc: Optional[str]) -> None:
    """Give `method` the name, docs and signature of `define`, with `returns` as its return type."""
    method.__name__ = name
    method.__qualname__ = define.__qualname__.rsplit(".", 1)[0] + "." + name if "." in define.__qualname__ else name
    method.__module__ = define.__module__
    method.__doc__ = doc
    method.__wrapped__ = define  # typing.get_type_hints resolves names in define's module
    method.__annotations__ = {**define.__annotations__, "return": returns}
    method.__signature__ = inspect.signature(define).replace(return_annotation=returns)


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
