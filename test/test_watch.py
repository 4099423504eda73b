"""Watching runs (`AgentsApi.watch_agent_runs`, `openapi_client.watching`) against the emulator.

Runs are moved with `set_run_status`, so each poll cycle sees exactly the
change a test made. Deliveries go to real HTTP servers on 127.0.0.1; the
command-line tests (restarts, kill -9, Ctrl-C) are in test_watch_cli.py.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Tuple

import pytest

from openapi_client import AgentRunEvent, AgentsApi, ApiClient, ApiTypeError, ApiValueError, Configuration, waiting
from openapi_client.testing import ACTIVE, COMPLETE, FAILED, PAUSED, AgentApiEmulator, Fault
from openapi_client.watching import Dispatcher, ExecTarget, PostTarget, Target, Watcher

FAST = 0.01


#: Runs that stay as they are until a test moves them: listing them counts as polls, which would move them on.
STILL = {"polls_to_active": 10**6, "polls_to_complete": 10**6}


@pytest.fixture
def emu() -> Iterator[AgentApiEmulator]:
    """An emulator of its own per test: runs left at work by one test must not keep another's watch busy."""
    with AgentApiEmulator(rate_limits=False, **STILL) as emulator:
        yield emulator


@pytest.fixture
def api(emu: AgentApiEmulator) -> Iterator[AgentsApi]:
    with ApiClient(Configuration(host=emu.url, access_token=emu.token, retries=0)) as client:
        yield AgentsApi(client)


def kinds(events: List[AgentRunEvent]) -> List[Tuple[int, str]]:
    return [(event.run.id, event.event) for event in events]


def list_reads(emu: AgentApiEmulator) -> int:
    return sum(1 for request in emu.requests if request.path.split("?")[0].endswith("/agent/runs"))


# -- events ----------------------------------------------------------------------------


def test_a_watch_starts_from_now_and_reports_each_change_once(emu: AgentApiEmulator, api: AgentsApi) -> None:
    old = emu.create_run("Already there").id
    emu.set_run_status(old, ACTIVE)
    watcher = Watcher(api, emu.org_id, poll_interval=FAST)
    assert watcher.poll() == []  # the first look only notes what is there
    emu.script_next_run(pull_request={"head_branch_name": "codegen-bot/x", "url": "https://github.com/a/b/pull/3"})
    new = emu.create_run("Fix the login bug").id
    created = watcher.poll()
    assert kinds(created) == [(new, "created")]
    assert created[0].id == f"{new}:created" and created[0].previous_status is None
    assert created[0].run.status == "PENDING"
    assert watcher.poll() == []  # nothing changed: nothing said
    emu.set_run_status(new, ACTIVE)
    emu.set_run_status(old, FAILED)
    changed = watcher.poll()
    assert kinds(changed) == [
        (old, "status_changed"), (old, "finished"), (new, "status_changed"), (new, "pull_request_opened"),
    ]
    assert [event.id for event in changed] == [
        f"{old}:status_changed:FAILED", f"{old}:finished:FAILED",
        f"{new}:status_changed:ACTIVE", f"{new}:pull_request_opened:{700000 + new}",
    ]
    assert changed[0].previous_status == "ACTIVE" and changed[2].previous_status == "PENDING"
    opened = changed[3]
    assert opened.pull_request is not None and opened.pull_request.head_branch_name == "codegen-bot/x"
    assert opened.pull_request_url == "https://github.com/a/b/pull/3"
    emu.set_run_status(new, COMPLETE, "Done")
    done = watcher.poll()
    assert kinds(done) == [(new, "status_changed"), (new, "finished")]
    assert done[1].run.result == "Done" and done[1].previous_status == "ACTIVE"
    assert all(event.time.tzinfo is not None for event in done)


def test_a_resumed_run_gets_new_event_ids_for_the_statuses_it_enters_again(
    emu: AgentApiEmulator, api: AgentsApi
) -> None:
    watcher = Watcher(api, emu.org_id, poll_interval=FAST)
    watcher.poll()
    run_id = emu.create_run("Work").id
    ids: List[str] = [event.id for event in watcher.poll()]
    for status in (ACTIVE, COMPLETE, ACTIVE, COMPLETE):
        emu.set_run_status(run_id, status)
        ids += [event.id for event in watcher.poll()]
    assert ids == [
        f"{run_id}:created", f"{run_id}:status_changed:ACTIVE", f"{run_id}:status_changed:COMPLETE",
        f"{run_id}:finished:COMPLETE", f"{run_id}:status_changed:ACTIVE:2", f"{run_id}:status_changed:COMPLETE:2",
        f"{run_id}:finished:COMPLETE:2",
    ]
    assert len(set(ids)) == len(ids)


def test_a_paused_run_changes_status_but_is_not_finished(emu: AgentApiEmulator, api: AgentsApi) -> None:
    watcher = Watcher(api, emu.org_id, poll_interval=FAST)
    run_id = emu.create_run("Ask me").id
    watcher.poll()
    emu.set_run_status(run_id, PAUSED)
    assert kinds(watcher.poll()) == [(run_id, "status_changed")]
    assert watcher.idle  # waiting for its user is not work


def test_the_event_json_carries_id_event_time_previous_status_run_and_pull_request(
    emu: AgentApiEmulator, api: AgentsApi
) -> None:
    watcher = Watcher(api, emu.org_id, poll_interval=FAST)
    watcher.poll()
    emu.script_next_run(pull_request=True)
    run_id = emu.create_run("Tidy").id
    watcher.poll()
    emu.set_run_status(run_id, COMPLETE)
    event = watcher.poll()[1]
    data = json.loads(event.to_json())
    assert set(data) == {"id", "event", "time", "previous_status", "run", "pull_request"}
    assert data["event"] == "pull_request_opened" and data["previous_status"] == "PENDING"
    assert data["run"]["id"] == run_id and data["run"]["status"] == "COMPLETE"
    assert data["pull_request"]["id"] == 700000 + run_id
    assert data["time"].endswith("Z")
    assert AgentRunEvent.from_dict(data) == event


# -- cost ------------------------------------------------------------------------------


def test_each_cycle_costs_one_list_read_for_the_runs_on_the_first_page(emu: AgentApiEmulator, api: AgentsApi) -> None:
    for _ in range(30):
        emu.create_run("busy")
    watcher = Watcher(api, emu.org_id, poll_interval=FAST)
    emu.clear_requests()
    for _ in range(4):
        watcher.poll()
    assert len(emu.requests) == 4 == list_reads(emu)


def test_a_run_at_work_that_left_the_first_page_is_read_by_itself(emu: AgentApiEmulator, api: AgentsApi) -> None:
    oldest = emu.create_run("long job").id
    watcher = Watcher(api, emu.org_id, poll_interval=FAST)
    watcher.poll()
    for _ in range(100):
        emu.set_run_status(emu.create_run("quick").id, COMPLETE)
    watcher.poll()
    emu.clear_requests()
    emu.set_run_status(oldest, COMPLETE)
    events = watcher.poll()
    assert (oldest, "finished") in kinds(events)
    paths = [request.path.split("?")[0] for request in emu.requests]
    assert paths == [f"/v1/organizations/{emu.org_id}/agent/runs", f"/v1/organizations/{emu.org_id}/agent/run/{oldest}"]
    emu.clear_requests()
    watcher.poll()
    assert list_reads(emu) == len(emu.requests) == 1  # ended: no longer read by itself


def test_the_watch_takes_its_reads_from_the_budget_the_process_shares(emu: AgentApiEmulator, api: AgentsApi) -> None:
    waiting.set_poll_budget(1, 30.0)
    Watcher(api, emu.org_id, poll_interval=FAST).poll()
    config = api.api_client.configuration
    assert not waiting.poll_budget(config.host, config.access_token, "read").try_reserve()


def test_a_429_pauses_the_watch_and_it_goes_on(emu: AgentApiEmulator, api: AgentsApi) -> None:
    watcher = Watcher(api, emu.org_id, poll_interval=FAST)
    watcher.poll()
    run_id = emu.create_run("x").id
    emu.inject(Fault.rate_limited("0"))
    emu.clear_requests()
    assert kinds(watcher.poll()) == [(run_id, "created")]
    assert [request.fault is not None for request in emu.requests] == [True, False]  # read again after the pause


def test_an_api_outage_is_logged_and_the_watch_goes_on(
    emu: AgentApiEmulator, api: AgentsApi, caplog: pytest.LogCaptureFixture
) -> None:
    watcher = Watcher(api, emu.org_id, poll_interval=FAST)
    watcher.poll()
    watcher.retry_after_outage = 0.0  # instead of sitting out the 10 s pause
    emu.inject(Fault.status(503))
    assert watcher.poll() == []
    assert "reading the agent runs failed" in caplog.text
    run_id = emu.create_run("x").id
    assert kinds(watcher.poll()) == [(run_id, "created")]


# -- the generator and its state ------------------------------------------------------------


def after_first_look(emu: AgentApiEmulator, change: Callable[[], None]) -> threading.Thread:
    """Make `change` once the watch has taken its first look, so that it is a change and not the start.

    The second list read has arrived once the first one was answered: a watch reads one at a time.
    """

    def wait_then_change() -> None:
        deadline = time.monotonic() + 10
        while list_reads(emu) < 2 and time.monotonic() < deadline:
            time.sleep(0.002)
        change()

    thread = threading.Thread(target=wait_then_change, daemon=True)
    thread.start()
    return thread


def test_watch_agent_runs_yields_events_and_stops_when_idle(emu: AgentApiEmulator, api: AgentsApi) -> None:
    run_id = emu.create_run("Fix it").id
    emu.set_run_status(run_id, ACTIVE)
    emu.clear_requests()
    after_first_look(emu, lambda: emu.set_run_status(run_id, COMPLETE))
    events = list(api.watch_agent_runs(emu.org_id, poll_interval=FAST, stop_when_idle=True))
    assert kinds(events) == [(run_id, "status_changed"), (run_id, "finished")]
    assert events[1].previous_status == "ACTIVE" and events[1].run.status == "COMPLETE"


def test_with_nothing_at_work_stop_when_idle_ends_after_one_look(emu: AgentApiEmulator, api: AgentsApi) -> None:
    emu.set_run_status(emu.create_run("done").id, COMPLETE)
    emu.clear_requests()
    assert list(api.watch_agent_runs(emu.org_id, stop_when_idle=True)) == []
    assert list_reads(emu) == 1


def test_a_state_file_delivers_what_changed_while_no_watch_ran_and_nothing_twice(
    emu: AgentApiEmulator, api: AgentsApi, tmp_path: Path
) -> None:
    state = str(tmp_path / "watch.json")
    first = emu.create_run("one").id
    emu.set_run_status(first, ACTIVE)
    emu.clear_requests()
    after_first_look(emu, lambda: emu.set_run_status(first, COMPLETE))
    seen = list(api.watch_agent_runs(emu.org_id, poll_interval=FAST, state_file=state, stop_when_idle=True))
    assert kinds(seen) == [(first, "status_changed"), (first, "finished")]
    # While no watcher runs: the first run is resumed, a second one is created and completes.
    emu.set_run_status(first, ACTIVE)
    second = emu.create_run("two").id
    emu.set_run_status(second, COMPLETE)
    again = api.watch_agent_runs(emu.org_id, poll_interval=FAST, state_file=state)
    assert [next(again).id for _ in range(3)] == [
        f"{first}:status_changed:ACTIVE:2", f"{second}:created", f"{second}:finished:COMPLETE",
    ]
    emu.set_run_status(first, COMPLETE)
    assert [next(again).id for _ in range(2)] == [f"{first}:status_changed:COMPLETE:2", f"{first}:finished:COMPLETE:2"]
    again.close()  # stopped before asking for more: the last event is not acknowledged
    third = list(api.watch_agent_runs(emu.org_id, poll_interval=FAST, state_file=state, stop_when_idle=True))
    assert [event.id for event in third] == [f"{first}:finished:COMPLETE:2"]
    assert list(api.watch_agent_runs(emu.org_id, poll_interval=FAST, state_file=state, stop_when_idle=True)) == []


def test_an_event_taken_but_not_acknowledged_comes_again_after_a_restart(
    emu: AgentApiEmulator, api: AgentsApi, tmp_path: Path
) -> None:
    state = str(tmp_path / "watch.json")
    assert list(api.watch_agent_runs(emu.org_id, state_file=state, stop_when_idle=True)) == []
    run_id = emu.create_run("r").id
    emu.set_run_status(run_id, COMPLETE)
    events = api.watch_agent_runs(emu.org_id, poll_interval=FAST, state_file=state, stop_when_idle=True)
    taken = next(events)
    assert taken.id == f"{run_id}:created"
    events.close()  # the consumer died while handling it
    emu.clear_requests()
    redelivered = list(api.watch_agent_runs(emu.org_id, poll_interval=FAST, state_file=state, stop_when_idle=True))
    assert [event.id for event in redelivered] == [f"{run_id}:created", f"{run_id}:finished:COMPLETE"]
    assert redelivered[0] == taken
    assert list(api.watch_agent_runs(emu.org_id, state_file=state, stop_when_idle=True)) == []


def test_the_state_file_is_replaced_whole_and_never_holds_a_token(
    emu: AgentApiEmulator, api: AgentsApi, tmp_path: Path
) -> None:
    state = tmp_path / "watch.json"
    watcher = Watcher(api, emu.org_id, poll_interval=FAST, state_file=str(state))
    watcher.poll()
    inode = state.stat().st_ino
    emu.create_run("r")
    watcher.poll()
    assert state.stat().st_ino != inode  # a new file renamed over the old one, never rewritten in place
    text = state.read_text()
    assert json.loads(text)["org_id"] == emu.org_id
    assert emu.token not in text
    assert [path.name for path in tmp_path.iterdir()] == ["watch.json"]  # no temporary file left behind


def test_bad_arguments_and_a_foreign_or_broken_state_are_refused_before_anything_is_sent(
    emu: AgentApiEmulator, api: AgentsApi, tmp_path: Path
) -> None:
    with pytest.raises(ApiValueError):
        api.watch_agent_runs(emu.org_id, poll_interval=-1)
    with pytest.raises(ApiTypeError):
        api.watch_agent_runs(emu.org_id, state_file=3)  # type: ignore[arg-type]
    with pytest.raises(ApiTypeError):
        api.watch_agent_runs(emu.org_id, stop_when_idle="yes")  # type: ignore[arg-type]
    with pytest.raises(ApiValueError, match="is not a writable directory"):
        api.watch_agent_runs(emu.org_id, state_file=str(tmp_path / "missing" / "state.json"))
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    with pytest.raises(ApiValueError, match="is not a readable watch state"):
        api.watch_agent_runs(emu.org_id, state_file=str(broken))
    other = tmp_path / "other.json"
    Watcher(api, emu.org_id, state_file=str(other)).poll()
    emu.clear_requests()
    with pytest.raises(ApiValueError, match="organisation 1, not 2"):
        api.watch_agent_runs(2, state_file=str(other))
    assert emu.requests == []


# -- delivery --------------------------------------------------------------------------------


class Receiver:
    """A real HTTP server on 127.0.0.1 that records each POST and answers as `answer` says."""

    def __init__(self, answer: Callable[[Dict[str, Any], int], Tuple[int, float]] = lambda event, n: (200, 0.0)
                 ) -> None:
        self.received: List[Tuple[Dict[str, str], bytes, float]] = []
        self.attempts: Dict[str, int] = {}
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                body = self.rfile.read(int(self.headers["Content-Length"]))
                event = json.loads(body)
                with receiver.lock:
                    receiver.attempts[event["id"]] = attempt = receiver.attempts.get(event["id"], 0) + 1
                status, delay = answer(event, attempt)
                time.sleep(delay)
                with receiver.lock:
                    receiver.received.append((dict(self.headers), body, time.monotonic()))
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receivers() -> Iterator[List[Receiver]]:
    made: List[Receiver] = []
    yield made
    for receiver in made:
        receiver.close()


def event_of(run_id: int, kind: str = "finished", status: str = "COMPLETE") -> AgentRunEvent:
    from datetime import datetime, timezone

    from openapi_client import AgentRunResponse

    run = AgentRunResponse(id=run_id, organization_id=1, status=status, web_url=f"https://codegen.com/run/{run_id}")
    return AgentRunEvent(f"{run_id}:{kind}:{status}", kind, run, "ACTIVE", datetime.now(timezone.utc))


class Outcomes:
    def __init__(self) -> None:
        self.delivered: List[str] = []
        self.given_up: List[str] = []

    def ok(self, event: AgentRunEvent, target: Target) -> None:
        self.delivered.append(event.id)

    def gave_up(self, event: AgentRunEvent, target: Target) -> None:
        self.given_up.append(event.id)


def dispatcher(targets: List[Target], outcomes: Outcomes, attempts: int = 4) -> Dispatcher:
    return Dispatcher(targets, outcomes.ok, outcomes.gave_up, attempts=attempts, first_pause=0.05, max_pause=0.2)


def test_a_post_carries_the_json_the_event_headers_and_a_github_style_signature(receivers: List[Receiver]) -> None:
    receiver = Receiver()
    receivers.append(receiver)
    outcomes = Outcomes()
    secret = "s3cret-value"
    event = event_of(10001)
    dispatch = dispatcher([PostTarget(receiver.url, secret)], outcomes)
    dispatch.submit(event)
    assert dispatch.wait(10)
    assert outcomes.delivered == [event.id]
    headers, body, _ = receiver.received[0]
    assert json.loads(body) == event.to_dict()
    assert headers["Content-Type"] == "application/json"
    assert headers["X-Codegen-Event"] == "finished"
    assert headers["X-Codegen-Delivery"] == event.id
    # What a GitHub webhook receiver does, unchanged:
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(headers["X-Codegen-Signature-256"], expected)
    assert secret not in repr(PostTarget(receiver.url, secret))


def test_without_a_secret_there_is_no_signature(receivers: List[Receiver]) -> None:
    receiver = Receiver()
    receivers.append(receiver)
    dispatch = dispatcher([PostTarget(receiver.url)], Outcomes())
    dispatch.submit(event_of(1))
    assert dispatch.wait(10)
    assert "X-Codegen-Signature-256" not in receiver.received[0][0]


@pytest.mark.parametrize("failure", [500, 503, 429])
def test_a_failed_post_is_retried_until_the_receiver_takes_it(receivers: List[Receiver], failure: int) -> None:
    receiver = Receiver(lambda event, attempt: (failure if attempt < 3 else 204, 0.0))
    receivers.append(receiver)
    outcomes = Outcomes()
    dispatch = dispatcher([PostTarget(receiver.url)], outcomes)
    dispatch.submit(event_of(1))
    assert dispatch.wait(10)
    assert outcomes.delivered == ["1:finished:COMPLETE"] and outcomes.given_up == []
    assert receiver.attempts == {"1:finished:COMPLETE": 3}
    times = [at for _, _, at in receiver.received]
    assert times[1] - times[0] >= 0.05 and times[2] - times[1] >= 0.1  # the pause doubles


def test_a_4xx_is_given_up_at_once_and_logged(receivers: List[Receiver], caplog: pytest.LogCaptureFixture) -> None:
    receiver = Receiver(lambda event, attempt: (404, 0.0))
    receivers.append(receiver)
    outcomes = Outcomes()
    dispatch = dispatcher([PostTarget(receiver.url)], outcomes)
    dispatch.submit(event_of(1))
    assert dispatch.wait(10)
    assert outcomes.given_up == ["1:finished:COMPLETE"] and receiver.attempts == {"1:finished:COMPLETE": 1}
    assert "gave up delivering 1:finished:COMPLETE" in caplog.text and "answered 404" in caplog.text


def test_an_unreachable_receiver_is_retried_then_given_up(caplog: pytest.LogCaptureFixture) -> None:
    outcomes = Outcomes()
    dispatch = dispatcher([PostTarget("http://127.0.0.1:9/hook")], outcomes, attempts=3)
    dispatch.submit(event_of(1))
    assert dispatch.wait(20)
    assert outcomes.given_up == ["1:finished:COMPLETE"]
    assert caplog.text.count("attempt ") == 2  # two retries announced, then given up


def test_a_receiver_that_hangs_on_one_event_does_not_delay_the_others(receivers: List[Receiver]) -> None:
    release = threading.Event()

    def answer(event: Dict[str, Any], attempt: int) -> Tuple[int, float]:
        if event["run"]["id"] == 1:
            release.wait(20)  # hangs on this event until the test lets it go
        return 200, 0.0

    receiver = Receiver(answer)
    receivers.append(receiver)
    outcomes = Outcomes()
    dispatch = dispatcher([PostTarget(receiver.url)], outcomes)
    dispatch.submit(event_of(1))
    for run_id in range(2, 12):
        dispatch.submit(event_of(run_id))
    deadline = time.monotonic() + 15
    while len(outcomes.delivered) < 10 and time.monotonic() < deadline:
        time.sleep(0.01)
    # Every other event went through while the first one's receiver still hangs.
    assert sorted(outcomes.delivered) == sorted(f"{n}:finished:COMPLETE" for n in range(2, 12))
    assert receiver.attempts["1:finished:COMPLETE"] == 1
    release.set()
    assert dispatch.wait(15)
    assert "1:finished:COMPLETE" in outcomes.delivered and outcomes.given_up == []


def test_exec_runs_the_command_with_the_event_on_stdin_and_in_the_environment(tmp_path: Path) -> None:
    out = tmp_path / "out"
    command = f'cat > "{out}.json"; printf "%s|%s|%s|%s|%s|%s" "$CODEGEN_EVENT" "$CODEGEN_RUN_ID" ' \
              f'"$CODEGEN_RUN_STATUS" "$CODEGEN_RUN_URL" "$CODEGEN_PR_URL" "$CODEGEN_EVENT_ID" > "{out}.env"'
    outcomes = Outcomes()
    event = event_of(10001)
    dispatch = dispatcher([ExecTarget(command)], outcomes)
    dispatch.submit(event)
    assert dispatch.wait(10)
    assert outcomes.delivered == [event.id]
    assert json.loads(Path(f"{out}.json").read_text()) == event.to_dict()
    assert Path(f"{out}.env").read_text() == (
        f"finished|10001|COMPLETE|https://codegen.com/run/10001||{event.id}"  # no PR: empty
    )


def test_a_failing_command_is_retried_and_a_slow_one_killed(tmp_path: Path) -> None:
    flag = tmp_path / "tries"
    outcomes = Outcomes()
    flaky = ExecTarget(f'echo x >> "{flag}"; test "$(wc -l < "{flag}")" -ge 2')
    dispatch = dispatcher([flaky], outcomes)
    dispatch.submit(event_of(1))
    assert dispatch.wait(10)
    assert outcomes.delivered == ["1:finished:COMPLETE"]
    assert flag.read_text().count("x") == 2
    slow = Outcomes()
    dispatch = dispatcher([ExecTarget("exec sleep 30", timeout=0.2)], slow, attempts=2)
    dispatch.submit(event_of(2))
    assert dispatch.wait(20)  # two attempts of a 30 s command: only killing them ends this in time
    assert slow.given_up == ["2:finished:COMPLETE"]
