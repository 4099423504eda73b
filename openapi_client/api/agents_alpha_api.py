"""The agent-run logs: the contract lists them under ``agents-alpha`` twice and ``agents-beta`` once.

So `AgentsAlphaApi` (with a ``_0`` repeat) and `AgentsBetaApi` both have them, from `AgentRunLogsBase`.
"""

from __future__ import annotations

from typing import Optional

import openapi_client  # noqa: F401 - named by the return type of the _with_http_info methods
import urllib3  # noqa: F401 - named by the return type of the _without_preload_content methods
from openapi_client.api_client import ApiClient, RequestSerialized  # noqa: F401 - as generated; tests patch ApiClient here
from openapi_client import models
from openapi_client.arguments import check_bool, check_page, query_params
from openapi_client.api.operation import (
    ApiBase, Endpoint, Headers, Prepared, RequestAuth, RequestOptions, RequestTimeout, RetriesSetting, public_methods, responses,
)

_LOGS_PATH = "/v1/alpha/organizations/{org_id}/agent/run/{agent_run_id}/logs"
_LOGS = Endpoint("get_agent_run_logs", "GET", _LOGS_PATH, responses("AgentRunWithLogsResponse", 403, 404))


class AgentRunLogsBase(ApiBase):
    """The logs operation, shared by `AgentsAlphaApi` and `AgentsBetaApi`."""

    def _get_agent_run_logs(
        self, agent_run_id: int, org_id: int, skip: Optional[int] = None, limit: Optional[int] = None,
        reverse: Optional[bool] = None, authorization: Optional[str] = None,
        _request_timeout: RequestTimeout = None, _request_auth: RequestAuth = None, _content_type: Optional[str] = None,
        _headers: Headers = None, _host_index: int = 0, *, _retries: RetriesSetting = None,
    ) -> Prepared[models.AgentRunWithLogsResponse]:
        """Get Agent Run Logs (GET /v1/alpha/organizations/{org_id}/agent/run/{agent_run_id}/logs).

        The run with one page of its logs (each step's thought, tool, input, output and observation),
        oldest first; the API marks it alpha. Limited to 60 per 60 s. `skip` entries are passed over,
        `limit` (1 to 100) given, newest first if `reverse`; one left at None is not sent (the server's
        defaults: 0, 100, False). Takes the same per-call keywords as `AgentsApi.create_agent_run`.
        """
        check_page(_LOGS.name, skip, limit)
        check_bool(_LOGS.name, "reverse", reverse)
        options = RequestOptions(authorization, _request_timeout, _request_auth, _content_type, _headers, _host_index, _retries)
        query = query_params(skip=skip, limit=limit, reverse=reverse)
        return _LOGS.prepare(self, options, path={"org_id": org_id, "agent_run_id": agent_run_id}, query=query)

    (get_agent_run_logs, get_agent_run_logs_with_http_info,
     get_agent_run_logs_without_preload_content) = public_methods(_get_agent_run_logs)

    # The generated name, in both classes.
    get_agent_run_logs_v1_alpha_organizations_org_id_agent_run_agent_run_id_logs_get = get_agent_run_logs
    get_agent_run_logs_v1_alpha_organizations_org_id_agent_run_agent_run_id_logs_get_with_http_info = get_agent_run_logs_with_http_info
    get_agent_run_logs_v1_alpha_organizations_org_id_agent_run_agent_run_id_logs_get_without_preload_content = get_agent_run_logs_without_preload_content


class AgentsAlphaApi(AgentRunLogsBase):
    """An agent run with its logs: `get_agent_run_logs`. Its `api_client` is `ApiClient.get_default()` if None."""

    # The contract's second ``agents-alpha`` listing.
    get_agent_run_logs_v1_alpha_organizations_org_id_agent_run_agent_run_id_logs_get_0 = AgentRunLogsBase.get_agent_run_logs
    get_agent_run_logs_v1_alpha_organizations_org_id_agent_run_agent_run_id_logs_get_0_with_http_info = AgentRunLogsBase.get_agent_run_logs_with_http_info
    get_agent_run_logs_v1_alpha_organizations_org_id_agent_run_agent_run_id_logs_get_0_without_preload_content = AgentRunLogsBase.get_agent_run_logs_without_preload_content
