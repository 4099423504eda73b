"""Shared pieces of the reliability and security tests.

`fast_api` is an `AgentsApi` on conftest's `emulator` whose retries take
the default policy's decisions without its waits; the helpers count what
the emulator saw and find ports that refuse or never answer. Import the
fixture by name (``from .faultkit import fast_api``).
"""

from __future__ import annotations

import contextlib
import logging
import socket
import time
from typing import Any, Iterator, List, Optional

import pytest

from openapi_client import AgentsApi, ApiClient, Configuration
from openapi_client.retry import RetryPolicy
from openapi_client.testing import AgentApiEmulator

#: The default policy's decisions with waits of a few milliseconds.
FAST = RetryPolicy(backoff_initial=0.002, backoff_max=0.004)

#: A token distinctive enough to search for in logs and messages.
SECRET = "tok-S3CRET-7f1e9c"


@contextlib.contextmanager
def client_for(emu: AgentApiEmulator, **settings: Any) -> Iterator[AgentsApi]:
    """An `AgentsApi` on `emu` with its token, and `Configuration` attributes from `settings`."""
    config = Configuration(host=emu.url, access_token=emu.token)
    for name, value in settings.items():
        if not hasattr(config, name):
            raise AttributeError(f"Configuration has no setting {name!r}")
        setattr(config, name, value)
    with ApiClient(config) as client:
        yield AgentsApi(client)


@pytest.fixture
def fast_api(emulator: AgentApiEmulator) -> Iterator[AgentsApi]:
    """An `AgentsApi` on `emulator` with `FAST` retries."""
    with client_for(emulator, retries=FAST) as agents:
        yield agents


def wait_for_runs(emu: AgentApiEmulator, count: int, timeout: float = 5.0) -> int:
    """The number of runs once it reaches `count` (a stalled request creates its run late)."""
    deadline = time.monotonic() + timeout
    while len(emu.runs) < count and time.monotonic() < deadline:
        time.sleep(0.02)
    return len(emu.runs)


def seen(emu: AgentApiEmulator, method: Optional[str] = None) -> int:
    """How many requests (of `method`) the emulator received."""
    return sum(1 for request in emu.requests if method is None or request.method == method)


def retry_records(caplog: pytest.LogCaptureFixture) -> List[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "openapi_client" and r.getMessage().startswith("retrying")]


def closed_port() -> int:
    """A local port nobody listens on: connecting is refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def unanswered_port() -> Iterator[int]:
    """A local port whose accept queue is full: connecting times out, nothing is ever sent."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(0)
    port = int(server.getsockname()[1])
    fillers = []
    for _ in range(4):
        filler = socket.socket()
        filler.setblocking(False)
        with contextlib.suppress(BlockingIOError):
            filler.connect(("127.0.0.1", port))
        fillers.append(filler)
    time.sleep(0.05)
    try:
        yield port
    finally:
        for filler in fillers:
            filler.close()
        server.close()


def non_loopback_address() -> Optional[str]:
    """An IPv4 address of this machine that is not loopback, if it has one."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # UDP: picks the route, sends nothing
            address = str(probe.getsockname()[0])
        except OSError:
            return None
    return None if address.startswith("127.") or address == "0.0.0.0" else address
