"""The rules agents follow in an organisation, for command-line tools."""

from __future__ import annotations

from typing import Optional

import openapi_client  # noqa: F401 - named by the return type of the _with_http_info methods
import urllib3  # noqa: F401 - named by the return type of the _without_preload_content methods
from openapi_client.api_client import ApiClient, RequestSerialized  # noqa: F401 - as generated; tests patch ApiClient here
from openapi_client import models
from openapi_client.api.operation import (
    ApiBase, Endpoint, Headers, Prepared, RequestAuth, RequestOptions, RequestTimeout, RetriesSetting, public_methods, responses,
)

_CLI_RULES = Endpoint("get_cli_rules", "GET", "/v1/organizations/{org_id}/cli/rules", responses("CLIRulesResponse", 403))


class CliRulesApi(ApiBase):
    """The organisation's rules and your custom prompt, as agents are given them: `get_cli_rules`.

    :param api_client: the client to send through; `ApiClient.get_default()` if None.
    """

    def _get_cli_rules(
        self, org_id: int, authorization: Optional[str] = None,
        _request_timeout: RequestTimeout = None, _request_auth: RequestAuth = None, _content_type: Optional[str] = None,
        _headers: Headers = None, _host_index: int = 0, *, _retries: RetriesSetting = None,
    ) -> Prepared[models.CLIRulesResponse]:
        """Get Cli Rules (GET /v1/organizations/{org_id}/cli/rules): the rules agents follow, for CLI tools.

        The organisation's rules and the token user's custom prompt, the same
        texts Codegen's agents and MCP server use. Limited to 30 per minute.
        Takes the same per-call keywords as `AgentsApi.create_agent_run`.
        """
        options = RequestOptions(authorization, _request_timeout, _request_auth, _content_type, _headers, _host_index, _retries)
        return _CLI_RULES.prepare(self, options, path={"org_id": org_id})

    get_cli_rules, get_cli_rules_with_http_info, get_cli_rules_without_preload_content = public_methods(_get_cli_rules)

    # -- the generated names: the same methods under the names the contract gives them

    get_cli_rules_v1_organizations_org_id_cli_rules_get = get_cli_rules
    get_cli_rules_v1_organizations_org_id_cli_rules_get_with_http_info = get_cli_rules_with_http_info
    get_cli_rules_v1_organizations_org_id_cli_rules_get_without_preload_content = get_cli_rules_without_preload_content
    get_cli_rules_v1_organizations_org_id_cli_rules_get_0 = get_cli_rules
    get_cli_rules_v1_organizations_org_id_cli_rules_get_0_with_http_info = get_cli_rules_with_http_info
    get_cli_rules_v1_organizations_org_id_cli_rules_get_0_without_preload_content = get_cli_rules_without_preload_content
    get_cli_rules_v1_organizations_org_id_cli_rules_get_1 = get_cli_rules
    get_cli_rules_v1_organizations_org_id_cli_rules_get_1_with_http_info = get_cli_rules_with_http_info
    get_cli_rules_v1_organizations_org_id_cli_rules_get_1_without_preload_content = get_cli_rules_without_preload_content
