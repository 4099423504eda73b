"""The API itself: routing, rate limits, auth, validation and the two endpoints, without sockets."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Tuple
from urllib.parse import unquote, urlsplit

from .auth import TokenRegistry, bearer_token
from .ratelimit import SlidingWindowLimiter
from .recording import Headers
from .responses import RATE_LIMIT_MESSAGE, Response, error_response, json_response
from .runs import RunStore
from .validation import BodyParseError, ValidationErrors, create_input, decode_body, int_param

_CREATE_ROUTE = re.compile(r"/v1/organizations/([^/]+)/agent/run")
_GET_ROUTE = re.compile(r"/v1/organizations/([^/]+)/agent/run/([^/]+)")


@dataclass(frozen=True)
class _Route:
    method: str
    params: Tuple[str, ...]


def _match(path: str) -> Optional[_Route]:
    """The route whose path template matches (whatever the method), with its raw parameters."""
    found = _CREATE_ROUTE.fullmatch(path)
    if found:
        return _Route("POST", found.groups())
    found = _GET_ROUTE.fullmatch(path)
    if found:
        return _Route("GET", found.groups())
    return None


class AgentApi:
    """Answers one request the way the FastAPI service does.

    Checks run in this order: routing (404/405), rate limit (429), token (401),
    request validation (422), org membership (403), run lookup (404).
    """

    def __init__(
        self,
        *,
        tokens: TokenRegistry,
        runs: RunStore,
        create_limiter: Optional[SlidingWindowLimiter],
        read_limiter: Optional[SlidingWindowLimiter],
        extra_fields: bool,
    ) -> None:
        self.tokens = tokens
        self.runs = runs
        self.create_limiter = create_limiter
        self.read_limiter = read_limiter
        self.extra_fields = extra_fields

    def handle(self, method: str, target: str, headers: Headers, body: bytes, client: str) -> Response:
        """Answer a request; ``client`` keys the rate limit of requests that carry no token."""
        split = urlsplit(target)
        path = unquote(split.path)
        route = _match(path)
        if route is None:
            return self._not_found(split.path, split.query, headers)
        if method != route.method:
            return json_response(405, {"detail": "Method Not Allowed"}, [("Allow", route.method)])

        token = bearer_token(headers)
        limiter = self.create_limiter if route.method == "POST" else self.read_limiter
        if limiter is not None:
            retry_after = limiter.acquire(f"token:{token}" if token else f"client:{client}")
            if retry_after is not None:
                return error_response(429, RATE_LIMIT_MESSAGE, [("Retry-After", str(retry_after))])

        if token is None:
            return error_response(401, "Missing or malformed Authorization header; expected 'Bearer <token>'.")
        orgs = self.tokens.orgs_of(token)
        if orgs is None:
            return error_response(401, "Invalid API token.")

        if route.method == "POST":
            return self._create(route.params[0], headers, body, orgs)
        return self._get(route.params[0], route.params[1], orgs)

    def _create(self, raw_org: str, headers: Headers, body: bytes, orgs: frozenset[int]) -> Response:
        try:
            value, errors = decode_body(body, headers.get("content-type"))
        except BodyParseError:
            return json_response(400, {"detail": "There was an error parsing the body"})
        if errors:  # FastAPI reports a JSON decode error on its own, before any parameter
            return _unprocessable(errors)
        org_id, errors = int_param("org_id", raw_org)
        prompt, body_errors = create_input(value)
        errors += body_errors
        if errors or org_id is None or prompt is None:
            return _unprocessable(errors)
        if org_id not in orgs:
            return _forbidden(org_id)
        run = self.runs.create(org_id, prompt)
        return json_response(200, run.to_json(self.extra_fields))

    def _get(self, raw_org: str, raw_run: str, orgs: frozenset[int]) -> Response:
        # FastAPI reports path parameters in signature order: agent_run_id, then org_id.
        run_id, errors = int_param("agent_run_id", raw_run)
        org_id, org_errors = int_param("org_id", raw_org)
        errors += org_errors
        if errors or run_id is None or org_id is None:
            return _unprocessable(errors)
        if org_id not in orgs:
            return _forbidden(org_id)
        run = self.runs.poll(run_id, org_id)
        if run is None:
            return error_response(404, f"Agent run {run_id} not found.")
        return json_response(200, run.to_json(self.extra_fields))

    def _not_found(self, raw_path: str, query: str, headers: Headers) -> Response:
        # Starlette's redirect_slashes: the same path with/without a trailing slash -> 307.
        other = raw_path[:-1] if raw_path.endswith("/") else raw_path + "/"
        if other != "" and _match(unquote(other)) is not None:
            host = headers.get("host", "127.0.0.1")
            location = f"http://{host}{other}" + (f"?{query}" if query else "")
            return Response(307, b"", (("Location", location),))
        return json_response(404, {"detail": "Not Found"})


def _unprocessable(errors: ValidationErrors) -> Response:
    return json_response(422, {"detail": errors})


def _forbidden(org_id: int) -> Response:
    return error_response(403, f"You are not a member of organization {org_id}.")
