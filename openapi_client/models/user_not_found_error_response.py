"""The body of a 404 for a user the organisation does not have."""

from __future__ import annotations

from pydantic import StrictInt, StrictStr

from openapi_client.models.common import ErrorBody


class UserNotFoundErrorResponse(ErrorBody):
    """`message` and `status_code` default to what the API sends."""

    message: StrictStr = "User not found."
    status_code: StrictInt = 404
