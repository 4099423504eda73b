"""AgentsApi against the emulator over real sockets: every door, every per-call keyword, every error."""

from __future__ import annotations

import json
import time
from typing import Any, Dict

import pydantic
import pytest
import urllib3

from openapi_client import (
    AgentRunResponse,
    AgentsApi,
    ApiClient,
    ApiException,
    ApiResponse,
    Configuration,
    CreateAgentRunInput,
    HTTPValidationError,
    PermissionsErrorResponse,
)
from openapi_client import exceptions
from openapi_client.testing import AgentApiEmulator, Fault

CREATE_BASE = "create_agent_run_v1_organizations_org_id_agent_run_post"
GET_BASE = "get_agent_run_v1_organizations_org_id_agent_run_agent_run_id_get"
SUFFIXES = ("", "_with_http_info", "_without_preload_content")
CREATE_NAMES = [f"{base}{suffix}" for base in (CREATE_BASE, CREATE_BASE + "_0", CREATE_BASE + "_1", "create_agent_run") for suffix in SUFFIXES]
GET_NAMES = [f"{base}{suffix}" for base in (GET_BASE, GET_BASE + "_0", GET_BASE + "_1", "get_agent_run") for suffix in SUFFIXES]
PROMPT = "Fix the flaky test"
#: What the `_without_preload_content` doors return (urllib3 1.x has no BaseHTTPResponse).
RAW_RESPONSE = getattr(urllib3, "BaseHTTPResponse", urllib3.HTTPResponse)


def _result(name: str, value: Any) -> AgentRunResponse:
    """The run an operation returned, whichever variant `name` is."""
    if name.endswith("_with_http_info"):
        assert isinstance(value, ApiResponse)
        assert value.status_code == 200
        assert isinstance(value.raw_data, bytes)
        return value.data
    if name.endswith("_without_preload_content"):
        assert isinstance(value, RAW_RESPONSE)
        assert value.status == 200
        return AgentRunResponse.from_json(value.read())
    assert isinstance(value, AgentRunResponse)
    return value


# -- every door ---------------------------------------------------------------------


@pytest.mark.parametrize("name", CREATE_NAMES)
def test_every_create_door_creates_a_run(name: str, agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    run = _result(name, getattr(agents_api, name)(emulator.org_id, CreateAgentRunInput(prompt=PROMPT)))
    assert run.organization_id == emulator.org_id
    assert run.status == "PENDING"
    assert run.id in emulator.runs
    assert emulator.runs[run.id].prompt == PROMPT
    (request,) = emulator.requests
    assert request.method == "POST"
    assert request.path == f"/v1/organizations/{emulator.org_id}/agent/run"
    assert request.json() == {"prompt": PROMPT}
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["Accept"] == "application/json"
    assert request.headers["Authorization"] == f"Bearer {emulator.token}"


@pytest.mark.parametrize("name", GET_NAMES)
def test_every_get_door_reads_a_run(name: str, agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    created = emulator.create_run(PROMPT)
    run = _result(name, getattr(agents_api, name)(created.id, emulator.org_id))
    assert run.id == created.id
    assert run.organization_id == emulator.org_id
    assert run.status == "ACTIVE"  # the first poll
    assert run.web_url == f"{emulator.url}/agent/trace/{created.id}"
    (request,) = emulator.requests
    assert request.method == "GET"
    assert request.path == f"/v1/organizations/{emulator.org_id}/agent/run/{created.id}"
    assert request.body == b""
    assert request.headers["Authorization"] == f"Bearer {emulator.token}"


def test_a_run_is_followed_to_its_result(agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    run = agents_api.create_agent_run(emulator.org_id, {"prompt": PROMPT})
    statuses = [run.status]
    for _ in range(2):
        run = agents_api.get_agent_run(run.id, emulator.org_id)
        statuses.append(run.status)
    assert statuses == ["PENDING", "ACTIVE", "COMPLETE"]
    assert run.result and PROMPT in run.result
    assert run.created_at and run.created_at.endswith("Z")
    assert run.source_type == "API"  # a field the live API adds and the spec omits is kept
    assert run.to_dict()["source_type"] == "API"


def test_keyword_arguments_bind_as_in_the_generated_client(agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    run = agents_api.create_agent_run_v1_organizations_org_id_agent_run_post(
        org_id=emulator.org_id, create_agent_run_input=CreateAgentRunInput(prompt=PROMPT), authorization=None
    )
    again = agents_api.get_agent_run_v1_organizations_org_id_agent_run_agent_run_id_get(
        agent_run_id=run.id, org_id=emulator.org_id
    )
    assert again.id == run.id


def test_a_plain_dict_body_is_accepted(agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    run = agents_api.create_agent_run(emulator.org_id, {"prompt": PROMPT})
    assert emulator.runs[run.id].prompt == PROMPT
    assert emulator.requests[-1].json() == {"prompt": PROMPT}


# -- ApiResponse and raw responses ----------------------------------------------------


@pytest.mark.parametrize("prompt", ["", " ", "\n\t  \n"])
@pytest.mark.parametrize(
    "call",
    [
        lambda api, org, prompt: api.create_agent_run(org, CreateAgentRunInput(prompt=prompt)),
        lambda api, org, prompt: api.create_agent_run(org, {"prompt": prompt}),
        lambda api, org, prompt: api.create_agent_run_and_wait(org, prompt),
        lambda api, org, prompt: api.resume_agent_run(org, {"agent_run_id": 10001, "prompt": prompt}),
        lambda api, org, prompt: api.resume_agent_run_and_wait(org, 10001, prompt),
    ],
    ids=["create model", "create dict", "create and wait", "resume dict", "resume and wait"],
)
def test_a_blank_prompt_is_refused_before_anything_is_sent(
    call: Any, prompt: str, agents_api: AgentsApi, emulator: AgentApiEmulator
) -> None:
    runs = len(emulator.runs)
    with pytest.raises(pydantic.ValidationError) as caught:
        call(agents_api, emulator.org_id, prompt)

    assert "prompt" in str(caught.value) and "is empty or blank: say what the agent should do" in str(caught.value)
    assert emulator.requests == [] and len(emulator.runs) == runs


def test_the_blank_prompt_check_is_one_reusable_type() -> None:
    from openapi_client.models.common import Prompt, refuse_blank

    class SetupInput(pydantic.BaseModel):  # as a future input that carries a prompt would use it
        prompt: Prompt

    assert SetupInput(prompt=" Run the linters ").prompt == " Run the linters "  # kept as given
    with pytest.raises(pydantic.ValidationError, match="is empty or blank"):
        SetupInput(prompt="   ")
    with pytest.raises(pydantic.ValidationError, match="valid string"):
        SetupInput(prompt=7)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        refuse_blank("")


def test_with_http_info_fields(agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    response = agents_api.create_agent_run_with_http_info(emulator.org_id, CreateAgentRunInput(prompt=PROMPT))
    assert response.status_code == 200
    assert response.headers is not None
    assert response.headers["content-type"] == "application/json"
    assert response.headers["Content-Length"] == str(len(response.raw_data))
    assert isinstance(response.data, AgentRunResponse)
    assert json.loads(response.raw_data) == response.data.to_dict()
    assert json.loads(response.raw_data)["id"] == response.data.id


def test_without_preload_content_returns_the_unread_response(agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    response = agents_api.create_agent_run_without_preload_content(emulator.org_id, {"prompt": PROMPT})
    assert isinstance(response, RAW_RESPONSE)
    assert response.status == 200
    assert response.headers["Content-Type"] == "application/json"
    # The body is still on the wire: streaming it yields all of it.
    body = b"".join(response.stream(16))
    response.release_conn()
    assert len(body) == int(response.headers["Content-Length"])
    run = AgentRunResponse.from_json(body)
    assert run.id in emulator.runs


def test_without_preload_content_does_not_check_the_status(agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    response = agents_api.get_agent_run_without_preload_content(987654, emulator.org_id)
    assert response.status == 404
    assert json.loads(response.read()) == {"message": "Agent run 987654 not found.", "status_code": 404}


# -- per-call keywords ----------------------------------------------------------------


def test_headers_are_sent(agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    agents_api.create_agent_run(emulator.org_id, {"prompt": PROMPT}, _headers={"X-Request-Id": "abc-123"})
    run = emulator.create_run()
    agents_api.get_agent_run(run.id, emulator.org_id, _headers={"X-Trace": "t1", "Accept-Language": "de"})
    create, get = emulator.requests
    assert create.headers["X-Request-Id"] == "abc-123"
    assert get.headers["X-Trace"] == "t1"
    assert get.headers["Accept-Language"] == "de"
    assert "X-Request-Id" not in get.headers  # per call, not sticky


def test_headers_do_not_change_the_callers_mapping(agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    headers = {"X-Request-Id": "abc"}
    agents_api.create_agent_run(emulator.org_id, {"prompt": PROMPT}, _headers=headers)
    assert headers == {"X-Request-Id": "abc"}


@pytest.mark.parametrize("timeout", [5, 5.0, (2, 5), (2.5, 5.5)])
def test_request_timeout_accepts_a_number_or_a_pair(
    timeout: Any, agents_api: AgentsApi, emulator: AgentApiEmulator
) -> None:
    run = agents_api.create_agent_run(emulator.org_id, {"prompt": PROMPT}, _request_timeout=timeout)
    assert agents_api.get_agent_run(run.id, emulator.org_id, _request_timeout=timeout).id == run.id


@pytest.mark.parametrize("timeout", [0.3, (5, 0.3)])
def test_request_timeout_is_applied(timeout: Any, agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    run = emulator.create_run()
    emulator.inject(Fault.stall(3), method="GET")
    started = time.monotonic()
    with pytest.raises(exceptions.ApiTimeoutError) as caught:
        agents_api.get_agent_run(run.id, emulator.org_id, _request_timeout=timeout)
    assert time.monotonic() - started < 2.5
    assert isinstance(caught.value, ApiException)
    assert caught.value.status == 0
    assert "GET" in str(caught.value)


@pytest.mark.parametrize("timeout", ["10", -1, 0, (1, 2, 3), True, [1, 2]])
def test_bad_request_timeout_raises_before_io(timeout: Any, agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    with pytest.raises(ValueError, match="_request_timeout"):
        agents_api.create_agent_run(emulator.org_id, {"prompt": PROMPT}, _request_timeout=timeout)
    assert emulator.requests == []


def test_bad_request_timeout_is_a_validation_error(agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    with pytest.raises(pydantic.ValidationError, match="_request_timeout"):
        agents_api.create_agent_run(emulator.org_id, {"prompt": PROMPT}, _request_timeout="10")
    assert emulator.requests == []


def test_content_type_is_sent(agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    run = agents_api.create_agent_run(
        emulator.org_id, {"prompt": PROMPT}, _content_type="application/json; charset=utf-8"
    )
    assert emulator.requests[-1].headers["Content-Type"] == "application/json; charset=utf-8"
    assert emulator.runs[run.id].prompt == PROMPT


def test_a_form_content_type_cannot_silently_drop_the_body(agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    # Form content types carry form fields: the body would be lost, so nothing is sent.
    with pytest.raises(exceptions.ApiValueError, match="cannot be sent as application/x-www-form-urlencoded"):
        agents_api.create_agent_run(
            emulator.org_id, {"prompt": PROMPT}, _content_type="application/x-www-form-urlencoded"
        )
    assert emulator.requests == []


def test_content_type_wins_over_headers(agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    agents_api.create_agent_run(
        emulator.org_id,
        {"prompt": PROMPT},
        _content_type="application/json; charset=utf-8",
        _headers={"Content-Type": "application/vnd.other+json"},
    )
    assert emulator.requests[-1].headers["Content-Type"] == "application/json; charset=utf-8"


def test_request_auth_replaces_the_configured_token(agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    emulator.add_token("per-call-token", [emulator.org_id])
    auth = {"in_": "header", "type": "bearer", "key": "Authorization", "value": "Bearer per-call-token"}
    run = agents_api.create_agent_run(emulator.org_id, {"prompt": PROMPT}, _request_auth=auth)
    agents_api.get_agent_run(run.id, emulator.org_id, _request_auth=auth)
    assert [r.token for r in emulator.requests] == ["per-call-token", "per-call-token"]
    agents_api.get_agent_run(run.id, emulator.org_id)
    assert emulator.requests[-1].token == emulator.token


def test_request_auth_in_a_query_parameter(agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    run = emulator.create_run()
    auth = {"in_": "query", "type": "api_key", "key": "api_key", "value": "secret"}
    agents_api.get_agent_run_with_http_info(run.id, emulator.org_id, _request_auth=auth, authorization=f"Bearer {emulator.token}")
    assert emulator.requests[-1].path.endswith(f"/agent/run/{run.id}?api_key=secret")


def test_host_index_zero_uses_the_configured_host(agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    run = agents_api.create_agent_run(emulator.org_id, {"prompt": PROMPT}, _host_index=0)
    assert agents_api.get_agent_run(run.id, emulator.org_id, _host_index=0).id == run.id
    assert len(emulator.requests) == 2


def test_a_host_index_that_cannot_be_honoured_is_refused(agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    with pytest.raises(pydantic.ValidationError, match="(?s)_host_index.*Configuration.host"):
        agents_api.get_agent_run(1, emulator.org_id, _host_index=1)
    assert emulator.requests == []


def test_content_type_given_to_a_get_is_sent(agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    run = agents_api.create_agent_run(emulator.org_id, {"prompt": PROMPT})
    agents_api.get_agent_run(run.id, emulator.org_id, _content_type="application/json")
    assert emulator.requests[-1].headers["Content-Type"] == "application/json"
    agents_api.get_agent_run(run.id, emulator.org_id)
    assert "Content-Type" not in emulator.requests[-1].headers


def test_authorization_argument_wins_over_the_configured_token(
    agents_api: AgentsApi, emulator: AgentApiEmulator
) -> None:
    emulator.add_token("explicit-token", [emulator.org_id])
    run = agents_api.create_agent_run(emulator.org_id, {"prompt": PROMPT}, authorization="Bearer explicit-token")
    agents_api.get_agent_run(run.id, emulator.org_id, "Bearer explicit-token")
    for request in emulator.requests:
        assert request.headers.raw.count(("Authorization", "Bearer explicit-token")) == 1
        assert [name for name, _ in request.headers.raw if name.lower() == "authorization"] == ["Authorization"]


def test_authorization_argument_without_configured_token(emulator: AgentApiEmulator) -> None:
    with ApiClient(Configuration(host=emulator.url, retries=0)) as client:
        run = AgentsApi(client).create_agent_run(
            emulator.org_id, {"prompt": PROMPT}, authorization=f"Bearer {emulator.token}"
        )
    assert run.id in emulator.runs
    assert emulator.requests[-1].token == emulator.token


def test_bearer_header_comes_from_access_token(agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    run = agents_api.create_agent_run(emulator.org_id, {"prompt": PROMPT})
    agents_api.get_agent_run(run.id, emulator.org_id)
    assert [r.headers["Authorization"] for r in emulator.requests] == [f"Bearer {emulator.token}"] * 2


def test_no_token_sends_no_authorization_header(emulator: AgentApiEmulator) -> None:
    with ApiClient(Configuration(host=emulator.url, retries=0)) as client:
        with pytest.raises(exceptions.UnauthorizedException):
            AgentsApi(client).get_agent_run(1, emulator.org_id)
    assert "Authorization" not in emulator.requests[-1].headers


# -- bad arguments: pydantic.ValidationError naming the argument, nothing sent ---------------


def _assert_names(error: pydantic.ValidationError, *location: Any) -> None:
    assert error.errors()[0]["loc"] == location
    assert str(location[0]) in str(error)


@pytest.mark.parametrize("value", ["abc", "5", True, False, 1.0, None, [1]])
def test_bad_org_id_raises_before_io(value: Any, agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    with pytest.raises(pydantic.ValidationError) as caught:
        agents_api.create_agent_run(value, {"prompt": PROMPT})
    _assert_names(caught.value, "org_id")
    with pytest.raises(pydantic.ValidationError) as caught:
        agents_api.get_agent_run(1, value)
    _assert_names(caught.value, "org_id")
    assert emulator.requests == []


@pytest.mark.parametrize("value", ["abc", True, 1.0])
def test_bad_agent_run_id_raises_before_io(value: Any, agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    with pytest.raises(pydantic.ValidationError) as caught:
        agents_api.get_agent_run_with_http_info(value, emulator.org_id)
    _assert_names(caught.value, "agent_run_id")
    assert emulator.requests == []


@pytest.mark.parametrize(
    "body, location",
    [
        ({}, ("create_agent_run_input", "prompt")),
        ({"promt": PROMPT}, ("create_agent_run_input", "prompt")),
        ({"prompt": 5}, ("create_agent_run_input", "prompt")),
        ({"prompt": None}, ("create_agent_run_input", "prompt")),
        ("Fix it", ("create_agent_run_input",)),
        (None, ("create_agent_run_input",)),
        ([("prompt", PROMPT)], ("create_agent_run_input",)),
    ],
)
def test_bad_body_raises_before_io(
    body: Any, location: tuple, agents_api: AgentsApi, emulator: AgentApiEmulator
) -> None:
    with pytest.raises(pydantic.ValidationError) as caught:
        agents_api.create_agent_run_without_preload_content(emulator.org_id, body)
    _assert_names(caught.value, *location)
    assert emulator.requests == []


@pytest.mark.parametrize(
    "keyword, value",
    [
        ("authorization", 42),
        ("_content_type", 1),
        ("_headers", [("X-A", "b")]),
        ("_headers", {"X-A": 1}),
        ("_headers", "X-A: b"),
        ("_host_index", "0"),
        ("_host_index", 0.0),
        ("_request_auth", "Bearer x"),
        ("_request_auth", {"value": "Bearer x"}),
    ],
)
@pytest.mark.parametrize("operation", ["create", "get"])
def test_bad_keyword_raises_before_io(
    keyword: str, value: Any, operation: str, agents_api: AgentsApi, emulator: AgentApiEmulator
) -> None:
    with pytest.raises(pydantic.ValidationError) as caught:
        if operation == "create":
            agents_api.create_agent_run(emulator.org_id, {"prompt": PROMPT}, **{keyword: value})
        else:
            agents_api.get_agent_run_with_http_info(1, emulator.org_id, **{keyword: value})
    _assert_names(caught.value, keyword)
    assert emulator.requests == []


def test_an_unknown_keyword_is_a_type_error(agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    with pytest.raises(TypeError, match="_timeout"):
        agents_api.create_agent_run(emulator.org_id, {"prompt": PROMPT}, _timeout=3)  # type: ignore[call-arg]
    assert emulator.requests == []


# -- errors from the server --------------------------------------------------------


def _json_body(error: ApiException) -> Dict[str, Any]:
    assert error.body is not None
    return json.loads(error.body)  # type: ignore[no-any-return]


def test_401_without_a_token(emulator: AgentApiEmulator) -> None:
    runs_before = len(emulator.runs)
    with ApiClient(Configuration(host=emulator.url, retries=0)) as client:
        with pytest.raises(exceptions.UnauthorizedException) as caught:
            AgentsApi(client).create_agent_run(emulator.org_id, {"prompt": PROMPT})
    error = caught.value
    assert error.status == 401
    assert error.reason == "Unauthorized"
    assert _json_body(error)["status_code"] == 401
    assert error.data is None
    assert error.headers is not None and error.headers["Content-Type"] == "application/json"
    assert len(emulator.runs) == runs_before


def test_401_with_an_unknown_token_never_shows_the_token(emulator: AgentApiEmulator) -> None:
    secret = "sk-unknown-but-secret-0123456789"
    with ApiClient(Configuration(host=emulator.url, access_token=secret, retries=0)) as client:
        with pytest.raises(exceptions.UnauthorizedException) as caught:
            AgentsApi(client).get_agent_run(1, emulator.org_id)
    assert caught.value.status == 401
    assert _json_body(caught.value) == {"message": "Invalid API token.", "status_code": 401}
    assert secret not in str(caught.value)
    assert secret not in repr(caught.value)
    assert emulator.requests[-1].token == secret


def test_403_for_another_organisation(agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    other_org = emulator.org_id + 1000
    with pytest.raises(exceptions.ForbiddenException) as caught:
        agents_api.create_agent_run(other_org, {"prompt": PROMPT})
    error = caught.value
    assert error.status == 403
    assert error.reason == "Forbidden"
    assert _json_body(error) == {"message": f"You are not a member of organization {other_org}.", "status_code": 403}
    assert isinstance(error.data, PermissionsErrorResponse)
    assert error.data.message == f"You are not a member of organization {other_org}."
    assert "403" in str(error)


def test_404_for_an_unknown_run(agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    with pytest.raises(exceptions.NotFoundException) as caught:
        agents_api.get_agent_run(55555, emulator.org_id)
    error = caught.value
    assert (error.status, error.reason) == (404, "Not Found")
    assert _json_body(error) == {"message": "Agent run 55555 not found.", "status_code": 404}
    assert error.headers is not None and int(error.headers["Content-Length"]) == len(error.body or "")


def test_422_from_the_server_is_parsed(agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    # A model built without validation carries no prompt; the server says so.
    with pytest.raises(exceptions.UnprocessableEntityException) as caught:
        agents_api.create_agent_run(emulator.org_id, CreateAgentRunInput.model_construct())
    error = caught.value
    assert error.status == 422
    assert error.reason in ("Unprocessable Entity", "Unprocessable Content")  # RFC 9110's name, from Python 3.13
    assert _json_body(error)["detail"][0]["loc"] == ["body", "prompt"]
    assert isinstance(error.data, HTTPValidationError)
    (detail,) = error.data.detail or []
    assert [part.actual_instance for part in detail.loc] == ["body", "prompt"]
    assert detail.msg == "Field required"
    assert detail.type == "missing"


def test_422_for_a_path_parameter_through_call_api(api_client: ApiClient, emulator: AgentApiEmulator) -> None:
    # The SDK refuses a non-integer org_id, so go round it to hear the server's answer.
    method, url, headers, body, form = api_client.param_serialize(
        "GET",
        "/v1/organizations/{org_id}/agent/run/{agent_run_id}",
        path_params={"org_id": "abc", "agent_run_id": 1},
        auth_settings=["BearerAuth"],
    )
    response = api_client.call_api(method, url, headers, body, form)
    with pytest.raises(exceptions.UnprocessableEntityException) as caught:
        api_client.response_deserialize(response, {"200": "AgentRunResponse", "422": "HTTPValidationError"})
    detail = caught.value.data.detail[0]
    assert [part.actual_instance for part in detail.loc] == ["path", "org_id"]
    assert detail.type == "int_parsing"


def test_422_injected_with_integer_locations(agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    body = {"detail": [{"type": "json_invalid", "loc": ["body", 7], "msg": "JSON decode error", "input": {}}]}
    emulator.inject(Fault.status(422, body))
    with pytest.raises(exceptions.UnprocessableEntityException) as caught:
        agents_api.create_agent_run(emulator.org_id, {"prompt": PROMPT})
    assert [p.actual_instance for p in caught.value.data.detail[0].loc] == ["body", 7]
    assert _json_body(caught.value) == body


def test_422_with_a_body_that_is_not_the_model(agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    emulator.inject(Fault.body(b"<html>bad gateway-ish</html>", content_type="text/html", status=422))
    with pytest.raises(exceptions.UnprocessableEntityException) as caught:
        agents_api.create_agent_run(emulator.org_id, {"prompt": PROMPT})
    assert caught.value.data is None  # not parsed, but still quoted
    assert caught.value.body == "<html>bad gateway-ish</html>"


def test_429_from_the_rate_limit(emulator: AgentApiEmulator) -> None:
    with AgentApiEmulator(create_limit=(1, 60)) as limited:
        config = Configuration(host=limited.url, access_token=limited.token, retries=0)
        with ApiClient(config) as client:
            api = AgentsApi(client)
            api.create_agent_run(limited.org_id, {"prompt": PROMPT})
            with pytest.raises(ApiException) as caught:
                api.create_agent_run(limited.org_id, {"prompt": PROMPT})
    error = caught.value
    assert isinstance(error, exceptions.TooManyRequestsException)
    assert error.status == 429
    assert error.reason == "Too Many Requests"
    assert _json_body(error) == {"message": "Rate limit exceeded. Please try again later.", "status_code": 429}
    assert error.headers is not None and int(error.headers["Retry-After"]) >= 1
    assert len(limited.runs) == 1


#: The error bodies the contract declares, by operation and status.
DECLARED_ERRORS = {
    "create": {
        402: "AgentRunLimitReachedErrorResponse",
        403: "PermissionsErrorResponse",
        404: "NoReposFoundInOrgErrorResponse",
    },
    "get": {403: "PermissionsErrorResponse", 404: "AgentRunNotFoundErrorResponse"},
}


@pytest.mark.parametrize(
    "status, exc_type",
    [
        (400, exceptions.BadRequestException),
        (401, exceptions.UnauthorizedException),
        (402, exceptions.PaymentRequiredException),
        (403, exceptions.ForbiddenException),
        (404, exceptions.NotFoundException),
        (409, exceptions.ConflictException),
        (418, ApiException),
        (451, ApiException),
        (500, exceptions.ServiceException),
        (502, exceptions.ServiceException),
        (503, exceptions.ServiceException),
        (599, exceptions.ServiceException),
    ],
)
@pytest.mark.parametrize("operation", ["create", "get"])
def test_status_maps_to_exception_type(
    status: int, exc_type: type, operation: str, agents_api: AgentsApi, emulator: AgentApiEmulator
) -> None:
    emulator.inject(Fault.status(status, {"message": "scripted", "status_code": status}, {"X-Fault": "yes"}))
    with pytest.raises(ApiException) as caught:
        if operation == "create":
            agents_api.create_agent_run_with_http_info(emulator.org_id, {"prompt": PROMPT})
        else:
            agents_api.get_agent_run(1, emulator.org_id)
    error = caught.value
    assert type(error) is exc_type
    assert error.status == status
    assert error.reason  # the status line's phrase
    assert _json_body(error) == {"message": "scripted", "status_code": status}
    declared = DECLARED_ERRORS[operation].get(status)  # the contract's error model, parsed into .data
    if declared is None:
        assert error.data is None
    else:
        assert type(error.data).__name__ == declared
        assert (error.data.message, error.data.status_code) == ("scripted", status)
    assert error.headers is not None and error.headers["X-Fault"] == "yes"
    assert str(status) in str(error)
    assert len(emulator.requests) == 1  # retries are off: one request, one answer


def test_5xx_with_a_text_body(agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    emulator.inject(Fault.body(b"upstream timed out", content_type="text/plain", status=504))
    with pytest.raises(exceptions.ServiceException) as caught:
        agents_api.get_agent_run(1, emulator.org_id)
    assert caught.value.status == 504
    assert caught.value.body == "upstream timed out"
    assert "upstream timed out" in str(caught.value)


def test_a_2xx_body_that_is_not_the_model(agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    emulator.inject(Fault.body(b'{"id": "not a number"}'))
    with pytest.raises(exceptions.ResponseDecodeError) as caught:
        agents_api.get_agent_run(1, emulator.org_id)
    assert isinstance(caught.value, ApiException)
    assert caught.value.status == 200
    assert "AgentRunResponse" in str(caught.value)
    assert "not a number" in str(caught.value)
