"""Waiting for one agent run to end: `wait_for_agent_run`, `create_agent_run_and_wait`, `resume_agent_run_and_wait`.

The polls go through `polling.PollLoop`: paced from about 1 s to 10 s,
within the read budget that every wait in the process shares, with 429s
answered by pausing that budget (see `openapi_client.polling`). The budget's
names (`PollBudget`, `set_poll_budget`, `RATE_LIMITS`...) can be imported
from here as well.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple, Union

from openapi_client import run_status
from openapi_client.exceptions import AgentRunTimeoutError
from openapi_client.log_following import LatestStep
from openapi_client.models.agent_run_response import AgentRunResponse
from openapi_client.models.create_agent_run_input import CreateAgentRunInput
from openapi_client.polling import (
    DEFAULT_POLL_BUDGET,
    DEFAULT_POLL_BUDGETS,
    FIRST_POLL_INTERVAL,
    MAX_POLL_INTERVAL,
    OPERATION_GROUPS,
    POLL_INTERVAL_GROWTH,
    RATE_LIMIT_PAUSE,
    RATE_LIMITS,
    OnUpdate,
    PollBudget,
    PollLoop,
    StatusWatch,
    WaitOptions,
    placeholder_run,
    poll_budget,
    set_poll_budget,
)
from openapi_client.progress import progress_for

if TYPE_CHECKING:  # pragma: no cover
    from openapi_client.api.agents_api import AgentsApi

__all__ = [
    "DEFAULT_POLL_BUDGET",
    "DEFAULT_POLL_BUDGETS",
    "FIRST_POLL_INTERVAL",
    "MAX_POLL_INTERVAL",
    "OPERATION_GROUPS",
    "POLL_INTERVAL_GROWTH",
    "RATE_LIMIT_PAUSE",
    "RATE_LIMITS",
    "RESUME_GRACE",
    "LatestStep",
    "OnUpdate",
    "PollBudget",
    "PromptOrInput",
    "WaitOptions",
    "create_and_wait",
    "poll_budget",
    "resume_and_wait",
    "set_poll_budget",
    "wait_for_run",
]

logger = logging.getLogger("openapi_client")

#: Seconds an end state identical to the one before a resume must last before a resume wait takes it.
RESUME_GRACE = 60.0

PromptOrInput = Union[str, CreateAgentRunInput, Dict[str, Any]]


def wait_for_run(api: AgentsApi, agent_run_id: int, org_id: int, options: WaitOptions) -> AgentRunResponse:
    """Poll run `agent_run_id` until its status is final and return it (see `AgentsApi.wait_for_agent_run`)."""
    return _RunWait(api, agent_run_id, org_id, options).wait(None)


def create_and_wait(
    api: AgentsApi, org_id: int, prompt_or_input: PromptOrInput, options: WaitOptions
) -> AgentRunResponse:
    """Create a run and wait for it; the timeout counts from before the run is created."""
    body = CreateAgentRunInput(prompt=prompt_or_input) if isinstance(prompt_or_input, str) else prompt_or_input
    started = time.monotonic()
    run = api.create_agent_run(org_id, body)
    return _RunWait(api, run.id, org_id, options, started).wait(run)


def resume_and_wait(
    api: AgentsApi, org_id: int, agent_run_id: int, prompt: str, images: Optional[List[str]], options: WaitOptions
) -> AgentRunResponse:
    """Resume the run with `prompt` and wait for the end of that follow-up (see `AgentsApi.resume_agent_run_and_wait`).

    The run was at an end before, and a poll soon after the resume can still
    show that old end. So the run is read once before the resume, and an end
    counts only when it differs from that one (status, result, summary, pull
    requests, an ``updated_at`` if the API sends one), when a poll saw the run
    at work since the resume, or when it stayed the same for `RESUME_GRACE`
    seconds (then the API ignored the resume; a warning says so).
    """
    from openapi_client.models.resume_agent_run_input import ResumeAgentRunInput

    body = ResumeAgentRunInput(agent_run_id=agent_run_id, prompt=prompt, images=images)
    started = time.monotonic()
    before = api.get_agent_run(agent_run_id, org_id)
    answer = api.resume_agent_run(org_id, body)
    follow_up = _FollowUpEnd(before, time.monotonic())
    return _RunWait(api, agent_run_id, org_id, options, started, follow_up).wait(answer)


class _FollowUpEnd:
    """Tells the end of a resumed run's follow-up from the end the run had before the resume."""

    def __init__(self, before: AgentRunResponse, resumed_at: float) -> None:
        self.end_before = _end_fingerprint(before) if run_status.ends_wait(before.status) else None
        self.resumed_at = resumed_at
        self.states_seen = 0
        self.seen_at_work = False

    def reached(self, run: AgentRunResponse) -> bool:
        """Told every state seen, the resume's answer first; True when `run` is the follow-up's end."""
        self.states_seen += 1
        if not run_status.ends_wait(run.status):
            # The resume's answer alone does not prove that the polls are fresh.
            self.seen_at_work = self.seen_at_work or self.states_seen > 1
            return False
        if self.end_before is None or self.seen_at_work or _end_fingerprint(run) != self.end_before:
            return True
        if time.monotonic() - self.resumed_at >= RESUME_GRACE:
            logger.warning(
                "agent run %s still shows the end it had before the resume after %g s; taking it as the answer",
                run.id, RESUME_GRACE,
            )
            return True
        return False


def _end_fingerprint(run: AgentRunResponse) -> Tuple[Any, ...]:
    """What tells two ends of a run apart."""
    urls = tuple(getattr(pr, "url", None) for pr in run.github_pull_requests or [])
    updated = (run.model_extra or {}).get("updated_at")
    return (run_status.normalize(run.status), run.result, run.summary, urls, updated)


class _RunWait:
    """One wait on one run: what it has seen, over a `PollLoop`."""

    def __init__(
        self, api: AgentsApi, agent_run_id: int, org_id: int, options: WaitOptions, started: Optional[float] = None,
        follow_up: Optional[_FollowUpEnd] = None,
    ) -> None:
        self.api = api
        self.agent_run_id = agent_run_id
        self.org_id = org_id
        self.follow_up = follow_up
        self.on_update = options.on_update
        self.progress = progress_for(options.progress)
        self.polls = PollLoop(
            api.api_client, "read", options.timeout, options.poll_interval, self._timed_out,
            progress=self.progress, started=started, org_id=org_id,
        )
        self.statuses = StatusWatch(self.progress)
        # The latest log step is shown only where it can be seen, and only from spare logs slots.
        self.steps = LatestStep(api, agent_run_id, org_id) if self.progress.wants_steps else None
        self.last: Optional[AgentRunResponse] = None

    def wait(self, first: Optional[AgentRunResponse]) -> AgentRunResponse:
        """Poll until the run's end, starting from `first` if a create or resume just gave the run."""
        self.progress.begin(self.agent_run_id, self.polls.started, first)
        return self.polls.run(lambda: self._poll_until_the_end(first), self._interrupted_message)

    def _poll_until_the_end(self, first: Optional[AgentRunResponse]) -> AgentRunResponse:
        run = self._poll() if first is None else first
        while True:
            changed = self._observe(run)
            if self._is_the_end(run):
                return run
            if self.steps is not None:
                self.progress.step(self.steps.read(run))
            self.polls.rest(changed)
            run = self._poll()

    def _poll(self) -> AgentRunResponse:
        return self.polls.read_run(self.api, self.org_id, self.agent_run_id)

    def _observe(self, run: AgentRunResponse) -> bool:
        """Note a fresh state of the run; tell the progress and on_update. True if the status changed."""
        self.last = run
        changed = self.statuses.changed(self.agent_run_id, run)
        self.progress.update(run, changed)
        if changed and self.on_update is not None:
            self.on_update(run)
        return changed

    def _is_the_end(self, run: AgentRunResponse) -> bool:
        is_follow_up_end = self.follow_up is None or self.follow_up.reached(run)  # told every state
        return run_status.ends_wait(run.status) and is_follow_up_end

    def _timed_out(self, timeout: float) -> AgentRunTimeoutError:
        last = self.last if self.last is not None else placeholder_run(self.agent_run_id, self.org_id)
        return AgentRunTimeoutError(last, timeout)

    def _interrupted_message(self) -> str:
        where = f" at {self.last.web_url}" if self.last is not None and self.last.web_url else ""
        return f"stopped waiting for agent run {self.agent_run_id}; it goes on running{where}"
