"""Every status a run can have, and the follow-up round trip (`resume_agent_run_and_wait`), against the emulator."""

from __future__ import annotations

import json
import logging
from urllib.parse import urlsplit

import pytest
from pydantic import ValidationError

from openapi_client import AgentsApi, run_status, testing, waiting
from openapi_client.testing import AgentApiEmulator, Fault
from openapi_client.testing.runs import AT_WORK_STATUSES

FAST = 0.01

FINAL = ["COMPLETE", "FAILED", "ERROR", "TIMEOUT", "MAX_ITERATIONS_REACHED", "OUT_OF_TOKENS", "CANCELLED", "STOPPED"]
AT_WORK = ["PENDING", "ACTIVE", "RUNNING", "EVALUATION"]


def run_gets(emu: AgentApiEmulator, run_id: int) -> int:
    return sum(1 for r in emu.requests if r.method == "GET" and urlsplit(r.path).path.endswith(f"/agent/run/{run_id}"))


def test_run_status_sorts_every_status_of_the_live_api() -> None:
    assert all(run_status.is_final(status) for status in FINAL)
    assert [run_status.category(status) for status in FINAL] == ["success"] + ["failure"] * 5 + ["halted"] * 2
    assert not any(run_status.is_final(status) or run_status.ends_wait(status) for status in AT_WORK)
    assert all(run_status.category(status) == "running" and run_status.is_known(status) for status in AT_WORK)
    assert run_status.needs_input("PAUSED") and run_status.needs_input("paused")
    assert run_status.ends_wait("PAUSED") and not run_status.is_final("PAUSED") and run_status.category("PAUSED") == "input"
    assert not run_status.needs_input("COMPLETE") and not run_status.is_known("THINKING")


def test_the_emulator_can_script_every_status_the_sdk_knows() -> None:
    known = run_status.FINAL_STATUSES | run_status.INPUT_STATUSES
    assert known - {"COMPLETED"} == set(testing.FINAL_STATUSES)
    assert run_status.IN_PROGRESS_STATUSES == set(AT_WORK_STATUSES)


@pytest.mark.parametrize("status", FINAL + ["PAUSED"])
def test_a_wait_returns_within_one_poll_of_any_end(
    emulator: AgentApiEmulator, agents_api: AgentsApi, status: str
) -> None:
    emulator.script_next_run(statuses=["PENDING", "RUNNING", "EVALUATION", status])
    created = agents_api.create_agent_run(emulator.org_id, {"prompt": "p"})

    run = agents_api.wait_for_agent_run(created.id, emulator.org_id, poll_interval=FAST, timeout=10)

    assert run.status == status
    assert run_gets(emulator, created.id) == 3  # RUNNING, EVALUATION, then the end: not one poll more
    assert run_status.needs_input(run.status) == (status == "PAUSED")


def test_at_work_statuses_raise_no_unknown_status_warning(
    emulator: AgentApiEmulator, agents_api: AgentsApi, caplog: pytest.LogCaptureFixture
) -> None:
    emulator.script_next_run(statuses=["PENDING", "RUNNING", "EVALUATION", "ACTIVE", "OUT_OF_TOKENS"])
    with caplog.at_level(logging.WARNING, logger="openapi_client"):
        run = agents_api.create_agent_run_and_wait(emulator.org_id, "tokens", poll_interval=FAST, timeout=10)
    assert run.status == "OUT_OF_TOKENS" and caplog.records == []


# -- resume_agent_run_and_wait ---------------------------------------------------------


def test_resume_and_wait_returns_the_end_of_the_follow_up(emulator: AgentApiEmulator, agents_api: AgentsApi) -> None:
    first = agents_api.create_agent_run_and_wait(emulator.org_id, "Fix the login bug", poll_interval=FAST)
    emulator.clear_requests()

    again = agents_api.resume_agent_run_and_wait(
        emulator.org_id, first.id, "Add a test too", images=["data:image/png;base64,AAAA"], poll_interval=FAST
    )

    assert (again.id, again.status) == (first.id, "COMPLETE")
    assert again.result is not None and "Add a test too" in again.result and again.result != first.result
    assert emulator.runs[first.id].prompts == ("Fix the login bug", "Add a test too")
    assert emulator.runs[first.id].images == ("data:image/png;base64,AAAA",)
    sent = [(r.method, urlsplit(r.path).path.rsplit("/", 1)[-1]) for r in emulator.requests]
    assert sent[:2] == [("GET", str(first.id)), ("POST", "resume")]  # the end before, then the resume
    assert emulator.requests[1].json() == {
        "agent_run_id": first.id, "prompt": "Add a test too", "images": ["data:image/png;base64,AAAA"]
    }


def test_resume_and_wait_does_not_take_the_old_end_a_stale_poll_shows(
    emulator: AgentApiEmulator, agents_api: AgentsApi
) -> None:
    first = agents_api.create_agent_run_and_wait(emulator.org_id, "Write the docs", poll_interval=FAST)
    stale = json.dumps(first.to_dict()).encode()
    emulator.inject(Fault.body(stale), method="GET", times=3)  # the look before, then two polls, see the old end
    seen = []

    again = agents_api.resume_agent_run_and_wait(
        emulator.org_id, first.id, "Now the changelog", poll_interval=FAST, on_update=seen.append
    )

    assert again.result is not None and "Now the changelog" in again.result
    assert [run.status for run in seen] == ["ACTIVE", "COMPLETE"]  # the answer, then the stale end, passed over
    assert seen[1].result == first.result


def test_resume_and_wait_takes_an_unchanged_end_only_after_the_grace(
    emulator: AgentApiEmulator, agents_api: AgentsApi, monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    first = agents_api.create_agent_run_and_wait(emulator.org_id, "Rename the module", poll_interval=FAST)
    old = json.dumps(first.to_dict()).encode()
    emulator.clear_requests()
    emulator.inject(Fault.body(old), method="POST")  # the resume is answered with the old end, and not acted on
    monkeypatch.setattr(waiting, "RESUME_GRACE", 0.3)

    with caplog.at_level(logging.WARNING, logger="openapi_client"):
        again = agents_api.resume_agent_run_and_wait(emulator.org_id, first.id, "And its tests", poll_interval=FAST)

    assert again.result == first.result
    assert run_gets(emulator, first.id) >= 3  # it kept looking through the grace
    assert "still shows the end it had before the resume" in caplog.text


def test_resume_and_wait_returns_a_run_that_pauses_again(emulator: AgentApiEmulator, agents_api: AgentsApi) -> None:
    emulator.script_next_run(statuses=["PENDING", "ACTIVE", "PAUSED"])
    paused = agents_api.create_agent_run_and_wait(emulator.org_id, "Ask me first", poll_interval=FAST)
    assert run_status.needs_input(paused.status)

    again = agents_api.resume_agent_run_and_wait(emulator.org_id, paused.id, "Go ahead", poll_interval=FAST)

    assert again.status == "COMPLETE" and "Go ahead" in (again.result or "")


def test_resume_and_wait_checks_its_arguments_before_sending(
    emulator: AgentApiEmulator, agents_api: AgentsApi
) -> None:
    with pytest.raises(ValidationError, match="agent_run_id"):
        agents_api.resume_agent_run_and_wait(emulator.org_id, "7", "p")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="prompt"):
        agents_api.resume_agent_run_and_wait(emulator.org_id, 7, None)  # type: ignore[arg-type]
    assert emulator.requests == []
