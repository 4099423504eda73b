"""`codegen-agents ban`, `unban` and `remove-from-pr` against the emulator: what they call, and what they say."""

from __future__ import annotations

import json

from openapi_client.testing import ACTIVE, AgentApiEmulator

from test.test_cli import codegen_agents, json_lines, one_error_line


def run_at_work(emu: AgentApiEmulator, *, pull_request: bool = True) -> int:
    emu.script_next_run(pull_request=pull_request)
    run_id = emu.create_run("Keep fixing the tests").id
    emu.set_run_status(run_id, ACTIVE)
    return run_id


def posts(emu: AgentApiEmulator) -> list:
    return [(r.path, json.loads(r.body)) for r in emu.requests if r.method == "POST"]


def test_ban_calls_the_ban_operation_and_says_what_it_did(emulator: AgentApiEmulator) -> None:
    run_id = run_at_work(emulator)
    done = codegen_agents("ban", str(run_id), emu=emulator)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(
        f"Banned all checks of agent run {run_id}'s pull request: the agents working on it stop"
    )
    assert f"codegen-agents unban {run_id}" in done.stdout
    assert posts(emulator) == [(f"/v1/organizations/{emulator.org_id}/agent/run/ban", {"agent_run_id": run_id})]
    assert emulator.runs[run_id].banned and emulator.runs[run_id].status == "STOPPED"


def test_unban_calls_the_unban_operation(emulator: AgentApiEmulator) -> None:
    run_id = run_at_work(emulator)
    assert codegen_agents("ban", str(run_id), emu=emulator).returncode == 0
    emulator.clear_requests()
    done = codegen_agents("unban", str(run_id), emu=emulator)
    assert done.returncode == 0
    assert "processed again" in done.stdout
    assert posts(emulator) == [(f"/v1/organizations/{emulator.org_id}/agent/run/unban", {"agent_run_id": run_id})]
    assert not emulator.runs[run_id].banned


def test_remove_from_pr_calls_its_operation_and_json_gives_the_apis_answer(emulator: AgentApiEmulator) -> None:
    run_id = run_at_work(emulator)
    done = codegen_agents("remove-from-pr", str(run_id), "--json", emu=emulator)
    assert done.returncode == 0
    assert json_lines(done.stdout) == [{
        "message": f"Codegen was removed from the pull request of agent run {run_id}.", "agent_run_id": run_id,
    }]
    assert posts(emulator) == [
        (f"/v1/organizations/{emulator.org_id}/agent/run/remove-from-pr", {"agent_run_id": run_id})
    ]
    assert emulator.runs[run_id].removed_from_pr


def test_a_run_without_a_pull_request_cannot_be_stopped_and_nothing_is_sent(emulator: AgentApiEmulator) -> None:
    run_id = run_at_work(emulator, pull_request=False)
    for command in ("ban", "remove-from-pr"):
        done = codegen_agents(command, str(run_id), emu=emulator)
        assert done.returncode == 1
        line = one_error_line(done.stderr)
        assert f"agent run {run_id} has no pull request" in line and "cannot be stopped through the API" in line
    assert posts(emulator) == []
    assert emulator.runs[run_id].status == ACTIVE


def test_an_unknown_run_exits_3(emulator: AgentApiEmulator) -> None:
    done = codegen_agents("ban", "999999", emu=emulator)
    assert done.returncode == 3
    assert "404" in one_error_line(done.stderr)


def test_the_help_says_plainly_there_is_no_stop_operation(emulator: AgentApiEmulator) -> None:
    for command in ("ban", "remove-from-pr"):
        text = " ".join(codegen_agents(command, "--help", emu=emulator).stdout.split())
        assert "The API has no stop operation" in text
        assert "stops the agents working on that PR" in text
        assert "A run without a pull request cannot be stopped through the API" in text
