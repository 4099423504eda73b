"""Stores for the rate-limit tests: a real `redis-server` on a free port of 127.0.0.1, with nothing
saved to disk, and an empty folder any user may write to.

Where `redis-server` or the redis package is missing, `require_redis` skips
the test with the reason, except in CI (``CI`` set to true), where it fails:
CI installs both (see .ci/run), so a skip there would hide a broken setup.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from typing import Iterator, List, Optional

import pytest

IN_CI = os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def require_redis() -> str:
    """The path of `redis-server`; skips (fails in CI) when it or the redis package is missing."""
    missing: List[str] = []
    server = shutil.which("redis-server")
    if server is None:
        missing.append("redis-server is not on the PATH (apt-get install redis-server)")
    try:
        import redis  # noqa: F401
    except ImportError:
        missing.append("the redis package is not installed (pip install redis)")
    if missing:
        reason = "; ".join(missing)
        if IN_CI:
            pytest.fail(f"CI must run the Redis tests, but {reason}", pytrace=False)
        pytest.skip(reason)
    assert server is not None
    return server


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class RedisServer:
    """One `redis-server` process; `stop` and `start` again keep its port, as a restarted Redis would."""

    def __init__(self, executable: str, port: Optional[int] = None) -> None:
        self.executable = executable
        self.port = port or free_port()
        self.process: Optional[subprocess.Popen[bytes]] = None

    @property
    def uri(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> RedisServer:
        self.process = subprocess.Popen(
            [self.executable, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as connection:
                    connection.sendall(b"PING\r\n")
                    if connection.recv(16).startswith(b"+PONG"):
                        return self
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"redis-server did not start on port {self.port}")
            time.sleep(0.02)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)
            self.process = None

    def client(self) -> "redis.Redis":  # type: ignore[name-defined]  # noqa: F821
        import redis

        return redis.Redis(host="127.0.0.1", port=self.port)


@pytest.fixture(scope="module")
def redis_server() -> Iterator[RedisServer]:
    server = RedisServer(require_redis()).start()
    yield server
    server.stop()


@pytest.fixture
def folder() -> Iterator[str]:
    """An empty folder that any user may write to (a test drops root's powers to see a read-only one)."""
    path = tempfile.mkdtemp(prefix="rate-limits-")
    os.chmod(path, 0o777)
    yield path
    subprocess.run(["rm", "-rf", path], check=False)
