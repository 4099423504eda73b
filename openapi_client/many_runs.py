"""Waiting for many runs at once: the loop behind `AgentsApi.wait_for_agent_runs`.

Polling each run costs one request per run per cycle, and 50 runs would
use up the read limit (60 per 30 s) in seconds. The list of the
organisation's runs gives up to 100 runs per request, newest first, so each
cycle reads the list instead:

- it reads pages (100 runs each) from the newest, and stops at the first of:
  every awaited run still open was on the pages read; the last page; a page
  whose oldest run is older (a smaller id: ids count up) than the oldest
  awaited run still open; or `MAX_PAGES_PER_CYCLE` pages. Runs on the first
  page therefore cost ONE request per cycle, whatever their number;
- an awaited run that the pages read did not show (an old run, far down the
  list) is read by itself with `get_agent_run` from then on;
- every request takes a slot of the process's read budget (shared with every
  wait), and a 429 pauses the budget as in `waiting`;
- cycles start `poll_interval` (1 s) apart and spread out to 10 s while no
  status changes, as for one run.
"""

from __future__ import annotations

import math
import time
from typing import TYPE_CHECKING, Callable, Dict, List, Optional, Set, TypeVar

from openapi_client import run_status, waiting
from openapi_client.api.operation import MAX_PAGE_SIZE
from openapi_client.exceptions import AgentRunTimeoutError, TooManyRequestsException
from openapi_client.progress import DONE, FAILED, INTERRUPTED, TIMEOUT, group_progress_for

if TYPE_CHECKING:  # pragma: no cover
    from openapi_client.api.agents_api import AgentsApi
    from openapi_client.models.agent_run_response import AgentRunResponse

#: Runs per list request: the most the API gives.
PAGE_SIZE = MAX_PAGE_SIZE
#: List pages read per cycle at most; awaited runs further down are read one by one.
MAX_PAGES_PER_CYCLE = 3

T = TypeVar("T")


def wait_for_runs(
    api: AgentsApi, agent_run_ids: List[int], org_id: int, options: waiting.WaitOptions
) -> Dict[int, AgentRunResponse]:
    """Wait until every run in `agent_run_ids` has ended (or waits for input); their final states by id."""
    return _GroupWaiter(api, agent_run_ids, org_id, options).wait()


class _RateLimited(Exception):
    """A request of this cycle got a 429: the cycle ends, the next waits for the pause."""

    def __init__(self, pause: float) -> None:
        super().__init__(pause)
        self.pause = pause


class _GroupWaiter:
    def __init__(self, api: AgentsApi, agent_run_ids: List[int], org_id: int, options: waiting.WaitOptions) -> None:
        self.api = api
        self.ids = list(dict.fromkeys(agent_run_ids))  # in the caller's order, each once
        self.org_id = org_id
        self.timeout = options.timeout
        self.first_interval = (
            waiting.FIRST_POLL_INTERVAL if options.poll_interval is None else float(options.poll_interval)
        )
        self.max_interval = max(waiting.MAX_POLL_INTERVAL, self.first_interval)
        self.on_update = options.on_update
        self.progress = group_progress_for(self.ids, options.progress)
        self.started = time.monotonic()
        self.deadline = math.inf if self.timeout is None else self.started + self.timeout
        config = api.api_client.configuration
        self.budget = waiting.poll_budget(config.host, config.access_token, "read")
        self.retries = waiting._without_429_retries(config.retries)
        self.last: Dict[int, AgentRunResponse] = {}
        self.done: Dict[int, AgentRunResponse] = {}
        self.listed: Set[int] = set(self.ids)  # runs looked for on the list; the others are read one by one
        self.reported: Set[Optional[str]] = set()

    @property
    def open(self) -> List[int]:
        return [run_id for run_id in self.ids if run_id not in self.done]

    def wait(self) -> Dict[int, AgentRunResponse]:
        self.progress.begin(0, self.started)
        try:
            return self._loop()
        except AgentRunTimeoutError:
            self.progress.end(TIMEOUT)
            raise
        except KeyboardInterrupt:
            self.progress.end(INTERRUPTED)
            raise KeyboardInterrupt(
                f"stopped waiting for {len(self.open)} of {len(self.ids)} agent runs; they go on running"
            ) from None
        except BaseException:
            self.progress.end(FAILED)
            raise

    def _loop(self) -> Dict[int, AgentRunResponse]:
        interval = self.first_interval
        next_poll = time.monotonic()
        while self.open:
            self._sleep_until(next_poll)
            try:
                changed = self._cycle()
            except _RateLimited as limited:
                self.budget.pause(limited.pause)
                self.progress.note(f"rate limited, next poll in {limited.pause:g}s")
                next_poll = time.monotonic() + limited.pause
                continue
            interval = self.first_interval if changed else min(interval * waiting.POLL_INTERVAL_GROWTH, self.max_interval)
            next_poll = time.monotonic() + interval
        self.progress.end(DONE)
        return {run_id: self.done[run_id] for run_id in self.ids}

    def _cycle(self) -> bool:
        """One look at every open run: the list pages, then the runs the list does not show. True if a status changed."""
        fresh: Dict[int, AgentRunResponse] = {}
        wanted = {run_id for run_id in self.open if run_id in self.listed}
        skip = 0
        for _ in range(MAX_PAGES_PER_CYCLE if wanted else 0):
            page = self._request(
                lambda: self.api.list_agent_runs(self.org_id, skip=skip, limit=PAGE_SIZE, _retries=self.retries)
            )
            for run in page.items:
                if run.id in wanted:
                    fresh[run.id] = run
                    wanted.discard(run.id)
            skip += len(page.items)
            if not wanted or len(page.items) < PAGE_SIZE or skip >= page.total:
                break
            if page.items[-1].id < min(wanted):
                break  # the list has passed them: older runs come later still
        self.listed -= wanted  # not among the recent runs: read each by itself from now on
        for run_id in self.open:
            if run_id not in fresh and run_id not in self.listed:
                fresh[run_id] = self._request(
                    lambda: self.api.get_agent_run(run_id, self.org_id, _retries=self.retries)
                )
        return self._observe(fresh)

    def _request(self, call: Callable[[], T]) -> T:
        self._sleep_until(time.monotonic() + self.budget.reserve())
        try:
            return call()
        except TooManyRequestsException as error:
            raise _RateLimited(waiting.RATE_LIMIT_PAUSE if error.retry_after is None else error.retry_after) from None

    def _observe(self, fresh: Dict[int, AgentRunResponse]) -> bool:
        changed = False
        for run_id in self.open:
            run = fresh.get(run_id)
            if run is None:
                continue
            before = self.last.get(run_id)
            self.last[run_id] = run
            status = run_status.normalize(run.status)
            if before is not None and run_status.normalize(before.status) == status:
                continue
            changed = True
            if not run_status.is_known(status) and status not in self.reported:
                self.reported.add(status)
                self.progress.clear()
                waiting.logger.warning(
                    "agent run %s has status %r, which this SDK does not know; taking it as not final"
                    " and waiting on", run.id, run.status,
                )
            if self.on_update is not None:
                self.on_update(run)
            if run_status.ends_wait(status):
                self.done[run_id] = run
        self.progress.update_runs(fresh, changed)
        return changed

    def _sleep_until(self, when: float) -> None:
        if when > self.deadline:
            self._sleep_until(self.deadline)
            states = {run_id: self._last_or_placeholder(run_id) for run_id in self.ids}
            raise AgentRunTimeoutError(states[self.open[0]], self.timeout or 0.0, states)
        self.progress.sleep_until(when)

    def _last_or_placeholder(self, run_id: int) -> AgentRunResponse:
        from openapi_client.models.agent_run_response import AgentRunResponse

        return self.last.get(run_id) or AgentRunResponse(id=run_id, organization_id=self.org_id)
