"""The answer to analyze-logs: the agent run that reads a sandbox's set-up logs."""

from __future__ import annotations

from pydantic import StrictInt, StrictStr

from openapi_client.models.base import ApiModel


class AnalyzeLogsResponse(ApiModel):
    """The run started to analyse the logs (`agent_run_id`), its `status`, and a `message` about the analysis.

    The analysis happens in that run: follow it as any other, with
    `AgentsApi.wait_for_agent_run`, and read its `result`.
    """

    agent_run_id: StrictInt
    status: StrictStr
    message: StrictStr
