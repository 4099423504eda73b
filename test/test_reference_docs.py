"""Each generated reference page's facts are stated in our page of the same name.

The OpenAPI Generator's pages for the live contract (``shared/spec/live/docs``
beside the repository) are what users of a generated client know: method
names, HTTP requests, parameters with their types and defaults, return types,
response codes, content types, rate limits, model fields and enum values. Our
pages under ``docs/`` are written in our own words, so this test does not
compare text; it reads the facts out of each reference page and looks for
each of them where a reader would look in ours: an operation's facts in the
section that names its generated method, a field's in its row of the
properties table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def reference_folder() -> Optional[Path]:
    """``shared/spec/live/docs`` in the nearest folder above the repository that has it."""
    for base in ROOT.parents:
        candidate = base / "shared" / "spec" / "live" / "docs"
        if candidate.is_dir():
            return candidate
    return None


REFERENCE = reference_folder()
REFERENCE_PAGES = sorted(REFERENCE.glob("*.md")) if REFERENCE else []
API_PAGES = [p for p in REFERENCE_PAGES if p.name.endswith("Api.md")]
MODEL_PAGES = [p for p in REFERENCE_PAGES if not p.name.endswith("Api.md")]
NO_REFERENCE = "the reference pages (../shared/spec/live/docs) are not here, as in an unpacked sdist"

SUMMARY_ROW = re.compile(r"^\[\*\*(\w+)\*\*\]\([^)]*\) \| (\*\*[A-Z]+\*\* \S+) \|", re.M)
SECTION_START = re.compile(r"^# \*\*", re.M)
HEADING = re.compile(r"^#{1,2} ", re.M)
ANCHOR = re.compile(r'^<a id="[^"]*"></a>$', re.M)
CODE_BLOCK = re.compile(r"^ *```.*?^ *```", re.M | re.S)
PARAM_ROW = re.compile(r"^ ?\*\*(\w+)\*\* \| ([^|]*)\|([^|]*)\|(.*)$", re.M)
BOLD_TYPE = re.compile(r"\*\*([\w\[\], ]+)\*\*")
CODE_ROW = re.compile(r"^\*\*(\d{3})\*\* \| ([^|]*)\|", re.M)
HEADER = re.compile(r"^ - \*\*(Content-Type|Accept)\*\*: (.+)$", re.M)
RATE_LIMIT = re.compile(r"Rate limit: (\d+ requests per [\w ]+?)\.")
DEFAULT = re.compile(r"\[default to [^\]]+\]")
ENUM_VALUE = re.compile(r"^\* `(\w+)` \(value: `'(\w+)'`\)", re.M)


@dataclass
class Parameter:
    name: str
    type: str
    optional: bool
    default: Optional[str]


@dataclass
class Operation:
    method: str
    request: str
    parameters: List[Parameter] = field(default_factory=list)
    return_type: str = ""
    codes: List[Tuple[str, str]] = field(default_factory=list)
    headers: List[Tuple[str, str]] = field(default_factory=list)
    rate_limit: Optional[str] = None


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


def first_type(cell: str) -> str:
    match = BOLD_TYPE.search(cell)
    assert match, f"no type in {cell!r}"
    return match.group(1)


def parameters(section: str) -> List[Parameter]:
    table = section.split("### Parameters", 1)[1].split("###", 1)[0]
    return [
        Parameter(name, first_type(type_cell), "[optional]" in notes, (DEFAULT.search(notes) or [None])[0])
        for name, type_cell, _, notes in PARAM_ROW.findall(table)
    ]


def return_type(section: str) -> str:
    return first_type(section.split("### Return type", 1)[1].split("###", 1)[0])


def reference_operations(page: Path) -> List[Operation]:
    text = page.read_text(encoding="utf-8")
    requests = dict(SUMMARY_ROW.findall(text))
    operations = []
    for section in sections(text):
        method = section.split("**", 2)[1]
        limit = RATE_LIMIT.search(section)
        operations.append(
            Operation(
                method=method,
                request=requests[method],
                parameters=parameters(section),
                return_type=return_type(section),
                codes=[(code, description.strip()) for code, description in CODE_ROW.findall(section)],
                headers=[(name, value.strip()) for name, value in HEADER.findall(section)],
                rate_limit=limit.group(1) if limit else None,
            )
        )
    return operations


def reference_fields(page: Path) -> List[Parameter]:
    text = page.read_text(encoding="utf-8")
    if "## Properties" not in text:
        return []
    table = text.split("## Properties", 1)[1].split("\n\n", 2)[1]
    return [
        Parameter(name, first_type(type_cell), "[optional]" in notes, (DEFAULT.search(notes) or [None])[0])
        for name, type_cell, _, notes in PARAM_ROW.findall(table)
    ]


def our_page(reference: Path) -> str:
    ours = DOCS / reference.name
    assert ours.is_file(), f"docs/{reference.name} is missing: the reference has a page {reference.name}"
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
    if expected.type not in line:
        problems.append(f"{expected.name}: type {expected.type} not stated")
    if expected.optional != ("[optional]" in line):
        problems.append(f"{expected.name}: should {'' if expected.optional else 'not '}be marked [optional]")
    if expected.default and expected.default not in line:
        problems.append(f"{expected.name}: {expected.default} not stated")
    return problems


@pytest.mark.skipif(REFERENCE is None, reason=NO_REFERENCE)
@pytest.mark.parametrize("reference", API_PAGES, ids=lambda p: p.name)
def test_an_api_page_states_every_fact_of_its_reference(reference: Path) -> None:
    page = our_page(reference)
    operations = reference_operations(reference)
    assert operations, f"{reference.name}: the reference lists no operation; the parser no longer fits it"
    for operation in operations:
        where = f"{reference.name} {operation.method}"
        for name in (operation.method, f"{operation.method}_with_http_info", f"{operation.method}_without_preload_content"):
            assert names_in(page, name), f"{where}: the method name {name} is not on our page"
        assert any(
            names_in(line, operation.method) and operation.request in line for line in page.splitlines()
        ), f"{where}: no table row gives it with its request {operation.request}"
        section = our_section(page, operation.method, reference.name)
        problems = [problem for p in operation.parameters for problem in parameter_problems(subsection(section, "Parameters"), p)]
        assert not problems, f"{where}: {problems}"
        assert operation.return_type in subsection(section, "Return type"), f"{where}: return type {operation.return_type}"
        responses = subsection(section, "HTTP response details")
        for code, description in operation.codes:
            line = row(responses, code)
            assert line is not None, f"{where}: response code {code} is not in its response table"
            assert description in line, f"{where}: response {code} is not described as {description!r}"
        stated_codes = {code for code in re.findall(r"^\*\*(\d{3})\*\* \|", responses, re.M)}
        assert stated_codes == {code for code, _ in operation.codes}, f"{where}: the response table lists other codes"
        for name, value in operation.headers:
            assert f"**{name}**: {value}" in subsection(section, "HTTP request headers"), f"{where}: {name} {value}"
        if operation.rate_limit:
            assert f"Rate limit: {operation.rate_limit}" in section, f"{where}: rate limit {operation.rate_limit}"


@pytest.mark.skipif(REFERENCE is None, reason=NO_REFERENCE)
@pytest.mark.parametrize("reference", MODEL_PAGES, ids=lambda p: p.name)
def test_a_model_page_states_every_fact_of_its_reference(reference: Path) -> None:
    page = our_page(reference)
    text = reference.read_text(encoding="utf-8")
    assert page.startswith(f"# {reference.stem}\n"), f"docs/{reference.name} should be titled {reference.stem}"
    fields = reference_fields(reference)
    values = ENUM_VALUE.findall(text)
    assert fields or values or "## Properties" in text, f"{reference.name}: the parser found nothing to check"
    if fields:
        properties = page.split("## Properties", 1)[-1].split("\n## ", 1)[0]
        problems = [problem for f in fields for problem in parameter_problems(properties, f)]
        assert not problems, f"docs/{reference.name}: {problems}"
    for name, value in values:
        assert f"`{name}`" in page and f"'{value}'" in page, f"docs/{reference.name}: enum value {value}"


@pytest.mark.skipif(REFERENCE is None, reason=NO_REFERENCE)
def test_the_parser_reads_what_the_reference_states() -> None:
    """Guards the check itself: a parser that read nothing would pass every page."""
    assert REFERENCE is not None
    by_name: Dict[str, Operation] = {
        op.method: op for page in API_PAGES for op in reference_operations(page)
    }
    listing = by_name["list_agent_runs_v1_organizations_org_id_agent_runs_get"]
    assert listing.request == "**GET** /v1/organizations/{org_id}/agent/runs"
    assert [(p.name, p.type, p.optional, p.default) for p in listing.parameters] == [
        ("org_id", "int", False, None),
        ("user_id", "int", True, None),
        ("source_type", "ApiAgentRunSourceType", True, None),
        ("skip", "int", True, "[default to 0]"),
        ("limit", "int", True, "[default to 100]"),
        ("authorization", "object", True, None),
    ]
    assert listing.return_type == "PageAgentRunResponse"
    assert [code for code, _ in listing.codes] == ["200", "429", "403", "422"]
    assert listing.rate_limit == "60 requests per 30 seconds"
    create = by_name["create_agent_run_v1_organizations_org_id_agent_run_post_1"]
    assert ("402", "Payment Required") in create.codes
    assert create.headers == [("Content-Type", "application/json"), ("Accept", "application/json")]
    assert create.rate_limit == "10 requests per minute"
    assert by_name["get_agent_run_logs_v1_alpha_organizations_org_id_agent_run_agent_run_id_logs_get"].rate_limit == (
        "60 requests per 60 seconds"
    )
    # AgentsBetaApi's one name is also AgentsAlphaApi's first; the two check-suite names are in two pages each.
    assert len(by_name) == 66
    user = {f.name: f for f in reference_fields(REFERENCE / "UserResponse.md")}
    assert (user["id"].type, user["id"].optional) == ("int", False)
    assert (user["email"].type, user["email"].optional) == ("str", True)
    pr_list = {f.name: f for f in reference_fields(REFERENCE / "AgentRunResponse.md")}["github_pull_requests"]
    assert pr_list.type == "List[GithubPullRequestResponse]"
    settings = reference_fields(REFERENCE / "OrganizationSettings.md")
    assert settings[0].default == "[default to True]"


@pytest.mark.skipif(REFERENCE is None, reason=NO_REFERENCE)
def test_the_readme_links_every_page_and_lists_every_method() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    endpoints = readme.split("## Documentation for API Endpoints", 1)[1].split("\n## ", 1)[0]
    models = readme.split("## Documentation For Models", 1)[1].split("\n## ", 1)[0]
    for reference in API_PAGES:
        for operation in reference_operations(reference):
            assert f"[**{operation.method}**](docs/{reference.name}#{operation.method})" in endpoints, operation.method
    for reference in MODEL_PAGES:
        assert f"[{reference.stem}](docs/{reference.name})" in models, reference.stem
    documentation = readme.split("\n## Documentation\n", 1)[1].split("\n## ", 1)[0]
    missing = [p.name for p in REFERENCE_PAGES if f"(docs/{p.name})" not in documentation]
    assert not missing, f"the README's Documentation list does not link {missing}"


def test_our_checks_catch_a_missing_fact() -> None:
    """The row check fails on a wrong type, a lost [optional] and a lost default."""
    table = " **skip** | **int**| How many to pass over. | [optional] [default to 0]\n"
    assert parameter_problems(table, Parameter("skip", "int", True, "[default to 0]")) == []
    assert parameter_problems(table, Parameter("skip", "bool", True, None))
    assert parameter_problems(table, Parameter("skip", "int", False, None))
    assert parameter_problems(table, Parameter("skip", "int", True, "[default to 100]"))
    assert parameter_problems(table, Parameter("limit", "int", True, None)) == ["no row for limit"]
