"""The body of a 429: too many requests; retry after a pause."""

from __future__ import annotations

from pydantic import StrictInt, StrictStr

from openapi_client.models.common import ErrorBody


class APIRateLimitErrorResponse(ErrorBody):
    """`message` and `status_code` default to what the API sends."""

    message: StrictStr = "Rate limit exceeded. Please try again later."
    status_code: StrictInt = 429
