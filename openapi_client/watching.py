"""Watching an organisation's agent runs: events, the state that survives restarts, and their delivery.

The API has no webhooks and no stream, so a watcher polls, as cheaply as it can:

- each cycle reads ONE page of the organisation's runs (100, newest first),
  whatever the number of runs on it. After a restart it reads further pages
  until it reaches the runs it knew (at most `MAX_CATCH_UP_PAGES`);
- a run it follows that is still at work but has left the first page is read
  by itself, as many-run waits do;
- the requests go through a `polling.PollLoop`, as for waits: each takes a
  slot of the read budget the process shares with every other poll, and a
  429 pauses that budget;
- cycles start `poll_interval` apart (1 s) and spread out to 10 s while
  nothing changes.

Comparing each run with the state seen before gives `AgentRunEvent`s:
``created``, ``status_changed``, ``pull_request_opened`` and ``finished``.
The first cycle of a watch without a state only notes what it sees: a watch
starts from now.

With a state file, the runs seen and the events not yet acknowledged are
written to it (atomically: a new file renamed over the old one) before any
event goes out, and each acknowledgement is written as it comes. A watcher
stopped in any way, ``kill -9`` included, therefore delivers on restart the
events it had not had acknowledged and every change made while it was down,
and never an event that was acknowledged. Only a crash in the instant between
a receiver's answer and that write can deliver one event again, which its
stable `AgentRunEvent.id` lets a receiver notice.

Delivery (`Dispatcher`) gives each event to each target (`PostTarget`,
`ExecTarget`) on its own, with growing pauses between attempts, so one bad
receiver never holds up the watcher or another event.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
import logging
import os
import random
import subprocess
import tempfile
import threading
import time
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Callable, Dict, Iterator, List, Mapping, Optional, Sequence, Set, Tuple

import urllib3

from openapi_client import __version__, run_status
from openapi_client.arguments import MAX_PAGE_SIZE
from openapi_client.exceptions import (
    AgentRunTimeoutError, ApiException, ApiTypeError, ApiValueError, NotFoundException, parse_retry_after,
)

# The models and the poll loop are imported when first needed: `openapi_client.AgentRunEvent` brings this module.
if TYPE_CHECKING:  # pragma: no cover
    from openapi_client.models.agent_run_response import AgentRunResponse
    from openapi_client.models.github_pull_request_response import GithubPullRequestResponse
    from openapi_client.api.agents_api import AgentsApi

logger = logging.getLogger("openapi_client.watching")

#: The kinds of event, in the order a run's events of one cycle come.
CREATED = "created"
STATUS_CHANGED = "status_changed"
PULL_REQUEST_OPENED = "pull_request_opened"
FINISHED = "finished"

#: Pages read at most in one cycle to catch up on the runs created while the watcher was down.
MAX_CATCH_UP_PAGES = 10
#: The state file's layout; another number is refused.
STATE_FORMAT = 1

#: Attempts per event and target before a delivery is given up.
DELIVERY_ATTEMPTS = 8
#: The pause after the first failed attempt; it doubles after each one, up to `MAX_RETRY_PAUSE`.
FIRST_RETRY_PAUSE = 1.0
MAX_RETRY_PAUSE = 60.0
#: Attempts running at once; events waiting between attempts hold no slot.
MAX_CONCURRENT_ATTEMPTS = 16
#: Seconds a receiver has to answer a POST (connect, read).
POST_TIMEOUT = urllib3.Timeout(connect=5.0, read=10.0)
#: Seconds a command has to finish before it is killed and the attempt counts as failed.
EXEC_TIMEOUT = 300.0

def _now() -> datetime:
    return datetime.now(timezone.utc)


def _time_text(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


@dataclasses.dataclass(frozen=True)
class AgentRunEvent:
    """Something that happened to an agent run, as a watcher saw it.

    `id` is stable: the same change always has the same id, so a receiver can
    drop one it has seen (``10001:status_changed:ACTIVE``; a run that enters a
    status again after a resume gets ``...:ACTIVE:2``). `run` is the run as
    read, `previous_status` the status seen before (None for ``created``),
    `time` when the watcher saw the change (a change made while a watcher was
    down is seen when it starts again). `pull_request` is the PR a
    ``pull_request_opened`` event is about.
    """

    id: str
    event: str
    run: AgentRunResponse
    previous_status: Optional[str]
    time: datetime
    pull_request: Optional[GithubPullRequestResponse] = None

    @property
    def pull_request_url(self) -> Optional[str]:
        """The URL of the event's PR, else of the run's first PR; None if it has none."""
        if self.pull_request is not None and self.pull_request.url:
            return self.pull_request.url
        return next((pr.url for pr in self.run.github_pull_requests or [] if pr.url), None)

    def to_dict(self) -> Dict[str, Any]:
        """The event as JSON-ready values: what ``--json``, ``--exec`` and ``--post`` send."""
        return {
            "id": self.id,
            "event": self.event,
            "time": _time_text(self.time),
            "previous_status": self.previous_status,
            "run": self.run.to_dict(),
            "pull_request": None if self.pull_request is None else self.pull_request.to_dict(),
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), separators=(",", ":"))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AgentRunEvent:
        from openapi_client.models.agent_run_response import AgentRunResponse
        from openapi_client.models.github_pull_request_response import GithubPullRequestResponse

        run = AgentRunResponse.from_dict(dict(data["run"]))
        assert run is not None
        pull_request = data.get("pull_request")
        return cls(
            id=str(data["id"]),
            event=str(data["event"]),
            run=run,
            previous_status=data.get("previous_status"),
            time=datetime.fromisoformat(str(data["time"]).replace("Z", "+00:00")),
            pull_request=None if pull_request is None else GithubPullRequestResponse.from_dict(dict(pull_request)),
        )


@dataclasses.dataclass
class _Seen:
    """What the watcher knows of one run: its status, its PRs, and how often it entered each status."""

    status: Optional[str]
    pull_requests: List[int]
    entered: Dict[str, int]

    def to_dict(self) -> Dict[str, Any]:
        return {"status": self.status, "pull_requests": self.pull_requests, "entered": self.entered}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> _Seen:
        return cls(data.get("status"), [int(pr) for pr in data.get("pull_requests", [])],
                   {str(k): int(v) for k, v in dict(data.get("entered", {})).items()})


class WatchState:
    """The runs seen and the events not yet acknowledged; kept in `path` when there is one.

    Every change is written at once, atomically. Thread-safe: deliveries
    acknowledge from their own threads.
    """

    def __init__(self, path: Optional[str], org_id: int) -> None:
        self.path = path
        self.org_id = org_id
        self.lock = threading.RLock()
        self.started = False  # whether a first cycle has set the starting point
        self.newest_run_id = 0
        self.runs: Dict[int, _Seen] = {}
        #: event id -> (event, the targets that have acknowledged it), in the order the events came.
        self.pending: Dict[str, Tuple[AgentRunEvent, Set[str]]] = {}
        if path is None:
            return
        directory = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(directory) or not os.access(directory, os.W_OK):
            raise ApiValueError(f"the watch state {path} cannot be written: {directory} is not a writable directory")
        if os.path.exists(path):
            self._load(path)

    def _load(self, path: str) -> None:
        try:
            with open(path, encoding="utf-8") as file:
                data = json.load(file)
            if data.get("format") != STATE_FORMAT:
                raise ValueError(f"format {data.get('format')!r}, not {STATE_FORMAT}")
            if data.get("org_id") != self.org_id:
                raise ApiValueError(
                    f"the watch state in {path} is that of organisation {data.get('org_id')}, not {self.org_id};"
                    " give each organisation its own state file"
                )
            self.newest_run_id = int(data["newest_run_id"])
            self.runs = {int(run_id): _Seen.from_dict(seen) for run_id, seen in data["runs"].items()}
            for entry in data["pending"]:
                event = AgentRunEvent.from_dict(entry["event"])
                self.pending[event.id] = (event, set(entry.get("acknowledged", [])))
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            if isinstance(error, ApiValueError):
                raise
            raise ApiValueError(
                f"{path} is not a readable watch state ({type(error).__name__}: {error}); move it away to start"
                " watching from now"
            ) from None
        self.started = True

    def save(self) -> None:
        """Write the state to its file, if it has one: a new file is renamed over the old one."""
        if self.path is None:
            return
        with self.lock:
            data = {
                "format": STATE_FORMAT,
                "org_id": self.org_id,
                "newest_run_id": self.newest_run_id,
                "runs": {str(run_id): seen.to_dict() for run_id, seen in self.runs.items()},
                "pending": [
                    {"event": event.to_dict(), "acknowledged": sorted(done)} for event, done in self.pending.values()
                ],
            }
            _write_atomically(self.path, json.dumps(data, separators=(",", ":")).encode("utf-8"))

    def acknowledge(self, event_id: str, target: str, targets: int = 1) -> None:
        """`target` has the event; once `targets` targets have it, it is no longer pending."""
        with self.lock:
            entry = self.pending.get(event_id)
            if entry is None:
                return
            entry[1].add(target)
            if len(entry[1]) >= targets:
                del self.pending[event_id]
            self.save()


def _write_atomically(path: str, data: bytes) -> None:
    directory = os.path.dirname(os.path.abspath(path))
    fd, temporary = tempfile.mkstemp(prefix=".watch-state-", dir=directory)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
    if hasattr(os, "O_DIRECTORY"):  # the rename itself, on systems that can sync a directory
        try:
            dir_fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
        except OSError:
            return
        try:
            os.fsync(dir_fd)
        except OSError:
            pass
        finally:
            os.close(dir_fd)


class Watcher:
    """Polls the organisation's runs and turns what changed into events (see the module)."""

    def __init__(
        self, api: AgentsApi, org_id: int, *, poll_interval: Optional[float] = None, state_file: Optional[str] = None,
    ) -> None:
        self.api = api
        self.org_id = org_id
        self.state = WatchState(None if state_file is None else os.fspath(state_file), org_id)
        from openapi_client.polling import PollLoop

        # No deadline: a watch ends when its caller stops it.
        self.polls = PollLoop(api.api_client, "read", None, poll_interval, self._never_times_out, org_id=org_id)
        #: Seconds before the next cycle after the API could not be read (an outage).
        self.retry_after_outage = self.polls.longest_interval
        self._changed: Optional[bool] = None  # whether the last cycle had events; None before the first
        self._outage = False  # whether the last cycle could not read the API

    @property
    def idle(self) -> bool:
        """Whether the last cycle saw no run at work (runs waiting for input are not at work)."""
        with self.state.lock:
            return self.state.started and not any(
                not run_status.ends_wait(seen.status) for seen in self.state.runs.values()
            )

    def pending(self) -> List[AgentRunEvent]:
        """The events not yet acknowledged, oldest first (after a restart: those of the last watch)."""
        with self.state.lock:
            return [event for event, _ in self.state.pending.values()]

    def pending_deliveries(self) -> List[Tuple[AgentRunEvent, Set[str]]]:
        """`pending`, each with the names of the targets that have it already."""
        with self.state.lock:
            return [(event, set(done)) for event, done in self.state.pending.values()]

    def acknowledged(self, event: AgentRunEvent, target: str = "", targets: int = 1) -> None:
        """`target` (one of `targets`) has `event`: it is written down, and never delivered there again."""
        self.state.acknowledge(event.id, target, targets)

    def poll(self) -> List[AgentRunEvent]:
        """Wait for the next cycle, run it and return its events (already in the state as pending)."""
        if self._outage:
            self.polls.sleep_until(time.monotonic() + self.retry_after_outage)
        elif self._changed is not None:
            self.polls.rest(self._changed)
        try:
            events = self._cycle()
        except ApiException as error:
            if error.status is not None and error.status < 500:
                raise
            # An outage of the API must not end a watch that runs for days: the next cycle tries again.
            self._outage = True
            logger.warning("reading the agent runs failed (%s); trying again in %g s", error, self.retry_after_outage)
            return []
        self._outage, self._changed = False, bool(events)
        return events

    def events(self, stop_when_idle: bool = False) -> Iterator[AgentRunEvent]:
        """The pending events, then each cycle's; each is acknowledged when the next one is asked for.

        `stop_when_idle` ends the iteration once no run is at work.
        """
        for event in self.pending():
            yield event
            self.acknowledged(event)
        while True:
            for event in self.poll():
                yield event
                self.acknowledged(event)
            if stop_when_idle and self.idle:
                return

    def _cycle(self) -> List[AgentRunEvent]:
        from openapi_client.models.agent_run_response import AgentRunResponse
        from openapi_client.models.page_agent_run_response import PageAgentRunResponse

        state = self.state
        fresh: Dict[int, AgentRunResponse] = {}
        skip = 0
        page: Optional[PageAgentRunResponse] = None
        pages = MAX_CATCH_UP_PAGES if state.started else 1
        for _ in range(pages):
            # With a shared storage, a page another process read just now serves too.
            page = self.polls.read_runs_page(self.api, self.org_id, skip, MAX_PAGE_SIZE, above=page)
            fresh.update((run.id, run) for run in page.items)
            skip += len(page.items)
            if len(page.items) < MAX_PAGE_SIZE or skip >= (page.total or 0):
                break
            if page.items[-1].id <= state.newest_run_id:
                break  # caught up with the runs known before
        else:
            if state.started and pages > 1:
                logger.warning("more than %d pages of new agent runs; older new ones are not reported", pages)
        with state.lock:
            known = dict(state.runs)
        for run_id, seen in known.items():
            if run_id in fresh or run_status.ends_wait(seen.status):
                continue  # an ended run off the pages read is let go in _compare
            try:
                fresh[run_id] = self.polls.read_run(self.api, self.org_id, run_id)
            except NotFoundException:
                logger.warning("agent run %s is gone (404); no longer watching it", run_id)
                with state.lock:
                    state.runs.pop(run_id, None)
        return self._compare(fresh)

    def _compare(self, fresh: Dict[int, AgentRunResponse]) -> List[AgentRunEvent]:
        """The events between the state and `fresh`; the state takes `fresh` and the events, and is saved."""
        state = self.state
        now = _now()
        events: List[AgentRunEvent] = []
        with state.lock:
            for run_id in sorted(fresh):
                run = fresh[run_id]
                seen = state.runs.get(run_id)
                if seen is None:
                    seen = state.runs[run_id] = _Seen(None, [], {})
                    if state.started and run_id > state.newest_run_id:
                        events += _changes(run, seen, now, created=True)
                    else:
                        _changes(run, seen, now, created=True)  # known from now on, without events
                else:
                    events += _changes(run, seen, now, created=False)
            # Ended runs no longer on the pages read will not change again (unless resumed) and are let go.
            for run_id in [run_id for run_id, seen in state.runs.items()
                           if run_id not in fresh and run_status.ends_wait(seen.status)]:
                del state.runs[run_id]
            state.newest_run_id = max([state.newest_run_id, *fresh])
            state.started = True
            for event in events:
                state.pending[event.id] = (event, set())
            state.save()
        return events

    def _never_times_out(self, timeout: float) -> AgentRunTimeoutError:
        raise AssertionError("a watch has no deadline")  # pragma: no cover - called only at a deadline


def _changes(run: AgentRunResponse, seen: _Seen, now: datetime, *, created: bool) -> List[AgentRunEvent]:
    """The events that take `seen` to `run`, which `seen` then records."""
    events: List[AgentRunEvent] = []
    previous = seen.status
    status = run_status.normalize(run.status)
    label = status or "NONE"

    def event(kind: str, detail: str, pull_request: Optional[GithubPullRequestResponse] = None) -> None:
        events.append(AgentRunEvent(f"{run.id}:{kind}{detail}", kind, run, previous, now, pull_request))

    if created:
        seen.entered[label] = 1
        event(CREATED, "")
    changed = status != previous and not created
    if changed:
        seen.entered[label] = seen.entered.get(label, 0) + 1
    repeat = seen.entered.get(label, 1)
    suffix = f":{label}" + (f":{repeat}" if repeat > 1 else "")
    if changed:
        event(STATUS_CHANGED, suffix)
    for pr in run.github_pull_requests or []:
        if pr.id not in seen.pull_requests:
            seen.pull_requests.append(pr.id)
            event(PULL_REQUEST_OPENED, f":{pr.id}", pr)
    if (changed or created) and run_status.is_final(status):
        event(FINISHED, suffix)
    seen.status = status
    return events


def check_options(poll_interval: Any, state_file: Any, stop_when_idle: Any) -> None:
    """Refuse bad keywords of `watch_agent_runs` with a clear error, before anything is sent."""
    if poll_interval is not None:
        from openapi_client.polling import WaitOptions

        WaitOptions(poll_interval=poll_interval)  # the waits' check of a number of seconds
    if state_file is not None and not isinstance(state_file, (str, os.PathLike)):
        raise ApiTypeError(f"state_file must be a path (str or os.PathLike), not {type(state_file).__name__}")
    if not isinstance(stop_when_idle, bool):
        raise ApiTypeError(f"stop_when_idle must be True or False, not {type(stop_when_idle).__name__}")


# -- delivery --------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Outcome:
    """How one attempt went: delivered, worth another attempt (after `retry_after` if given), or hopeless."""

    delivered: bool
    retry: bool
    detail: str
    retry_after: Optional[float] = None


class Target:
    """Somewhere events go. `deliver` makes one attempt and says how it went; it never raises."""

    name = "target"

    def deliver(self, event: AgentRunEvent, body: bytes) -> Outcome:
        raise NotImplementedError

    def close(self) -> None:
        """Let go of what the target holds (connections)."""


class PostTarget(Target):
    """POSTs the event JSON to `url`, signed as GitHub signs webhooks when there is a `secret`."""

    name = "post"

    def __init__(self, url: str, secret: Optional[str] = None, *, timeout: urllib3.Timeout = POST_TIMEOUT) -> None:
        self.url = url
        self._secret = secret.encode("utf-8") if secret else None
        self._pool = urllib3.PoolManager(retries=False, timeout=timeout)

    def __repr__(self) -> str:  # never the secret
        return f"PostTarget({self.url!r}, signed={self._secret is not None})"

    def headers(self, event: AgentRunEvent, body: bytes) -> Dict[str, str]:
        headers = {
            "Content-Type": "application/json",
            "User-Agent": f"codegen-agents-watch/{__version__}",
            "X-Codegen-Event": event.event,
            "X-Codegen-Delivery": event.id,
        }
        if self._secret is not None:
            headers["X-Codegen-Signature-256"] = "sha256=" + hmac.new(self._secret, body, hashlib.sha256).hexdigest()
        return headers

    def deliver(self, event: AgentRunEvent, body: bytes) -> Outcome:
        try:
            response = self._pool.request(
                "POST", self.url, body=body, headers=self.headers(event, body), redirect=False, retries=False,
            )
        except urllib3.exceptions.HTTPError as error:
            return Outcome(False, True, f"{type(error).__name__}: {error}")
        status = response.status
        if 200 <= status < 300:
            return Outcome(True, False, f"answered {status}")
        if status == 429 or status >= 500:
            return Outcome(False, True, f"answered {status}", parse_retry_after(response.headers.get("Retry-After")))
        return Outcome(False, False, f"answered {status}")

    def close(self) -> None:
        self._pool.clear()


class ExecTarget(Target):
    """Runs `command` through the shell with the event JSON on stdin and ``CODEGEN_*`` variables set.

    Exit status 0 delivers the event; any other, or no end within `timeout`, is retried.
    """

    name = "exec"

    def __init__(self, command: str, *, timeout: float = EXEC_TIMEOUT) -> None:
        self.command = command
        self.timeout = timeout

    @staticmethod
    def environment(event: AgentRunEvent) -> Dict[str, str]:
        run = event.run
        return {
            "CODEGEN_EVENT": event.event,
            "CODEGEN_EVENT_ID": event.id,
            "CODEGEN_RUN_ID": str(run.id),
            "CODEGEN_RUN_STATUS": run.status or "",
            "CODEGEN_RUN_URL": run.web_url or "",
            "CODEGEN_PR_URL": event.pull_request_url or "",
        }

    def deliver(self, event: AgentRunEvent, body: bytes) -> Outcome:
        env = {**os.environ, **self.environment(event)}
        try:
            child = subprocess.Popen(self.command, shell=True, stdin=subprocess.PIPE, env=env)
        except OSError as error:
            return Outcome(False, True, f"could not start the command: {error}")
        try:
            child.communicate(body, timeout=self.timeout)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
            return Outcome(False, True, f"the command ran longer than {self.timeout:g} s and was killed")
        if child.returncode == 0:
            return Outcome(True, False, "exit status 0")
        return Outcome(False, True, f"exit status {child.returncode}")


class Dispatcher:
    """Delivers each event to each target on its own, retrying with growing pauses (see the module).

    `on_delivered(event, target)` is called once a target has an event;
    `on_given_up(event, target)` when it never will (a 4xx other than 429,
    or every attempt failed); both are logged.
    """

    def __init__(
        self,
        targets: Sequence[Target],
        on_delivered: Callable[[AgentRunEvent, Target], None],
        on_given_up: Optional[Callable[[AgentRunEvent, Target], None]] = None,
        *,
        attempts: int = DELIVERY_ATTEMPTS,
        first_pause: float = FIRST_RETRY_PAUSE,
        max_pause: float = MAX_RETRY_PAUSE,
        concurrency: int = MAX_CONCURRENT_ATTEMPTS,
    ) -> None:
        self.targets = list(targets)
        self.on_delivered = on_delivered
        self.on_given_up = on_given_up
        self.attempts = attempts
        self.first_pause = first_pause
        self.max_pause = max_pause
        self._slots = threading.BoundedSemaphore(concurrency)
        self._lock = threading.Condition()
        self._in_flight = 0
        self.given_up = 0

    def submit(self, event: AgentRunEvent, done: Sequence[str] = ()) -> None:
        """Start delivering `event` to each target not in `done` (the names of those that have it)."""
        body = event.to_json().encode("utf-8")
        for target in self.targets:
            if target.name in done:
                continue
            with self._lock:
                self._in_flight += 1
            thread = threading.Thread(
                target=self._deliver, args=(event, body, target), name=f"deliver {event.id}", daemon=True
            )
            thread.start()

    def wait(self, timeout: Optional[float] = None) -> bool:
        """Wait until every delivery has ended (delivered or given up); False if `timeout` came first."""
        with self._lock:
            return self._lock.wait_for(lambda: self._in_flight == 0, timeout)

    def _deliver(self, event: AgentRunEvent, body: bytes, target: Target) -> None:
        try:
            self._attempts(event, body, target)
        except Exception:  # a callback's fault must not end the thread silently
            logger.exception("delivering %s to %s failed", event.id, target.name)
        finally:
            with self._lock:
                self._in_flight -= 1
                self._lock.notify_all()

    def _attempts(self, event: AgentRunEvent, body: bytes, target: Target) -> None:
        pause = self.first_pause
        for attempt in range(1, self.attempts + 1):
            with self._slots:
                outcome = target.deliver(event, body)
            if outcome.delivered:
                self.on_delivered(event, target)
                return
            if not outcome.retry or attempt == self.attempts:
                break
            wait = pause if outcome.retry_after is None else min(outcome.retry_after, self.max_pause)
            logger.warning(
                "delivering %s to %s: %s; attempt %d of %d in %g s",
                event.id, target.name, outcome.detail, attempt + 1, self.attempts, wait,
            )
            time.sleep(wait * random.uniform(1.0, 1.1))  # a little jitter, so retries of many events spread out
            pause = min(pause * 2, self.max_pause)
        with self._lock:
            self.given_up += 1
        logger.error(
            "gave up delivering %s (%s of agent run %s) to %s: %s",
            event.id, event.event, event.run.id, target.name, outcome.detail,
        )
        if self.on_given_up is not None:
            self.on_given_up(event, target)
