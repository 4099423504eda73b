"""The helpers over agent runs that `AgentsApi` offers beside the API's operations.

Waiting for one run or many, paging through every run, following a run's
logs and watching an organisation's runs are not operations of the contract:
they are loops of operations, and live with the loops (`waiting`,
`many_runs`, `paging`, `log_following`, `watching`). This mixin gives them
their methods on `AgentsApi`; each checks its arguments before anything is
sent, then hands over to its loop.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Dict, Iterable, Iterator, List, Optional, Union, cast

# The annotations name the models through their lazy namespaces, as the API modules do.
import openapi_client  # `openapi_client.AgentRunEvent`: `watching` is imported by the first watch, not here
from openapi_client import models
from openapi_client.arguments import MAX_PAGE_SIZE, check_enum_or_str, check_int, check_query_int
from openapi_client.exceptions import ApiTypeError

if TYPE_CHECKING:  # pragma: no cover
    from openapi_client.api.agents_api import AgentsApi

SourceType = Union["models.ApiAgentRunSourceType", str]
OnUpdate = Callable[["models.AgentRunResponse"], Any]
PromptOrInput = Union[str, "models.CreateAgentRunInput", Dict[str, Any]]


class AgentRunHelpers:
    """Waiting, paging, log following and watching, as methods of `AgentsApi`."""

    @property
    def _agents(self) -> AgentsApi:
        """This object as the `AgentsApi` it is part of, whose operations the loops call."""
        return cast("AgentsApi", self)

    # -- waiting --------------------------------------------------------------------

    def wait_for_agent_run(
        self,
        agent_run_id: int,
        org_id: int,
        *,
        timeout: Optional[float] = None,
        poll_interval: Optional[float] = None,
        on_update: Optional[OnUpdate] = None,
        progress: Optional[bool] = None,
    ) -> models.AgentRunResponse:
        """Poll the run until its status is final (``COMPLETE``, ``FAILED``...) and return it.

        Polls start about `poll_interval` (1 s) apart and spread out to 10 s
        while nothing changes, within a rate budget shared by every wait in
        the process; a 429 pauses them for its ``Retry-After``. See docs/Waiting.md.

        :param timeout: seconds to wait at most; None waits as long as the run takes.
        :param on_update: called with the run once per status change.
        :param progress: None shows progress in a notebook or on a terminal's
            stderr, False never, True always as text on stderr.
        :raises AgentRunTimeoutError: `timeout` passed; ``.run`` is the last state
            seen, and the run goes on.
        :raises KeyboardInterrupt: Ctrl-C; its message says the run goes on, and where.
        :raises ApiException: a poll failed other than by a rate limit.
        """
        check_int("wait_for_agent_run", "agent_run_id", agent_run_id)
        check_int("wait_for_agent_run", "org_id", org_id)
        from openapi_client import waiting

        options = waiting.WaitOptions(timeout, poll_interval, on_update, progress)
        return waiting.wait_for_run(self._agents, agent_run_id, org_id, options)

    def create_agent_run_and_wait(
        self,
        org_id: int,
        prompt_or_input: PromptOrInput,
        *,
        timeout: Optional[float] = None,
        poll_interval: Optional[float] = None,
        on_update: Optional[OnUpdate] = None,
        progress: Optional[bool] = None,
    ) -> models.AgentRunResponse:
        """Create a run from a prompt (a str, a dict or a `CreateAgentRunInput`) and wait for its end.

        `timeout` counts from before the run is created; the other keywords
        are those of `wait_for_agent_run`.
        """
        check_int("create_agent_run_and_wait", "org_id", org_id)
        from openapi_client import waiting

        options = waiting.WaitOptions(timeout, poll_interval, on_update, progress)
        return waiting.create_and_wait(self._agents, org_id, prompt_or_input, options)

    def resume_agent_run_and_wait(
        self,
        org_id: int,
        agent_run_id: int,
        prompt: str,
        *,
        images: Optional[List[str]] = None,
        timeout: Optional[float] = None,
        poll_interval: Optional[float] = None,
        on_update: Optional[OnUpdate] = None,
        progress: Optional[bool] = None,
    ) -> models.AgentRunResponse:
        """Resume the run with a follow-up `prompt` and wait for the end of that follow-up.

        Returns the run's NEXT end, never the one it had before the resume,
        even when the first polls still show that one: the run is read once
        before the resume to tell them apart. `images` are data URIs sent
        with the prompt; the other keywords are those of `wait_for_agent_run`.
        See docs/Waiting.md.
        """
        name = "resume_agent_run_and_wait"
        check_int(name, "org_id", org_id)
        check_int(name, "agent_run_id", agent_run_id)
        from openapi_client import waiting

        options = waiting.WaitOptions(timeout, poll_interval, on_update, progress)
        return waiting.resume_and_wait(self._agents, org_id, agent_run_id, prompt, images, options)

    def wait_for_agent_runs(
        self,
        agent_run_ids: Iterable[int],
        org_id: int,
        *,
        timeout: Optional[float] = None,
        poll_interval: Optional[float] = None,
        on_update: Optional[OnUpdate] = None,
        progress: Optional[bool] = None,
    ) -> Dict[int, models.AgentRunResponse]:
        """Wait for many runs at once; returns ``{id: final run}`` in the order given.

        Each poll cycle reads the list of the org's runs (100 per request)
        rather than each run, so runs on its first page cost one request per
        cycle whatever their number; a run further down is read by itself.
        A ``PAUSED`` run counts as done. On a timeout, `AgentRunTimeoutError.runs`
        holds the last state of each run. `progress` shows a count on a
        terminal and a table in Jupyter. See docs/Waiting.md.
        """
        name = "wait_for_agent_runs"
        if isinstance(agent_run_ids, (str, bytes)) or not isinstance(agent_run_ids, Iterable):
            raise ApiTypeError(f"{name}: agent_run_ids must be an iterable of run ids, not {type(agent_run_ids).__name__}")
        ids = list(agent_run_ids)
        for run_id in ids:
            check_int(name, "agent_run_ids", run_id)
        check_int(name, "org_id", org_id)
        from openapi_client import many_runs, waiting

        options = waiting.WaitOptions(timeout, poll_interval, on_update, progress)
        return many_runs.wait_for_runs(self._agents, ids, org_id, options) if ids else {}

    # -- many runs, and logs -----------------------------------------------------------

    def iter_agent_runs(
        self,
        org_id: int,
        *,
        user_id: Optional[int] = None,
        source_type: Optional[SourceType] = None,
        page_size: int = 100,
        limit: Optional[int] = None,
    ) -> Iterator[models.AgentRunResponse]:
        """Every run of the org, newest first, page after page as the iteration goes on.

        Lazy: taking the first few runs costs one request. Runs created while
        it pages are neither repeated nor skipped (runs are told apart by id).
        `page_size` is runs per request (1 to 100); `limit` the most runs to give.
        In Jupyter, a list of the runs (``list(api.iter_agent_runs(...))``) shows as a table.
        The arguments are checked here, before anything is sent.
        """
        name = "iter_agent_runs"
        check_query_int(name, "user_id", user_id)
        check_enum_or_str(name, "source_type", source_type, "ApiAgentRunSourceType")
        check_int(name, "page_size", page_size)
        check_query_int(name, "page_size", page_size, 1, MAX_PAGE_SIZE)
        check_query_int(name, "limit", limit, 1)
        from openapi_client import paging
        from openapi_client.progress import running_kernel

        shell = running_kernel()
        if shell is not None:  # in Jupyter, the runs collected from this show as a table
            from openapi_client.models.agent_run_list import show_lists_of_runs_as_tables

            show_lists_of_runs_as_tables(shell)
        return paging.iter_runs(self._agents, org_id, user_id, source_type, page_size, limit)

    def follow_agent_run_logs(
        self,
        agent_run_id: int,
        org_id: int,
        *,
        timeout: Optional[float] = None,
        poll_interval: Optional[float] = None,
    ) -> Iterator[models.AgentRunLogResponse]:
        """The run's log entries as the agent writes them, each once and in order, until the run ends.

        Asks only for entries not seen yet, within the process's logs budget
        (the API allows 60 logs requests per 60 s, shared by every follower),
        and waits out the 404 a new run's logs can give at first. See docs/Logs.md.

        :raises AgentRunTimeoutError: `timeout` seconds passed before the run ended.
        """
        name = "follow_agent_run_logs"
        check_int(name, "agent_run_id", agent_run_id)
        check_int(name, "org_id", org_id)
        from openapi_client import log_following
        from openapi_client.polling import WaitOptions

        WaitOptions(timeout, poll_interval)  # checks them now, not at the first next()
        return log_following.follow(self._agents, agent_run_id, org_id, timeout, poll_interval)

    def watch_agent_runs(
        self,
        org_id: int,
        *,
        poll_interval: Optional[float] = None,
        state_file: Optional[str] = None,
        stop_when_idle: bool = False,
    ) -> Iterator[openapi_client.AgentRunEvent]:
        """The organisation's runs as events: ``created``, ``status_changed``, ``pull_request_opened``, ``finished``.

        One list read per poll cycle for the runs on the first page, within the
        process's read budget. Without `state_file` the watch starts from now;
        with it, the events not yet taken and the changes made while no watcher
        ran come first, and an event counts as delivered once the next one is
        asked for. `stop_when_idle` ends the iteration once no run is at work.
        The arguments are checked here, before anything is sent. See docs/Watch.md.
        """
        check_int("watch_agent_runs", "org_id", org_id)
        from openapi_client import watching

        watching.check_options(poll_interval, state_file, stop_when_idle)
        watcher = watching.Watcher(self._agents, org_id, poll_interval=poll_interval, state_file=state_file)
        return watcher.events(stop_when_idle)
