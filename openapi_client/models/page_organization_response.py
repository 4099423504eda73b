"""One page of the organisations the user belongs to."""

from __future__ import annotations

from openapi_client.models.common import Page
from openapi_client.models.organization_response import OrganizationResponse


class PageOrganizationResponse(Page[OrganizationResponse]):
    """`items` are `OrganizationResponse`s; `total`, `page`, `size` and `pages` place them in the whole listing."""
