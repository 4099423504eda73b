"""`codegen-agents users | integrations | setup-commands | pr | checks`, as child processes against the emulator."""

from __future__ import annotations

import json
from typing import Iterator

import pytest

from openapi_client.testing import AgentApiEmulator, Fault
from test.test_cli import FAST, codegen_agents, json_lines, one_error_line


@pytest.fixture
def emu() -> Iterator[AgentApiEmulator]:
    with AgentApiEmulator(rate_limits=False, tokens={"test-token": [1], "second-token": [1]}) as emulator:
        yield emulator


def test_users_lists_the_organisations_users_as_a_table_or_json(emu: AgentApiEmulator) -> None:
    table = codegen_agents("users", emu=emu)
    as_json = codegen_agents("users", "--json", emu=emu)

    assert table.returncode == 0, table.stderr
    assert table.stdout.splitlines() == [
        "ID    USERNAME  NAME         EMAIL             ROLE",
        "1001  dev1      Developer 1  dev1@example.com  ADMIN",
        "1002  dev2      Developer 2  dev2@example.com  MEMBER",
    ]
    assert [user["github_username"] for user in json_lines(as_json.stdout)] == ["dev1", "dev2"]


def test_integrations_show_which_are_active(emu: AgentApiEmulator) -> None:
    shown = codegen_agents("integrations", emu=emu)
    as_json = codegen_agents("integrations", "--json", emu=emu)

    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0] == "Organization 1 (organisation 1): 3 of 11 integrations active"
    assert lines[2].split() == ["github", "active", "40000001"]
    assert "notion inactive" in [" ".join(line.split()) for line in lines]
    (whole,) = json_lines(as_json.stdout)
    assert whole["total_active_integrations"] == 3 and len(whole["integrations"]) == 11


def test_setup_commands_start_a_run_and_with_wait_follow_it_like_run(emu: AgentApiEmulator) -> None:
    started = codegen_agents("setup-commands", "--repo-id", "102", "--prompt", "Use uv.", emu=emu)

    run_id = max(emu.runs)
    assert started.returncode == 0, started.stderr
    assert started.stdout == f"Agent run {run_id}: PENDING\n{emu.runs[run_id].web_url}\n"
    assert emu.runs[run_id].prompt == "Generate the setup commands of org-1/frontend. Use uv."
    assert emu.runs[run_id].source_type == "SETUP_COMMANDS"

    emu.script_next_run("FAILED")
    waited = codegen_agents("setup-commands", "--repo-id", "101", "--wait", "--json", *FAST, emu=emu)
    (run,) = json_lines(waited.stdout)
    assert waited.returncode == 1  # like `run --wait`: a run that failed exits 1
    assert run["id"] == max(emu.runs) and run["status"] == "FAILED" and run["source_type"] == "SETUP_COMMANDS"


def test_setup_commands_errors_are_one_line(emu: AgentApiEmulator) -> None:
    unknown = codegen_agents("setup-commands", "--repo-id", "999", emu=emu)
    assert unknown.returncode == 3
    assert one_error_line(unknown.stderr) == (
        "codegen-agents: error: the API answered 404 Not Found: Repository not found"
    )
    no_wait = codegen_agents("setup-commands", "--repo-id", "101", "--timeout", "5", emu=emu)
    assert no_wait.returncode == 2 and "--timeout needs --wait" in one_error_line(no_wait.stderr)
    no_repo = codegen_agents("setup-commands", emu=emu)
    assert no_repo.returncode == 2 and "--repo-id" in one_error_line(no_repo.stderr)
    assert emu.runs == {}


def test_pr_changes_the_state_of_the_runs_pull_request(emu: AgentApiEmulator) -> None:
    emu.script_next_run(pull_request=True, statuses=["COMPLETE"])
    run = emu.create_run("Fix the login bug")
    pr = run.github_pull_requests[0]

    closed = codegen_agents("pr", str(run.id), "--state", "closed", emu=emu)
    reopened = codegen_agents("pr", str(run.id), "--state", "open", "--json", emu=emu)

    number = pr["url"].rsplit("/", 1)[1]
    assert closed.returncode == 0, closed.stderr
    assert closed.stdout == f"Pull request {pr['id']} #{number}: closed\n{pr['url']}\n"
    (answer,) = json_lines(reopened.stdout)
    assert answer["success"] is True and answer["state"] == "open"
    assert emu.runs[run.id].github_pull_requests[0]["state"] == "open"


def test_pr_needs_pr_id_when_the_run_has_several(emu: AgentApiEmulator) -> None:
    emu.script_next_run(pull_request=[{"title": "API"}, {"title": "Docs"}], statuses=["COMPLETE"])
    run = emu.create_run("Two pull requests")
    first, second = (pr["id"] for pr in run.github_pull_requests)

    ambiguous = codegen_agents("pr", str(run.id), "--state", "draft", emu=emu)
    foreign = codegen_agents("pr", str(run.id), "--state", "draft", "--pr-id", "5", emu=emu)
    chosen = codegen_agents("pr", str(run.id), "--state", "draft", "--pr-id", str(second), emu=emu)

    assert ambiguous.returncode == 2
    assert f"has 2 pull requests ({first}, {second}): choose one with --pr-id" in one_error_line(ambiguous.stderr)
    assert foreign.returncode == 2
    assert f"pull request 5 is not agent run {run.id}'s" in one_error_line(foreign.stderr)
    assert chosen.returncode == 0, chosen.stderr
    assert [pr.get("state") for pr in emu.runs[run.id].github_pull_requests] == [None, "draft"]
    assert [r.method for r in emu.requests].count("PATCH") == 1


def test_pr_refusals_are_one_line(emu: AgentApiEmulator) -> None:
    without = emu.create_run("No pull request")
    emu.script_next_run(pull_request=True, statuses=["COMPLETE"])
    run = emu.create_run("One pull request")

    none = codegen_agents("pr", str(without.id), "--state", "closed", emu=emu)
    bad_state = codegen_agents("pr", str(run.id), "--state", "merged", emu=emu)
    emu.inject(Fault.body(json.dumps({"success": False, "error": "GitHub refused: locked"}).encode()), method="PATCH")
    refused = codegen_agents("pr", str(run.id), "--state", "closed", emu=emu)

    assert none.returncode == 2 and "has no pull request" in one_error_line(none.stderr)
    assert bad_state.returncode == 2 and "invalid choice: 'merged'" in one_error_line(bad_state.stderr)
    assert refused.returncode == 3
    assert one_error_line(refused.stderr) == (
        f"codegen-agents: error: pull request {run.github_pull_requests[0]['id']} was not changed: "
        "GitHub refused: locked"
    )
    assert "state" not in emu.runs[run.id].github_pull_requests[0]


def test_checks_show_and_set_the_settings_and_read_them_back(emu: AgentApiEmulator) -> None:
    shown = codegen_agents("checks", "--repo-id", "101", emu=emu)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.splitlines()[:2] == ["Check-suite settings of repository 101", "check_retry_count: 2"]

    changed = codegen_agents(
        "checks", "--repo-id", "101", "--set", "check_retry_count=5", "--set", "ignored_checks=lint, build",
        "--set", "check_retry_counts.test=1", "--set", "custom_prompts.lint=Run ruff --fix", emu=emu,
    )
    assert changed.returncode == 0, changed.stderr
    assert changed.stdout.splitlines()[1:5] == [
        "check_retry_count: 5", "ignored_checks: lint, build", "check_retry_counts: test=1",
        "custom_prompts: lint: Run ruff --fix",
    ]
    more = codegen_agents("checks", "--repo-id", "101", "--set", "check_retry_counts.lint=3", "--json", emu=emu)
    (settings,) = json_lines(more.stdout)
    assert settings["check_retry_counts"] == {"test": 1, "lint": 3}  # a per-check value adds to the others
    assert emu.check_suite_settings(101) == settings
    assert emu.check_suite_settings(102)["check_retry_count"] == 2


@pytest.mark.parametrize("assignment, message", [
    ("check_retry_count=-1", "--set check_retry_count: a retry count is 0 to 10, not -1"),
    ("check_retry_count=many", "--set check_retry_count: not a whole number: 'many'"),
    ("colour=blue", "--set: unknown setting 'colour'"),
    ("ignored_checks", "--set takes KEY=VALUE, not 'ignored_checks'"),
])
def test_a_bad_setting_is_refused_before_anything_is_sent(emu: AgentApiEmulator, assignment: str, message: str) -> None:
    refused = codegen_agents("checks", "--repo-id", "101", "--set", assignment, emu=emu)

    assert refused.returncode == 2
    assert message in one_error_line(refused.stderr)
    assert emu.requests == []


def test_checks_of_a_repository_the_organisation_does_not_have_exits_3(emu: AgentApiEmulator) -> None:
    unknown = codegen_agents("checks", "--repo-id", "999", emu=emu)

    assert unknown.returncode == 3
    assert one_error_line(unknown.stderr) == "codegen-agents: error: the API answered 404 Not Found: Repository not found"
