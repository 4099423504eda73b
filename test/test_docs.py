"""Every code block of the README, the PyPI page and docs/ runs against the emulator, as written.

The emulator is started as the docs start it (``codegen-agents emulator``: its
defaults, rate limits included), and the environment a reader sets
(``CODEGEN_API_TOKEN``, ``CODEGEN_ORG_ID``, ``CODEGEN_API_BASE_URL``) points at it.

- ``python`` blocks of one page run in order in one interpreter. The README's
  and the PyPI page's are pasted as they are, nothing else given: each block
  uses only what the blocks before it made. The reference pages of ``docs/``
  take a few names as given (``api``, ``org_id``, ``run_id``, ``emu``...), set
  again before each of their blocks. A block that builds its own client for
  ``https://api.codegen.com`` talks to the emulator instead. A line
  ``print(x)  # -> text`` must print ``text``.
- Shell blocks (``sh``, ``console``) that use ``codegen-agents`` run in bash,
  each command of them with exit status 0: a console block's ``$`` lines, a sh
  block whole. The runs a block names (10001...) exist before it runs. A block
  that starts its own emulator (``codegen-agents emulator --port 8000 &``) gets a
  free port instead, and its next command waits until the emulator listens.

Each block has a time limit, so that an example that hangs fails. A block that
cannot run here is marked in the page by ``<!-- docs-test: skip, REASON -->`` on
the line before it; such blocks are few, and each shows as a skipped test with
its reason.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any, Callable, Dict, Iterator, List, Optional

import pytest

import openapi_client
from openapi_client.testing import AgentApiEmulator, Fault

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", ROOT / "PYPI.md", *sorted((ROOT / "docs").glob("*.md"))]
#: Pages read top to bottom and pasted as they are: no name is given to their blocks.
PASTED = {"README.md", "PYPI.md"}
BLOCK = re.compile(r"^( *)```(\w*)\n(.*?)^\1```", re.S | re.M)
SKIP_MARK = re.compile(r"<!-- docs-test: skip, (.+?) -->\s*\Z")
CHECKED_PRINT = re.compile(r"^(\s*)print\((.*)\)\s+# -> (.*)$")
SHELL_LANGUAGES = {"sh", "shell", "bash", "console"}
#: The command itself, not the distribution `codegen-agents-client` (no block installs anything).
RUNS_THE_COMMAND = re.compile(r"\bcodegen-agents(?![-\w])")
RUN_ID = re.compile(r"(?<![\d.:/])(100\d\d)(?!\d)")
#: Seconds a block may take.
PYTHON_LIMIT, SHELL_LIMIT = 60, 120


@dataclass
class Block:
    page: Path
    line: int
    language: str
    code: str
    skip: Optional[str]  # why it cannot run here, from its mark

    @property
    def where(self) -> str:
        return f"{self.page.name}:{self.line}"


def blocks(page: Path) -> List[Block]:
    text = page.read_text(encoding="utf-8")
    found = []
    for match in BLOCK.finditer(text):
        mark = SKIP_MARK.search(text, 0, match.start())  # only a mark right before the block reaches its start
        found.append(Block(
            page, text.count("\n", 0, match.start()) + 1, match.group(2), textwrap.dedent(match.group(3)),
            mark.group(1) if mark else None,
        ))
    return found


def python_blocks(page: Path) -> List[Block]:
    return [block for block in blocks(page) if block.language == "python"]


def shell_blocks(page: Path) -> List[Block]:
    return [block for block in blocks(page) if block.language in SHELL_LANGUAGES and RUNS_THE_COMMAND.search(block.code)]


def marked(block: Block) -> bool:
    return block.skip is not None


# -- python ------------------------------------------------------------------------


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


@contextlib.contextmanager
def time_limit(seconds: int, where: str) -> Iterator[None]:
    """Fail the block that takes longer than `seconds` (it runs in this, the main, thread)."""

    def expired(signum: int, frame: Optional[FrameType]) -> None:
        raise TimeoutError(f"the example at {where} did not end within {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def emu(monkeypatch: pytest.MonkeyPatch) -> Iterator[AgentApiEmulator]:
    """The emulator as the docs start it, and the environment a reader sets for it."""
    with AgentApiEmulator() as emulator:
        monkeypatch.setenv("CODEGEN_API_TOKEN", emulator.token)
        monkeypatch.setenv("CODEGEN_ORG_ID", str(emulator.org_id))
        monkeypatch.setenv("CODEGEN_API_BASE_URL", emulator.url)
        yield emulator


@contextlib.contextmanager
def given_names(emu: AgentApiEmulator) -> Iterator[Dict[str, Any]]:
    """The names the reference pages take as given: a client, an org and a run."""
    with openapi_client.ApiClient(openapi_client.Configuration(host=emu.url, access_token=emu.token)) as client:
        api = openapi_client.AgentsApi(client)
        run = api.create_agent_run(emu.org_id, {"prompt": "A run the docs can look at"})
        yield {
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


@pytest.mark.parametrize(
    "page", [p for p in PAGES if any(not marked(b) for b in python_blocks(p))], ids=lambda p: p.name
)
def test_the_python_examples_of_a_page_run(page: Path, emu: AgentApiEmulator) -> None:
    namespace: Dict[str, Any] = {"__name__": "__docs__", "__printed": printed_as_documented}
    with contextlib.ExitStack() as stack:
        given = {} if page.name in PASTED else stack.enter_context(given_names(emu))
        for block in python_blocks(page):
            if marked(block):
                continue
            namespace.update(given)
            code = block.code
            if "ApiClient(" in code:
                code = code.replace('"https://api.codegen.com"', repr(emu.url))
            try:
                with time_limit(PYTHON_LIMIT, block.where):
                    exec(compile(with_checked_prints(code), block.where, "exec"), namespace)
            except Exception as error:
                raise AssertionError(f"the example at {block.where} failed: {error!r}") from error
            finally:
                emu.clear_faults()


# -- shell -------------------------------------------------------------------------


def commands(block: Block) -> str:
    """The script of a block: a console block's ``$`` lines (with their continuations), a sh block whole."""
    if block.language != "console":
        return block.code
    lines: List[str] = []
    going_on = False
    for line in block.code.splitlines():
        if line.startswith("$ ") or going_on:
            lines.append(line[2:] if line.startswith("$ ") and not going_on else line)
            going_on = line.endswith("\\")
    return "\n".join(lines)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def own_emulator(script: str) -> str:
    """A script that starts ``codegen-agents emulator ... --port 8000 &``, on a free port, waited for."""
    if not re.search(r"codegen-agents emulator\b.*&\s*$", script, re.M):
        return script
    port = free_port()
    script = re.sub(r"\b8000\b", str(port), script)
    listening = f"for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/{port}) 2>/dev/null && break; sleep 0.1; done"
    return re.sub(r"^(codegen-agents emulator\b.*&)\s*$", rf"\1\n{listening}", script, flags=re.M)


@pytest.fixture(scope="module")
def command_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A folder whose ``codegen-agents`` is this checkout's, run by this Python."""
    folder = tmp_path_factory.mktemp("bin")
    command = folder / "codegen-agents"
    command.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m openapi_client "$@"\n')
    command.chmod(0o755)
    return str(folder)


SHELL_BLOCKS = [block for page in PAGES for block in shell_blocks(page)]


@pytest.mark.parametrize("block", [b for b in SHELL_BLOCKS if not marked(b)], ids=lambda b: b.where)
def test_a_shell_example_runs(block: Block, emu: AgentApiEmulator, command_path: str) -> None:
    script = own_emulator(commands(block))
    for tool in ("jq", "curl"):
        if re.search(rf"\b{tool}\b", script) and shutil.which(tool) is None:
            pytest.skip(f"{block.where} uses {tool}, which is not installed")
    named = [int(run_id) for run_id in RUN_ID.findall(script)]
    while named and max(emu.runs, default=0) < max(named):
        emu.create_run("A run the docs name")
    env = {
        **os.environ, "PATH": os.pathsep.join([command_path, os.environ.get("PATH", "")]),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    wrapped = f"set -e -o pipefail\ntrap 'kill $(jobs -p) 2>/dev/null || true' EXIT\ncd \"$(mktemp -d)\"\n{script}\n"
    # Its own process group, so that a block that hangs ends with everything it started.
    shell = subprocess.Popen(
        ["bash", "-c", wrapped], env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True, start_new_session=True,
    )
    try:
        output, _ = shell.communicate(timeout=SHELL_LIMIT)
    except subprocess.TimeoutExpired:
        os.killpg(shell.pid, signal.SIGKILL)
        shell.communicate()
        pytest.fail(f"the example at {block.where} did not end within {SHELL_LIMIT} s")
    assert shell.returncode == 0, f"the example at {block.where} failed:\n{script}\n{output}"


# -- what cannot run here ------------------------------------------------------------


MARKED = [block for page in PAGES for block in blocks(page) if marked(block)]


if MARKED:  # none today: a test with no cases would only say so

    @pytest.mark.parametrize("block", MARKED, ids=lambda b: b.where)
    def test_a_marked_example_says_why_it_cannot_run_here(block: Block) -> None:
        pytest.skip(f"{block.where}: {block.skip}")


def test_the_block_finder_sees_the_examples() -> None:
    """Guards the test itself: a finder that found nothing would pass every page."""
    readme = blocks(ROOT / "README.md")
    assert [b.language for b in python_blocks(ROOT / "README.md")] and shell_blocks(ROOT / "README.md")
    assert all(b.skip is None for b in readme)  # the README runs whole
    assert len(MARKED) <= 3  # exceptions stay few
    console = Block(ROOT, 1, "console", "$ export A=1 \\\n    B=2\noutput\n$ codegen-agents me\nUser 1\n", None)
    assert commands(console) == "export A=1 \\\n    B=2\ncodegen-agents me"
    assert not RUNS_THE_COMMAND.search("pip install codegen-agents-client") and RUNS_THE_COMMAND.search("| codegen-agents run -")
    assert own_emulator("codegen-agents emulator --port 8000 &\nexport U=http://127.0.0.1:8000\n").count("8000") == 0
