"""The operations of the live contract beyond create and get, over real HTTP.

The emulator answers each call with a canned response (an injected fault
answers before any routing), and its request log shows what the SDK sent:
method, path and query, headers and body. So each test checks both halves:
the request a user's call makes, and what the user gets back from the
contract's responses, errors included.
"""

from __future__ import annotations

import json
from typing import Any, Callable, Dict, List, Optional, Tuple

import pydantic
import pytest

from openapi_client import (
    AgentRunResponse,
    AgentRunWithLogsResponse,
    AgentsAlphaApi,
    AgentsApi,
    AgentsBetaApi,
    ApiAgentRunSourceType,
    ApiClient,
    ApiResponse,
    OrganizationsApi,
    PageAgentRunResponse,
    PageOrganizationResponse,
    PageRepoResponse,
    RepositoriesApi,
    ResumeAgentRunInput,
    StopAgentRunInput,
    UserResponse,
    UsersApi,
    exceptions,
)
from openapi_client.testing import AgentApiEmulator, Fault
from openapi_client.testing.recording import RecordedRequest

ORG = 11
RUN_ID = 4242

PULL_REQUEST = {
    "id": 9,
    "title": "Add a CONTRIBUTING.md",
    "url": "https://github.com/acme/app/pull/9",
    "created_at": "2025-10-01T12:00:00Z",
    "head_branch_name": "codegen/contributing",
}
RUN = {
    "id": RUN_ID,
    "organization_id": ORG,
    "status": "COMPLETE",
    "created_at": "2025-10-01T11:58:00Z",
    "web_url": f"https://codegen.com/agent/trace/{RUN_ID}",
    "result": "Opened a PR.",
    "summary": "Added a CONTRIBUTING.md",
    "source_type": "API",
    "github_pull_requests": [PULL_REQUEST],
    "metadata": {"ticket": "ENG-1"},
}
RUNS_PAGE = {"items": [RUN], "total": 31, "page": 3, "size": 10, "pages": 4}
LOGS = {
    "id": RUN_ID,
    "organization_id": ORG,
    "status": "ACTIVE",
    "logs": [
        {
            "agent_run_id": RUN_ID,
            "created_at": "2025-10-01T11:58:30Z",
            "tool_name": "read_file",
            "message_type": "ACTION",
            "thought": "Look at the README first.",
            "observation": "# App\nA web app.",
            "tool_input": {"path": "README.md"},
            "tool_output": {"content": "# App"},
        },
        {"agent_run_id": RUN_ID, "tool_name": "run_tests", "observation": {"passed": 12, "failed": 0}},
    ],
    "total_logs": 2,
    "page": 1,
    "size": 50,
    "pages": 1,
}
ORGANIZATIONS = {
    "items": [{"id": ORG, "name": "Acme", "settings": {"enable_pr_creation": True, "enable_rules_detection": False}}],
    "total": 1,
    "page": 1,
    "size": 1,
    "pages": 1,
}
USER = {"id": 5, "email": "ada@acme.dev", "github_user_id": "583231", "github_username": "ada", "is_admin": False}
REPO = {
    "id": 77,
    "name": "app",
    "full_name": "acme/app",
    "description": None,
    "github_id": "1296269",
    "organization_id": ORG,
    "visibility": "private",
    "archived": False,
    "setup_status": "COMPLETE",
    "language": "Python",
}
REPOS_PAGE = {"items": [REPO], "total": 1, "page": 1, "size": 100, "pages": 1}
DONE = {"status": "ok"}  # the contract says nothing of the PR actions' 200 body: any JSON


def _only_request(emulator: AgentApiEmulator) -> RecordedRequest:
    requests = emulator.requests
    assert len(requests) == 1, requests
    return requests[0]


def _check_sent(
    emulator: AgentApiEmulator, method: str, target: str, body: Optional[Dict[str, Any]] = None
) -> RecordedRequest:
    request = _only_request(emulator)
    assert (request.method, request.path) == (method, target)
    assert request.headers["Authorization"] == f"Bearer {emulator.token}"
    assert request.headers["Accept"] == "application/json"
    if body is None:
        assert request.body == b""
    else:
        assert request.headers["Content-Type"] == "application/json"
        assert request.json() == body
    return request


# -- each operation: the request sent and the result decoded ---------------------------


def test_list_agent_runs_sends_its_filters_and_decodes_the_page(api_client: ApiClient, emulator: AgentApiEmulator) -> None:
    emulator.inject(Fault.status(200, RUNS_PAGE))
    page = AgentsApi(api_client).list_agent_runs(
        ORG, user_id=5, source_type=ApiAgentRunSourceType.GITHUB_PR_REVIEW, skip=20, limit=10
    )
    _check_sent(emulator, "GET", f"/v1/organizations/{ORG}/agent/runs?user_id=5&source_type=GITHUB_PR_REVIEW&skip=20&limit=10")
    assert isinstance(page, PageAgentRunResponse)
    assert (page.total, page.page, page.size, page.pages) == (31, 3, 10, 4)
    run = page.items[0]
    assert isinstance(run, AgentRunResponse)
    assert (run.id, run.summary, run.source_type, run.metadata) == (RUN_ID, "Added a CONTRIBUTING.md", "API", {"ticket": "ENG-1"})
    assert run.github_pull_requests is not None
    assert run.github_pull_requests[0].head_branch_name == "codegen/contributing"


def test_list_agent_runs_sends_no_query_parameter_left_at_none(api_client: ApiClient, emulator: AgentApiEmulator) -> None:
    emulator.inject(Fault.status(200, {"items": [], "total": 0, "page": 1, "size": 100, "pages": 0}))
    page = AgentsApi(api_client).list_agent_runs(ORG)
    _check_sent(emulator, "GET", f"/v1/organizations/{ORG}/agent/runs")
    assert page.items == [] and page.total == 0


def test_list_agent_runs_takes_a_source_type_newer_than_the_sdk(api_client: ApiClient, emulator: AgentApiEmulator) -> None:
    emulator.inject(Fault.status(200, {**RUNS_PAGE, "items": [{**RUN, "source_type": "DISCORD"}]}))
    page = AgentsApi(api_client).list_agent_runs(ORG, source_type="DISCORD", skip=0)
    _check_sent(emulator, "GET", f"/v1/organizations/{ORG}/agent/runs?source_type=DISCORD&skip=0")
    assert page.items[0].source_type == "DISCORD"


@pytest.mark.parametrize(
    "body",
    [
        {"agent_run_id": RUN_ID, "prompt": "Also add a CODE_OF_CONDUCT.md"},
        ResumeAgentRunInput(agent_run_id=RUN_ID, prompt="Also add a CODE_OF_CONDUCT.md"),
    ],
    ids=["dict", "model"],
)
def test_resume_agent_run_sends_the_follow_up(api_client: ApiClient, emulator: AgentApiEmulator, body: Any) -> None:
    emulator.inject(Fault.status(200, {**RUN, "status": "ACTIVE", "result": None}))
    run = AgentsApi(api_client).resume_agent_run(ORG, body)
    _check_sent(
        emulator, "POST", f"/v1/organizations/{ORG}/agent/run/resume",
        {"agent_run_id": RUN_ID, "prompt": "Also add a CODE_OF_CONDUCT.md"},
    )
    assert isinstance(run, AgentRunResponse) and (run.id, run.status, run.result) == (RUN_ID, "ACTIVE", None)


def test_resume_agent_run_sends_images_and_explicit_nulls_as_to_dict_does(
    api_client: ApiClient, emulator: AgentApiEmulator
) -> None:
    api = AgentsApi(api_client)
    emulator.inject(Fault.status(200, RUN), times=2)
    api.resume_agent_run(ORG, ResumeAgentRunInput(agent_run_id=RUN_ID, prompt="Look", images=["data:image/png;base64,AA=="]))
    api.resume_agent_run(ORG, ResumeAgentRunInput(agent_run_id=RUN_ID, prompt="Look", images=None))
    sent = [request.json() for request in emulator.requests]
    assert sent[0] == {"agent_run_id": RUN_ID, "prompt": "Look", "images": ["data:image/png;base64,AA=="]}
    assert sent[1] == ResumeAgentRunInput(agent_run_id=RUN_ID, prompt="Look", images=None).to_dict()


PR_ACTIONS = [
    ("ban_all_checks_for_agent_run", "ban"),
    ("unban_all_checks_for_agent_run", "unban"),
    ("remove_codegen_from_pr", "remove-from-pr"),
]


@pytest.mark.parametrize("method, path", PR_ACTIONS, ids=[m for m, _ in PR_ACTIONS])
@pytest.mark.parametrize(
    "body", [{"agent_run_id": RUN_ID}, StopAgentRunInput(agent_run_id=RUN_ID)], ids=["dict", "model"]
)
def test_pr_actions_send_the_run_and_return_the_json(
    api_client: ApiClient, emulator: AgentApiEmulator, method: str, path: str, body: Any
) -> None:
    emulator.inject(Fault.status(200, DONE))
    result = getattr(AgentsApi(api_client), method)(ORG, body)
    _check_sent(emulator, "POST", f"/v1/organizations/{ORG}/agent/run/{path}", {"agent_run_id": RUN_ID})
    assert result == DONE


def test_pr_actions_send_the_card_order_ids(api_client: ApiClient, emulator: AgentApiEmulator) -> None:
    emulator.inject(Fault.status(200, DONE))
    body = {"agent_run_id": RUN_ID, "before_card_order_id": "a0", "after_card_order_id": "a1"}
    AgentsApi(api_client).remove_codegen_from_pr(ORG, stop_agent_run_input=body)
    _check_sent(emulator, "POST", f"/v1/organizations/{ORG}/agent/run/remove-from-pr", body)


@pytest.mark.parametrize("cls", [AgentsAlphaApi, AgentsBetaApi])
def test_get_agent_run_logs_sends_paging_and_order(api_client: ApiClient, emulator: AgentApiEmulator, cls: type) -> None:
    emulator.inject(Fault.status(200, LOGS))
    run = cls(api_client).get_agent_run_logs(RUN_ID, ORG, skip=0, limit=50, reverse=True)  # type: ignore[attr-defined]
    _check_sent(emulator, "GET", f"/v1/alpha/organizations/{ORG}/agent/run/{RUN_ID}/logs?skip=0&limit=50&reverse=true")
    assert isinstance(run, AgentRunWithLogsResponse)
    assert (run.id, run.status, run.total_logs, len(run.logs)) == (RUN_ID, "ACTIVE", 2, 2)
    first, second = run.logs
    assert (first.tool_name, first.thought, first.tool_input) == ("read_file", "Look at the README first.", {"path": "README.md"})
    assert first.observation is not None and first.observation.actual_instance == "# App\nA web app."
    assert second.observation is not None and second.observation.actual_instance == {"passed": 12, "failed": 0}


def test_get_agent_run_logs_sends_reverse_false(api_client: ApiClient, emulator: AgentApiEmulator) -> None:
    emulator.inject(Fault.status(200, LOGS))
    AgentsAlphaApi(api_client).get_agent_run_logs(RUN_ID, ORG, reverse=False)
    _check_sent(emulator, "GET", f"/v1/alpha/organizations/{ORG}/agent/run/{RUN_ID}/logs?reverse=false")


def test_get_organizations(api_client: ApiClient, emulator: AgentApiEmulator) -> None:
    emulator.inject(Fault.status(200, ORGANIZATIONS))
    page = OrganizationsApi(api_client).get_organizations(skip=0, limit=1)
    _check_sent(emulator, "GET", "/v1/organizations?skip=0&limit=1")
    assert isinstance(page, PageOrganizationResponse)
    org = page.items[0]
    assert (org.id, org.name, org.settings.enable_pr_creation, org.settings.enable_rules_detection) == (ORG, "Acme", True, False)


def test_get_current_user_info(api_client: ApiClient, emulator: AgentApiEmulator) -> None:
    emulator.inject(Fault.status(200, USER))
    user = UsersApi(api_client).get_current_user_info()
    _check_sent(emulator, "GET", "/v1/users/me")
    assert isinstance(user, UserResponse)
    assert (user.id, user.github_username, user.email, user.is_admin, user.full_name) == (5, "ada", "ada@acme.dev", False, None)


def test_get_repositories(api_client: ApiClient, emulator: AgentApiEmulator) -> None:
    emulator.inject(Fault.status(200, REPOS_PAGE))
    page = RepositoriesApi(api_client).get_repositories(ORG, limit=100)
    _check_sent(emulator, "GET", f"/v1/organizations/{ORG}/repos?limit=100")
    assert isinstance(page, PageRepoResponse)
    repo = page.items[0]
    assert (repo.id, repo.full_name, repo.description, repo.archived, repo.language) == (77, "acme/app", None, False, "Python")


# -- every operation: its three doors and the per-call keywords -----------------------

#: operation -> (class, positional arguments, canned 200 body, method, target, body sent)
CALLS: Dict[str, Tuple[type, Tuple[Any, ...], Any, str, str, Optional[Dict[str, Any]]]] = {
    "list_agent_runs": (AgentsApi, (ORG,), RUNS_PAGE, "GET", f"/v1/organizations/{ORG}/agent/runs", None),
    "resume_agent_run": (
        AgentsApi, (ORG, {"agent_run_id": RUN_ID, "prompt": "p"}), RUN,
        "POST", f"/v1/organizations/{ORG}/agent/run/resume", {"agent_run_id": RUN_ID, "prompt": "p"},
    ),
    "ban_all_checks_for_agent_run": (
        AgentsApi, (ORG, {"agent_run_id": RUN_ID}), DONE,
        "POST", f"/v1/organizations/{ORG}/agent/run/ban", {"agent_run_id": RUN_ID},
    ),
    "unban_all_checks_for_agent_run": (
        AgentsApi, (ORG, {"agent_run_id": RUN_ID}), DONE,
        "POST", f"/v1/organizations/{ORG}/agent/run/unban", {"agent_run_id": RUN_ID},
    ),
    "remove_codegen_from_pr": (
        AgentsApi, (ORG, {"agent_run_id": RUN_ID}), DONE,
        "POST", f"/v1/organizations/{ORG}/agent/run/remove-from-pr", {"agent_run_id": RUN_ID},
    ),
    "get_agent_run_logs": (
        AgentsBetaApi, (RUN_ID, ORG), LOGS, "GET", f"/v1/alpha/organizations/{ORG}/agent/run/{RUN_ID}/logs", None,
    ),
    "get_organizations": (OrganizationsApi, (), ORGANIZATIONS, "GET", "/v1/organizations", None),
    "get_current_user_info": (UsersApi, (), USER, "GET", "/v1/users/me", None),
    "get_repositories": (RepositoriesApi, (ORG,), REPOS_PAGE, "GET", f"/v1/organizations/{ORG}/repos", None),
}
OPERATIONS = sorted(CALLS)


def _door(api_client: ApiClient, operation: str, variant: str = "") -> Tuple[Callable[..., Any], Tuple[Any, ...]]:
    cls, args = CALLS[operation][:2]
    return getattr(cls(api_client), operation + variant), args


@pytest.mark.parametrize("operation", OPERATIONS)
def test_with_http_info_gives_status_headers_and_raw_body(
    api_client: ApiClient, emulator: AgentApiEmulator, operation: str
) -> None:
    canned, method, target, body = CALLS[operation][2:]
    emulator.inject(Fault.status(200, canned, {"X-Request-Id": "r-1"}))
    door, args = _door(api_client, operation, "_with_http_info")
    response = door(*args)
    _check_sent(emulator, method, target, body)
    assert isinstance(response, ApiResponse)
    assert response.status_code == 200
    assert response.headers is not None and response.headers["X-Request-Id"] == "r-1"
    assert json.loads(response.raw_data) == canned
    plain = response.data if isinstance(response.data, dict) else response.data.to_dict()
    assert plain == canned


@pytest.mark.parametrize("operation", OPERATIONS)
def test_without_preload_content_leaves_the_body_unread_and_the_status_unchecked(
    api_client: ApiClient, emulator: AgentApiEmulator, operation: str
) -> None:
    emulator.inject(Fault.status(404, {"message": "Agent run not found.", "status_code": 404}))
    door, args = _door(api_client, operation, "_without_preload_content")
    response = door(*args)
    try:
        assert response.status == 404
        assert json.loads(response.read()) == {"message": "Agent run not found.", "status_code": 404}
    finally:
        response.release_conn()


@pytest.mark.parametrize("operation", OPERATIONS)
def test_per_call_keywords_reach_the_request(api_client: ApiClient, emulator: AgentApiEmulator, operation: str) -> None:
    canned, method, target = CALLS[operation][2:5]
    emulator.inject(Fault.status(200, canned))
    door, args = _door(api_client, operation)
    door(*args, authorization="Bearer someone-else", _headers={"X-Trace": "t-7"}, _request_timeout=(2, 5), _retries=0)
    request = _only_request(emulator)
    assert (request.method, request.path) == (method, target)
    assert request.headers["Authorization"] == "Bearer someone-else"
    assert request.headers["X-Trace"] == "t-7"


@pytest.mark.parametrize("operation", OPERATIONS)
def test_request_auth_and_content_type_reach_the_request(
    api_client: ApiClient, emulator: AgentApiEmulator, operation: str
) -> None:
    canned, method, target = CALLS[operation][2:5]
    emulator.inject(Fault.status(200, canned))
    door, args = _door(api_client, operation)
    door(*args, _request_auth={"in_": "header", "key": "X-Api-Key", "value": "per-call"},
         _content_type="application/json; charset=utf-8", _host_index=0)
    request = _only_request(emulator)
    assert (request.method, request.path) == (method, target)
    assert request.headers["X-Api-Key"] == "per-call"
    assert "Authorization" not in request.headers  # the call's own credentials replace the configured token
    assert request.headers["Content-Type"] == "application/json; charset=utf-8"


# -- errors: typed, with the contract's error body parsed ----------------------------------

#: operation -> the error statuses it declares besides 422 and 429, which all have
DECLARED = {
    "list_agent_runs": (403,),
    "resume_agent_run": (403, 404),
    "ban_all_checks_for_agent_run": (403, 404),
    "unban_all_checks_for_agent_run": (403, 404),
    "remove_codegen_from_pr": (403, 404),
    "get_agent_run_logs": (403, 404),
    "get_organizations": (),
    "get_current_user_info": (403,),
    "get_repositories": (),
}
ERRORS = {
    403: (exceptions.ForbiddenException, "PermissionsErrorResponse", "You do not have access to this organization."),
    404: (exceptions.NotFoundException, "AgentRunNotFoundErrorResponse", "Agent run not found."),
    429: (exceptions.TooManyRequestsException, "APIRateLimitErrorResponse", "Rate limit exceeded. Please try again later."),
}
ERROR_CASES = [(op, status) for op in OPERATIONS for status in (*DECLARED[op], 429)]


@pytest.mark.parametrize("operation, status", ERROR_CASES, ids=[f"{op}-{status}" for op, status in ERROR_CASES])
def test_error_statuses_raise_typed_errors_with_the_declared_body(
    api_client: ApiClient, emulator: AgentApiEmulator, operation: str, status: int
) -> None:
    exc_type, model, message = ERRORS[status]
    headers = {"Retry-After": "7"} if status == 429 else None
    emulator.inject(Fault.status(status, {"message": message, "status_code": status}, headers))
    door, args = _door(api_client, operation)
    with pytest.raises(exc_type) as caught:
        door(*args)
    error = caught.value
    assert error.status == status
    assert type(error.data).__name__ == model
    assert (error.data.message, error.data.status_code) == (message, status)
    assert json.loads(error.body or "") == {"message": message, "status_code": status}
    if status == 429:
        assert error.retry_after == 7  # type: ignore[attr-defined]
    assert len(emulator.requests) == 1  # retries are off in this client


@pytest.mark.parametrize("operation", OPERATIONS)
def test_422_carries_the_validation_detail(api_client: ApiClient, emulator: AgentApiEmulator, operation: str) -> None:
    detail = [{"type": "greater_than_equal", "loc": ["query", "skip"], "msg": "Input should be >= 0", "input": "-1"}]
    emulator.inject(Fault.status(422, {"detail": detail}))
    door, args = _door(api_client, operation)
    with pytest.raises(exceptions.UnprocessableEntityException) as caught:
        door(*args)
    validation = caught.value.data.detail[0]
    assert ([part.actual_instance for part in validation.loc], validation.msg) == (["query", "skip"], "Input should be >= 0")


@pytest.mark.parametrize("operation", OPERATIONS)
def test_an_error_body_unlike_the_model_is_quoted_not_parsed(
    api_client: ApiClient, emulator: AgentApiEmulator, operation: str
) -> None:
    emulator.inject(Fault.body(b"<html>Forbidden</html>", content_type="text/html", status=403))
    door, args = _door(api_client, operation)
    with pytest.raises(exceptions.ForbiddenException) as caught:
        door(*args)
    assert caught.value.data is None
    assert caught.value.body == "<html>Forbidden</html>"


def test_an_error_body_with_none_of_the_models_fields_is_not_parsed(
    api_client: ApiClient, emulator: AgentApiEmulator
) -> None:
    # Every field of the error models has a default, but {} is not the API's body.
    emulator.inject(Fault.status(404, {"error": "no route"}))
    with pytest.raises(exceptions.NotFoundException) as caught:
        AgentsApi(api_client).resume_agent_run(ORG, {"agent_run_id": RUN_ID, "prompt": "p"})
    assert caught.value.data is None
    assert json.loads(caught.value.body or "") == {"error": "no route"}


def test_402_when_the_run_limit_is_reached(api_client: ApiClient, emulator: AgentApiEmulator) -> None:
    body = {
        "message": "Alloted agent runs for the current billing plan have been reached. Please upgrade your plan to continue.",
        "status_code": 402,
    }
    emulator.inject(Fault.status(402, body))
    with pytest.raises(exceptions.PaymentRequiredException) as caught:
        AgentsApi(api_client).create_agent_run(ORG, {"prompt": "Fix the flaky test"})
    error = caught.value
    assert isinstance(error, exceptions.ApiException) and error.status == 402
    assert type(error.data).__name__ == "AgentRunLimitReachedErrorResponse"
    assert error.data.message == body["message"]
    assert "402" in str(error)


def test_a_404_of_create_is_the_no_repos_body(api_client: ApiClient, emulator: AgentApiEmulator) -> None:
    body = {"message": "No repos found in the organization. Please add some repos and try again.", "status_code": 404}
    emulator.inject(Fault.status(404, body))
    with pytest.raises(exceptions.NotFoundException) as caught:
        AgentsApi(api_client).create_agent_run(ORG, {"prompt": "Fix the flaky test", "repo_id": 77})
    assert type(caught.value.data).__name__ == "NoReposFoundInOrgErrorResponse"
    assert caught.value.data.message == body["message"]


# -- bad arguments: refused, naming the argument, before anything is sent ---------------------

BAD_ARGUMENTS: List[Tuple[str, Callable[[ApiClient], Any], Tuple[Any, ...], str]] = [
    ("list_agent_runs", lambda c: AgentsApi(c).list_agent_runs("11"), ("org_id",), "int_type"),
    ("list_agent_runs", lambda c: AgentsApi(c).list_agent_runs(ORG, user_id=True), ("user_id",), "int_type"),
    ("list_agent_runs", lambda c: AgentsApi(c).list_agent_runs(ORG, skip=-1), ("skip",), "greater_than_equal"),
    ("list_agent_runs", lambda c: AgentsApi(c).list_agent_runs(ORG, limit=0), ("limit",), "greater_than_equal"),
    ("list_agent_runs", lambda c: AgentsApi(c).list_agent_runs(ORG, limit=101), ("limit",), "less_than_equal"),
    ("list_agent_runs", lambda c: AgentsApi(c).list_agent_runs(ORG, limit=10.0), ("limit",), "int_type"),
    ("list_agent_runs", lambda c: AgentsApi(c).list_agent_runs(ORG, source_type=3), ("source_type",), "enum_or_str"),
    ("resume_agent_run", lambda c: AgentsApi(c).resume_agent_run(ORG, {"agent_run_id": "7", "prompt": "p"}),
     ("resume_agent_run_input", "agent_run_id"), "int_type"),
    ("resume_agent_run", lambda c: AgentsApi(c).resume_agent_run(ORG, {"agent_run_id": 7}),
     ("resume_agent_run_input", "prompt"), "missing"),
    ("resume_agent_run", lambda c: AgentsApi(c).resume_agent_run(ORG, "more please"),
     ("resume_agent_run_input",), "model_type"),
    ("ban_all_checks_for_agent_run", lambda c: AgentsApi(c).ban_all_checks_for_agent_run(ORG, {}),
     ("stop_agent_run_input", "agent_run_id"), "missing"),
    ("unban_all_checks_for_agent_run",
     lambda c: AgentsApi(c).unban_all_checks_for_agent_run(ORG, ResumeAgentRunInput(agent_run_id=1, prompt="p")),
     ("stop_agent_run_input",), "model_type"),
    ("remove_codegen_from_pr", lambda c: AgentsApi(c).remove_codegen_from_pr(None, {"agent_run_id": 1}),
     ("org_id",), "int_type"),
    ("get_agent_run_logs", lambda c: AgentsAlphaApi(c).get_agent_run_logs(RUN_ID, ORG, reverse="yes"),
     ("reverse",), "bool_type"),
    ("get_agent_run_logs", lambda c: AgentsBetaApi(c).get_agent_run_logs(RUN_ID, ORG, reverse=1), ("reverse",), "bool_type"),
    ("get_agent_run_logs", lambda c: AgentsBetaApi(c).get_agent_run_logs(RUN_ID, ORG, limit=500),
     ("limit",), "less_than_equal"),
    ("get_agent_run_logs", lambda c: AgentsBetaApi(c).get_agent_run_logs(str(RUN_ID), ORG), ("agent_run_id",), "int_type"),
    ("get_organizations", lambda c: OrganizationsApi(c).get_organizations(skip=-5), ("skip",), "greater_than_equal"),
    ("get_current_user_info", lambda c: UsersApi(c).get_current_user_info(_host_index=1), ("_host_index",),
     "no_operation_servers"),
    ("get_current_user_info", lambda c: UsersApi(c).get_current_user_info(_request_timeout=-1), ("_request_timeout",),
     "float_type"),
    ("get_repositories", lambda c: RepositoriesApi(c).get_repositories(ORG, limit=True), ("limit",), "int_type"),
    ("get_repositories", lambda c: RepositoriesApi(c).get_repositories(ORG, _headers={"X-N": 1}), ("_headers",),
     "dict_type"),
]


@pytest.mark.parametrize(
    "operation, call, loc, error_type", BAD_ARGUMENTS, ids=[f"{row[0]}-{'.'.join(row[2])}" for row in BAD_ARGUMENTS]
)
def test_bad_arguments_are_refused_before_anything_is_sent(
    api_client: ApiClient, emulator: AgentApiEmulator, operation: str, call: Callable[[ApiClient], Any],
    loc: Tuple[Any, ...], error_type: str,
) -> None:
    with pytest.raises(pydantic.ValidationError) as caught:
        call(api_client)
    error = caught.value
    assert error.title == operation
    assert [(e["loc"], e["type"]) for e in error.errors()] == [(loc, error_type)]
    assert loc[0] in str(error)
    assert emulator.requests == []


def test_a_bad_authorization_is_not_quoted(api_client: ApiClient, emulator: AgentApiEmulator) -> None:
    secret = b"tok-S3CRET-bytes"
    with pytest.raises(pydantic.ValidationError) as caught:
        UsersApi(api_client).get_current_user_info(authorization=secret)  # type: ignore[arg-type]
    assert "S3CRET" not in str(caught.value) and "authorization" in str(caught.value)
    assert emulator.requests == []
