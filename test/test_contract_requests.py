"""Every public method's request, as the live contract would take it.

The server is `contract_mock.ContractMock`, which checks each request
against `openapi.json` alone (path, method, parameters, body, Content-Type,
Accept) and answers 400 with the list of problems, else 200 with a body that
fits the operation's 200 schema. The first half checks that server: it must
refuse each kind of bad request, naming the problem. The second half calls
every public method of every API class, found by introspection (the short
names, the generated names with their ``_0``/``_1`` repeats, and the
``_with_http_info`` / ``_without_preload_content`` variants), with every
optional parameter set, and checks that the server took the request and the
SDK decoded its answer.
"""

from __future__ import annotations

import inspect
import json
import os
import tempfile
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

import pytest
import urllib3

import openapi_client.api
from openapi_client import (
    AgentRunResponse,
    AgentRunWithLogsResponse,
    AgentsApi,
    AgentsAlphaApi,
    AgentsBetaApi,
    AnalyzeLogsResponse,
    ApiAgentRunSourceType,
    ApiClient,
    ApiResponse,
    CheckSuiteSettingsApi,
    CheckSuiteSettingsRequest,
    CheckSuiteSettingsResponse,
    CliRulesApi,
    CLIRulesResponse,
    Configuration,
    CreateAgentRunInput,
    EditPRInput,
    EditPRResponse,
    GenerateSetupCommandsInput,
    GenerateTokenRequest,
    GenerateTokenResponse,
    IntegrationsApi,
    OAuthProviderResponse,
    OrganizationIntegrationsResponse,
    OrganizationsApi,
    PageAgentRunResponse,
    PageOrganizationResponse,
    PageRepoResponse,
    PageUserResponse,
    PullRequestsApi,
    RepositoriesApi,
    ResumeAgentRunInput,
    SandboxApi,
    SetupCommandsApi,
    SetupCommandsResponse,
    SlackConnectApi,
    StopAgentRunInput,
    UserResponse,
    UsersApi,
)
from openapi_client import watching
from openapi_client.exceptions import AgentRunTimeoutError, BadRequestException
from test.contract_mock import ANY_JSON, Contract, ContractMock, Seen
from test.model_examples import CHECK_UPDATE, RUN

ORG = 4217
RUN_ID = 118342
TOKEN = "Bearer contract-check-token"
RUNS = "/v1/organizations/4217/agent/runs"
RUN_PATH = "/v1/organizations/4217/agent/run"
LOGS = "/v1/alpha/organizations/4217/agent/run/118342/logs"
FULL_CREATE: Dict[str, Any] = {
    "prompt": "Add a --dry-run flag to scripts/deploy.py",
    "images": ["data:image/png;base64,iVBORw0KGgo="],
    "metadata": {"ticket": "OPS-12", "labels": ["deploy"], "nested": {"ok": True}},
    "repo_id": 901,
    "model": "claude-sonnet-4-5",
    "agent_type": "claude_code",
}


@pytest.fixture(scope="module")
def contract_mock() -> Iterator[ContractMock]:
    with ContractMock() as mock:
        yield mock


@pytest.fixture
def mock(contract_mock: ContractMock) -> ContractMock:
    """The module's mock, with an empty request log."""
    contract_mock.clear()
    return contract_mock


@pytest.fixture
def client(mock: ContractMock) -> Iterator[ApiClient]:
    with ApiClient(Configuration(host=mock.url, access_token="configured-token", retries=0)) as api_client:
        yield api_client


@pytest.fixture(scope="module")
def http() -> Iterator[urllib3.PoolManager]:
    with urllib3.PoolManager() as pool:
        yield pool


# -- the mock itself: it refuses what the contract refuses ------------------------


def send(
    http: urllib3.PoolManager, mock: ContractMock, method: str, target: str,
    body: Any = None, headers: Optional[Dict[str, Optional[str]]] = None,
) -> Tuple[int, Any]:
    """A raw request: JSON `body` (bytes as they are), ``Accept: application/json`` unless `headers` say."""
    sent: Dict[str, Optional[str]] = {"Accept": "application/json"}
    if body is not None and not isinstance(body, bytes):
        body = json.dumps(body).encode()
        sent["Content-Type"] = "application/json"
    sent.update(headers or {})
    given = {name: value for name, value in sent.items() if value is not None}
    response = http.request(method, mock.url + target, body=body, headers=given, retries=False)
    return response.status, json.loads(response.data)


REFUSED: List[Tuple[str, str, str, Any, Optional[Dict[str, Optional[str]]], str]] = [
    # (case, method, target, body, headers, the one problem expected)
    ("unknown path", "GET", "/v1/organisations", None, None, "path: no path of the contract matches '/v1/organisations'"),
    ("trailing slash", "GET", RUNS + "/", None, None, "path: no path of the contract matches"),
    ("wrong method", "DELETE", RUN_PATH + "/5", None, None, "method: DELETE is not an operation of"),
    ("path type", "GET", "/v1/organizations/acme/agent/runs", None, None,
     "path org_id: 'acme' is not of type 'integer'"),
    ("a word as a run id", "GET", RUN_PATH + "/resume", None, None,
     "path agent_run_id: 'resume' is not of type 'integer'"),
    ("unknown query name", "GET", RUNS + "?page=2", None, None, "query page: not a parameter of this operation"),
    ("limit above 100", "GET", RUNS + "?limit=101", None, None, "query limit: 101 is greater than the maximum of 100"),
    ("limit 0", "GET", "/v1/organizations?limit=0", None, None, "query limit: 0 is less than the minimum of 1"),
    ("negative skip", "GET", LOGS + "?skip=-1", None, None, "query skip: -1 is less than the minimum of 0"),
    ("limit not a number", "GET", "/v1/organizations/4217/repos?limit=ten", None, None,
     "query limit: 'ten' is not of type 'integer'"),
    ("user_id a bool", "GET", RUNS + "?user_id=true", None, None, "query user_id: 'true' fits no branch of the anyOf"),
    ("reverse not a bool", "GET", LOGS + "?reverse=yes", None, None, "query reverse: 'yes' is not of type 'boolean'"),
    ("unlisted source_type", "GET", RUNS + "?source_type=NEW_SOURCE", None, None,
     "query source_type: 'NEW_SOURCE' fits no branch of the anyOf"),
    ("repeated query", "GET", RUNS + "?limit=1&limit=2", None, None, "query limit: given 2 times"),
    ("query on a bare path", "GET", "/v1/users/me?verbose=1", None, None, "query verbose: not a parameter"),
    ("body without prompt", "POST", RUN_PATH, {"repo_id": 901}, None, "body: 'prompt' is a required property"),
    ("prompt not a string", "POST", RUN_PATH, {"prompt": 42}, None, "body.prompt: 42 is not of type 'string'"),
    ("repo_id as text", "POST", RUN_PATH, {"prompt": "p", "repo_id": "901"}, None,
     "body.repo_id: '901' fits no branch of the anyOf: '901' is not of type 'integer'; '901' is not of type 'null'"),
    ("image not a string", "POST", RUN_PATH, {"prompt": "p", "images": [1]}, None,
     "body.images: [1] fits no branch of the anyOf: [0]: 1 is not of type 'string'"),
    ("metadata not an object", "POST", RUN_PATH, {"prompt": "p", "metadata": "x"}, None,
     "body.metadata: 'x' fits no branch of the anyOf"),
    ("unlisted agent_type", "POST", RUN_PATH, {"prompt": "p", "agent_type": "gpt_agent"}, None,
     "body.agent_type: 'gpt_agent' fits no branch of the anyOf: 'gpt_agent' is not of type 'null';"
     " 'gpt_agent' is not one of ['codegen', 'claude_code']"),
    ("field the contract lacks", "POST", RUN_PATH, {"prompt": "p", "reviewer": "ada"}, None,
     "body: Additional properties are not allowed ('reviewer' was unexpected)"),
    ("resume without run id", "POST", RUN_PATH + "/resume", {"prompt": "p"}, None,
     "body: 'agent_run_id' is a required property"),
    ("ban with run id as text", "POST", RUN_PATH + "/ban", {"agent_run_id": "5"}, None,
     "body.agent_run_id: '5' is not of type 'integer'"),
    ("body not JSON", "POST", RUN_PATH, b"prompt=p", {"Content-Type": "application/json"}, "body: not JSON"),
    ("body a JSON list", "POST", RUN_PATH + "/unban", [], None, "body: [] is not of type 'object'"),
    ("no body", "POST", RUN_PATH + "/remove-from-pr", None, None, "body: required, missing"),
    ("no Content-Type", "POST", RUN_PATH, {"prompt": "p"}, {"Content-Type": None},
     "header Content-Type: missing, for a body"),
    ("form Content-Type", "POST", RUN_PATH, {"prompt": "p"}, {"Content-Type": "application/x-www-form-urlencoded"},
     "header Content-Type: 'application/x-www-form-urlencoded' is not one of ['application/json']"),
    ("other charset", "POST", RUN_PATH, {"prompt": "p"}, {"Content-Type": "application/json; charset=latin-1"},
     "header Content-Type: JSON is UTF-8, not latin-1"),
    ("body on a GET", "GET", RUN_PATH + "/5", {"prompt": "p"}, None, "body: this operation takes none"),
    ("Accept html", "GET", "/v1/users/me", None, {"Accept": "text/html"},
     "header Accept: 'text/html' does not take ['application/json']"),
    ("Accept JSON with q=0", "GET", "/v1/users/me", None, {"Accept": "application/json;q=0, text/*"},
     "header Accept:"),
    ("unlisted PR state", "PATCH", "/v1/organizations/4217/prs/5", {"state": "merged"}, None,
     "body.state: 'merged' is not one of ['open', 'closed', 'draft', 'ready_for_review']"),
    ("retry count above 10", "PUT", "/v1/organizations/4217/repos/check-suite-settings?repo_id=901",
     {"check_retry_count": 11}, None, "body.check_retry_count: 11 fits no branch of the anyOf"),
    ("check-suite settings without repo_id", "GET", "/v1/organizations/4217/repos/check-suite-settings", None, None,
     "query repo_id: required, missing"),
    ("revoke without provider", "POST", "/v1/oauth/tokens/revoke?org_id=4217", None, None,
     "query provider: required, missing"),
    ("setup commands without repo_id", "POST", "/v1/organizations/4217/setup-commands/generate", {"prompt": "p"}, None,
     "body: 'repo_id' is a required property"),
    ("slack token org_id as text", "POST", "/v1/slack-connect/generate-token", {"org_id": "4217"}, None,
     "body.org_id: '4217' is not of type 'integer'"),
]


@pytest.mark.parametrize(
    "method, target, body, headers, problem", [case[1:] for case in REFUSED], ids=[case[0] for case in REFUSED]
)
def test_the_mock_refuses_a_request_against_the_contract(
    http: urllib3.PoolManager, mock: ContractMock, method: str, target: str, body: Any,
    headers: Optional[Dict[str, Optional[str]]], problem: str,
) -> None:
    status, answer = send(http, mock, method, target, body, headers)
    assert status == 400
    assert len(answer["problems"]) == 1, answer
    assert answer["problems"][0].startswith(problem), answer
    assert mock.requests[-1].problems == answer["problems"]


def test_the_mock_lists_every_problem_of_a_request(http: urllib3.PoolManager, mock: ContractMock) -> None:
    status, answer = send(http, mock, "GET", RUNS + "?limit=101&skip=-1&page=2")
    assert status == 400
    assert answer["operation"] == "list_agent_runs_v1_organizations__org_id__agent_runs_get"
    assert [problem.split(":")[0] for problem in answer["problems"]] == ["query limit", "query skip", "query page"]


ACCEPTED: List[Tuple[str, str, str, Any, Optional[Dict[str, Optional[str]]]]] = [
    ("every list filter", "GET", RUNS + "?user_id=77&source_type=GITHUB_PR_REVIEW&skip=0&limit=100", None, None),
    ("smallest limit", "GET", "/v1/organizations?skip=200&limit=1", None, None),
    ("logs reversed", "GET", LOGS + "?skip=0&limit=1&reverse=true", None, None),
    ("logs in order", "GET", LOGS + "?reverse=false", None, None),
    ("no Accept", "GET", "/v1/organizations/4217/repos", None, {"Accept": None}),
    ("Accept anything", "GET", "/v1/users/me", None, {"Accept": "text/html, */*;q=0.1"}),
    ("Accept application/*", "GET", RUN_PATH + "/118342", None, {"Accept": "application/*"}),
    ("every create field", "POST", RUN_PATH, FULL_CREATE, None),
    ("explicit nulls", "POST", RUN_PATH,
     {"prompt": "p", "images": None, "metadata": None, "repo_id": None, "model": None, "agent_type": None}, None),
    ("charset utf-8", "POST", RUN_PATH + "/resume", {"agent_run_id": 1, "prompt": "p"},
     {"Content-Type": "application/json; charset=utf-8"}),
    ("PR action with card ids", "POST", RUN_PATH + "/ban",
     {"agent_run_id": 1, "before_card_order_id": "a0", "after_card_order_id": None}, None),
    ("a user", "GET", "/v1/organizations/4217/users/77", None, None),
    ("PR to draft", "PATCH", "/v1/organizations/4217/repos/901/prs/5", {"state": "draft"}, None),
    ("every check-suite setting, nulls too", "PUT", "/v1/organizations/4217/repos/check-suite-settings?repo_id=901",
     {"check_retry_count": None, "ignored_checks": [], "check_retry_counts": {"ci": 0}, "custom_prompts": None,
      "high_priority_apps": None}, None),
    ("token status", "GET", "/v1/oauth/tokens/status?org_id=4217", None, None),
]


@pytest.mark.parametrize(
    "method, target, body, headers", [case[1:] for case in ACCEPTED], ids=[case[0] for case in ACCEPTED]
)
def test_the_mock_accepts_a_request_the_contract_takes(
    http: urllib3.PoolManager, mock: ContractMock, method: str, target: str, body: Any,
    headers: Optional[Dict[str, Optional[str]]],
) -> None:
    status, answer = send(http, mock, method, target, body, headers)
    assert status == 200, answer
    (seen,) = mock.requests
    assert seen.problems == []
    assert answer == mock.contract.answers[str(seen.operation_id)]


def test_the_mock_answers_fit_the_200_schemas_and_a_wrong_one_is_caught() -> None:
    contract = Contract()
    for operation in contract.operations:
        schema = operation.spec["responses"]["200"]["content"]["application/json"]["schema"]
        assert contract.problems("answer", schema, contract.answers[operation.operation_id]) == []
    run_schema = {"$ref": "urn:contract#/components/schemas/AgentRunResponse"}
    assert contract.problems("answer", run_schema, {**RUN, "id": "118342", "source_type": "EMAIL"}) == [
        "answer.id: '118342' is not of type 'integer'",
        "answer.source_type: 'EMAIL' fits no branch of the anyOf: 'EMAIL' is not of type 'null';"
        " 'EMAIL' is not one of ['LOCAL', 'SLACK', 'GITHUB', 'GITHUB_CHECK_SUITE', 'GITHUB_PR_REVIEW', 'LINEAR',"
        " 'API', 'CHAT', 'JIRA', 'CLICKUP', 'MONDAY', 'SETUP_COMMANDS']",
    ]


def test_a_value_made_from_each_schema_fits_it() -> None:
    """The fallback answer, for a 200 schema without a realistic example, is valid for every schema."""
    contract = Contract()
    for name in contract.document["components"]["schemas"]:
        schema = {"$ref": f"urn:contract#/components/schemas/{name}"}
        assert contract.problems(name, schema, contract._make(schema)) == [], name


def test_closing_the_objects_is_the_mocks_choice_not_the_contracts() -> None:
    body = {"prompt": "p", "reviewer": "ada"}
    schema = {"$ref": "urn:contract#/components/schemas/CreateAgentRunInput"}
    assert Contract(closed_objects=False).problems("body", schema, body) == []
    assert Contract().problems("body", schema, body) != []


# -- every public method of the SDK, against the mock -------------------------------

API_CLASSES: List[type] = [getattr(openapi_client.api, name) for name in openapi_client.api.__all__]

#: How many public methods each class has: the generated client's (OpenAPI Generator 7.12.0 on the
#: live contract, counted with `dir`), the three doors of each short name, and the two waits.
GENERATED_COUNTS: Dict[type, int] = {
    AgentsApi: 63, AgentsAlphaApi: 6, AgentsBetaApi: 3, OrganizationsApi: 27, UsersApi: 27, RepositoriesApi: 15,
    CheckSuiteSettingsApi: 6, CliRulesApi: 9, IntegrationsApi: 9, PullRequestsApi: 18, SandboxApi: 9,
    SetupCommandsApi: 9, SlackConnectApi: 6,
}
#: Short names per class, the friendlier get_organization_integrations and generate_slack_connect_token included.
SHORT_NAMES: Dict[type, int] = {
    AgentsApi: 7, AgentsAlphaApi: 1, AgentsBetaApi: 1, OrganizationsApi: 4, UsersApi: 3, RepositoriesApi: 3,
    CheckSuiteSettingsApi: 2, CliRulesApi: 1, IntegrationsApi: 2, PullRequestsApi: 2, SandboxApi: 1,
    SetupCommandsApi: 1, SlackConnectApi: 2,
}
WAITS = ("create_agent_run_and_wait", "wait_for_agent_run")
#: The helpers over runs, built on the operations: each call, and whether it may end by its timeout.
FAST = {"timeout": 10, "poll_interval": 0.01}
HELPERS: Dict[str, Tuple[Callable[[Any], Any], bool]] = {
    "iter_agent_runs": (lambda api: list(api.iter_agent_runs(ORG, user_id=77, source_type="GITHUB", page_size=10)), False),
    "follow_agent_run_logs": (lambda api: list(api.follow_agent_run_logs(RUN_ID, ORG, **FAST)), False),
    "wait_for_agent_runs": (lambda api: api.wait_for_agent_runs([RUN_ID], ORG, progress=False, **FAST), False),
    "watch_agent_runs": (lambda api: first_watch_event(api), False),
    # The mock's run is final before and after the resume, as an API that ignored it: the wait times out.
    "resume_agent_run_and_wait": (
        lambda api: api.resume_agent_run_and_wait(ORG, RUN_ID, "Also update the README", timeout=0.5,
                                                  poll_interval=0.01, progress=False),
        True,
    ),
}

def first_watch_event(api: AgentsApi) -> Any:
    """The first event of a watch whose state has seen no run yet: every run listed is new."""
    with tempfile.TemporaryDirectory() as folder:
        state = watching.WatchState(os.path.join(folder, "state.json"), ORG)
        state.started = True
        state.save()
        return next(api.watch_agent_runs(ORG, state_file=state.path))


#: Every per-call keyword; ``authorization`` wins over ``_request_auth`` and the configured token.
PER_CALL: Dict[str, Any] = {
    "authorization": TOKEN,
    "_request_timeout": (5.0, 5.0),
    "_request_auth": {"in_": "header", "key": "Authorization", "value": "Bearer other", "type": "bearer"},
    "_content_type": "application/json",
    "_headers": {"X-Request-Id": "contract-check"},
    "_host_index": 0,
    "_retries": 0,
}
STOP = StopAgentRunInput(agent_run_id=RUN_ID, before_card_order_id="a0", after_card_order_id="a1")
PAGE_OF_RUNS: Dict[str, Any] = {"user_id": 77, "source_type": ApiAgentRunSourceType.GITHUB, "skip": 20, "limit": 10}

PR_ID = 2734419981
#: short name -> (positional arguments, optional parameters, the model a 200 decodes to, [Model] a list of
#: them; None: JSON as is)
CALLS: Dict[str, Tuple[Tuple[Any, ...], Dict[str, Any], Any]] = {
    "create_agent_run": ((ORG, CreateAgentRunInput.from_dict(FULL_CREATE)), {}, AgentRunResponse),
    "get_agent_run": ((RUN_ID, ORG), {}, AgentRunResponse),
    "list_agent_runs": ((ORG,), PAGE_OF_RUNS, PageAgentRunResponse),
    "resume_agent_run": (
        (ORG, ResumeAgentRunInput(agent_run_id=RUN_ID, prompt="Also update the README",
                                  images=["data:image/png;base64,iVBORw0KGgo="])),
        {}, AgentRunResponse,
    ),
    "ban_all_checks_for_agent_run": ((ORG, STOP), {}, None),
    "unban_all_checks_for_agent_run": ((ORG, STOP), {}, None),
    "remove_codegen_from_pr": ((ORG, STOP), {}, None),
    "get_agent_run_logs": ((RUN_ID, ORG), {"skip": 5, "limit": 50, "reverse": True}, AgentRunWithLogsResponse),
    "get_organizations": ((), {"skip": 0, "limit": 10}, PageOrganizationResponse),
    "get_current_user_info": ((), {}, UserResponse),
    "get_repositories": ((ORG,), {"skip": 0, "limit": 25}, PageRepoResponse),
    "get_users": ((ORG,), {"skip": 100, "limit": 50}, PageUserResponse),
    "get_user": ((ORG, 77), {}, UserResponse),
    "get_check_suite_settings": ((ORG, 901), {}, CheckSuiteSettingsResponse),
    "update_check_suite_settings": ((ORG, 901, CheckSuiteSettingsRequest.from_dict(CHECK_UPDATE)), {}, None),
    "edit_pull_request_simple": ((ORG, PR_ID, EditPRInput(state="closed")), {}, EditPRResponse),
    "edit_pull_request": ((ORG, 901, PR_ID, {"state": "ready_for_review"}), {}, EditPRResponse),
    "get_organization_integrations_endpoint": ((ORG,), {}, OrganizationIntegrationsResponse),
    "generate_setup_commands": ((ORG, GenerateSetupCommandsInput(repo_id=901, prompt="Use uv, not pip.")), {},
                                SetupCommandsResponse),
    "get_mcp_providers": ((), {}, [OAuthProviderResponse]),
    "get_oauth_token_status": ((ORG,), {}, None),
    "revoke_oauth_token": (("linear", ORG), {}, None),
    "analyze_sandbox_logs": ((3301, ORG), {}, AnalyzeLogsResponse),
    "get_cli_rules": ((ORG,), {}, CLIRulesResponse),
    "generate_slack_connect_token_endpoint": ((GenerateTokenRequest(org_id=ORG),), {}, GenerateTokenResponse),
}


def decoded(model: Any, answer: Any) -> Any:
    """What the SDK should make of `answer`: the model, a list of the model, or the JSON as it is."""
    if model is None:
        return answer
    if isinstance(model, list):
        return [model[0].from_dict(item) for item in answer]
    return model.from_dict(answer)


def per_call(method: Any) -> Dict[str, Any]:
    """`PER_CALL`, without `authorization` for the operations whose contract does not declare it."""
    return {k: v for k, v in PER_CALL.items() if k != "authorization" or k in inspect.signature(method).parameters}


def public_methods(cls: type) -> List[str]:
    return [name for name in dir(cls) if not name.startswith("_") and callable(getattr(cls, name))]


METHODS = [(cls, name) for cls in API_CLASSES for name in public_methods(cls)]


def door_of(cls: type, name: str) -> Tuple[str, str]:
    """The operation's short name and the variant (``plain``, ``info``, ``raw``) of the door `name`."""
    door = getattr(cls, name)
    if not hasattr(door, "__wrapped__"):
        pytest.fail(f"{cls.__name__}.{name} is neither the door of an operation nor a wait: add its call here")
    short = door.__wrapped__.__name__.lstrip("_")
    variant = door.__name__[len(short):]
    return short, {"": "plain", "_with_http_info": "info", "_without_preload_content": "raw"}[variant]


def accepted(mock: ContractMock) -> List[Seen]:
    """The requests the mock saw, after checking it took each."""
    seen = mock.requests
    assert seen, "no request reached the mock"
    for request in seen:
        assert request.problems == [], f"{request.method} {request.target}: {request.problems}"
    return seen


def test_the_count_of_methods_matches_the_generated_client() -> None:
    assert [cls.__name__ for cls in API_CLASSES] == [
        "AgentsApi", "AgentsAlphaApi", "AgentsBetaApi", "OrganizationsApi", "UsersApi", "RepositoriesApi",
        "CheckSuiteSettingsApi", "CliRulesApi", "IntegrationsApi", "PullRequestsApi", "SandboxApi", "SetupCommandsApi",
        "SlackConnectApi",
    ]
    for cls in API_CLASSES:
        names = public_methods(cls)
        generated = [name for name in names if "_v1_" in name]
        waits = [name for name in names if name in WAITS]
        assert len(generated) == GENERATED_COUNTS[cls], cls
        helpers = [name for name in names if name in HELPERS]
        assert len(names) == len(generated) + 3 * SHORT_NAMES[cls] + len(waits) + len(helpers), cls
        assert waits == (list(WAITS) if cls is AgentsApi else [])
        assert helpers == (sorted(HELPERS) if cls is AgentsApi else [])
    assert len(METHODS) == 299 + len(HELPERS)  # 207 generated names, 30 short names in 3 variants, 2 waits


def test_every_operation_of_the_contract_has_a_method_and_arguments() -> None:
    shorts = {door_of(cls, name)[0] for cls, name in METHODS if name not in WAITS and name not in HELPERS}
    assert shorts == set(CALLS)
    operation_ids = {op.operation_id for op in Contract().operations}
    assert {next(op for op in operation_ids if op.startswith(short + "_v1_")) for short in shorts} == operation_ids


@pytest.mark.parametrize("cls, name", METHODS, ids=[f"{cls.__name__}.{name}" for cls, name in METHODS])
def test_every_method_sends_a_request_the_contract_takes(
    mock: ContractMock, client: ApiClient, cls: type, name: str
) -> None:
    api = cls(client)
    if name in WAITS:
        run = (
            api.wait_for_agent_run(RUN_ID, ORG, timeout=10, poll_interval=0.01, progress=False)
            if name == "wait_for_agent_run"
            else api.create_agent_run_and_wait(ORG, FULL_CREATE, timeout=10, poll_interval=0.01, progress=False)
        )
        assert run == AgentRunResponse.from_dict(RUN)
        for request in accepted(mock):
            assert request.headers["Authorization"] == "Bearer configured-token"
        return
    if name in HELPERS:
        helper, may_time_out = HELPERS[name]
        try:
            helper(api)
        except AgentRunTimeoutError:
            assert may_time_out, name
        accepted(mock)
        return
    short, variant = door_of(cls, name)
    assert short in CALLS, f"no arguments for {short}: add them to CALLS"
    args, optional, model = CALLS[short]
    keywords = per_call(getattr(api, name))
    result = getattr(api, name)(*args, **optional, **keywords)
    (request,) = accepted(mock)
    assert request.operation_id is not None and request.operation_id.startswith(short + "_v1_")
    # Without an `authorization` parameter, the call's `_request_auth` gives the header.
    assert request.headers["Authorization"] == (TOKEN if "authorization" in keywords else "Bearer other")
    assert request.headers["X-Request-Id"] == "contract-check"
    answer = mock.contract.answers[request.operation_id]
    expected = decoded(model, answer)
    if variant == "plain":
        assert result == expected
        assert model is None or type(result) is (list if isinstance(model, list) else model)
    elif variant == "info":
        assert isinstance(result, ApiResponse)
        assert result.status_code == 200
        assert result.data == expected
    else:
        assert result.status == 200
        assert json.loads(result.data) == answer
        result.release_conn()


def test_every_optional_parameter_reaches_the_mock(mock: ContractMock, client: ApiClient) -> None:
    """The calls above are taken with their parameters on the wire, not dropped on the way."""
    AgentsApi(client).list_agent_runs(ORG, **PAGE_OF_RUNS)
    AgentsAlphaApi(client).get_agent_run_logs(RUN_ID, ORG, skip=5, limit=50, reverse=True)
    AgentsApi(client).create_agent_run(ORG, FULL_CREATE)
    runs, logs, create = accepted(mock)
    assert runs.target == RUNS + "?user_id=77&source_type=GITHUB&skip=20&limit=10"
    assert logs.target == LOGS + "?skip=5&limit=50&reverse=true"
    assert create.json() == FULL_CREATE


@pytest.mark.parametrize("skip, limit, reverse", [(0, 1, False), (10_000, 100, True)])
def test_the_bounds_of_paging_are_taken(
    mock: ContractMock, client: ApiClient, skip: int, limit: int, reverse: bool
) -> None:
    AgentsApi(client).list_agent_runs(ORG, skip=skip, limit=limit)
    AgentsBetaApi(client).get_agent_run_logs(RUN_ID, ORG, skip=skip, limit=limit, reverse=reverse)
    OrganizationsApi(client).get_organizations(skip=skip, limit=limit)
    RepositoriesApi(client).get_repositories(ORG, skip=skip, limit=limit)
    assert len(accepted(mock)) == 4


def test_dict_bodies_with_explicit_nulls_are_taken(mock: ContractMock, client: ApiClient) -> None:
    api = AgentsApi(client)
    api.create_agent_run(ORG, {"prompt": "p", "images": None, "metadata": None, "repo_id": None, "model": None})
    api.resume_agent_run(ORG, {"agent_run_id": RUN_ID, "prompt": "p", "images": None})
    api.ban_all_checks_for_agent_run(ORG, {"agent_run_id": RUN_ID, "before_card_order_id": None})
    create, resume, ban = accepted(mock)
    assert create.json()["images"] is None and resume.json()["images"] is None
    assert ban.json() == {"agent_run_id": RUN_ID, "before_card_order_id": None}


# -- values the contract does not list: sent as given, on purpose; the contract refuses them


def test_an_unlisted_agent_type_is_sent_as_given_and_the_contract_refuses_it(
    mock: ContractMock, client: ApiClient
) -> None:
    with pytest.raises(BadRequestException) as raised:
        AgentsApi(client).create_agent_run(ORG, CreateAgentRunInput(prompt="p", agent_type="gpt_agent"))
    (request,) = mock.requests
    assert request.json() == {"prompt": "p", "agent_type": "gpt_agent"}
    assert [problem.split(":")[0] for problem in request.problems] == ["body.agent_type"]
    assert raised.value.status == 400
    assert "body.agent_type" in str(raised.value.body)


def test_an_unlisted_source_type_is_sent_as_given_and_the_contract_refuses_it(
    mock: ContractMock, client: ApiClient
) -> None:
    with pytest.raises(BadRequestException):
        AgentsApi(client).list_agent_runs(ORG, source_type="NEW_SOURCE")
    (request,) = mock.requests
    assert request.target == RUNS + "?source_type=NEW_SOURCE"
    assert [problem.split(":")[0] for problem in request.problems] == ["query source_type"]


def test_a_pr_action_answer_is_any_json(mock: ContractMock, client: ApiClient) -> None:
    assert AgentsApi(client).remove_codegen_from_pr(ORG, STOP) == ANY_JSON


# -- the new operations' parameters on the wire ----------------------------------------------


def test_the_new_operations_send_their_parameters_and_bodies(mock: ContractMock, client: ApiClient) -> None:
    UsersApi(client).get_users(ORG, skip=100, limit=50)
    CheckSuiteSettingsApi(client).get_check_suite_settings(ORG, 901)
    RepositoriesApi(client).update_check_suite_settings(ORG, 901, CHECK_UPDATE)
    OrganizationsApi(client).get_oauth_token_status(ORG)
    OrganizationsApi(client).revoke_oauth_token("linear & co", ORG)
    PullRequestsApi(client).edit_pull_request_simple(ORG, PR_ID, {"state": "open"})
    SetupCommandsApi(client).generate_setup_commands(ORG, {"repo_id": 901})
    SlackConnectApi(client).generate_slack_connect_token({"org_id": ORG})
    SandboxApi(client).analyze_sandbox_logs(3301, ORG)
    users, settings, update, status, revoke, edit, setup, slack, analyze = accepted(mock)
    assert users.target == "/v1/organizations/4217/users?skip=100&limit=50"
    assert settings.target == "/v1/organizations/4217/repos/check-suite-settings?repo_id=901"
    assert (update.method, update.target, update.json()) == ("PUT", settings.target, CHECK_UPDATE)
    assert status.target == "/v1/oauth/tokens/status?org_id=4217"
    assert revoke.target == "/v1/oauth/tokens/revoke?provider=linear%20%26%20co&org_id=4217" and revoke.body == b""
    assert (edit.method, edit.target, edit.json()) == ("PATCH", f"/v1/organizations/4217/prs/{PR_ID}", {"state": "open"})
    # The default trigger_source is sent, as generated clients send it.
    assert setup.json() == {"repo_id": 901, "trigger_source": "setup-commands"}
    assert slack.json() == {"org_id": ORG}
    assert (analyze.target, analyze.body) == ("/v1/organizations/4217/sandbox/3301/analyze-logs", b"")


@pytest.mark.parametrize(
    "call, problem",
    [
        (lambda c: PullRequestsApi(c).edit_pull_request(ORG, 901, PR_ID, {"state": "merged"}), "edit_pr_input.state"),
        (lambda c: PullRequestsApi(c).edit_pull_request_simple(ORG, "5", {"state": "open"}), "pr_id"),
        (lambda c: RepositoriesApi(c).get_check_suite_settings(ORG, None), "repo_id"),
        (lambda c: CheckSuiteSettingsApi(c).update_check_suite_settings(ORG, 901, {"check_retry_count": -1}),
         "check_suite_settings_request.check_retry_count"),
        (lambda c: UsersApi(c).get_users(ORG, limit=101), "limit"),
        (lambda c: UsersApi(c).get_user(ORG, 7.0), "user_id"),
        (lambda c: OrganizationsApi(c).revoke_oauth_token(None, ORG), "provider"),
        (lambda c: OrganizationsApi(c).get_oauth_token_status("4217"), "org_id"),
        (lambda c: SetupCommandsApi(c).generate_setup_commands(ORG, {"prompt": "p"}), "generate_setup_commands_input.repo_id"),
        (lambda c: SlackConnectApi(c).generate_slack_connect_token(ORG), "generate_token_request"),
        (lambda c: SandboxApi(c).analyze_sandbox_logs(True, ORG), "sandbox_id"),
    ],
    ids=["pr state", "pr id", "repo id missing", "retry count", "limit", "user id", "provider", "org id as text",
         "setup without repo", "token body", "sandbox id a bool"],
)
def test_a_bad_argument_of_a_new_operation_is_refused_before_sending(
    mock: ContractMock, client: ApiClient, call: Callable[[ApiClient], Any], problem: str
) -> None:
    import pydantic

    with pytest.raises(pydantic.ValidationError) as raised:
        call(client)
    assert ".".join(map(str, raised.value.errors()[0]["loc"])) == problem
    assert mock.requests == []


# -- random valid answers: every method decodes whatever the contract allows -------------------

RANDOM_ROUNDS = 4


@pytest.fixture(scope="module")
def random_mock() -> Iterator[ContractMock]:
    with ContractMock(seed=20251007) as mock:
        yield mock


def covers(produced: Any, answer: Any) -> bool:
    """Whether the decoded data, as JSON, is `answer`; it may add nulls (generated `from_dict` sets every field)."""
    if isinstance(answer, dict):
        return (
            isinstance(produced, dict)
            and all(key in produced and covers(produced[key], value) for key, value in answer.items())
            and all(produced[key] is None for key in produced.keys() - answer.keys())
        )
    if isinstance(answer, list):
        return isinstance(produced, list) and len(produced) == len(answer) and all(map(covers, produced, answer))
    # An enum member is equal to its string; a bool must stay a bool, not 0 or 1.
    return produced == answer and isinstance(produced, bool) == isinstance(answer, bool)


def as_json(value: Any) -> Any:
    if isinstance(value, list):
        return [as_json(item) for item in value]
    return value.to_dict() if hasattr(value, "to_dict") else value


OPERATION_METHODS = [(cls, name) for cls, name in METHODS if name not in WAITS and name not in HELPERS]


@pytest.mark.parametrize(
    "cls, name", OPERATION_METHODS, ids=[f"{cls.__name__}.{name}" for cls, name in OPERATION_METHODS]
)
def test_every_method_decodes_random_valid_answers(random_mock: ContractMock, cls: type, name: str) -> None:
    short, variant = door_of(cls, name)
    args, optional, model = CALLS[short]
    with ApiClient(Configuration(host=random_mock.url, access_token="configured-token", retries=0)) as client:
        method = getattr(cls(client), name)
        for _ in range(RANDOM_ROUNDS):
            random_mock.clear()
            result = method(*args, **optional)
            (request,) = random_mock.requests
            assert request.problems == []
            if variant == "raw":
                assert json.loads(result.data) == request.answer
                continue
            data = result.data if variant == "info" else result
            assert covers(as_json(data), request.answer), (as_json(data), request.answer)
            assert data == decoded(model, request.answer)


def test_the_random_answers_differ_and_fit(random_mock: ContractMock) -> None:
    """Guards the test above: the answers are drawn anew for each request, and each fits its schema."""
    with ApiClient(Configuration(host=random_mock.url, access_token="t", retries=0)) as client:
        random_mock.clear()
        for _ in range(10):
            UsersApi(client).get_users_with_http_info(ORG)
        answers = [request.answer for request in random_mock.requests]
    assert len({json.dumps(answer, sort_keys=True) for answer in answers}) > 5
    schema = {"$ref": "urn:contract#/components/schemas/Page_UserResponse_"}
    assert all(random_mock.contract.problems("answer", schema, answer) == [] for answer in answers)
