"""The organisations the token's user belongs to (where an `org_id` comes from), MCP providers and OAuth tokens."""

from __future__ import annotations

from typing import List, Optional

import openapi_client  # noqa: F401 - named by the return type of the _with_http_info methods
import urllib3  # noqa: F401 - named by the return type of the _without_preload_content methods
from openapi_client.api_client import ApiClient, RequestSerialized  # noqa: F401 - as generated; tests patch ApiClient here
from openapi_client import models
from openapi_client.arguments import argument_error, check_int, check_page, query_params
from openapi_client.api.operation import (
    ApiBase, Endpoint, Headers, Prepared, RequestAuth, RequestOptions, RequestTimeout, RetriesSetting, public_methods, responses,
)

_ORGANIZATIONS = Endpoint("get_organizations", "GET", "/v1/organizations", responses("PageOrganizationResponse"))
_MCP_PROVIDERS = Endpoint("get_mcp_providers", "GET", "/v1/mcp-providers", responses("List[OAuthProviderResponse]"))
_TOKEN_STATUS = Endpoint("get_oauth_token_status", "GET", "/v1/oauth/tokens/status", responses("object"))
_REVOKE = Endpoint("revoke_oauth_token", "POST", "/v1/oauth/tokens/revoke", responses("object"))


class OrganizationsApi(ApiBase):
    """Your organisations and their ids (`get_organizations`), the MCP providers Codegen knows, and your OAuth tokens.

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

    def _get_mcp_providers(
        self, authorization: Optional[str] = None,
        _request_timeout: RequestTimeout = None, _request_auth: RequestAuth = None, _content_type: Optional[str] = None,
        _headers: Headers = None, _host_index: int = 0, *, _retries: RetriesSetting = None,
    ) -> Prepared[List[models.OAuthProviderResponse]]:
        """Get Mcp Providers (GET /v1/mcp-providers): the OAuth providers that are MCP servers (``is_mcp``).

        The contract states no rate limit. Takes the same per-call keywords as `AgentsApi.create_agent_run`.
        """
        options = RequestOptions(authorization, _request_timeout, _request_auth, _content_type, _headers, _host_index, _retries)
        return _MCP_PROVIDERS.prepare(self, options)

    (get_mcp_providers, get_mcp_providers_with_http_info,
     get_mcp_providers_without_preload_content) = public_methods(_get_mcp_providers)

    def _get_oauth_token_status(
        self, org_id: int, authorization: Optional[str] = None,
        _request_timeout: RequestTimeout = None, _request_auth: RequestAuth = None, _content_type: Optional[str] = None,
        _headers: Headers = None, _host_index: int = 0, *, _retries: RetriesSetting = None,
    ) -> Prepared[object]:
        """Get Oauth Token Status (GET /v1/oauth/tokens/status): the providers you have an active token for.

        For the token's user in organisation `org_id` (sent in the query); the
        answer, a list of provider names, is returned as the JSON it is. The
        contract states no rate limit. Same per-call keywords as `AgentsApi.create_agent_run`.
        """
        check_int(_TOKEN_STATUS.name, "org_id", org_id)
        options = RequestOptions(authorization, _request_timeout, _request_auth, _content_type, _headers, _host_index, _retries)
        return _TOKEN_STATUS.prepare(self, options, query=query_params(org_id=org_id))

    (get_oauth_token_status, get_oauth_token_status_with_http_info,
     get_oauth_token_status_without_preload_content) = public_methods(_get_oauth_token_status)

    def _revoke_oauth_token(
        self, provider: str, org_id: int, authorization: Optional[str] = None,
        _request_timeout: RequestTimeout = None, _request_auth: RequestAuth = None, _content_type: Optional[str] = None,
        _headers: Headers = None, _host_index: int = 0, *, _retries: RetriesSetting = None,
    ) -> Prepared[object]:
        """Revoke Oauth Token (POST /v1/oauth/tokens/revoke): disconnect `provider` for you in organisation `org_id`.

        Every token of yours for that provider there is marked inactive. Both
        arguments go in the query; the answer is returned as the JSON it is.
        The contract states no rate limit. Same per-call keywords as `AgentsApi.create_agent_run`.
        """
        if not isinstance(provider, str):
            raise argument_error(_REVOKE.name, "provider", provider, "string_type")
        check_int(_REVOKE.name, "org_id", org_id)
        options = RequestOptions(authorization, _request_timeout, _request_auth, _content_type, _headers, _host_index, _retries)
        return _REVOKE.prepare(self, options, query=query_params(provider=provider, org_id=org_id))

    (revoke_oauth_token, revoke_oauth_token_with_http_info,
     revoke_oauth_token_without_preload_content) = public_methods(_revoke_oauth_token)

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
    get_mcp_providers_v1_mcp_providers_get = get_mcp_providers
    get_mcp_providers_v1_mcp_providers_get_with_http_info = get_mcp_providers_with_http_info
    get_mcp_providers_v1_mcp_providers_get_without_preload_content = get_mcp_providers_without_preload_content
    get_mcp_providers_v1_mcp_providers_get_0 = get_mcp_providers
    get_mcp_providers_v1_mcp_providers_get_0_with_http_info = get_mcp_providers_with_http_info
    get_mcp_providers_v1_mcp_providers_get_0_without_preload_content = get_mcp_providers_without_preload_content
    get_oauth_token_status_v1_oauth_tokens_status_get = get_oauth_token_status
    get_oauth_token_status_v1_oauth_tokens_status_get_with_http_info = get_oauth_token_status_with_http_info
    get_oauth_token_status_v1_oauth_tokens_status_get_without_preload_content = get_oauth_token_status_without_preload_content
    get_oauth_token_status_v1_oauth_tokens_status_get_0 = get_oauth_token_status
    get_oauth_token_status_v1_oauth_tokens_status_get_0_with_http_info = get_oauth_token_status_with_http_info
    get_oauth_token_status_v1_oauth_tokens_status_get_0_without_preload_content = get_oauth_token_status_without_preload_content
    revoke_oauth_token_v1_oauth_tokens_revoke_post = revoke_oauth_token
    revoke_oauth_token_v1_oauth_tokens_revoke_post_with_http_info = revoke_oauth_token_with_http_info
    revoke_oauth_token_v1_oauth_tokens_revoke_post_without_preload_content = revoke_oauth_token_without_preload_content
    revoke_oauth_token_v1_oauth_tokens_revoke_post_0 = revoke_oauth_token
    revoke_oauth_token_v1_oauth_tokens_revoke_post_0_with_http_info = revoke_oauth_token_with_http_info
    revoke_oauth_token_v1_oauth_tokens_revoke_post_0_without_preload_content = revoke_oauth_token_without_preload_content
