"""The command line (`codegen-agents` / ``python -m openapi_client``) against the emulator.

The end-to-end tests run it as a child process and check stdout, stderr and
the exit status; the rest call `cli.main` in this process, which is faster.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest

from openapi_client import AgentsApi, ApiClient, Configuration, __version__, cli
from openapi_client.testing import AgentApiEmulator

REPO_ROOT = Path(__file__).resolve().parent.parent
FAST = ["--poll-interval", "0.01"]


def child_env(emu: Optional[AgentApiEmulator], **extra: str) -> Dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CODEGEN_")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    if emu is not None:
        env.update(CODEGEN_API_TOKEN=emu.token, CODEGEN_ORG_ID=str(emu.org_id), CODEGEN_API_BASE_URL=emu.url)
    env.update(extra)
    return env


def codegen_agents(
    *args: str, emu: Optional[AgentApiEmulator] = None, env: Optional[Dict[str, str]] = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "openapi_client", *args], stdin=subprocess.DEVNULL, capture_output=True,
        text=True, env=child_env(emu) if env is None else env, timeout=60,
    )


def json_lines(stdout: str) -> List[Dict[str, Any]]:
    """Each line of `stdout` as one JSON object, as ``--json`` promises."""
    return [json.loads(line) for line in stdout.splitlines()]


def finish(emu: AgentApiEmulator, run_id: int) -> None:
    """Poll the run over HTTP until it is final, with its whole log written."""
    with ApiClient(Configuration(host=emu.url, access_token=emu.token)) as client:
        AgentsApi(client).wait_for_agent_run(run_id, emu.org_id, poll_interval=0.01, progress=False)


def one_error_line(stderr: str) -> str:
    """The single line on stderr, checked to be an error line and not a traceback."""
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("codegen-agents: error: ")
    assert "Traceback" not in stderr
    return lines[0]


@pytest.fixture
def env(emulator: AgentApiEmulator, monkeypatch: pytest.MonkeyPatch) -> AgentApiEmulator:
    """The emulator, named by the environment variables the command line reads."""
    monkeypatch.setenv("CODEGEN_API_TOKEN", emulator.token)
    monkeypatch.setenv("CODEGEN_ORG_ID", str(emulator.org_id))
    monkeypatch.setenv("CODEGEN_API_BASE_URL", emulator.url)
    return emulator


# -- end to end, in a child process -------------------------------------------------


def test_run_wait_prints_the_result_and_exits_0(emulator: AgentApiEmulator) -> None:
    done = codegen_agents("run", "Tidy the imports", "--wait", *FAST, emu=emulator)

    run_id = max(emulator.runs)
    assert done.returncode == 0
    assert done.stdout == (
        f"Agent run {run_id}: COMPLETE\n{emulator.url}/agent/trace/{run_id}\n\n"
        "Done. I worked on your request: Tidy the imports\n"
    )
    assert done.stderr == ""  # stderr is not a terminal: no progress


def test_run_wait_json_puts_only_json_on_stdout(emulator: AgentApiEmulator) -> None:
    done = codegen_agents("run", "Tidy", "--wait", "--json", *FAST, emu=emulator)

    run = json.loads(done.stdout)
    assert done.returncode == 0
    assert (run["id"], run["status"]) == (max(emulator.runs), "COMPLETE")
    assert run["web_url"].endswith(str(run["id"]))


def test_a_run_that_ends_failed_exits_1(emulator: AgentApiEmulator) -> None:
    emulator.script_next_run("FAILED", result="The repository is archived")

    done = codegen_agents("run", "Push a fix", "--wait", *FAST, emu=emulator)

    assert done.returncode == 1
    assert done.stdout.startswith(f"Agent run {max(emulator.runs)}: FAILED\n")
    assert done.stdout.endswith("The repository is archived\n")


def test_a_timeout_exits_4_with_one_line_and_the_last_state_as_json(emulator: AgentApiEmulator) -> None:
    emulator.script_next_run(statuses=["PENDING", "ACTIVE"])

    done = codegen_agents("run", "Forever", "--wait", "--timeout", "0.3", "--json", *FAST, emu=emulator)

    run_id = max(emulator.runs)
    assert done.returncode == 4
    line = one_error_line(done.stderr)
    assert f"agent run {run_id} is still ACTIVE after 0.3 s; it goes on running" in line
    assert json.loads(done.stdout)["status"] == "ACTIVE"


def test_an_api_error_exits_3_with_one_line_and_no_traceback(emulator: AgentApiEmulator) -> None:
    env = child_env(emulator, CODEGEN_API_TOKEN="wrong-token")
    done = subprocess.run(
        [sys.executable, "-m", "openapi_client", "get", "10001", "--json"], capture_output=True, text=True,
        env=env, timeout=60,
    )

    assert done.returncode == 3
    assert done.stdout == ""
    line = one_error_line(done.stderr)
    assert "the API answered 401" in line and "check the token" in line
    assert "wrong-token" not in done.stderr


def test_a_usage_error_exits_2_with_one_line(emulator: AgentApiEmulator) -> None:
    done = codegen_agents("wait", "not-a-number", emu=emulator)

    assert done.returncode == 2
    assert "not an agent run id" in one_error_line(done.stderr)
    assert emulator.requests == []


def test_ctrl_c_while_waiting_exits_130_saying_the_run_goes_on(emulator: AgentApiEmulator) -> None:
    emulator.script_next_run(statuses=["PENDING", "ACTIVE"])
    child = subprocess.Popen(
        [sys.executable, "-m", "openapi_client", "run", "Interrupt me", "--wait", *FAST],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=child_env(emulator),
    )
    deadline = time.monotonic() + 30
    while not any(r.method == "GET" for r in emulator.requests) and time.monotonic() < deadline:
        time.sleep(0.02)
    child.send_signal(signal.SIGINT)
    stdout, stderr = child.communicate(timeout=30)

    run_id = max(emulator.runs)
    assert child.returncode == 130
    assert stdout == ""
    assert one_error_line(stderr) == (
        f"codegen-agents: error: stopped waiting for agent run {run_id}; it goes on running"
        f" at {emulator.url}/agent/trace/{run_id}"
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_the_emulator_command_serves_until_interrupted() -> None:
    port = _free_port()
    child = subprocess.Popen(
        [sys.executable, "-m", "openapi_client", "emulator", "--port", str(port)],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=child_env(None),
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == f"Codegen agent API emulator listening on http://127.0.0.1:{port}"
        env = child_env(None, CODEGEN_API_TOKEN="test-token", CODEGEN_ORG_ID="1",
                        CODEGEN_API_BASE_URL=f"http://127.0.0.1:{port}")
        created = subprocess.run(
            [sys.executable, "-m", "openapi_client", "run", "Hello", "--json"], capture_output=True, text=True,
            env=env, timeout=60,
        )
        assert created.returncode == 0, created.stderr
        assert json.loads(created.stdout)["status"] == "PENDING"
    finally:
        child.send_signal(signal.SIGINT)
        rest, stderr = child.communicate(timeout=30)
    assert child.returncode == 0
    assert rest.rstrip().endswith("Stopped.")
    assert stderr == ""


# -- the commands that find things, end to end ---------------------------------------


def test_version_prints_the_sdk_version() -> None:
    done = codegen_agents("--version")

    assert (done.returncode, done.stdout) == (0, f"codegen-agents {__version__}\n")


def test_orgs_lists_the_users_organisations_without_needing_an_org_id(emulator: AgentApiEmulator) -> None:
    env = child_env(emulator)
    del env["CODEGEN_ORG_ID"]

    text = codegen_agents("orgs", env=env)
    as_json = codegen_agents("orgs", "--json", env=env)

    assert text.returncode == 0, text.stderr
    assert text.stdout == f"ID  NAME\n{emulator.org_id}   Organization {emulator.org_id}\n"
    assert as_json.returncode == 0
    assert [(org["id"], org["name"]) for org in json_lines(as_json.stdout)] == [
        (emulator.org_id, f"Organization {emulator.org_id}")
    ]


def test_me_shows_the_tokens_user_and_its_id(emulator: AgentApiEmulator) -> None:
    env = child_env(emulator)
    del env["CODEGEN_ORG_ID"]
    user = emulator.user

    text = codegen_agents("me", env=env)
    as_json = codegen_agents("me", "--json", env=env)

    assert text.returncode == 0, text.stderr
    assert text.stdout.splitlines()[0] == f"User {user['id']}: {user['github_username']} ({user['full_name']})"
    assert f"email: {user['email']}" in text.stdout.splitlines()
    assert json_lines(as_json.stdout) == [user]


def test_repos_lists_the_organisations_repositories_with_their_ids(emulator: AgentApiEmulator) -> None:
    text = codegen_agents("repos", emu=emulator)
    as_json = codegen_agents("repos", "--json", emu=emulator)

    repos = json_lines(as_json.stdout)
    assert (text.returncode, as_json.returncode) == (0, 0)
    assert [repo["full_name"] for repo in repos] == ["org-1/backend", "org-1/frontend"]
    lines = text.stdout.splitlines()
    assert lines[0].split() == ["ID", "NAME", "LANGUAGE", "VISIBILITY", "SETUP"]
    assert lines[1].split() == [str(repos[0]["id"]), "org-1/backend", "Python", "PRIVATE", "COMPLETE"]


def test_repos_pages_through_every_repository() -> None:
    names = [f"service-{n:03}" for n in range(130)]
    with AgentApiEmulator(rate_limits=False, repositories={1: names}) as emu:
        done = codegen_agents("repos", "--json", emu=emu)

        assert done.returncode == 0, done.stderr
        assert [repo["name"] for repo in json_lines(done.stdout)] == names
        assert [r.path.split("?")[1] for r in emu.requests] == ["skip=0&limit=100", "skip=100&limit=100"]


def test_repos_of_an_organisation_the_user_is_not_in_exits_3(emulator: AgentApiEmulator) -> None:
    done = codegen_agents("repos", "--org-id", "777", "--json", emu=emulator)

    assert (done.returncode, done.stdout) == (3, "")
    line = one_error_line(done.stderr)
    assert "the API answered 403 Forbidden" in line and "check that the token's user is a member" in line


def test_me_with_a_wrong_token_exits_3(emulator: AgentApiEmulator) -> None:
    done = codegen_agents("me", env=child_env(emulator, CODEGEN_API_TOKEN="wrong-token"))

    assert done.returncode == 3
    assert "the API answered 401" in one_error_line(done.stderr)


# -- run, resume and logs, end to end --------------------------------------------------


def test_run_sends_the_repository_model_and_agent_type(emulator: AgentApiEmulator) -> None:
    done = codegen_agents(
        "run", "Fix it", "--repo-id", "102", "--model", "claude-sonnet-4-5", "--agent-type", "claude_code",
        "--json", emu=emulator,
    )

    assert done.returncode == 0, done.stderr
    [created] = json_lines(done.stdout)
    run = emulator.runs[created["id"]]
    assert (run.repo_id, run.model, run.agent_type) == (102, "claude-sonnet-4-5", "claude_code")
    assert emulator.requests[0].json() == {
        "prompt": "Fix it", "repo_id": 102, "model": "claude-sonnet-4-5", "agent_type": "claude_code"
    }


def test_run_without_the_new_flags_sends_only_the_prompt(emulator: AgentApiEmulator) -> None:
    assert codegen_agents("run", "Just this", emu=emulator).returncode == 0
    assert emulator.requests[0].json() == {"prompt": "Just this"}


def test_run_refuses_an_agent_type_the_api_does_not_know(emulator: AgentApiEmulator) -> None:
    done = codegen_agents("run", "Fix it", "--agent-type", "robot", emu=emulator)

    assert done.returncode == 3
    assert "the API answered 422" in one_error_line(done.stderr)
    assert "'codegen' or 'claude_code'" in done.stderr


def test_resume_sends_the_follow_up_and_prints_the_run_at_work(emulator: AgentApiEmulator) -> None:
    seeded = emulator.create_run("First task")
    finish(emulator, seeded.id)

    text = codegen_agents("resume", str(seeded.id), "Add a test too", emu=emulator)
    as_json = codegen_agents("resume", str(seeded.id), "And a changelog line", "--json", emu=emulator)

    assert text.returncode == 0, text.stderr
    assert text.stdout.startswith(f"Agent run {seeded.id}: ACTIVE\n")
    [resumed] = json_lines(as_json.stdout)
    assert (resumed["id"], resumed["status"], resumed["result"]) == (seeded.id, "ACTIVE", None)
    assert emulator.runs[seeded.id].prompts == ("First task", "Add a test too", "And a changelog line")


def test_resume_of_an_unknown_run_exits_3(emulator: AgentApiEmulator) -> None:
    done = codegen_agents("resume", "987654", "Go on", "--json", emu=emulator)

    assert (done.returncode, done.stdout) == (3, "")
    assert "the API answered 404 Not Found" in one_error_line(done.stderr)


def test_logs_prints_each_step_on_one_line(emulator: AgentApiEmulator) -> None:
    emulator.script_next_run(pull_request=True)
    seeded = emulator.create_run("Fix the login bug")
    finish(emulator, seeded.id)

    done = codegen_agents("logs", str(seeded.id), emu=emulator)

    lines = done.stdout.splitlines()
    entries = emulator.runs[seeded.id].logs
    assert done.returncode == 0, done.stderr
    assert len(lines) == len(entries) > 3
    assert lines[0].endswith("PLAN_EVALUATION: Plan: find where 'login' is handled, change it, run the tests.")
    assert "ACTION view_file: Let me read src/login.py" in lines[2]
    assert lines[2].endswith("-> Viewed src/login.py (120 lines)")
    assert lines[-1].endswith("FINAL_ANSWER: The task is done. -> Done. I worked on your request: Fix the login bug")
    assert re.match(r"\d\d:\d\d:\d\d ", lines[0])


def test_logs_json_gives_each_entry_as_one_object_per_line(emulator: AgentApiEmulator) -> None:
    seeded = emulator.create_run("Fix the login bug")
    finish(emulator, seeded.id)

    done = codegen_agents("logs", str(seeded.id), "--json", emu=emulator)

    entries = json_lines(done.stdout)
    assert done.returncode == 0
    assert [e["message_type"] for e in entries] == [e["message_type"] for e in emulator.runs[seeded.id].logs]
    assert {e["agent_run_id"] for e in entries} == {seeded.id}


def test_logs_of_an_unknown_run_exits_3(emulator: AgentApiEmulator) -> None:
    done = codegen_agents("logs", "987654", "--json", emu=emulator)

    assert (done.returncode, done.stdout) == (3, "")
    assert re.match(r"codegen-agents: error: the API answered 404 Not Found: Agent run 987654 not found",
                    one_error_line(done.stderr))


def test_logs_control_characters_from_the_agent_do_not_reach_the_terminal(
    env: AgentApiEmulator, capsys: pytest.CaptureFixture[str]
) -> None:
    seeded = env.create_run("Ring the bell \x07\x1b]0;owned\x07 please")
    finish(env, seeded.id)

    assert cli.main(["logs", str(seeded.id)]) == 0

    out = capsys.readouterr().out
    assert "\x07" not in out and "\x1b" not in out
    assert "Ring the bell" in out


# -- list, logs --follow, resume --wait and wait for several runs, end to end ---------------


def test_list_shows_the_runs_newest_first_as_a_table() -> None:
    with AgentApiEmulator(rate_limits=False) as emu:
        older = emu.create_run("Old work")
        emu.set_run_status(older.id, "FAILED", "The build does not pass", summary="Build failed")
        emu.script_next_run(pull_request=True)
        done_run = emu.create_run("Fix the login bug")
        finish(emu, done_run.id)
        newest = emu.create_run("Still at it")

        done = codegen_agents("list", emu=emu)

        pr = emu.runs[done_run.id].github_pull_requests[0]["url"]
        lines = done.stdout.splitlines()
        assert done.returncode == 0, done.stderr
        assert lines[0].split() == ["ID", "STATUS", "CREATED", "SUMMARY", "PR"]
        assert [line.split()[:2] for line in lines[1:]] == [
            [str(newest.id), "ACTIVE"], [str(done_run.id), "COMPLETE"], [str(older.id), "FAILED"]  # a listing polls
        ]
        assert lines[2].endswith(f"Completed: Fix the login bug  {pr}")
        assert lines[3].rstrip().endswith("Build failed")
        assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d", lines[1])
        assert [r.path for r in emu.requests if "/agent/runs" in r.path] == [
            f"/v1/organizations/{emu.org_id}/agent/runs?skip=0&limit=20"
        ]


def test_list_json_limit_and_paging_across_pages() -> None:
    with AgentApiEmulator(rate_limits=False) as emu:
        ids = [emu.create_run(f"task {n}").id for n in range(250)]

        first_two = codegen_agents("list", "--limit", "2", "--json", emu=emu)
        many = codegen_agents("list", "--limit", "150", "--json", emu=emu)

        assert first_two.returncode == 0, first_two.stderr
        assert [run["id"] for run in json_lines(first_two.stdout)] == ids[::-1][:2]
        assert [run["id"] for run in json_lines(many.stdout)] == ids[::-1][:150]
        assert [r.path.split("?")[1] for r in emu.requests] == [
            "skip=0&limit=2", "skip=0&limit=100", "skip=100&limit=100"
        ]


def test_list_mine_and_source_type_filter_the_runs() -> None:
    with AgentApiEmulator(rate_limits=False) as emu:
        emu.add_token("colleague-token", [emu.org_id], user={"id": 4242})
        mine = emu.create_run("Mine")
        emu.create_run("Theirs", user_id=4242)
        emu.script_next_run(source_type="SLACK")
        from_slack = emu.create_run("From Slack", user_id=4242)

        only_mine = codegen_agents("list", "--mine", "--json", emu=emu)
        slack = codegen_agents("list", "--source-type", "SLACK", "--json", emu=emu)

        assert [run["id"] for run in json_lines(only_mine.stdout)] == [mine.id]
        assert [run["id"] for run in json_lines(slack.stdout)] == [from_slack.id]
        assert [r.path for r in emu.requests][:2] == [
            "/v1/users/me", f"/v1/organizations/{emu.org_id}/agent/runs?user_id={emu.user['id']}&skip=0&limit=20"
        ]


def test_list_of_an_empty_organisation_says_so_and_of_a_foreign_one_exits_3() -> None:
    with AgentApiEmulator(rate_limits=False) as emu:
        empty = codegen_agents("list", emu=emu)
        foreign = codegen_agents("list", "--org-id", "777", "--json", emu=emu)

    assert (empty.returncode, empty.stdout) == (0, "No agent runs.\n")
    assert (foreign.returncode, foreign.stdout) == (3, "")
    assert "the API answered 403 Forbidden" in one_error_line(foreign.stderr)


def test_logs_follow_streams_the_steps_until_the_run_ends() -> None:
    with AgentApiEmulator(rate_limits=False, seconds_to_complete=1.5) as emu:
        emu.script_next_run(pull_request=True)
        run = emu.create_run("Fix the login bug")

        done = codegen_agents("logs", str(run.id), "--follow", "--json", "--poll-interval", "0.05", emu=emu)

        entries = json_lines(done.stdout)
        final = emu.runs[run.id]
        logs_requests = [r.path for r in emu.requests if r.path.startswith("/v1/alpha/")]
        assert done.returncode == 0, done.stderr
        assert final.status == "COMPLETE"
        assert [e["message_type"] for e in entries] == [e["message_type"] for e in final.logs]
        assert entries[-1]["message_type"] == "FINAL_ANSWER"
        assert len(logs_requests) > 2  # the log grew while it was followed
        assert any("skip=0&" not in path for path in logs_requests)  # asked only for entries not seen


def test_logs_follow_prints_readable_lines_and_a_timeout_exits_4(emulator: AgentApiEmulator) -> None:
    seeded = emulator.create_run("Never ends")
    emulator.set_run_status(seeded.id, "ACTIVE")

    done = codegen_agents("logs", str(seeded.id), "--follow", "--timeout", "0.5", "--poll-interval", "0.05",
                          emu=emulator)

    assert done.returncode == 4
    assert done.stdout.splitlines()[0].endswith("PLAN_EVALUATION: Plan: find where 'never' is handled,"
                                                " change it, run the tests.")
    assert f"agent run {seeded.id} is still ACTIVE after 0.5 s" in one_error_line(done.stderr)


def test_logs_follow_json_stdout_holds_only_log_entries_after_a_timeout(emulator: AgentApiEmulator) -> None:
    seeded = emulator.create_run("Never ends")
    emulator.set_run_status(seeded.id, "ACTIVE")

    done = codegen_agents("logs", str(seeded.id), "--follow", "--json", "--timeout", "0.3", "--poll-interval",
                          "0.05", emu=emulator)

    entries = json_lines(done.stdout)
    assert done.returncode == 4
    assert entries and all(set(e) >= {"agent_run_id", "message_type"} and "web_url" not in e for e in entries)


def test_resume_wait_returns_the_next_end_of_the_run(emulator: AgentApiEmulator) -> None:
    seeded = emulator.create_run("First task")
    finish(emulator, seeded.id)

    done = codegen_agents("resume", str(seeded.id), "Add a test too", "--wait", *FAST, emu=emulator)

    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Agent run {seeded.id}: COMPLETE\n")
    assert done.stdout.rstrip().endswith("Add a test too")
    assert emulator.runs[seeded.id].prompts == ("First task", "Add a test too")


def test_wait_for_several_runs_reads_the_list_and_exits_1_when_one_failed() -> None:
    with AgentApiEmulator(rate_limits=False, seconds_to_complete=(0.3, 1.0), random_seed=3) as emu:
        ids = [emu.create_run(f"task {n}").id for n in range(4)]
        emu.script_next_run("FAILED")
        failed = emu.create_run("Doomed").id

        done = codegen_agents("wait", *map(str, [*ids, failed]), "--json", *FAST, emu=emu)

        runs = json_lines(done.stdout)
        assert done.returncode == 1, done.stderr
        assert [(run["id"], run["status"]) for run in runs] == [(i, "COMPLETE") for i in ids] + [(failed, "FAILED")]
        assert all("/agent/runs?" in r.path for r in emu.requests)  # no run read one by one


def test_wait_for_several_runs_prints_a_table_and_exits_0_when_all_completed() -> None:
    with AgentApiEmulator(rate_limits=False, seconds_to_complete=0.3) as emu:
        ids = [emu.create_run(f"task {n}").id for n in range(3)]

        done = codegen_agents("wait", *map(str, ids), *FAST, emu=emu)

        lines = done.stdout.splitlines()
        assert done.returncode == 0, done.stderr
        assert lines[0].split() == ["ID", "STATUS", "CREATED", "SUMMARY", "PR"]
        assert [line.split()[:2] for line in lines[1:]] == [[str(i), "COMPLETE"] for i in ids]


def test_wait_for_an_unknown_run_among_several_exits_3(emulator: AgentApiEmulator) -> None:
    seeded = emulator.create_run("Known")

    done = codegen_agents("wait", str(seeded.id), "987654", "--json", *FAST, emu=emulator)

    assert (done.returncode, done.stdout) == (3, "")
    assert "the API answered 404 Not Found" in one_error_line(done.stderr)


def test_a_paused_run_exits_1_so_that_scripts_do_not_take_it_for_done(emulator: AgentApiEmulator) -> None:
    emulator.script_next_run(statuses=["PENDING", "PAUSED"])

    done = codegen_agents("run", "Ask me first", "--wait", "--json", *FAST, emu=emulator)

    assert done.returncode == 1, done.stderr
    assert json_lines(done.stdout)[0]["status"] == "PAUSED"


# -- in this process ------------------------------------------------------------------


def test_run_without_wait_creates_the_run_and_returns_at_once(
    env: AgentApiEmulator, capsys: pytest.CaptureFixture[str]
) -> None:
    status = cli.main(["run", "Start only"])

    run_id = max(env.runs)
    assert status == 0
    assert capsys.readouterr().out == f"Agent run {run_id}: PENDING\n{env.url}/agent/trace/{run_id}\n"
    assert [r.method for r in env.requests] == ["POST"]


def test_get_prints_the_run_as_json(env: AgentApiEmulator, capsys: pytest.CaptureFixture[str]) -> None:
    seeded = env.create_run("Look at me")

    status = cli.main(["get", str(seeded.id), "--json"])

    out = capsys.readouterr().out
    assert status == 0
    assert json.loads(out) == {**json.loads(out), "id": seeded.id, "status": "ACTIVE", "result": None}


def test_get_of_a_run_that_ended_failed_exits_1(env: AgentApiEmulator, capsys: pytest.CaptureFixture[str]) -> None:
    seeded = env.create_run("Broken")
    env.set_run_status(seeded.id, "CANCELLED")

    assert cli.main(["get", str(seeded.id)]) == 1
    assert capsys.readouterr().out.startswith(f"Agent run {seeded.id}: CANCELLED\n")


def test_wait_follows_an_existing_run_to_its_end(env: AgentApiEmulator, capsys: pytest.CaptureFixture[str]) -> None:
    seeded = env.create_run("Existing")

    status = cli.main(["wait", str(seeded.id), "--json", *FAST])

    assert status == 0
    assert json.loads(capsys.readouterr().out)["status"] == "COMPLETE"


def test_flags_win_over_the_environment_and_may_follow_the_command(
    env: AgentApiEmulator, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CODEGEN_API_TOKEN", "stale-token")
    monkeypatch.setenv("CODEGEN_API_BASE_URL", "http://127.0.0.1:9")  # nothing listens there
    seeded = env.create_run("Flags")

    status = cli.main(["get", str(seeded.id), "--token", env.token, "--base-url", env.url])

    assert status == 0, capsys.readouterr().err
    assert env.requests[0].token == env.token


def test_the_token_from_the_environment_is_sent_as_a_bearer_token(
    env: AgentApiEmulator, capsys: pytest.CaptureFixture[str]
) -> None:
    seeded = env.create_run("Token")

    assert cli.main(["--org-id", str(env.org_id), "get", str(seeded.id)]) == 0
    assert env.requests[0].headers["Authorization"] == f"Bearer {env.token}"


def test_a_wait_that_times_out_exits_4_and_prints_the_last_state(
    env: AgentApiEmulator, capsys: pytest.CaptureFixture[str]
) -> None:
    seeded = env.create_run("Slow")
    env.set_run_status(seeded.id, "ACTIVE")

    assert cli.main(["wait", str(seeded.id), "--timeout", "0.2", "--json", *FAST]) == 4

    captured = capsys.readouterr()
    assert json.loads(captured.out)["status"] == "ACTIVE"
    assert f"agent run {seeded.id} is still ACTIVE after 0.2 s" in one_error_line(captured.err)


@pytest.mark.parametrize(
    ("argv", "unset", "message"),
    [
        (["get", "1"], "CODEGEN_API_TOKEN", "no API token: pass --token or set CODEGEN_API_TOKEN"),
        (["get", "1"], "CODEGEN_ORG_ID", "no organisation: pass --org-id or set CODEGEN_ORG_ID"),
        (["get", "1", "--org-id", "acme"], None, "the organisation id must be a whole number, not 'acme'"),
        (["get", "1", "--base-url", "api.codegen.com"], None, "must start with http:// or https://"),
        (["run", "x", "--timeout", "5"], None, "--timeout needs --wait"),
        (["run", "x", "--poll-interval", "5"], None, "--poll-interval needs --wait"),
        (["resume", "1", "x", "--timeout", "5"], None, "--timeout needs --wait"),
        (["logs", "1", "--timeout", "5"], None, "--timeout needs --follow"),
        (["logs", "1", "--poll-interval", "5"], None, "--poll-interval needs --follow"),
        (["list", "--limit", "0"], None, "not a number of runs (a positive number): 0"),
        (["run", "x", "--repo-id", "acme/api"], None, "not a repository id (a whole number): 'acme/api'"),
        (["wait", "1", "two"], None, "not an agent run id (a whole number): 'two'"),
        (["wait"], None, "the following arguments are required: RUN_ID"),
        (["repos"], "CODEGEN_ORG_ID", "no organisation: pass --org-id or set CODEGEN_ORG_ID (ids: codegen-agents orgs)"),
        (["wait", "1", "--timeout", "-3"], None, "must be a positive number of seconds"),
        (["wait", "1", "--timeout", "soon"], None, "not a number of seconds: 'soon'"),
        (["get", "ten"], None, "not an agent run id (a whole number): 'ten'"),
        (["get", "0"], None, "not an agent run id (a positive number): 0"),
        (["launch"], None, "invalid choice: 'launch'"),
        (["run", ""], None, "the prompt is empty or blank: say what the agent should do"),
        (["run", " \n\t "], None, "the prompt is empty or blank"),
        (["resume", "1", "   "], None, "the prompt is empty or blank"),
        (["setup-commands", "--repo-id", "101", "--prompt", ""], None, "is empty or blank"),
        (["setup-commands", "--repo-id", "101", "--prompt", "  "], None, "is empty or blank"),
        (["run"], None, "give the prompt as PROMPT, as - (read from stdin) or with --prompt-file FILE"),
        (["run", "x", "--prompt-file", "prompt.txt"], None, "give the prompt as PROMPT, as - (read from stdin)"),
        (["run", "--prompt-file", "no/such/prompt.txt"], None, "cannot read the prompt file 'no/such/prompt.txt'"),
        (["list", "--source-type", "carrier-pigeon"], None, "not a source type: 'carrier-pigeon' (one of LOCAL, SLACK"),
        (["get", "1", "--base-url", "https://api.codegen.com/v1"], None,
         "the base URL 'https://api.codegen.com/v1' ends in /v1, which the SDK adds itself: use 'https://api.codegen.com'"),
        (["get", "1", "--base-url", "https://proxy.example/codegen/V1/"], None, "use 'https://proxy.example/codegen'"),
        ([], None, "the following arguments are required: COMMAND"),
    ],
)
def test_usage_errors_exit_2_before_anything_is_sent(
    env: AgentApiEmulator, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    argv: List[str], unset: Optional[str], message: str,
) -> None:
    if unset:
        monkeypatch.delenv(unset)

    assert cli.main(argv) == 2

    captured = capsys.readouterr()
    assert captured.out == ""
    assert message in one_error_line(captured.err)
    assert env.requests == []


def test_an_unknown_run_exits_3_naming_the_answer(env: AgentApiEmulator, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["get", "987654"]) == 3

    line = one_error_line(capsys.readouterr().err)
    assert re.match(r"codegen-agents: error: the API answered 404 Not Found: .+", line)


def test_an_unreachable_api_exits_3_saying_what_was_tried(
    env: AgentApiEmulator, capsys: pytest.CaptureFixture[str]
) -> None:
    port = _free_port()  # closed again: nothing listens there

    assert cli.main(["get", "1", "--base-url", f"http://127.0.0.1:{port}"]) == 3

    line = one_error_line(capsys.readouterr().err)
    assert f"GET http://127.0.0.1:{port}/v1/organizations/{env.org_id}/agent/run/1" in line


def test_a_token_is_not_sent_over_plain_http_to_a_remote_host(
    env: AgentApiEmulator, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["get", "1", "--base-url", "http://api.codegen.example"]) == 2

    line = one_error_line(capsys.readouterr().err)
    assert "refusing to send the API token over plain http:// to api.codegen.example" in line
    assert "pass --insecure-http if this network is trusted" in line  # what a command-line user can do
    assert env.token not in line and env.requests == []


def _own_address() -> Optional[str]:
    """This machine's address on its network (not a loopback one), if it has one."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # a documentation address: no packet is sent for UDP
        except OSError:
            return None
        address = str(probe.getsockname()[0])
    return None if address.startswith("127.") or address == "0.0.0.0" else address


def test_insecure_http_sends_the_token_over_plain_http_to_another_host(capsys: pytest.CaptureFixture[str]) -> None:
    address = _own_address()
    if address is None:
        pytest.skip("this machine has no network address besides loopback")
    with AgentApiEmulator(host="0.0.0.0", rate_limits=False) as emu:
        url = f"http://{address}:{emu.port}"
        settings = ["--token", emu.token, "--org-id", str(emu.org_id), "--base-url", url]

        assert cli.main([*settings, "run", "Over the LAN"]) == 2
        assert emu.requests == []
        assert cli.main([*settings, "--insecure-http", "run", "Over the LAN"]) == 0

        assert [r.token for r in emu.requests] == [emu.token]
        assert capsys.readouterr().out.startswith(f"Agent run {max(emu.runs)}: PENDING\n")


def test_the_prompt_comes_from_stdin_with_a_dash(emulator: AgentApiEmulator) -> None:
    piped = subprocess.run(
        [sys.executable, "-m", "openapi_client", "run", "-", "--json"], input="Fix the flaky test\nin tests/\n",
        capture_output=True, text=True, env=child_env(emulator), timeout=60,
    )

    assert piped.returncode == 0, piped.stderr
    assert emulator.runs[json.loads(piped.stdout)["id"]].prompt == "Fix the flaky test\nin tests/\n"


@pytest.mark.parametrize("stdin", ["", "  \n\n\t\n"])
def test_an_empty_prompt_from_stdin_is_refused_before_anything_is_sent(emulator: AgentApiEmulator, stdin: str) -> None:
    runs = len(emulator.runs)
    piped = subprocess.run(
        [sys.executable, "-m", "openapi_client", "run", "-"], input=stdin,
        capture_output=True, text=True, env=child_env(emulator), timeout=60,
    )

    assert piped.returncode == 2
    assert "the prompt (stdin) is empty or blank" in one_error_line(piped.stderr)
    assert emulator.requests == [] and len(emulator.runs) == runs


def test_the_prompt_comes_from_a_file_and_a_resume_reads_stdin_too(
    env: AgentApiEmulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prompt = tmp_path / "prompt.txt"
    prompt.write_text("Add a --dry-run flag.\nKeep the default behaviour: écrit en UTF-8.\n", encoding="utf-8")

    assert cli.main(["run", "--prompt-file", str(prompt)]) == 0
    run_id = max(env.runs)
    monkeypatch.setattr(sys, "stdin", __import__("io").StringIO("And a test for it"))
    assert cli.main(["resume", str(run_id), "-"]) == 0

    assert env.runs[run_id].prompts == (prompt.read_text(encoding="utf-8"), "And a test for it")


def test_the_source_type_is_taken_in_any_case(env: AgentApiEmulator, capsys: pytest.CaptureFixture[str]) -> None:
    env.script_next_run(source_type="SLACK")
    slack = env.create_run("From Slack").id
    env.create_run("From the API")

    assert cli.main(["list", "--source-type", "slack", "--json"]) == 0

    assert [json.loads(line)["id"] for line in capsys.readouterr().out.splitlines()] == [slack]
    assert "source_type=SLACK" in env.requests[-1].path


def test_a_wait_on_several_runs_that_times_out_prints_every_run_then_the_error(emulator: AgentApiEmulator) -> None:
    emulator.script_next_run(statuses=["PENDING", "ACTIVE"])
    stuck = emulator.create_run("Stuck").id
    quick = emulator.create_run("Quick").id
    emulator.script_next_run(statuses=["PENDING"])
    waiting = emulator.create_run("Never starts").id

    done = subprocess.run(
        [sys.executable, "-m", "openapi_client", "wait", str(stuck), str(quick), str(waiting), "--json",
         "--timeout", "0.5", *FAST],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env=child_env(emulator), timeout=60,
    )

    *runs, error = done.stdout.splitlines()
    assert done.returncode == 4
    assert [(json.loads(line)["id"], json.loads(line)["status"]) for line in runs] == [
        (stuck, "ACTIVE"), (quick, "COMPLETE"), (waiting, "PENDING")
    ]
    assert error.startswith(f"codegen-agents: error: agent run {stuck} is still ACTIVE after 0.5 s (2 of 3 runs")


def test_help_lists_the_commands_and_the_exit_statuses(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(["--help"])

    out = capsys.readouterr().out
    assert exited.value.code == 0
    for word in ("run", "get", "wait", "list", "logs", "resume", "orgs", "me", "repos", "emulator", "--token",
                 "CODEGEN_API_BASE_URL", "4  timeout"):
        assert word in out


def test_on_a_narrow_terminal_the_list_cuts_the_summary_so_each_line_fits(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with AgentApiEmulator(rate_limits=False) as emu:
        for n in range(3):
            run = emu.create_run(f"task {n}")
            emu.set_run_status(run.id, "COMPLETE", "Done.", summary=f"Summary {n}: " + "a long account " * 20)
        for name, value in (("CODEGEN_API_TOKEN", emu.token), ("CODEGEN_ORG_ID", str(emu.org_id)),
                            ("CODEGEN_API_BASE_URL", emu.url), ("COLUMNS", "72")):
            monkeypatch.setenv(name, value)
        monkeypatch.setattr(sys.stdout, "isatty", lambda: True)

        assert cli.main(["list"]) == 0

    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4
    assert all(len(line) <= 72 for line in lines), lines
    assert all(re.search(r"Summary \d: a long account.*\u2026$", line) for line in lines[1:]), lines


def test_piped_the_list_keeps_the_whole_summary(
    env: AgentApiEmulator, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    run = env.create_run("Long")
    summary = "Summary: " + "a long account " * 20
    env.set_run_status(run.id, "COMPLETE", "Done.", summary=summary)
    monkeypatch.setenv("COLUMNS", "72")

    assert cli.main(["list", "--limit", "1"]) == 0

    assert capsys.readouterr().out.splitlines()[1].endswith(summary.strip())
