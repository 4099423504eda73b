"""The agent-run endpoints: create, get, list, resume, and the PR actions.

Waiting, paging, log following and watching come from `AgentRunHelpers`.

Each operation is defined once (see `openapi_client.api.operation`); the
generated names, with the ``_0``/``_1`` repeats (the contract lists the
``agents`` tag three times), are class-level aliases of its three methods.
"""

from __future__ import annotations

from typing import Any, Dict, Optional, Union

# The models are built on first use, to keep `import openapi_client` fast: the
# annotations name them through their lazy namespaces, `models` and `openapi_client`,
# so that `typing.get_type_hints` still resolves them.
import openapi_client  # noqa: F401 - named by the return type of the _with_http_info methods
import urllib3  # noqa: F401 - named by the return type of the _without_preload_content methods
from openapi_client.api_client import ApiClient, RequestSerialized  # noqa: F401 - as generated; tests patch ApiClient here
from openapi_client import models
from openapi_client.agent_run_helpers import AgentRunHelpers, SourceType
from openapi_client.arguments import check_enum_or_str, check_page, check_query_int, query_params
from openapi_client.api.operation import (
    ApiBase, Endpoint, Headers, Prepared, RequestAuth, RequestOptions, RequestTimeout, RetriesSetting, public_methods, responses,
)

CreateBody = Union["models.CreateAgentRunInput", Dict[str, Any]]
ResumeBody = Union["models.ResumeAgentRunInput", Dict[str, Any]]
StopBody = Union["models.StopAgentRunInput", Dict[str, Any]]

_RUN_PATH = "/v1/organizations/{org_id}/agent/run"
_RUN = responses("AgentRunResponse", 403, 404)
_PR_ACTION = responses("object", 403, 404)
_STOP = "StopAgentRunInput"

_CREATE = Endpoint(
    "create_agent_run", "POST", _RUN_PATH,
    {**responses("AgentRunResponse", 402, 403), "404": "NoReposFoundInOrgErrorResponse"}, body="CreateAgentRunInput",
)
_GET = Endpoint("get_agent_run", "GET", _RUN_PATH + "/{agent_run_id}", _RUN)
_LIST = Endpoint(
    "list_agent_runs", "GET", "/v1/organizations/{org_id}/agent/runs", responses("PageAgentRunResponse", 403)
)
_RESUME = Endpoint("resume_agent_run", "POST", _RUN_PATH + "/resume", _RUN, body="ResumeAgentRunInput")
_BAN = Endpoint("ban_all_checks_for_agent_run", "POST", _RUN_PATH + "/ban", _PR_ACTION, body=_STOP)
_UNBAN = Endpoint("unban_all_checks_for_agent_run", "POST", _RUN_PATH + "/unban", _PR_ACTION, body=_STOP)
_REMOVE = Endpoint("remove_codegen_from_pr", "POST", _RUN_PATH + "/remove-from-pr", _PR_ACTION, body=_STOP)


class AgentsApi(AgentRunHelpers, ApiBase):
    """Create agent runs, follow them to their result, list and resume them, and act on their PRs.

    :param api_client: the client to send through; `ApiClient.get_default()` if None.
    """

    def _create_agent_run(
        self, org_id: int, create_agent_run_input: CreateBody, authorization: Optional[str] = None,
        _request_timeout: RequestTimeout = None, _request_auth: RequestAuth = None, _content_type: Optional[str] = None,
        _headers: Headers = None, _host_index: int = 0, *, _retries: RetriesSetting = None,
    ) -> Prepared[models.AgentRunResponse]:
        """Create Agent Run (POST /v1/organizations/{org_id}/agent/run).

        Starts an agent on `create_agent_run_input.prompt` in organisation
        `org_id`; the run goes on after this returns, so follow it with
        `get_agent_run` or `wait_for_agent_run`. Limited to 10 per minute.

        :param authorization: sent as the ``Authorization`` header; wins over the configured token.
        :param _request_timeout: seconds, or a ``(connect, read)`` pair, for this call.
        :param _retries: this call's retries (``0`` for none); see `Configuration.retries`.
        :raises pydantic.ValidationError: a bad argument, before anything is sent.
        :raises PaymentRequiredException: the organisation's run limit is reached (402).
        :raises ApiException: the server refused, or could not be reached.
        """
        options = RequestOptions(authorization, _request_timeout, _request_auth, _content_type, _headers, _host_index, _retries)
        return _CREATE.prepare(self, options, path={"org_id": org_id}, body=create_agent_run_input)

    (create_agent_run, create_agent_run_with_http_info,
     create_agent_run_without_preload_content) = public_methods(_create_agent_run)

    def _get_agent_run(
        self, agent_run_id: int, org_id: int, authorization: Optional[str] = None,
        _request_timeout: RequestTimeout = None, _request_auth: RequestAuth = None, _content_type: Optional[str] = None,
        _headers: Headers = None, _host_index: int = 0, *, _retries: RetriesSetting = None,
    ) -> Prepared[models.AgentRunResponse]:
        """Get Agent Run (GET /v1/organizations/{org_id}/agent/run/{agent_run_id}).

        Its current status, and its result once it has one. Reads share a
        limit of 60 per 30 s. Takes the same per-call keywords as `create_agent_run`.
        """
        options = RequestOptions(authorization, _request_timeout, _request_auth, _content_type, _headers, _host_index, _retries)
        return _GET.prepare(self, options, path={"org_id": org_id, "agent_run_id": agent_run_id})

    get_agent_run, get_agent_run_with_http_info, get_agent_run_without_preload_content = public_methods(_get_agent_run)

    def _list_agent_runs(
        self, org_id: int, user_id: Optional[int] = None, source_type: Optional[SourceType] = None,
        skip: Optional[int] = None, limit: Optional[int] = None, authorization: Optional[str] = None,
        _request_timeout: RequestTimeout = None, _request_auth: RequestAuth = None, _content_type: Optional[str] = None,
        _headers: Headers = None, _host_index: int = 0, *, _retries: RetriesSetting = None,
    ) -> Prepared[models.PageAgentRunResponse]:
        """List Agent Runs (GET /v1/organizations/{org_id}/agent/runs): one page, newest first.

        :param user_id: only the runs this user started.
        :param source_type: only runs from this source; an `ApiAgentRunSourceType`
            or a str (for a source newer than this SDK).
        :param skip: runs to pass over (the server's default is 0).
        :param limit: runs per page, 1 to 100 (the server's default is 100).

        A parameter left at None is not sent. Reads share a limit of 60 per 30 s.
        Takes the same per-call keywords as `create_agent_run`.
        """
        name = _LIST.name
        check_query_int(name, "user_id", user_id)
        check_enum_or_str(name, "source_type", source_type, "ApiAgentRunSourceType")
        check_page(name, skip, limit)
        options = RequestOptions(authorization, _request_timeout, _request_auth, _content_type, _headers, _host_index, _retries)
        query = query_params(user_id=user_id, source_type=source_type, skip=skip, limit=limit)
        return _LIST.prepare(self, options, path={"org_id": org_id}, query=query)

    (list_agent_runs, list_agent_runs_with_http_info,
     list_agent_runs_without_preload_content) = public_methods(_list_agent_runs)

    def _resume_agent_run(
        self, org_id: int, resume_agent_run_input: ResumeBody, authorization: Optional[str] = None,
        _request_timeout: RequestTimeout = None, _request_auth: RequestAuth = None, _content_type: Optional[str] = None,
        _headers: Headers = None, _host_index: int = 0, *, _retries: RetriesSetting = None,
    ) -> Prepared[models.AgentRunResponse]:
        """Resume Agent Run (POST /v1/organizations/{org_id}/agent/run/resume).

        Sends run `resume_agent_run_input.agent_run_id` back to work on a
        follow-up `prompt`; returns the run, which goes on like a new one.
        Takes the same per-call keywords as `create_agent_run`.
        """
        options = RequestOptions(authorization, _request_timeout, _request_auth, _content_type, _headers, _host_index, _retries)
        return _RESUME.prepare(self, options, path={"org_id": org_id}, body=resume_agent_run_input)

    (resume_agent_run, resume_agent_run_with_http_info,
     resume_agent_run_without_preload_content) = public_methods(_resume_agent_run)

    def _ban_all_checks_for_agent_run(
        self, org_id: int, stop_agent_run_input: StopBody, authorization: Optional[str] = None,
        _request_timeout: RequestTimeout = None, _request_auth: RequestAuth = None, _content_type: Optional[str] = None,
        _headers: Headers = None, _host_index: int = 0, *, _retries: RetriesSetting = None,
    ) -> Prepared[object]:
        """Ban All Checks For Agent Run (POST /v1/organizations/{org_id}/agent/run/ban).

        Stops every agent on the run's PR and ignores its future CI check
        events; returns the server's JSON as it is. Same keywords as `create_agent_run`.
        """
        options = RequestOptions(authorization, _request_timeout, _request_auth, _content_type, _headers, _host_index, _retries)
        return _BAN.prepare(self, options, path={"org_id": org_id}, body=stop_agent_run_input)

    (ban_all_checks_for_agent_run, ban_all_checks_for_agent_run_with_http_info,
     ban_all_checks_for_agent_run_without_preload_content) = public_methods(_ban_all_checks_for_agent_run)

    def _unban_all_checks_for_agent_run(
        self, org_id: int, stop_agent_run_input: StopBody, authorization: Optional[str] = None,
        _request_timeout: RequestTimeout = None, _request_auth: RequestAuth = None, _content_type: Optional[str] = None,
        _headers: Headers = None, _host_index: int = 0, *, _retries: RetriesSetting = None,
    ) -> Prepared[object]:
        """Unban All Checks For Agent Run (POST /v1/organizations/{org_id}/agent/run/unban).

        Undoes `ban_all_checks_for_agent_run`: the PR's CI check events are
        processed again. Returns the server's JSON as it is. Same keywords as `create_agent_run`.
        """
        options = RequestOptions(authorization, _request_timeout, _request_auth, _content_type, _headers, _host_index, _retries)
        return _UNBAN.prepare(self, options, path={"org_id": org_id}, body=stop_agent_run_input)

    (unban_all_checks_for_agent_run, unban_all_checks_for_agent_run_with_http_info,
     unban_all_checks_for_agent_run_without_preload_content) = public_methods(_unban_all_checks_for_agent_run)

    def _remove_codegen_from_pr(
        self, org_id: int, stop_agent_run_input: StopBody, authorization: Optional[str] = None,
        _request_timeout: RequestTimeout = None, _request_auth: RequestAuth = None, _content_type: Optional[str] = None,
        _headers: Headers = None, _host_index: int = 0, *, _retries: RetriesSetting = None,
    ) -> Prepared[object]:
        """Remove Codegen From Pr (POST /v1/organizations/{org_id}/agent/run/remove-from-pr).

        The same action as `ban_all_checks_for_agent_run`, under a friendlier
        name. Returns the server's JSON as it is. Same keywords as `create_agent_run`.
        """
        options = RequestOptions(authorization, _request_timeout, _request_auth, _content_type, _headers, _host_index, _retries)
        return _REMOVE.prepare(self, options, path={"org_id": org_id}, body=stop_agent_run_input)

    (remove_codegen_from_pr, remove_codegen_from_pr_with_http_info,
     remove_codegen_from_pr_without_preload_content) = public_methods(_remove_codegen_from_pr)

    # -- the generated names: the same methods under the names the contract gives them

    create_agent_run_v1_organizations_org_id_agent_run_post = create_agent_run
    create_agent_run_v1_organizations_org_id_agent_run_post_with_http_info = create_agent_run_with_http_info
    create_agent_run_v1_organizations_org_id_agent_run_post_without_preload_content = create_agent_run_without_preload_content
    create_agent_run_v1_organizations_org_id_agent_run_post_0 = create_agent_run
    create_agent_run_v1_organizations_org_id_agent_run_post_0_with_http_info = create_agent_run_with_http_info
    create_agent_run_v1_organizations_org_id_agent_run_post_0_without_preload_content = create_agent_run_without_preload_content
    create_agent_run_v1_organizations_org_id_agent_run_post_1 = create_agent_run
    create_agent_run_v1_organizations_org_id_agent_run_post_1_with_http_info = create_agent_run_with_http_info
    create_agent_run_v1_organizations_org_id_agent_run_post_1_without_preload_content = create_agent_run_without_preload_content
    get_agent_run_v1_organizations_org_id_agent_run_agent_run_id_get = get_agent_run
    get_agent_run_v1_organizations_org_id_agent_run_agent_run_id_get_with_http_info = get_agent_run_with_http_info
    get_agent_run_v1_organizations_org_id_agent_run_agent_run_id_get_without_preload_content = get_agent_run_without_preload_content
    get_agent_run_v1_organizations_org_id_agent_run_agent_run_id_get_0 = get_agent_run
    get_agent_run_v1_organizations_org_id_agent_run_agent_run_id_get_0_with_http_info = get_agent_run_with_http_info
    get_agent_run_v1_organizations_org_id_agent_run_agent_run_id_get_0_without_preload_content = get_agent_run_without_preload_content
    get_agent_run_v1_organizations_org_id_agent_run_agent_run_id_get_1 = get_agent_run
    get_agent_run_v1_organizations_org_id_agent_run_agent_run_id_get_1_with_http_info = get_agent_run_with_http_info
    get_agent_run_v1_organizations_org_id_agent_run_agent_run_id_get_1_without_preload_content = get_agent_run_without_preload_content
    list_agent_runs_v1_organizations_org_id_agent_runs_get = list_agent_runs
    list_agent_runs_v1_organizations_org_id_agent_runs_get_with_http_info = list_agent_runs_with_http_info
    list_agent_runs_v1_organizations_org_id_agent_runs_get_without_preload_content = list_agent_runs_without_preload_content
    list_agent_runs_v1_organizations_org_id_agent_runs_get_0 = list_agent_runs
    list_agent_runs_v1_organizations_org_id_agent_runs_get_0_with_http_info = list_agent_runs_with_http_info
    list_agent_runs_v1_organizations_org_id_agent_runs_get_0_without_preload_content = list_agent_runs_without_preload_content
    list_agent_runs_v1_organizations_org_id_agent_runs_get_1 = list_agent_runs
    list_agent_runs_v1_organizations_org_id_agent_runs_get_1_with_http_info = list_agent_runs_with_http_info
    list_agent_runs_v1_organizations_org_id_agent_runs_get_1_without_preload_content = list_agent_runs_without_preload_content
    resume_agent_run_v1_organizations_org_id_agent_run_resume_post = resume_agent_run
    resume_agent_run_v1_organizations_org_id_agent_run_resume_post_with_http_info = resume_agent_run_with_http_info
    resume_agent_run_v1_organizations_org_id_agent_run_resume_post_without_preload_content = resume_agent_run_without_preload_content
    resume_agent_run_v1_organizations_org_id_agent_run_resume_post_0 = resume_agent_run
    resume_agent_run_v1_organizations_org_id_agent_run_resume_post_0_with_http_info = resume_agent_run_with_http_info
    resume_agent_run_v1_organizations_org_id_agent_run_resume_post_0_without_preload_content = resume_agent_run_without_preload_content
    resume_agent_run_v1_organizations_org_id_agent_run_resume_post_1 = resume_agent_run
    resume_agent_run_v1_organizations_org_id_agent_run_resume_post_1_with_http_info = resume_agent_run_with_http_info
    resume_agent_run_v1_organizations_org_id_agent_run_resume_post_1_without_preload_content = resume_agent_run_without_preload_content
    ban_all_checks_for_agent_run_v1_organizations_org_id_agent_run_ban_post = ban_all_checks_for_agent_run
    ban_all_checks_for_agent_run_v1_organizations_org_id_agent_run_ban_post_with_http_info = ban_all_checks_for_agent_run_with_http_info
    ban_all_checks_for_agent_run_v1_organizations_org_id_agent_run_ban_post_without_preload_content = ban_all_checks_for_agent_run_without_preload_content
    ban_all_checks_for_agent_run_v1_organizations_org_id_agent_run_ban_post_0 = ban_all_checks_for_agent_run
    ban_all_checks_for_agent_run_v1_organizations_org_id_agent_run_ban_post_0_with_http_info = ban_all_checks_for_agent_run_with_http_info
    ban_all_checks_for_agent_run_v1_organizations_org_id_agent_run_ban_post_0_without_preload_content = ban_all_checks_for_agent_run_without_preload_content
    ban_all_checks_for_agent_run_v1_organizations_org_id_agent_run_ban_post_1 = ban_all_checks_for_agent_run
    ban_all_checks_for_agent_run_v1_organizations_org_id_agent_run_ban_post_1_with_http_info = ban_all_checks_for_agent_run_with_http_info
    ban_all_checks_for_agent_run_v1_organizations_org_id_agent_run_ban_post_1_without_preload_content = ban_all_checks_for_agent_run_without_preload_content
    unban_all_checks_for_agent_run_v1_organizations_org_id_agent_run_unban_post = unban_all_checks_for_agent_run
    unban_all_checks_for_agent_run_v1_organizations_org_id_agent_run_unban_post_with_http_info = unban_all_checks_for_agent_run_with_http_info
    unban_all_checks_for_agent_run_v1_organizations_org_id_agent_run_unban_post_without_preload_content = unban_all_checks_for_agent_run_without_preload_content
    unban_all_checks_for_agent_run_v1_organizations_org_id_agent_run_unban_post_0 = unban_all_checks_for_agent_run
    unban_all_checks_for_agent_run_v1_organizations_org_id_agent_run_unban_post_0_with_http_info = unban_all_checks_for_agent_run_with_http_info
    unban_all_checks_for_agent_run_v1_organizations_org_id_agent_run_unban_post_0_without_preload_content = unban_all_checks_for_agent_run_without_preload_content
    unban_all_checks_for_agent_run_v1_organizations_org_id_agent_run_unban_post_1 = unban_all_checks_for_agent_run
    unban_all_checks_for_agent_run_v1_organizations_org_id_agent_run_unban_post_1_with_http_info = unban_all_checks_for_agent_run_with_http_info
    unban_all_checks_for_agent_run_v1_organizations_org_id_agent_run_unban_post_1_without_preload_content = unban_all_checks_for_agent_run_without_preload_content
    remove_codegen_from_pr_v1_organizations_org_id_agent_run_remove_from_pr_post = remove_codegen_from_pr
    remove_codegen_from_pr_v1_organizations_org_id_agent_run_remove_from_pr_post_with_http_info = remove_codegen_from_pr_with_http_info
    remove_codegen_from_pr_v1_organizations_org_id_agent_run_remove_from_pr_post_without_preload_content = remove_codegen_from_pr_without_preload_content
    remove_codegen_from_pr_v1_organizations_org_id_agent_run_remove_from_pr_post_0 = remove_codegen_from_pr
    remove_codegen_from_pr_v1_organizations_org_id_agent_run_remove_from_pr_post_0_with_http_info = remove_codegen_from_pr_with_http_info
    remove_codegen_from_pr_v1_organizations_org_id_agent_run_remove_from_pr_post_0_without_preload_content = remove_codegen_from_pr_without_preload_content
    remove_codegen_from_pr_v1_organizations_org_id_agent_run_remove_from_pr_post_1 = remove_codegen_from_pr
    remove_codegen_from_pr_v1_organizations_org_id_agent_run_remove_from_pr_post_1_with_http_info = remove_codegen_from_pr_with_http_info
    remove_codegen_from_pr_v1_organizations_org_id_agent_run_remove_from_pr_post_1_without_preload_content = remove_codegen_from_pr_without_preload_content
