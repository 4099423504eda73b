"""An organisation the user belongs to."""

from __future__ import annotations

from pydantic import StrictInt, StrictStr

from openapi_client.models.base import ApiModel
from openapi_client.models.organization_settings import OrganizationSettings


class OrganizationResponse(ApiModel):
    """Represents an organization in API responses: its `id` (the ``org_id`` of every run call), `name` and `settings`."""

    id: StrictInt
    name: StrictStr
    settings: OrganizationSettings
