"""`codegen-agents watch` as a child process: printing, --exec, --post, --state across kill -9, Ctrl-C.

The emulator runs in this process and the test moves its runs with
`set_run_status`; receivers are real HTTP servers on 127.0.0.1 and commands
run through the real shell.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Tuple

import pytest

from openapi_client.testing import ACTIVE, COMPLETE, AgentApiEmulator

from test.test_cli import child_env, codegen_agents, one_error_line
from test.test_watch import STILL, Receiver, list_reads

FAST = ["--poll-interval", "0.05"]


@pytest.fixture
def emu() -> Iterator[AgentApiEmulator]:
    with AgentApiEmulator(rate_limits=False, **STILL) as emulator:
        yield emulator


class Watch:
    """`codegen-agents watch ...` running in the background, its output in files."""

    def __init__(self, emu: AgentApiEmulator, tmp_path: Path, *args: str, **env: str) -> None:
        self.stdout_path = tmp_path / f"stdout-{time.monotonic_ns()}"
        self.stderr_path = tmp_path / f"stderr-{time.monotonic_ns()}"
        with open(self.stdout_path, "w") as out, open(self.stderr_path, "w") as err:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "openapi_client", "watch", *FAST, *args], stdout=out, stderr=err,
                stdin=subprocess.DEVNULL, env=child_env(emu, **env),
            )

    @property
    def stdout(self) -> str:
        return self.stdout_path.read_text()

    @property
    def stderr(self) -> str:
        return self.stderr_path.read_text()

    def wait(self, timeout: float = 30) -> int:
        return self.process.wait(timeout)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def watches() -> Iterator[List[Watch]]:
    started: List[Watch] = []
    yield started
    for watch in started:
        watch.kill()


def until(condition: Callable[[], Any], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def after_first_look(emu: AgentApiEmulator) -> None:
    """Return once the watch has had its first look answered (its second list read has arrived)."""
    until(lambda: list_reads(emu) >= 2)


def watch_a_run_finish(
    emu: AgentApiEmulator, tmp_path: Path, watches: List[Watch], *args: str, **env: str
) -> Tuple[Watch, int]:
    """A run at work, then `watch --until-idle ARGS` started, then the run completes; the watch has ended."""
    run_id = emu.create_run("Fix the login bug").id
    emu.set_run_status(run_id, ACTIVE)
    emu.clear_requests()
    watch = Watch(emu, tmp_path, "--until-idle", *args, **env)
    watches.append(watch)
    after_first_look(emu)
    emu.set_run_status(run_id, COMPLETE)
    watch.wait()
    return watch, run_id


def test_watch_prints_one_line_per_event_and_until_idle_ends_it(
    emu: AgentApiEmulator, tmp_path: Path, watches: List[Watch]
) -> None:
    watch, run_id = watch_a_run_finish(emu, tmp_path, watches)
    assert watch.process.returncode == 0, watch.stderr
    lines = watch.stdout.splitlines()
    assert len(lines) == 2
    assert "status_changed" in lines[0] and f"agent run {run_id}: ACTIVE -> COMPLETE" in lines[0]
    assert "finished" in lines[1] and "finished: COMPLETE" in lines[1]
    assert watch.stderr == ""


def test_watch_json_prints_one_event_object_per_line(
    emu: AgentApiEmulator, tmp_path: Path, watches: List[Watch]
) -> None:
    watch, run_id = watch_a_run_finish(emu, tmp_path, watches, "--json")
    assert watch.process.returncode == 0
    events = [json.loads(line) for line in watch.stdout.splitlines()]
    assert [(e["id"], e["event"], e["previous_status"]) for e in events] == [
        (f"{run_id}:status_changed:COMPLETE", "status_changed", "ACTIVE"),
        (f"{run_id}:finished:COMPLETE", "finished", "ACTIVE"),
    ]
    assert events[1]["run"]["status"] == "COMPLETE"


def test_watch_exec_runs_the_command_for_each_event_with_stdin_and_environment(
    emu: AgentApiEmulator, tmp_path: Path, watches: List[Watch]
) -> None:
    emu.script_next_run(pull_request={"url": "https://github.com/acme/app/pull/9"})
    out = tmp_path / "events"
    out.mkdir()
    command = ('cat > "$OUT/$CODEGEN_EVENT_ID.json"; printf "%s|%s|%s|%s|%s" "$CODEGEN_EVENT" "$CODEGEN_RUN_ID"'
               ' "$CODEGEN_RUN_STATUS" "$CODEGEN_RUN_URL" "$CODEGEN_PR_URL" > "$OUT/$CODEGEN_EVENT_ID.env"')
    watch, run_id = watch_a_run_finish(emu, tmp_path, watches, "--exec", command, OUT=str(out))
    assert watch.process.returncode == 0, watch.stderr
    finished = f"{run_id}:finished:COMPLETE"
    assert json.loads((out / f"{finished}.json").read_text())["event"] == "finished"
    web_url = emu.runs[run_id].web_url
    assert (out / f"{finished}.env").read_text() == (
        f"finished|{run_id}|COMPLETE|{web_url}|https://github.com/acme/app/pull/9"
    )
    assert sorted(path.name for path in out.glob("*.json")) == sorted(
        [f"{run_id}:status_changed:COMPLETE.json", f"{finished}.json"]
    )
    assert watch.stdout == ""  # the events went to the command, not to stdout


def test_watch_post_signs_with_the_secret_from_the_environment_and_never_shows_it(
    emu: AgentApiEmulator, tmp_path: Path, watches: List[Watch]
) -> None:
    receiver = Receiver()
    secret = "whsec-" + "k" * 20
    try:
        watch, run_id = watch_a_run_finish(
            emu, tmp_path, watches, "--post", receiver.url, CODEGEN_WEBHOOK_SECRET=secret
        )
        assert watch.process.returncode == 0, watch.stderr
    finally:
        receiver.close()
    assert len(receiver.received) == 2
    for headers, body, _ in receiver.received:
        signature = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
        assert headers["X-Codegen-Signature-256"] == signature
        assert headers["X-Codegen-Delivery"] == json.loads(body)["id"]
        assert headers["X-Codegen-Event"] == json.loads(body)["event"]
        assert headers["Content-Type"] == "application/json"
    assert secret not in watch.stdout + watch.stderr
    assert secret not in " ".join(watch.process.args)  # type: ignore[arg-type]


def test_the_secret_cannot_be_given_on_the_command_line(emu: AgentApiEmulator) -> None:
    refused = codegen_agents("watch", "--post", "http://127.0.0.1:9/", "--secret", "x", emu=emu)
    assert refused.returncode == 2
    assert "unrecognized arguments: --secret" in one_error_line(refused.stderr)
    helped = codegen_agents("watch", "--help", emu=emu)
    assert "CODEGEN_WEBHOOK_SECRET" in helped.stdout and "--secret" not in helped.stdout


def test_a_post_to_something_not_http_and_json_with_a_delivery_are_refused_before_anything_is_sent(emu: AgentApiEmulator) -> None:
    emu.clear_requests()
    refused = codegen_agents("watch", "--post", "ftp://example.com/hook", emu=emu)
    assert refused.returncode == 2
    assert "--post needs an http:// or https:// URL" in one_error_line(refused.stderr)
    both = codegen_agents("watch", "--exec", "cat", "--json", emu=emu)
    assert both.returncode == 2
    assert "--json prints the events, which --exec and --post deliver instead" in one_error_line(both.stderr)
    assert emu.requests == []


def test_a_receiver_error_is_retried_and_a_4xx_given_up_and_logged(
    emu: AgentApiEmulator, tmp_path: Path, watches: List[Watch]
) -> None:
    # The status change is answered 503 once, then taken; the end is refused for good with a 400.
    def answer(event: Dict[str, Any], attempt: int) -> Any:
        if event["event"] == "finished":
            return 400, 0.0
        return (503 if attempt == 1 else 200), 0.0

    receiver = Receiver(answer)
    try:
        watch, run_id = watch_a_run_finish(emu, tmp_path, watches, "--post", receiver.url)
        assert watch.process.returncode == 1  # something was given up
    finally:
        receiver.close()
    assert receiver.attempts == {f"{run_id}:status_changed:COMPLETE": 2, f"{run_id}:finished:COMPLETE": 1}
    stderr = watch.stderr
    assert "answered 503; attempt 2 of" in stderr
    assert f"gave up delivering {run_id}:finished:COMPLETE" in stderr and "answered 400" in stderr
    assert "Traceback" not in stderr


def test_after_kill_9_a_restart_delivers_what_was_missed_and_nothing_twice(
    emu: AgentApiEmulator, tmp_path: Path, watches: List[Watch]
) -> None:
    state = tmp_path / "state.json"
    log = tmp_path / "delivered.log"
    command = 'printf "%s\\n" "$CODEGEN_EVENT_ID" >> "$LOG"'
    first = Watch(emu, tmp_path, "--state", str(state), "--exec", command, LOG=str(log))
    watches.append(first)
    until(state.exists)
    one = emu.create_run("one").id
    until(lambda: log.exists() and f"{one}:created" in log.read_text())
    emu.set_run_status(one, ACTIVE)
    until(lambda: f"{one}:status_changed:ACTIVE" in log.read_text())
    until(lambda: json.loads(state.read_text())["pending"] == [])  # acknowledged and written down
    first.process.send_signal(signal.SIGKILL)
    first.process.wait()
    # While no watcher runs:
    emu.set_run_status(one, COMPLETE)
    two = emu.create_run("two").id
    emu.set_run_status(two, COMPLETE)
    second = Watch(emu, tmp_path, "--state", str(state), "--exec", command, "--until-idle", LOG=str(log))
    watches.append(second)
    assert second.wait() == 0, second.stderr
    delivered = log.read_text().splitlines()
    assert sorted(delivered) == sorted([
        f"{one}:created", f"{one}:status_changed:ACTIVE", f"{one}:status_changed:COMPLETE",
        f"{one}:finished:COMPLETE", f"{two}:created", f"{two}:finished:COMPLETE",
    ])
    third = Watch(emu, tmp_path, "--state", str(state), "--exec", command, "--until-idle", LOG=str(log))
    watches.append(third)
    assert third.wait() == 0
    assert log.read_text().splitlines() == delivered  # nothing twice


def test_an_event_whose_command_had_not_succeeded_before_kill_9_is_delivered_after_the_restart(
    emu: AgentApiEmulator, tmp_path: Path, watches: List[Watch]
) -> None:
    state = tmp_path / "state.json"
    log = tmp_path / "delivered.log"
    ready = tmp_path / "receiver-ready"
    # Fails (and is retried) until the `ready` file exists; then logs the event.
    command = 'test -e "$READY" || exit 1; printf "%s\\n" "$CODEGEN_EVENT_ID" >> "$LOG"'
    run_id = emu.create_run("r").id
    emu.set_run_status(run_id, ACTIVE)
    first = Watch(emu, tmp_path, "--state", str(state), "--exec", command, LOG=str(log), READY=str(ready))
    watches.append(first)
    until(state.exists)
    emu.set_run_status(run_id, COMPLETE)
    until(lambda: len(json.loads(state.read_text())["pending"]) == 2)
    until(lambda: "attempt 2 of" in first.stderr)  # failed once, waiting to try again
    first.process.send_signal(signal.SIGKILL)
    first.process.wait()
    ready.touch()
    second = Watch(emu, tmp_path, "--state", str(state), "--exec", command, "--until-idle", LOG=str(log),
                   READY=str(ready))
    watches.append(second)
    assert second.wait() == 0, second.stderr
    assert sorted(log.read_text().splitlines()) == [f"{run_id}:finished:COMPLETE", f"{run_id}:status_changed:COMPLETE"]
    assert json.loads(state.read_text())["pending"] == []


def test_ctrl_c_ends_the_watch_at_once_with_130_and_the_state_saved(
    emu: AgentApiEmulator, tmp_path: Path, watches: List[Watch]
) -> None:
    state = tmp_path / "state.json"
    run_id = emu.create_run("busy").id
    emu.set_run_status(run_id, ACTIVE)
    watch = Watch(emu, tmp_path, "--state", str(state), "--json")
    watches.append(watch)
    until(state.exists)
    emu.set_run_status(run_id, COMPLETE)
    until(lambda: len(watch.stdout.splitlines()) == 2)
    watch.process.send_signal(signal.SIGINT)
    assert watch.wait(timeout=10) == 130
    assert "stopped watching; what was delivered is recorded in" in one_error_line(watch.stderr)
    saved = json.loads(state.read_text())
    assert saved["pending"] == [] and saved["runs"][str(run_id)]["status"] == "COMPLETE"


def test_help_lists_pull_watch_and_the_stop_commands() -> None:
    done = codegen_agents("--help", env=child_env(None))
    for name in ("pull", "watch", "ban", "unban", "remove-from-pr"):
        assert f"    {name} " in done.stdout


def test_exec_and_post_together_each_get_every_event_and_the_state_keeps_none(
    emu: AgentApiEmulator, tmp_path: Path, watches: List[Watch]
) -> None:
    receiver = Receiver()
    log = tmp_path / "delivered.log"
    state = tmp_path / "state.json"
    try:
        watch, run_id = watch_a_run_finish(emu, tmp_path, watches, "--state", str(state), "--post", receiver.url,
                                           "--exec", 'printf "%s\\n" "$CODEGEN_EVENT_ID" >> "$LOG"', LOG=str(log))
        assert watch.process.returncode == 0, watch.stderr
    finally:
        receiver.close()
    expected = [f"{run_id}:finished:COMPLETE", f"{run_id}:status_changed:COMPLETE"]
    assert sorted(receiver.attempts) == expected
    assert sorted(log.read_text().splitlines()) == expected
    assert json.loads(state.read_text())["pending"] == []
