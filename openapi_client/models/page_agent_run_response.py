"""One page of agent runs, newest first."""

from __future__ import annotations

from openapi_client.models.common import Page
from openapi_client.models.agent_run_response import AgentRunResponse


class PageAgentRunResponse(Page[AgentRunResponse]):
    """`items` are `AgentRunResponse`s; `total`, `page`, `size` and `pages` place them in the whole listing."""
