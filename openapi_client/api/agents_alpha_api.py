"""The agent-run logs, under the contract's ``agents-alpha`` tag.

The contract lists the logs operation under ``agents-alpha`` twice and
``agents-beta`` once, so a generated client has it in `AgentsAlphaApi` (with
a ``_0`` repeat) and in `AgentsBetaApi`. Both classes take the one definition
here, from `AgentRunLogsBase`.
"""

from __future__ import annotations

from typing import Any, Dict, Mapping, Optional

import openapi_client  # noqa: F401 - named by the return type of the _with_http_info doors
import urllib3  # noqa: F401 - named by the return type of the _without_preload_content doors
from openapi_client.api_client import ApiClient  # noqa: F401 - as generated; tests patch it here
from openapi_client import models
from openapi_client.api.operation import (
    ApiBase,
    Endpoint,
    Prepared,
    RequestTimeout,
    RetriesSetting,
    check_bool,
    check_int,
    check_page,
    doors,
    present,
    responses,
)

_LOGS = Endpoint(
    "get_agent_run_logs", "GET", "/v1/alpha/organizations/{org_id}/agent/run/{agent_run_id}/logs",
    responses("AgentRunWithLogsResponse", 403, 404),
)


class AgentRunLogsBase(ApiBase):
    """The logs operation, shared by `AgentsAlphaApi` and `AgentsBetaApi`."""

    def _get_agent_run_logs(
        self,
        agent_run_id: int,
        org_id: int,
        skip: Optional[int] = None,
        limit: Optional[int] = None,
        reverse: Optional[bool] = None,
        authorization: Optional[str] = None,
        _request_timeout: RequestTimeout = None,
        _request_auth: Optional[Dict[str, Any]] = None,
        _content_type: Optional[str] = None,
        _headers: Optional[Mapping[str, str]] = None,
        _host_index: int = 0,
        *,
        _retries: RetriesSetting = None,
    ) -> Prepared[models.AgentRunWithLogsResponse]:
        """Get Agent Run Logs (GET /v1/alpha/organizations/{org_id}/agent/run/{agent_run_id}/logs).

        The run with one page of its logs, oldest first (`reverse` for newest
        first): each step's thought, tool, input, output and observation. The
        API marks it alpha, subject to change. Limited to 60 per 60 s.

        :param skip: log entries to pass over (the server's default is 0).
        :param limit: entries per page, 1 to 100 (the server's default is 100).
        :param reverse: newest first (the server's default is False).

        A parameter left at None is not sent. Takes the same per-call keywords
        as `AgentsApi.create_agent_run`.
        """
        name = _LOGS.name
        check_int(name, "agent_run_id", agent_run_id)
        check_int(name, "org_id", org_id)
        check_page(name, skip, limit)
        check_bool(name, "reverse", reverse)
        return _LOGS.prepare(
            self, {"org_id": org_id, "agent_run_id": agent_run_id}, authorization, _request_timeout,
            _request_auth, _content_type, _headers, _host_index, _retries,
            query=present(("skip", skip), ("limit", limit), ("reverse", reverse)),
        )

    get_agent_run_logs, get_agent_run_logs_with_http_info, get_agent_run_logs_without_preload_content = doors(
        _get_agent_run_logs
    )

    # The generated name, in both classes.
    get_agent_run_logs_v1_alpha_organizations_org_id_agent_run_agent_run_id_logs_get = get_agent_run_logs
    get_agent_run_logs_v1_alpha_organizations_org_id_agent_run_agent_run_id_logs_get_with_http_info = (
        get_agent_run_logs_with_http_info
    )
    get_agent_run_logs_v1_alpha_organizations_org_id_agent_run_agent_run_id_logs_get_without_preload_content = (
        get_agent_run_logs_without_preload_content
    )


class AgentsAlphaApi(AgentRunLogsBase):
    """An agent run with its logs: `get_agent_run_logs`.

    :param api_client: the client to send through; `ApiClient.get_default()` if None.
    """

    # The contract's second ``agents-alpha`` listing.
    get_agent_run_logs_v1_alpha_organizations_org_id_agent_run_agent_run_id_logs_get_0 = (
        AgentRunLogsBase.get_agent_run_logs
    )
    get_agent_run_logs_v1_alpha_organizations_org_id_agent_run_agent_run_id_logs_get_0_with_http_info = (
        AgentRunLogsBase.get_agent_run_logs_with_http_info
    )
    get_agent_run_logs_v1_alpha_organizations_org_id_agent_run_agent_run_id_logs_get_0_without_preload_content = (
        AgentRunLogsBase.get_agent_run_logs_without_preload_content
    )
