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
    ApiAgentRunSourceType,
    ApiClient,
    ApiResponse,
    Configuration,
    CreateAgentRunInput,
    OrganizationsApi,
    PageAgentRunResponse,
    PageOrganizationResponse,
    PageRepoResponse,
    RepositoriesApi,
    ResumeAgentRunInput,
    StopAgentRunInput,
    UserResponse,
    UsersApi,
)
from openapi_client import watching
from openapi_client.exceptions import AgentRunTimeoutError, BadRequestException
from test.contract_mock import ANY_JSON, Contract, ContractMock, Seen
from test.model_examples import RUN

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
    AgentsApi: 63, AgentsAlphaApi: 6, AgentsBetaApi: 3, OrganizationsApi: 9, UsersApi: 9, RepositoriesApi: 9,
}
SHORT_NAMES: Dict[type, int] = {
    AgentsApi: 7, AgentsAlphaApi: 1, AgentsBetaApi: 1, OrganizationsApi: 1, UsersApi: 1, RepositoriesApi: 1,
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

#: short name -> (positional arguments, optional parameters, the model a 200 decodes to; None: JSON as is)
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
}


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
        "AgentsApi", "AgentsAlphaApi", "AgentsBetaApi", "OrganizationsApi", "UsersApi", "RepositoriesApi"
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
    assert len(METHODS) == 137 + len(HELPERS)


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
    result = getattr(api, name)(*args, **optional, **PER_CALL)
    (request,) = accepted(mock)
    assert request.operation_id is not None and request.operation_id.startswith(short + "_v1_")
    assert request.headers["Authorization"] == TOKEN
    assert request.headers["X-Request-Id"] == "contract-check"
    answer = mock.contract.answers[request.operation_id]
    expected = answer if model is None else model.from_dict(answer)
    if variant == "plain":
        assert result == expected
        assert model is None or type(result) is model
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
