"""Every integration of an organisation."""

from __future__ import annotations

from typing import List

from pydantic import StrictInt, StrictStr

from openapi_client.models.base import ApiModel
from openapi_client.models.integration_status import IntegrationStatus


class OrganizationIntegrationsResponse(ApiModel):
    """The organisation (`organization_id`, `organization_name`), its `integrations`, and how many are on."""

    organization_id: StrictInt
    organization_name: StrictStr
    integrations: List[IntegrationStatus]
    total_active_integrations: StrictInt
