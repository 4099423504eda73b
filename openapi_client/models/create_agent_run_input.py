"""The body that creates an agent run."""

from __future__ import annotations

from pydantic import StrictStr

from openapi_client.models.base import ApiModel


class CreateAgentRunInput(ApiModel):
    """What the agent is asked to do."""

    prompt: StrictStr
