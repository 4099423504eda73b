"""The agent-run endpoints: create, get, list, resume, the PR actions, and waiting.

Each operation is defined once (see `openapi_client.api.operation`); the
generated names, with the ``_0``/``_1`` repeats (the contract lists the
``agents`` tag three times), are class-level aliases of its three methods.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, Iterable, Iterator, List, Optional, Union

# The models are built on first use, to keep `import openapi_client` fast: the
# annotations name them through their lazy namespaces, `models` and `openapi_client`,
# so that `typing.get_type_hints` still resolves them.
import openapi_client  # noqa: F401 - named by the return type of the _with_http_info methods
import urllib3  # noqa: F401 - named by the return type of the _without_preload_content methods
from openapi_client.api_client import ApiClient, RequestSerialized  # noqa: F401 - as generated; tests patch ApiClient here
from openapi_client import models, watching
from openapi_client.api.operation import (
    MAX_PAGE_SIZE, ApiBase, Endpoint, Headers, Prepared, RequestAuth, RequestOptions, RequestTimeout, RetriesSetting,
    check_enum_or_str, check_int, check_page, check_query_int, public_methods, query_params, responses,
)
from openapi_client.exceptions import ApiTypeError

CreateBody = Union["models.CreateAgentRunInput", Dict[str, Any]]
ResumeBody = Union["models.ResumeAgentRunInput", Dict[str, Any]]
StopBody = Union["models.StopAgentRunInput", Dict[str, Any]]
SourceType = Union["models.ApiAgentRunSourceType", str]
OnUpdate = Callable[["models.AgentRunResponse"], Any]
PromptOrInput = Union[str, "models.CreateAgentRunInput", Dict[str, Any]]

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


class AgentsApi(ApiBase):
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

    # -- waiting --------------------------------------------------------------------

    def wait_for_agent_run(
        self,
        agent_run_id: int,
        org_id: int,
        *,
        timeout: Optional[float] = None,
        poll_interval: Optional[float] = None,
        on_update: Optional[OnUpdate] = None,
        progress: Optional[bool] = None,
    ) -> models.AgentRunResponse:
        """Poll the run until its status is final (``COMPLETE``, ``FAILED``...) and return it.

        Polls start about `poll_interval` (1 s) apart and spread out to 10 s
        while nothing changes, within a rate budget shared by every wait in
        the process; a 429 pauses them for its ``Retry-After``. See docs/Waiting.md.

        :param timeout: seconds to wait at most; None waits as long as the run takes.
        :param on_update: called with the run once per status change.
        :param progress: None shows progress in a notebook or on a terminal's
            stderr, False never, True always as text on stderr.
        :raises AgentRunTimeoutError: `timeout` passed; ``.run`` is the last state
            seen, and the run goes on.
        :raises KeyboardInterrupt: Ctrl-C; its message says the run goes on, and where.
        :raises ApiException: a poll failed other than by a rate limit.
        """
        check_int("wait_for_agent_run", "agent_run_id", agent_run_id)
        check_int("wait_for_agent_run", "org_id", org_id)
        from openapi_client import waiting

        options = waiting.WaitOptions(timeout, poll_interval, on_update, progress)
        return waiting.wait_for_run(self, agent_run_id, org_id, options)

    def create_agent_run_and_wait(
        self,
        org_id: int,
        prompt_or_input: PromptOrInput,
        *,
        timeout: Optional[float] = None,
        poll_interval: Optional[float] = None,
        on_update: Optional[OnUpdate] = None,
        progress: Optional[bool] = None,
    ) -> models.AgentRunResponse:
        """Create a run from a prompt (a str, a dict or a `CreateAgentRunInput`) and wait for its end.

        `timeout` counts from before the run is created; the other keywords
        are those of `wait_for_agent_run`.
        """
        check_int("create_agent_run_and_wait", "org_id", org_id)
        from openapi_client import waiting

        options = waiting.WaitOptions(timeout, poll_interval, on_update, progress)
        return waiting.create_and_wait(self, org_id, prompt_or_input, options)

    def resume_agent_run_and_wait(
        self,
        org_id: int,
        agent_run_id: int,
        prompt: str,
        *,
        images: Optional[List[str]] = None,
        timeout: Optional[float] = None,
        poll_interval: Optional[float] = None,
        on_update: Optional[OnUpdate] = None,
        progress: Optional[bool] = None,
    ) -> models.AgentRunResponse:
        """Resume the run with a follow-up `prompt` and wait for the end of that follow-up.

        Returns the run's NEXT end, never the one it had before the resume,
        even when the first polls still show that one: the run is read once
        before the resume to tell them apart. `images` are data URIs sent
        with the prompt; the other keywords are those of `wait_for_agent_run`.
        See docs/Waiting.md.
        """
        name = "resume_agent_run_and_wait"
        check_int(name, "org_id", org_id)
        check_int(name, "agent_run_id", agent_run_id)
        from openapi_client import waiting

        options = waiting.WaitOptions(timeout, poll_interval, on_update, progress)
        return waiting.resume_and_wait(self, org_id, agent_run_id, prompt, images, options)

    def wait_for_agent_runs(
        self,
        agent_run_ids: Iterable[int],
        org_id: int,
        *,
        timeout: Optional[float] = None,
        poll_interval: Optional[float] = None,
        on_update: Optional[OnUpdate] = None,
        progress: Optional[bool] = None,
    ) -> Dict[int, models.AgentRunResponse]:
        """Wait for many runs at once; returns ``{id: final run}`` in the order given.

        Each poll cycle reads the list of the org's runs (100 per request)
        rather than each run, so runs on its first page cost one request per
        cycle whatever their number; a run further down is read by itself.
        A ``PAUSED`` run counts as done. On a timeout, `AgentRunTimeoutError.runs`
        holds the last state of each run. `progress` shows a count on a
        terminal and a table in Jupyter. See docs/Waiting.md.
        """
        name = "wait_for_agent_runs"
        if isinstance(agent_run_ids, (str, bytes)) or not isinstance(agent_run_ids, Iterable):
            raise ApiTypeError(f"{name}: agent_run_ids must be an iterable of run ids, not {type(agent_run_ids).__name__}")
        ids = list(agent_run_ids)
        for run_id in ids:
            check_int(name, "agent_run_ids", run_id)
        check_int(name, "org_id", org_id)
        from openapi_client import many_runs, waiting

        options = waiting.WaitOptions(timeout, poll_interval, on_update, progress)
        return many_runs.wait_for_runs(self, ids, org_id, options) if ids else {}

    # -- many runs, and logs -----------------------------------------------------------

    def iter_agent_runs(
        self,
        org_id: int,
        *,
        user_id: Optional[int] = None,
        source_type: Optional[SourceType] = None,
        page_size: int = 100,
        limit: Optional[int] = None,
    ) -> Iterator[models.AgentRunResponse]:
        """Every run of the org, newest first, page after page as the iteration goes on.

        Lazy: taking the first few runs costs one request. Runs created while
        it pages are neither repeated nor skipped (runs are told apart by id).
        `page_size` is runs per request (1 to 100); `limit` the most runs to give.
        The arguments are checked here, before anything is sent.
        """
        name = "iter_agent_runs"
        check_query_int(name, "user_id", user_id)
        check_enum_or_str(name, "source_type", source_type, "ApiAgentRunSourceType")
        check_int(name, "page_size", page_size)
        check_query_int(name, "page_size", page_size, 1, MAX_PAGE_SIZE)
        check_query_int(name, "limit", limit, 1)
        from openapi_client import paging

        return paging.iter_runs(self, org_id, user_id, source_type, page_size, limit)

    def follow_agent_run_logs(
        self,
        agent_run_id: int,
        org_id: int,
        *,
        timeout: Optional[float] = None,
        poll_interval: Optional[float] = None,
    ) -> Iterator[models.AgentRunLogResponse]:
        """The run's log entries as the agent writes them, each once and in order, until the run ends.

        Asks only for entries not seen yet, within the process's logs budget
        (the API allows 60 logs requests per 60 s, shared by every follower),
        and waits out the 404 a new run's logs can give at first. See docs/Logs.md.

        :raises AgentRunTimeoutError: `timeout` seconds passed before the run ended.
        """
        name = "follow_agent_run_logs"
        check_int(name, "agent_run_id", agent_run_id)
        check_int(name, "org_id", org_id)
        from openapi_client import log_following, waiting

        waiting.WaitOptions(timeout, poll_interval)  # checks them now, not at the first next()
        return log_following.follow(self, agent_run_id, org_id, timeout, poll_interval)

    watch_agent_runs = watching.watch_agent_runs  # the watch's helper, defined with the watch (docs/Watch.md)
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
