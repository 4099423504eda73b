"""The answer to generate-setup-commands: the agent run that writes a repository's set-up commands."""

from __future__ import annotations

from pydantic import StrictInt, StrictStr

from openapi_client.models.base import ApiModel


class SetupCommandsResponse(ApiModel):
    """The run started (`agent_run_id`), its `status`, and the `url` to watch it at.

    Follow it as any other run, with `AgentsApi.wait_for_agent_run`.
    """

    agent_run_id: StrictInt
    status: StrictStr
    url: StrictStr
