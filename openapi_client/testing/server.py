"""The HTTP/1.1 transport: a threaded keep-alive server that plays faults around ``AgentApi``."""

from __future__ import annotations

import socket
import socketserver
import struct
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Callable, Dict, Optional, Tuple

from .app import AgentApi
from .faults import Fault, FaultQueue
from .recording import Headers, RecordedRequest
from .responses import Response

_MAX_LINE = 65536


class _BadRequest(Exception):
    """The bytes on the wire are not a request we can frame; answer 400 and hang up."""


class EmulatorServer(HTTPServer):
    """One thread per connection (daemon), every open connection tracked so stop is prompt."""

    request_queue_size = 128  # many clients connecting at once must not hit SYN retries
    allow_reuse_address = True

    def __init__(
        self,
        address: Tuple[str, int],
        api: AgentApi,
        faults: FaultQueue,
        record: Callable[[RecordedRequest], None],
        idle_timeout: Optional[float],
    ) -> None:
        self.api = api
        self.faults = faults
        self.record = record
        self.idle_timeout = idle_timeout
        self.stopping = threading.Event()
        self._conn_lock = threading.Lock()
        self._connections: Dict[socket.socket, threading.Thread] = {}
        super().__init__(address, _Handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind resolves the host's FQDN, which can stall on DNS.
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name = str(host)
        self.server_port = int(port)

    def process_request(self, request: socket.socket, client_address: object) -> None:  # type: ignore[override]
        thread = threading.Thread(
            target=self._serve_connection, args=(request, client_address), name="AgentApiEmulator-conn", daemon=True
        )
        with self._conn_lock:
            self._connections[request] = thread
        thread.start()

    def _serve_connection(self, request: socket.socket, client_address: object) -> None:
        try:
            self.finish_request(request, client_address)
        except Exception:
            self.handle_error(request, client_address)
        finally:
            self.shutdown_request(request)
            with self._conn_lock:
                self._connections.pop(request, None)

    def handle_error(self, request: object, client_address: object) -> None:
        """Stay quiet: clients dropping connections is routine in fault tests."""

    def close_connections(self, timeout: float = 2.0) -> None:
        """Wake every connection thread by shutting its socket down, then wait for them."""
        with self._conn_lock:
            connections = list(self._connections.items())
        for sock, _ in connections:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        for _, thread in connections:
            if thread is not threading.current_thread():
                thread.join(timeout)

    def open_connections(self) -> int:
        """How many client connections are open right now."""
        with self._conn_lock:
            return len(self._connections)


class _Handler(BaseHTTPRequestHandler):
    """Frames HTTP/1.1 requests, logs them, then answers or misbehaves."""

    protocol_version = "HTTP/1.1"
    server: EmulatorServer

    def setup(self) -> None:
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.connection.settimeout(self.server.idle_timeout)

    def log_message(self, format: str, *args: object) -> None:
        """Silenced: per-request logging would slow load tests and clutter output."""

    def handle_one_request(self) -> None:
        """Read one request; log it; answer it, or play the fault queued for it."""
        self.command = ""
        try:
            self.raw_requestline = self.rfile.readline(_MAX_LINE + 1)
        except OSError:  # idle timeout, or stop() shut the socket down
            self.close_connection = True
            return
        if not self.raw_requestline or self.server.stopping.is_set():
            self.close_connection = True
            return
        if len(self.raw_requestline) > _MAX_LINE:
            self._send(Response(414, b""), close=True)
            return
        if not self.parse_request():  # it has already answered 400/505
            self.close_connection = True
            return
        try:
            body = self._read_body()
        except _BadRequest:
            self._send(Response(400, b"Invalid HTTP request received.", content_type="text/plain; charset=utf-8"), close=True)
            return

        method = self.command
        fault = self.server.faults.take(method, self.path)
        headers = Headers(self.headers.items())
        self.server.record(RecordedRequest(method, self.path, headers, body, fault))
        if fault is None:
            self._send(self._answer(headers, body))
        else:
            self._play(fault, headers, body)

    def _answer(self, headers: Headers, body: bytes) -> Response:
        return self.server.api.handle(self.command, self.path, headers, body, self.client_address[0])

    def _play(self, fault: Fault, headers: Headers, body: bytes) -> None:
        kind = fault.kind
        if kind in ("status", "body", "redirect"):
            self._send(fault.response())
        elif kind == "close_before_response":
            self.close_connection = True
        elif kind == "reset":
            self.close_connection = True
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
        elif kind == "stall":
            if self.server.stopping.wait(fault.seconds):
                self.close_connection = True
                return
            self._send(self._answer(headers, body))
        elif kind == "close_mid_response":
            response = self._answer(headers, body)
            sent = len(response.body) // 2 if fault.sent_bytes is None else min(fault.sent_bytes, len(response.body))
            self.close_connection = True
            self.wfile.write(response.head(close=True, content_length=len(response.body)) + response.body[:sent])
        else:  # pragma: no cover - Fault's constructor admits only the kinds above
            raise ValueError(f"unknown fault kind {kind!r}")

    def _send(self, response: Response, *, close: bool = False) -> None:
        if close:
            self.close_connection = True
        data = response.head(close=self.close_connection)
        if self.command != "HEAD":
            data += response.body
        self.wfile.write(data)

    def _read_body(self) -> bytes:
        encoding = self.headers.get("Transfer-Encoding", "")
        if "chunked" in encoding.lower():
            return self._read_chunked()
        length_header = self.headers.get("Content-Length")
        if length_header is None:
            return b""
        try:
            length = int(length_header.strip())
        except ValueError:
            raise _BadRequest(length_header) from None
        if length < 0:
            raise _BadRequest(length_header)
        body = self.rfile.read(length)
        if len(body) != length:
            raise _BadRequest("body shorter than Content-Length")
        return body

    def _read_chunked(self) -> bytes:
        parts = []
        while True:
            line = self.rfile.readline(_MAX_LINE + 1)
            try:
                size = int(line.split(b";", 1)[0].strip(), 16)
            except ValueError:
                raise _BadRequest("bad chunk size") from None
            if size == 0:
                break
            chunk = self.rfile.read(size + 2)
            if len(chunk) != size + 2 or chunk[-2:] != b"\r\n":
                raise _BadRequest("truncated chunk")
            parts.append(chunk[:-2])
        while True:  # trailers, up to the blank line
            line = self.rfile.readline(_MAX_LINE + 1)
            if line in (b"\r\n", b"\n", b""):
                return b"".join(parts)
