"""`wait_for_agent_runs`: many runs waited together through the list endpoint, and what it costs.

Also the single-run progress line with the agent's latest step and the pull
request link, and the notebook card with the summary and the pull requests.
"""

from __future__ import annotations

import re
import time
from typing import Dict, Iterator, List
from urllib.parse import parse_qs, urlsplit

import pytest
from pydantic import ValidationError

from openapi_client import AgentRunResponse, AgentRunTimeoutError, AgentsApi, ApiClient, Configuration, waiting
from openapi_client.testing import AgentApiEmulator
from test.test_progress import TerminalStderr, redraws

FAST = 0.05


def sent(emu: AgentApiEmulator) -> List[str]:
    """Each request as ``list skip=N`` or ``get <id>`` (or its path)."""
    out = []
    for request in emu.requests:
        path = urlsplit(request.path).path
        if path.endswith("/agent/runs"):
            q = parse_qs(urlsplit(request.path).query)
            assert q["limit"] == ["100"]
            out.append(f"list skip={q['skip'][0]}")
        elif "/agent/run/" in path and path.rsplit("/", 1)[-1].isdigit():
            out.append(f"get {path.rsplit('/', 1)[-1]}")
        else:
            out.append(path)
    return out


@pytest.fixture
def timed() -> Iterator[AgentApiEmulator]:
    """Runs that each last between 0.2 and 1.2 s; the real read limit, creates unlimited."""
    with AgentApiEmulator(seconds_to_complete=(0.2, 1.2), random_seed=7, create_limit=None) as emu:
        yield emu


def api_for(emu: AgentApiEmulator) -> AgentsApi:
    return AgentsApi(ApiClient(Configuration(host=emu.url, access_token=emu.token, retries=0)))


def test_50_runs_on_the_first_page_cost_one_request_per_cycle(timed: AgentApiEmulator) -> None:
    ids = [timed.create_run(f"task {n}").id for n in range(50)]
    timed.clear_requests()
    changes: List[str] = []

    done = api_for(timed).wait_for_agent_runs(ids, timed.org_id, poll_interval=FAST, on_update=lambda r: changes.append(r.status or ""))

    assert list(done) == ids and all(run.status == "COMPLETE" for run in done.values())
    cycles = sent(timed)
    assert set(cycles) == {"list skip=0"}  # one list request per cycle, never a run by itself
    assert 2 <= len(cycles) <= 30  # about 1.2 s of cycles, not 50 requests per cycle
    assert changes.count("COMPLETE") == 50  # each run's end told once


def test_runs_further_down_cost_a_page_each_and_old_runs_are_read_alone(timed: AgentApiEmulator) -> None:
    old = timed.create_run("long ago").id
    for n in range(320):
        timed.create_run(f"filler {n}")
    awaited = [timed.create_run(f"mine {n}").id for n in range(10)]
    for n in range(150):
        timed.create_run(f"newer {n}")
    timed.clear_requests()

    done = api_for(timed).wait_for_agent_runs([*awaited, old], timed.org_id, poll_interval=0.3)

    assert set(done) == {*awaited, old}
    calls = sent(timed)
    # The first cycle reads the 3 pages it may, and does not find the old run there ...
    assert calls[:4] == ["list skip=0", "list skip=100", "list skip=200", f"get {old}"]
    # ... so later cycles stop at the page that showed the awaited runs, and read the old one alone.
    later: List[List[str]] = []
    for call in calls[4:]:
        if call == "list skip=0" or not later or later[-1][-1] == f"get {old}":
            later.append([call])
        else:
            later[-1].append(call)
    allowed = (["list skip=0", "list skip=100"], ["list skip=0", "list skip=100", f"get {old}"], [f"get {old}"])
    assert later and all(cycle in allowed for cycle in later), later


def test_a_paused_run_and_every_kind_of_end_count_as_done(
    emulator: AgentApiEmulator, agents_api: AgentsApi, capsys: pytest.CaptureFixture[str]
) -> None:
    statuses = ["COMPLETE", "COMPLETE", "FAILED", "OUT_OF_TOKENS", "PAUSED"]
    ids = []
    for status in statuses:
        emulator.script_next_run(statuses=["PENDING", status], seconds=0.3)
        ids.append(emulator.create_run(status.lower()).id)

    done = agents_api.wait_for_agent_runs(ids, emulator.org_id, poll_interval=FAST, progress=True)

    assert [done[i].status for i in ids] == statuses
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == "0 of 5 done (0s)"
    assert lines[-1] == "5 of 5 done: 2 COMPLETE, 1 FAILED, 1 OUT_OF_TOKENS, 1 PAUSED after 0s"


def test_the_count_is_one_line_redrawn_on_a_terminal(timed: AgentApiEmulator) -> None:
    ids = [timed.create_run(f"task {n}").id for n in range(12)]

    with TerminalStderr() as tty:
        api_for(timed).wait_for_agent_runs(ids, timed.org_id, poll_interval=FAST)

    lines = redraws(tty.screen)
    assert all("\n" not in line for line in lines[:-1])
    assert any(re.search(r"\b([1-9]|1[01]) of 12 done: \d+ COMPLETE", line) for line in lines)
    assert lines[-1].startswith("12 of 12 done: 12 COMPLETE after ")


def test_a_timeout_gives_the_last_state_of_every_run(emulator: AgentApiEmulator, agents_api: AgentsApi) -> None:
    emulator.script_next_run(statuses=["PENDING", "ACTIVE"])
    stuck = emulator.create_run("stuck").id
    emulator.script_next_run(statuses=["PENDING", "COMPLETE"])
    quick = emulator.create_run("quick").id

    with pytest.raises(AgentRunTimeoutError) as caught:
        agents_api.wait_for_agent_runs([stuck, quick], emulator.org_id, timeout=0.3, poll_interval=FAST)

    assert caught.value.run.id == stuck
    # In poll mode a listing counts as a poll of each run it shows: the quick run ended, the stuck one did not.
    assert {i: r.status for i, r in caught.value.runs.items()} == {stuck: "ACTIVE", quick: "COMPLETE"}


def test_the_cycles_take_slots_of_the_shared_read_budget(timed: AgentApiEmulator) -> None:
    waiting.set_poll_budget(2, 0.5)
    ids = [timed.create_run(f"task {n}").id for n in range(5)]
    started = time.monotonic()

    api_for(timed).wait_for_agent_runs(ids, timed.org_id, poll_interval=0.01)

    took = time.monotonic() - started
    cycles = len(sent(timed))
    assert cycles <= 2 * (took / 0.5) + 2  # no more than the budget let through


def test_nothing_to_wait_for_sends_nothing_and_bad_ids_are_refused(
    emulator: AgentApiEmulator, agents_api: AgentsApi
) -> None:
    assert agents_api.wait_for_agent_runs([], emulator.org_id) == {}
    with pytest.raises(ValidationError, match="agent_run_ids"):
        agents_api.wait_for_agent_runs([1, "2"], emulator.org_id)  # type: ignore[list-item]
    from openapi_client import ApiTypeError

    with pytest.raises(ApiTypeError, match="iterable"):
        agents_api.wait_for_agent_runs(5, emulator.org_id)  # type: ignore[arg-type]
    assert emulator.requests == []


# -- the single-run progress line: latest log step and pull request -------------------------


def test_the_live_line_shows_the_latest_step_and_the_pull_request(timed: AgentApiEmulator) -> None:
    api = api_for(timed)
    timed.script_next_run(pull_request=True, seconds=1.0)

    with TerminalStderr() as tty:
        run = api.create_agent_run_and_wait(timed.org_id, "Fix the parser", poll_interval=FAST)

    lines = redraws(tty.screen)
    pr = run.github_pull_requests[0].url if run.github_pull_requests else None
    assert pr is not None
    steps = {m.group(1) for line in lines if (m := re.search(r"\| (\w+):", line))}
    assert steps & {"ripgrep_search", "view_file", "edit_file", "run_command", "create_pr"}
    assert lines[-1].rstrip().endswith(f"PR {pr}")


def test_the_log_step_never_delays_a_status_poll(timed: AgentApiEmulator) -> None:
    waiting.set_poll_budget(1, 60.0, group="logs")  # one logs request in the whole wait
    api = api_for(timed)
    timed.script_next_run(seconds=0.8)

    with TerminalStderr() as tty:
        started = time.monotonic()
        run = api.create_agent_run_and_wait(timed.org_id, "Quick", poll_interval=FAST)

    assert run.status == "COMPLETE" and time.monotonic() - started < 3
    paths = [urlsplit(r.path).path for r in timed.requests]
    assert sum(p.endswith("/logs") for p in paths) == 1
    assert sum(p.endswith(f"/agent/run/{run.id}") for p in paths) >= 5  # the polls went on without it
    assert "| " in tty.screen


def test_the_card_shows_the_summary_and_escaped_pull_request_links(
    emulator: AgentApiEmulator, agents_api: AgentsApi
) -> None:
    emulator.script_next_run(
        summary="<img src=x onerror=alert(1)> fixed",
        pull_request={"title": "<script>alert(1)</script>", "url": "https://github.com/acme/api/pull/7"},
    )
    run = agents_api.create_agent_run_and_wait(emulator.org_id, "Card", poll_interval=0.01)
    evil = AgentRunResponse.from_dict({
        **run.to_dict(), "github_pull_requests": [{"id": 1, "title": "x", "url": "javascript:alert(1)", "created_at": "2024-01-01"}],
    })

    card = run._repr_html_()
    assert "&lt;img src=x onerror=alert(1)&gt; fixed" in card and "<img" not in card
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in card and "<script" not in card
    assert 'href="https://github.com/acme/api/pull/7"' in card
    assert "javascript:" not in re.findall(r'href="([^"]*)"', evil._repr_html_())
    assert "javascript:alert(1)" in evil._repr_html_()  # shown as text, not a link
    markdown = run._repr_markdown_()
    assert "(https://github.com/acme/api/pull/7)" in markdown and "<script>" not in markdown
    assert "&lt;img src=x onerror=alert\\(1\\)&gt; fixed" in markdown


def test_a_429_pauses_the_cycles_and_the_wait_goes_on(
    emulator: AgentApiEmulator, agents_api: AgentsApi, capsys: pytest.CaptureFixture[str]
) -> None:
    from openapi_client.testing import Fault

    emulator.script_next_run(statuses=["PENDING", "COMPLETE"], seconds=0.2)
    run_id = emulator.create_run("limited").id
    emulator.inject(Fault.rate_limited(retry_after="1"), method="GET")
    started = time.monotonic()

    done = agents_api.wait_for_agent_runs([run_id], emulator.org_id, poll_interval=FAST, progress=True)

    assert done[run_id].status == "COMPLETE" and time.monotonic() - started >= 1
    assert "rate limited, next poll in 1s" in capsys.readouterr().err


def test_unknown_statuses_are_warned_about_once_and_ctrl_c_says_the_runs_go_on(
    emulator: AgentApiEmulator, agents_api: AgentsApi, caplog: pytest.LogCaptureFixture
) -> None:
    ids = []
    for _ in range(2):
        emulator.script_next_run(statuses=["PENDING", "THINKING"], seconds=0.1)
        ids.append(emulator.create_run("think").id)
    seen: List[str] = []

    def interrupt(run: AgentRunResponse) -> None:
        seen.append(run.status or "")
        if seen.count("THINKING") == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt, match="stopped waiting for 2 of 2 agent runs; they go on running"):
        agents_api.wait_for_agent_runs(ids, emulator.org_id, poll_interval=FAST, on_update=interrupt)

    assert caplog.text.count("which this SDK does not know") == 1
