"""Shared pieces of the reliability and security tests.

`fast_api` is an `AgentsApi` on conftest's `emulator` whose retries take
the default policy's decisions without its waits; the helpers count what
the emulator saw and find ports that refuse or never answer. `RawServer`
answers with exactly the bytes a test scripts, at the pace it scripts, for
what the emulator cannot send (interim answers, a body a byte at a time).
Import the fixture by name (``from .faultkit import fast_api``).
"""

from __future__ import annotations

import contextlib
import json
import logging
import socket
import ssl
import threading
import time
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence, Tuple, Union

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


#: One piece of a scripted answer: bytes to send, or seconds to pause.
Piece = Union[bytes, float]


def http_response(status: int, body: bytes, headers: Optional[Dict[str, str]] = None) -> bytes:
    """A complete HTTP/1.1 response with `Content-Length` (JSON unless `headers` say otherwise)."""
    fields = {"Content-Type": "application/json", "Content-Length": str(len(body)), **(headers or {})}
    head = f"HTTP/1.1 {status} X\r\n" + "".join(f"{name}: {value}\r\n" for name, value in fields.items())
    return head.encode("latin-1") + b"\r\n" + body


def run_json(run_id: int) -> bytes:
    """An AgentRunResponse body for run `run_id`."""
    return json.dumps(
        {"id": run_id, "organization_id": 1, "status": "COMPLETE", "web_url": f"https://app.codegen.com/agent/trace/{run_id}"}
    ).encode()


def run_id_of(request: bytes) -> int:
    """The run id at the end of a request line's path (`.../agent/run/<id>`), 0 for a create."""
    path = request.split(b" ", 2)[1].split(b"?", 1)[0]
    last = path.rsplit(b"/", 1)[-1]
    return int(last) if last.isdigit() else 0


class RawServer:
    """An HTTP/1.1 server on 127.0.0.1 that sends what `answer(number, request)` scripts.

    `number` counts requests from 0 across connections; the answer is a list
    of pieces, bytes sent as they are and floats paused for, over a
    keep-alive connection. `requests` holds each request's head and body,
    `connections` how many connections were accepted. With `tls` (a
    certificate file and its key) it speaks https.
    """

    def __init__(
        self, answer: Callable[[int, bytes], Sequence[Piece]], tls: Optional[Tuple[str, str]] = None
    ) -> None:
        self.answer = answer
        self._tls: Optional[ssl.SSLContext] = None
        if tls is not None:
            self._tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            self._tls.load_cert_chain(*tls)
        self.requests: List[bytes] = []
        self.connections = 0
        self._listener = socket.socket()
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(16)
        self.url = f"{'https' if tls else 'http'}://127.0.0.1:{self._listener.getsockname()[1]}"
        self._open: List[socket.socket] = []
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def __enter__(self) -> "RawServer":
        return self

    def __exit__(self, *exc: Any) -> None:
        self._listener.close()
        with self._lock:
            for conn in self._open:
                with contextlib.suppress(OSError):
                    conn.close()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            with self._lock:
                self.connections += 1
                self._open.append(conn)
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        buffer = b""
        with contextlib.suppress(OSError):
            if self._tls is not None:
                conn = self._tls.wrap_socket(conn, server_side=True)
                with self._lock:
                    self._open.append(conn)
            while True:
                while b"\r\n\r\n" not in buffer:
                    data = conn.recv(65536)
                    if not data:
                        return
                    buffer += data
                head, buffer = buffer.split(b"\r\n\r\n", 1)
                length = 0
                for line in head.split(b"\r\n")[1:]:
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value)
                while len(buffer) < length:
                    buffer += conn.recv(65536)
                request, buffer = head + b"\r\n\r\n" + buffer[:length], buffer[length:]
                with self._lock:
                    number = len(self.requests)
                    self.requests.append(request)
                for piece in self.answer(number, request):
                    if isinstance(piece, bytes):
                        conn.sendall(piece)
                    else:
                        time.sleep(piece)
