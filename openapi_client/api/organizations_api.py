"""The organisations the token's user belongs to: where an `org_id` comes from."""

from __future__ import annotations

from typing import Optional

import openapi_client  # noqa: F401 - named by the return type of the _with_http_info methods
import urllib3  # noqa: F401 - named by the return type of the _without_preload_content methods
from openapi_client.api_client import ApiClient  # noqa: F401 - as generated; tests patch it here
from openapi_client import models
from openapi_client.api.operation import (
    ApiBase, Endpoint, Headers, Prepared, RequestAuth, RequestOptions, RequestTimeout, RetriesSetting, check_page,
    public_methods, query_params, responses,
)

_ORGANIZATIONS = Endpoint("get_organizations", "GET", "/v1/organizations", responses("PageOrganizationResponse"))


class OrganizationsApi(ApiBase):
    """Look up your organisations and their ids: `get_organizations`.

    :param api_client: the client to send through; `ApiClient.get_default()` if None.
    """

    def _get_organizations(
        self, skip: Optional[int] = None, limit: Optional[int] = None, authorization: Optional[str] = None,
        _request_timeout: RequestTimeout = None, _request_auth: RequestAuth = None, _content_type: Optional[str] = None,
        _headers: Headers = None, _host_index: int = 0, *, _retries: RetriesSetting = None,
    ) -> Prepared[models.PageOrganizationResponse]:
        """Get Organizations (GET /v1/organizations): one page of the organisations the token's user is in.

        :param skip: organisations to pass over (the server's default is 0).
        :param limit: organisations per page, 1 to 100 (the server's default is 100).

        A parameter left at None is not sent. Reads share a limit of 60 per
        30 s. Takes the same per-call keywords as `AgentsApi.create_agent_run`.
        """
        check_page(_ORGANIZATIONS.name, skip, limit)
        options = RequestOptions(authorization, _request_timeout, _request_auth, _content_type, _headers, _host_index, _retries)
        query = query_params(skip=skip, limit=limit)
        return _ORGANIZATIONS.prepare(self, options, query=query)

    (get_organizations, get_organizations_with_http_info,
     get_organizations_without_preload_content) = public_methods(_get_organizations)

    # -- the generated names: the same methods under the names the contract gives them

    get_organizations_v1_organizations_get = get_organizations
    get_organizations_v1_organizations_get_with_http_info = get_organizations_with_http_info
    get_organizations_v1_organizations_get_without_preload_content = get_organizations_without_preload_content
    get_organizations_v1_organizations_get_0 = get_organizations
    get_organizations_v1_organizations_get_0_with_http_info = get_organizations_with_http_info
    get_organizations_v1_organizations_get_0_without_preload_content = get_organizations_without_preload_content
    get_organizations_v1_organizations_get_1 = get_organizations
    get_organizations_v1_organizations_get_1_with_http_info = get_organizations_with_http_info
    get_organizations_v1_organizations_get_1_without_preload_content = get_organizations_without_preload_content
