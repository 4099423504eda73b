"""Waiting on agent runs: `AgentsApi.wait_for_agent_run` and `create_agent_run_and_wait` against the emulator."""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from pathlib import Path
from typing import Dict, List

import pytest
import urllib3

from openapi_client import (
    AgentRunResponse,
    AgentRunTimeoutError,
    AgentsApi,
    ApiClient,
    ApiTypeError,
    ApiValueError,
    Configuration,
    CreateAgentRunInput,
    polling,
    run_status,
    waiting,
)
from openapi_client.exceptions import NotFoundException
from openapi_client.testing import AgentApiEmulator, Fault

FAST = 0.01  # seconds before the first poll: the emulator moves on per poll, not per second


def gets(emu: AgentApiEmulator) -> int:
    return sum(1 for request in emu.requests if request.method == "GET")


def test_wait_returns_the_run_once_it_is_complete(emulator: AgentApiEmulator, agents_api: AgentsApi) -> None:
    seeded = emulator.create_run("Fix the flaky test")

    run = agents_api.wait_for_agent_run(seeded.id, emulator.org_id, poll_interval=FAST)

    assert isinstance(run, AgentRunResponse)
    assert (run.id, run.status) == (seeded.id, "COMPLETE")
    assert run.result is not None and "Fix the flaky test" in run.result
    assert gets(emulator) == 2  # ACTIVE, then COMPLETE: no poll after the final status


@pytest.mark.parametrize(
    "prompt_or_input",
    ["Add type hints", {"prompt": "Add type hints"}, CreateAgentRunInput(prompt="Add type hints")],
    ids=["str", "dict", "CreateAgentRunInput"],
)
def test_create_and_wait_takes_a_prompt_a_dict_or_an_input(
    emulator: AgentApiEmulator, agents_api: AgentsApi, prompt_or_input: object
) -> None:
    run = agents_api.create_agent_run_and_wait(emulator.org_id, prompt_or_input, poll_interval=FAST)  # type: ignore[arg-type]

    assert run.status == "COMPLETE"
    assert emulator.runs[run.id].prompt == "Add type hints"
    assert [r.method for r in emulator.requests] == ["POST", "GET", "GET"]


def test_a_failed_run_is_returned_not_raised(emulator: AgentApiEmulator, agents_api: AgentsApi) -> None:
    emulator.script_next_run("FAILED", result="Repository not found")

    run = agents_api.create_agent_run_and_wait(emulator.org_id, "Deploy", poll_interval=FAST)

    assert (run.status, run.result) == ("FAILED", "Repository not found")
    assert run_status.is_final(run.status) and not run_status.is_success(run.status)


@pytest.mark.parametrize("final", ["COMPLETE", "completed", "FAILED", "failed", "ERROR", "Cancelled", "STOPPED"])
def test_every_final_status_ends_the_wait_whatever_its_case(
    emulator: AgentApiEmulator, agents_api: AgentsApi, final: str
) -> None:
    emulator.script_next_run(statuses=["PENDING", "ACTIVE", final])

    run = agents_api.create_agent_run_and_wait(emulator.org_id, "Anything", poll_interval=FAST)

    assert run.status == final
    assert gets(emulator) == 2


def test_on_update_is_called_once_per_status_change(emulator: AgentApiEmulator, agents_api: AgentsApi) -> None:
    emulator.script_next_run(statuses=["PENDING", "ACTIVE", "ACTIVE", "ACTIVE", "COMPLETE"])
    seen: List[str] = []

    run = agents_api.create_agent_run_and_wait(
        emulator.org_id, "Refactor", poll_interval=FAST, on_update=lambda r: seen.append(r.status or "")
    )

    assert seen == ["PENDING", "ACTIVE", "COMPLETE"]
    assert gets(emulator) == 4
    assert run.status == "COMPLETE"


def test_timeout_raises_with_the_last_run_seen_and_leaves_the_run_alone(
    emulator: AgentApiEmulator, agents_api: AgentsApi
) -> None:
    emulator.script_next_run(statuses=["PENDING", "ACTIVE"])  # never ends

    with pytest.raises(AgentRunTimeoutError) as caught:
        agents_api.create_agent_run_and_wait(emulator.org_id, "Long job", timeout=0.3, poll_interval=FAST)

    error = caught.value
    assert error.timeout == 0.3
    assert error.run.status == "ACTIVE"
    assert error.run.web_url and error.run.web_url in str(error)
    assert "goes on" in str(error)
    assert isinstance(error, TimeoutError)
    assert {r.method for r in emulator.requests} == {"POST", "GET"}  # nothing cancels it
    assert emulator.runs[error.run.id].status == "ACTIVE"


def test_polls_spread_out_while_nothing_changes(emulator: AgentApiEmulator, agents_api: AgentsApi) -> None:
    emulator.script_next_run(statuses=["PENDING", "ACTIVE"])

    with pytest.raises(AgentRunTimeoutError):
        agents_api.create_agent_run_and_wait(emulator.org_id, "Long job", timeout=1.0, poll_interval=0.05)

    # A fixed 0.05 s interval would poll about 20 times; growing by half each time, 5 or 6.
    assert 3 <= gets(emulator) <= 8


def test_unknown_status_is_not_final_and_is_reported_once(
    emulator: AgentApiEmulator, agents_api: AgentsApi, caplog: pytest.LogCaptureFixture
) -> None:
    emulator.script_next_run(statuses=["PENDING", "EVALUATING", "EVALUATING", "EVALUATING", "COMPLETE"])
    seen: List[str] = []

    with caplog.at_level(logging.WARNING, logger="openapi_client"):
        run = agents_api.create_agent_run_and_wait(
            emulator.org_id, "Evaluate", poll_interval=FAST, on_update=lambda r: seen.append(r.status or "")
        )

    assert run.status == "COMPLETE"
    assert seen == ["PENDING", "EVALUATING", "COMPLETE"]
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "'EVALUATING'" in warnings[0] and "not final" in warnings[0]


def test_a_429_during_the_wait_is_obeyed_and_the_wait_goes_on(emulator: AgentApiEmulator) -> None:
    emulator.inject(Fault.rate_limited(retry_after="1"), method="GET")
    config = Configuration(host=emulator.url, access_token=emulator.token)  # default retries
    seeded = emulator.create_run("Rate limited")

    with ApiClient(config) as client:
        started = time.monotonic()
        run = AgentsApi(client).wait_for_agent_run(seeded.id, emulator.org_id, poll_interval=FAST)
        waited = time.monotonic() - started

    assert run.status == "COMPLETE"
    assert waited >= 1.0  # the next poll came after Retry-After
    requests = emulator.requests
    assert [r.fault is not None for r in requests] == [True, False, False]  # one 429, then two real polls


def test_a_urllib3_retry_setting_is_used_as_configured_for_polls(emulator: AgentApiEmulator) -> None:
    config = Configuration(host=emulator.url, access_token=emulator.token, retries=urllib3.Retry(0))
    seeded = emulator.create_run("urllib3")

    with ApiClient(config) as client:
        run = AgentsApi(client).wait_for_agent_run(seeded.id, emulator.org_id, poll_interval=FAST)

    assert run.status == "COMPLETE"


def test_a_long_retry_after_counts_against_the_timeout(emulator: AgentApiEmulator, agents_api: AgentsApi) -> None:
    seeded = emulator.create_run("Rate limited")
    emulator.inject(Fault.rate_limited(retry_after="30"), method="GET")

    started = time.monotonic()
    with pytest.raises(AgentRunTimeoutError) as caught:
        agents_api.wait_for_agent_run(seeded.id, emulator.org_id, timeout=0.5, poll_interval=FAST)

    assert time.monotonic() - started < 5  # not the 30 s the server asked for
    assert caught.value.run.id == seeded.id and caught.value.run.status is None  # no poll got through


def test_concurrent_waits_stay_within_the_read_rate_limit() -> None:
    # As in a program, the waits' budget is below the server's limit (50 of 60 per 30 s),
    # which leaves room for a poll that a loaded machine delays into the next window.
    waiting.set_poll_budget(4, 0.5)
    with AgentApiEmulator(read_limit=(5, 0.5), polls_to_active=1, polls_to_complete=4) as emu:
        runs = [emu.create_run(f"job {i}") for i in range(4)]
        config = Configuration(host=emu.url, access_token=emu.token)
        results: Dict[int, AgentRunResponse] = {}
        with ApiClient(config) as client:
            api = AgentsApi(client)

            def wait(run_id: int) -> None:
                results[run_id] = api.wait_for_agent_run(run_id, emu.org_id, poll_interval=FAST, timeout=20)

            threads = [threading.Thread(target=wait, args=(run.id,)) for run in runs]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()

        assert {run_id: run.status for run_id, run in results.items()} == {run.id: "COMPLETE" for run in runs}
        # Four polls each and not one more: a 429 would have shown up as an extra GET.
        assert gets(emu) == 16


def test_the_poll_budget_grants_slots_in_time_order_within_the_limit() -> None:
    now = [100.0]
    budget = waiting.PollBudget(3, 1.0, clock=lambda: now[0])

    assert [budget.reserve() for _ in range(3)] == [0.0, 0.0, 0.0]
    fourth = budget.reserve()
    assert 1.0 <= fourth <= 1.2  # the fourth waits until the first leaves the window
    budget.pause(5.0)
    assert budget.reserve() == pytest.approx(5.0)


def test_a_slot_is_tried_for_only_when_it_is_free_at_once() -> None:
    now = [100.0]
    budget = waiting.PollBudget(2, 1.0, clock=lambda: now[0])

    assert budget.try_reserve() and budget.try_reserve()
    assert not budget.try_reserve()  # both slots of this window are taken
    now[0] += 1.2
    assert [budget.reserve(), budget.reserve()] == [0.0, 0.0]
    assert budget.reserve() > 0  # a poll now waits for the next slot...
    assert not budget.try_reserve()  # ...which it has claimed
    now[0] += 5.0
    budget.pause(3.0)
    assert not budget.try_reserve()  # a 429 holds every slot
    now[0] += 3.0
    assert budget.try_reserve()


def test_waits_share_a_budget_per_host_and_token_only() -> None:
    one = waiting.poll_budget("https://api.codegen.com", "token-a")

    assert waiting.poll_budget("https://api.codegen.com", "token-a") is one
    assert waiting.poll_budget("https://api.codegen.com", "token-b") is not one
    assert waiting.poll_budget("http://127.0.0.1:8000", "token-a") is not one
    assert polling.poll_budget("https://api.codegen.com", "token-a") is one  # the loop's own module, the same budgets


def test_each_limit_group_has_budgets_of_its_own() -> None:
    host, token = "https://api.codegen.com", "token-a"
    waiting.set_poll_budget(1, 60.0, group="logs")
    logs = waiting.poll_budget(host, token, "logs")
    assert logs.reserve() == 0.0
    assert logs.reserve() >= 60.0  # the logs budget is spent...
    logs.pause(30.0)
    assert waiting.poll_budget(host, token) is waiting.poll_budget(host, token, "read")
    assert waiting.poll_budget(host, token, "read").reserve() == 0.0  # ...and reads do not wait for it
    assert waiting.poll_budget(host, token, "create").reserve() == 0.0


def test_set_poll_budget_starts_only_its_group_afresh() -> None:
    read = waiting.poll_budget("https://api.codegen.com", "token-a", "read")
    logs = waiting.poll_budget("https://api.codegen.com", "token-a", "logs")
    waiting.set_poll_budget(5, 10.0, group="logs")
    assert waiting.poll_budget("https://api.codegen.com", "token-a", "read") is read
    fresh = waiting.poll_budget("https://api.codegen.com", "token-a", "logs")
    assert fresh is not logs and (fresh.requests, fresh.seconds) == (5, 10.0)


def test_rate_limits_are_the_contracts() -> None:
    contract = json.loads((Path(__file__).resolve().parent.parent / "openapi.json").read_text())
    group = waiting.OPERATION_GROUPS
    stated = {}
    for operations in contract["paths"].values():
        for operation in operations.values():
            found = re.search(r"Rate limit: (\d+) requests per (\d+ seconds|minute)", operation["description"])
            if found:
                name = operation["operationId"].split("_v1_")[0]
                seconds = 60.0 if found.group(2) == "minute" else float(found.group(2).split()[0])
                stated.setdefault(group.get(name, "read"), set()).add((int(found.group(1)), seconds))
    assert stated == {name: {limit} for name, limit in waiting.RATE_LIMITS.items()}
    for name, (requests, seconds) in waiting.DEFAULT_POLL_BUDGETS.items():
        assert seconds == waiting.RATE_LIMITS[name][1] and requests < waiting.RATE_LIMITS[name][0]


def test_keyboard_interrupt_stops_waiting_and_says_the_run_goes_on(
    emulator: AgentApiEmulator, agents_api: AgentsApi
) -> None:
    def interrupt(run: AgentRunResponse) -> None:
        if run.status == "ACTIVE":
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt) as caught:
        agents_api.create_agent_run_and_wait(emulator.org_id, "Stop me", poll_interval=FAST, on_update=interrupt)

    run_id = max(emulator.runs)
    assert str(caught.value) == (
        f"stopped waiting for agent run {run_id}; it goes on running at {emulator.url}/agent/trace/{run_id}"
    )
    assert gets(emulator) == 1


def test_a_poll_that_fails_raises_its_api_error(emulator: AgentApiEmulator, agents_api: AgentsApi) -> None:
    with pytest.raises(NotFoundException) as caught:
        agents_api.wait_for_agent_run(999_999, emulator.org_id, poll_interval=FAST)

    assert caught.value.status == 404


@pytest.mark.parametrize(
    ("options", "error", "names"),
    [
        ({"timeout": -1}, ApiValueError, "timeout"),
        ({"timeout": "60"}, ApiTypeError, "timeout"),
        ({"timeout": True}, ApiTypeError, "timeout"),
        ({"poll_interval": 0}, ApiValueError, "poll_interval"),
        ({"poll_interval": float("nan")}, ApiValueError, "poll_interval"),
        ({"on_update": "print"}, ApiTypeError, "on_update"),
        ({"progress": "yes"}, ApiTypeError, "progress"),
    ],
)
def test_bad_wait_options_are_refused_before_anything_is_sent(
    emulator: AgentApiEmulator, agents_api: AgentsApi, options: Dict[str, object], error: type, names: str
) -> None:
    with pytest.raises(error, match=names):
        agents_api.create_agent_run_and_wait(emulator.org_id, "Never sent", **options)  # type: ignore[arg-type]
    with pytest.raises(error, match=names):
        agents_api.wait_for_agent_run(1, emulator.org_id, **options)  # type: ignore[arg-type]

    assert emulator.requests == []


def test_bad_ids_are_refused_before_anything_is_sent(emulator: AgentApiEmulator, agents_api: AgentsApi) -> None:
    import pydantic

    with pytest.raises(pydantic.ValidationError, match="agent_run_id"):
        agents_api.wait_for_agent_run("10001", emulator.org_id)  # type: ignore[arg-type]
    with pytest.raises(pydantic.ValidationError, match="org_id"):
        agents_api.create_agent_run_and_wait("1", "prompt")  # type: ignore[arg-type]

    assert emulator.requests == []


def test_set_poll_budget_refuses_nonsense() -> None:
    with pytest.raises(ApiValueError):
        waiting.set_poll_budget(0, 30)
    with pytest.raises(ApiTypeError):
        waiting.set_poll_budget(10, "30")  # type: ignore[arg-type]
    with pytest.raises(ApiValueError, match="group must be one of create, read, logs"):
        waiting.set_poll_budget(10, 30, group="writes")
