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


def test_mypy_strict_is_clean(tmp_path: Path) -> None:
    pytest.importorskip("mypy", reason="mypy is not installed")
    if not hasattr(urllib3, "BaseHTTPResponse"):
        pytest.skip(f"type-checked against urllib3 2; this is urllib3 {urllib3.__version__}")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "mypy-cache"), "openapi_client"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout
