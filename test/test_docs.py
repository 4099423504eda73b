"""Every ```python block in the README, the PyPI page and docs/ runs against the emulator.

The blocks of one page run in order in one namespace, as a reader would type
them. Before each block the names the pages take as given (`api`, `org_id`,
`run_id`, `emu`...) are set again, so that an example which rebinds one does
not break the next. A line ``print(x)  # -> text`` must print ``text``. A
block that builds its own `ApiClient` talks to the emulator instead of
https://api.codegen.com.
"""

from __future__ import annotations

import contextlib
import io
import re
import textwrap
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Tuple

import pytest

import openapi_client
from openapi_client.testing import AgentApiEmulator, Fault

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", ROOT / "PYPI.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"^( *)```python\n(.*?)^\1```", re.S | re.M)
CHECKED_PRINT = re.compile(r"^(\s*)print\((.*)\)\s+# -> (.*)$")


def python_blocks(page: Path) -> List[Tuple[int, str]]:
    text = page.read_text(encoding="utf-8")
    return [
        (text.count("\n", 0, match.start()) + 1, textwrap.dedent(match.group(2)))
        for match in BLOCK.finditer(text)
    ]


def with_checked_prints(code: str) -> str:
    """Turn ``print(x)  # -> text`` into a call that asserts what is printed."""
    return "\n".join(
        CHECKED_PRINT.sub(lambda m: f"{m.group(1)}__printed({m.group(2)!r}, lambda: print({m.group(2)}), {m.group(3)!r})", line)
        for line in code.splitlines()
    )


def printed_as_documented(expression: str, show: Callable[[], None], documented: str) -> None:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        show()
    assert out.getvalue().rstrip("\n") == documented, f"print({expression})"


#: Pages whose examples watch runs through the list or the logs, which count no poll: there the
#: emulator's runs move on by time, as the live API's do (a run ends about 0.3 s after its creation).
TIME_DRIVEN = {"README.md", "Waiting.md", "Logs.md", "Watch.md"}


@pytest.fixture
def reader(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> Iterator[Dict[str, Any]]:
    """The namespace a reader of the docs has: a live emulator, a client and a run."""
    page = getattr(request.node, "callspec", None) and request.node.callspec.params.get("page")
    timing: Dict[str, Any] = {"polls_to_active": 0, "polls_to_complete": 1}
    if page is not None and page.name in TIME_DRIVEN:
        timing = {"seconds_to_complete": 0.3}
    with AgentApiEmulator(rate_limits=False, **timing) as emu:
        monkeypatch.setenv("CODEGEN_API_TOKEN", emu.token)
        monkeypatch.setenv("CODEGEN_ORG_ID", str(emu.org_id))
        monkeypatch.setenv("CODEGEN_API_BASE_URL", emu.url)
        with openapi_client.ApiClient(openapi_client.Configuration(host=emu.url, access_token=emu.token)) as client:
            api = openapi_client.AgentsApi(client)
            run = api.create_agent_run(emu.org_id, {"prompt": "A run the docs can look at"})
            yield {
                "__printed": printed_as_documented,
                "openapi_client": openapi_client,
                "pytest": pytest,
                "AgentApiEmulator": AgentApiEmulator,
                "Fault": Fault,
                "emu": emu,
                "api_client": client,
                "api": api,
                "org_id": emu.org_id,
                "run_id": run.id,
                "agent_run_id": run.id,
                "body": openapi_client.CreateAgentRunInput(prompt="Say hello"),
            }


@pytest.mark.parametrize("page", [p for p in PAGES if python_blocks(p)], ids=lambda p: p.name)
def test_the_examples_of_a_page_run(page: Path, reader: Dict[str, Any]) -> None:
    emu: AgentApiEmulator = reader["emu"]
    namespace: Dict[str, Any] = {"__name__": "__docs__"}
    for line, code in python_blocks(page):
        namespace.update(reader)
        if "ApiClient(" in code:
            code = code.replace('"https://api.codegen.com"', repr(emu.url))
        try:
            exec(compile(with_checked_prints(code), f"{page.name}:{line}", "exec"), namespace)
        except Exception as error:
            raise AssertionError(f"the example at {page.name} line {line} failed: {error!r}") from error
        finally:
            emu.clear_faults()
