"""Waiting for an agent run to end: the polling loop behind `AgentsApi.wait_for_agent_run`.

A run takes minutes, the API allows 60 reads per 30 s per token, and a
process may wait on several runs at once. So the loop

- polls at an interval that starts at about 1 s and grows to 10 s while the
  status stays the same (it starts over when the status changes);
- takes every poll from a budget shared by all waits in the process against
  the same host and token (`PollBudget`, 50 polls per 30 s by default, which
  leaves room for the caller's own reads). The API counts each limit group
  (`RATE_LIMITS`: creation, reads, logs) on its own, and so do the budgets:
  one group's polls never delay another's;
- answers a 429 itself, rather than leaving it to the transport's retries:
  it pauses every wait sharing the budget for the ``Retry-After`` time, and
  that pause counts against the wait's timeout and shows in its progress.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import math
import threading
import time
from collections import deque
from typing import TYPE_CHECKING, Any, Callable, Deque, Dict, List, Optional, Set, Tuple, Union

from openapi_client import retry as retry_policy
from openapi_client import run_status
from openapi_client.exceptions import AgentRunTimeoutError, ApiTypeError, ApiValueError, TooManyRequestsException
from openapi_client.models.agent_run_response import AgentRunResponse
from openapi_client.models.create_agent_run_input import CreateAgentRunInput
from openapi_client.exceptions import ApiException, ForbiddenException, UnauthorizedException
from openapi_client.progress import DONE, FAILED, INTERRUPTED, TIMEOUT, progress_for

if TYPE_CHECKING:  # pragma: no cover
    from openapi_client.api.agents_api import AgentsApi

logger = logging.getLogger("openapi_client")

#: Seconds before the first poll, and again after each status change.
FIRST_POLL_INTERVAL = 1.0
#: The longest pause between polls of an unchanged run (unless `poll_interval` is longer).
MAX_POLL_INTERVAL = 10.0
#: How much the pause grows after each poll that saw no change.
POLL_INTERVAL_GROWTH = 1.5
#: The API's limits per token, (requests, seconds), by limit group, from the contract.
#: Getting or listing runs, users, organisations, repositories and integrations count as reads.
RATE_LIMITS: Dict[str, Tuple[int, float]] = {
    "create": (10, 60.0), "read": (60, 30.0), "logs": (60, 60.0),
    "setup-commands": (5, 60.0), "analyze-logs": (5, 60.0), "pr-edits": (30, 60.0), "cli-rules": (30, 60.0),
}
#: The share of each limit that waits in one process take, leaving room for the caller's own calls.
DEFAULT_POLL_BUDGETS: Dict[str, Tuple[int, float]] = {
    "create": (8, 60.0), "read": (50, 30.0), "logs": (50, 60.0),
    "setup-commands": (4, 60.0), "analyze-logs": (4, 60.0), "pr-edits": (25, 60.0), "cli-rules": (25, 60.0),
}
#: The group of each operation that is not a read; the two that start agent runs are retried as creation is.
OPERATION_GROUPS: Dict[str, str] = {
    "create_agent_run": "create", "get_agent_run_logs": "logs", "generate_setup_commands": "setup-commands",
    "analyze_sandbox_logs": "analyze-logs", "edit_pull_request": "pr-edits", "edit_pull_request_simple": "pr-edits",
    "get_cli_rules": "cli-rules",
}
#: Polls per seconds that all waits against one host and token share: those of the reads.
DEFAULT_POLL_BUDGET: Tuple[int, float] = DEFAULT_POLL_BUDGETS["read"]
#: Seconds to pause after a 429 that did not say how long to wait.
RATE_LIMIT_PAUSE = 5.0

OnUpdate = Callable[[AgentRunResponse], Any]
PromptOrInput = Union[str, CreateAgentRunInput, Dict[str, Any]]


class PollBudget:
    """At most `requests` polls in any window of `seconds`, handed out first come, first served.

    Slots are granted in time order, so checking the `requests`-th latest
    one is enough to keep every window within the limit. A small margin
    absorbs the difference between when a poll leaves here and when the
    server counts it.
    """

    def __init__(self, requests: int, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.requests = requests
        self.seconds = seconds
        self._window = seconds * 1.02 + 0.05
        self._clock = clock
        self._lock = threading.Lock()
        self._slots: Deque[float] = deque(maxlen=requests)
        self._not_before = -math.inf

    def reserve(self) -> float:
        """Claim the next free slot; returns the seconds to wait before using it."""
        with self._lock:
            now = self._clock()
            slot = max(now, self._not_before, self._slots[-1] if self._slots else now)
            if len(self._slots) == self.requests:
                slot = max(slot, self._slots[0] + self._window)
            self._slots.append(slot)
            return slot - now

    def try_reserve(self) -> bool:
        """Claim a slot only if one is free right now; for requests worth making only when they cost no wait."""
        with self._lock:
            now = self._clock()
            if now < self._not_before:
                return False
            if len(self._slots) == self.requests and self._slots[0] + self._window > now:
                return False
            if self._slots and self._slots[-1] > now:
                return False  # a waiting request has claimed the next slot
            self._slots.append(now)
            return True

    def pause(self, seconds: float) -> None:
        """Grant no slot for the next `seconds` (the server said 429)."""
        with self._lock:
            self._not_before = max(self._not_before, self._clock() + seconds)


_budgets_lock = threading.Lock()
_budgets: Dict[Tuple[str, str, str], PollBudget] = {}
_budget_limits: Dict[str, Tuple[int, float]] = dict(DEFAULT_POLL_BUDGETS)


def set_poll_budget(requests: int, seconds: float, group: str = "read") -> None:
    """Let all waits against one host and token poll `group` at most `requests` times per `seconds`.

    Lower it when the same token also polls from elsewhere; tests set it to
    match an emulator's smaller limit. The group's budgets start afresh.
    """
    if isinstance(requests, bool) or not isinstance(requests, int) or requests < 1:
        raise ApiValueError(f"requests must be a whole number of at least 1, not {requests!r}")
    _check_seconds("seconds", seconds)
    if group not in RATE_LIMITS:
        raise ApiValueError(f"group must be one of {', '.join(RATE_LIMITS)}, not {group!r}")
    with _budgets_lock:
        _budget_limits[group] = (requests, float(seconds))
        for key in [key for key in _budgets if key[0] == group]:
            del _budgets[key]


def poll_budget(host: str, token: Optional[str], group: str = "read") -> PollBudget:
    """The budget of limit group `group` shared by every wait against `host` with `token` in this process."""
    # Keyed by a digest so that the token itself is not kept around here.
    key = (group, host, hashlib.sha256((token or "").encode("utf-8")).hexdigest())
    with _budgets_lock:
        budget = _budgets.get(key)
        if budget is None:
            budget = _budgets[key] = PollBudget(*_budget_limits[group])
        return budget


@dataclasses.dataclass(frozen=True)
class WaitOptions:
    """How to wait: the keywords of `AgentsApi.wait_for_agent_run`, checked when made."""

    timeout: Optional[float] = None
    poll_interval: Optional[float] = None
    on_update: Optional[OnUpdate] = None
    progress: Optional[bool] = None

    def __post_init__(self) -> None:
        # Bad options are refused here, before anything is sent.
        if self.timeout is not None:
            _check_seconds("timeout", self.timeout)
        if self.poll_interval is not None:
            _check_seconds("poll_interval", self.poll_interval)
        if self.on_update is not None and not callable(self.on_update):
            raise ApiTypeError(f"on_update must be a callable taking the run, not {type(self.on_update).__name__}")
        if self.progress is not None and not isinstance(self.progress, bool):
            raise ApiTypeError(f"progress must be None, True or False, not {type(self.progress).__name__}")


def wait_for_run(api: AgentsApi, agent_run_id: int, org_id: int, options: WaitOptions) -> AgentRunResponse:
    """Poll run `agent_run_id` until its status is final and return it (see `AgentsApi.wait_for_agent_run`)."""
    return _Waiter(api, agent_run_id, org_id, options).wait(None)


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
    accept = _NextEnd(before, time.monotonic())
    return _Waiter(api, agent_run_id, org_id, options, started, accept).wait(answer)


#: Seconds an end state identical to the one before a resume must last before a resume wait takes it.
RESUME_GRACE = 60.0


class _NextEnd:
    """Tells a resumed run's next end from the end it had before the resume (see `resume_and_wait`)."""

    def __init__(self, before: AgentRunResponse, resumed: float) -> None:
        self.old = _end_marks(before) if run_status.ends_wait(before.status) else None
        self.resumed = resumed
        self.calls = 0
        self.worked = False

    def __call__(self, run: AgentRunResponse) -> bool:
        """Called with every state seen, the resume's answer first; True when `run` is the next end."""
        self.calls += 1
        if not run_status.ends_wait(run.status):
            self.worked = self.worked or self.calls > 1  # the answer alone does not prove the polls are fresh
            return False
        if self.old is None or self.worked or _end_marks(run) != self.old:
            return True
        if time.monotonic() - self.resumed >= RESUME_GRACE:
            logger.warning(
                "agent run %s still shows the end it had before the resume after %g s; taking it as the answer",
                run.id, RESUME_GRACE,
            )
            return True
        return False


def _end_marks(run: AgentRunResponse) -> Tuple[Any, ...]:
    urls = tuple(getattr(pr, "url", None) for pr in run.github_pull_requests or [])
    updated = (run.model_extra or {}).get("updated_at")
    return (run_status.normalize(run.status), run.result, run.summary, urls, updated)


def create_and_wait(
    api: AgentsApi, org_id: int, prompt_or_input: PromptOrInput, options: WaitOptions
) -> AgentRunResponse:
    """Create a run and wait for it; the timeout counts from before the run is created."""
    body = CreateAgentRunInput(prompt=prompt_or_input) if isinstance(prompt_or_input, str) else prompt_or_input
    started = time.monotonic()
    run = api.create_agent_run(org_id, body)
    return _Waiter(api, run.id, org_id, options, started).wait(run)


class _Waiter:
    """One wait: the loop and the little state it keeps between polls."""

    def __init__(
        self, api: AgentsApi, agent_run_id: int, org_id: int, options: WaitOptions, started: Optional[float] = None,
        accept: Optional[Callable[[AgentRunResponse], bool]] = None,
    ) -> None:
        self.api = api
        self.accept = accept
        self.agent_run_id = agent_run_id
        self.org_id = org_id
        self.timeout = options.timeout
        self.first_interval = FIRST_POLL_INTERVAL if options.poll_interval is None else float(options.poll_interval)
        self.max_interval = max(MAX_POLL_INTERVAL, self.first_interval)
        self.on_update = options.on_update
        self.progress = progress_for(options.progress)
        self.started = time.monotonic() if started is None else started
        self.deadline = math.inf if self.timeout is None else self.started + self.timeout
        config = api.api_client.configuration
        self.budget = poll_budget(config.host, config.access_token, "read")
        # The latest log step is shown only where it can be seen, and only from spare logs slots.
        self.steps: Optional[LatestStep] = LatestStep(api, agent_run_id, org_id) if self.progress.wants_steps else None
        self.retries = _without_429_retries(config.retries)
        self.last: Optional[AgentRunResponse] = None
        self.status: object = _NOTHING_SEEN
        self.reported: Set[Optional[str]] = set()

    def wait(self, first: Optional[AgentRunResponse]) -> AgentRunResponse:
        self.progress.begin(self.agent_run_id, self.started, first)
        try:
            return self._loop(first)
        except AgentRunTimeoutError:
            self.progress.end(TIMEOUT)
            raise
        except KeyboardInterrupt:
            self.progress.end(INTERRUPTED)
            raise KeyboardInterrupt(self._interrupted_message()) from None
        except BaseException:
            self.progress.end(FAILED)
            raise

    def _loop(self, fresh: Optional[AgentRunResponse]) -> AgentRunResponse:
        interval = self.first_interval
        next_poll = time.monotonic()
        while True:
            if fresh is not None:
                changed = self._observe(fresh)
                accepted = self.accept is None or self.accept(fresh)
                if run_status.ends_wait(fresh.status) and accepted:
                    self.progress.end(DONE)
                    return fresh
                if self.steps is not None:
                    self.progress.step(self.steps.read(fresh))
                interval = self.first_interval if changed else min(interval * POLL_INTERVAL_GROWTH, self.max_interval)
                next_poll = time.monotonic() + interval
            self._sleep_until(next_poll)
            self._sleep_until(time.monotonic() + self.budget.reserve())
            try:
                fresh = self.api.get_agent_run(self.agent_run_id, self.org_id, _retries=self.retries)
            except TooManyRequestsException as error:
                pause = RATE_LIMIT_PAUSE if error.retry_after is None else error.retry_after
                self.budget.pause(pause)
                self.progress.note(f"rate limited, next poll in {pause:g}s")
                fresh, next_poll = None, time.monotonic() + pause

    def _sleep_until(self, when: float) -> None:
        """Sleep until `when`, refreshing the progress; raise the timeout at the deadline."""
        if when > self.deadline:
            self._sleep_until(self.deadline)
            raise AgentRunTimeoutError(self._last_or_placeholder(), self.timeout or 0.0)
        self.progress.sleep_until(when)

    def _observe(self, run: AgentRunResponse) -> bool:
        """Note a fresh state of the run; tell on_update and the progress. True if the status changed."""
        self.last = run
        status = run_status.normalize(run.status)
        changed = status != self.status
        if changed:
            self.status = status
            if not run_status.is_known(status) and status not in self.reported:
                self.reported.add(status)
                self.progress.clear()
                logger.warning(
                    "agent run %s has status %r, which this SDK does not know; taking it as not final"
                    " and waiting on", run.id, run.status,
                )
        self.progress.update(run, changed)
        if changed and self.on_update is not None:
            self.on_update(run)
        return changed

    def _last_or_placeholder(self) -> AgentRunResponse:
        if self.last is not None:
            return self.last
        return AgentRunResponse(id=self.agent_run_id, organization_id=self.org_id)

    def _interrupted_message(self) -> str:
        where = f" at {self.last.web_url}" if self.last is not None and self.last.web_url else ""
        return f"stopped waiting for agent run {self.agent_run_id}; it goes on running{where}"


_NOTHING_SEEN = object()


class LatestStep:
    """The agent's latest log step for a progress line, read only when the logs budget has a slot free now.

    The status polls never wait for it: when the logs budget is busy (other
    followers, the caller's own reads) the line keeps its last step. A run
    whose logs cannot be read (403, 401) is not asked again; a 404 (logs not
    there yet) or any other failure just leaves the step as it was.
    """

    def __init__(self, api: AgentsApi, agent_run_id: int, org_id: int) -> None:
        from openapi_client.api.agents_alpha_api import AgentsAlphaApi

        config = api.api_client.configuration
        self.logs = AgentsAlphaApi(api.api_client)
        self.agent_run_id = agent_run_id
        self.org_id = org_id
        self.budget = poll_budget(config.host, config.access_token, "logs")
        self.readable = True
        self.text: Optional[str] = None

    def read(self, run: AgentRunResponse) -> Optional[str]:
        """The step to show now that the run is `run`: fresh if a logs slot is free, else the last one."""
        if not self.readable or run_status.normalize(run.status) == run_status.PENDING or not self.budget.try_reserve():
            return self.text
        from openapi_client.log_following import step_text

        try:
            page = self.logs.get_agent_run_logs(self.agent_run_id, self.org_id, limit=1, reverse=True, _retries=0)
        except (ForbiddenException, UnauthorizedException):
            self.readable = False
            return self.text
        except TooManyRequestsException as error:
            self.budget.pause(RATE_LIMIT_PAUSE if error.retry_after is None else error.retry_after)
            return self.text
        except ApiException:
            return self.text
        if page.logs:
            self.text = step_text(page.logs[0])
        return self.text


def _without_429_retries(setting: Any) -> Any:
    """The retries for polls: the configured policy, minus 429, which the loop answers itself."""
    policy = retry_policy.resolve(setting)
    if isinstance(policy, retry_policy.RetryPolicy):
        return dataclasses.replace(policy, retry_statuses=policy.retry_statuses - {429})
    return None  # a urllib3.Retry is used as configured


def _check_seconds(name: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ApiTypeError(f"{name} must be a number of seconds, not {type(value).__name__}")
    if not (0 < value < math.inf):
        raise ApiValueError(f"{name} must be a positive number of seconds, not {value!r}")
