"""A run's log as the agent writes it: `AgentsApi.follow_agent_run_logs`, and the latest step for progress lines.

The logs endpoint (``GET /v1/alpha/.../logs``) has a limit of its own, 60
requests per 60 s per token, so a follower

- asks only for entries it has not seen (``skip`` = entries seen so far,
  oldest first), so each entry comes once and in order, without repeats;
- polls through a `polling.PollLoop` on the process-wide "logs" budget,
  shared with every other follower and with the latest step of progress
  lines: about `poll_interval` (1 s) apart, spreading out to 10 s while no
  new entry comes, and at once while a full page says more are waiting;
  a 429 pauses that budget;
- ends once a response shows the run at an end (or ``PAUSED``, waiting for
  the user) and every entry up to that response's ``total_logs`` was given;
- takes a 404 just after the run was created as "no logs yet": it reads
  the run once (`get_agent_run`) to tell that from a run that does not
  exist, whose 404 is raised.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator, Optional

from openapi_client import run_status
from openapi_client.api.agents_alpha_api import AgentsAlphaApi
from openapi_client.arguments import MAX_PAGE_SIZE
from openapi_client.exceptions import (
    AgentRunTimeoutError,
    ApiException,
    ForbiddenException,
    NotFoundException,
    TooManyRequestsException,
    UnauthorizedException,
)
from openapi_client.models.agent_run_response import AgentRunResponse
from openapi_client.polling import PollLoop, client_budget, placeholder_run, rate_limit_pause
from openapi_client.rate_limits import pacing

if TYPE_CHECKING:  # pragma: no cover
    from openapi_client.api.agents_api import AgentsApi
    from openapi_client.models.agent_run_log_response import AgentRunLogResponse
    from openapi_client.models.agent_run_with_logs_response import AgentRunWithLogsResponse
    from openapi_client.retry import RetriesSetting

#: Entries asked for per request: the most the API gives.
PAGE_SIZE = MAX_PAGE_SIZE
#: Characters of a thought shown as a step.
STEP_THOUGHT_LENGTH = 80


def follow(
    api: AgentsApi, agent_run_id: int, org_id: int, timeout: Optional[float], poll_interval: Optional[float]
) -> Iterator[AgentRunLogResponse]:
    """Yield run `agent_run_id`'s log entries as they appear, until the run ends (see the module)."""
    return _LogFollower(api, agent_run_id, org_id).entries(timeout, poll_interval)


class _LogFollower:
    def __init__(self, api: AgentsApi, agent_run_id: int, org_id: int) -> None:
        self.api = api
        self.logs_api = AgentsAlphaApi(api.api_client)
        self.agent_run_id = agent_run_id
        self.org_id = org_id
        self.seen = 0  # entries given so far: the next request's skip
        self.last: Optional[AgentRunWithLogsResponse] = None
        self.run_exists = False  # then a 404 of its logs means "no logs yet"

    def entries(self, timeout: Optional[float], poll_interval: Optional[float]) -> Iterator[AgentRunLogResponse]:
        polls = PollLoop(self.api.api_client, "logs", timeout, poll_interval, self._timed_out, org_id=self.org_id)
        while True:
            try:
                page = polls.request(self._next_page)
            except NotFoundException:
                if self.last is not None:
                    raise  # the run was there and is gone
                if not self.run_exists:
                    # Raises the 404 of a run that does not exist.
                    self.api.get_agent_run(self.agent_run_id, self.org_id)
                    self.run_exists = True
                polls.rest(changed=False)
                continue
            self.last = page
            self.seen += len(page.logs)
            yield from page.logs
            total = page.total_logs if page.total_logs is not None else self.seen
            if len(page.logs) == PAGE_SIZE and self.seen < total:
                continue  # more are waiting: ask at once
            if run_status.ends_wait(page.status) and self.seen >= total:
                return
            polls.rest(changed=bool(page.logs))

    def _next_page(self, retries: RetriesSetting) -> AgentRunWithLogsResponse:
        return self.logs_api.get_agent_run_logs(
            self.agent_run_id, self.org_id, skip=self.seen, limit=PAGE_SIZE, _retries=retries
        )

    def _timed_out(self, timeout: float) -> AgentRunTimeoutError:
        """The timeout, with the last state the logs showed as the `AgentRunResponse` it carries."""
        return AgentRunTimeoutError(self._last_as_run(), timeout)

    def _last_as_run(self) -> AgentRunResponse:
        last = self.last
        if last is None:
            return placeholder_run(self.agent_run_id, self.org_id)
        return AgentRunResponse(
            id=last.id, organization_id=last.organization_id, status=last.status, created_at=last.created_at,
            web_url=last.web_url, result=last.result,
        )


def step_text(entry: AgentRunLogResponse, width: int = STEP_THOUGHT_LENGTH) -> str:
    """One short line for a log entry: the tool called and the thought behind it, or what kind of step it is."""
    thought = " ".join((entry.thought or "").split())
    if len(thought) > width:
        thought = thought[: max(width - 3, 0)] + "..."
    if entry.tool_name:
        return f"{entry.tool_name}: {thought}" if thought else entry.tool_name
    return thought or (entry.message_type or "step")


class LatestStep:
    """The agent's latest log step for a progress line, read only when the logs budget has a slot free now.

    The status polls never wait for it: when the logs budget is busy (other
    followers, the caller's own reads) the line keeps its last step. A run
    whose logs cannot be read (403, 401) is not asked again; a 404 (logs not
    there yet) or any other failure just leaves the step as it was.
    """

    def __init__(self, api: AgentsApi, agent_run_id: int, org_id: int) -> None:
        self.logs_api = AgentsAlphaApi(api.api_client)
        self.agent_run_id = agent_run_id
        self.org_id = org_id
        self.budget = client_budget(api.api_client, "logs", org_id)
        self.readable = True
        self.text: Optional[str] = None

    def read(self, run: AgentRunResponse) -> Optional[str]:
        """The step to show now that the run is `run`: fresh if a logs slot is free, else the last one."""
        if not self.readable or run_status.normalize(run.status) == run_status.PENDING or not self.budget.try_reserve():
            return self.text
        try:
            with pacing.slot_taken():
                page = self.logs_api.get_agent_run_logs(
                    self.agent_run_id, self.org_id, limit=1, reverse=True, _retries=0
                )
        except (ForbiddenException, UnauthorizedException):
            self.readable = False
            return self.text
        except TooManyRequestsException as error:
            self.budget.pause(rate_limit_pause(error))
            return self.text
        except ApiException:
            return self.text
        if page.logs:
            self.text = step_text(page.logs[0])
        return self.text
