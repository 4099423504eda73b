"""Progress people can see while a wait runs: the live line on a terminal's stderr, and silence elsewhere.

The terminal is a real pseudo-terminal (`os.openpty`): either a child
process's stderr, or this process's `sys.stderr` for the duration of a test.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Dict, List

import pytest

from openapi_client import AgentRunResponse, AgentRunTimeoutError, AgentsApi
from openapi_client.exceptions import NotFoundException
from openapi_client.progress import elapsed_text
from openapi_client.testing import AgentApiEmulator, Fault

pytestmark = pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")

REPO_ROOT = Path(__file__).resolve().parent.parent
FAST = 0.01
CLEAR = "\r\x1b[K"

CHILD = """
import os
from openapi_client import AgentsApi, ApiClient, Configuration
config = Configuration(host=os.environ["EMU_URL"], access_token=os.environ["EMU_TOKEN"])
with ApiClient(config) as client:
    run = AgentsApi(client).create_agent_run_and_wait(int(os.environ["EMU_ORG"]), "Write the docs", poll_interval=0.05)
print("printed on stdout:", run.status)
"""


def _set_columns(fd: int, columns: int) -> None:
    import fcntl
    import struct
    import termios

    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))


class _Drain(threading.Thread):
    """Reads a pty master until the other side closes, so the child never blocks on a full buffer."""

    def __init__(self, fd: int) -> None:
        super().__init__(daemon=True)
        self.fd = fd
        self.chunks: List[bytes] = []
        self.start()

    def run(self) -> None:
        while True:
            try:
                data = os.read(self.fd, 4096)
            except OSError:  # EIO: the slave side is closed
                return
            if not data:
                return
            self.chunks.append(data)

    def settle(self) -> None:
        """Wait until nothing new arrives: Linux drops what is unread when the slave closes."""
        seen = -1
        while seen != len(self.chunks):
            seen = len(self.chunks)
            time.sleep(0.05)

    def text(self) -> str:
        if self.fd >= 0:
            self.join(10)
            os.close(self.fd)
            self.fd = -1
        return b"".join(self.chunks).decode("utf-8")


class TerminalStderr:
    """This process's `sys.stderr`, replaced by a pseudo-terminal inside a ``with`` block.

    It is swapped in the test body: pytest resets `sys.stderr` between a
    fixture's setup and the test's call. `screen` is what the terminal got.
    """

    def __init__(self, columns: int = 200) -> None:
        self.columns = columns
        self.screen = ""

    def __enter__(self) -> TerminalStderr:
        master, slave = os.openpty()
        _set_columns(slave, self.columns)
        self.stream = open(slave, "w", encoding="utf-8", closefd=True)  # noqa: SIM115
        self._drain = _Drain(master)
        self._original = sys.stderr
        sys.stderr = self.stream
        return self

    def __exit__(self, *exc_info: object) -> None:
        sys.stderr = self._original
        self._drain.settle()
        self.stream.close()
        self.screen = self._drain.text()


@pytest.fixture(autouse=True)
def xterm(monkeypatch: pytest.MonkeyPatch) -> None:
    """A terminal that understands the line's escape codes, whatever TERM the tests run under."""
    monkeypatch.setenv("TERM", "xterm")


def child_env(emu: AgentApiEmulator) -> Dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CODEGEN_")}
    env.update(
        EMU_URL=emu.url, EMU_TOKEN=emu.token, EMU_ORG=str(emu.org_id), TERM="xterm",
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")])),
    )
    return env


def redraws(output: str) -> List[str]:
    """The successive contents of the live line."""
    return [part for part in output.split(CLEAR) if part]


def test_terminal_line_is_rewritten_in_place_under_a_pty(emulator: AgentApiEmulator) -> None:
    master, slave = os.openpty()
    _set_columns(slave, 200)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=slave,
        env=child_env(emulator),
    )
    os.close(slave)
    drain = _Drain(master)
    stdout, _ = child.communicate(timeout=30)
    screen = drain.text()

    run_id = max(emulator.runs)
    url = f"{emulator.url}/agent/trace/{run_id}"
    assert child.returncode == 0
    assert stdout.decode() == "printed on stdout: COMPLETE\n"  # progress never touches stdout
    lines = redraws(screen)
    assert all("\n" not in line for line in lines[:-1])  # redrawn in place, no scrolling
    assert any(f"agent run {run_id}: PENDING" in line and url in line for line in lines)
    assert any(f"agent run {run_id}: ACTIVE" in line for line in lines)
    assert re.fullmatch(rf"agent run {run_id} done: COMPLETE after \d+s  {re.escape(url)}\r\n", lines[-1])


def test_stderr_that_is_not_a_terminal_gets_nothing(emulator: AgentApiEmulator) -> None:
    child = subprocess.run(
        [sys.executable, "-c", CHILD], stdin=subprocess.DEVNULL, capture_output=True, env=child_env(emulator),
        timeout=30,
    )

    assert child.returncode == 0
    assert child.stdout.decode() == "printed on stdout: COMPLETE\n"
    assert child.stderr == b""


def test_progress_true_forces_one_line_per_change_when_not_a_terminal(
    emulator: AgentApiEmulator, agents_api: AgentsApi, capsys: pytest.CaptureFixture[str]
) -> None:
    run = agents_api.create_agent_run_and_wait(emulator.org_id, "Forced", poll_interval=FAST, progress=True)

    err = capsys.readouterr().err
    url = run.web_url
    assert "\r" not in err and "\x1b" not in err
    lines = err.splitlines()
    assert [line.split(" (")[0] for line in lines[:-1]] == [
        f"agent run {run.id}: PENDING",
        f"agent run {run.id}: ACTIVE", f"agent run {run.id}: COMPLETE",
    ]
    assert lines[-1].startswith(f"agent run {run.id} done: COMPLETE after ") and lines[-1].endswith(f"  {url}")


def test_progress_false_is_silent_even_on_a_terminal(emulator: AgentApiEmulator, agents_api: AgentsApi) -> None:
    with TerminalStderr() as tty:
        agents_api.create_agent_run_and_wait(emulator.org_id, "Quiet", poll_interval=FAST, progress=False)

    assert tty.screen == ""


def test_progress_none_on_a_terminal_draws_the_line(emulator: AgentApiEmulator, agents_api: AgentsApi) -> None:
    with TerminalStderr() as tty:
        run = agents_api.create_agent_run_and_wait(emulator.org_id, "Shown", poll_interval=FAST)

    assert CLEAR in tty.screen
    assert redraws(tty.screen)[-1].startswith(f"agent run {run.id} done: COMPLETE")


def test_a_timeout_leaves_a_final_line_saying_the_run_goes_on(
    emulator: AgentApiEmulator, agents_api: AgentsApi
) -> None:
    emulator.script_next_run(statuses=["PENDING", "ACTIVE"])

    with TerminalStderr() as tty, pytest.raises(AgentRunTimeoutError) as caught:
        agents_api.create_agent_run_and_wait(emulator.org_id, "Slow", timeout=0.2, poll_interval=FAST)

    run = caught.value.run
    assert re.fullmatch(
        rf"agent run {run.id} still ACTIVE after 0s; stopped waiting, the run goes on  {re.escape(run.web_url or '')}\r\n",
        redraws(tty.screen)[-1],
    )


def test_an_interrupt_leaves_a_final_line_saying_the_run_goes_on(
    emulator: AgentApiEmulator, agents_api: AgentsApi
) -> None:
    def interrupt(run: AgentRunResponse) -> None:
        if run.status == "ACTIVE":
            raise KeyboardInterrupt

    with TerminalStderr() as tty, pytest.raises(KeyboardInterrupt):
        agents_api.create_agent_run_and_wait(emulator.org_id, "Ctrl-C", poll_interval=FAST, on_update=interrupt)

    run_id = max(emulator.runs)
    last = redraws(tty.screen)[-1]
    assert last.startswith(f"stopped waiting for agent run {run_id} (ACTIVE, 0s); the run goes on  {emulator.url}/")


def test_an_unknown_status_warning_starts_on_a_clean_line(emulator: AgentApiEmulator, agents_api: AgentsApi) -> None:
    emulator.script_next_run(statuses=["PENDING", "THINKING", "COMPLETE"])
    logger = logging.getLogger("openapi_client")

    with TerminalStderr() as tty:
        handler = logging.StreamHandler(tty.stream)
        handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
        logger.addHandler(handler)
        try:
            agents_api.create_agent_run_and_wait(emulator.org_id, "Think", poll_interval=FAST)
        finally:
            logger.removeHandler(handler)

    assert tty.screen.count("WARNING") == 1
    assert CLEAR + "WARNING agent run" in tty.screen  # the live line was wiped first


def test_control_characters_from_the_server_never_reach_the_terminal(
    emulator: AgentApiEmulator, agents_api: AgentsApi
) -> None:
    emulator.script_next_run(statuses=["PENDING", "ACTIVE\x1b]0;owned\x07\x1b[2J", "COMPLETE"])

    with TerminalStderr() as tty:
        agents_api.create_agent_run_and_wait(emulator.org_id, "Escape", poll_interval=FAST)

    assert "\x1b]0" not in tty.screen and "\x07" not in tty.screen and "\x1b[2J" not in tty.screen
    assert "ACTIVE\N{REPLACEMENT CHARACTER}]0;owned" in tty.screen


def test_the_live_line_fits_the_terminal_width(emulator: AgentApiEmulator, agents_api: AgentsApi) -> None:
    with TerminalStderr(columns=40) as tty:
        agents_api.create_agent_run_and_wait(emulator.org_id, "Narrow", poll_interval=FAST)

    live = redraws(tty.screen)[:-1]
    assert live and all(len(line) <= 39 for line in live)


def test_at_80_columns_the_link_gives_way_and_the_step_keeps_its_room(
    emulator: AgentApiEmulator, agents_api: AgentsApi
) -> None:
    emulator.script_next_run(statuses=["PENDING", "ACTIVE", "ACTIVE", "ACTIVE", "ACTIVE", "COMPLETE"])
    with TerminalStderr(columns=80) as tty:
        run = agents_api.create_agent_run_and_wait(emulator.org_id, "Tidy the logging setup", poll_interval=FAST)

    live = redraws(tty.screen)[:-1]
    with_step = [line for line in live if "  | " in line]
    assert with_step and all(len(line) <= 79 for line in live)
    assert all(run.web_url not in line for line in with_step)  # the run id already names the run
    assert all(len(line.split("  | ", 1)[1]) >= 30 for line in with_step), with_step  # not `| Th`
    assert run.web_url in tty.screen.rsplit(CLEAR, 1)[-1]  # the final line keeps the link


def test_a_narrow_line_shortens_the_pull_request_to_its_number(emulator: AgentApiEmulator, agents_api: AgentsApi) -> None:
    from openapi_client.progress import Progress

    emulator.script_next_run(pull_request=True)
    run = agents_api.create_agent_run_and_wait(emulator.org_id, "Open a PR", poll_interval=FAST, progress=False)
    progress = Progress()
    progress.begin(run.id, time.monotonic(), run)
    progress.update(run, True)
    progress.step("edit_file: Now I'll make the change.")
    number = (run.github_pull_requests or [])[0].url.rsplit("/", 1)[1]

    assert run.web_url in progress.line() and progress.line(200) == progress.line()
    assert progress.line(79) == f"agent run {run.id}: COMPLETE (0s)  PR #{number}  | edit_file: Now I'll make the change."
    narrow = progress.line(30)
    assert len(narrow) == 30 and narrow.startswith(f"agent run {run.id}: COMPLETE") and narrow.endswith("\N{HORIZONTAL ELLIPSIS}")


def test_a_rate_limit_pause_shows_on_the_line_and_the_time_moves(
    emulator: AgentApiEmulator, agents_api: AgentsApi
) -> None:
    seeded = emulator.create_run("Busy")
    emulator.inject(Fault.rate_limited(retry_after="1"), method="GET")

    with TerminalStderr() as tty:
        agents_api.wait_for_agent_run(seeded.id, emulator.org_id, poll_interval=FAST)

    paused = [line for line in redraws(tty.screen) if "rate limited, next poll in 1s" in line]
    assert paused and any("(1s)" in line for line in paused)  # redrawn while the pause lasted


def test_a_failed_poll_leaves_a_final_line_before_the_error(
    emulator: AgentApiEmulator, agents_api: AgentsApi, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(NotFoundException):
        agents_api.wait_for_agent_run(987_654, emulator.org_id, poll_interval=FAST, progress=True)

    lines = capsys.readouterr().err.splitlines()
    assert lines == ["agent run 987654: waiting (0s)", "stopped waiting for agent run 987654 (no status, 0s) after an error"]


@pytest.mark.parametrize(
    ("seconds", "text"), [(0, "0s"), (42.9, "42s"), (60, "1m00s"), (185, "3m05s"), (3720, "1h02m")]
)
def test_elapsed_time_reads_in_seconds_minutes_and_hours(seconds: float, text: str) -> None:
    assert elapsed_text(seconds) == text


def test_no_progress_without_a_stderr(
    emulator: AgentApiEmulator, agents_api: AgentsApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stderr", None)

    run = agents_api.create_agent_run_and_wait(emulator.org_id, "pythonw", poll_interval=FAST, progress=True)

    assert run.status == "COMPLETE"

