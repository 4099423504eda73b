"""The emulator's operations beyond agent runs, over real sockets with urllib3 as the client.

Users, check-suite settings, pull-request edits, integrations, setup commands,
sandbox log analysis, OAuth connections, CLI rules and Slack connect tokens:
each keeps state that the others (and the run operations) see.
"""

from __future__ import annotations

import json
from typing import Any, Dict, Iterator, Optional

import pytest
import urllib3

from openapi_client.testing import AgentApiEmulator, SlackTokenRefused

RATE_LIMIT_BODY = {"message": "Rate limit exceeded. Please try again later.", "status_code": 429}


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Client:
    """Raw HTTP to one emulator, as a user of the wire format sees it."""

    def __init__(self, emu: AgentApiEmulator, token: Optional[str] = None) -> None:
        self.emu = emu
        self.token = token or emu.token
        self.http = urllib3.PoolManager(retries=False)

    def call(self, method: str, path: str, body: Any = None, **query: Any) -> urllib3.BaseHTTPResponse:
        headers = {"Authorization": f"Bearer {self.token}"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        url = self.emu.url + path.format(org=self.emu.org_id)
        return self.http.request(method, url, body=data, headers=headers, fields=query or None)

    def json(self, method: str, path: str, body: Any = None, *, status: int = 200, **query: Any) -> Any:
        response = self.call(method, path, body, **query)
        assert response.status == status, (response.status, response.data)
        return json.loads(response.data)


@pytest.fixture
def emu() -> Iterator[AgentApiEmulator]:
    with AgentApiEmulator(rate_limits=False) as emulator:
        yield emulator


@pytest.fixture
def client(emu: AgentApiEmulator) -> Client:
    return Client(emu)


def _locs(body: Dict[str, Any]) -> list:
    return [(error["type"], error["loc"]) for error in body["detail"]]


# -- runs started by other operations ---------------------------------------------------


def test_setup_commands_start_a_run_that_lists_and_ends_like_any_other(client: Client, emu: AgentApiEmulator) -> None:
    answer = client.json("POST", "/v1/organizations/{org}/setup-commands/generate",
                         {"repo_id": 101, "prompt": "Use uv, not pip."})

    run_id = answer["agent_run_id"]
    run = client.json("GET", f"/v1/organizations/{{org}}/agent/run/{run_id}")
    assert answer == {"agent_run_id": run_id, "status": "PENDING", "url": run["web_url"]}
    assert run["source_type"] == "SETUP_COMMANDS"
    assert emu.runs[run_id].repo_id == 101
    assert emu.runs[run_id].prompt == "Generate the setup commands of org-1/backend. Use uv, not pip."
    listed = client.json("GET", "/v1/organizations/{org}/agent/runs", source_type="SETUP_COMMANDS")
    assert [item["id"] for item in listed["items"]] == [run_id]
    final = client.json("GET", f"/v1/organizations/{{org}}/agent/run/{run_id}")
    assert final["status"] == "COMPLETE" and final["result"]


def test_setup_commands_follow_the_run_script_and_refuse_an_unknown_repository(
    client: Client, emu: AgentApiEmulator
) -> None:
    emu.script_next_run("FAILED")
    run_id = client.json("POST", "/v1/organizations/{org}/setup-commands/generate", {"repo_id": 102})["agent_run_id"]
    for _ in range(2):
        run = client.json("GET", f"/v1/organizations/{{org}}/agent/run/{run_id}")
    assert run["status"] == "FAILED"

    assert client.json("POST", "/v1/organizations/{org}/setup-commands/generate", {"repo_id": 999},
                       status=404) == {"detail": "Repository not found"}
    missing = client.json("POST", "/v1/organizations/{org}/setup-commands/generate", {"prompt": "x"}, status=422)
    assert _locs(missing) == [("missing", ["body", "repo_id"])]
    foreign = client.json("POST", "/v1/organizations/2/setup-commands/generate", {"repo_id": 201}, status=403)
    assert foreign["status_code"] == 403
    assert len(emu.runs) == 1


def test_analyze_logs_starts_a_run_for_a_sandbox_with_logs(client: Client, emu: AgentApiEmulator) -> None:
    sandbox = emu.add_sandbox("npm ERR! missing script: build", repo_id=102)

    answer = client.json("POST", f"/v1/organizations/{{org}}/sandbox/{sandbox}/analyze-logs")

    run_id = answer["agent_run_id"]
    assert answer["status"] == "PENDING" and str(run_id) in answer["message"]
    assert emu.runs[run_id].repo_id == 102
    assert f"sandbox {sandbox}" in emu.runs[run_id].prompt
    listed = client.json("GET", "/v1/organizations/{org}/agent/runs")
    assert [item["id"] for item in listed["items"]] == [run_id]


def test_analyze_logs_of_an_unknown_sandbox_or_one_without_logs(client: Client, emu: AgentApiEmulator) -> None:
    empty = emu.add_sandbox(None)
    elsewhere = emu.add_sandbox(org_id=2)

    assert client.json("POST", "/v1/organizations/{org}/sandbox/77/analyze-logs", status=404) == {
        "detail": "Sandbox not found"
    }
    assert client.json("POST", f"/v1/organizations/{{org}}/sandbox/{elsewhere}/analyze-logs", status=404) == {
        "detail": "Sandbox not found"
    }
    assert client.json("POST", f"/v1/organizations/{{org}}/sandbox/{empty}/analyze-logs", status=400) == {
        "detail": "No logs available for analysis"
    }
    bad = client.json("POST", "/v1/organizations/x/sandbox/y/analyze-logs", status=422)
    assert _locs(bad) == [("int_parsing", ["path", "sandbox_id"]), ("int_parsing", ["path", "org_id"])]
    assert emu.runs == {}


# -- pull requests -----------------------------------------------------------------------


def _run_with_pr(client: Client, emu: AgentApiEmulator, repo_id: Optional[int] = None) -> Dict[str, Any]:
    emu.script_next_run(pull_request=True, statuses=["COMPLETE"])
    body: Dict[str, Any] = {"prompt": "Fix the login bug"}
    if repo_id is not None:
        body["repo_id"] = repo_id
    run = client.json("POST", "/v1/organizations/{org}/agent/run", body)
    return dict(run["github_pull_requests"][0], run_id=run["id"])


def test_editing_a_pr_changes_the_state_seen_in_its_run(client: Client, emu: AgentApiEmulator) -> None:
    pr = _run_with_pr(client, emu)
    before = emu.runs[pr["run_id"]]

    edited = client.json("PATCH", f"/v1/organizations/{{org}}/prs/{pr['id']}", {"state": "closed"})

    number = int(pr["url"].rsplit("/", 1)[1])
    assert edited == {"success": True, "url": pr["url"], "number": number, "title": pr["title"],
                      "state": "closed", "error": None}
    run = client.json("GET", f"/v1/organizations/{{org}}/agent/run/{pr['run_id']}")
    assert run["github_pull_requests"][0]["state"] == "closed"
    assert emu.runs[pr["run_id"]].github_pull_requests[0]["state"] == "closed"
    assert "state" not in before.github_pull_requests[0]  # a snapshot does not change


def test_both_paths_reach_the_same_pr(client: Client, emu: AgentApiEmulator) -> None:
    pr = _run_with_pr(client, emu, repo_id=102)

    client.json("PATCH", f"/v1/organizations/{{org}}/repos/102/prs/{pr['id']}", {"state": "draft"})
    assert client.json("GET", f"/v1/organizations/{{org}}/agent/run/{pr['run_id']}")[
        "github_pull_requests"][0]["state"] == "draft"
    ready = client.json("PATCH", f"/v1/organizations/{{org}}/prs/{pr['id']}", {"state": "ready_for_review"})
    assert ready["state"] == "open"  # a draft made ready is an open pull request
    assert emu.runs[pr["run_id"]].github_pull_requests[0]["state"] == "open"


def test_a_pr_the_org_does_not_have_is_an_unsuccessful_edit(client: Client, emu: AgentApiEmulator) -> None:
    pr = _run_with_pr(client, emu)  # in the org's first repository, 101

    unknown = client.json("PATCH", "/v1/organizations/{org}/prs/424242", {"state": "closed"})
    wrong_repo = client.json("PATCH", f"/v1/organizations/{{org}}/repos/102/prs/{pr['id']}", {"state": "closed"})

    assert unknown == {"success": False, "url": None, "number": None, "title": None, "state": None,
                       "error": "Pull request 424242 not found."}
    assert wrong_repo["success"] is False and "repository 102" in wrong_repo["error"]
    assert "state" not in emu.runs[pr["run_id"]].github_pull_requests[0]


def test_a_pr_edit_is_validated_against_the_contract(client: Client) -> None:
    bad_state = client.json("PATCH", "/v1/organizations/{org}/prs/5", {"state": "merged"}, status=422)
    assert bad_state["detail"][0]["msg"] == "Input should be 'open', 'closed', 'draft' or 'ready_for_review'"
    bad_ids = client.json("PATCH", "/v1/organizations/{org}/repos/r/prs/p", {}, status=422)
    assert _locs(bad_ids) == [
        ("int_parsing", ["path", "repo_id"]), ("int_parsing", ["path", "pr_id"]), ("missing", ["body", "state"])
    ]


# -- check-suite settings ------------------------------------------------------------------


def test_check_suite_settings_persist_per_repository(client: Client, emu: AgentApiEmulator) -> None:
    path = "/v1/organizations/{org}/repos/check-suite-settings"
    before = client.json("GET", path, repo_id=101)
    assert before == emu.check_suite_settings(101)
    assert before["check_retry_count"] == 2 and before["available_check_suite_names"] == ["build", "lint", "test"]

    update = {"check_retry_count": 5, "ignored_checks": ["lint"], "check_retry_counts": {"test": 1},
              "custom_prompts": {"test": "Run the tests with -x"}, "high_priority_apps": None}
    assert client.json("PUT", path + "?repo_id=101", update)["success"] is True

    after = client.json("GET", path, repo_id=101)
    assert after == dict(before, check_retry_count=5, ignored_checks=["lint"], check_retry_counts={"test": 1},
                         custom_prompts={"test": "Run the tests with -x"})
    assert client.json("GET", path, repo_id=102) == before  # the other repository keeps its own
    client.json("PUT", path + "?repo_id=101", {"ignored_checks": []})
    assert client.json("GET", path, repo_id=101)["check_retry_count"] == 5  # fields not given stay


def test_check_suite_updates_are_validated(client: Client, emu: AgentApiEmulator) -> None:
    path = "/v1/organizations/{org}/repos/check-suite-settings"
    negative = client.json("PUT", path + "?repo_id=101", {"check_retry_count": -1}, status=422)
    assert negative["detail"] == [{
        "type": "greater_than_equal", "loc": ["body", "check_retry_count"],
        "msg": "Input should be greater than or equal to 0", "input": -1, "ctx": {"ge": 0},
    }]
    too_many = client.json("PUT", path + "?repo_id=101", {"check_retry_count": 11}, status=422)
    assert _locs(too_many) == [("less_than_equal", ["body", "check_retry_count"])]
    wrong_types = client.json("PUT", path, {"check_retry_counts": {"test": "x"}, "ignored_checks": "lint"},
                              status=422)
    assert _locs(wrong_types) == [
        ("missing", ["query", "repo_id"]), ("list_type", ["body", "ignored_checks"]),
        ("int_parsing", ["body", "check_retry_counts", "test"]),
    ]
    assert client.json("GET", path, repo_id=999, status=404) == {"detail": "Repository not found"}
    assert emu.check_suite_settings(101)["check_retry_count"] == 2


# -- users ---------------------------------------------------------------------------------


def test_users_page_like_the_other_lists_and_an_unknown_user_is_404() -> None:
    tokens = {f"token-{n}": [1] for n in range(5)}
    tokens["outsider"] = [2]
    with AgentApiEmulator(tokens=tokens, rate_limits=False) as emu:
        client = Client(emu)
        page = client.json("GET", "/v1/organizations/1/users", skip=2, limit=2)
        assert [user["id"] for user in page["items"]] == [1003, 1004]
        assert (page["total"], page["page"], page["size"], page["pages"]) == (5, 2, 2, 3)

        assert client.json("GET", "/v1/organizations/1/users/1005")["github_username"] == "dev5"
        assert client.json("GET", "/v1/organizations/1/users/1006", status=404) == {
            "message": "User not found.", "status_code": 404
        }  # a user, but not of this organisation
        assert client.json("GET", "/v1/organizations/1/users/abc", status=422)["detail"][0]["loc"] == [
            "path", "user_id"
        ]
        assert client.json("GET", "/v1/organizations/2/users", status=403)["status_code"] == 403


# -- integrations, OAuth, Slack, CLI rules ------------------------------------------------------


def test_oauth_status_shows_what_revoke_removed_and_integrations_follow(client: Client) -> None:
    assert client.json("GET", "/v1/oauth/tokens/status", org_id=1) == ["linear", "slack"]
    integrations = client.json("GET", "/v1/organizations/{org}/integrations")
    active = {each["integration_type"] for each in integrations["integrations"] if each["active"]}
    assert active == {"github", "linear", "slack"}
    assert integrations["total_active_integrations"] == 3
    assert integrations["organization_name"] == "Organization 1"

    revoked = client.json("POST", "/v1/oauth/tokens/revoke?provider=linear&org_id=1")
    assert revoked["revoked_tokens"] == 1
    assert client.json("GET", "/v1/oauth/tokens/status", org_id=1) == ["slack"]
    after = client.json("GET", "/v1/organizations/{org}/integrations")
    assert after["total_active_integrations"] == 2
    assert client.json("POST", "/v1/oauth/tokens/revoke?provider=linear&org_id=1")["revoked_tokens"] == 0

    missing = client.json("POST", "/v1/oauth/tokens/revoke", status=422)
    assert _locs(missing) == [("missing", ["query", "provider"]), ("missing", ["query", "org_id"])]
    assert client.json("GET", "/v1/oauth/tokens/status", org_id=2, status=403)["status_code"] == 403


def test_a_slack_token_works_once_and_expires_in_ten_minutes() -> None:
    clock = FakeClock()
    with AgentApiEmulator(rate_limits=False, clock=clock) as emu:
        client = Client(emu)
        client.json("POST", "/v1/oauth/tokens/revoke?provider=slack&org_id=1")
        answer = client.json("POST", "/v1/slack-connect/generate-token", {"org_id": 1})
        assert answer["expires_in_minutes"] == 10
        assert f"Connect my account: {answer['token']}" in answer["message"]

        emu.use_slack_token(answer["token"])
        assert client.json("GET", "/v1/oauth/tokens/status", org_id=1) == ["linear", "slack"]
        with pytest.raises(SlackTokenRefused, match="already been used"):
            emu.use_slack_token(answer["token"])

        late = client.json("POST", "/v1/slack-connect/generate-token", {"org_id": 1})["token"]
        assert late != answer["token"]
        clock.now += 600
        with pytest.raises(SlackTokenRefused, match="expired"):
            emu.use_slack_token(late)
        assert client.json("POST", "/v1/slack-connect/generate-token", {"org_id": 2}, status=403)
        assert _locs(client.json("POST", "/v1/slack-connect/generate-token", {}, status=422)) == [
            ("missing", ["body", "org_id"])
        ]


def test_mcp_providers_and_cli_rules(client: Client, emu: AgentApiEmulator) -> None:
    providers = client.json("GET", "/v1/mcp-providers")
    assert providers and all(provider["is_mcp"] for provider in providers)
    assert {"linear", "notion"} <= {provider["name"] for provider in providers}

    rules = client.json("GET", "/v1/organizations/{org}/cli/rules")
    assert rules["organization_rules"] and rules["user_custom_prompt"] is None
    emu.set_cli_rules("Use conventional commits.", user_custom_prompt="Answer in French.")
    assert client.json("GET", "/v1/organizations/{org}/cli/rules") == {
        "organization_rules": "Use conventional commits.", "user_custom_prompt": "Answer in French."
    }


# -- rate limits -------------------------------------------------------------------------------


@pytest.mark.parametrize("method, path, body, limit", [
    ("POST", "/v1/organizations/{org}/setup-commands/generate", {"repo_id": 101}, 5),
    ("POST", "/v1/organizations/{org}/sandbox/{sandbox}/analyze-logs", None, 5),
    ("PATCH", "/v1/organizations/{org}/prs/1", {"state": "open"}, 30),
    ("PATCH", "/v1/organizations/{org}/repos/101/prs/1", {"state": "open"}, 30),
    ("GET", "/v1/organizations/{org}/cli/rules", None, 30),
])
def test_each_operation_has_its_own_rate_limit_per_minute(
    method: str, path: str, body: Optional[Dict[str, Any]], limit: int
) -> None:
    clock = FakeClock()
    with AgentApiEmulator(clock=clock) as emu:
        client = Client(emu)
        path = path.replace("{sandbox}", str(emu.add_sandbox()))
        for _ in range(limit):
            assert client.call(method, path, body).status == 200
        clock.now += 20
        refused = client.call(method, path, body)
        assert refused.status == 429
        assert refused.headers["Retry-After"] == "40"
        assert json.loads(refused.data) == RATE_LIMIT_BODY
        assert client.call("POST", "/v1/organizations/{org}/agent/run", {"prompt": "x"}).status == 200
        clock.now += 40
        assert client.call(method, path, body).status == 200


def test_the_two_pr_edit_paths_share_one_limit() -> None:
    clock = FakeClock()
    with AgentApiEmulator(clock=clock) as emu:
        client = Client(emu)
        for _ in range(15):
            assert client.call("PATCH", "/v1/organizations/{org}/prs/1", {"state": "open"}).status == 200
            assert client.call("PATCH", "/v1/organizations/{org}/repos/101/prs/1", {"state": "open"}).status == 200
        assert client.call("PATCH", "/v1/organizations/{org}/prs/1", {"state": "open"}).status == 429
        assert client.call("PATCH", "/v1/organizations/{org}/repos/101/prs/1", {"state": "open"}).status == 429


def test_users_and_integrations_count_as_reads() -> None:
    clock = FakeClock()
    with AgentApiEmulator(clock=clock, read_limit=(3, 30.0)) as emu:
        client = Client(emu)
        for path in ("/v1/organizations/{org}/users", "/v1/organizations/{org}/users/1001",
                     "/v1/organizations/{org}/integrations"):
            assert client.call("GET", path).status == 200
        assert client.call("GET", "/v1/organizations/{org}/users").status == 429
        # Operations whose contract states no limit are never refused.
        for _ in range(70):
            assert client.call("GET", "/v1/mcp-providers").status == 200


# -- the SDK as the client -------------------------------------------------------------------


@pytest.fixture
def sdk(emu: AgentApiEmulator) -> Iterator[Any]:
    from openapi_client import ApiClient, Configuration

    with ApiClient(Configuration(host=emu.url, access_token=emu.token, retries=0)) as api_client:
        yield api_client


def test_the_sdk_starts_setup_and_analysis_runs_and_waits_for_them(sdk: Any, emu: AgentApiEmulator) -> None:
    from openapi_client import AgentsApi, SandboxApi, SetupCommandsApi
    from openapi_client.models import GenerateSetupCommandsInput

    started = SetupCommandsApi(sdk).generate_setup_commands(emu.org_id, GenerateSetupCommandsInput(repo_id=101))
    analysis = SandboxApi(sdk).analyze_sandbox_logs(emu.add_sandbox(), emu.org_id)

    agents = AgentsApi(sdk)
    for run_id in (started.agent_run_id, analysis.agent_run_id):
        done = agents.wait_for_agent_run(run_id, emu.org_id, poll_interval=0.01, progress=False)
        assert done.status == "COMPLETE" and done.result
    assert started.url == emu.runs[started.agent_run_id].web_url


def test_the_sdk_edits_a_pr_and_sees_it_in_the_run(sdk: Any, emu: AgentApiEmulator) -> None:
    from openapi_client import AgentsApi, PullRequestsApi
    from openapi_client.models import EditPRInput

    emu.script_next_run(pull_request=True, statuses=["COMPLETE"])
    run = emu.create_run("Fix the login bug")
    pr_id = run.github_pull_requests[0]["id"]

    edited = PullRequestsApi(sdk).edit_pull_request(emu.org_id, 101, pr_id, EditPRInput(state="draft"))

    assert edited.success is True and edited.state == "draft"
    seen = AgentsApi(sdk).get_agent_run(run.id, emu.org_id).github_pull_requests[0]
    assert seen.to_dict()["state"] == "draft"  # a field the contract does not list, kept


def test_the_sdk_reads_back_check_suite_settings_and_gets_the_user_not_found_body(
    sdk: Any, emu: AgentApiEmulator
) -> None:
    from openapi_client import CheckSuiteSettingsApi, RepositoriesApi, UsersApi
    from openapi_client.exceptions import NotFoundException
    from openapi_client.models import CheckSuiteSettingsRequest, UserNotFoundErrorResponse

    CheckSuiteSettingsApi(sdk).update_check_suite_settings(
        emu.org_id, 102, CheckSuiteSettingsRequest(check_retry_count=7, high_priority_apps=["vercel"])
    )
    settings = RepositoriesApi(sdk).get_check_suite_settings(emu.org_id, 102)
    assert (settings.check_retry_count, settings.high_priority_apps) == (7, ["vercel"])

    users = UsersApi(sdk)
    assert [user.id for user in users.get_users(emu.org_id).items] == [emu.user["id"]]
    with pytest.raises(NotFoundException) as raised:
        users.get_user(emu.org_id, 4040)
    assert raised.value.status == 404
    assert isinstance(raised.value.data, UserNotFoundErrorResponse)
    assert raised.value.data.message == "User not found."


def test_the_sdk_revokes_connects_and_reads_rules(sdk: Any, emu: AgentApiEmulator) -> None:
    from openapi_client import CliRulesApi, IntegrationsApi, OrganizationsApi, SlackConnectApi
    from openapi_client.models import GenerateTokenRequest

    orgs = OrganizationsApi(sdk)
    orgs.revoke_oauth_token("slack", emu.org_id)
    assert orgs.get_oauth_token_status(emu.org_id) == ["linear"]
    slack = SlackConnectApi(sdk).generate_slack_connect_token(GenerateTokenRequest(org_id=emu.org_id))
    assert slack.expires_in_minutes == 10
    emu.use_slack_token(slack.token)
    assert orgs.get_oauth_token_status(emu.org_id) == ["linear", "slack"]
    assert all(provider.is_mcp for provider in orgs.get_mcp_providers())

    integrations = IntegrationsApi(sdk).get_organization_integrations(emu.org_id)
    assert integrations.total_active_integrations == 3
    assert CliRulesApi(sdk).get_cli_rules(emu.org_id).user_custom_prompt is None


# -- every answer fits the contract ---------------------------------------------------------


def test_every_answer_of_the_new_operations_fits_the_contract(emu: AgentApiEmulator) -> None:
    from email.message import Message

    from test.contract_mock import Contract

    contract = Contract(closed_objects=False)  # the API may send fields the contract does not list
    client = Client(emu)
    emu.script_next_run(pull_request=True, statuses=["COMPLETE"])
    pr_id = client.json("POST", "/v1/organizations/{org}/agent/run", {"prompt": "x"})["github_pull_requests"][0]["id"]
    sandbox, empty = emu.add_sandbox(), emu.add_sandbox("")
    org = f"/v1/organizations/{emu.org_id}"
    calls = [
        ("GET", f"{org}/users?skip=0&limit=10", None, 200),
        ("GET", f"{org}/users/{emu.user['id']}", None, 200),
        ("GET", f"{org}/users/9", None, 404),
        ("GET", "/v1/organizations/2/users", None, 403),
        ("GET", f"{org}/repos/check-suite-settings?repo_id=101", None, 200),
        ("PUT", f"{org}/repos/check-suite-settings?repo_id=101", {"check_retry_count": 1}, 200),
        ("PUT", f"{org}/repos/check-suite-settings?repo_id=101", {"check_retry_count": -1}, 422),
        ("PATCH", f"{org}/prs/{pr_id}", {"state": "closed"}, 200),
        ("PATCH", f"{org}/repos/101/prs/{pr_id}", {"state": "open"}, 200),
        ("PATCH", f"{org}/prs/1", {"state": "open"}, 200),
        ("GET", f"{org}/integrations", None, 200),
        ("POST", f"{org}/setup-commands/generate", {"repo_id": 101, "prompt": None}, 200),
        ("POST", f"{org}/setup-commands/generate", {"repo_id": 9}, 404),
        ("GET", "/v1/mcp-providers", None, 200),
        ("GET", f"/v1/oauth/tokens/status?org_id={emu.org_id}", None, 200),
        ("POST", f"/v1/oauth/tokens/revoke?provider=slack&org_id={emu.org_id}", None, 200),
        ("POST", f"{org}/sandbox/{sandbox}/analyze-logs", None, 200),
        ("POST", f"{org}/sandbox/{empty}/analyze-logs", None, 400),
        ("POST", f"{org}/sandbox/9/analyze-logs", None, 404),
        ("GET", f"{org}/cli/rules", None, 200),
        ("POST", "/v1/slack-connect/generate-token", {"org_id": emu.org_id}, 200),
    ]
    seen = set()
    for method, target, body, status in calls:
        data = None if body is None else json.dumps(body).encode()
        headers = Message()
        headers["Content-Type"] = "application/json"
        checked = contract.check(method, target, headers, data or b"")
        assert checked.operation is not None, checked.problems
        if status < 400:
            assert checked.problems == [], (target, checked.problems)
        response = client.http.request(method, emu.url + target, body=data, headers={
            "Authorization": f"Bearer {emu.token}", "Content-Type": "application/json"})
        assert response.status == status, (target, response.data)
        listed = checked.operation.spec["responses"].get(str(status), {})
        schema = listed.get("content", {}).get("application/json", {}).get("schema")
        if status in (400, 404) and schema is None:  # listed without a schema: FastAPI's {"detail": ...}
            assert set(json.loads(response.data)) == {"detail"}
        elif status != 403 or schema is not None:
            assert schema is not None, f"{method} {target}: the contract lists no {status}"
            assert contract.problems(target, schema, json.loads(response.data)) == []
        seen.add(checked.operation.operation_id)
    assert len(seen) == 14
