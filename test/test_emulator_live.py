"""The emulator's operations of the live contract, over real sockets with http.client only.

List, resume, logs, ban/unban/remove-from-pr and the discovery calls; the
live run fields; the 402/403/404/422/429 answers; time_scale.
"""

from __future__ import annotations

import json
import math
import time
from typing import Any, Dict, Iterator, List, Optional

import pytest

from openapi_client.testing import (
    FINAL_STATUSES,
    AgentApiEmulator,
    Fault,
    RunLimitReached,
)

from .test_emulator import CLI_AUTH, INT_MSG, RATE_LIMIT_BODY, FakeClock, Reply, call, create, get, served

SOURCE_TYPES = [
    "LOCAL", "SLACK", "GITHUB", "GITHUB_CHECK_SUITE", "GITHUB_PR_REVIEW", "LINEAR",
    "API", "CHAT", "JIRA", "CLICKUP", "MONDAY", "SETUP_COMMANDS",
]
RUN_KEYS = {
    "id", "organization_id", "status", "created_at", "web_url", "result",
    "summary", "source_type", "github_pull_requests", "metadata",
}
LOGS_KEYS = {
    "id", "organization_id", "status", "created_at", "web_url", "result", "metadata",
    "logs", "total_logs", "page", "size", "pages",
}
LOG_KEYS = {"agent_run_id", "created_at", "tool_name", "message_type", "thought", "observation", "tool_input", "tool_output"}


@pytest.fixture
def emu() -> Iterator[AgentApiEmulator]:
    with AgentApiEmulator(rate_limits=False) as emulator:
        yield emulator


def runs_page(emu: AgentApiEmulator, query: str = "", org: Any = None, **kw: Any) -> Reply:
    return call(emu, "GET", f"/v1/organizations/{emu.org_id if org is None else org}/agent/runs{query}", **kw)


def logs(emu: AgentApiEmulator, run_id: Any, query: str = "", org: Any = None, **kw: Any) -> Reply:
    org = emu.org_id if org is None else org
    return call(emu, "GET", f"/v1/alpha/organizations/{org}/agent/run/{run_id}/logs{query}", **kw)


def post(emu: AgentApiEmulator, action: str, body: Dict[str, Any], org: Any = None, **kw: Any) -> Reply:
    return call(emu, "POST", f"/v1/organizations/{emu.org_id if org is None else org}/agent/run/{action}", body, **kw)


def detail(reply: Reply) -> List[Dict[str, Any]]:
    assert reply.status == 422, reply.body
    found: List[Dict[str, Any]] = reply.json()["detail"]
    return found


def finish(emu: AgentApiEmulator, run_id: int) -> Dict[str, Any]:
    """Poll until the run is final (default lifecycle: two polls)."""
    for _ in range(10):
        run: Dict[str, Any] = get(emu, run_id).json()
        if run["status"] in FINAL_STATUSES:
            return run
    raise AssertionError(f"run {run_id} never ended")


# -- create: the live fields ------------------------------------------------------


def test_create_takes_the_live_fields_and_returns_them(emu: AgentApiEmulator) -> None:
    body: Dict[str, Any] = {
        "prompt": "Add a CHANGELOG", "images": ["data:image/png;base64,iVBORw0KGgo="], "metadata": {"ticket": "ENG-1"},
        "repo_id": 101, "model": "claude-sonnet-4", "agent_type": "claude_code",
    }
    run = call(emu, "POST", "/v1/organizations/1/agent/run", body).json()
    assert set(run) == RUN_KEYS
    assert (run["metadata"], run["source_type"], run["github_pull_requests"]) == ({"ticket": "ENG-1"}, "API", [])
    seen = emu.runs[run["id"]]
    assert (seen.repo_id, seen.model, seen.agent_type, seen.images) == (101, "claude-sonnet-4", "claude_code", tuple(body["images"]))
    assert seen.user_id == emu.user["id"]
    assert emu.requests[-1].json() == body


def test_create_validates_every_live_field_at_once(emu: AgentApiEmulator) -> None:
    body = {"prompt": "x", "images": ["ok", 3], "metadata": [1], "repo_id": 1.5, "model": 7, "agent_type": "gpt"}
    errors = detail(call(emu, "POST", "/v1/organizations/1/agent/run", body))
    assert [(e["type"], e["loc"]) for e in errors] == [
        ("string_type", ["body", "images", 1]),
        ("dict_type", ["body", "metadata"]),
        ("int_from_float", ["body", "repo_id"]),
        ("string_type", ["body", "model"]),
        ("literal_error", ["body", "agent_type"]),
    ]
    assert errors[-1]["msg"] == "Input should be 'codegen' or 'claude_code'"
    assert errors[-1]["ctx"] == {"expected": "'codegen' or 'claude_code'"}
    nulls = {"prompt": "x", "images": None, "metadata": None, "repo_id": "12", "model": None, "agent_type": None}
    assert call(emu, "POST", "/v1/organizations/1/agent/run", nulls).status == 200
    assert emu.runs[max(emu.runs)].repo_id == 12  # lax int, as pydantic


# -- list ----------------------------------------------------------------------


def test_list_is_newest_first_with_paging_fields(emu: AgentApiEmulator) -> None:
    ids = [create(emu, f"run {n}").json()["id"] for n in range(5)]
    page = runs_page(emu).json()
    assert [run["id"] for run in page["items"]] == ids[::-1]
    assert (page["total"], page["page"], page["size"], page["pages"]) == (5, 1, 100, 1)
    assert set(page["items"][0]) == RUN_KEYS

    second = runs_page(emu, "?skip=2&limit=2").json()
    assert [run["id"] for run in second["items"]] == [ids[2], ids[1]]
    assert (second["total"], second["page"], second["size"], second["pages"]) == (5, 2, 2, 3)
    beyond = runs_page(emu, "?skip=10&limit=3").json()
    assert (beyond["items"], beyond["total"], beyond["page"], beyond["pages"]) == ([], 5, 4, 2)


def test_a_listing_counts_as_a_poll_of_each_run_it_shows(emu: AgentApiEmulator) -> None:
    oldest, middle, newest = (create(emu).json()["id"] for _ in range(3))
    assert [run["status"] for run in runs_page(emu, "?limit=2").json()["items"]] == ["ACTIVE", "ACTIVE"]
    get(emu, oldest)  # not on that page: its first poll
    assert runs_page(emu, "?limit=2").json()["items"][1]["status"] == "COMPLETE"  # the second poll ends it
    assert (emu.runs[newest].polls, emu.runs[middle].polls, emu.runs[oldest].polls) == (2, 2, 1)
    assert [run["status"] for run in runs_page(emu).json()["items"]] == ["COMPLETE", "COMPLETE", "COMPLETE"]


def test_list_filters_by_user_and_source_type(emu: AgentApiEmulator) -> None:
    emu.add_token("second", [1], user={"id": 77})
    mine = create(emu).json()["id"]
    theirs = create(emu, token="second").json()["id"]
    emu.script_next_run(source_type="SLACK")
    slack = create(emu).json()["id"]
    by_user = runs_page(emu, f"?user_id={emu.user['id']}").json()
    assert [run["id"] for run in by_user["items"]] == [slack, mine] and by_user["total"] == 2
    assert [run["id"] for run in runs_page(emu, "?user_id=77").json()["items"]] == [theirs]
    by_source = runs_page(emu, "?source_type=SLACK").json()
    assert [run["id"] for run in by_source["items"]] == [slack] and by_source["items"][0]["source_type"] == "SLACK"
    both = runs_page(emu, "?source_type=API&user_id=77").json()
    assert [run["id"] for run in both["items"]] == [theirs]
    empty = runs_page(emu, "?source_type=JIRA").json()
    assert (empty["items"], empty["total"], empty["pages"]) == ([], 0, 0)


def test_list_only_shows_the_orgs_own_runs() -> None:
    with AgentApiEmulator(tokens={"both": [1, 2]}, rate_limits=False) as emulator:
        one = create(emulator, org=1).json()["id"]
        two = create(emulator, org=2).json()["id"]
        assert [run["id"] for run in runs_page(emulator, org=1).json()["items"]] == [one]
        assert [run["id"] for run in runs_page(emulator, org=2).json()["items"]] == [two]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("?limit=0", [("greater_than_equal", ["query", "limit"], "Input should be greater than or equal to 1", "0", {"ge": 1})]),
        ("?limit=101", [("less_than_equal", ["query", "limit"], "Input should be less than or equal to 100", "101", {"le": 100})]),
        ("?skip=-1", [("greater_than_equal", ["query", "skip"], "Input should be greater than or equal to 0", "-1", {"ge": 0})]),
        ("?limit=ten", [("int_parsing", ["query", "limit"], INT_MSG, "ten", None)]),
        ("?user_id=me", [("int_parsing", ["query", "user_id"], INT_MSG, "me", None)]),
    ],
)
def test_list_rejects_bad_paging_like_fastapi(emu: AgentApiEmulator, query: str, expected: List[Any]) -> None:
    errors = detail(runs_page(emu, query))
    assert [(e["type"], e["loc"], e["msg"], e["input"], e.get("ctx")) for e in errors] == expected


def test_list_rejects_an_unknown_source_type_and_reports_every_error(emu: AgentApiEmulator) -> None:
    errors = detail(runs_page(emu, "?source_type=EMAIL&limit=500", org="x"))
    assert [e["loc"] for e in errors] == [["path", "org_id"], ["query", "source_type"], ["query", "limit"]]
    expected = ", ".join(f"'{value}'" for value in SOURCE_TYPES[:-1]) + f" or '{SOURCE_TYPES[-1]}'"
    assert errors[1]["type"] == "enum" and errors[1]["msg"] == f"Input should be {expected}"
    assert errors[1]["ctx"] == {"expected": expected}
    for value in SOURCE_TYPES:
        assert runs_page(emu, f"?source_type={value}").status == 200


def test_list_in_another_org_is_403(emu: AgentApiEmulator) -> None:
    reply = runs_page(emu, org=2)
    assert reply.status == 403 and set(reply.json()) == {"message", "status_code"} and reply.json()["status_code"] == 403


# -- resume ----------------------------------------------------------------------


def test_resume_takes_a_final_run_back_to_work(emu: AgentApiEmulator) -> None:
    run_id = create(emu, "Write the docs").json()["id"]
    first = finish(emu, run_id)
    resumed = post(emu, "resume", {"agent_run_id": run_id, "prompt": "Also add an example", "images": ["data:,x"]})
    assert resumed.status == 200
    body = resumed.json()
    assert (body["id"], body["status"], body["result"]) == (run_id, "ACTIVE", None)
    assert set(body) == RUN_KEYS
    again = finish(emu, run_id)
    assert again["status"] == "COMPLETE"
    assert "Also add an example" in again["result"] and again["result"] != first["result"]
    assert emu.runs[run_id].prompts == ("Write the docs", "Also add an example")
    assert emu.runs[run_id].images == ("data:,x",)


def test_resume_brings_back_a_pinned_run(emu: AgentApiEmulator) -> None:
    run_id = create(emu).json()["id"]
    emu.set_run_status(run_id, "PAUSED")
    assert get(emu, run_id).json()["status"] == "PAUSED"
    assert post(emu, "resume", {"agent_run_id": run_id, "prompt": "Use option B"}).json()["status"] == "ACTIVE"
    assert finish(emu, run_id)["status"] == "COMPLETE"


def test_resume_errors(emu: AgentApiEmulator) -> None:
    missing = post(emu, "resume", {"agent_run_id": 424242, "prompt": "go on"})
    assert (missing.status, missing.json()) == (404, {"message": "Agent run 424242 not found.", "status_code": 404})
    errors = detail(post(emu, "resume", {"agent_run_id": "abc"}))
    assert [(e["type"], e["loc"]) for e in errors] == [("int_parsing", ["body", "agent_run_id"]), ("missing", ["body", "prompt"])]
    run_id = create(emu).json()["id"]
    assert post(emu, "resume", {"agent_run_id": run_id, "prompt": "x"}, org=2).status == 403


# -- logs --------------------------------------------------------------------------


def test_logs_grow_as_the_run_proceeds(emu: AgentApiEmulator) -> None:
    run_id = create(emu, "Fix the parser bug").json()["id"]
    assert emu.runs[run_id].logs == ()
    halfway = logs(emu, run_id).json()  # a logs request counts as a poll, like a GET of the run
    assert set(halfway) == LOGS_KEYS and halfway["status"] == "ACTIVE"
    assert 0 < halfway["total_logs"] == len(halfway["logs"])
    done = logs(emu, run_id).json()
    assert done["status"] == "COMPLETE" and done["result"]
    assert done["total_logs"] > halfway["total_logs"]
    assert done["logs"][: len(halfway["logs"])] == halfway["logs"]  # earlier entries stay as they were
    entries = done["logs"]
    assert all(set(entry) == LOG_KEYS and entry["agent_run_id"] == run_id for entry in entries)
    assert [entry["created_at"] for entry in entries] == sorted(entry["created_at"] for entry in entries)
    assert entries[-1]["message_type"] == "FINAL_ANSWER" and entries[-1]["observation"] == done["result"]
    tools = [entry for entry in entries if entry["tool_name"]]
    assert tools and all(isinstance(entry["tool_input"], dict) and isinstance(entry["tool_output"], dict) for entry in tools)
    assert all(entry["thought"] for entry in tools)
    kinds = {type(entry["observation"]) for entry in entries}
    assert {dict, str} <= kinds  # observation is an object in some entries, a string in others


def test_logs_skip_limit_reverse(emu: AgentApiEmulator) -> None:
    run_id = create(emu).json()["id"]
    finish(emu, run_id)
    everything = logs(emu, run_id).json()["logs"]
    total = len(everything)
    page = logs(emu, run_id, "?skip=1&limit=2").json()
    assert page["logs"] == everything[1:3]
    assert (page["total_logs"], page["page"], page["size"], page["pages"]) == (total, 1, 2, math.ceil(total / 2))
    newest = logs(emu, run_id, "?reverse=true&limit=2").json()["logs"]
    assert newest == everything[::-1][:2]
    assert logs(emu, run_id, "?reverse=1&skip=2&limit=3").json()["logs"] == everything[::-1][2:5]
    assert logs(emu, run_id, "?reverse=no").json()["logs"] == everything
    assert logs(emu, run_id, f"?skip={total}").json()["logs"] == []


def test_logs_of_a_failed_run_end_with_the_error(emu: AgentApiEmulator) -> None:
    emu.script_next_run("TIMEOUT")
    run_id = create(emu).json()["id"]
    finish(emu, run_id)
    last = logs(emu, run_id).json()["logs"][-1]
    assert last["message_type"] == "ERROR" and isinstance(last["observation"], dict)


def test_logs_after_resume_keep_the_first_turn_and_add_the_follow_up(emu: AgentApiEmulator) -> None:
    run_id = create(emu).json()["id"]
    finish(emu, run_id)
    before = logs(emu, run_id).json()["logs"]
    post(emu, "resume", {"agent_run_id": run_id, "prompt": "Rename the flag"})
    finish(emu, run_id)
    after = logs(emu, run_id).json()["logs"]
    assert after[: len(before)] == before
    follow_up = after[len(before):]
    assert follow_up[0]["message_type"] == "USER_MESSAGE" and follow_up[0]["observation"] == "Rename the flag"
    assert follow_up[-1]["message_type"] == "FINAL_ANSWER"


def test_logs_can_be_not_found_just_after_creation(emu: AgentApiEmulator) -> None:
    emu.script_next_run(logs_not_found=2)
    run_id = create(emu).json()["id"]
    first, second = logs(emu, run_id), logs(emu, run_id)
    assert (first.status, first.json()) == (404, {"message": f"Agent run {run_id} not found.", "status_code": 404})
    assert second.status == 404
    assert logs(emu, run_id).status == 200
    assert get(emu, run_id).status == 200  # the run itself was there all along
    with AgentApiEmulator(logs_not_found=1, rate_limits=False) as emulator:
        run_id = create(emulator).json()["id"]
        assert [logs(emulator, run_id).status for _ in range(2)] == [404, 200]


def test_logs_errors(emu: AgentApiEmulator) -> None:
    assert logs(emu, 424242).status == 404
    assert logs(emu, 1, org=2).status == 403
    errors = detail(logs(emu, "x", "?limit=0&reverse=maybe", org="y"))
    assert [(e["type"], e["loc"]) for e in errors] == [
        ("int_parsing", ["path", "agent_run_id"]),
        ("int_parsing", ["path", "org_id"]),
        ("greater_than_equal", ["query", "limit"]),
        ("bool_parsing", ["query", "reverse"]),
    ]
    assert errors[-1]["msg"] == "Input should be a valid boolean, unable to interpret input"


# -- ban, unban, remove from PR -----------------------------------------------------


@pytest.mark.parametrize("action", ["ban", "remove-from-pr"])
def test_ban_and_remove_stop_a_running_run(emu: AgentApiEmulator, action: str) -> None:
    run_id = create(emu).json()["id"]
    get(emu, run_id)
    body = {"agent_run_id": run_id, "before_card_order_id": "a0", "after_card_order_id": None}
    reply = post(emu, action, body)
    assert reply.status == 200 and isinstance(reply.json(), dict)
    assert emu.requests[-1].json() == body and emu.requests[-1].path.endswith(f"/agent/run/{action}")
    assert get(emu, run_id).json()["status"] == "STOPPED"
    snapshot = emu.runs[run_id]
    assert snapshot.banned and snapshot.removed_from_pr == (action == "remove-from-pr")


def test_unban_clears_the_ban_and_leaves_a_finished_run_alone(emu: AgentApiEmulator) -> None:
    run_id = create(emu).json()["id"]
    finish(emu, run_id)
    assert post(emu, "ban", {"agent_run_id": run_id}).status == 200
    assert emu.runs[run_id].banned and get(emu, run_id).json()["status"] == "COMPLETE"
    assert post(emu, "unban", {"agent_run_id": run_id}).status == 200
    assert not emu.runs[run_id].banned
    assert [request.path.rsplit("/", 1)[-1] for request in emu.requests if request.method == "POST"][-2:] == ["ban", "unban"]


@pytest.mark.parametrize("action", ["ban", "unban", "remove-from-pr"])
def test_stop_actions_errors(emu: AgentApiEmulator, action: str) -> None:
    missing = post(emu, action, {"agent_run_id": 424242})
    assert (missing.status, missing.json()) == (404, {"message": "Agent run 424242 not found.", "status_code": 404})
    assert detail(post(emu, action, {}))[0]["loc"] == ["body", "agent_run_id"]
    assert detail(post(emu, action, {"agent_run_id": 1, "before_card_order_id": 5}))[0]["loc"] == [
        "body", "before_card_order_id"
    ]
    assert post(emu, action, {"agent_run_id": 1}, org=2).status == 403
    assert call(emu, "GET", f"/v1/organizations/1/agent/run/{action}").status == 422  # GET reaches the get operation


# -- discovery -------------------------------------------------------------------------


def test_discovery_defaults(emu: AgentApiEmulator) -> None:
    me = call(emu, "GET", "/v1/users/me").json()
    assert me == emu.user
    assert {"id", "github_user_id", "github_username"} <= set(me) and isinstance(me["github_user_id"], str)
    orgs = call(emu, "GET", "/v1/organizations").json()
    assert orgs["total"] == 1 and orgs["items"][0]["id"] == emu.org_id
    assert orgs["items"][0]["settings"] == {"enable_pr_creation": True, "enable_rules_detection": True}
    repos = call(emu, "GET", "/v1/organizations/1/repos").json()
    assert repos["total"] == len(repos["items"]) >= 1
    repo_keys = {"id", "name", "full_name", "description", "github_id", "organization_id", "visibility", "archived",
                 "setup_status", "language"}
    assert all(set(repo) == repo_keys and repo["organization_id"] == 1 for repo in repos["items"])


def test_discovery_is_configurable_and_paged() -> None:
    with AgentApiEmulator(
        tokens={"t": [3, 1, 2]},
        users={"t": {"id": 42, "github_username": "ada", "full_name": "Ada Lovelace"}},
        organizations={1: "Acme", 2: {"name": "Beta", "settings": {"enable_pr_creation": False}}},
        repositories={1: ["acme/api", {"name": "web", "language": "Go"}], 2: []},
        rate_limits=False,
    ) as emulator:
        me = call(emulator, "GET", "/v1/users/me").json()
        assert (me["id"], me["github_username"], me["full_name"]) == (42, "ada", "Ada Lovelace")
        orgs = call(emulator, "GET", "/v1/organizations?limit=2").json()
        assert [(org["id"], org["name"]) for org in orgs["items"]] == [(1, "Acme"), (2, "Beta")]
        assert orgs["items"][1]["settings"] == {"enable_pr_creation": False, "enable_rules_detection": True}
        assert (orgs["total"], orgs["page"], orgs["size"], orgs["pages"]) == (3, 1, 2, 2)
        last = call(emulator, "GET", "/v1/organizations?skip=2&limit=2").json()
        assert [org["id"] for org in last["items"]] == [3] and last["page"] == 2
        repos = call(emulator, "GET", "/v1/organizations/1/repos").json()["items"]
        assert [repo["full_name"] for repo in repos] == ["acme/api", "org-1/web"] and repos[1]["language"] == "Go"
        page = call(emulator, "GET", "/v1/organizations/1/repos?skip=1&limit=1").json()
        assert [repo["name"] for repo in page["items"]] == ["web"] and (page["page"], page["pages"]) == (2, 2)
        assert call(emulator, "GET", "/v1/organizations/2/repos").json()["items"] == []
        no_repos = create(emulator, org=2, token="t")
        expected = "No repos found in the organization. Please add some repos and try again."
        assert (no_repos.status, no_repos.json()) == (404, {"message": expected, "status_code": 404})
        assert create(emulator, org=1, token="t").json()["id"]
        assert emulator.runs[max(emulator.runs)].user_id == 42


def test_discovery_errors(emu: AgentApiEmulator) -> None:
    assert [e["loc"] for e in detail(call(emu, "GET", "/v1/organizations?limit=0&skip=-2"))] == [
        ["query", "skip"], ["query", "limit"]
    ]
    assert [e["loc"] for e in detail(call(emu, "GET", "/v1/organizations/x/repos?limit=101"))] == [
        ["path", "org_id"], ["query", "limit"]
    ]
    assert call(emu, "GET", "/v1/organizations/2/repos").status == 403
    assert call(emu, "GET", "/v1/users/me", token=None).status == 401
    assert call(emu, "GET", "/v1/organizations", token="unknown").status == 401
    assert call(emu, "POST", "/v1/users/me").status == 405


def test_a_user_with_no_orgs_lists_none(emu: AgentApiEmulator) -> None:
    emu.add_token("lonely", [])
    page = call(emu, "GET", "/v1/organizations", token="lonely").json()
    assert (page["items"], page["total"], page["pages"]) == ([], 0, 0)
    assert call(emu, "GET", "/v1/users/me", token="lonely").json()["id"] != emu.user["id"]


# -- scripted pull requests and final statuses ------------------------------------------


def test_a_run_scripted_to_open_a_pull_request(emu: AgentApiEmulator) -> None:
    emu.script_next_run(pull_request=True)
    run_id = call(emu, "POST", "/v1/organizations/1/agent/run", {"prompt": "Fix the login bug", "repo_id": 102}).json()["id"]
    assert get(emu, run_id).json()["github_pull_requests"] == []  # not yet, while at work
    prs = get(emu, run_id).json()["github_pull_requests"]
    assert len(prs) == 1
    pr = prs[0]
    assert {"id", "title", "url", "created_at", "head_branch_name"} <= set(pr)
    assert pr["head_branch_name"].startswith("codegen-bot/fix-the-login-bug")
    assert pr["url"].startswith("https://github.com/org-1/frontend/pull/")  # the run's repository
    tool_calls = [entry for entry in logs(emu, run_id).json()["logs"] if entry["tool_name"] == "create_pr"]
    assert tool_calls and tool_calls[0]["tool_output"]["url"] == pr["url"]
    assert runs_page(emu).json()["items"][0]["github_pull_requests"] == prs


def test_a_pull_request_can_be_given_in_full(emu: AgentApiEmulator) -> None:
    emu.script_next_run(pull_request={"id": 9, "title": "Bump", "head_branch_name": "deps/bump", "url": "https://x/pr/9"})
    run_id = create(emu).json()["id"]
    pr = finish(emu, run_id)["github_pull_requests"][0]
    assert (pr["id"], pr["title"], pr["head_branch_name"], pr["url"]) == (9, "Bump", "deps/bump", "https://x/pr/9")


@pytest.mark.parametrize("final", FINAL_STATUSES)
def test_a_run_can_end_in_every_status_of_the_readme(emu: AgentApiEmulator, final: str) -> None:
    emu.script_next_run(final)
    run_id = create(emu).json()["id"]
    run = finish(emu, run_id)
    assert run["status"] == final
    if final in ("COMPLETE", "FAILED", "ERROR", "TIMEOUT", "MAX_ITERATIONS_REACHED", "OUT_OF_TOKENS"):
        assert isinstance(run["result"], str) and run["result"]
    else:
        assert run["result"] is None
    assert isinstance(run["summary"], str)


# -- errors: 402, 429 ------------------------------------------------------------------


def test_run_limit_answers_402_with_the_api_body() -> None:
    with AgentApiEmulator(run_limit=2, tokens={"t": [1, 2]}, rate_limits=False) as emulator:
        assert [create(emulator).status for _ in range(2)] == [200, 200]
        refused = create(emulator)
        assert refused.status == 402
        assert refused.json() == {
            "message": "Alloted agent runs for the current billing plan have been reached. "
                       "Please upgrade your plan to continue.",
            "status_code": 402,
        }
        assert len(emulator.runs) == 2
        assert create(emulator, org=2).status == 200  # counted per org
        with pytest.raises(RunLimitReached):
            emulator.create_run()


def test_each_rate_limit_is_its_own_bucket() -> None:
    clock = FakeClock()
    with AgentApiEmulator(clock=clock) as emulator:
        assert {create(emulator).status for _ in range(10)} == {200}
        refused = create(emulator)
        assert (refused.status, refused.json(), refused.headers["Retry-After"]) == (429, RATE_LIMIT_BODY, "60")
        assert {logs(emulator, 10001).status for _ in range(60)} == {200}
        refused = logs(emulator, 10001)
        assert (refused.status, refused.headers["Retry-After"]) == (429, "60")
        assert {get(emulator, 10001).status for _ in range(30)} == {200}
        assert {runs_page(emulator).status for _ in range(30)} == {200}  # get and list share the reads' bucket
        refused = runs_page(emulator)
        assert (refused.status, refused.json(), refused.headers["Retry-After"]) == (429, RATE_LIMIT_BODY, "30")
        clock.advance(30)
        assert runs_page(emulator).status == 200 and logs(emulator, 10001).status == 429
        clock.advance(30)
        assert logs(emulator, 10001).status == 200 and create(emulator).status == 200


def test_logs_limit_can_be_set_or_switched_off() -> None:
    clock = FakeClock()
    with AgentApiEmulator(clock=clock, logs_limit=(2, 10.0), read_limit=None) as emulator:
        run_id = create(emulator).json()["id"]
        assert [logs(emulator, run_id).status for _ in range(3)] == [200, 200, 429]
    with AgentApiEmulator(clock=clock, logs_limit=None) as emulator:
        run_id = create(emulator).json()["id"]
        assert {logs(emulator, run_id).status for _ in range(70)} == {200}


# -- time_scale -----------------------------------------------------------------------


def test_time_scale_speeds_up_lifecycles_and_rate_limit_windows_together() -> None:
    clock = FakeClock()
    with AgentApiEmulator(seconds_to_complete=60, time_scale=60, create_limit=(1, 60.0), clock=clock) as emulator:
        run_id = create(emulator).json()["id"]
        refused = create(emulator)
        assert (refused.status, refused.headers["Retry-After"]) == (429, "1")  # real seconds
        clock.advance(0.5)  # 30 emulated seconds
        assert get(emulator, run_id).json()["status"] == "ACTIVE"
        clock.advance(0.5)
        assert get(emulator, run_id).json()["status"] == "COMPLETE"
        assert create(emulator).status == 200


def test_time_scale_with_the_real_clock() -> None:
    with AgentApiEmulator(seconds_to_complete=(20.0, 40.0), time_scale=100, random_seed=7, rate_limits=False) as emulator:
        ids = [create(emulator).json()["id"] for _ in range(5)]
        time.sleep(0.45)  # 45 emulated seconds: every run is done
        assert {get(emulator, run_id).json()["status"] for run_id in ids} == {"COMPLETE"}


def test_random_durations_spread_runs_over_the_range() -> None:
    clock = FakeClock()
    with AgentApiEmulator(seconds_to_complete=(10.0, 110.0), random_seed=1, clock=clock, rate_limits=False) as emulator:
        ids = [create(emulator).json()["id"] for _ in range(40)]
        done_at: Dict[int, float] = {}
        for step in range(0, 115, 5):
            for run_id in ids:
                if run_id not in done_at and get(emulator, run_id).json()["status"] == "COMPLETE":
                    done_at[run_id] = step
            clock.advance(5)
        assert set(done_at) == set(ids)
        assert min(done_at.values()) <= 30 and max(done_at.values()) >= 90  # spread, not all at once
        assert all(10 <= value <= 115 for value in done_at.values())


def test_a_script_can_give_one_run_its_own_duration() -> None:
    clock = FakeClock()
    with AgentApiEmulator(clock=clock, rate_limits=False) as emulator:  # poll mode otherwise
        emulator.script_next_run(seconds=10)
        timed = create(emulator).json()["id"]
        polled = create(emulator).json()["id"]
        assert [get(emulator, timed).json()["status"] for _ in range(3)] == ["PENDING"] * 3
        clock.advance(10)
        assert get(emulator, timed).json()["status"] == "COMPLETE"
        assert [get(emulator, polled).json()["status"] for _ in range(2)] == ["ACTIVE", "COMPLETE"]


def test_bad_new_options_are_refused() -> None:
    for options in ({"time_scale": 0}, {"run_limit": -1}, {"logs_not_found": -1}, {"seconds_to_complete": (5.0, 1.0)}):
        with pytest.raises(ValueError):
            AgentApiEmulator(**options)
    with pytest.raises(ValueError):
        AgentApiEmulator().script_next_run(seconds=-1)
    with pytest.raises(ValueError):
        AgentApiEmulator(repositories={1: "acme/api"})  # a string, not a list of repositories


# -- request log and faults on the new routes --------------------------------------------


@pytest.mark.parametrize(
    "method, path, body",
    [
        ("GET", "/v1/organizations/1/agent/runs?limit=5", None),
        ("POST", "/v1/organizations/1/agent/run/resume", {"agent_run_id": 1, "prompt": "x"}),
        ("POST", "/v1/organizations/1/agent/run/ban", {"agent_run_id": 1}),
        ("POST", "/v1/organizations/1/agent/run/unban", {"agent_run_id": 1}),
        ("POST", "/v1/organizations/1/agent/run/remove-from-pr", {"agent_run_id": 1}),
        ("GET", "/v1/alpha/organizations/1/agent/run/1/logs?reverse=true", None),
        ("GET", "/v1/organizations", None),
        ("GET", "/v1/users/me", None),
        ("GET", "/v1/organizations/1/repos", None),
    ],
)
def test_every_route_is_logged_and_takes_faults(
    emu: AgentApiEmulator, method: str, path: str, body: Optional[Dict[str, Any]]
) -> None:
    emu.inject(Fault.status(503), path=path.split("?")[0])
    faulted = call(emu, method, path, body)
    assert faulted.status == 503
    assert call(emu, method, path, body).status != 503
    first, second = emu.requests
    assert (first.method, first.path, first.fault) == (method, path, Fault.status(503))
    assert second.fault is None and second.token == emu.token
    if body is not None:
        assert json.loads(second.body) == body


def test_routes_redirect_a_trailing_slash(emu: AgentApiEmulator) -> None:
    reply = call(emu, "GET", "/v1/organizations/1/agent/runs/?limit=2")
    assert reply.status == 307
    assert reply.headers["Location"] == f"http://127.0.0.1:{emu.port}/v1/organizations/1/agent/runs?limit=2"


# -- command line ------------------------------------------------------------------------


def test_run_limit_and_time_scale_from_the_command_line() -> None:
    argv = ["--run-limit", "1", "--time-scale", "1000", "--seconds-to-complete", "60"]
    with served(argv) as conn:
        statuses, bodies = [], []
        for _ in range(2):
            conn.request("POST", "/v1/organizations/1/agent/run", body=b'{"prompt": "x"}', headers=CLI_AUTH)
            response = conn.getresponse()
            statuses.append(response.status)
            bodies.append(json.loads(response.read()))
        time.sleep(0.1)  # 100 emulated seconds
        conn.request("GET", f"/v1/organizations/1/agent/run/{bodies[0]['id']}", headers=CLI_AUTH)
        final = json.loads(conn.getresponse().read())["status"]
    assert statuses == [200, 402] and bodies[1]["status_code"] == 402
    assert final == "COMPLETE"


def test_time_scale_must_be_positive_on_the_command_line() -> None:
    import threading

    from openapi_client.testing.__main__ import serve

    from .test_emulator import _Lines

    assert serve(["--port", "0", "--time-scale", "0"], threading.Event(), _Lines()) == 2


def test_codegen_agents_emulator_takes_the_new_options() -> None:
    from openapi_client.cli import build_parser

    args = build_parser().parse_args(["emulator", "--time-scale", "5", "--run-limit", "3"])
    assert (args.time_scale, args.run_limit) == (5.0, 3)
    defaults = build_parser().parse_args(["emulator"])
    assert (defaults.time_scale, defaults.run_limit) == (1.0, None)


# -- the run's web page ---------------------------------------------------------


def test_a_runs_web_url_is_a_page_of_the_emulator_itself(emu: AgentApiEmulator) -> None:
    emu.script_next_run(pull_request=True)
    run = create(emu, "Fix <script>alert(1)</script> in login").json()
    assert run["web_url"] == f"{emu.url}/agent/trace/{run['id']}"  # never Codegen's site
    get(emu, run["id"])
    get(emu, run["id"])
    polls = emu.runs[run["id"]].polls

    page = call(emu, "GET", run["web_url"][len(emu.url):], token=None)  # a browser sends no token

    text = page.body.decode("utf-8")
    assert (page.status, page.headers["Content-Type"]) == (200, "text/html; charset=utf-8")
    assert f"<h1>Agent run {run['id']}</h1>" in text and "<td>COMPLETE</td>" in text
    assert "Fix &lt;script&gt;alert(1)&lt;/script&gt; in login" in text and "<script>" not in text
    assert emu.runs[run["id"]].github_pull_requests[0]["url"] in text
    assert "create_pr" in text  # the steps of its log
    assert emu.runs[run["id"]].polls == polls  # reading the page moves nothing on


def test_the_page_of_an_unknown_run_is_not_found_and_other_methods_are_not_pages(emu: AgentApiEmulator) -> None:
    assert call(emu, "GET", "/agent/trace/99999", token=None).status == 404
    assert call(emu, "POST", "/agent/trace/10001", {"x": 1}).status == 404
    assert call(emu, "GET", "/agent/trace/abc", token=None).status == 404
