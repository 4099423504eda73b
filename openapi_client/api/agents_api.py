"""The agent-run endpoints.

Each operation is defined once (`_create_agent_run_request`,
`_get_agent_run_request`) and sent by one shared `_send`. The public methods
are doors onto those: the short names, the generated names with their
``_0``/``_1`` repeats (the contract lists the ``agents`` tag three times),
and the ``_with_http_info`` / ``_without_preload_content`` variants.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, Mapping, Optional, Tuple, Union

import pydantic
import urllib3
from pydantic_core import PydanticCustomError

from openapi_client.api_client import ApiClient, RequestSerialized
from openapi_client.exceptions import ApiValueError
from openapi_client.rest import make_timeout
from openapi_client.retry import RetriesSetting

# The models are built on first use, to keep `import openapi_client` fast: the
# annotations name them through their lazy namespaces, `models` and `openapi_client`,
# so that `typing.get_type_hints` still resolves them.
import openapi_client
from openapi_client import models

RequestTimeout = Union[None, float, Tuple[float, float], urllib3.Timeout]
CreateBody = Union["models.CreateAgentRunInput", Dict[str, Any]]
OnUpdate = Callable[["models.AgentRunResponse"], Any]
PromptOrInput = Union[str, "models.CreateAgentRunInput", Dict[str, Any]]

_RESPONSE_TYPES: Dict[str, Optional[str]] = {
    "200": "AgentRunResponse",
    "2XX": "AgentRunResponse",
    "422": "HTTPValidationError",
}
_AUTH = ("BearerAuth",)
_DATA, _INFO, _RAW = "data", "info", "raw"
_Prepared = Tuple[str, RequestSerialized]


class AgentsApi:
    """Create agent runs and follow them to their result.

    :param api_client: the client to send through; `ApiClient.get_default()` if None.
    """

    def __init__(self, api_client: Optional[ApiClient] = None) -> None:
        self.api_client = ApiClient.get_default() if api_client is None else api_client

    # -- the two operations ---------------------------------------------------

    def _create_agent_run_request(
        self,
        org_id: int,
        create_agent_run_input: CreateBody,
        authorization: Optional[str],
        _request_auth: Optional[Dict[str, Any]],
        _content_type: Optional[str],
        _headers: Optional[Mapping[str, str]],
        _host_index: int,
    ) -> _Prepared:
        """POST /v1/organizations/{org_id}/agent/run: start an agent on a prompt."""
        name = "create_agent_run"
        _check_int(name, "org_id", org_id)
        body = _check_body(name, create_agent_run_input)
        headers = _call_headers(name, authorization, _request_auth, _content_type, _headers, _host_index)
        headers.setdefault("Content-Type", "application/json")
        return name, self.api_client.param_serialize(
            "POST",
            "/v1/organizations/{org_id}/agent/run",
            path_params={"org_id": org_id},
            header_params=headers,
            body=_json_body(body) if "json" in headers["Content-Type"].lower() else body,
            auth_settings=_AUTH,
            _request_auth=_request_auth,
        )

    def _get_agent_run_request(
        self,
        agent_run_id: int,
        org_id: int,
        authorization: Optional[str],
        _request_auth: Optional[Dict[str, Any]],
        _content_type: Optional[str],
        _headers: Optional[Mapping[str, str]],
        _host_index: int,
    ) -> _Prepared:
        """GET /v1/organizations/{org_id}/agent/run/{agent_run_id}: the run's status and result."""
        name = "get_agent_run"
        _check_int(name, "agent_run_id", agent_run_id)
        _check_int(name, "org_id", org_id)
        headers = _call_headers(name, authorization, _request_auth, _content_type, _headers, _host_index)
        return name, self.api_client.param_serialize(
            "GET",
            "/v1/organizations/{org_id}/agent/run/{agent_run_id}",
            path_params={"org_id": org_id, "agent_run_id": agent_run_id},
            header_params=headers,
            auth_settings=_AUTH,
            _request_auth=_request_auth,
        )

    def _send(self, prepared: _Prepared, timeout: RequestTimeout, retries: RetriesSetting, mode: str) -> Any:
        operation, (method, url, headers, body, form) = prepared
        if timeout is not None:
            timeout = _check_timeout(operation, timeout)
        response = self.api_client.call_api(
            method, url, headers, body, form, timeout,
            retries=retries, preload_content=mode != _RAW, operation=operation,
        )
        if mode == _RAW:
            return response.response
        if mode == _DATA:
            return self.api_client.response_data(response, _RESPONSE_TYPES)
        return self.api_client.response_deserialize(response, _RESPONSE_TYPES)

    # -- doors: create ------------------------------------------------------------

    def create_agent_run(
        self,
        org_id: int,
        create_agent_run_input: CreateBody,
        authorization: Optional[str] = None,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Dict[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: RetriesSetting = None,
    ) -> models.AgentRunResponse:
        """Create Agent Run.

        Starts an agent on `create_agent_run_input.prompt` in organisation
        `org_id`; the run goes on after this returns, so follow it with
        `get_agent_run` or `wait_for_agent_run`.

        :param authorization: sent as the ``Authorization`` header; wins over the configured token.
        :param _request_timeout: seconds, or a ``(connect, read)`` pair, for this call.
        :param _retries: this call's retries (``0`` for none); see `Configuration.retries`.
        :raises pydantic.ValidationError: a bad argument, before anything is sent.
        :raises ApiException: the server refused, or could not be reached.
        """
        request = self._create_agent_run_request(
            org_id, create_agent_run_input, authorization, _request_auth, _content_type, _headers, _host_index
        )
        return self._send(request, _request_timeout, _retries, _DATA)  # type: ignore[no-any-return]

    def create_agent_run_with_http_info(
        self,
        org_id: int,
        create_agent_run_input: CreateBody,
        authorization: Optional[str] = None,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Dict[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: RetriesSetting = None,
    ) -> openapi_client.ApiResponse[models.AgentRunResponse]:
        """`create_agent_run`, returning status, headers and raw bytes with the run."""
        request = self._create_agent_run_request(
            org_id, create_agent_run_input, authorization, _request_auth, _content_type, _headers, _host_index
        )
        return self._send(request, _request_timeout, _retries, _INFO)  # type: ignore[no-any-return]

    def create_agent_run_without_preload_content(
        self,
        org_id: int,
        create_agent_run_input: CreateBody,
        authorization: Optional[str] = None,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Dict[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: RetriesSetting = None,
    ) -> urllib3.BaseHTTPResponse:
        """`create_agent_run`, returning the urllib3 response with its body unread; no status check."""
        request = self._create_agent_run_request(
            org_id, create_agent_run_input, authorization, _request_auth, _content_type, _headers, _host_index
        )
        return self._send(request, _request_timeout, _retries, _RAW)  # type: ignore[no-any-return]

    # -- doors: get ---------------------------------------------------------------

    def get_agent_run(
        self,
        agent_run_id: int,
        org_id: int,
        authorization: Optional[str] = None,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Dict[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: RetriesSetting = None,
    ) -> models.AgentRunResponse:
        """Get Agent Run: its current status, and its result once it has one.

        Takes the same per-call keywords as `create_agent_run`.
        """
        request = self._get_agent_run_request(
            agent_run_id, org_id, authorization, _request_auth, _content_type, _headers, _host_index
        )
        return self._send(request, _request_timeout, _retries, _DATA)  # type: ignore[no-any-return]

    def get_agent_run_with_http_info(
        self,
        agent_run_id: int,
        org_id: int,
        authorization: Optional[str] = None,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Dict[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: RetriesSetting = None,
    ) -> openapi_client.ApiResponse[models.AgentRunResponse]:
        """`get_agent_run`, returning status, headers and raw bytes with the run."""
        request = self._get_agent_run_request(
            agent_run_id, org_id, authorization, _request_auth, _content_type, _headers, _host_index
        )
        return self._send(request, _request_timeout, _retries, _INFO)  # type: ignore[no-any-return]

    def get_agent_run_without_preload_content(
        self,
        agent_run_id: int,
        org_id: int,
        authorization: Optional[str] = None,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Dict[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: RetriesSetting = None,
    ) -> urllib3.BaseHTTPResponse:
        """`get_agent_run`, returning the urllib3 response with its body unread; no status check."""
        request = self._get_agent_run_request(
            agent_run_id, org_id, authorization, _request_auth, _content_type, _headers, _host_index
        )
        return self._send(request, _request_timeout, _retries, _RAW)  # type: ignore[no-any-return]

    # -- doors: wait ------------------------------------------------------------

    def wait_for_agent_run(
        self,
        agent_run_id: int,
        org_id: int,
        *,
        timeout: Optional[float] = None,
        poll_interval: Optional[float] = None,
        on_update: Optional[OnUpdate] = None,
        progress: Optional[bool] = None,
    ) -> models.AgentRunResponse:
        """Poll the run until its status is final (``COMPLETE``, ``FAILED``...) and return it.

        Polls start about `poll_interval` (1 s) apart and spread out to 10 s
        while nothing changes, within a rate budget shared by every wait in
        the process; a 429 pauses them for its ``Retry-After``. See docs/Waiting.md.

        :param timeout: seconds to wait at most; None waits as long as the run takes.
        :param on_update: called with the run once per status change.
        :param progress: None shows progress in a notebook or on a terminal's
            stderr, False never, True always as text on stderr.
        :raises AgentRunTimeoutError: `timeout` passed; ``.run`` is the last state
            seen, and the run goes on.
        :raises KeyboardInterrupt: Ctrl-C; its message says the run goes on, and where.
        :raises ApiException: a poll failed other than by a rate limit.
        """
        _check_int("wait_for_agent_run", "agent_run_id", agent_run_id)
        _check_int("wait_for_agent_run", "org_id", org_id)
        from openapi_client import waiting

        options = waiting.WaitOptions(timeout, poll_interval, on_update, progress)
        return waiting.wait_for_run(self, agent_run_id, org_id, options)

    def create_agent_run_and_wait(
        self,
        org_id: int,
        prompt_or_input: PromptOrInput,
        *,
        timeout: Optional[float] = None,
        poll_interval: Optional[float] = None,
        on_update: Optional[OnUpdate] = None,
        progress: Optional[bool] = None,
    ) -> models.AgentRunResponse:
        """Create a run from a prompt (a str, a dict or a `CreateAgentRunInput`) and wait for its end.

        `timeout` counts from before the run is created; the other keywords
        are those of `wait_for_agent_run`.
        """
        _check_int("create_agent_run_and_wait", "org_id", org_id)
        from openapi_client import waiting

        options = waiting.WaitOptions(timeout, poll_interval, on_update, progress)
        return waiting.create_and_wait(self, org_id, prompt_or_input, options)

    # -- the generated names: the same doors under the names the contract gives them

    create_agent_run_v1_organizations_org_id_agent_run_post = create_agent_run
    create_agent_run_v1_organizations_org_id_agent_run_post_0 = create_agent_run
    create_agent_run_v1_organizations_org_id_agent_run_post_1 = create_agent_run
    create_agent_run_v1_organizations_org_id_agent_run_post_with_http_info = create_agent_run_with_http_info
    create_agent_run_v1_organizations_org_id_agent_run_post_0_with_http_info = create_agent_run_with_http_info
    create_agent_run_v1_organizations_org_id_agent_run_post_1_with_http_info = create_agent_run_with_http_info
    create_agent_run_v1_organizations_org_id_agent_run_post_without_preload_content = (
        create_agent_run_without_preload_content
    )
    create_agent_run_v1_organizations_org_id_agent_run_post_0_without_preload_content = (
        create_agent_run_without_preload_content
    )
    create_agent_run_v1_organizations_org_id_agent_run_post_1_without_preload_content = (
        create_agent_run_without_preload_content
    )
    get_agent_run_v1_organizations_org_id_agent_run_agent_run_id_get = get_agent_run
    get_agent_run_v1_organizations_org_id_agent_run_agent_run_id_get_0 = get_agent_run
    get_agent_run_v1_organizations_org_id_agent_run_agent_run_id_get_1 = get_agent_run
    get_agent_run_v1_organizations_org_id_agent_run_agent_run_id_get_with_http_info = get_agent_run_with_http_info
    get_agent_run_v1_organizations_org_id_agent_run_agent_run_id_get_0_with_http_info = get_agent_run_with_http_info
    get_agent_run_v1_organizations_org_id_agent_run_agent_run_id_get_1_with_http_info = get_agent_run_with_http_info
    get_agent_run_v1_organizations_org_id_agent_run_agent_run_id_get_without_preload_content = (
        get_agent_run_without_preload_content
    )
    get_agent_run_v1_organizations_org_id_agent_run_agent_run_id_get_0_without_preload_content = (
        get_agent_run_without_preload_content
    )
    get_agent_run_v1_organizations_org_id_agent_run_agent_run_id_get_1_without_preload_content = (
        get_agent_run_without_preload_content
    )


# -- argument checks: all before any I/O ----------------------------------------


# Credentials are never quoted back, not even in an argument error.
_REDACTED = "<redacted>"


def _invalid(
    operation: str, argument: str, value: Any, error_type: Union[str, PydanticCustomError], **ctx: Any
) -> pydantic.ValidationError:
    detail: Dict[str, Any] = {"type": error_type, "loc": (argument,), "input": value}
    if ctx:
        detail["ctx"] = ctx
    return pydantic.ValidationError.from_exception_data(operation, [detail])  # type: ignore[list-item]


def _check_int(operation: str, argument: str, value: Any) -> None:
    # Strict, as the generated client: no bool, float or numeric string.
    if type(value) is not int and (not isinstance(value, int) or isinstance(value, bool)):
        raise _invalid(operation, argument, value, "int_type")


def _check_timeout(operation: str, timeout: Any) -> urllib3.Timeout:
    try:
        return make_timeout(timeout)
    except ApiValueError:
        raise _invalid(operation, "_request_timeout", timeout, "float_type") from None


def _check_body(operation: str, body: Any) -> models.CreateAgentRunInput:
    model = models.CreateAgentRunInput
    if isinstance(body, model):
        return body
    if isinstance(body, dict):
        try:
            return model.model_validate(body)
        except pydantic.ValidationError as error:
            details = [
                {"type": e["type"], "loc": ("create_agent_run_input", *e["loc"]), "input": e["input"], **({"ctx": e["ctx"]} if "ctx" in e else {})}
                for e in error.errors()
            ]
            raise pydantic.ValidationError.from_exception_data(operation, details) from None  # type: ignore[arg-type]
    raise _invalid(operation, "create_agent_run_input", body, "model_type", class_name="CreateAgentRunInput")


def _json_body(body: models.CreateAgentRunInput) -> Union[bytes, models.CreateAgentRunInput]:
    """The body as JSON bytes, written by pydantic in one step.

    That is `to_dict()` exactly unless the caller added fields of their own,
    whose explicit nulls `to_dict()` keeps; those go the general way.
    """
    if body.__pydantic_extra__:
        return body
    return body.__pydantic_serializer__.to_json(body, exclude_none=True)


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
        raise _invalid(operation, "authorization", _REDACTED, "string_type")
    if content_type is not None and not isinstance(content_type, str):
        raise _invalid(operation, "_content_type", content_type, "string_type")
    if type(host_index) is not int:
        raise _invalid(operation, "_host_index", host_index, "int_type")
    if host_index != 0:
        # The generated client ignores it here; a choice that cannot be honoured is refused instead.
        raise _invalid(operation, "_host_index", host_index, _NO_OPERATION_SERVERS)
    if request_auth is not None and not (
        isinstance(request_auth, dict)
        and {"key", "value"} <= request_auth.keys()
        and ("in" in request_auth or "in_" in request_auth)
    ):
        raise _invalid(operation, "_request_auth", _REDACTED, "dict_type")
    result: Dict[str, str] = {}
    if headers is not None:
        if not isinstance(headers, Mapping) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in headers.items()
        ):
            raise _invalid(operation, "_headers", headers, "dict_type")
        result.update(headers)
    if authorization is not None:
        result["Authorization"] = authorization
    if content_type is not None:
        result["Content-Type"] = content_type
    result.setdefault("Accept", "application/json")
    return result


_NO_OPERATION_SERVERS = PydanticCustomError(
    "no_operation_servers",
    "the agent-run operations have no servers of their own, so only 0 is valid;"
    " choose the host with Configuration.host or Configuration.server_index",
)

