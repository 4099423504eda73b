"""Many processes, one token: requests, 429s, refused creates and the time to notice runs ending, by storage.

    python bench/many_processes.py                          # every storage: about 10 minutes
    python bench/many_processes.py --only single,file       # some of them
    python bench/many_processes.py --redis redis://127.0.0.1:6379/0

One emulator (`AgentApiEmulator`, in this process) enforces the API's
limits per token: 10 creates per 60 s, 60 reads per 30 s, 60 logs per 60 s.
It holds 160 runs that end at random times (``--seed``) over about two
minutes (``--spread``). Then, for each storage of the rate-limit budgets:

- ``memory://``, ``file://``, ``redis://``: 8 processes (``--processes``)
  share the token. Each waits for 20 of the runs with one
  `wait_for_agent_runs` call and, meanwhile, in a thread, starts 3 runs of
  its own with `create_agent_run` (default retries, no deadline);
- ``single``: one process alone waits for all 160 runs (``memory://``), the
  figure the others are held to.

Every storage gets a fresh emulator with the same runs and end times, and
for ``file://`` an empty folder; for ``redis://`` the bench starts a
`redis-server` on a free port unless ``--redis`` names one (which it flushes).

The figures: requests the emulator received; 429 answers it gave (its
limiters are wrapped to count them); creates that ended in an error (a 429
after the retries, or the SDK's `RateLimitWaitError`); and the time from a
run's end to the moment the process waiting for it saw it final, as median,
90th percentile and maximum. Wall-clock seconds, in real time.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from typing import Any, Dict, List, Optional, Tuple

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(BENCH_DIR)
for path in (REPO_ROOT, BENCH_DIR):
    if path not in sys.path:
        sys.path.insert(0, path)

from many_runs import count_rejections, delay_cell, delay_figures  # noqa: E402

from openapi_client import AgentsApi, ApiClient, Configuration, run_status  # noqa: E402
from openapi_client.exceptions import TooManyRequestsException  # noqa: E402
from openapi_client.models.create_agent_run_input import CreateAgentRunInput  # noqa: E402
from openapi_client.testing import AgentApiEmulator  # noqa: E402

STORAGES = ("single", "memory", "file", "redis")
#: How long the runs the processes create last, in seconds.
CREATED_RUN_SECONDS = 30.0


def worker(spec: Dict[str, Any]) -> Dict[str, Any]:
    """One process: start `creates` runs in a thread, wait for `ids`; when each was seen final, and refusals."""
    configuration = Configuration(host=spec["url"], access_token=spec["token"])
    configuration.rate_limit_storage = spec["storage"]
    seen: Dict[int, float] = {}
    refused: List[str] = []

    def see(run: Any) -> None:
        if run_status.is_final(run.status) or run_status.needs_input(run.status):
            seen.setdefault(run.id, time.time())

    with ApiClient(configuration) as client:
        api = AgentsApi(client)

        def create() -> None:
            for n in range(spec["creates"]):
                try:
                    api.create_agent_run(spec["org_id"], CreateAgentRunInput(prompt=f"task {n}"))
                except TooManyRequestsException as error:
                    refused.append(type(error).__name__)

        creating = threading.Thread(target=create)
        creating.start()
        for run in api.wait_for_agent_runs(spec["ids"], spec["org_id"], on_update=see, progress=False).values():
            see(run)
        creating.join()
    return {"seen": seen, "refused": refused}


def measure(storage: str, processes: int, durations: List[float], creates: int, redis_uri: str) -> Dict[str, float]:
    """Fresh emulator with runs ending after `durations`; `processes` waiting on an equal share of them."""
    folder = tempfile.mkdtemp(prefix="many-processes-") if storage == "file" else None
    uri = {"single": "memory://", "memory": "memory://", "file": f"file://{folder}", "redis": redis_uri}[storage]
    try:
        with AgentApiEmulator(seconds_to_complete=CREATED_RUN_SECONDS) as emu:
            rejected = count_rejections(emu)
            for seconds in durations:
                emu.script_next_run(seconds=seconds)
            started = time.time()
            ids = [emu.create_run(f"run {n}").id for n in range(len(durations))]
            ends = {run_id: started + seconds for run_id, seconds in zip(ids, durations)}
            share = len(ids) // processes
            workers = []
            for index in range(processes):
                spec = {
                    "url": emu.url, "token": emu.token, "org_id": emu.org_id, "storage": uri,
                    "ids": ids[index * share:(index + 1) * share], "creates": creates,
                }
                workers.append(subprocess.Popen(
                    [sys.executable, __file__, "--worker", json.dumps(spec)], stdout=subprocess.PIPE, text=True,
                ))
            seen: Dict[int, float] = {}
            refused = 0
            for process in workers:
                out, _ = process.communicate()
                if process.returncode != 0:
                    raise RuntimeError(f"a worker failed with exit status {process.returncode}")
                answer = json.loads(out)
                seen.update({int(run_id): at for run_id, at in answer["seen"].items()})
                refused += len(answer["refused"])
            finished = time.time()
            missing = set(ids) - set(seen)
            if missing:
                raise RuntimeError(f"{len(missing)} runs were never seen final")
            return {
                "requests": len(emu.requests),
                "rejected": rejected[0],
                "refused": refused,
                **delay_figures(seen[run_id] - ends[run_id] for run_id in ids),
                "seconds": finished - started,
            }
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


def start_redis() -> Any:
    """A `redis-server` on a free port: the tests' `RedisServer`, started (its `stop()` ends it)."""
    sys.path.insert(0, os.path.join(REPO_ROOT, "test"))
    from storage_fixtures import RedisServer  # the tests' own way to run one

    executable = shutil.which("redis-server")
    if executable is None:
        raise SystemExit("redis-server is not on the PATH: install it, or name a Redis with --redis")
    return RedisServer(executable).start()


def table(rows: List[Tuple[str, Dict[str, float]]]) -> str:
    header = ("storage", "processes", "requests", "429s", "creates refused", "notice median / p90 / max (s)", "took (s)")
    lines = [header]
    for name, m in rows:
        lines.append((
            name, f"{m['processes']:.0f}", f"{m['requests']:.0f}", f"{m['rejected']:.0f}", f"{m['refused']:.0f}",
            delay_cell(m), f"{m['seconds']:.0f}",
        ))
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    out = []
    for index, line in enumerate(lines):
        out.append("| " + " | ".join(cell.ljust(widths[i]) for i, cell in enumerate(line)) + " |")
        if index == 0:
            out.append("| " + " | ".join("-" * w for w in widths) + " |")
    return "\n".join(out)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--processes", type=int, default=8)
    parser.add_argument("--runs-each", type=int, default=20, help="runs each process waits for")
    parser.add_argument("--creates-each", type=int, default=3, help="runs each process starts")
    parser.add_argument("--spread", type=float, default=120.0, help="runs end between 5 s and this many s")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--only", default=",".join(STORAGES), help=f"some of {', '.join(STORAGES)}")
    parser.add_argument("--redis", help="a Redis to use (flushed first) instead of starting one")
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(json.loads(args.worker))))
        return 0
    storages = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = set(storages) - set(STORAGES)
    if unknown:
        parser.error(f"--only takes {', '.join(STORAGES)}, not {', '.join(sorted(unknown))}")
    rng = random.Random(args.seed)
    durations = [rng.uniform(5.0, args.spread) for _ in range(args.processes * args.runs_each)]
    redis_uri, redis_server = "", None
    if "redis" in storages:
        if args.redis:
            import redis

            redis.Redis.from_url(args.redis).flushdb()
            redis_uri = args.redis
        else:
            redis_server = start_redis()
            redis_uri = redis_server.uri
    print(f"{len(durations)} runs ending between 5 and {args.spread:g} s (seed {args.seed}); {args.processes}"
          f" processes each waiting for {args.runs_each} and starting {args.creates_each}", flush=True)
    rows = []
    try:
        for storage in storages:
            processes = 1 if storage == "single" else args.processes
            creates = 0 if storage == "single" else args.creates_each
            figures = measure(storage, processes, durations, creates, redis_uri)
            figures["processes"] = processes
            name = "one process alone" if storage == "single" else f"{storage}://"
            rows.append((name, figures))
            print(f"  measured: {name}", flush=True)
    finally:
        if redis_server is not None:
            redis_server.stop()
    print()
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
