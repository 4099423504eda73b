"""`mypy --strict openapi_client` is clean.

The package is type-checked against urllib3 2, which ships its own type hints;
urllib3 1.x has none (and no `BaseHTTPResponse`), so the check is skipped
there, as it is where mypy is not installed. The SDK itself runs on both.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import urllib3

REPO_ROOT = Path(__file__).resolve().parent.parent


def mypy_strict(tmp_path: Path, *targets: str) -> "subprocess.CompletedProcess[str]":
    pytest.importorskip("mypy", reason="mypy is not installed (test-requirements-extra.txt)")
    if not hasattr(urllib3, "BaseHTTPResponse"):
        pytest.skip(f"type-checked against urllib3 2; this is urllib3 {urllib3.__version__}")
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "mypy-cache"), *targets],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_mypy_strict_is_clean(tmp_path: Path) -> None:
    result = mypy_strict(tmp_path, "openapi_client")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout


USER_CODE = """
from typing import List, Optional, Union

from openapi_client import AgentRunLogResponse, AgentRunResponse, ApiAgentRunSourceType, PageAgentRunResponse

def describe(page: PageAgentRunResponse, log: AgentRunLogResponse) -> List[str]:
    run: AgentRunResponse = page.items[0]
    summary: Optional[str] = run.summary
    source: Union[ApiAgentRunSourceType, str, None] = run.source_type
    branches = [pr.head_branch_name for pr in run.github_pull_requests or []]
    seen = log.observation.actual_instance if log.observation else None
    return [summary or "", str(source), *(b or "" for b in branches), str(seen), str(page.total + 1)]
"""


def test_user_code_over_the_live_models_type_checks(tmp_path: Path) -> None:
    (tmp_path / "good.py").write_text(USER_CODE)
    (tmp_path / "bad.py").write_text(
        "from openapi_client import AgentRunResponse\n"
        "def f(run: AgentRunResponse) -> str:\n"
        "    return run.summary\n"
    )
    result = mypy_strict(tmp_path, str(tmp_path / "good.py"), str(tmp_path / "bad.py"))
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    # mypy writes the type "str | None" or, in older releases, "Optional[str]".
    assert len(errors) == 1 and "bad.py:3" in errors[0], result.stdout + result.stderr
    assert "str | None" in errors[0] or "Optional[str]" in errors[0], errors[0]
