"""The API itself: routing, rate limits, auth, validation and every operation, without sockets."""

from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass
from typing import Any, Callable, Dict, FrozenSet, List, Mapping, Optional, Sequence, Tuple
from urllib.parse import parse_qsl, unquote, urlsplit

from .auth import TokenRegistry, bearer_token
from .connections import SLACK_TOKEN_MINUTES, Connections, oauth_providers
from .directory import Directory
from .org_settings import CheckSuiteSettings, CliRules, Sandboxes
from .ratelimit import SlidingWindowLimiter
from .recording import Headers
from .responses import RATE_LIMIT_MESSAGE, Response, error_response, json_response
from .runs import WEB_PATH, AgentRun, RunLimitReached, RunStore
from .webpage import run_page
from .validation import (
    CHECK_SUITE_SETTINGS_REQUEST,
    CREATE_AGENT_RUN_INPUT,
    EDIT_PR_INPUT,
    GENERATE_SETUP_COMMANDS_INPUT,
    GENERATE_TOKEN_REQUEST,
    RESUME_AGENT_RUN_INPUT,
    STOP_AGENT_RUN_INPUT,
    BodyParseError,
    FieldSpec,
    ValidationErrors,
    body_model,
    decode_body,
    int_param,
    query_bool,
    query_enum,
    query_int,
    query_page,
    query_required,
)

SOURCE_TYPES = (
    "LOCAL", "SLACK", "GITHUB", "GITHUB_CHECK_SUITE", "GITHUB_PR_REVIEW", "LINEAR",
    "API", "CHAT", "JIRA", "CLICKUP", "MONDAY", "SETUP_COMMANDS",
)
"""``ApiAgentRunSourceType``: the values the list filter accepts."""

RUN_LIMIT_MESSAGE = (
    "Alloted agent runs for the current billing plan have been reached. Please upgrade your plan to continue."
)
NO_REPOS_MESSAGE = "No repos found in the organization. Please add some repos and try again."
USER_NOT_FOUND_MESSAGE = "User not found."

_ORG = r"/v1/organizations/([^/]+)"
_WEB_PAGE = re.compile(re.escape(WEB_PATH).replace(re.escape("{id}"), r"(\d+)"))


@dataclass(frozen=True)
class _RouteSpec:
    method: str
    pattern: "re.Pattern[str]"
    name: str
    bucket: Optional[str]  # which rate limit counts it: "create", "read", "logs", one of OPERATION_LIMITS, or None


def _route(method: str, template: str, name: str, bucket: Optional[str] = "read") -> _RouteSpec:
    return _RouteSpec(method, re.compile(template), name, bucket)


# In FastAPI's order: the first route whose path and method match wins, so
# GET .../agent/run/resume reaches the get operation (and its 422).
_ROUTES = (
    _route("POST", _ORG + r"/agent/run", "create", "create"),
    _route("GET", _ORG + r"/agent/runs", "list"),
    _route("POST", _ORG + r"/agent/run/resume", "resume"),
    _route("POST", _ORG + r"/agent/run/ban", "ban"),
    _route("POST", _ORG + r"/agent/run/unban", "unban"),
    _route("POST", _ORG + r"/agent/run/remove-from-pr", "remove-from-pr"),
    _route("GET", _ORG + r"/agent/run/([^/]+)", "get"),
    _route("GET", r"/v1/alpha/organizations/([^/]+)/agent/run/([^/]+)/logs", "logs", "logs"),
    _route("GET", r"/v1/organizations", "organizations"),
    _route("GET", r"/v1/users/me", "me"),
    _route("GET", _ORG + r"/repos", "repos"),
    # The rest of the complete contract.
    _route("GET", _ORG + r"/users", "users"),
    _route("GET", _ORG + r"/users/([^/]+)", "user"),
    _route("GET", _ORG + r"/repos/check-suite-settings", "check-suite-settings", None),
    _route("PUT", _ORG + r"/repos/check-suite-settings", "update-check-suite-settings", None),
    _route("PATCH", _ORG + r"/prs/([^/]+)", "edit-pr-simple", "pr-edits"),
    _route("PATCH", _ORG + r"/repos/([^/]+)/prs/([^/]+)", "edit-pr", "pr-edits"),
    _route("GET", _ORG + r"/integrations", "integrations"),
    _route("POST", _ORG + r"/setup-commands/generate", "setup-commands", "setup-commands"),
    _route("GET", r"/v1/mcp-providers", "mcp-providers", None),
    _route("GET", r"/v1/oauth/tokens/status", "oauth-status", None),
    _route("POST", r"/v1/oauth/tokens/revoke", "oauth-revoke", None),
    _route("POST", _ORG + r"/sandbox/([^/]+)/analyze-logs", "analyze-logs", "analyze-logs"),
    _route("GET", _ORG + r"/cli/rules", "cli-rules", "cli-rules"),
    _route("POST", r"/v1/slack-connect/generate-token", "slack-connect-token", None),
)


@dataclass(frozen=True)
class _Route:
    spec: _RouteSpec
    params: Tuple[str, ...]
    method_matches: bool


def _match(method: str, path: str) -> Optional[_Route]:
    """The route FastAPI would pick: the first full match, else the first path-only match (405)."""
    partial: Optional[_Route] = None
    for spec in _ROUTES:
        found = spec.pattern.fullmatch(path)
        if found is None:
            continue
        if spec.method == method:
            return _Route(spec, found.groups(), True)
        partial = partial or _Route(spec, found.groups(), False)
    return partial


class _Refused(Exception):
    """Ends an operation early with an error answer (422, 403...)."""

    def __init__(self, response: Response) -> None:
        super().__init__(response.status)
        self.response = response


@dataclass(frozen=True)
class _Call:
    """What an operation gets: its route's name, raw path parameters, the query, the body and the caller."""

    name: str
    params: Tuple[str, ...]
    query: Mapping[str, str]
    headers: Headers
    body: bytes
    token: str
    orgs: FrozenSet[int]


class AgentApi:
    """Answers one request the way the FastAPI service does.

    Checks run in this order: routing (404/405), rate limit (429), token (401),
    request validation (422), org membership (403), run lookup (404), the org's
    run limit (402) and its repositories (404) on create.
    """

    def __init__(
        self,
        *,
        tokens: TokenRegistry,
        runs: RunStore,
        limiters: Mapping[str, Optional[SlidingWindowLimiter]],
        extra_fields: bool,
        directory: Optional[Directory] = None,
        connections: Optional[Connections] = None,
        check_suites: Optional[CheckSuiteSettings] = None,
        cli_rules: Optional[CliRules] = None,
        sandboxes: Optional[Sandboxes] = None,
    ) -> None:
        self.tokens = tokens
        self.runs = runs
        self.limiters = dict(limiters)  # by route bucket; a bucket missing or None is not limited
        self.extra_fields = extra_fields
        self.directory = directory or Directory([])
        self.connections = connections or Connections(time.monotonic)
        self.check_suites = check_suites or CheckSuiteSettings()
        self.cli_rules = cli_rules or CliRules()
        self.sandboxes = sandboxes or Sandboxes()
        self._operations: Dict[str, Callable[[_Call], Response]] = {
            "create": self._create,
            "get": self._get,
            "list": self._list,
            "resume": self._resume,
            "ban": self._stop_action,
            "unban": self._stop_action,
            "remove-from-pr": self._stop_action,
            "logs": self._logs,
            "organizations": self._organizations,
            "me": self._me,
            "repos": self._repos,
            "users": self._users,
            "user": self._user,
            "check-suite-settings": self._check_suite_settings,
            "update-check-suite-settings": self._update_check_suite_settings,
            "edit-pr-simple": self._edit_pull_request,
            "edit-pr": self._edit_pull_request,
            "integrations": self._integrations,
            "setup-commands": self._setup_commands,
            "mcp-providers": self._mcp_providers,
            "oauth-status": self._oauth_status,
            "oauth-revoke": self._oauth_revoke,
            "analyze-logs": self._analyze_logs,
            "cli-rules": self._cli_rules,
            "slack-connect-token": self._slack_connect_token,
        }

    def handle(self, method: str, target: str, headers: Headers, body: bytes, client: str) -> Response:
        """Answer a request; ``client`` keys the rate limit of requests that carry no token."""
        split = urlsplit(target)
        path = unquote(split.path)
        web_page = _WEB_PAGE.fullmatch(path) if method == "GET" else None
        if web_page is not None:
            return self._web_page(int(web_page.group(1)))
        route = _match(method, path)
        if route is None:
            return self._not_found(method, split.path, split.query, headers)
        if not route.method_matches:
            return json_response(405, {"detail": "Method Not Allowed"}, [("Allow", route.spec.method)])

        token = bearer_token(headers)
        limiter = self.limiters.get(route.spec.bucket) if route.spec.bucket else None
        if limiter is not None:
            retry_after = limiter.acquire(f"token:{token}" if token else f"client:{client}")
            if retry_after is not None:
                return error_response(429, RATE_LIMIT_MESSAGE, [("Retry-After", str(retry_after))])

        if token is None:
            return error_response(401, "Missing or malformed Authorization header; expected 'Bearer <token>'.")
        orgs = self.tokens.orgs_of(token)
        if orgs is None:
            return error_response(401, "Invalid API token.")
        query = dict(parse_qsl(split.query, keep_blank_values=True))  # the last of repeated keys wins
        call = _Call(route.spec.name, route.params, query, headers, body, token, orgs)
        try:
            return self._operations[route.spec.name](call)
        except _Refused as refused:
            return refused.response

    # -- operations ----------------------------------------------------------

    def _create(self, call: _Call) -> Response:
        org_id, fields = self._body_call(call, CREATE_AGENT_RUN_INPUT)
        if not self.directory.repositories(org_id):
            return error_response(404, NO_REPOS_MESSAGE)
        extra = {name: fields[name] for name in ("images", "metadata", "repo_id", "model", "agent_type")}
        return self._run_response(self._start_run(call, org_id, fields["prompt"], extra))

    def _get(self, call: _Call) -> Response:
        org_id, run_id = self._run_path(call, [])
        return self._run_or_404(self.runs.poll(run_id, org_id), run_id)

    def _list(self, call: _Call) -> Response:
        user_id, errors = query_int("user_id", call.query.get("user_id"), None)
        source_type, more = query_enum("source_type", call.query.get("source_type"), SOURCE_TYPES)
        skip, limit, paging = query_page(call.query)
        org_id = _member_org(call, [], errors + more + paging)
        runs, total = self.runs.page(org_id, user_id=user_id, source_type=source_type, skip=skip, limit=limit)
        return json_response(200, _page([run.to_json(self.extra_fields) for run in runs], total, skip, limit))

    def _resume(self, call: _Call) -> Response:
        org_id, fields = self._body_call(call, RESUME_AGENT_RUN_INPUT)
        run_id = fields["agent_run_id"]
        return self._run_or_404(self.runs.resume(run_id, org_id, fields["prompt"], fields["images"] or ()), run_id)

    def _stop_action(self, call: _Call) -> Response:
        org_id, fields = self._body_call(call, STOP_AGENT_RUN_INPUT)
        run_id, name = fields["agent_run_id"], call.name
        run = self.runs.stop_action(run_id, org_id, name)
        if run is None:
            return _run_not_found(run_id)
        messages = {
            "ban": f"All checks are banned for the pull request of agent run {run_id}; its agents were stopped.",
            "unban": f"Checks are allowed again for the pull request of agent run {run_id}.",
            "remove-from-pr": f"Codegen was removed from the pull request of agent run {run_id}.",
        }
        return json_response(200, {"message": messages[name], "agent_run_id": run_id})

    def _logs(self, call: _Call) -> Response:
        skip, limit, extra_errors = query_page(call.query)
        reverse, more = query_bool("reverse", call.query.get("reverse"), False)
        org_id, run_id = self._run_path(call, extra_errors + more)
        run = self.runs.poll_logs(run_id, org_id)
        if run is None:
            return _run_not_found(run_id)
        logs = list(reversed(run.logs)) if reverse else list(run.logs)
        body = {key: value for key, value in run.to_json(True).items() if key not in ("summary", "source_type", "github_pull_requests")}
        body.update(_page(logs[skip: skip + limit], len(logs), skip, limit, items_key="logs", total_key="total_logs"))
        return json_response(200, body)

    def _organizations(self, call: _Call) -> Response:
        skip, limit, errors = query_page(call.query)
        if errors:
            return _unprocessable(errors)
        organizations = self.directory.organizations(call.orgs)
        return json_response(200, _page(organizations[skip: skip + limit], len(organizations), skip, limit))

    def _me(self, call: _Call) -> Response:
        return json_response(200, self.directory.user(call.token))

    def _repos(self, call: _Call) -> Response:
        skip, limit, errors = query_page(call.query)
        org_id = _member_org(call, [], errors)
        repositories = self.directory.repositories(org_id)
        return json_response(200, _page(repositories[skip: skip + limit], len(repositories), skip, limit))

    def _web_page(self, run_id: int) -> Response:
        """A run's ``web_url``: a page for a person's browser, with no token asked and no poll counted."""
        run = self.runs.peek(run_id)
        if run is None:
            return Response(404, f"No agent run {run_id} here.\n".encode(), content_type="text/plain; charset=utf-8")
        return Response(200, run_page(run).encode("utf-8"), content_type="text/html; charset=utf-8")
    # -- the rest of the complete contract -------------------------------------------

    def _members(self, org_id: int) -> List[Dict[str, Any]]:
        """The ``UserResponse`` of every user of the org's tokens, by id."""
        users: Dict[int, Dict[str, Any]] = {}
        for token in self.tokens.members(org_id):
            user = self.directory.user(token)
            users.setdefault(user["id"], user)
        return [users[user_id] for user_id in sorted(users)]

    def _users(self, call: _Call) -> Response:
        skip, limit, errors = query_page(call.query)
        users = self._members(_member_org(call, [], errors))
        return json_response(200, _page(users[skip: skip + limit], len(users), skip, limit))

    def _user(self, call: _Call) -> Response:
        user_id, errors = int_param("user_id", call.params[1])
        users = self._members(_member_org(call, [], errors))
        user = next((user for user in users if user["id"] == user_id), None)
        return error_response(404, USER_NOT_FOUND_MESSAGE) if user is None else json_response(200, user)

    def _repository_id(self, call: _Call) -> Tuple[Optional[int], ValidationErrors]:
        raw = call.query.get("repo_id")
        repo_id, errors = query_int("repo_id", raw, None)
        return repo_id, query_required("repo_id", raw) + errors

    def _known_repository(self, org_id: int, repo_id: Optional[int]) -> Dict[str, Any]:
        repo = None if repo_id is None else self.directory.repository(org_id, repo_id)
        if repo is None:
            raise _Refused(json_response(404, {"detail": "Repository not found"}))
        return repo

    def _check_suite_settings(self, call: _Call) -> Response:
        repo_id, errors = self._repository_id(call)
        org_id = _member_org(call, [], errors)
        repo = self._known_repository(org_id, repo_id)
        return json_response(200, self.check_suites.get(org_id, repo["id"]))

    def _update_check_suite_settings(self, call: _Call) -> Response:
        repo_id, errors = self._repository_id(call)
        org_id, fields = self._body_call(call, CHECK_SUITE_SETTINGS_REQUEST, errors)
        repo = self._known_repository(org_id, repo_id)
        settings = self.check_suites.update(org_id, repo["id"], fields)
        return json_response(200, {"success": True, "message": "Check suite settings updated.", "settings": settings})

    def _edit_pull_request(self, call: _Call) -> Response:
        names = ("repo_id", "pr_id") if call.name == "edit-pr" else ("pr_id",)
        ids: List[Optional[int]] = []
        errors: ValidationErrors = []
        for name, raw in zip(names, call.params[1:]):
            value, more = int_param(name, raw)
            ids.append(value)
            errors += more
        org_id, fields = self._body_call(call, EDIT_PR_INPUT, errors)
        pr_id = ids[-1]
        assert pr_id is not None

        def in_repository(run_repo_id: Optional[int]) -> bool:
            """Whether the run works in the repository the path names, if it names one."""
            if len(ids) == 1:
                return True
            repo = self.directory.run_repository(org_id, run_repo_id)
            return repo is not None and repo["id"] == ids[0]

        # A draft made ready for review is an open pull request.
        state = "open" if fields["state"] == "ready_for_review" else fields["state"]
        pr = self.runs.set_pull_request_state(org_id, pr_id, state, in_repository)
        if pr is None:
            where = f" in repository {ids[0]}" if len(ids) == 2 else ""
            return json_response(200, {
                "success": False, "url": None, "number": None, "title": None, "state": None,
                "error": f"Pull request {pr_id} not found{where}.",
            })
        number = re.search(r"/pull/([0-9]+)$", str(pr.get("url") or ""))
        return json_response(200, {
            "success": True, "url": pr.get("url"), "number": int(number.group(1)) if number else None,
            "title": pr.get("title"), "state": state, "error": None,
        })

    def _integrations(self, call: _Call) -> Response:
        org_id = _member_org(call, [])
        members = [user["id"] for user in self._members(org_id)]
        integrations = self.connections.integrations(org_id, members)
        return json_response(200, {
            "organization_id": org_id,
            "organization_name": self.directory.organizations(frozenset({org_id}))[0]["name"],
            "integrations": integrations,
            "total_active_integrations": sum(1 for each in integrations if each["active"]),
        })

    def _start_run(
        self, call: _Call, org_id: int, prompt: str, fields: Mapping[str, Any], source_type: Optional[str] = None
    ) -> AgentRun:
        """A run of the caller's, or 402 once the org has used its runs; ``source_type`` None lets the script say."""
        user_id = self.directory.user(call.token)["id"]
        try:
            return self.runs.create(org_id, prompt, user_id=user_id, fields=fields, source_type=source_type)
        except RunLimitReached:
            raise _Refused(error_response(402, RUN_LIMIT_MESSAGE)) from None

    def _setup_commands(self, call: _Call) -> Response:
        org_id, fields = self._body_call(call, GENERATE_SETUP_COMMANDS_INPUT)
        repo = self._known_repository(org_id, fields["repo_id"])
        prompt = f"Generate the setup commands of {repo['full_name']}."
        if fields["prompt"]:
            prompt += f" {fields['prompt']}"
        run = self._start_run(call, org_id, prompt, _run_fields(repo["id"]), "SETUP_COMMANDS")
        return json_response(200, {"agent_run_id": run.id, "status": run.status, "url": run.web_url})

    def _analyze_logs(self, call: _Call) -> Response:
        sandbox_id, errors = int_param("sandbox_id", call.params[1])
        org_id = _member_org(call, errors)  # FastAPI's order: sandbox_id, then org_id
        assert sandbox_id is not None
        sandbox = self.sandboxes.find(org_id, sandbox_id)
        if sandbox is None:
            return json_response(404, {"detail": "Sandbox not found"})
        if not sandbox.logs:
            return json_response(400, {"detail": "No logs available for analysis"})
        prompt = (
            f"Analyze the setup logs of sandbox {sandbox_id}: find the errors, explain what went wrong "
            "and suggest fixes."
        )
        run = self._start_run(call, org_id, prompt, _run_fields(sandbox.repo_id), "API")
        message = f"An agent is analyzing the setup logs of sandbox {sandbox_id}; follow agent run {run.id}."
        return json_response(200, {"agent_run_id": run.id, "status": run.status, "message": message})

    def _mcp_providers(self, call: _Call) -> Response:
        return json_response(200, [provider for provider in oauth_providers() if provider["is_mcp"]])

    def _query_org(self, call: _Call, before: Sequence[Dict[str, Any]] = ()) -> int:
        """The ``org_id`` query parameter, once the request is valid (422) and the caller a member (403)."""
        raw = call.query.get("org_id")
        org_id, errors = query_int("org_id", raw, None)
        return _checked_org(call, org_id, list(before) + query_required("org_id", raw) + errors)

    def _oauth_status(self, call: _Call) -> Response:
        org_id = self._query_org(call)
        return json_response(200, self.connections.connected(org_id, self.directory.user(call.token)["id"]))

    def _oauth_revoke(self, call: _Call) -> Response:
        provider = call.query.get("provider")
        org_id = self._query_org(call, query_required("provider", provider))
        assert provider is not None
        revoked = self.connections.revoke(org_id, self.directory.user(call.token)["id"], provider)
        message = f"Revoked the {provider} token." if revoked else f"No active {provider} token to revoke."
        return json_response(200, {"success": True, "message": message, "revoked_tokens": revoked})

    def _cli_rules(self, call: _Call) -> Response:
        org_id = _member_org(call, [])
        return json_response(200, self.cli_rules.get(org_id, self.directory.user(call.token)["id"]))

    def _slack_connect_token(self, call: _Call) -> Response:
        fields, errors = _body_fields(call, GENERATE_TOKEN_REQUEST)
        org_id = _checked_org(call, None if fields is None else fields["org_id"], errors)
        token = self.connections.new_slack_token(org_id, self.directory.user(call.token)["id"])
        message = (
            f'Send "Connect my account: {token}" to the Codegen bot in a Slack DM. '
            f"The token can be used once and expires in {SLACK_TOKEN_MINUTES} minutes."
        )
        return json_response(200, {"token": token, "message": message, "expires_in_minutes": SLACK_TOKEN_MINUTES})

    # -- shared steps ----------------------------------------------------------

    def _body_call(
        self, call: _Call, model: Sequence[FieldSpec], more: Sequence[Dict[str, Any]] = ()
    ) -> Tuple[int, Dict[str, Any]]:
        """Decode and validate an org-scoped request with a body: the org id and the body's fields.

        ``more`` are the errors of the parameters after ``org_id``, reported before the body's.
        """
        fields, body_errors = _body_fields(call, model)
        return _member_org(call, [], list(more) + body_errors), fields or {}

    def _run_path(self, call: _Call, query_errors: ValidationErrors) -> Tuple[int, int]:
        """The org and run ids of ``.../{org_id}/agent/run/{agent_run_id}``."""
        # FastAPI reports path parameters in signature order (agent_run_id, then org_id), then the query.
        run_id, errors = int_param("agent_run_id", call.params[1])
        org_id = _member_org(call, errors, query_errors)
        assert run_id is not None
        return org_id, run_id

    def _run_response(self, run: AgentRun) -> Response:
        return json_response(200, run.to_json(self.extra_fields))

    def _run_or_404(self, run: Optional[AgentRun], run_id: int) -> Response:
        return _run_not_found(run_id) if run is None else self._run_response(run)

    def _not_found(self, method: str, raw_path: str, query: str, headers: Headers) -> Response:
        # Starlette's redirect_slashes: the same path with/without a trailing slash -> 307.
        other = raw_path[:-1] if raw_path.endswith("/") else raw_path + "/"
        if other != "" and _match(method, unquote(other)) is not None:
            host = headers.get("host", "127.0.0.1")
            location = f"http://{host}{other}" + (f"?{query}" if query else "")
            return Response(307, b"", (("Location", location),))
        return json_response(404, {"detail": "Not Found"})


def _body_fields(call: _Call, model: Sequence[FieldSpec]) -> Tuple[Optional[Dict[str, Any]], ValidationErrors]:
    """The body decoded and checked against ``model``; a body that cannot be decoded ends the call."""
    try:
        value, errors = decode_body(call.body, call.headers.get("content-type"))
    except BodyParseError:
        raise _Refused(json_response(400, {"detail": "There was an error parsing the body"})) from None
    if errors:  # FastAPI reports a JSON decode error on its own, before any parameter
        raise _Refused(_unprocessable(errors))
    return body_model(value, model)


def _member_org(call: _Call, before: Sequence[Dict[str, Any]], after: Sequence[Dict[str, Any]] = ()) -> int:
    """The ``org_id`` path parameter, once the request is valid (422) and the caller a member (403)."""
    org_id, errors = int_param("org_id", call.params[0])
    return _checked_org(call, org_id, list(before) + errors + list(after))


def _checked_org(call: _Call, org_id: Optional[int], errors: ValidationErrors) -> int:
    """``org_id`` once the request is valid (else 422 with ``errors``) and the caller a member (else 403)."""
    if errors or org_id is None:
        raise _Refused(_unprocessable(errors))
    if org_id not in call.orgs:
        raise _Refused(_forbidden(org_id))
    return org_id


def _run_fields(repo_id: Optional[int]) -> Dict[str, Any]:
    """The create body's other inputs for a run another operation starts: only its repository."""
    return {"repo_id": repo_id, "images": None, "metadata": None, "model": None, "agent_type": None}


def _page(
    items: List[Any], total: int, skip: int, limit: int, *, items_key: str = "items", total_key: str = "total"
) -> Dict[str, Any]:
    """A fastapi-pagination page: ``page`` counts from 1, ``size`` is the limit asked for."""
    return {items_key: items, total_key: total, "page": skip // limit + 1, "size": limit, "pages": math.ceil(total / limit)}


def _unprocessable(errors: ValidationErrors) -> Response:
    return json_response(422, {"detail": errors})


def _forbidden(org_id: int) -> Response:
    return error_response(403, f"You are not a member of organization {org_id}.")


def _run_not_found(run_id: int) -> Response:
    return error_response(404, f"Agent run {run_id} not found.")
