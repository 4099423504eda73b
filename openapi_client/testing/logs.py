"""The agent's log of a run: realistic steps (thoughts, tool calls, observations) that appear as it works."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Mapping, Optional

LogEntry = Dict[str, Any]
"""One ``AgentRunLogResponse`` without ``agent_run_id`` and ``created_at`` (added when served)."""


def _entry(
    message_type: str,
    thought: Optional[str],
    tool_name: Optional[str] = None,
    tool_input: Optional[Dict[str, Any]] = None,
    tool_output: Optional[Dict[str, Any]] = None,
    observation: Any = None,
) -> LogEntry:
    return {
        "tool_name": tool_name,
        "message_type": message_type,
        "thought": thought,
        "observation": observation,
        "tool_input": tool_input,
        "tool_output": tool_output,
    }


def _keyword(prompt: str) -> str:
    words = [word for word in re.findall(r"[A-Za-z_][A-Za-z0-9_]{3,}", prompt)]
    return max(words, key=len).lower() if words else "todo"


def first_turn(prompt: str, final_status: str, result: Optional[str], pull_request: Optional[Mapping[str, Any]]) -> List[LogEntry]:
    """The steps of a run's first piece of work, ending the way ``final_status`` says."""
    keyword = _keyword(prompt)
    path = f"src/{keyword}.py"
    entries = [
        _entry("PLAN_EVALUATION", f"Plan: find where '{keyword}' is handled, change it, run the tests."),
        _entry(
            "ACTION", f"I'll search the repository for '{keyword}' first.", "ripgrep_search",
            {"query": keyword, "file_extensions": [".py"]},
            {"matches": 3, "files": [path, "tests/test_app.py"]},
            {"status": "success", "summary": f"Found 3 matches for '{keyword}' in 2 files"},
        ),
        _entry(
            "ACTION", f"Let me read {path} to understand the current code.", "view_file",
            {"filepath": path}, {"content": f"def {keyword}():\n    ...\n", "total_lines": 120},
            f"Viewed {path} (120 lines)",
        ),
        _entry(
            "ACTION", "Now I'll make the change.", "edit_file",
            {"filepath": path, "edit": f"def {keyword}():\n    return True\n"},
            {"success": True, "diff": f"--- a/{path}\n+++ b/{path}\n@@ -1,2 +1,2 @@\n-    ...\n+    return True\n"},
            {"status": "success", "lines_changed": 2},
        ),
        _entry(
            "ACTION", "Run the tests to check the change.", "run_command",
            {"command": "python -m pytest -q"}, {"exit_code": 0, "stdout": "12 passed in 1.31s", "stderr": ""},
            "12 passed in 1.31s",
        ),
    ]
    if pull_request is not None:
        entries.append(_entry(
            "ACTION", "Open a pull request with the change.", "create_pr",
            {"title": pull_request.get("title"), "head_branch": pull_request.get("head_branch_name")},
            {"url": pull_request.get("url"), "id": pull_request.get("id")},
            {"status": "success", "url": pull_request.get("url")},
        ))
    entries.append(_final(final_status, result))
    return entries


def follow_up(prompt: str, final_status: str, result: Optional[str]) -> List[LogEntry]:
    """The steps after a resume: the user's message, a little more work, then the end."""
    keyword = _keyword(prompt)
    return [
        _entry("USER_MESSAGE", None, observation=prompt),
        _entry("PLAN_EVALUATION", f"The user asked for a follow-up about '{keyword}'. I'll adjust the change."),
        _entry(
            "ACTION", "Apply the follow-up change.", "edit_file",
            {"filepath": f"src/{keyword}.py", "edit": "# follow-up\n"},
            {"success": True, "diff": "@@ -1 +1,2 @@\n+# follow-up\n"},
            {"status": "success", "lines_changed": 1},
        ),
        _final(final_status, result),
    ]


#: Statuses of a run at work: a script that stops at one of them leaves the run working, not ended.
_AT_WORK = ("PENDING", "ACTIVE", "RUNNING", "EVALUATION")


def _final(final_status: str, result: Optional[str]) -> LogEntry:
    if final_status in _AT_WORK:
        return _entry("PLAN_EVALUATION", "Still working on it: checking the change once more.")
    if final_status == "COMPLETE":
        return _entry("FINAL_ANSWER", "The task is done.", observation=result or "Done.")
    if final_status == "PAUSED":
        return _entry("ACTION", "I need the user's input to go on.", "ask_user", {"question": "How should I continue?"},
                      None, "Waiting for the user's reply.")
    return _entry("ERROR", f"The run ended with status {final_status}.", observation={"error": result or final_status})


def visible(entries: List[LogEntry], done: float) -> int:
    """How many of a turn's entries exist once ``done`` (0..1) of its work is done."""
    if done >= 1.0:
        return len(entries)
    if done <= 0.0:
        return 0
    return max(1, min(len(entries) - 1, int(done * len(entries))))


def render(run_id: int, entries: List[LogEntry], stamps: List[str]) -> List[Dict[str, Any]]:
    """The entries that have appeared (one per stamp), as the API serves them: with ``agent_run_id`` and ``created_at``."""
    return [{"agent_run_id": run_id, "created_at": stamp, **entry} for entry, stamp in zip(entries, stamps)]
