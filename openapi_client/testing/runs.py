"""Agent runs and their scripted lifecycles (PENDING -> ACTIVE -> final status), resumes and logs."""

from __future__ import annotations

import enum
import random
import re
import threading
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Callable, Deque, Dict, List, Mapping, Optional, Sequence, Tuple, Union

from . import logs as run_logs

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

FINAL_STATUSES = (COMPLETE, FAILED, ERROR, TIMEOUT, MAX_ITERATIONS_REACHED, OUT_OF_TOKENS, CANCELLED, STOPPED, PAUSED)
"""Every status a run can end in, from the live API's README (PAUSED waits for the user's input)."""

AT_WORK_STATUSES = (PENDING, ACTIVE, RUNNING, EVALUATION)

WEB_PATH = "/agent/trace/{id}"
"""Where the emulator serves a run's page, as the live API's ``web_url`` points at its app."""
FIRST_RUN_ID = 10001

Seconds = Union[float, Tuple[float, float]]
"""A duration, or a ``(low, high)`` range each run draws its own duration from."""


class _Unset(enum.Enum):
    UNSET = "UNSET"


UNSET = _Unset.UNSET
"""Marks an argument that was not given, where ``None`` is a meaningful value."""

Text = Union[str, None, _Unset]
PullRequest = Union[bool, Mapping[str, Any], Sequence[Mapping[str, Any]]]


class RunLimitReached(Exception):
    """The organisation has used up its runs (the API answers 402)."""


@dataclass(frozen=True)
class AgentRun:
    """A read-only snapshot of one run, as the API would describe it right now.

    ``polls`` counts the successful GETs of the run (of its logs, and listings that showed it) so far;
    ``prompt`` is what the run was created with; ``user_id`` is the id of the
    user whose token created it. ``banned``/``removed_from_pr`` record the PR
    actions; ``logs`` are the log entries visible now, oldest first.
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
    user_id: Optional[int] = None
    source_type: Optional[str] = "API"
    metadata: Optional[Dict[str, Any]] = None
    github_pull_requests: Tuple[Dict[str, Any], ...] = ()
    repo_id: Optional[int] = None
    model: Optional[str] = None
    agent_type: Optional[str] = None
    images: Tuple[str, ...] = ()
    prompts: Tuple[str, ...] = ()
    banned: bool = False
    removed_from_pr: bool = False
    logs: Tuple[Dict[str, Any], ...] = field(default=(), repr=False)

    def to_json(self, extra_fields: bool = True) -> Dict[str, Any]:
        """The AgentRunResponse body; without ``extra_fields`` only the six fields of the first contract."""
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
            body["source_type"] = self.source_type
            body["github_pull_requests"] = [dict(pr) for pr in self.github_pull_requests]
            body["metadata"] = self.metadata
        return body


@dataclass(frozen=True)
class _Script:
    statuses: Optional[Tuple[str, ...]]
    final_status: str
    result: Text
    summary: Text
    source_type: Optional[str] = "API"
    pull_request: PullRequest = False
    seconds: Optional[float] = None
    logs_not_found: Optional[int] = None


class _Turn:
    """One piece of work: the first one, or one per resume. Steps are measured from its start."""

    __slots__ = ("steps", "polls_at_start", "born", "started", "logs", "result", "summary", "prompt", "timed", "stamps")

    def __init__(
        self, steps: Tuple[Tuple[str, float], ...], polls_at_start: int, born: float,
        logs: List[run_logs.LogEntry], result: Optional[str], summary: Optional[str], prompt: str,
        timed: bool = False,
    ) -> None:
        self.timed = timed  # measured in seconds even in poll mode (a script gave its own duration)
        self.steps = steps
        self.polls_at_start = polls_at_start
        self.born = born
        self.stamps: List[str] = []  # when each log entry appeared
        self.logs = logs
        self.result = result
        self.summary = summary
        self.prompt = prompt


class _Run:
    """Mutable state of one run; only touched under the store's lock."""

    def __init__(self, run_id: int, org_id: int, user_id: Optional[int], created_at: str, fields: Mapping[str, Any]) -> None:
        self.id = run_id
        self.org_id = org_id
        self.user_id = user_id
        self.created_at = created_at
        self.fields = dict(fields)
        self.polls = 0
        self.turns: List[_Turn] = []
        self.source_type: Optional[str] = "API"
        self.pull_requests: Tuple[Dict[str, Any], ...] = ()
        self.logs_not_found = 0
        self.banned = False
        self.removed_from_pr = False
        self.override: Optional[Tuple[str, Optional[str], Optional[str]]] = None


_DEFAULT_RESULTS = {
    COMPLETE: None,  # mentions the prompt, see default_result
    FAILED: "The agent run failed: the agent could not complete the task.",
    ERROR: "The agent run errored: an internal error interrupted the agent.",
    TIMEOUT: "The agent run timed out before the task was finished.",
    MAX_ITERATIONS_REACHED: "The agent reached its maximum number of iterations before finishing.",
    OUT_OF_TOKENS: "The agent ran out of tokens before finishing.",
}

_DEFAULT_SUMMARIES = {
    FAILED: "The agent run failed.",
    ERROR: "The agent run hit an internal error.",
    TIMEOUT: "The agent run timed out.",
    MAX_ITERATIONS_REACHED: "The agent run reached its iteration limit.",
    OUT_OF_TOKENS: "The agent run ran out of tokens.",
    CANCELLED: "The agent run was cancelled.",
    STOPPED: "The agent run was stopped.",
    PAUSED: "The agent is waiting for your input.",
}


def default_result(final_status: str, prompt: str) -> Optional[str]:
    """What ``result`` holds once a run ends with ``final_status`` (unless scripted)."""
    if final_status == COMPLETE:
        return f"Done. I worked on your request: {_excerpt(prompt)}"
    return _DEFAULT_RESULTS.get(final_status)


def default_summary(final_status: str, prompt: str) -> Optional[str]:
    """What ``summary`` holds once a run ends with ``final_status`` (unless scripted)."""
    if final_status == COMPLETE:
        return f"Completed: {_excerpt(prompt, 60)}"
    return _DEFAULT_SUMMARIES.get(final_status)


def _excerpt(text: str, limit: int = 120) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


def utc_timestamp() -> str:
    """Now, as the API writes ``created_at``: ISO 8601 in UTC with a ``Z``."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _pull_request(run_id: int, prompt: str, given: Mapping[str, Any], repo: str, index: int = 0) -> Dict[str, Any]:
    """The run's ``index``-th pull request (0 for the first): defaults, then the ``given`` fields."""
    slug = "-".join(re.findall(r"[a-z0-9]+", prompt.lower())[:5]) or "change"
    number = run_id % 1000 + 1 + index
    suffix = f"-{index + 1}" if index else ""
    pr: Dict[str, Any] = {
        "id": 700000 + run_id + 100000 * index,
        "title": f"Codegen: {_excerpt(prompt, 60)}",
        "url": f"https://github.com/{repo}/pull/{number}",
        "created_at": utc_timestamp(),
        "head_branch_name": f"codegen-bot/{slug}-{run_id}{suffix}",
    }
    pr.update(given)
    return pr


class RunStore:
    """All runs, the queue of scripts for the next runs, and the lifecycle rules.

    A run's status is derived from its current turn's steps ``(status,
    threshold)``: the last step whose threshold is reached wins, where the
    measure is the number of polls of that run since the turn began (poll mode)
    or the seconds since then (time mode). ``result`` and ``summary`` appear
    once the run reaches its last step. A resume starts a new turn.
    """

    def __init__(
        self,
        *,
        polls_to_active: int,
        polls_to_complete: int,
        seconds_to_complete: Optional[Seconds],
        clock: Callable[[], float],
        first_run_id: int = FIRST_RUN_ID,
        run_limit: Optional[int] = None,
        logs_not_found: int = 0,
        random_seed: Optional[int] = None,
        repo_name: Callable[[int, Optional[int]], str] = lambda org_id, repo_id: "codegen-sh/example",
        web_url: Callable[[int], str] = lambda run_id: WEB_PATH.format(id=run_id),
        pull_requests: bool = False,
    ) -> None:
        if polls_to_active < 0 or polls_to_complete < 0:
            raise ValueError("polls_to_active and polls_to_complete must be >= 0")
        if seconds_to_complete is not None:
            low, high = seconds_to_complete if isinstance(seconds_to_complete, tuple) else (seconds_to_complete,) * 2
            if not 0 <= low <= high:
                raise ValueError(f"seconds_to_complete must be >= 0 (a range as (low, high)), got {seconds_to_complete!r}")
        if run_limit is not None and run_limit < 0:
            raise ValueError("run_limit must be >= 0")
        if logs_not_found < 0:
            raise ValueError("logs_not_found must be >= 0")
        self._polls_to_active = polls_to_active
        self._polls_to_complete = polls_to_complete
        self._seconds = seconds_to_complete
        self._clock = clock
        self._run_limit = run_limit
        self._default_script = _Script(None, COMPLETE, UNSET, UNSET, pull_request=pull_requests)
        self._logs_not_found = logs_not_found
        self._random = random.Random(random_seed)
        self._repo_name = repo_name
        self._web_url = web_url
        self._lock = threading.Lock()
        self._runs: Dict[int, _Run] = {}
        self._scripts: Deque[_Script] = deque()
        self._next_id = first_run_id

    @property
    def time_driven(self) -> bool:
        """Whether lifecycles are measured in seconds rather than polls."""
        return self._seconds is not None

    def script_next(
        self, final_status: str, result: Text, summary: Text, statuses: Optional[Sequence[str]], *,
        source_type: Optional[str] = "API", pull_request: PullRequest = False,
        seconds: Optional[float] = None, logs_not_found: Optional[int] = None,
    ) -> None:
        """Queue the lifecycle of the next run created (one script per run, first in first out)."""
        if statuses is not None:
            if isinstance(statuses, str) or not statuses:
                raise ValueError("statuses must be a non-empty sequence of status strings")
            statuses = tuple(str(status) for status in statuses)
        if seconds is not None and seconds < 0:
            raise ValueError("seconds must be >= 0")
        if logs_not_found is not None and logs_not_found < 0:
            raise ValueError("logs_not_found must be >= 0")
        script = _Script(statuses, final_status, result, summary, source_type, pull_request, seconds, logs_not_found)
        with self._lock:
            self._scripts.append(script)

    def create(
        self, org_id: int, prompt: str, *, user_id: Optional[int] = None, fields: Optional[Mapping[str, Any]] = None,
        source_type: Optional[str] = None,
    ) -> AgentRun:
        """Create a run in ``org_id`` and describe it as the create response does (before any poll).

        ``fields`` holds the other inputs of the create body (``images``, ``metadata``, ``repo_id``,
        ``model``, ``agent_type``). ``source_type``, if given, is the run's whatever a script says.
        Raises ``RunLimitReached`` once the org has ``run_limit`` runs.
        """
        with self._lock:
            if self._run_limit is not None:
                if sum(1 for run in self._runs.values() if run.org_id == org_id) >= self._run_limit:
                    raise RunLimitReached(org_id)
            script = self._scripts.popleft() if self._scripts else self._default_script
            statuses = script.statuses or (PENDING, ACTIVE, script.final_status)
            final = statuses[-1]
            result = default_result(final, prompt) if isinstance(script.result, _Unset) else script.result
            summary = default_summary(final, prompt) if isinstance(script.summary, _Unset) else script.summary
            run = _Run(self._next_id, org_id, user_id, utc_timestamp(), fields or {})
            run.source_type = source_type or script.source_type
            run.logs_not_found = self._logs_not_found if script.logs_not_found is None else script.logs_not_found
            pull_request: Optional[Dict[str, Any]] = None
            if script.pull_request is not False:
                repo = self._repo_name(org_id, run.fields.get("repo_id"))
                wanted = script.pull_request
                givens = [{}] if wanted is True else [wanted] if isinstance(wanted, Mapping) else list(wanted)
                run.pull_requests = tuple(
                    _pull_request(run.id, prompt, given, repo, index) for index, given in enumerate(givens)
                )
                pull_request = run.pull_requests[0] if run.pull_requests else None
            steps = self._steps(statuses, scripted=script.statuses is not None, seconds=script.seconds)
            logs = run_logs.first_turn(prompt, final, result, pull_request)
            run.turns.append(_Turn(steps, 0, self._clock(), logs, result, summary, prompt, script.seconds is not None))
            self._next_id += 1
            self._runs[run.id] = run
            return self._snapshot(run)

    def _duration(self, seconds: Optional[float]) -> float:
        if seconds is not None:
            return seconds
        span = self._seconds
        assert span is not None
        return self._random.uniform(*span) if isinstance(span, tuple) else span

    def _steps(
        self, statuses: Tuple[str, ...], *, scripted: bool, seconds: Optional[float] = None
    ) -> Tuple[Tuple[str, float], ...]:
        last = len(statuses) - 1
        if self._seconds is not None or seconds is not None:
            span = self._duration(seconds)
            return tuple((status, span * i / last if last else 0.0) for i, status in enumerate(statuses))
        if scripted:
            return tuple((status, float(i)) for i, status in enumerate(statuses))
        pending, active, final = statuses
        return ((pending, 0.0), (active, float(self._polls_to_active)), (final, float(self._polls_to_complete)))

    def _find(self, run_id: int, org_id: int) -> Optional[_Run]:
        run = self._runs.get(run_id)
        return None if run is None or run.org_id != org_id else run

    def poll(self, run_id: int, org_id: int) -> Optional[AgentRun]:
        """A GET of the run through ``org_id``: counts one poll; ``None`` if not found in that org."""
        with self._lock:
            run = self._find(run_id, org_id)
            if run is None:
                return None
            run.polls += 1
            return self._snapshot(run)

    def poll_logs(self, run_id: int, org_id: int) -> Optional[AgentRun]:
        """A GET of the run's logs: ``None`` while not found, else like ``poll`` (it counts as one)."""
        with self._lock:
            run = self._find(run_id, org_id)
            if run is None:
                return None
            if run.logs_not_found > 0:
                run.logs_not_found -= 1
                return None
            run.polls += 1
            return self._snapshot(run)

    def page(
        self, org_id: int, *, user_id: Optional[int], source_type: Optional[str], skip: int, limit: int
    ) -> Tuple[List[AgentRun], int]:
        """The org's runs newest first, filtered, one page of them and how many match.

        The listing counts as one poll of each run it shows: a wait that lists moves
        poll-mode runs on as one that reads each run does.
        """
        with self._lock:
            matching = [
                run for run in reversed(list(self._runs.values()))
                if run.org_id == org_id
                and (user_id is None or run.user_id == user_id)
                and (source_type is None or run.source_type == source_type)
            ]
            shown = matching[skip: skip + limit]
            for run in shown:
                run.polls += 1
            return [self._snapshot(run) for run in shown], len(matching)

    def resume(self, run_id: int, org_id: int, prompt: str, images: Sequence[str] = ()) -> Optional[AgentRun]:
        """Take the run back to work on ``prompt``: ACTIVE now, COMPLETE again later with a new result."""
        with self._lock:
            run = self._find(run_id, org_id)
            if run is None:
                return None
            result, summary = default_result(COMPLETE, prompt), default_summary(COMPLETE, prompt)
            if self._seconds is not None:
                steps = ((ACTIVE, 0.0), (COMPLETE, self._duration(None)))
            else:
                steps = ((ACTIVE, 0.0), (COMPLETE, float(max(1, self._polls_to_complete - self._polls_to_active))))
            logs = run_logs.follow_up(prompt, COMPLETE, result)
            _stamp(run.turns[-1], len(run.turns[-1].logs))  # whatever was left of the last turn is logged now
            run.turns.append(_Turn(steps, run.polls, self._clock(), logs, result, summary, prompt))
            run.override = None
            if images:
                run.fields["images"] = list(run.fields.get("images") or []) + list(images)
            return self._snapshot(run)

    def stop_action(self, run_id: int, org_id: int, action: str) -> Optional[AgentRun]:
        """Record ``ban``, ``unban`` or ``remove-from-pr``; the first and last stop the run if at work."""
        with self._lock:
            run = self._find(run_id, org_id)
            if run is None:
                return None
            if action == "unban":
                run.banned = False
            else:
                run.banned = True
                run.removed_from_pr = run.removed_from_pr or action == "remove-from-pr"
                if self._snapshot(run).status in AT_WORK_STATUSES:
                    run.override = (STOPPED, None, default_summary(STOPPED, ""))
            return self._snapshot(run)

    def peek(self, run_id: int) -> Optional[AgentRun]:
        """The run as it is now, counting no poll; ``None`` if there is none of that id."""
        with self._lock:
            run = self._runs.get(run_id)
            return None if run is None else self._snapshot(run)

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

    def set_pull_request_state(
        self, org_id: int, pr_id: int, state: str, in_repository: Callable[[Optional[int]], bool]
    ) -> Optional[Dict[str, Any]]:
        """Record the new ``state`` of pull request ``pr_id``, which its run's ``github_pull_requests`` then shows.

        The pull request is one a run of ``org_id`` opened, whose ``repo_id`` passes ``in_repository``;
        returns a copy of it edited, or None when there is none.
        """
        with self._lock:
            found = next(
                ((run, pr) for run in self._runs.values() if run.org_id == org_id
                 for pr in run.pull_requests if pr["id"] == pr_id),
                None,
            )
            if found is None or not in_repository(found[0].fields.get("repo_id")):
                return None
            run, pr = found
            edited = {**pr, "state": state}  # a new dict: snapshots taken before keep the old state
            run.pull_requests = tuple(edited if each is pr else each for each in run.pull_requests)
            return dict(edited)

    def _progress(self, run: _Run, turn: _Turn) -> Tuple[int, float]:
        """The index of the turn's current step, and how much of the turn is done (0..1)."""
        if self._seconds is None and not turn.timed:
            measure = float(run.polls - turn.polls_at_start)
        else:
            measure = self._clock() - turn.born
        index = 0
        for i, (_, threshold) in enumerate(turn.steps):
            if measure >= threshold:
                index = i
        end = turn.steps[-1][1]
        if index == len(turn.steps) - 1:
            return index, 1.0
        return index, (measure / end if end > 0 else 1.0)

    def _snapshot(self, run: _Run) -> AgentRun:
        turn = run.turns[-1]
        index, done = self._progress(run, turn)
        final = index == len(turn.steps) - 1
        if run.override is not None:
            status, result, summary = run.override
        else:
            status = turn.steps[index][0]
            result = turn.result if final else None
            summary = turn.summary if final else None
        if len(run.turns) == 1 and index == 0 and run.override is None:
            done = 0.0  # the first step (PENDING) shows no work yet
        _stamp(turn, run_logs.visible(turn.logs, done))
        entries: List[Dict[str, Any]] = []
        for each in run.turns:
            entries += run_logs.render(run.id, each.logs, each.stamps)
        fields = run.fields
        return AgentRun(
            id=run.id,
            organization_id=run.org_id,
            prompt=run.turns[0].prompt,
            status=status,
            created_at=run.created_at,
            web_url=self._web_url(run.id),
            result=result,
            summary=summary,
            polls=run.polls,
            user_id=run.user_id,
            source_type=run.source_type,
            metadata=fields.get("metadata"),
            github_pull_requests=run.pull_requests if final or run.override is not None or len(run.turns) > 1 else (),
            repo_id=fields.get("repo_id"),
            model=fields.get("model"),
            agent_type=fields.get("agent_type"),
            images=tuple(fields.get("images") or ()),
            prompts=tuple(turn.prompt for turn in run.turns),
            banned=run.banned,
            removed_from_pr=run.removed_from_pr,
            logs=tuple(entries),
        )



def _stamp(turn: _Turn, shown: int) -> None:
    """Note the time the turn's first ``shown`` log entries appeared (the new ones appear now)."""
    while len(turn.stamps) < shown:
        turn.stamps.append(utc_timestamp())
