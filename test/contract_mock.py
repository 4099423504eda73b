"""A test server that holds every request to the live contract, `openapi.json`.

`ContractMock` listens on 127.0.0.1 and checks each request against the
contract alone, not against what the SDK or the emulator do:

- the path against the contract's path templates, and the method against
  the operations of the matching path;
- path, query and header parameters: names known, required ones present,
  none repeated, and each value (a string on the wire, read as the schema's
  integer, number or boolean when it is one) against its schema: type,
  ``minimum``/``maximum``, ``enum``, ``anyOf`` with null, ``$ref``;
- the body: a JSON body with a ``Content-Type`` the operation accepts, when
  and only when the operation takes one, against its requestBody schema;
- ``Accept``: it must accept the media type of the operation's 200 answer.

Schemas are checked by `jsonschema` (the contract is OpenAPI 3.1, whose
schemas are JSON Schema 2020-12), after two changes to a copy of the
contract: every ``$ref`` points into that copy, and an object schema that
lists its properties and says nothing of ``additionalProperties`` is closed.
The second is stricter than the contract (the API ignores fields it does not
know): the SDK must not send a field that the API would drop unseen.

A valid request gets 200 with a body that fits the operation's 200 schema
(the realistic bodies of `model_examples`, else one made from the schema);
each such body is checked against its schema when the mock is built. Given
a `seed`, the mock answers each valid request with a new random body that
fits the schema instead (`Contract.sample`: optional fields present or not,
nulls where allowed, any enum value, unusual strings and numbers within the
bounds), which it checks before sending. An invalid request gets 400 with
``{"operation": ..., "problems": [...]}``. Every request is recorded, with
the answer it got, in `ContractMock.requests`.
"""

from __future__ import annotations

import copy
import json
import random
import re
import threading
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Dict, List, NamedTuple, Optional, Set, Tuple
from urllib.parse import parse_qsl, unquote, urlsplit

import jsonschema
import referencing
import referencing.jsonschema

from test.model_examples import (
    ANALYSIS_RUN,
    CHECK_SETTINGS,
    CLI_RULES,
    INTEGRATIONS,
    MCP_PROVIDER,
    ORGANIZATION,
    PENDING_RUN,
    PR_EDIT,
    REPO,
    RUN,
    SETUP_RUN,
    SLACK_TOKEN,
    USER,
    WITH_LOGS,
    page,
)

CONTRACT = Path(__file__).resolve().parent.parent / "openapi.json"
_BASE = "urn:contract"
_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

#: The answers of valid requests, by the name of the 200 schema; any other schema gets one made from it.
EXAMPLES: Dict[str, Any] = {
    "AgentRunResponse": RUN,
    "Page_AgentRunResponse_": page([RUN, PENDING_RUN]),
    "AgentRunWithLogsResponse": WITH_LOGS,
    "Page_OrganizationResponse_": page([ORGANIZATION]),
    "UserResponse": USER,
    "Page_RepoResponse_": page([REPO]),
    "Page_UserResponse_": page([USER]),
    "CheckSuiteSettingsResponse": CHECK_SETTINGS,
    "EditPRResponse": PR_EDIT,
    "OrganizationIntegrationsResponse": INTEGRATIONS,
    "SetupCommandsResponse": SETUP_RUN,
    "AnalyzeLogsResponse": ANALYSIS_RUN,
    "CLIRulesResponse": CLI_RULES,
    "GenerateTokenResponse": SLACK_TOKEN,
}
#: The answer for a 200 schema that allows any JSON (the PR actions).
ANY_JSON: Dict[str, Any] = {"message": "Done.", "agent_run_id": RUN["id"]}
#: The answers of the operations whose 200 schema is written in place, by short name (else `ANY_JSON`).
INLINE_ANSWERS: Dict[str, Any] = {
    "get_mcp_providers": [MCP_PROVIDER],
    "get_oauth_token_status": ["slack", "linear"],
    "revoke_oauth_token": {"message": "Disconnected linear."},
    "update_check_suite_settings": {"message": "Check suite settings updated.", "repo_id": REPO["id"]},
}
#: Strings the random answers draw from: empty, spaces, quotes, escapes, non-ASCII, astral.
ODD_STRINGS = ("", " ", "x", "O'Brien \"quoted\"", "back\\slash\n\ttab", "naïve café", "日本語", "🚀 emoji", "null", "0")


class Operation(NamedTuple):
    method: str  # upper case
    template: str
    pattern: "re.Pattern[str]"
    spec: Dict[str, Any]  # the operation object, in the prepared copy of the contract

    @property
    def operation_id(self) -> str:
        return str(self.spec["operationId"])


class Checked(NamedTuple):
    operation: Optional[Operation]  # None when no operation of the contract matches
    problems: List[str]


class Seen(NamedTuple):
    """A request as the mock received it, what it found wrong with it, and the JSON it answered."""

    method: str
    target: str
    headers: Dict[str, str]
    body: bytes
    operation_id: Optional[str]
    problems: List[str]
    answer: Any = None

    def json(self) -> Any:
        return json.loads(self.body)


class Contract:
    """The contract's operations, and the checks of a request against them."""

    def __init__(self, path: Path = CONTRACT, closed_objects: bool = True) -> None:
        document = json.loads(path.read_text(encoding="utf-8"))
        self.document = _prepare(document, closed_objects)
        resource = referencing.jsonschema.DRAFT202012.create_resource(self.document)
        self._registry: referencing.Registry[Any] = referencing.Registry().with_resource(_BASE, resource)
        self.operations: List[Operation] = []
        for template, item in self.document["paths"].items():
            pattern = re.compile(
                "".join(
                    f"(?P<{part[1:-1]}>[^/]+)" if part.startswith("{") else re.escape(part)
                    for part in re.split(r"(\{[^}]+\})", template)
                )
            )
            for method in _METHODS:
                if method in item:
                    self.operations.append(Operation(method.upper(), template, pattern, item[method]))
        # Literal paths before templated ones, so that ``/agent/run/resume`` is not read as a run id.
        self.operations.sort(key=lambda op: op.template.count("{"))
        self.answers = {op.operation_id: self._answer(op) for op in self.operations}

    # -- schemas ---------------------------------------------------------------

    def problems(self, where: str, schema: Any, value: Any) -> List[str]:
        """What is wrong with `value` under `schema`, each message starting with `where`."""
        validator = jsonschema.Draft202012Validator(schema, registry=self._registry)
        return [
            _message(where, error)
            for error in sorted(validator.iter_errors(value), key=lambda e: list(map(str, e.absolute_path)))
        ]

    def _answer(self, operation: Operation) -> Any:
        schema = self.answer_schema(operation)
        ref = schema.get("$ref", "")
        if ref:
            answer = EXAMPLES.get(ref.rsplit("/", 1)[-1])
        else:
            answer = INLINE_ANSWERS.get(operation.operation_id.split("_v1_")[0], ANY_JSON)
        if answer is None:
            answer = self._make(schema)
        wrong = self.problems(f"the 200 answer of {operation.operation_id}", schema, answer)
        if wrong:
            raise AssertionError("; ".join(wrong))
        return answer

    def _make(self, schema: Dict[str, Any]) -> Any:
        """The smallest value that fits `schema` (required properties only, first branch of an anyOf)."""
        if "$ref" in schema:
            return self._make(self._registry.resolver().lookup(schema["$ref"]).contents)
        if "anyOf" in schema:
            return self._make(schema["anyOf"][0])
        if "enum" in schema:
            return schema["enum"][0]
        kind = str(schema.get("type"))
        if kind == "object":
            return {name: self._make(schema["properties"][name]) for name in schema.get("required", ())}
        return {"array": [], "string": "x", "integer": 1, "number": 1.0, "boolean": False, "null": None}.get(kind, {})

    def answer_schema(self, operation: Operation) -> Dict[str, Any]:
        """The schema of the operation's 200 answer, which must be JSON."""
        content = operation.spec["responses"]["200"].get("content", {})
        if "application/json" not in content:
            raise AssertionError(f"{operation.operation_id}: the mock answers JSON only, the contract says {content}")
        return content["application/json"]["schema"]  # type: ignore[no-any-return]

    def sample(self, schema: Dict[str, Any], rng: random.Random, depth: int = 0) -> Any:
        """A random value that fits `schema`, drawn with `rng`: every branch, bound and null may come up."""
        if "$ref" in schema:
            return self.sample(self._registry.resolver().lookup(schema["$ref"]).contents, rng, depth)
        if "anyOf" in schema:
            return self.sample(rng.choice(schema["anyOf"]), rng, depth)
        if "enum" in schema:
            return rng.choice(schema["enum"])
        kind = schema.get("type")
        if kind is None:  # any JSON at all
            return self._any_json(rng, depth)
        if kind == "object":
            value = {
                name: self.sample(sub, rng, depth + 1)
                for name, sub in schema.get("properties", {}).items()
                # Defaults are always given, so that the decoded model's to_dict() is the answer again.
                if name in schema.get("required", ()) or "default" in sub or rng.random() < 0.5
            }
            extra = schema.get("additionalProperties")
            if extra is True or isinstance(extra, dict) and extra:
                for n in range(rng.randint(0, 3)):
                    key = rng.choice(ODD_STRINGS) + str(n)
                    value.setdefault(key, self._any_json(rng, depth + 1) if extra is True else self.sample(extra, rng, depth + 1))
            return value
        if kind == "array":
            return [self.sample(schema.get("items", {}), rng, depth + 1) for _ in range(rng.randint(0, 3))]
        if kind == "string":
            return rng.choice(ODD_STRINGS)
        if kind == "integer":
            low, high = int(schema.get("minimum", -(2**53))), int(schema.get("maximum", 2**53))
            return rng.choice([low, high, rng.randint(low, high), max(low, min(high, 0))])
        if kind == "number":
            return rng.choice([0.0, -1.5, 1e300, rng.uniform(-1e6, 1e6)])
        return {"boolean": rng.random() < 0.5, "null": None}[str(kind)]

    def _any_json(self, rng: random.Random, depth: int) -> Any:
        kinds = ["string", "integer", "number", "boolean", "null"] + (["object", "array"] if depth < 3 else [])
        kind = rng.choice(kinds)
        if kind == "object":
            return {rng.choice(ODD_STRINGS) + str(n): self._any_json(rng, depth + 1) for n in range(rng.randint(0, 3))}
        if kind == "array":
            return [self._any_json(rng, depth + 1) for _ in range(rng.randint(0, 3))]
        return self.sample({"type": kind}, rng, depth)

    # -- requests --------------------------------------------------------------

    def check(self, method: str, target: str, headers: Message, body: bytes) -> Checked:
        """Match the request to an operation, and list everything in it that the contract refuses."""
        url = urlsplit(target)
        matches = [(op, m) for op in self.operations for m in [op.pattern.fullmatch(url.path)] if m]
        if not matches:
            return Checked(None, [f"path: no path of the contract matches {url.path!r}"])
        chosen = next(((op, m) for op, m in matches if op.method == method), None)
        if chosen is None:
            allowed = sorted({op.method for op, _ in matches})
            return Checked(None, [f"method: {method} is not an operation of {url.path!r}; it has {allowed}"])
        operation, match = chosen
        problems: List[str] = []
        params = {(p["in"], p["name"]): p for p in operation.spec.get("parameters", ())}
        for name, raw in match.groupdict().items():
            problems += self._parameter("path", name, params[("path", name)]["schema"], unquote(raw))
        problems += self._query(url.query, params)
        for (where, name), param in params.items():
            value = headers.get(str(name)) if where == "header" else None
            if value is not None:
                problems += self._parameter("header", name, param["schema"], value)
            elif where == "header" and param.get("required"):
                problems.append(f"header {name}: required, missing")
        problems += self._body(operation, headers, body)
        problems += _accept(operation, headers.get("Accept"))
        return Checked(operation, problems)

    def _query(self, query: str, params: Dict[Tuple[str, str], Dict[str, Any]]) -> List[str]:
        problems: List[str] = []
        try:
            pairs = parse_qsl(query, keep_blank_values=True, strict_parsing=bool(query))
        except ValueError as error:
            return [f"query: not a query string ({error})"]
        given: Dict[str, List[str]] = {}
        for name, value in pairs:
            given.setdefault(name, []).append(value)
        for name, values in given.items():
            param = params.get(("query", name))
            if param is None:
                known = sorted(n for where, n in params if where == "query")
                problems.append(f"query {name}: not a parameter of this operation; it has {known}")
            elif len(values) > 1:
                problems.append(f"query {name}: given {len(values)} times")
            else:
                problems += self._parameter("query", name, param["schema"], values[0])
        for (where, name), param in params.items():
            if where == "query" and param.get("required") and name not in given:
                problems.append(f"query {name}: required, missing")
        return problems

    def _parameter(self, where: str, name: str, schema: Dict[str, Any], raw: str) -> List[str]:
        """A parameter's text, read as the type its schema wants, against the schema."""
        types = self._types(schema)
        value: Any = raw
        if types & {"integer", "number"} and re.fullmatch(r"-?\d+", raw):
            value = int(raw)
        elif "number" in types and re.fullmatch(r"-?\d+(\.\d+)?([eE][-+]?\d+)?", raw):
            value = float(raw)
        elif "boolean" in types and raw in ("true", "false"):
            value = raw == "true"
        return self.problems(f"{where} {name}", schema, value)

    def _types(self, schema: Dict[str, Any]) -> Set[str]:
        if "$ref" in schema:
            return self._types(self._registry.resolver().lookup(schema["$ref"]).contents)
        found = {schema["type"]} if isinstance(schema.get("type"), str) else set(schema.get("type", ()))
        for branch in schema.get("anyOf", ()):
            found |= self._types(branch)
        return found

    def _body(self, operation: Operation, headers: Message, body: bytes) -> List[str]:
        spec = operation.spec.get("requestBody")
        if spec is None:
            return ["body: this operation takes none"] if body else []
        content_type = headers.get("Content-Type")
        if not body:
            return ["body: required, missing"] if spec.get("required") else []
        if content_type is None:
            return ["header Content-Type: missing, for a body"]
        media, _, options = content_type.partition(";")
        media = media.strip().lower()
        if media not in spec["content"]:
            return [f"header Content-Type: {content_type!r} is not one of {sorted(spec['content'])}"]
        charset = re.search(r"charset=\"?([\w-]+)", options, re.IGNORECASE)
        if charset and charset.group(1).lower() not in ("utf-8", "utf8"):
            return [f"header Content-Type: JSON is UTF-8, not {charset.group(1)}"]
        try:
            value = json.loads(body.decode("utf-8"))
        except ValueError as error:
            return [f"body: not JSON ({error})"]
        return self.problems("body", spec["content"][media]["schema"], value)


def _prepare(document: Dict[str, Any], closed_objects: bool) -> Dict[str, Any]:
    """A copy of the contract whose ``$ref``s point into it, with its objects closed if asked."""
    document = copy.deepcopy(document)

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#"):
                node["$ref"] = _BASE + ref
            if closed_objects and "properties" in node and "additionalProperties" not in node:
                node["additionalProperties"] = False
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(document)
    return document


def _message(where: str, error: jsonschema.ValidationError, relative: bool = False) -> str:
    """`error` as one line: where it is, and why (every branch's reason, for an anyOf)."""
    path = error.relative_path if relative else error.absolute_path
    at = where + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)
    if error.validator == "anyOf" and error.context:
        reasons = sorted({_message("", sub, relative=True).removeprefix(": ") for sub in error.context})
        return f"{at}: {error.instance!r} fits no branch of the anyOf: " + "; ".join(reasons)
    return f"{at}: {error.message}"


def _accept(operation: Operation, accept: Optional[str]) -> List[str]:
    """Whether `accept` takes the media type of the operation's 200 answer; no header takes anything."""
    produced = sorted(operation.spec["responses"]["200"].get("content", {}))
    if accept is None:
        return []
    for item in accept.split(","):
        media, *options = [part.strip().lower() for part in item.split(";")]
        refused = any(re.fullmatch(r"q=0(\.0*)?", option) for option in options)
        for kind in produced:
            if not refused and media in (kind, kind.split("/")[0] + "/*", "*/*"):
                return []
    return [f"header Accept: {accept!r} does not take {produced}, what the operation answers"]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    mock: ContractMock


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # the headers and the body go in two writes
    server: _Server

    def _handle(self) -> None:
        mock = self.server.mock
        problems: List[str] = []
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            body, problems = b"", ["body: sent chunked; the mock reads Content-Length bodies only"]
        else:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        checked = mock.contract.check(self.command, self.path, self.headers, body)
        problems += checked.problems
        op_id = checked.operation.operation_id if checked.operation else None
        if problems:
            status, answer = 400, {"operation": op_id, "problems": problems}
        else:
            status, answer = 200, mock.answer(checked.operation)
        mock.record(Seen(self.command, self.path, dict(self.headers.items()), body, op_id, problems, answer))
        data = json.dumps(answer).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = _handle

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
        """Quiet: the requests are in `ContractMock.requests`."""


class ContractMock:
    """The contract-checking server, on 127.0.0.1 at a free port; use it as a context manager.

    With a `seed`, each valid request gets a new random answer (`Contract.sample`).
    """

    def __init__(self, contract: Optional[Contract] = None, seed: Optional[int] = None) -> None:
        self.contract = contract or Contract()
        self._random = None if seed is None else random.Random(seed)
        self._lock = threading.Lock()
        self._requests: List[Seen] = []
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.mock = self
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), name="contract-mock", daemon=True
        )

    def __enter__(self) -> ContractMock:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()

    def answer(self, operation: Operation) -> Any:
        """The answer to a valid request of `operation`: its fixed one, or a random one that fits."""
        if self._random is None:
            return self.contract.answers[operation.operation_id]
        schema = self.contract.answer_schema(operation)
        with self._lock:
            answer = self.contract.sample(schema, self._random)
        wrong = self.contract.problems(f"the random answer of {operation.operation_id}", schema, answer)
        if wrong:
            raise AssertionError("; ".join(wrong))
        return answer

    def record(self, seen: Seen) -> None:
        with self._lock:
            self._requests.append(seen)

    @property
    def requests(self) -> List[Seen]:
        with self._lock:
            return list(self._requests)

    def clear(self) -> None:
        with self._lock:
            self._requests.clear()
