"""Agent runs and their scripted lifecycles (PENDING -> ACTIVE -> final status)."""

from __future__ import annotations

import enum
import threading
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Callable, Deque, Dict, Optional, Sequence, Tuple, Union

PENDING = "PENDING"
ACTIVE = "ACTIVE"
COMPLETE = "COMPLETE"
FAILED = "FAILED"
ERROR = "ERROR"
CANCELLED = "CANCELLED"

WEB_URL_TEMPLATE = "https://app.codegen.com/agent/trace/{id}"
FIRST_RUN_ID = 10001


class _Unset(enum.Enum):
    UNSET = "UNSET"


UNSET = _Unset.UNSET
"""Marks an argument that was not given, where ``None`` is a meaningful value."""

Text = Union[str, None, _Unset]


@dataclass(frozen=True)
class AgentRun:
    """A read-only snapshot of one run, as the API would describe it right now.

    ``polls`` counts the successful GETs of the run so far; ``prompt`` is what
    the run was created with.
    """

    id: int
    organization_id: int
    prompt: str
    status: Optional[str]
    created_at: str
    web_url: str
    result: Optional[str]
    summary: Optional[str]
    polls: int

    def to_json(self, extra_fields: bool = True) -> Dict[str, Any]:
        """The AgentRunResponse body; with ``extra_fields`` also the fields the spec leaves out."""
        body: Dict[str, Any] = {
            "id": self.id,
            "organization_id": self.organization_id,
            "status": self.status,
            "created_at": self.created_at,
            "web_url": self.web_url,
            "result": self.result,
        }
        if extra_fields:
            body["summary"] = self.summary
            body["source_type"] = "API"
            body["github_pull_requests"] = []
            body["metadata"] = None
        return body


@dataclass(frozen=True)
class _Script:
    statuses: Optional[Tuple[str, ...]]
    final_status: str
    result: Text
    summary: Text


class _Run:
    """Mutable state of one run; only touched under the store's lock."""

    __slots__ = ("id", "org_id", "prompt", "created_at", "born", "polls", "steps", "result", "summary", "override")

    def __init__(
        self,
        run_id: int,
        org_id: int,
        prompt: str,
        created_at: str,
        born: float,
        steps: Tuple[Tuple[str, float], ...],
        result: Optional[str],
        summary: Optional[str],
    ) -> None:
        self.id = run_id
        self.org_id = org_id
        self.prompt = prompt
        self.created_at = created_at
        self.born = born
        self.polls = 0
        self.steps = steps
        self.result = result
        self.summary = summary
        self.override: Optional[Tuple[str, Optional[str], Optional[str]]] = None


def default_result(final_status: str, prompt: str) -> Optional[str]:
    """What ``result`` holds once a run ends with ``final_status`` (unless scripted)."""
    if final_status == COMPLETE:
        return f"Done. I worked on your request: {_excerpt(prompt)}"
    if final_status == FAILED:
        return "The agent run failed: the agent could not complete the task."
    if final_status == ERROR:
        return "The agent run errored: an internal error interrupted the agent."
    return None


def default_summary(final_status: str, prompt: str) -> Optional[str]:
    """What ``summary`` holds once a run ends with ``final_status`` (unless scripted)."""
    if final_status == COMPLETE:
        return f"Completed: {_excerpt(prompt, 60)}"
    if final_status == FAILED:
        return "The agent run failed."
    if final_status == ERROR:
        return "The agent run hit an internal error."
    if final_status == CANCELLED:
        return "The agent run was cancelled."
    return None


def _excerpt(text: str, limit: int = 120) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


def utc_timestamp() -> str:
    """Now, as the API writes ``created_at``: ISO 8601 in UTC with a ``Z``."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class RunStore:
    """All runs, the queue of scripts for the next runs, and the lifecycle rules.

    A run's status is derived from a list of steps ``(status, threshold)``: the
    last step whose threshold is reached wins, where the measure is the number
    of GETs of that run (poll mode) or the seconds since creation (time mode).
    ``result`` and ``summary`` appear once the run reaches its last step.
    """

    def __init__(
        self,
        *,
        polls_to_active: int,
        polls_to_complete: int,
        seconds_to_complete: Optional[float],
        clock: Callable[[], float],
        first_run_id: int = FIRST_RUN_ID,
    ) -> None:
        if polls_to_active < 0 or polls_to_complete < 0:
            raise ValueError("polls_to_active and polls_to_complete must be >= 0")
        if seconds_to_complete is not None and seconds_to_complete < 0:
            raise ValueError("seconds_to_complete must be >= 0")
        self._polls_to_active = polls_to_active
        self._polls_to_complete = polls_to_complete
        self._seconds = seconds_to_complete
        self._clock = clock
        self._lock = threading.Lock()
        self._runs: Dict[int, _Run] = {}
        self._scripts: Deque[_Script] = deque()
        self._next_id = first_run_id

    def script_next(self, final_status: str, result: Text, summary: Text, statuses: Optional[Sequence[str]]) -> None:
        """Queue the lifecycle of the next run created (one script per run, first in first out)."""
        if statuses is not None:
            if isinstance(statuses, str) or not statuses:
                raise ValueError("statuses must be a non-empty sequence of status strings")
            statuses = tuple(str(status) for status in statuses)
        with self._lock:
            self._scripts.append(_Script(statuses, final_status, result, summary))

    def create(self, org_id: int, prompt: str) -> AgentRun:
        """Create a run in ``org_id`` and describe it as the create response does (before any poll)."""
        with self._lock:
            script = self._scripts.popleft() if self._scripts else _Script(None, COMPLETE, UNSET, UNSET)
            statuses = script.statuses or (PENDING, ACTIVE, script.final_status)
            final = statuses[-1]
            result = default_result(final, prompt) if isinstance(script.result, _Unset) else script.result
            summary = default_summary(final, prompt) if isinstance(script.summary, _Unset) else script.summary
            run = _Run(
                self._next_id, org_id, prompt, utc_timestamp(), self._clock(),
                self._steps(statuses, scripted=script.statuses is not None), result, summary,
            )
            self._next_id += 1
            self._runs[run.id] = run
            return self._snapshot(run)

    def _steps(self, statuses: Tuple[str, ...], *, scripted: bool) -> Tuple[Tuple[str, float], ...]:
        last = len(statuses) - 1
        if self._seconds is not None:
            span = self._seconds
            return tuple((status, span * i / last if last else 0.0) for i, status in enumerate(statuses))
        if scripted:
            return tuple((status, float(i)) for i, status in enumerate(statuses))
        pending, active, final = statuses
        return ((pending, 0.0), (active, float(self._polls_to_active)), (final, float(self._polls_to_complete)))

    def poll(self, run_id: int, org_id: int) -> Optional[AgentRun]:
        """A GET of the run through ``org_id``: counts one poll; ``None`` if not found in that org."""
        with self._lock:
            run = self._runs.get(run_id)
            if run is None or run.org_id != org_id:
                return None
            run.polls += 1
            return self._snapshot(run)

    def all(self) -> Dict[int, AgentRun]:
        """Snapshots of every run, by id, in creation order."""
        with self._lock:
            return {run_id: self._snapshot(run) for run_id, run in self._runs.items()}

    def set_status(self, run_id: int, status: str, result: Optional[str], summary: Optional[str]) -> AgentRun:
        """Pin the run to ``status`` with this ``result``/``summary`` from now on."""
        with self._lock:
            run = self._runs.get(run_id)
            if run is None:
                raise KeyError(f"no agent run with id {run_id}")
            run.override = (status, result, summary)
            return self._snapshot(run)

    def _snapshot(self, run: _Run) -> AgentRun:
        if run.override is not None:
            status, result, summary = run.override
        else:
            measure = float(run.polls) if self._seconds is None else self._clock() - run.born
            index = 0
            for i, (_, threshold) in enumerate(run.steps):
                if measure >= threshold:
                    index = i
            status = run.steps[index][0]
            final = index == len(run.steps) - 1
            result = run.result if final else None
            summary = run.summary if final else None
        return AgentRun(
            id=run.id,
            organization_id=run.org_id,
            prompt=run.prompt,
            status=status,
            created_at=run.created_at,
            web_url=WEB_URL_TEMPLATE.format(id=run.id),
            result=result,
            summary=summary,
            polls=run.polls,
        )
