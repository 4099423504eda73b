"""The body of a 404 for an agent run the organisation does not have."""

from __future__ import annotations

from pydantic import StrictInt, StrictStr

from openapi_client.models.common import ErrorBody


class AgentRunNotFoundErrorResponse(ErrorBody):
    """`message` and `status_code` default to what the API sends."""

    message: StrictStr = "Agent run not found."
    status_code: StrictInt = 404
