"""Analysing a sandbox's set-up logs, in an agent run."""

from __future__ import annotations

from typing import Optional

import openapi_client  # noqa: F401 - named by the return type of the _with_http_info methods
import urllib3  # noqa: F401 - named by the return type of the _without_preload_content methods
from openapi_client.api_client import ApiClient, RequestSerialized  # noqa: F401 - as generated; tests patch ApiClient here
from openapi_client import models
from openapi_client.api.operation import (
    ApiBase, Endpoint, Headers, Prepared, RequestAuth, RequestOptions, RequestTimeout, RetriesSetting, public_methods, responses,
)

_ANALYZE = Endpoint(
    "analyze_sandbox_logs", "POST", "/v1/organizations/{org_id}/sandbox/{sandbox_id}/analyze-logs",
    responses("AnalyzeLogsResponse", 403),
)


class SandboxApi(ApiBase):
    """Start an agent run that reads a sandbox's set-up logs and explains what failed: `analyze_sandbox_logs`.

    :param api_client: the client to send through; `ApiClient.get_default()` if None.
    """

    def _analyze_sandbox_logs(
        self, sandbox_id: int, org_id: int, authorization: Optional[str] = None,
        _request_timeout: RequestTimeout = None, _request_auth: RequestAuth = None, _content_type: Optional[str] = None,
        _headers: Headers = None, _host_index: int = 0, *, _retries: RetriesSetting = None,
    ) -> Prepared[models.AnalyzeLogsResponse]:
        """Analyze Sandbox Logs (POST /v1/organizations/{org_id}/sandbox/{sandbox_id}/analyze-logs).

        Starts an agent run that reads the sandbox's set-up logs, finds the
        errors and suggests fixes; follow it by the returned `agent_run_id`.
        Limited to 5 per minute. As with `AgentsApi.create_agent_run`, a 429 is
        retried but a 5xx or a connection lost after sending is not: the run
        may exist. 404: no such sandbox; 400: it has no logs to analyse.
        """
        options = RequestOptions(authorization, _request_timeout, _request_auth, _content_type, _headers, _host_index, _retries)
        return _ANALYZE.prepare(self, options, path={"org_id": org_id, "sandbox_id": sandbox_id})

    (analyze_sandbox_logs, analyze_sandbox_logs_with_http_info,
     analyze_sandbox_logs_without_preload_content) = public_methods(_analyze_sandbox_logs)

    # -- the generated names: the same methods under the names the contract gives them

    analyze_sandbox_logs_v1_organizations_org_id_sandbox_sandbox_id_analyze_logs_post = analyze_sandbox_logs
    analyze_sandbox_logs_v1_organizations_org_id_sandbox_sandbox_id_analyze_logs_post_with_http_info = analyze_sandbox_logs_with_http_info
    analyze_sandbox_logs_v1_organizations_org_id_sandbox_sandbox_id_analyze_logs_post_without_preload_content = analyze_sandbox_logs_without_preload_content
    analyze_sandbox_logs_v1_organizations_org_id_sandbox_sandbox_id_analyze_logs_post_0 = analyze_sandbox_logs
    analyze_sandbox_logs_v1_organizations_org_id_sandbox_sandbox_id_analyze_logs_post_0_with_http_info = analyze_sandbox_logs_with_http_info
    analyze_sandbox_logs_v1_organizations_org_id_sandbox_sandbox_id_analyze_logs_post_0_without_preload_content = analyze_sandbox_logs_without_preload_content
    analyze_sandbox_logs_v1_organizations_org_id_sandbox_sandbox_id_analyze_logs_post_1 = analyze_sandbox_logs
    analyze_sandbox_logs_v1_organizations_org_id_sandbox_sandbox_id_analyze_logs_post_1_with_http_info = analyze_sandbox_logs_with_http_info
    analyze_sandbox_logs_v1_organizations_org_id_sandbox_sandbox_id_analyze_logs_post_1_without_preload_content = analyze_sandbox_logs_without_preload_content
