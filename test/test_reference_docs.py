"""The pages under docs/ state every fact of the contract, `openapi.json`, where a reader looks for it.

The facts are read from the repository's own `openapi.json`, whatever it
holds, as the OpenAPI Generator (python) reads them: each operation's
generated method names (one per tag it is listed under, numbered ``_0``,
``_1``... when a tag repeats), its HTTP request, parameters with their types,
defaults and whether they are optional, its return type, response codes,
content types and rate limit; and each schema's page, fields and enum values.
Our pages are written in our own words, so no text is compared: each fact is
looked for in the section that names the method, or in the field's row of
the properties table. `docs/GeneratedNames.md` lists every method and model.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
CONTRACT = json.loads((ROOT / "openapi.json").read_text(encoding="utf-8"))
SCHEMAS: Dict[str, Any] = CONTRACT.get("components", {}).get("schemas", {})

SECTION_START = re.compile(r"^# \*\*", re.M)
HEADING = re.compile(r"^#{1,2} ", re.M)
ANCHOR = re.compile(r'^<a id="[^"]*"></a>$', re.M)
CODE_BLOCK = re.compile(r"^ *```.*?^ *```", re.M | re.S)
RATE_LIMIT = re.compile(r"Rate limit: (\d+ requests per [\w ]+?)\.")
PYTHON_TYPES = {"integer": "int", "string": "str", "boolean": "bool", "number": "float"}


@dataclass
class Parameter:
    name: str
    type: Optional[str]  # None: a union the generator makes a model of, whose name is not checked
    optional: bool
    default: Optional[str]


@dataclass
class Operation:
    api: str  # the class, e.g. AgentsApi
    method: str  # a generated name
    request: str  # e.g. "**GET** /v1/organizations/{org_id}/agent/runs"
    parameters: List[Parameter] = field(default_factory=list)
    return_type: str = ""
    codes: List[str] = field(default_factory=list)
    headers: List[Tuple[str, str]] = field(default_factory=list)
    rate_limit: Optional[str] = None


def model_name(ref_or_title: str) -> str:
    """The model a schema becomes: ``#/components/schemas/Page_AgentRunResponse_`` is `PageAgentRunResponse`."""
    return re.sub(r"[^A-Za-z0-9]", "", ref_or_title.rsplit("/", 1)[-1])


def snake_case(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name).lower()


def api_class(tag: str) -> str:
    return "".join(part.capitalize() for part in re.split(r"[^A-Za-z0-9]+", tag) if part) + "Api"


def python_type(schema: Dict[str, Any]) -> Optional[str]:
    """The type the generator gives a schema, or None for a union of several types (it makes a model of it)."""
    if "$ref" in schema:
        return model_name(schema["$ref"])
    options = [option for option in schema.get("anyOf", []) if option.get("type") != "null"]
    if "anyOf" in schema:
        return python_type(options[0]) if len(options) == 1 else None
    kind = schema.get("type")
    if kind == "array":
        inner = python_type(schema.get("items", {}))
        return None if inner is None else f"List[{inner}]"
    if kind == "object":
        values = schema.get("additionalProperties")
        inner = python_type(values) if isinstance(values, dict) and values else "object"
        return None if inner is None else f"Dict[str, {inner}]"
    return PYTHON_TYPES.get(kind, "object")


def default_text(schema: Dict[str, Any]) -> Optional[str]:
    return f"[default to {schema['default']!r}]" if "default" in schema else None


def contract_operations() -> List[Operation]:
    """Every generated method of every operation of `openapi.json`."""
    operations = []
    for path, methods in CONTRACT.get("paths", {}).items():
        for verb, spec in methods.items():
            base = re.sub(r"_+", "_", spec["operationId"])
            parameters = [
                Parameter(p["name"], python_type(p.get("schema", {})), not p.get("required", False),
                          default_text(p.get("schema", {})))
                for p in spec.get("parameters", [])
            ]
            headers = []
            body = spec.get("requestBody")
            if body is not None:
                schema = next(iter(body["content"].values())).get("schema", {})
                name = python_type(schema) or "object"
                parameters.insert(
                    sum(1 for p in spec.get("parameters", []) if p["in"] == "path"),
                    Parameter(snake_case(name), name, not body.get("required", False), None),
                )
                headers += [("Content-Type", content) for content in body["content"]]
            ok = spec["responses"].get("200", {}).get("content", {})
            headers += [("Accept", content) for content in ok]
            return_type = python_type(next(iter(ok.values())).get("schema", {})) if ok else "None"
            limit = RATE_LIMIT.search(spec.get("description", ""))
            seen: Dict[str, int] = {}
            for tag in spec.get("tags", ["default"]):
                api = api_class(tag)
                count = seen[api] = seen.get(api, -1) + 1
                operations.append(Operation(
                    api, base if count == 0 else f"{base}_{count - 1}", f"**{verb.upper()}** {path}",
                    parameters, return_type or "object", sorted(spec["responses"]), headers,
                    limit.group(1) if limit else None,
                ))
    return operations


def schema_fields(schema: Dict[str, Any]) -> List[Parameter]:
    required = set(schema.get("required", []))
    return [
        Parameter(name, python_type(spec), name not in required, default_text(spec))
        for name, spec in schema.get("properties", {}).items()
    ]


OPERATIONS = contract_operations()
APIS = sorted({operation.api for operation in OPERATIONS})


def sections(text: str) -> List[str]:
    """Each ``# **name**`` section of a page, up to the next heading of level 1 or 2.

    Code blocks are left out first (their ``# comments`` are not headings), and so
    are link anchors, which stand just before the heading they belong to.
    """
    text = ANCHOR.sub("", CODE_BLOCK.sub("", text))
    found = []
    for start in SECTION_START.finditer(text):
        end = HEADING.search(text, start.end())
        found.append(text[start.start() : end.start() if end else len(text)])
    return found


def our_page(name: str) -> str:
    ours = DOCS / f"{name}.md"
    assert ours.is_file(), f"docs/{name}.md is missing: the contract has {name}"
    return ours.read_text(encoding="utf-8")


def names_in(text: str, name: str) -> bool:
    """`name` as a whole identifier: `x_get` does not match inside `x_get_0` or `x_get_with_http_info`."""
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None


def our_section(page: str, method: str, page_name: str) -> str:
    found = [s for s in sections(page) if names_in(s, method)]
    assert found, f"{page_name}: no section names the generated method {method}"
    assert len(found) == 1, f"{page_name}: {len(found)} sections name {method}; a name belongs to one operation"
    return found[0]


def row(section: str, name: str) -> Optional[str]:
    match = re.search(rf"^ ?\*\*{re.escape(name)}\*\* \|.*$", section, re.M)
    return match.group(0) if match else None


def subsection(section: str, title: str) -> str:
    assert f"### {title}" in section, f"no '### {title}'"
    return section.split(f"### {title}", 1)[1].split("\n### ", 1)[0]


def parameter_problems(ours: str, expected: Parameter) -> List[str]:
    """What our row of a parameter or field fails to state; empty when it states it all."""
    line = row(ours, expected.name)
    if line is None:
        return [f"no row for {expected.name}"]
    problems = []
    if expected.type is not None and f"**{expected.type}**" not in line:
        problems.append(f"{expected.name}: type {expected.type} not stated")
    if expected.optional != ("[optional]" in line):
        problems.append(f"{expected.name}: should {'' if expected.optional else 'not '}be marked [optional]")
    if expected.default and expected.default not in line:
        problems.append(f"{expected.name}: {expected.default} not stated")
    return problems


@pytest.mark.parametrize("api", APIS)
def test_an_api_page_states_every_fact_of_the_contract(api: str) -> None:
    page = our_page(api)
    for operation in (op for op in OPERATIONS if op.api == api):
        where = f"{api} {operation.method}"
        for name in (operation.method, f"{operation.method}_with_http_info", f"{operation.method}_without_preload_content"):
            assert names_in(page, name), f"{where}: the method name {name} is not on our page"
        assert any(
            names_in(line, operation.method) and operation.request in line for line in page.splitlines()
        ), f"{where}: no table row gives it with its request {operation.request}"
        section = our_section(page, operation.method, api)
        problems = [p for expected in operation.parameters for p in parameter_problems(subsection(section, "Parameters"), expected)]
        assert not problems, f"{where}: {problems}"
        assert operation.return_type in subsection(section, "Return type"), f"{where}: return type {operation.return_type}"
        responses = subsection(section, "HTTP response details")
        stated = sorted(re.findall(r"^\*\*(\d{3})\*\* \|", responses, re.M))
        assert stated == operation.codes, f"{where}: the response table lists {stated}, the contract {operation.codes}"
        for name, value in operation.headers:
            assert f"**{name}**: {value}" in subsection(section, "HTTP request headers"), f"{where}: {name} {value}"
        if operation.rate_limit:
            assert f"Rate limit: {operation.rate_limit}" in section, f"{where}: rate limit {operation.rate_limit}"


@pytest.mark.parametrize("schema", sorted(SCHEMAS), ids=model_name)
def test_a_model_page_states_every_fact_of_its_schema(schema: str) -> None:
    name = model_name(schema)
    spec = SCHEMAS[schema]
    page = our_page(name)
    assert page.startswith(f"# {name}\n"), f"docs/{name}.md should be titled {name}"
    fields = schema_fields(spec)
    if fields:
        properties = page.split("## Properties", 1)[-1].split("\n## ", 1)[0]
        problems = [problem for f in fields for problem in parameter_problems(properties, f)]
        assert not problems, f"docs/{name}.md: {problems}"
    for value in spec.get("enum", []):
        assert f"'{value}'" in page, f"docs/{name}.md: enum value {value}"


def test_the_generated_names_page_lists_every_method_and_model() -> None:
    page = (DOCS / "GeneratedNames.md").read_text(encoding="utf-8")
    endpoints = page.split("## API endpoints", 1)[1].split("\n## ", 1)[0]
    models = page.split("## Models", 1)[1].split("\n## ", 1)[0]
    missing = [op.method for op in OPERATIONS if f"[**{op.method}**]({op.api}.md#{op.method})" not in endpoints]
    assert not missing, f"docs/GeneratedNames.md does not list {missing}"
    missing = [model_name(s) for s in SCHEMAS if f"[{model_name(s)}]({model_name(s)}.md)" not in models]
    assert not missing, f"docs/GeneratedNames.md does not list the models {missing}"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(docs/GeneratedNames.md)" in readme


def test_the_contract_is_read_as_the_generator_reads_it() -> None:
    """Guards the check itself: a reader that found nothing would pass every page."""
    assert OPERATIONS and SCHEMAS
    assert all(op.codes and op.request.startswith("**") and op.return_type for op in OPERATIONS)
    assert len({(op.api, op.method) for op in OPERATIONS}) == len(OPERATIONS)  # one name, one operation
    assert (model_name("#/components/schemas/Page_AgentRunResponse_"), snake_case("CreateAgentRunInput")) == (
        "PageAgentRunResponse", "create_agent_run_input"
    )
    assert api_class("agents-alpha") == "AgentsAlphaApi"
    assert python_type({"anyOf": [{"items": {"$ref": "#/x/GithubPullRequestResponse"}, "type": "array"}, {"type": "null"}]}) == (
        "List[GithubPullRequestResponse]"
    )
    assert python_type({"anyOf": [{"type": "string"}, {"type": "integer"}]}) is None
    assert python_type({"title": "Authorization"}) == "object"
    assert default_text({"type": "boolean", "default": True}) == "[default to True]"
    tagged_twice = [op for op in OPERATIONS if op.method.endswith("_0")]
    assert all(any(o.method == op.method[:-2] and o.api == op.api for o in OPERATIONS) for op in tagged_twice)


def test_our_checks_catch_a_missing_fact() -> None:
    """The row check fails on a wrong type, a lost [optional] and a lost default."""
    table = " **skip** | **int**| How many to pass over. | [optional] [default to 0]\n"
    assert parameter_problems(table, Parameter("skip", "int", True, "[default to 0]")) == []
    assert parameter_problems(table, Parameter("skip", "bool", True, None))
    assert parameter_problems(table, Parameter("skip", "int", False, None))
    assert parameter_problems(table, Parameter("skip", "int", True, "[default to 100]"))
    assert parameter_problems(table, Parameter("limit", "int", True, None)) == ["no row for limit"]
