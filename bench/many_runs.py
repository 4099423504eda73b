"""Waiting on many runs: the requests and the time it takes to notice 100 runs ending at random times.

    python bench/many_runs.py                    # 100 runs over 2 emulated minutes at time scale 10: about 1 minute
    python bench/many_runs.py --time-scale 4     # closer to real time; about 2.5 minutes
    python bench/many_runs.py --no-naive         # only the SDK's two ways

Each way of waiting gets a fresh in-process emulator (`AgentApiEmulator`)
with the API's real rate limits (60 reads per 30 s per token) and 100 runs
that end at the same random times, drawn once from ``--seed`` between 1 s and
``--spread`` s after they start. The emulator's clock runs ``--time-scale``
times faster than real time, and so do the SDK's: its poll intervals (1 s
growing to 10 s), its process-wide poll budget (50 reads per 30 s) and its
pause after a 429 are divided by the same factor, so every figure below is
in emulated (API) seconds unless it says "real". The ways compared:

- ``wait_for_agent_runs``: one call for all 100 ids; each poll cycle reads
  the list of runs (100 per request).
- ``wait_for_agent_run`` per thread: 100 threads, each waiting on its run;
  they share the process's poll budget, as every wait in a process does.
- naive loop (``--no-naive`` leaves it out): 100 threads calling
  ``get_agent_run`` every 10 s, as Codegen's documentation suggests, with
  the SDK's default retries; for scale, not a way this SDK recommends.

The figures: requests the emulator received; 429 answers it gave (its
limiter is wrapped to count them: the request log does not hold answers);
the time from the start until the last completion was noticed; and the
notice delay of each run (when the waiting code saw it final, minus when it
ended), as median, 90th percentile and maximum.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import threading
import time
from contextlib import contextmanager
from typing import Any, Callable, Dict, Iterable, Iterator, List, Mapping, Optional, Tuple

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(BENCH_DIR)
if REPO_ROOT not in sys.path:
    sys.path.insert(0, REPO_ROOT)

from openapi_client import AgentsApi, ApiClient, Configuration, polling, run_status  # noqa: E402
from openapi_client.exceptions import TooManyRequestsException  # noqa: E402
from openapi_client.testing import AgentApiEmulator  # noqa: E402

#: Seconds of the API's clock the SDK's waits are tuned to, divided by the time scale.
_SDK_SECONDS = ("MAX_POLL_INTERVAL", "RATE_LIMIT_PAUSE")
#: How often the naive loop polls each run, in emulated seconds.
NAIVE_INTERVAL = 10.0


@contextmanager
def sdk_clock(scale: float) -> Iterator[None]:
    """The SDK's waiting times and poll budgets divided by `scale`, as the emulator's clock is sped up."""
    saved = {name: getattr(polling, name) for name in _SDK_SECONDS}
    try:
        for name, value in saved.items():
            setattr(polling, name, value / scale)
        for group, (requests, seconds) in polling.DEFAULT_POLL_BUDGETS.items():
            polling.set_poll_budget(requests, seconds / scale, group=group)
        yield
    finally:
        for name, value in saved.items():
            setattr(polling, name, value)
        for group, limit in polling.DEFAULT_POLL_BUDGETS.items():
            polling.set_poll_budget(*limit, group=group)


def count_rejections(emu: AgentApiEmulator) -> List[int]:
    """A one-item list counting the 429s the emulator gives from now on (its limiters, wrapped)."""
    rejected = [0]
    lock = threading.Lock()
    for limiter in emu._api.limiters.values():  # noqa: SLF001 - the request log does not record answers
        if limiter is None:
            continue
        acquire = limiter.acquire

        def counted(key: str, acquire: Callable[[str], Optional[int]] = acquire) -> Optional[int]:
            retry_after = acquire(key)
            if retry_after is not None:
                with lock:
                    rejected[0] += 1
            return retry_after

        limiter.acquire = counted  # type: ignore[method-assign]
    return rejected


class Notices:
    """When each run was first seen final, in real monotonic seconds."""

    def __init__(self) -> None:
        self.at: Dict[int, float] = {}
        self._lock = threading.Lock()

    def see(self, run: Any) -> None:
        if run_status.is_final(run.status) or run_status.needs_input(run.status):
            with self._lock:
                self.at.setdefault(run.id, time.monotonic())


def by_group(api: AgentsApi, ids: List[int], org_id: int, first: float, notices: Notices) -> None:
    for run in api.wait_for_agent_runs(ids, org_id, poll_interval=first, on_update=notices.see,
                                       progress=False).values():
        notices.see(run)


def by_threads(api: AgentsApi, ids: List[int], org_id: int, first: float, notices: Notices) -> None:
    def wait(run_id: int) -> None:
        notices.see(api.wait_for_agent_run(run_id, org_id, poll_interval=first, on_update=notices.see,
                                           progress=False))

    in_parallel(wait, ids)


def naive(api: AgentsApi, ids: List[int], org_id: int, first: float, notices: Notices) -> None:
    interval = first * NAIVE_INTERVAL  # `first` is 1 emulated second in real seconds

    def loop(run_id: int) -> None:
        while True:
            try:
                run = api.get_agent_run(run_id, org_id)
            except TooManyRequestsException:  # the SDK's retries gave up; a loop like this one tries again
                time.sleep(interval)
                continue
            if run_status.is_final(run.status):
                notices.see(run)
                return
            time.sleep(interval)

    in_parallel(loop, ids)


def in_parallel(work: Callable[[int], None], ids: List[int]) -> None:
    errors: List[BaseException] = []

    def guarded(run_id: int) -> None:
        try:
            work(run_id)
        except BaseException as error:  # reported below: a failed wait must not look fast
            errors.append(error)

    threads = [threading.Thread(target=guarded, args=(run_id,), daemon=True) for run_id in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise RuntimeError(f"{len(errors)} waits failed, the first with {errors[0]!r}") from errors[0]


def measure(way: Callable[..., None], durations: List[float], scale: float) -> Dict[str, float]:
    """Run `way` over a fresh emulator whose runs last `durations` (emulated seconds)."""
    with AgentApiEmulator(seconds_to_complete=1.0, time_scale=scale, create_limit=None) as emu, sdk_clock(scale):
        rejected = count_rejections(emu)
        for seconds in durations:
            emu.script_next_run(seconds=seconds)
        started = time.monotonic()
        ids = [emu.create_run(f"task {n}").id for n in range(len(durations))]
        ends = {run_id: started + seconds / scale for run_id, seconds in zip(ids, durations)}
        notices = Notices()
        cpu = time.process_time()
        with ApiClient(Configuration(host=emu.url, access_token=emu.token)) as client:
            way(AgentsApi(client), ids, emu.org_id, 1.0 / scale, notices)
        cpu = time.process_time() - cpu
        missing = set(ids) - set(notices.at)
        if missing:
            raise RuntimeError(f"{len(missing)} runs were never seen final")
        return {
            "requests": len(emu.requests),
            "rejected": rejected[0],
            "all_noticed": (max(notices.at.values()) - started) * scale,
            "real_seconds": max(notices.at.values()) - started,
            "last_end": (max(ends.values()) - started) * scale,
            **delay_figures((notices.at[run_id] - ends[run_id]) * scale for run_id in ids),
            "cpu": cpu,
        }


def delay_figures(delays: Iterable[float]) -> Dict[str, float]:
    """The notice delays' median, 90th percentile and maximum."""
    ordered = sorted(delays)
    return {
        "median_delay": statistics.median(ordered),
        "p90_delay": ordered[int(0.9 * (len(ordered) - 1))],
        "max_delay": ordered[-1],
    }


def delay_cell(figures: Mapping[str, float]) -> str:
    """The table's "median / p90 / max" cell of `delay_figures`."""
    return f"{figures['median_delay']:.1f} / {figures['p90_delay']:.1f} / {figures['max_delay']:.1f}"


def table(rows: List[Tuple[str, Dict[str, float]]]) -> str:
    header = ("way of waiting", "requests", "429s", "all noticed (s)", "notice delay median / p90 / max (s)",
              "real s", "CPU s")
    lines = [header]
    for name, m in rows:
        lines.append((
            name, f"{m['requests']:.0f}", f"{m['rejected']:.0f}", f"{m['all_noticed']:.1f}", delay_cell(m),
            f"{m['real_seconds']:.1f}", f"{m['cpu']:.2f}",
        ))
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    out = []
    for index, line in enumerate(lines):
        out.append("  ".join([line[0].ljust(widths[0])] + [line[i].rjust(widths[i]) for i in range(1, len(line))]))
        if index == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--spread", type=float, default=120.0, help="runs end between 1 s and this many s")
    parser.add_argument("--time-scale", type=float, default=10.0, help="emulated seconds per real second")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-naive", action="store_true", help="leave out the naive get_agent_run loop")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    durations = [rng.uniform(1.0, args.spread) for _ in range(args.runs)]
    ways: List[Tuple[str, Callable[..., None]]] = [
        ("wait_for_agent_runs (one call)", by_group),
        (f"wait_for_agent_run x {args.runs} threads", by_threads),
    ]
    if not args.no_naive:
        ways.append((f"naive: get_agent_run every {NAIVE_INTERVAL:g} s x {args.runs} threads", naive))
    print(f"{args.runs} runs ending between 1 and {args.spread:g} emulated s (seed {args.seed}; the last at"
          f" {max(durations):.1f} s), real rate limits, clock x{args.time_scale:g}", flush=True)
    rows = []
    for name, way in ways:
        rows.append((name, measure(way, durations, args.time_scale)))
        print(f"  measured: {name}", flush=True)
    print()
    print(table(rows))
    print("\nSeconds are emulated (the API's clock) except 'real s'; CPU s is this process's, the emulator's included.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
