"""What an agent run's `status` means: the one place that knows which statuses are final.

The contract types `status` as a free string. The API writes its statuses in
upper case (``PENDING``, ``ACTIVE``, ``COMPLETE``...), while its documentation
also shows ``completed`` and ``failed``, so statuses are compared without
regard to case. A status this SDK does not know is treated as still running:
waiting on is safer than declaring a run finished that is not.
"""

from __future__ import annotations

from typing import FrozenSet, Optional

PENDING = "PENDING"
ACTIVE = "ACTIVE"
COMPLETE = "COMPLETE"
FAILED = "FAILED"
ERROR = "ERROR"
CANCELLED = "CANCELLED"
STOPPED = "STOPPED"

#: Ended as asked: the result is the answer.
SUCCESS_STATUSES: FrozenSet[str] = frozenset({COMPLETE, "COMPLETED"})
#: Ended because something went wrong.
FAILURE_STATUSES: FrozenSet[str] = frozenset({FAILED, ERROR})
#: Ended because someone (or something) stopped it.
HALTED_STATUSES: FrozenSet[str] = frozenset({CANCELLED, STOPPED})
#: After any of these the run no longer changes.
FINAL_STATUSES: FrozenSet[str] = SUCCESS_STATUSES | FAILURE_STATUSES | HALTED_STATUSES
#: Statuses of a run still at work.
IN_PROGRESS_STATUSES: FrozenSet[str] = frozenset({PENDING, ACTIVE})


def normalize(status: Optional[str]) -> Optional[str]:
    """`status` in the upper-case spelling the sets above use; ``None`` stays ``None``."""
    return None if status is None else status.strip().upper()


def is_final(status: Optional[str]) -> bool:
    """Whether a run with this status has ended (unknown statuses have not)."""
    return normalize(status) in FINAL_STATUSES


def is_success(status: Optional[str]) -> bool:
    """Whether the run ended as asked (``COMPLETE``)."""
    return normalize(status) in SUCCESS_STATUSES


def is_known(status: Optional[str]) -> bool:
    """Whether this SDK knows what `status` means; ``None`` (no status yet) is not known."""
    normal = normalize(status)
    return normal in FINAL_STATUSES or normal in IN_PROGRESS_STATUSES


def kind(status: Optional[str]) -> str:
    """One word for how to show `status`: success, failure, halted, running or unknown."""
    normal = normalize(status)
    if normal in SUCCESS_STATUSES:
        return "success"
    if normal in FAILURE_STATUSES:
        return "failure"
    if normal in HALTED_STATUSES:
        return "halted"
    if normal in IN_PROGRESS_STATUSES:
        return "running"
    return "unknown"
