"""The body of a 404 when the organisation has no repository to run an agent in."""

from __future__ import annotations

from pydantic import StrictInt, StrictStr

from openapi_client.models.common import ErrorBody


class NoReposFoundInOrgErrorResponse(ErrorBody):
    """`message` and `status_code` default to what the API sends."""

    message: StrictStr = "No repos found in the organization. Please add some repos and try again."
    status_code: StrictInt = 404
