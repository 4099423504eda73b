"""The body of a 402: the organisation has used the agent runs its plan allows."""

from __future__ import annotations

from pydantic import StrictInt, StrictStr

from openapi_client.models.common import ErrorBody


class AgentRunLimitReachedErrorResponse(ErrorBody):
    """`message` and `status_code` default to what the API sends."""

    message: StrictStr = "Alloted agent runs for the current billing plan have been reached. Please upgrade your plan to continue."
    status_code: StrictInt = 402
