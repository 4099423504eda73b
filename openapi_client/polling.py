"""The poll loop under every helper over runs: waits, many-run waits and log following.

A run takes minutes, the API allows 60 reads per 30 s per token, and a
process may follow several runs at once. So every helper polls through a
`PollLoop`, which

- paces the polls: `FIRST_POLL_INTERVAL` (1 s) apart at first, each pause
  1.5 times the one before while nothing changes, up to 10 s, and back to
  the first after a change;
- takes every request from a budget shared by all polls against the same
  host and token (`PollBudget`: for reads 50 per 30 s by default, which
  leaves room for the caller's own calls). The API counts each limit group
  (`RATE_LIMITS`: creation, reads, logs, setup commands...) on its own, and so do the budgets:
  one group's polls never delay another's;
- answers a 429 itself, rather than leaving it to the transport's retries:
  it pauses every poll sharing the budget for the ``Retry-After`` time, and
  that pause counts against the wait's timeout and shows in its progress;
- raises `AgentRunTimeoutError` when the next poll would come after the
  deadline, and says on Ctrl-C that the runs go on.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import math
import threading
import time
from collections import deque
from typing import TYPE_CHECKING, Any, Callable, Deque, Dict, NamedTuple, Optional, Protocol, Set, Tuple, TypeVar

from openapi_client import retry as retry_policy
from openapi_client import run_status
from openapi_client.exceptions import AgentRunTimeoutError, ApiTypeError, ApiValueError, TooManyRequestsException
from openapi_client.progress import DONE, FAILED, INTERRUPTED, TIMEOUT, Progress

if TYPE_CHECKING:  # pragma: no cover
    from openapi_client.api_client import ApiClient
    from openapi_client.models.agent_run_response import AgentRunResponse
    from openapi_client.retry import RetriesSetting

logger = logging.getLogger("openapi_client")

#: Seconds before the first poll, and again after each change.
FIRST_POLL_INTERVAL = 1.0
#: The longest pause between polls while nothing changes (unless `poll_interval` is longer).
MAX_POLL_INTERVAL = 10.0
#: How much the pause grows after each poll that saw no change.
POLL_INTERVAL_GROWTH = 1.5
#: The API's limits per token, (requests, seconds), by limit group, from the contract.
#: Getting or listing runs, users, organisations, repositories and integrations count as reads.
RATE_LIMITS: Dict[str, Tuple[int, float]] = {
    "create": (10, 60.0), "read": (60, 30.0), "logs": (60, 60.0),
    "setup-commands": (5, 60.0), "analyze-logs": (5, 60.0), "pr-edits": (30, 60.0), "cli-rules": (30, 60.0),
}
#: The share of each limit that polls in one process take, leaving room for the caller's own calls.
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

T = TypeVar("T")


# -- the budget ---------------------------------------------------------------------------


class RateBudget(Protocol):
    """What a poll loop asks of a budget. `PollBudget` keeps one in this process."""

    def reserve(self) -> float:
        """Claim the next free slot; returns the seconds to wait before using it."""

    def try_reserve(self) -> bool:
        """Claim a slot only if one is free right now."""

    def pause(self, seconds: float) -> None:
        """Grant no slot for the next `seconds`."""


class BudgetKey(NamedTuple):
    """Whose budget a request takes from: the API counts per token and limit group.

    The token is kept as a digest only, so no budget holds it.
    """

    group: str
    host: str
    token_hash: str

    @classmethod
    def of(cls, host: str, token: Optional[str], group: str) -> BudgetKey:
        return cls(group, host, hashlib.sha256((token or "").encode("utf-8")).hexdigest())


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
_budgets: Dict[BudgetKey, PollBudget] = {}
_budget_limits: Dict[str, Tuple[int, float]] = dict(DEFAULT_POLL_BUDGETS)


def set_poll_budget(requests: int, seconds: float, group: str = "read") -> None:
    """Let all polls against one host and token take at most `requests` of `group` per `seconds`.

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
        for key in [key for key in _budgets if key.group == group]:
            del _budgets[key]


def poll_budget(host: str, token: Optional[str], group: str = "read") -> PollBudget:
    """The budget of limit group `group` shared by every poll against `host` with `token` in this process."""
    key = BudgetKey.of(host, token, group)
    with _budgets_lock:
        budget = _budgets.get(key)
        if budget is None:
            budget = _budgets[key] = PollBudget(*_budget_limits[group])
        return budget


def client_budget(api_client: ApiClient, group: str) -> PollBudget:
    """The budget of `group` for the host and token that `api_client` is configured with."""
    config = api_client.configuration
    return poll_budget(config.host, config.access_token, group)


def rate_limit_pause(error: TooManyRequestsException) -> float:
    """Seconds to hold every poll after a 429: the server's ``Retry-After``, else `RATE_LIMIT_PAUSE`."""
    return RATE_LIMIT_PAUSE if error.retry_after is None else error.retry_after


def _without_429_retries(setting: RetriesSetting) -> RetriesSetting:
    """The retries for polls: the configured policy minus 429, which the poll loop answers itself."""
    policy = retry_policy.resolve(setting)
    if isinstance(policy, retry_policy.RetryPolicy):
        return dataclasses.replace(policy, retry_statuses=policy.retry_statuses - {429})
    return None  # a urllib3.Retry is used as configured


# -- how to wait ---------------------------------------------------------------------------

OnUpdate = Callable[["AgentRunResponse"], Any]


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


def _check_seconds(name: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ApiTypeError(f"{name} must be a number of seconds, not {type(value).__name__}")
    if not (0 < value < math.inf):
        raise ApiValueError(f"{name} must be a positive number of seconds, not {value!r}")


# -- the loop ------------------------------------------------------------------------------


class PollLoop:
    """When the polls of one wait (or one log follower) go out, and what stops them.

    The helper asks for each request through `request` and, after a poll,
    says through `rest` whether anything changed; the loop takes the budget
    slots, sleeps, answers 429s and keeps the deadline. Sleeps go through
    `progress`, which refreshes what it shows meanwhile.

    :param group: the limit group the polls count against (``"read"``, ``"logs"``).
    :param timed_out: builds the `AgentRunTimeoutError` raised at the
        deadline, from the timeout; it carries the helper's last states.
    :param started: when the wait began (`time.monotonic`), if before now:
        the timeout counts from there.
    """

    def __init__(
        self,
        api_client: ApiClient,
        group: str,
        timeout: Optional[float],
        poll_interval: Optional[float],
        timed_out: Callable[[float], AgentRunTimeoutError],
        *,
        progress: Optional[Progress] = None,
        started: Optional[float] = None,
    ) -> None:
        self.budget: RateBudget = client_budget(api_client, group)
        self.retries = _without_429_retries(api_client.configuration.retries)
        self.first_interval = FIRST_POLL_INTERVAL if poll_interval is None else float(poll_interval)
        self.longest_interval = max(MAX_POLL_INTERVAL, self.first_interval)
        self.interval = self.first_interval
        self.timeout = timeout
        self.started = time.monotonic() if started is None else started
        self.deadline = math.inf if timeout is None else self.started + timeout
        self.timed_out = timed_out
        self.progress = Progress() if progress is None else progress

    def request(self, call: Callable[[RetriesSetting], T]) -> T:
        """`call` (given the retries for polls) made in a slot of the budget, and again after each 429."""
        while True:
            self.sleep_until(time.monotonic() + self.budget.reserve())
            try:
                return call(self.retries)
            except TooManyRequestsException as error:
                pause = rate_limit_pause(error)
                self.budget.pause(pause)
                self.progress.note(f"rate limited, next poll in {pause:g}s")

    def rest(self, changed: bool) -> None:
        """Sleep until the next poll is due: soon after a change, a little later each time after none."""
        self.interval = self.next_interval(changed)
        self.sleep_until(time.monotonic() + self.interval)

    def next_interval(self, changed: bool) -> float:
        if changed:
            return self.first_interval
        return min(self.interval * POLL_INTERVAL_GROWTH, self.longest_interval)

    def sleep_until(self, when: float) -> None:
        """Sleep until `when` (monotonic); at the deadline instead if that comes first, then time out."""
        if when > self.deadline:
            self.progress.sleep_until(self.deadline)
            raise self.timed_out(self.timeout or 0.0)
        self.progress.sleep_until(when)

    def run(self, wait: Callable[[], T], interrupted: Callable[[], str]) -> T:
        """`wait()`, with the progress ended however it ends; Ctrl-C raises `interrupted()` as its message."""
        try:
            result = wait()
        except AgentRunTimeoutError:
            self.progress.end(TIMEOUT)
            raise
        except KeyboardInterrupt:
            self.progress.end(INTERRUPTED)
            raise KeyboardInterrupt(interrupted()) from None
        except BaseException:
            self.progress.end(FAILED)
            raise
        self.progress.end(DONE)
        return result


class StatusWatch:
    """The last status of each run a wait sees, to tell changes; a status this SDK does not know is logged once."""

    _NOTHING_SEEN = object()

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.statuses: Dict[int, object] = {}
        self.reported: Set[Optional[str]] = set()

    def changed(self, agent_run_id: int, run: AgentRunResponse) -> bool:
        """Whether `run`, a fresh state of run `agent_run_id`, is the first seen or has a new status."""
        status = run_status.normalize(run.status)
        if self.statuses.get(agent_run_id, self._NOTHING_SEEN) == status:
            return False
        self.statuses[agent_run_id] = status
        if not run_status.is_known(status) and status not in self.reported:
            self.reported.add(status)
            self.progress.clear()
            logger.warning(
                "agent run %s has status %r, which this SDK does not know; taking it as not final and waiting on",
                run.id, run.status,
            )
        return True


def placeholder_run(agent_run_id: int, org_id: int) -> AgentRunResponse:
    """What a timeout carries for a run no poll has shown yet: only its id and organisation."""
    from openapi_client.models.agent_run_response import AgentRunResponse

    return AgentRunResponse(id=agent_run_id, organization_id=org_id)
