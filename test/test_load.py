"""Under load: one ApiClient shared by 16 threads making 500 calls each against the emulator.

Every call must succeed and get the answer to its own request, urllib3
must never discard a connection because its pool is full, and the sockets
open at any moment must stay within the pool size. The test measures
nothing about speed (that is the benchmark's job); it prints how long it took.
"""

from __future__ import annotations

import logging
import threading
import time
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import List, Set, Tuple

import pytest

from openapi_client import AgentsApi, ApiClient, Configuration
from openapi_client.testing import COMPLETE, AgentApiEmulator

THREADS = 16
CALLS = 500  # per thread: one create, then gets of that run
POOL = 8  # fewer connections than threads: threads must wait for one, not open more

TCP_TABLES = (Path("/proc/net/tcp"), Path("/proc/net/tcp6"))
ESTABLISHED = "01"


def client_ports(server_port: int) -> Set[int]:
    """Local ports of this machine's established TCP connections to `server_port`."""
    ports = set()
    for table in TCP_TABLES:
        try:
            lines = table.read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            local, remote, state = fields[1], fields[2], fields[3]
            if state == ESTABLISHED and int(remote.rsplit(":", 1)[1], 16) == server_port:
                ports.add(int(local.rsplit(":", 1)[1], 16))
    return ports


class SocketWatch:
    """Samples, in a thread, how many connections are open between the client and `emu`."""

    def __init__(self, emu: AgentApiEmulator) -> None:
        self.emu = emu
        self.peak_server_side = 0
        self.peak_client_side = 0
        self.client_ports: Set[int] = set()
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.01):
            ports = client_ports(self.emu.port)
            self.client_ports |= ports
            self.peak_client_side = max(self.peak_client_side, len(ports))
            self.peak_server_side = max(self.peak_server_side, self.emu.open_connections)
            self.samples += 1

    def __enter__(self) -> SocketWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def test_one_client_shared_by_16_threads(caplog: pytest.LogCaptureFixture) -> None:
    problems: List[str] = []

    with AgentApiEmulator(rate_limits=False) as emu:
        config = Configuration(host=emu.url, access_token=emu.token)
        config.connection_pool_maxsize = POOL
        with ApiClient(config) as client:
            api = AgentsApi(client)

            def worker(number: int) -> Tuple[int, int]:
                prompt = f"load test thread {number}"
                run = api.create_agent_run(emu.org_id, {"prompt": prompt})
                for _ in range(CALLS - 1):
                    got = api.get_agent_run(run.id, emu.org_id)
                    if got.id != run.id or (got.result is not None and prompt not in got.result):
                        problems.append(f"thread {number} asked for run {run.id} and got {got.to_dict()}")
                if got.status != COMPLETE:
                    problems.append(f"thread {number}: run {run.id} ended {got.status}")
                return run.id, CALLS

            with warnings.catch_warnings(record=True) as warned, caplog.at_level(logging.WARNING, "urllib3"):
                warnings.simplefilter("always")
                with SocketWatch(emu) as watch:
                    started = time.monotonic()
                    with ThreadPoolExecutor(THREADS) as pool:
                        results = list(pool.map(worker, range(THREADS)))
                    elapsed = time.monotonic() - started
        requests = emu.requests

    print(f"\n{THREADS * CALLS} calls from {THREADS} threads in {elapsed:.1f} s"
          f" ({THREADS * CALLS / elapsed:.0f} calls/s); peak connections: client {watch.peak_client_side},"
          f" server {watch.peak_server_side}; {len(watch.client_ports)} client ports seen in {watch.samples} samples")

    assert problems == []
    assert sum(calls for _, calls in results) == THREADS * CALLS
    assert len({run_id for run_id, _ in results}) == THREADS  # every thread had its own run
    assert len(requests) == THREADS * CALLS  # every call succeeded at its first attempt
    assert sum(r.method == "POST" for r in requests) == THREADS
    pool_full = [r.getMessage() for r in caplog.records if "Connection pool is full" in r.getMessage()]
    assert pool_full == []
    assert [str(w.message) for w in warned] == []
    assert watch.samples > 10
    assert 1 <= watch.peak_server_side <= POOL
    if any(table.exists() for table in TCP_TABLES):
        assert 1 <= watch.peak_client_side <= POOL
        assert len(watch.client_ports) <= POOL  # the same connections, reused: no churn
