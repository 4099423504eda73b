"""Following a run's log as the agent writes it: the loop behind `AgentsApi.follow_agent_run_logs`.

The logs endpoint (``GET /v1/alpha/.../logs``) has a limit of its own, 60
requests per 60 s per token, so the loop

- asks only for entries it has not seen (``skip`` = entries seen so far,
  oldest first), so each entry comes once and in order, without repeats;
- takes every request from the process-wide "logs" poll budget
  (`waiting.poll_budget(..., "logs")`), shared with every other follower
  and with the log step of progress lines; a 429 pauses that budget;
- polls about `poll_interval` (1 s) apart, spreading out to 10 s while no
  new entry comes, and at once while a full page says more are waiting;
- ends once a response shows the run at an end (or ``PAUSED``, waiting for
  the user) and every entry up to that response's ``total_logs`` was given;
- takes a 404 just after the run was created as "no logs yet": it reads
  the run once (`get_agent_run`) to tell that from a run that does not
  exist, whose 404 is raised.
"""

from __future__ import annotations

import math
import time
from typing import TYPE_CHECKING, Iterator, Optional

from openapi_client import run_status, waiting
from openapi_client.api.operation import MAX_PAGE_SIZE
from openapi_client.exceptions import AgentRunTimeoutError, NotFoundException, TooManyRequestsException

if TYPE_CHECKING:  # pragma: no cover
    from openapi_client.api.agents_api import AgentsApi
    from openapi_client.models.agent_run_log_response import AgentRunLogResponse
    from openapi_client.models.agent_run_response import AgentRunResponse
    from openapi_client.models.agent_run_with_logs_response import AgentRunWithLogsResponse

#: Entries asked for per request: the most the API gives.
PAGE_SIZE = MAX_PAGE_SIZE
#: Characters of a thought shown as a step.
STEP_THOUGHT_LENGTH = 80


def step_text(entry: AgentRunLogResponse, width: int = STEP_THOUGHT_LENGTH) -> str:
    """One short line for a log entry: the tool called and the thought behind it, or what kind of step it is."""
    thought = " ".join((entry.thought or "").split())
    if len(thought) > width:
        thought = thought[: max(width - 3, 0)] + "..."
    if entry.tool_name:
        return f"{entry.tool_name}: {thought}" if thought else entry.tool_name
    return thought or (entry.message_type or "step")


def follow(
    api: AgentsApi, agent_run_id: int, org_id: int, timeout: Optional[float], poll_interval: Optional[float]
) -> Iterator[AgentRunLogResponse]:
    """Yield run `agent_run_id`'s log entries as they appear, until the run ends (see the module)."""
    from openapi_client.api.agents_alpha_api import AgentsAlphaApi

    logs_api = AgentsAlphaApi(api.api_client)
    config = api.api_client.configuration
    budget = waiting.poll_budget(config.host, config.access_token, "logs")
    retries = waiting._without_429_retries(config.retries)
    first = waiting.FIRST_POLL_INTERVAL if poll_interval is None else float(poll_interval)
    longest = max(waiting.MAX_POLL_INTERVAL, first)
    deadline = math.inf if timeout is None else time.monotonic() + timeout
    seen = 0
    interval = first
    found = False  # the run exists: its 404s mean "no logs yet"
    last: Optional[AgentRunWithLogsResponse] = None
    while True:
        _sleep_until(time.monotonic() + budget.reserve(), deadline, last, agent_run_id, org_id, timeout)
        try:
            page = logs_api.get_agent_run_logs(agent_run_id, org_id, skip=seen, limit=PAGE_SIZE, _retries=retries)
        except TooManyRequestsException as error:
            pause = waiting.RATE_LIMIT_PAUSE if error.retry_after is None else error.retry_after
            budget.pause(pause)
            continue
        except NotFoundException:
            if last is not None:
                raise  # the run was there and is gone
            if not found:
                api.get_agent_run(agent_run_id, org_id)  # raises the 404 of a run that does not exist
                found = True
            interval = min(interval * waiting.POLL_INTERVAL_GROWTH, longest)
            _sleep_until(time.monotonic() + interval, deadline, last, agent_run_id, org_id, timeout)
            continue
        last = page
        seen += len(page.logs)
        yield from page.logs
        total = page.total_logs if page.total_logs is not None else seen
        more = len(page.logs) == PAGE_SIZE and seen < total
        if more:
            continue
        if run_status.ends_wait(page.status) and seen >= total:
            return
        interval = first if page.logs else min(interval * waiting.POLL_INTERVAL_GROWTH, longest)
        _sleep_until(time.monotonic() + interval, deadline, last, agent_run_id, org_id, timeout)


def _sleep_until(
    when: float, deadline: float, last: Optional[AgentRunWithLogsResponse], agent_run_id: int, org_id: int,
    timeout: Optional[float],
) -> None:
    if when > deadline:
        time.sleep(max(0.0, deadline - time.monotonic()))
        raise AgentRunTimeoutError(_as_run(last, agent_run_id, org_id), timeout or 0.0)
    time.sleep(max(0.0, when - time.monotonic()))


def _as_run(last: Optional[AgentRunWithLogsResponse], agent_run_id: int, org_id: int) -> AgentRunResponse:
    """The last state the logs showed, as the `AgentRunResponse` a timeout carries."""
    from openapi_client.models.agent_run_response import AgentRunResponse

    if last is None:
        return AgentRunResponse(id=agent_run_id, organization_id=org_id)
    return AgentRunResponse(
        id=last.id, organization_id=last.organization_id, status=last.status, created_at=last.created_at,
        web_url=last.web_url, result=last.result,
    )
