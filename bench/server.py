"""The benchmark's HTTP server: one process, one thread, an epoll loop and pre-rendered answers.

It does as little per request as an HTTP/1.1 keep-alive server can (find the
end of the head, read a Content-Length body, look the path up in a dict, send
bytes), so that the client, not the server, sets the pace. It keeps count of
its own CPU time and of the time it spends waiting in `select`, which the
harness reads from ``GET /_bench/stats`` to show the server was mostly idle.
``GET /_bench/last`` returns the last request head and body seen per route
(GET of a run, GET of the list, POST),
to check that the SDK and the floor send the same request.

Run as ``python bench/server.py``: it prints ``READY <port>`` and serves until
its parent exits or ``--max-seconds`` pass.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import selectors
import socket
import subprocess
import sys
import time
from typing import Any, Dict, List, Optional

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import payloads  # noqa: E402

_READ = selectors.EVENT_READ
_WRITE = selectors.EVENT_WRITE


class _Conn:
    __slots__ = ("sock", "buf", "out", "writing")

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.buf = b""
        self.out: List[memoryview] = []
        self.writing = False


class Server:
    """The routes, the counters and the loop."""

    def __init__(self, port: int) -> None:
        org = payloads.ORG_ID
        ok = payloads.http_response
        self.get_routes: Dict[bytes, bytes] = {
            payloads.GET_PATH.format(org_id=org, run_id=payloads.RUN_ID).encode(): ok(payloads.encode(payloads.run_body())),
            payloads.GET_PATH.format(org_id=org, run_id=payloads.LARGE_RUN_ID).encode(): ok(
                payloads.encode(payloads.large_run_body())
            ),
        }
        self.list_path = payloads.LIST_PATH.format(org_id=org, limit=payloads.LIST_LIMIT).encode()
        self.get_routes[self.list_path] = ok(payloads.encode(payloads.list_body()))
        self.post_routes: Dict[bytes, bytes] = {
            payloads.CREATE_PATH.format(org_id=org).encode(): ok(payloads.encode(payloads.created_body())),
        }
        self.not_found = ok(b'{"detail":"Not Found"}', "404 Not Found")
        self.last: Dict[str, bytes] = {}
        self.requests = 0
        self.idle = 0.0
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", port))
        self.listener.listen(128)
        self.listener.setblocking(False)
        self.port: int = self.listener.getsockname()[1]
        self.selector = selectors.DefaultSelector()
        self.selector.register(self.listener, _READ, None)

    def stats(self) -> bytes:
        return payloads.http_response(
            json.dumps(
                {
                    "requests": self.requests,
                    "cpu": time.process_time(),
                    "wall": time.perf_counter(),
                    "idle": self.idle,
                    "pid": os.getpid(),
                }
            ).encode()
        )

    def answer(self, head: bytes, body: bytes) -> bytes:
        """The response bytes for one request."""
        self.requests += 1
        sp1 = head.find(b" ")
        sp2 = head.find(b" ", sp1 + 1)
        method = head[:sp1]
        path = head[sp1 + 1 : sp2]
        if method == b"GET":
            found = self.get_routes.get(path)
            if found is not None:
                self.last["LIST" if path == self.list_path else "GET"] = head
                return found
            if path == b"/_bench/stats":
                return self.stats()
            if path == b"/_bench/last":
                last = {k: v.decode("latin-1") for k, v in self.last.items()}
                return payloads.http_response(json.dumps(last).encode())
        elif method == b"POST":
            found = self.post_routes.get(path)
            if found is not None:
                self.last["POST"] = head
                self.last["POST body"] = body
                return found
        return self.not_found

    def serve(self, max_seconds: float) -> None:
        parent = os.getppid()
        deadline = time.monotonic() + max_seconds
        select = self.selector.select
        clock = time.perf_counter
        loops = 0
        while True:
            t0 = clock()
            events = select(1.0)
            self.idle += clock() - t0
            if not events:
                if os.getppid() != parent or time.monotonic() > deadline:
                    return
                continue
            for key, mask in events:
                conn = key.data
                if conn is None:
                    self.accept()
                    continue
                if mask & _WRITE:
                    self.flush(conn)
                if mask & _READ and conn.sock.fileno() >= 0:
                    self.read(conn)
            loops += 1
            if not loops & 0xFFF and time.monotonic() > deadline:
                return

    def accept(self) -> None:
        try:
            sock, _ = self.listener.accept()
        except BlockingIOError:
            return
        sock.setblocking(False)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.selector.register(sock, _READ, _Conn(sock))

    def close(self, conn: _Conn) -> None:
        self.selector.unregister(conn.sock)
        conn.sock.close()

    def read(self, conn: _Conn) -> None:
        try:
            data = conn.sock.recv(262144)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:
            self.close(conn)
            return
        buf = conn.buf + data if conn.buf else data
        replies = []
        while True:
            end = buf.find(b"\r\n\r\n")
            if end < 0:
                break
            head = buf[:end]
            start = end + 4
            length = 0
            at = head.find(b"\r\nContent-Length:")
            if at < 0 and head[:3] != b"GET":
                at = head.lower().find(b"\r\ncontent-length:")
            if at >= 0:
                stop = head.find(b"\r\n", at + 2)
                length = int(head[at + 17 : stop if stop > 0 else len(head)])
            if len(buf) < start + length:
                break  # the body is still on its way
            replies.append(self.answer(head, buf[start : start + length]))
            buf = buf[start + length :]
        conn.buf = buf
        if replies:
            self.send(conn, replies[0] if len(replies) == 1 else b"".join(replies))

    def send(self, conn: _Conn, data: bytes) -> None:
        if conn.out:
            conn.out.append(memoryview(data))
            return
        try:
            sent = conn.sock.send(data)
        except (BlockingIOError, InterruptedError):
            sent = 0
        except OSError:
            self.close(conn)
            return
        if sent < len(data):
            conn.out.append(memoryview(data)[sent:])
            if not conn.writing:
                conn.writing = True
                self.selector.modify(conn.sock, _READ | _WRITE, conn)

    def flush(self, conn: _Conn) -> None:
        while conn.out:
            chunk = conn.out[0]
            try:
                sent = conn.sock.send(chunk)
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                self.close(conn)
                return
            if sent < len(chunk):
                conn.out[0] = chunk[sent:]
                return
            conn.out.pop(0)
        conn.writing = False
        self.selector.modify(conn.sock, _READ, conn)


class ServerProcess:
    """The server started as a child process, and the harness's control connection to it."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, os.path.abspath(__file__)], stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline().split()
        if len(line) != 2 or line[0] != "READY":
            self.proc.kill()
            raise RuntimeError(f"benchmark server did not start: {line!r}")
        self.port = int(line[1])
        self.url = f"http://127.0.0.1:{self.port}"
        self._control = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)

    def _get(self, path: str) -> Any:
        self._control.request("GET", path)
        return json.loads(self._control.getresponse().read())

    def stats(self) -> Dict[str, float]:
        """The server's request count, CPU seconds, clock and seconds spent idle so far."""
        return self._get("/_bench/stats")  # type: ignore[no-any-return]

    def last(self) -> Dict[str, str]:
        """The last request head (and POST body) the server saw, per method."""
        return self._get("/_bench/last")  # type: ignore[no-any-return]

    def stop(self) -> None:
        self._control.close()
        self.proc.terminate()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def main(argv: Optional[List[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--max-seconds", type=float, default=1800.0, help="stop after this long in any case")
    args = parser.parse_args(argv)
    server = Server(args.port)
    print(f"READY {server.port}", flush=True)
    server.serve(args.max_seconds)


if __name__ == "__main__":
    main()
