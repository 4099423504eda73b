"""The body of a 403: the token's user has no access to the organisation."""

from __future__ import annotations

from pydantic import StrictInt, StrictStr

from openapi_client.models.common import ErrorBody


class PermissionsErrorResponse(ErrorBody):
    """`message` and `status_code` default to what the API sends."""

    message: StrictStr = "You do not have access to this organization."
    status_code: StrictInt = 403
