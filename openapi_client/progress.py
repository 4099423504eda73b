"""Showing a wait on an agent run while it happens: a live terminal line, or a notebook display.

The poll loop (`openapi_client.polling`) drives a `Progress` and never
cares which kind it has. `progress_for` picks one:

- in a Jupyter kernel, an IPython display that updates in place when what it
  shows changes and ends in the run's card, shown once (IPython is looked up
  only when a kernel has already imported it, so it is never a dependency);
- when stderr is a terminal, one line on stderr rewritten in place;
- otherwise nothing, so CI logs stay clean.

``progress=False`` shows nothing anywhere; ``progress=True`` forces the text
form on stderr, one line per change when stderr is not a terminal.
"""

from __future__ import annotations

import importlib
import math
import os
import shutil
import sys
import time
from collections import Counter
from typing import Any, Dict, Mapping, Optional, Sequence, TextIO, Tuple

from openapi_client import display, run_status
from openapi_client.models.agent_run_response import AgentRunResponse

#: How a wait ended, as `Progress.end` is told.
DONE, TIMEOUT, INTERRUPTED, FAILED = "done", "timeout", "interrupted", "failed"

_SPINNER = "|/-\\"
_CLEAR_LINE = "\r\x1b[K"


def elapsed_text(seconds: float) -> str:
    """``42s``, ``3m05s`` or ``1h02m``: short enough for one terminal line."""
    whole = int(seconds)
    if whole < 60:
        return f"{whole}s"
    if whole < 3600:
        return f"{whole // 60}m{whole % 60:02d}s"
    return f"{whole // 3600}h{whole % 3600 // 60:02d}m"


class Progress:
    """Shows nothing: the interface the poll loop drives, and what ``progress=False`` gets.

    Subclasses render the state kept here: the run id, the last run seen,
    a note (such as a rate-limit pause) and the time the wait began.
    """

    #: Call `tick` at least this often while sleeping (seconds), so elapsed time moves.
    tick_seconds: float = math.inf

    def __init__(self) -> None:
        self.agent_run_id = 0
        self.run: Optional[AgentRunResponse] = None
        self.note_text: Optional[str] = None
        self.step_text: Optional[str] = None
        self.started = time.monotonic()

    #: Whether this progress shows the agent's latest log step (worth a logs request now and then).
    wants_steps: bool = False

    def begin(self, agent_run_id: int, started: float, first: Optional[AgentRunResponse] = None) -> None:
        """The wait starts (`started` is its `time.monotonic()` origin); shown at once unless `first` follows."""
        self.agent_run_id = agent_run_id
        self.started = started
        if first is None:
            self._show()

    def update(self, run: AgentRunResponse, changed: bool) -> None:
        """A poll returned `run`; `changed` says whether its status differs from the last one."""
        self.run = run
        self.note_text = None
        self._show(changed)

    def note(self, text: str) -> None:
        """Something worth saying until the next poll (e.g. "rate limited")."""
        self.note_text = text
        self._show(True)

    def tick(self) -> None:
        """Time passed: refresh the elapsed time."""
        self._show(False)

    def sleep_until(self, when: float) -> None:
        """Sleep until the monotonic time `when`, ticking every `tick_seconds` meanwhile."""
        while True:
            left = when - time.monotonic()
            if left <= 0:
                return
            time.sleep(min(left, self.tick_seconds))
            self.tick()

    def step(self, text: Optional[str]) -> None:
        """The agent's latest log step (a tool name or a short thought), shown after the links."""
        if text != self.step_text:
            self.step_text = text
            self._show(False)

    def clear(self) -> None:
        """Make room for a log message."""

    def end(self, outcome: str) -> None:
        """The wait is over (`DONE`, `TIMEOUT`, `INTERRUPTED` or `FAILED`)."""

    def _show(self, changed: bool = True) -> None:
        pass

    @property
    def elapsed(self) -> str:
        return elapsed_text(time.monotonic() - self.started)

    @property
    def status(self) -> str:
        return display.status_label(None if self.run is None else self.run.status)

    def line(self, width: Optional[int] = None) -> str:
        """The state in one line: run, status, elapsed time, note, web_url, pull request, latest step.

        With `width`, the line fits in that many characters. The links give way
        first, so that the agent's step keeps its room: `web_url` goes (the run
        id names the run), then the pull request shrinks to its number; only then
        is the end of the step cut.
        """
        head = f"agent run {self.agent_run_id}: {self.status if self.run else 'waiting'} ({self.elapsed})"
        if self.note_text:
            head += f", {self.note_text}"
        url = None if self.run is None else self.run.web_url
        pull_request = None if self.run is None else display.pull_request_url(self.run)
        step = f"  | {self.step_text}" if self.step_text else ""

        def joined(url: Optional[str], pull_request: Optional[str]) -> str:
            links = "".join(f"  {link}" for link in (url, pull_request and f"PR {pull_request}") if link)
            return display.printable(head + links + step)

        text = joined(url, pull_request)
        if width is None or len(text) <= width:
            return text
        for shorter in (joined(None, pull_request), joined(None, _pull_request_number(pull_request))):
            if len(shorter) <= width:
                return shorter
        return display.cut(shorter, width)

    def detail(self, outcome: Optional[str] = None) -> str:
        """What `line`/`final_line` say besides the run id, status and link, which a display shows on their own."""
        elapsed = self.elapsed
        if outcome is None:
            note = f", {self.note_text}" if self.note_text else ""
            step = f" | {self.step_text}" if self.step_text else ""
            return display.printable(f"waited {elapsed}{note}{step}")
        if outcome == DONE:
            return f"{_ending(self.status)} after {elapsed}"
        if outcome == TIMEOUT:
            return f"still not finished after {elapsed}; stopped waiting, the run goes on"
        if outcome == INTERRUPTED:
            return f"stopped waiting after {elapsed} (interrupted); the run goes on"
        return f"stopped waiting after {elapsed} after an error"

    def final_line(self, outcome: str) -> str:
        """What is left on screen once the wait is over."""
        url = f"  {self.run.web_url}" if self.run is not None and self.run.web_url else ""
        pull_request = None if self.run is None else display.pull_request_url(self.run)
        url += f"  PR {pull_request}" if pull_request else ""
        run_id, status, elapsed = self.agent_run_id, self.status, self.elapsed
        if outcome == DONE:
            text = f"agent run {run_id} {_ending(status)}: {status} after {elapsed}{url}"
        elif outcome == TIMEOUT:
            text = f"agent run {run_id} still {status} after {elapsed}; stopped waiting, the run goes on{url}"
        elif outcome == INTERRUPTED:
            text = f"stopped waiting for agent run {run_id} ({status}, {elapsed}); the run goes on{url}"
        else:
            text = f"stopped waiting for agent run {run_id} ({status}, {elapsed}) after an error{url}"
        return display.printable(text)


def _pull_request_number(url: Optional[str]) -> Optional[str]:
    """``#12`` for a pull request's link ``.../pull/12``; the link itself when it ends otherwise."""
    last = (url or "").rstrip("/").rsplit("/", 1)[-1]
    return f"#{last}" if last.isdigit() else url


def _ending(status: str) -> str:
    """How a wait that gave the run back ended: done, needs input (``PAUSED``) or ended."""
    if run_status.is_success(status):
        return "done"
    return "needs input" if run_status.needs_input(status) else "ended"


class TerminalProgress(Progress):
    """Text on a stream: one line redrawn in place when `live`, else one line per change."""

    tick_seconds = 1.0

    def __init__(self, stream: TextIO, *, live: bool) -> None:
        super().__init__()
        self.stream = stream
        self.live = live
        self.wants_steps = live
        self._frame = 0
        self._drawn = False

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # a closed or broken stderr must not end the wait
            pass

    def _show(self, changed: bool = True) -> None:
        if self.live:
            self._frame += 1
            width = _columns(self.stream) - 1
            line = f"{_SPINNER[self._frame % len(_SPINNER)]} {self.line(width - 2)}"
            self._write(_CLEAR_LINE + line[:width])
            self._drawn = True
        elif changed:
            self._write(self.line() + "\n")

    def clear(self) -> None:
        if self.live and self._drawn:
            self._write(_CLEAR_LINE)
            self._drawn = False

    def end(self, outcome: str) -> None:
        self.clear()
        self._write(self.final_line(outcome) + "\n")


class _View:
    """What the notebook shows while waiting: HTML for Jupyter, text for anything else.

    Two views with the same `content` look the same: the display is not updated.
    """

    def __init__(self, html: str, text: str) -> None:
        self.content = (html, text)

    def _repr_html_(self) -> str:
        return self.content[0]

    def __repr__(self) -> str:
        return self.content[1]


def _run_view(progress: Progress, outcome: Optional[str] = None) -> _View:
    # Once over, one line; after a run that ended (DONE) its card shows the pull requests, so the line does not.
    html = display.progress_html(
        progress.agent_run_id, progress.run, progress.detail(outcome), final=outcome is not None,
        pull_requests_too=outcome != DONE,
    )
    return _View(html, progress.line() if outcome is None else progress.final_line(outcome))


class NotebookProgress(Progress):
    """An IPython display updated in place through its display handle, only when what it shows changes.

    At the end of a successful wait the display becomes the run's card, unless
    the cell shows the same run itself (``run = api.create_agent_run_and_wait(...); run``):
    inside a cell, the card waits for the cell's end (IPython's ``post_run_cell``)
    to see which, so it is shown once.
    """

    tick_seconds = 1.0
    wants_steps = True

    def __init__(self, ipython_display: Any, shell: Any = None) -> None:
        super().__init__()
        self._display = ipython_display
        self._shell = shell
        self._handle: Any = None
        self._shown: object = None

    def _put(self, obj: object) -> None:
        shown = obj.content if isinstance(obj, _View) else obj
        if shown is self._shown or shown == self._shown:
            return  # the same again: nothing for the front end to redraw
        self._shown = shown
        if self._handle is None:
            self._handle = self._display.display(obj, display_id=True)
        else:
            self._handle.update(obj)

    def _show(self, changed: bool = True) -> None:
        if self.run is not None and run_status.ends_wait(self.run.status):
            return  # `end` follows at once and says how the wait ended
        self._put(_run_view(self))

    def end(self, outcome: str) -> None:
        run = self.run
        if outcome != DONE or run is None:
            self._put(_run_view(self, outcome))
        elif not self._in_cell():
            self._put(run)  # the run's own card (`AgentRunResponse._repr_html_`)
        else:
            self._put(_run_view(self, outcome))
            self._card_unless_the_cell_shows(run)

    def _in_cell(self) -> bool:
        """Whether a cell is running now (IPython keeps its result there), so that ``post_run_cell`` will come."""
        result = getattr(getattr(self._shell, "displayhook", None), "exec_result", None)
        silent = getattr(getattr(result, "info", None), "silent", False)  # a silent cell triggers no post_run_cell
        return result is not None and not silent and hasattr(self._shell, "events")

    def _card_unless_the_cell_shows(self, run: AgentRunResponse) -> None:
        events = self._shell.events

        def after_cell(result: Any = None) -> None:
            events.unregister("post_run_cell", after_cell)
            if getattr(result, "result", None) is not run:
                self._put(run)

        events.register("post_run_cell", after_cell)


class GroupProgress(Progress):
    """Progress of a wait on many runs: a count (``12 of 50 done: 10 COMPLETE, 2 FAILED``); shows nothing itself.

    `runs` holds the last state of each awaited run (``None`` before the first).
    """

    def __init__(self, agent_run_ids: Sequence[int]) -> None:
        Progress.__init__(self)
        self.runs: Dict[int, Optional[AgentRunResponse]] = {run_id: None for run_id in agent_run_ids}

    def update_runs(self, runs: Mapping[int, AgentRunResponse], changed: bool) -> None:
        """A poll cycle saw these states; `changed` says whether any status differs from before."""
        self.runs.update(runs)
        self.note_text = None
        self._show(changed)

    def count(self) -> str:
        """How many runs are done, and how they ended, most common first."""
        ended = Counter(
            display.status_label(run.status) for run in self.runs.values()
            if run is not None and run_status.ends_wait(run.status)
        )
        text = f"{sum(ended.values())} of {len(self.runs)} done"
        if ended:
            text += ": " + ", ".join(f"{n} {status}" for status, n in ended.most_common())
        return text

    def line(self, width: Optional[int] = None) -> str:
        note = f", {self.note_text}" if self.note_text else ""
        text = display.printable(f"{self.count()} ({self.elapsed}{note})")
        return text if width is None else display.cut(text, width)

    def detail(self, outcome: Optional[str] = None) -> str:
        return self.line() if outcome is None else self.final_line(outcome)

    def final_line(self, outcome: str) -> str:
        if outcome == DONE:
            return display.printable(f"{self.count()} after {self.elapsed}")
        why = {TIMEOUT: "timed out", INTERRUPTED: "interrupted"}.get(outcome, "an error")
        return display.printable(f"{self.count()}; stopped waiting after {self.elapsed} ({why}), the runs go on")


class GroupTerminalProgress(GroupProgress, TerminalProgress):
    """The count on a terminal: redrawn in place, or one line per change."""

    def __init__(self, agent_run_ids: Sequence[int], stream: TextIO, *, live: bool) -> None:
        TerminalProgress.__init__(self, stream, live=live)
        self.runs = {run_id: None for run_id in agent_run_ids}


def _group_view(progress: GroupProgress, outcome: Optional[str] = None) -> _View:
    """The notebook's table of many runs."""
    detail = progress.detail(outcome)
    return _View(display.runs_table_html(progress.runs, detail), detail)


class GroupNotebookProgress(GroupProgress, NotebookProgress):
    """A table of the runs in a notebook, updated in place when it changes."""

    def __init__(self, agent_run_ids: Sequence[int], ipython_display: Any, shell: Any = None) -> None:
        NotebookProgress.__init__(self, ipython_display, shell)
        self.runs = {run_id: None for run_id in agent_run_ids}

    def _show(self, changed: bool = True) -> None:
        self._put(_group_view(self))

    def end(self, outcome: str) -> None:
        self._put(_group_view(self, outcome))


def running_kernel() -> Any:
    """The IPython shell of a running Jupyter kernel, or ``None`` (also when IPython is absent).

    A kernel has always imported IPython already, so nothing is imported here.
    """
    ipython = sys.modules.get("IPython")
    get_ipython = getattr(ipython, "get_ipython", None)
    shell = get_ipython() if callable(get_ipython) else None
    if shell is None or getattr(shell, "kernel", None) is None:
        return None
    return shell


def progress_for(setting: Optional[bool], stream: Optional[TextIO] = None) -> Progress:
    """The `Progress` for a ``progress=`` argument: None picks by where we run, False silences, True forces text.

    `stream` is where text goes (stderr by default).
    """
    where, shell, out = _where(setting, stream)
    if where == "notebook":
        return NotebookProgress(importlib.import_module("IPython.display"), shell)
    if where == "off" or out is None:
        return Progress()
    return TerminalProgress(out, live=where == "live")


def group_progress_for(
    agent_run_ids: Sequence[int], setting: Optional[bool], stream: Optional[TextIO] = None
) -> GroupProgress:
    """`progress_for` for a wait on many runs: a count on a terminal, a table in a notebook."""
    where, shell, out = _where(setting, stream)
    if where == "notebook":
        return GroupNotebookProgress(agent_run_ids, importlib.import_module("IPython.display"), shell)
    if where == "off" or out is None:
        return GroupProgress(agent_run_ids)
    return GroupTerminalProgress(agent_run_ids, out, live=where == "live")


def _where(setting: Optional[bool], stream: Optional[TextIO]) -> Tuple[str, Any, Optional[TextIO]]:
    """Where progress goes: ``off``, ``notebook`` (with its shell), ``live`` or ``lines`` (with the stream)."""
    if setting is False:
        return "off", None, None
    shell = running_kernel() if setting is None else None
    if shell is not None:
        return "notebook", shell, None
    stream = sys.stderr if stream is None else stream
    if stream is None:  # pythonw and friends have no stderr
        return "off", None, None
    tty = _is_terminal(stream)
    if setting is None and not tty:
        return "off", None, None
    return ("live" if tty else "lines"), None, stream


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):
        return False


def _columns(stream: TextIO) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).columns or 80
    except (AttributeError, ValueError, OSError):
        return shutil.get_terminal_size().columns
