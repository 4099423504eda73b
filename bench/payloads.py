"""What the benchmark server answers, rendered once to bytes, and the constants both sides share.

The bodies look like the live API's: every field of AgentRunResponse, the
live contract's ``summary``, ``source_type``, ``github_pull_requests`` and
``metadata`` included.
"""

from __future__ import annotations

import json
from typing import Any, Dict

ORG_ID = 4217
RUN_ID = 118342  # a finished run with an ordinary result
LARGE_RUN_ID = 118343  # a finished run whose `result` is LARGE_RESULT_BYTES long
CREATED_RUN_ID = 118344  # what every POST answers
TOKEN = "bench-0f3c9a7e5d1b4c2a8e6f"
PROMPT = (
    "Add a --dry-run flag to the deploy script that prints each step instead of running it, "
    "with a test for the new flag and a line in the changelog."
)
LARGE_RESULT_BYTES = 5 * 1024 * 1024

GET_PATH = "/v1/organizations/{org_id}/agent/run/{run_id}"
CREATE_PATH = "/v1/organizations/{org_id}/agent/run"
LIST_PATH = "/v1/organizations/{org_id}/agent/runs?limit={limit}"
LIST_LIMIT = 100  # one full page of runs
LIST_TOTAL = 1342  # runs the organisation has in all

_RESULT = """## Summary
Added a `--dry-run` flag to `scripts/deploy.py`. With it, every step is printed as
`would run: <command>` and nothing is executed; the exit status is still 0 when all
checks pass.

## Changes
- `scripts/deploy.py`: new `--dry-run` option, threaded through `run_step()`.
- `tests/test_deploy.py`: `test_dry_run_prints_steps` and `test_dry_run_runs_nothing`.
- `CHANGELOG.md`: "Deploy script: `--dry-run` shows what would happen."

All 214 tests pass. PR: https://github.com/acme/platform/pull/1893"""


def _run(run_id: int, status: str, result: Any, summary: Any, prs: Any, metadata: Any) -> Dict[str, Any]:
    return {
        "id": run_id,
        "organization_id": ORG_ID,
        "status": status,
        "created_at": "2025-11-28T21:14:07.518236",
        "web_url": f"https://app.codegen.com/agent/trace/{run_id}",
        "result": result,
        "summary": summary,
        "source_type": "API",
        "github_pull_requests": prs,
        "metadata": metadata,
    }


_PRS = [
    {
        "id": 2734419981,
        "title": "Add --dry-run to the deploy script",
        "url": "https://github.com/acme/platform/pull/1893",
        "created_at": "2025-11-28T21:29:52.103311",
        "head_branch_name": "codegen-bot/deploy-dry-run-1764364447",
    }
]
_METADATA = {"repo": "acme/platform", "base_branch": "main", "model": "claude-sonnet-4-5", "trigger": "api"}


def large_result(size: int = LARGE_RESULT_BYTES) -> str:
    """Agent output of about `size` UTF-8 bytes: markdown and code with quotes, newlines and non-ASCII."""
    block = (
        "### Step {n}: résumé of `module_{n}.py`\n"
        "```python\n"
        "def handler_{n}(event: dict) -> str:\n"
        "    \"\"\"Route event {n} — see the \\\"notes\\\" below.\"\"\"\n"
        "    return json.dumps({{\"id\": {n}, \"ok\": True}})\n"
        "```\n"
        "Notes: the handler keeps its tab-separated log\tformat; 12 lines changed.\n\n"
    )
    parts = []
    total = 0
    n = 0
    while total < size:
        text = block.format(n=n)
        parts.append(text)
        total += len(text.encode("utf-8"))
        n += 1
    return "".join(parts).encode("utf-8")[:size].decode("utf-8", errors="ignore")


def run_body() -> Dict[str, Any]:
    return _run(RUN_ID, "COMPLETE", _RESULT, "Added --dry-run to scripts/deploy.py, with tests.", _PRS, _METADATA)


def large_run_body() -> Dict[str, Any]:
    return _run(LARGE_RUN_ID, "COMPLETE", large_result(), "Refactored 40,000 handlers.", _PRS, _METADATA)


def created_body() -> Dict[str, Any]:
    return _run(CREATED_RUN_ID, "PENDING", None, None, [], None)


def list_body() -> Dict[str, Any]:
    """The first page of `LIST_LIMIT` runs, newest first, as an organisation's listing looks.

    Runs still at work have no result yet; most finished runs have a result,
    a summary and a pull request; the metadata comes from the callers that set it.
    """
    items = []
    for n in range(LIST_LIMIT):
        run_id = RUN_ID + LIST_LIMIT - n
        if n < 5:
            items.append(_run(run_id, "ACTIVE" if n % 2 else "PENDING", None, None, [], _METADATA if n % 2 else None))
        elif n % 10 == 7:
            items.append(_run(run_id, "FAILED", "The build failed: 3 tests do not pass.", "Build failed.", [], None))
        else:
            prs = [dict(_PRS[0], id=_PRS[0]["id"] + n, url=f"https://github.com/acme/platform/pull/{1800 + n}")]
            items.append(_run(run_id, "COMPLETE", _RESULT, "Added --dry-run to scripts/deploy.py, with tests.",
                              prs if n % 3 else [], _METADATA if n % 2 else None))
    pages = -(-LIST_TOTAL // LIST_LIMIT)
    return {"items": items, "total": LIST_TOTAL, "page": 1, "size": LIST_LIMIT, "pages": pages}


def encode(body: Any) -> bytes:
    """JSON as a FastAPI server sends it: compact, UTF-8, non-ASCII kept."""
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def http_response(body: bytes, status: str = "200 OK") -> bytes:
    """A complete HTTP/1.1 keep-alive response with `body`."""
    head = (
        f"HTTP/1.1 {status}\r\n"
        "date: Fri, 28 Nov 2025 21:58:01 GMT\r\n"
        "server: uvicorn\r\n"
        f"content-length: {len(body)}\r\n"
        "content-type: application/json\r\n"
        "x-request-id: 6c1d2f0e-93a4-4d8b-b1f7-0e5a1c9b2d44\r\n"
        "\r\n"
    )
    return head.encode("ascii") + body
