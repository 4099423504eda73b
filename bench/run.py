"""The performance benchmark: the SDK side by side with the floor it must not cost more than.

    python bench/run.py            # full run, about 2-3 minutes on 2 cores
    python bench/run.py --quick    # short run, under a minute; noisier

The floor is raw urllib3 (`PoolManager().request`) plus `json.dumps`/`json.loads`,
sending the same requests to the same local server (bench/server.py, a separate
process answering with pre-rendered bytes). Every figure is printed with its
ratio and target, then a table; the results also go to bench/results/ as JSON.
See bench/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, BENCH_DIR)

import clients  # noqa: E402  (puts the checkout first on sys.path)
import payloads  # noqa: E402
from server import ServerProcess  # noqa: E402

REPO_ROOT = clients.REPO_ROOT
IMPORT_SDK = "import openapi_client"
IMPORT_BASE = "import urllib3, pydantic; from pydantic import BaseModel"
# What a program that uses the SDK imports: the figure a lazily loading package cannot dodge.
IMPORT_TYPICAL = "from openapi_client import AgentsApi, ApiClient, Configuration, CreateAgentRunInput"

Block = Callable[[int], Any]


# -- settings ------------------------------------------------------------------


class Settings:
    """How long each part runs; `--quick` shortens all of them."""

    def __init__(self, quick: bool) -> None:
        self.quick = quick
        self.pairs = 5 if quick else 15  # A/B block pairs per operation
        self.block_seconds = 0.25 if quick else 0.5
        self.large_pairs = 4 if quick else 10
        self.large_calls = 2 if quick else 3  # calls per block of the 5 MB run
        self.thread_rounds = 8 if quick else 20  # short rounds, taking turns: throughput is the noisiest figure
        self.thread_seconds = 0.5 if quick else 0.75
        self.threads = 8
        self.memory_calls = 20_000 if quick else 100_000
        self.import_runs = 15 if quick else 21
        self.importtime_runs = 3 if quick else 7


# -- measuring -------------------------------------------------------------------


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def quartiles(values: Sequence[float]) -> Tuple[float, float]:
    if len(values) < 2:
        return (values[0], values[0]) if values else (float("nan"), float("nan"))
    q = statistics.quantiles(values, n=4)
    return q[0], q[2]


def server_share(before: Dict[str, float], after: Dict[str, float]) -> Tuple[float, float, int]:
    """(server CPU seconds per request, fraction of its time not idle, requests) between two stats."""
    requests = int(after["requests"] - before["requests"]) - 1  # the second stats request itself
    cpu = after["cpu"] - before["cpu"]
    wall = after["wall"] - before["wall"]
    busy = 1.0 - (after["idle"] - before["idle"]) / wall if wall > 0 else float("nan")
    return (cpu / requests if requests > 0 else float("nan")), busy, requests


def measure_block(server: ServerProcess, block: Block, calls: int) -> Dict[str, float]:
    """One block of `calls` calls: client CPU and wall per call, and what the server spent."""
    gc.collect()
    before = server.stats()
    cpu0 = time.process_time()
    wall0 = time.perf_counter()
    block(calls)
    wall = time.perf_counter() - wall0
    cpu = time.process_time() - cpu0
    after = server.stats()
    server_cpu, busy, requests = server_share(before, after)
    if requests != calls:
        raise RuntimeError(f"the server saw {requests} requests for {calls} calls")
    return {"cpu": cpu / calls, "wall": wall / calls, "server_cpu": server_cpu, "server_busy": busy}


def alternate(
    server: ServerProcess, sides: Sequence[Tuple[str, Block]], pairs: int, calls: int
) -> Dict[str, List[Dict[str, float]]]:
    """Blocks A B A B ...: slow drifts of the machine hit both sides alike."""
    blocks: Dict[str, List[Dict[str, float]]] = {name: [] for name, _ in sides}
    for _ in range(pairs):
        for name, block in sides:
            blocks[name].append(measure_block(server, block, calls))
    return blocks


def calls_per_block(block: Block, seconds: float, minimum: int = 100) -> int:
    """How many calls of `block` take about `seconds` (after a warm-up)."""
    block(200)
    start = time.perf_counter()
    block(200)
    per_call = (time.perf_counter() - start) / 200
    return max(minimum, int(seconds / per_call))


def summarize(blocks: List[Dict[str, float]]) -> Dict[str, Any]:
    out: Dict[str, Any] = {"blocks": len(blocks)}
    for key in ("cpu", "wall", "server_cpu", "server_busy"):
        values = [b[key] for b in blocks]
        out[key] = median(values)
        out[key + "_iqr"] = quartiles(values)
    out["server_busy_max"] = max(b["server_busy"] for b in blocks)
    return out


def throughput(server: ServerProcess, block: Block, threads: int, seconds: float) -> Dict[str, float]:
    """Calls per second of `threads` threads calling `block` in a loop for `seconds`."""
    counts = [0] * threads
    errors: List[BaseException] = []
    start = threading.Barrier(threads + 1)
    deadline = [0.0]

    def worker(index: int) -> None:
        start.wait()
        end = deadline[0]
        done = 0
        try:
            while time.perf_counter() < end:
                block(10)
                done += 10
        except BaseException as error:  # reported below; a failing side must not look fast
            errors.append(error)
        counts[index] = done

    workers = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for thread in workers:
        thread.start()
    gc.collect()
    before = server.stats()
    deadline[0] = time.perf_counter() + seconds
    cpu0 = time.process_time()
    wall0 = time.perf_counter()
    start.wait()
    for thread in workers:
        thread.join()
    wall = time.perf_counter() - wall0
    cpu = time.process_time() - cpu0
    after = server.stats()
    if errors:
        raise RuntimeError(f"a benchmark thread failed: {errors[0]!r}") from errors[0]
    total = sum(counts)
    server_cpu, busy, _ = server_share(before, after)
    return {"rate": total / wall, "cpu": cpu / total, "server_cpu": server_cpu, "server_busy": busy, "calls": total}


def child_cpu(argv: List[str], env: Dict[str, str]) -> Tuple[float, float]:
    """(CPU seconds, wall seconds) of one child process, from its own rusage."""
    devnull = os.devnull
    start = time.perf_counter()
    if hasattr(os, "posix_spawn") and hasattr(os, "wait4"):
        pid = os.posix_spawn(argv[0], argv, env, file_actions=[(os.POSIX_SPAWN_OPEN, 1, devnull, os.O_WRONLY, 0)])
        _, status, usage = os.wait4(pid, 0)
        wall = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            raise RuntimeError(f"{' '.join(argv[1:])!r} exited with {os.waitstatus_to_exitcode(status)}")
        return usage.ru_utime + usage.ru_stime, wall
    import resource  # pragma: no cover - no posix_spawn here

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall


def child_env() -> Dict[str, str]:
    """The environment of child processes: the checkout importable, bytecode caching on."""
    env = dict(os.environ)
    env["PYTHONPATH"] = REPO_ROOT + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def importtime(code: str, env: Dict[str, str]) -> Dict[str, Tuple[int, int]]:
    """module -> (self µs, cumulative µs) from one ``python -X importtime -c code``."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code], env=env, capture_output=True, text=True, check=True
    )
    times: Dict[str, Tuple[int, int]] = {}
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, cumulative, name = line[len("import time:") :].split("|")
        times[name.strip()] = (int(self_us), int(cumulative))
    return times


def rss_child(impl: str, url: str, calls: int, user_agent: str) -> Dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, os.path.join(BENCH_DIR, "memory.py"), "--impl", impl, "--url", url,
         "--calls", str(calls), "--user-agent", user_agent],
        capture_output=True, text=True, timeout=540, env=child_env(),
    )
    if proc.returncode != 0:
        raise RuntimeError(f"memory run of {impl} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def cpu_snapshot() -> Optional[Tuple[float, float]]:
    """(CPU seconds the whole machine has been busy, CPU seconds of this process and its reaped children)."""
    try:
        with open("/proc/stat") as stat:
            fields = [int(x) for x in stat.readline().split()[1:9]]
    except (OSError, ValueError):
        return None
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields
    own = os.times()
    busy = (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")
    return busy, own.user + own.system + own.children_user + own.children_system


def other_load(start: Optional[Tuple[float, float]], seconds: float) -> Optional[float]:
    """The share of the machine's CPU that processes other than the benchmark's used since `start`."""
    end = cpu_snapshot()
    if start is None or end is None or seconds <= 0:
        return None
    others = (end[0] - start[0]) - (end[1] - start[1])
    return max(0.0, others) / (seconds * (os.cpu_count() or 1))


# -- the report --------------------------------------------------------------------


def machine_info() -> Dict[str, Any]:
    import pydantic
    import pydantic_core
    import urllib3

    cpu = platform.processor() or "unknown"
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    commit = "unknown (not a git checkout)"
    try:
        commit = subprocess.run(
            ["git", "-C", REPO_ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", REPO_ROOT, "status", "--porcelain", "--", "openapi_client"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()
        commit += " (openapi_client/ has uncommitted changes)" if dirty else ""
    except (OSError, subprocess.CalledProcessError):
        pass
    return {
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "urllib3": getattr(urllib3, "__version__", "unknown"),
        "pydantic": f"{pydantic.VERSION} (pydantic-core {pydantic_core.__version__})",
        "cpu": cpu,
        "cores": f"{os.cpu_count()} ({usable} usable)",
        "os": platform.platform(),
        "commit": commit,
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }


class Report:
    """The rows of the closing table, and their pass/fail."""

    def __init__(self) -> None:
        self.rows: List[Dict[str, Any]] = []

    def add(
        self,
        figure: str,
        sdk: float,
        floor: Optional[float],
        fmt: str,
        target: str = "info",
        ok: Optional[bool] = None,
        ratio: Optional[float] = None,
    ) -> None:
        if ratio is None and floor:
            ratio = sdk / floor
        self.rows.append({
            "figure": figure, "sdk": sdk, "floor": floor, "ratio": ratio, "target": target,
            "result": "info" if ok is None else ("PASS" if ok else "FAIL"), "fmt": fmt,
        })

    def add_ratio(self, figure: str, sdk: float, floor: float, fmt: str, limit: float, at_least: bool = False) -> None:
        ratio = sdk / floor
        ok = ratio >= limit if at_least else ratio <= limit
        self.add(figure, sdk, floor, fmt, f"{'>=' if at_least else '<='} {limit:.2f}", ok, ratio)

    def table(self) -> str:
        header = ("figure", "SDK", "floor", "ratio", "target", "result")
        lines = [header]
        for row in self.rows:
            fmt = row["fmt"]
            lines.append((
                row["figure"],
                fmt.format(row["sdk"]),
                "-" if row["floor"] is None else fmt.format(row["floor"]),
                "-" if row["ratio"] is None else f"{row['ratio']:.3f}",
                row["target"],
                row["result"],
            ))
        widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
        out = []
        for index, line in enumerate(lines):
            cells = [line[0].ljust(widths[0])] + [line[i].rjust(widths[i]) for i in range(1, len(line))]
            out.append("  ".join(cells))
            if index == 0:
                out.append("  ".join("-" * w for w in widths))
        return "\n".join(out)


def say(text: str = "") -> None:
    print(text, flush=True)


def us(seconds: float) -> str:
    return f"{seconds * 1e6:.1f}"


# -- the parts -------------------------------------------------------------------


def check_requests(server: ServerProcess, sdk: clients.Sdk, floor: clients.Floor, report: Report) -> None:
    """The floor must send what the SDK sends: same request line, headers and body."""
    seen: Dict[str, Dict[str, str]] = {}
    for client in (sdk, floor):
        client.get_block(1)
        client.create_block(1)
        client.list_block(1)
        seen[client.name] = server.last()

    def parsed(text: str) -> Tuple[str, Dict[str, str]]:
        line, *fields = text.split("\r\n")
        headers = {k.lower(): v.strip() for k, v in (f.split(":", 1) for f in fields)}
        headers.pop("content-length", None)  # compared through the body below
        return line, headers

    problems = []
    for key in ("GET", "LIST", "POST"):
        a, b = seen["SDK"].get(key), seen["floor"].get(key)
        if a is None or b is None or parsed(a) != parsed(b):
            problems.append(f"{key}: SDK {a!r} / floor {b!r}")
    bodies = [seen[name].get("POST body", "") for name in ("SDK", "floor")]
    if json.loads(bodies[0] or "null") != json.loads(bodies[1] or "null"):
        problems.append(f"POST body: SDK {bodies[0]!r} / floor {bodies[1]!r}")
    for side in ("SDK", "floor"):
        length = parsed(seen[side]["POST"].replace("Content-Length", "X-Length"))[1].get("x-length")
        if length != str(len(seen[side].get("POST body", "").encode("latin-1"))):
            problems.append(f"{side}: Content-Length {length} does not match the body")
    say("Requests: SDK and floor send the same request line, headers and (as JSON) body: "
        + ("yes" if not problems else "NO"))
    for key in ("GET", "LIST", "POST"):
        say(f"  {key}: " + seen["SDK"][key].replace("\r\n", " | ").replace(payloads.TOKEN, "<token>"))
    for problem in problems:
        say("  differs: " + problem.replace(payloads.TOKEN, "<token>"))
    report.add("same requests (line, headers, JSON body)", float(not problems), float(not problems), "{:.0f}",
               "identical", not problems, ratio=None)


def per_call(server: ServerProcess, sdk: clients.Sdk, floor: clients.Floor, s: Settings,
             report: Report, results: Dict[str, Any]) -> None:
    for op, attr in (("get_agent_run", "get_block"), ("create_agent_run", "create_block"),
                     ("list_agent_runs", "list_block")):
        sdk_block, floor_block = getattr(sdk, attr), getattr(floor, attr)
        sdk_block(300)
        calls = calls_per_block(floor_block, s.block_seconds)
        blocks = alternate(server, [("SDK", sdk_block), ("floor", floor_block)], s.pairs, calls)
        a, b = summarize(blocks["SDK"]), summarize(blocks["floor"])
        pair_ratios = [x["cpu"] / y["cpu"] for x, y in zip(blocks["SDK"], blocks["floor"])]
        results[op] = {"calls_per_block": calls, "SDK": a, "floor": b, "pair_cpu_ratios": pair_ratios}
        say(f"\n{op}: {s.pairs} pairs of blocks (SDK, floor, SDK, ...), {calls} calls per block")
        for name, m in (("SDK", a), ("floor", b)):
            say(f"  {name:5}  client CPU/call {us(m['cpu'])} µs (IQR {us(m['cpu_iqr'][0])}-{us(m['cpu_iqr'][1])})"
                f"  wall/call {us(m['wall'])} µs"
                f"  | server CPU/request {us(m['server_cpu'])} µs, server busy {m['server_busy'] * 100:.0f}%"
                f" (max {m['server_busy_max'] * 100:.0f}%)")
        say(f"  ratio SDK/floor: CPU {a['cpu'] / b['cpu']:.3f} (median of per-pair ratios {median(pair_ratios):.3f}),"
            f" wall {a['wall'] / b['wall']:.3f}")
        report.add_ratio(f"{op} client CPU/call (µs)", a["cpu"] * 1e6, b["cpu"] * 1e6, "{:.1f}", 1.10)
        report.add(f"{op} wall/call (µs)", a["wall"] * 1e6, b["wall"] * 1e6, "{:.1f}")


def large(server: ServerProcess, sdk: clients.Sdk, floor: clients.Floor, s: Settings,
          report: Report, results: Dict[str, Any]) -> None:
    run_id = payloads.LARGE_RUN_ID
    run = sdk.get_block(1, run_id)
    size = len(run.result.encode("utf-8"))
    floor.get_block(1, run_id)
    sides = [("SDK", lambda n: sdk.get_block(n, run_id)), ("floor", lambda n: floor.get_block(n, run_id))]
    blocks = alternate(server, sides, s.large_pairs, s.large_calls)
    a, b = summarize(blocks["SDK"]), summarize(blocks["floor"])
    results["large_result"] = {"result_bytes": size, "SDK": a, "floor": b}
    say(f"\nget_agent_run of a run whose result is {size / 2**20:.1f} MiB: {s.large_pairs} pairs of blocks,"
        f" {s.large_calls} calls per block")
    for name, m in (("SDK", a), ("floor", b)):
        say(f"  {name:5}  wall/call {m['wall'] * 1e3:.2f} ms  client CPU/call {m['cpu'] * 1e3:.2f} ms"
            f"  | server busy {m['server_busy'] * 100:.0f}%")
    say(f"  ratio SDK/floor: wall {a['wall'] / b['wall']:.3f}, CPU {a['cpu'] / b['cpu']:.3f}")
    report.add_ratio("5 MB result: wall/call (ms)", a["wall"] * 1e3, b["wall"] * 1e3, "{:.2f}", 1.50)
    report.add_ratio("5 MB result: client CPU/call (ms)", a["cpu"] * 1e3, b["cpu"] * 1e3, "{:.2f}", 1.50)


def threads(server: ServerProcess, sdk: clients.Sdk, url: str, s: Settings,
            report: Report, results: Dict[str, Any]) -> None:
    shared_floor = clients.Floor(url, sdk.user_agent, maxsize=s.threads)
    untimed_floor = clients.Floor(url, sdk.user_agent, maxsize=s.threads, timeout=None)
    sides = (("SDK", sdk.get_block), ("floor", shared_floor.get_block), ("floor, no timeouts", untimed_floor.get_block))
    runs: Dict[str, List[Dict[str, float]]] = {name: [] for name, _ in sides}
    for name, block in sides:
        throughput(server, block, s.threads, 0.3)  # open the connections
    for _ in range(s.thread_rounds):
        for name, block in sides:
            runs[name].append(throughput(server, block, s.threads, s.thread_seconds))
    shared_floor.close()
    untimed_floor.close()
    summary = {
        name: {key: median([r[key] for r in rs]) for key in ("rate", "cpu", "server_cpu", "server_busy")}
        for name, rs in runs.items()
    }
    pair = median([a["rate"] / b["rate"] for a, b in zip(runs["SDK"], runs["floor"])])
    results["threads"] = {"threads": s.threads, "runs": runs, "median": summary, "median_round_ratio": pair}
    say(f"\n{s.threads} threads sharing one client, get_agent_run: {s.thread_rounds} rounds of {s.thread_seconds:g} s runs"
        " (SDK, floor, floor without timeouts, ...)")
    for name, _ in sides:
        m = summary[name]
        say(f"  {name:17}  {m['rate']:.0f} calls/s  client CPU/call {us(m['cpu'])} µs"
            f"  | server CPU/request {us(m['server_cpu'])} µs, server busy {m['server_busy'] * 100:.0f}%")
    say(f"  ratio SDK/floor: {summary['SDK']['rate'] / summary['floor']['rate']:.3f} (median of per-round ratios"
        f" {pair:.3f}); SDK/floor without timeouts {summary['SDK']['rate'] / summary['floor, no timeouts']['rate']:.3f}")
    # Rounds that ran side by side saw the same machine: their ratio is steadier than the ratio of medians.
    report.add(f"{s.threads} threads: throughput (calls/s)*", summary["SDK"]["rate"], summary["floor"]["rate"],
               "{:.0f}", ">= 0.90", pair >= 0.90, ratio=pair)
    report.add(f"{s.threads} threads: client CPU/call (µs)", summary["SDK"]["cpu"] * 1e6, summary["floor"]["cpu"] * 1e6,
               "{:.1f}")
    report.add(f"{s.threads} threads: vs floor without timeouts", summary["SDK"]["rate"],
               summary["floor, no timeouts"]["rate"], "{:.0f}")


def memory(url: str, user_agent: str, s: Settings, report: Report, results: Dict[str, Any]) -> None:
    runs = {impl: rss_child(impl, url, s.memory_calls, user_agent) for impl in ("sdk", "floor")}
    results["memory"] = runs
    growth = {impl: (r["after_kib"] - r["before_kib"]) / 1024 for impl, r in runs.items()}
    say(f"\nRSS over {s.memory_calls:,} get_agent_run calls after 5,000 warm-up calls (fresh process each)")
    for impl, r in runs.items():
        trail = " ".join(f"{rss / 1024:.1f}" for _, rss in r["samples"])
        say(f"  {impl:5}  {r['before_kib'] / 1024:.1f} MB -> {r['after_kib'] / 1024:.1f} MB:"
            f" growth {growth[impl]:+.2f} MB; RSS (MB) every {r['samples'][0][0]:,} calls: {trail}")
    report.add(f"RSS growth over {s.memory_calls:,} calls (MB)", growth["sdk"], growth["floor"], "{:+.2f}",
               "< 2 MB", growth["sdk"] < 2.0, ratio=None)


def imports(s: Settings, report: Report, results: Dict[str, Any]) -> None:
    env = child_env()
    commands = {
        "SDK": [sys.executable, "-c", IMPORT_SDK],
        "floor": [sys.executable, "-c", IMPORT_BASE],
        "typical": [sys.executable, "-c", IMPORT_TYPICAL],
    }
    for _ in range(2):  # warm the file cache and write bytecode
        for argv in commands.values():
            child_cpu(argv, env)
    runs: Dict[str, List[Tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(s.import_runs):
        for name, argv in commands.items():
            runs[name].append(child_cpu(argv, env))
    cpu = {k: median([r[0] for r in v]) for k, v in runs.items()}
    wall = {k: median([r[1] for r in v]) for k, v in runs.items()}
    say(f"\nImport, {s.import_runs} runs each, taking turns; CPU = user + system time of the child (wait4)")
    for name, code in (("SDK", IMPORT_SDK), ("floor", IMPORT_BASE), ("typical", IMPORT_TYPICAL)):
        low, high = quartiles([r[0] * 1e3 for r in runs[name]])
        say(f"  {name:7} python -c {code!r}: CPU {cpu[name] * 1e3:.1f} ms (IQR {low:.1f}-{high:.1f}),"
            f" wall {wall[name] * 1e3:.1f} ms")

    # Where the difference goes: modules the SDK's imports load that the baseline's does not.
    base_times = [importtime(IMPORT_BASE, env) for _ in range(s.importtime_runs)]
    base_modules = set().union(*base_times)
    results["import"] = {"runs": runs, "cpu": cpu, "wall": wall}
    for name, code in (("SDK", IMPORT_SDK), ("typical", IMPORT_TYPICAL)):
        times = [importtime(code, env) for _ in range(s.importtime_runs)]
        extra = {
            module: (median([t[module][0] for t in times if module in t]),
                     median([t[module][1] for t in times if module in t]))
            for module in set().union(*times) - base_modules
        }
        extra_self = sum(v[0] for v in extra.values())
        ranked = sorted(extra.items(), key=lambda kv: -kv[1][0])
        say(f"  -X importtime of {code!r} (median of {s.importtime_runs}): {len(extra)} modules beyond the"
            f" baseline's, {extra_self / 1e3:.1f} ms of their own import time; the largest (self / cumulative µs):")
        for module, (self_us, cum_us) in ranked[:12]:
            say(f"    {self_us:7.0f} {cum_us:8.0f}  {module}")
        results["import"][name + "_extra_modules"] = dict(ranked)
    report.add_ratio("import: process CPU (ms)", cpu["SDK"] * 1e3, cpu["floor"] * 1e3, "{:.1f}", 1.10)
    report.add("import: wall (ms)", wall["SDK"] * 1e3, wall["floor"] * 1e3, "{:.1f}")
    report.add("import: typical from-import, CPU (ms)", cpu["typical"] * 1e3, cpu["floor"] * 1e3,
               "{:.1f}")


def server_rows(results: Dict[str, Any], report: Report) -> None:
    """Show the server never set the pace: mostly idle, and cheap next to the client."""
    busy = []
    share = []
    for key in ("get_agent_run", "create_agent_run", "list_agent_runs"):
        if key in results:
            for side in ("SDK", "floor"):
                busy.append(results[key][side]["server_busy_max"])
                share.append(results[key][side]["server_cpu"] / results[key][side]["cpu"])
    if "threads" in results:
        for side in ("SDK", "floor"):
            m = results["threads"]["median"][side]
            busy.append(m["server_busy"])
            share.append(m["server_cpu"] / m["cpu"])
    if busy:
        report.add("server busy, worst block (%)", max(busy) * 100, None, "{:.0f}", "< 50", max(busy) < 0.5)
        report.add("server CPU/request ÷ client CPU/call (worst)", max(share), None, "{:.2f}", "< 0.50",
                   max(share) < 0.5)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="short run (under a minute), noisier figures")
    parser.add_argument("--only", default="calls,large,threads,memory,import",
                        help="comma-separated parts to run: calls,large,threads,memory,import (default: all)")
    parser.add_argument("--json", default=None, help="write results here (default: bench/results/<time>.json)")
    parser.add_argument("--no-json", action="store_true", help="do not write the results file")
    args = parser.parse_args(argv)
    parts = {p.strip() for p in args.only.split(",") if p.strip()}
    unknown = parts - {"calls", "large", "threads", "memory", "import"}
    if unknown:
        parser.error(f"unknown part(s): {', '.join(sorted(unknown))}")
    s = Settings(args.quick)

    info = machine_info()
    say("openapi_client performance benchmark" + (" (--quick)" if s.quick else ""))
    for key, value in info.items():
        say(f"  {key:8} {value}")
    report = Report()
    results: Dict[str, Any] = {"machine": info, "quick": s.quick}
    started = time.perf_counter()
    load_start = cpu_snapshot()

    def attempt(part: str, run_part: Callable[[], None]) -> None:
        """Run one part; a failure is reported in the table instead of losing the other parts."""
        try:
            run_part()
        except Exception as error:  # noqa: BLE001 - any failure of the code under test
            say(f"\n{part}: FAILED: {type(error).__name__}: {error}")
            results.setdefault("errors", {})[part] = repr(error)
            report.add(f"{part}: could not be measured", float("nan"), None, "{}", "runs", False)

    server = ServerProcess()
    say(f"  server   bench/server.py pid {server.proc.pid} at {server.url} (one thread, epoll, pre-rendered bytes)")
    try:
        sdk = clients.Sdk(server.url)
        floor = clients.Floor(server.url, sdk.user_agent)
        say()
        check_requests(server, sdk, floor, report)
        if "calls" in parts:
            attempt("calls", lambda: per_call(server, sdk, floor, s, report, results))
        if "large" in parts:
            attempt("large", lambda: large(server, sdk, floor, s, report, results))
        if "threads" in parts:
            attempt("threads", lambda: threads(server, sdk, server.url, s, report, results))
        if "memory" in parts:
            attempt("memory", lambda: memory(server.url, sdk.user_agent, s, report, results))
        sdk.close()
        floor.close()
    finally:
        server.stop()
    if "import" in parts:
        attempt("import", lambda: imports(s, report, results))
    server_rows(results, report)

    elapsed = time.perf_counter() - started
    others = other_load(load_start, elapsed)
    results["other_processes_cpu_share"] = others
    if others is not None:
        say(f"\nOther processes used {others * 100:.0f}% of this machine's CPU during the run"
            f" (load average now {os.getloadavg()[0]:.2f})"
            + ("; the figures are noisier than on a quiet machine." if others > 0.05 else "."))
    say(f"\nSummary ({'quick' if s.quick else 'full'} run, {elapsed:.0f} s; SDK/floor ratios of medians;"
        " floor = raw urllib3 + json, or the urllib3+pydantic import)")
    say(report.table())
    failed = [row["figure"] for row in report.rows if row["result"] == "FAIL"]
    if any(row["figure"].endswith("*") for row in report.rows):
        say("* ratio: median of the per-round SDK/floor ratios (rounds run back to back share the machine's state)")
    say(f"\n{len(failed)} of {sum(r['result'] != 'info' for r in report.rows)} targets missed"
        + (": " + "; ".join(failed) if failed else ""))

    results["table"] = report.rows
    results["seconds"] = elapsed
    if not args.no_json:
        path = args.json or os.path.join(
            BENCH_DIR, "results", datetime.datetime.now().strftime("%Y%m%d-%H%M%S") + ("-quick" if s.quick else "") + ".json"
        )
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        with open(path, "w") as out:
            json.dump(results, out, indent=1, default=str)
        say(f"results written to {os.path.relpath(path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
