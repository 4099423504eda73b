"""The agent-run logs, under the contract's ``agents-beta`` tag: the same operation as `AgentsAlphaApi`'s."""

from __future__ import annotations

from openapi_client.api_client import ApiClient, RequestSerialized  # noqa: F401 - as generated; tests patch ApiClient here
from openapi_client.api.agents_alpha_api import AgentRunLogsBase


class AgentsBetaApi(AgentRunLogsBase):
    """An agent run with its logs: `get_agent_run_logs`, defined once in `AgentRunLogsBase`.

    :param api_client: the client to send through; `ApiClient.get_default()` if None.
    """
