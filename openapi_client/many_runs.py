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
- the requests go through a `polling.PollLoop`, as for one run: each takes
  a slot of the process's read budget (shared with every wait), a 429
  pauses that budget, and cycles start `poll_interval` (1 s) apart and
  spread out to 10 s while no status changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, List, Optional, Set

from openapi_client import run_status
from openapi_client.arguments import MAX_PAGE_SIZE
from openapi_client.exceptions import AgentRunTimeoutError
from openapi_client.models.agent_run_response import AgentRunResponse
from openapi_client.models.page_agent_run_response import PageAgentRunResponse
from openapi_client.polling import PollLoop, StatusWatch, WaitOptions, placeholder_run
from openapi_client.progress import group_progress_for

if TYPE_CHECKING:  # pragma: no cover
    from openapi_client.api.agents_api import AgentsApi

#: Runs per list request: the most the API gives.
PAGE_SIZE = MAX_PAGE_SIZE
#: List pages read per cycle at most; awaited runs further down are read one by one.
MAX_PAGES_PER_CYCLE = 3


def wait_for_runs(
    api: AgentsApi, agent_run_ids: List[int], org_id: int, options: WaitOptions
) -> Dict[int, AgentRunResponse]:
    """Wait until every run in `agent_run_ids` has ended (or waits for input); their final states by id."""
    return _ManyRunsWait(api, agent_run_ids, org_id, options).wait()


class _ManyRunsWait:
    """One wait on many runs: what it has seen of each, over a `PollLoop`."""

    def __init__(self, api: AgentsApi, agent_run_ids: List[int], org_id: int, options: WaitOptions) -> None:
        self.api = api
        self.ids = list(dict.fromkeys(agent_run_ids))  # in the caller's order, each once
        self.org_id = org_id
        self.on_update = options.on_update
        self.progress = group_progress_for(self.ids, options.progress)
        self.polls = PollLoop(
            api.api_client, "read", options.timeout, options.poll_interval, self._timed_out, progress=self.progress,
            org_id=org_id,
        )
        self.statuses = StatusWatch(self.progress)
        self.last: Dict[int, AgentRunResponse] = {}
        self.done: Dict[int, AgentRunResponse] = {}
        self.on_list: Set[int] = set(self.ids)  # runs looked for on the list; the others are read one by one
        self.listed: Dict[int, Optional[str]] = {}  # with a shared storage: the status of every run the pages showed

    @property
    def open(self) -> List[int]:
        return [run_id for run_id in self.ids if run_id not in self.done]

    def wait(self) -> Dict[int, AgentRunResponse]:
        self.progress.begin(0, self.polls.started)
        return self.polls.run(self._poll_until_all_end, self._interrupted_message)

    def _poll_until_all_end(self) -> Dict[int, AgentRunResponse]:
        while True:
            changed = self._cycle()
            if not self.open:
                return {run_id: self.done[run_id] for run_id in self.ids}
            self.polls.rest(changed)

    def _cycle(self) -> bool:
        """One look at every open run: the list pages, then the runs the list does not show.

        True if a status changed, or, with a shared storage, if any run on the
        pages changed: those pages cost the waits of other processes nothing,
        so every wait keeps the pace while the organisation's runs are moving.
        """
        fresh: Dict[int, AgentRunResponse] = {}
        wanted = {run_id for run_id in self.open if run_id in self.on_list}
        skip = 0
        moving = False
        page: Optional[PageAgentRunResponse] = None
        for _ in range(MAX_PAGES_PER_CYCLE if wanted else 0):
            page = self.polls.read_runs_page(self.api, self.org_id, skip, PAGE_SIZE, above=page)
            if self.polls.shared is not None:
                moving = self._any_changed(page.items) or moving
            for run in page.items:
                if run.id in wanted:
                    fresh[run.id] = run
                    wanted.discard(run.id)
            skip += len(page.items)
            if not wanted or len(page.items) < PAGE_SIZE or skip >= page.total:
                break
            if page.items[-1].id < min(wanted):
                break  # the list has passed them: older runs come later still
        self.on_list -= wanted  # not among the recent runs: read each by itself from now on
        for run_id in self.open:
            if run_id not in fresh and run_id not in self.on_list:
                fresh[run_id] = self.polls.read_run(self.api, self.org_id, run_id)
        return self._observe(fresh) or moving

    def _any_changed(self, runs: List[AgentRunResponse]) -> bool:
        """Whether any of `runs`, listed before, shows another status now (kept with a shared storage only)."""
        changed = False
        for run in runs:
            before = self.listed.get(run.id, run.status)
            self.listed[run.id] = run.status
            changed = changed or before != run.status
        return changed

    def _observe(self, fresh: Dict[int, AgentRunResponse]) -> bool:
        changed = False
        for run_id in self.open:  # each is in `fresh`: from the list, or read by itself
            run = fresh[run_id]
            self.last[run_id] = run
            if not self.statuses.changed(run_id, run):
                continue
            changed = True
            if self.on_update is not None:
                self.on_update(run)
            if run_status.ends_wait(run.status):
                self.done[run_id] = run
        self.progress.update_runs(fresh, changed)
        return changed

    def _timed_out(self, timeout: float) -> AgentRunTimeoutError:
        states = {run_id: self.last.get(run_id) or placeholder_run(run_id, self.org_id) for run_id in self.ids}
        return AgentRunTimeoutError(states[self.open[0]], timeout, states)

    def _interrupted_message(self) -> str:
        return f"stopped waiting for {len(self.open)} of {len(self.ids)} agent runs; they go on running"
