"""What an agent run's `status` means: the one place that knows which statuses are final.

The contract types `status` as a free string. The API writes its statuses in
upper case (``PENDING``, ``ACTIVE``, ``COMPLETE``...), while its documentation
also shows ``completed`` and ``failed``, so statuses are compared without
regard to case. A status this SDK does not know is treated as still running:
waiting on is safer than declaring a run finished that is not.

``PAUSED`` is neither at work nor final: the agent waits for the user's
input (`needs_input`), and nothing happens until the user resumes the run,
so waits give a paused run back (`ends_wait`) rather than waiting on it.
"""

from __future__ import annotations

from typing import FrozenSet, Optional

PENDING = "PENDING"
ACTIVE = "ACTIVE"
RUNNING = "RUNNING"
EVALUATION = "EVALUATION"
COMPLETE = "COMPLETE"
FAILED = "FAILED"
ERROR = "ERROR"
TIMEOUT = "TIMEOUT"
MAX_ITERATIONS_REACHED = "MAX_ITERATIONS_REACHED"
OUT_OF_TOKENS = "OUT_OF_TOKENS"
CANCELLED = "CANCELLED"
STOPPED = "STOPPED"
PAUSED = "PAUSED"

#: Ended as asked: the result is the answer.
SUCCESS_STATUSES: FrozenSet[str] = frozenset({COMPLETE, "COMPLETED"})
#: Ended because something went wrong.
FAILURE_STATUSES: FrozenSet[str] = frozenset({FAILED, ERROR, TIMEOUT, MAX_ITERATIONS_REACHED, OUT_OF_TOKENS})
#: Ended because someone (or something) stopped it.
HALTED_STATUSES: FrozenSet[str] = frozenset({CANCELLED, STOPPED})
#: After any of these the run no longer changes (unless it is resumed).
FINAL_STATUSES: FrozenSet[str] = SUCCESS_STATUSES | FAILURE_STATUSES | HALTED_STATUSES
#: Statuses of a run still at work.
IN_PROGRESS_STATUSES: FrozenSet[str] = frozenset({PENDING, ACTIVE, RUNNING, EVALUATION})
#: The agent waits for the user's input: the run goes on only once resumed.
INPUT_STATUSES: FrozenSet[str] = frozenset({PAUSED})


def normalize(status: Optional[str]) -> Optional[str]:
    """`status` in the upper-case spelling the sets above use; ``None`` stays ``None``."""
    return None if status is None else status.strip().upper()


def is_final(status: Optional[str]) -> bool:
    """Whether a run with this status has ended (unknown statuses and ``PAUSED`` have not)."""
    return normalize(status) in FINAL_STATUSES


def is_success(status: Optional[str]) -> bool:
    """Whether the run ended as asked (``COMPLETE``)."""
    return normalize(status) in SUCCESS_STATUSES


def needs_input(status: Optional[str]) -> bool:
    """Whether the agent waits for the user (``PAUSED``): resume the run with an answer to go on."""
    return normalize(status) in INPUT_STATUSES


def ends_wait(status: Optional[str]) -> bool:
    """Whether a wait should give the run back: it has ended, or it waits for the user's input."""
    normal = normalize(status)
    return normal in FINAL_STATUSES or normal in INPUT_STATUSES


def is_known(status: Optional[str]) -> bool:
    """Whether this SDK knows what `status` means; ``None`` (no status yet) is not known."""
    normal = normalize(status)
    return normal in FINAL_STATUSES or normal in IN_PROGRESS_STATUSES or normal in INPUT_STATUSES


def category(status: Optional[str]) -> str:
    """Which of the tables above `status` is in, as one word: success, failure, halted, input, running or unknown."""
    normal = normalize(status)
    if normal in SUCCESS_STATUSES:
        return "success"
    if normal in FAILURE_STATUSES:
        return "failure"
    if normal in HALTED_STATUSES:
        return "halted"
    if normal in INPUT_STATUSES:
        return "input"
    if normal in IN_PROGRESS_STATUSES:
        return "running"
    return "unknown"


#: The earlier name of `category`.
kind = category
