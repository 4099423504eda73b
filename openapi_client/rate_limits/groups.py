"""The API's rate limits: one table of limit groups, and the group of each operation.

The API counts requests per organisation and token in groups, each with a
sliding window of its own (the limits below come from the operations'
descriptions in the contract). A call takes a slot of its operation's group
before it is sent. Adding an operation with a limit of its own costs one
line in `OPERATION_GROUPS` (and one in `LIMIT_GROUPS` for a new group).
"""

from __future__ import annotations

from typing import Dict, Optional, Tuple

#: ``(requests, seconds)``: at most that many requests in any window that long.
RateLimit = Tuple[int, float]

#: The API's limit of each group, per organisation and token.
LIMIT_GROUPS: Dict[str, RateLimit] = {
    "create": (10, 60.0),
    "read": (60, 30.0),
    "logs": (60, 60.0),
    "setup-commands": (5, 60.0),
    "analyze-logs": (5, 60.0),
    "pr-edits": (30, 60.0),
    "cli-rules": (30, 60.0),
}

#: The group of each operation (the SDK's operation names) outside `DEFAULT_GROUP`; the two that start
#: agent runs are retried as creation is.
OPERATION_GROUPS: Dict[str, str] = {
    "create_agent_run": "create",
    "get_agent_run_logs": "logs",
    "generate_setup_commands": "setup-commands",
    "analyze_sandbox_logs": "analyze-logs",
    "edit_pull_request": "pr-edits",
    "edit_pull_request_simple": "pr-edits",
    "get_cli_rules": "cli-rules",
}

#: The group of every other operation. The reads state 60 per 30 s; the few
#: operations that state no limit are counted with them, a cautious guess that
#: costs a slot each.
DEFAULT_GROUP = "read"
#: Seconds to hold a group back after a 429 that did not say how long to wait.
RATE_LIMIT_PAUSE = 5.0


def group_of(operation: Optional[str]) -> str:
    """The limit group a call of `operation` takes its slot from."""
    return OPERATION_GROUPS.get(operation or "", DEFAULT_GROUP)


def pause_for(retry_after: Optional[float]) -> float:
    """Seconds to hold a group back after a 429: the server's ``Retry-After``, else `RATE_LIMIT_PAUSE`."""
    return RATE_LIMIT_PAUSE if retry_after is None else retry_after
