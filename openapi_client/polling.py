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
from typing import TYPE_CHECKING, Any, Callable, Dict, NamedTuple, Optional, Protocol, Set, Tuple, Type, TypeVar

from openapi_client import rate_limits
from openapi_client import retry as retry_policy
from openapi_client import run_status
from openapi_client.exceptions import AgentRunTimeoutError, ApiTypeError, ApiValueError, TooManyRequestsException
from openapi_client.models.agent_run_response import AgentRunResponse
from openapi_client.models.page_agent_run_response import PageAgentRunResponse
from openapi_client.progress import DONE, FAILED, INTERRUPTED, TIMEOUT, Progress
from openapi_client.rate_limits import pacing
from openapi_client.rate_limits.groups import LIMIT_GROUPS, pause_for
from openapi_client.rate_limits.groups import OPERATION_GROUPS as OPERATION_GROUPS
from openapi_client.rate_limits.groups import RATE_LIMIT_PAUSE as RATE_LIMIT_PAUSE
from openapi_client.rate_limits.shared import window_of
from openapi_client.rate_limits.stores import MemoryStorage

if TYPE_CHECKING:  # pragma: no cover
    from openapi_client.api.agents_api import AgentsApi
    from openapi_client.api_client import ApiClient
    from openapi_client.models.base import ApiModel
    from openapi_client.retry import RetriesSetting

logger = logging.getLogger("openapi_client")

#: Seconds before the first poll, and again after each change.
FIRST_POLL_INTERVAL = 1.0
#: The longest pause between polls while nothing changes (unless `poll_interval` is longer).
MAX_POLL_INTERVAL = 10.0
#: With a shared storage, how often a resting loop looks whether another process has read its states afresh.
SHARED_LOOK_INTERVAL = 0.2
#: How much the pause grows after each poll that saw no change.
POLL_INTERVAL_GROWTH = 1.5
#: The API's limits per token, (requests, seconds), by limit group, and the group of each operation that
#: is not a read: one table for polls and calls, `rate_limits.LIMIT_GROUPS` and `rate_limits.OPERATION_GROUPS`.
RATE_LIMITS = LIMIT_GROUPS
#: The share of each limit that polls in one process take, leaving room for the caller's own calls.
DEFAULT_POLL_BUDGETS: Dict[str, Tuple[int, float]] = {
    "create": (8, 60.0), "read": (50, 30.0), "logs": (50, 60.0),
    "setup-commands": (4, 60.0), "analyze-logs": (4, 60.0), "pr-edits": (25, 60.0), "cli-rules": (25, 60.0),
}
#: Polls per seconds that all waits against one host and token share: those of the reads.
DEFAULT_POLL_BUDGET: Tuple[int, float] = DEFAULT_POLL_BUDGETS["read"]

T = TypeVar("T")
M = TypeVar("M", bound="ApiModel")


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
    """At most `requests` polls in any window of `seconds`, handed out first come, first served, in this process.

    Slots are granted as every store grants them (`rate_limits.stores.next_slot`),
    in time order and with the stores' small margin over the window
    (`rate_limits.shared.window_of`), which absorbs the difference between
    when a poll leaves here and when the server counts it.
    """

    _KEY = "polls"  # the one budget its store keeps

    def __init__(self, requests: int, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.requests = requests
        self.seconds = seconds
        self._window = window_of(seconds)
        self._store = MemoryStorage(clock)

    def reserve(self) -> float:
        """Claim the next free slot; returns the seconds to wait before using it."""
        return self._store.reserve(self._KEY, self.requests, self._window, math.inf)

    def try_reserve(self) -> bool:
        """Claim a slot only if one is free right now; for requests worth making only when they cost no wait."""
        return self._store.reserve(self._KEY, self.requests, self._window, 0.0) <= 0.0

    def pause(self, seconds: float) -> None:
        """Grant no slot for the next `seconds` (the server said 429)."""
        self._store.pause(self._KEY, seconds)


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


def client_budget(api_client: ApiClient, group: str, org_id: Optional[int] = None) -> RateBudget:
    """The budget of `group` for the host and token that `api_client` is configured with, and `org_id`.

    With a shared `Configuration.rate_limit_storage`, it is the budget every
    call of every process sharing it takes from (`rate_limits.budget_for`);
    with ``memory://``, this process's `PollBudget` for polls.
    """
    config = api_client.configuration
    if config.rate_limit_storage != rate_limits.DEFAULT_STORAGE:
        return rate_limits.budget_for(config, group, org_id)
    return poll_budget(config.host, config.access_token, group)


def rate_limit_pause(error: TooManyRequestsException) -> float:
    """Seconds to hold every poll after a 429: the server's ``Retry-After``, else `RATE_LIMIT_PAUSE`."""
    return pause_for(error.retry_after)


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
        org_id: Optional[int] = None,
    ) -> None:
        self.budget = client_budget(api_client, group, org_id)
        # With a shared storage, the budget is kept there, and so are the states read.
        self.shared_budget = self.budget if isinstance(self.budget, rate_limits.Budget) else None
        self.shared = None if self.shared_budget is None else rate_limits.shared_values_for(
            api_client.configuration, org_id
        )
        self.watched: Dict[str, float] = {}  # shared states read since the last rest: when each was read
        self.retries = _without_429_retries(api_client.configuration.retries)
        self.first_interval = FIRST_POLL_INTERVAL if poll_interval is None else float(poll_interval)
        self.longest_interval = max(MAX_POLL_INTERVAL, self.first_interval)
        self.interval = self.first_interval
        self.timeout = timeout
        self.started = time.monotonic() if started is None else started
        self.deadline = math.inf if timeout is None else self.started + timeout
        self.timed_out = timed_out
        self.progress = Progress() if progress is None else progress

    def request(self, call: Callable[[RetriesSetting], T], take_slot: Optional[Callable[[], None]] = None) -> T:
        """`call` (given the retries for polls) made in a slot of the budget, and again after each 429.

        `take_slot` waits for the slot instead of the budget's own first-come order.
        """
        while True:
            if take_slot is None:
                self.sleep_until(time.monotonic() + self.budget.reserve())
            else:
                take_slot()
            try:
                with pacing.slot_taken():  # the transport takes no second slot from the same budget
                    return call(self.retries)
            except TooManyRequestsException as error:
                pause = rate_limit_pause(error)
                self.budget.pause(pause)
                self.progress.note(f"rate limited, next poll in {pause:g}s")

    def read(self, name: str, model: Type[M], call: Callable[[RetriesSetting], M], fresh: bool = False) -> M:
        """`request(call)`, unless a process sharing the storage read `name` within this loop's poll interval.

        What is read is kept in the storage as `name`, and any wait sharing
        it takes a kept state no older than its own poll interval: so it
        sees nothing staler than its own polls would show, and one read
        serves every process. `fresh` asks the API, and keeps its answer.
        """
        shared, budget = self.shared, self.shared_budget
        if shared is None or budget is None:
            return self.request(call)
        kept = None if fresh else self._kept(shared, name, model)
        if kept is not None:
            return kept

        def take_slot() -> None:
            # No place far back in the queue, nor a burst: the processes ahead will likely read this state for all.
            nonlocal kept
            while True:
                wait = budget.reserve(SHARED_LOOK_INTERVAL, evenly=True)
                if wait <= SHARED_LOOK_INTERVAL:
                    self.sleep_until(time.monotonic() + wait)
                    return
                self.sleep_until(time.monotonic() + SHARED_LOOK_INTERVAL)
                kept = None if fresh else self._kept(shared, name, model)
                if kept is not None:
                    return

        def fresh_or_kept(retries: RetriesSetting) -> M:
            if kept is not None:
                return kept
            answer = call(retries)
            shared.put(name, answer.to_json(), self.longest_interval)
            self.watched[name] = time.monotonic()
            return answer

        return self.request(fresh_or_kept, take_slot)

    def read_run(self, api: AgentsApi, org_id: int, agent_run_id: int) -> AgentRunResponse:
        """Run `agent_run_id`, read as `read` reads (``get_agent_run``)."""
        return self.read(
            f"run/{agent_run_id}", AgentRunResponse,
            lambda retries: api.get_agent_run(agent_run_id, org_id, _retries=retries),
        )

    def read_runs_page(
        self, api: AgentsApi, org_id: int, skip: int, limit: int, above: Optional[PageAgentRunResponse] = None,
    ) -> PageAgentRunResponse:
        """The organisation's runs from `skip`, `limit` of them, read as `read` reads (``list_agent_runs``).

        `above` is the page read just before, above this one. A page showing
        fewer runs in all was kept (by another process) before that one was
        read, and runs created since would slip between the two: it is read afresh.
        """
        name = f"runs?skip={skip}&limit={limit}"
        call = lambda retries: api.list_agent_runs(org_id, skip=skip, limit=limit, _retries=retries)  # noqa: E731
        page = self.read(name, PageAgentRunResponse, call)
        if above is not None and page.total < above.total:
            page = self.read(name, PageAgentRunResponse, call, fresh=True)
        return page

    def _kept(self, shared: rate_limits.SharedValues, name: str, model: Type[M]) -> Optional[M]:
        """The state kept as `name`, if it is no older than this loop's poll interval."""
        kept = shared.get(name)
        if kept is None or kept[1] > self.interval:
            return None
        answer = model.from_json(kept[0])
        if answer is not None:
            self.watched[name] = time.monotonic() - kept[1]
        return answer

    def rest(self, changed: bool) -> None:
        """Sleep until the next poll is due: soon after a change, a little later each time after none.

        With a shared storage, the states this loop read are looked at every
        `SHARED_LOOK_INTERVAL` meanwhile: when another process has read one
        afresh, the helper looks again at once, at no cost to the budget.
        """
        self.interval = self.next_interval(changed)
        due = time.monotonic() + self.interval
        watched, self.watched = self.watched, {}
        if self.shared is not None and watched:
            while time.monotonic() + SHARED_LOOK_INTERVAL < due:
                self.sleep_until(time.monotonic() + SHARED_LOOK_INTERVAL)
                if self._read_afresh(self.shared, watched):
                    return
        self.sleep_until(due)

    def _read_afresh(self, shared: rate_limits.SharedValues, watched: Dict[str, float]) -> bool:
        """Whether a state in `watched` (name: when it was read) has been read again since."""
        for name, read_at in watched.items():
            kept = shared.get(name)
            if kept is not None and time.monotonic() - kept[1] > read_at + 0.01:
                return True
        return False

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
    return AgentRunResponse(id=agent_run_id, organization_id=org_id)
