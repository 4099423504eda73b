"""The integrations of an organisation (GitHub, Slack, Linear...) and whether each is active."""

from __future__ import annotations

from typing import Optional

import openapi_client  # noqa: F401 - named by the return type of the _with_http_info methods
import urllib3  # noqa: F401 - named by the return type of the _without_preload_content methods
from openapi_client.api_client import ApiClient, RequestSerialized  # noqa: F401 - as generated; tests patch ApiClient here
from openapi_client import models
from openapi_client.api.operation import (
    ApiBase, Endpoint, Headers, Prepared, RequestAuth, RequestOptions, RequestTimeout, RetriesSetting, public_methods, responses,
)

_INTEGRATIONS = Endpoint(
    "get_organization_integrations_endpoint", "GET", "/v1/organizations/{org_id}/integrations",
    responses("OrganizationIntegrationsResponse", 403),
)


class IntegrationsApi(ApiBase):
    """Every integration of an organisation: `get_organization_integrations`.

    :param api_client: the client to send through; `ApiClient.get_default()` if None.
    """

    def _get_organization_integrations_endpoint(
        self, org_id: int, authorization: Optional[str] = None,
        _request_timeout: RequestTimeout = None, _request_auth: RequestAuth = None, _content_type: Optional[str] = None,
        _headers: Headers = None, _host_index: int = 0, *, _retries: RetriesSetting = None,
    ) -> Prepared[models.OrganizationIntegrationsResponse]:
        """Get Organization Integrations Endpoint (GET /v1/organizations/{org_id}/integrations).

        Every integration, active or not: OAuth (Slack, Linear, Notion, Figma, ClickUp, Jira, Sentry,
        Monday.com), GitHub app installations, API keys (CircleCI), databases (PostgreSQL). Reads share
        a limit of 60 per 30 s. Takes the same per-call keywords as `AgentsApi.create_agent_run`.
        """
        options = RequestOptions(authorization, _request_timeout, _request_auth, _content_type, _headers, _host_index, _retries)
        return _INTEGRATIONS.prepare(self, options, path={"org_id": org_id})

    (get_organization_integrations_endpoint, get_organization_integrations_endpoint_with_http_info,
     get_organization_integrations_endpoint_without_preload_content) = public_methods(_get_organization_integrations_endpoint)

    # -- a friendlier name, and the generated names: the same methods

    get_organization_integrations = get_organization_integrations_endpoint
    get_organization_integrations_with_http_info = get_organization_integrations_endpoint_with_http_info
    get_organization_integrations_without_preload_content = get_organization_integrations_endpoint_without_preload_content
    get_organization_integrations_endpoint_v1_organizations_org_id_integrations_get = get_organization_integrations_endpoint
    get_organization_integrations_endpoint_v1_organizations_org_id_integrations_get_with_http_info = get_organization_integrations_endpoint_with_http_info
    get_organization_integrations_endpoint_v1_organizations_org_id_integrations_get_without_preload_content = get_organization_integrations_endpoint_without_preload_content
    get_organization_integrations_endpoint_v1_organizations_org_id_integrations_get_0 = get_organization_integrations_endpoint
    get_organization_integrations_endpoint_v1_organizations_org_id_integrations_get_0_with_http_info = get_organization_integrations_endpoint_with_http_info
    get_organization_integrations_endpoint_v1_organizations_org_id_integrations_get_0_without_preload_content = get_organization_integrations_endpoint_without_preload_content
    get_organization_integrations_endpoint_v1_organizations_org_id_integrations_get_1 = get_organization_integrations_endpoint
    get_organization_integrations_endpoint_v1_organizations_org_id_integrations_get_1_with_http_info = get_organization_integrations_endpoint_with_http_info
    get_organization_integrations_endpoint_v1_organizations_org_id_integrations_get_1_without_preload_content = get_organization_integrations_endpoint_without_preload_content
