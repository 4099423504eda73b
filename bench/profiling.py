"""Where the client's CPU goes, per call, in the SDK and in the floor; and what `import openapi_client` loads.

    python bench/profiling.py                    # cProfile + stage timings, get and create
    python bench/profiling.py --op get --calls 20000
    python bench/profiling.py --op list --calls 2000
    python bench/profiling.py --pyinstrument     # also pyinstrument call trees (pip install pyinstrument)
    python bench/profiling.py --imports          # -X importtime: modules beyond urllib3 + pydantic
    python bench/profiling.py --imports --typical  # the same for `from openapi_client import AgentsApi, ...`
    python bench/profiling.py --threads          # 8 threads, with and without socket timeouts
    python bench/profiling.py --layers           # the SDK's layers added one at a time, CPU/call in place

cProfile counts every Python call, so it inflates code made of many small
calls; the step timings (a clock read between the steps of real calls, no
profiler) give the true cost of each step, and pyinstrument samples without
cProfile's bias.
"""

from __future__ import annotations

import argparse
import cProfile
import importlib
import json
import os
import pstats
import statistics
import sys
import time
from typing import Any, Callable, Dict, List, Optional, Tuple

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import clients  # noqa: E402
import payloads  # noqa: E402
from server import ServerProcess  # noqa: E402

Key = Tuple[str, int, str]


def area(key: Key) -> str:
    """The layer a profiled function belongs to (builtins: see `layers`)."""
    file, _, name = key
    path = file.replace(os.sep, "/")
    if file == "~" and "_socket.socket" in name or "select.poll" in name or name.endswith("poll>"):
        return "socket syscalls (send, recv, poll, ioctl)"
    if "openapi_client/" in path:
        return "SDK " + path.split("openapi_client/", 1)[1]
    if "pydantic" in path or "pydantic_core" in name:
        return "pydantic (incl. validate_json)"
    if "/urllib3/" in path:
        return "urllib3 " + path.split("/urllib3/", 1)[1]
    if path.endswith("http/client.py"):
        return "http.client"
    if "/email/" in path:
        return "email.* (http.client header parsing)"
    if "/json/" in path or "json" in name:
        return "json"
    if path.endswith("bench/clients.py"):
        return "benchmark loop"
    if file == "~":
        return "builtins (uncalled)"
    return "stdlib " + os.path.basename(path)


def layers(stats: pstats.Stats) -> Dict[str, float]:
    """Self time per layer; a builtin's time goes to its callers' layers, split by their calls."""
    out: Dict[str, float] = {}
    raw = stats.stats  # type: ignore[attr-defined]
    for key, (_, _, tt, _, callers) in raw.items():
        layer = area(key)
        if key[0] != "~" or layer.startswith("socket") or layer.startswith("pydantic") or not callers:
            out[layer] = out.get(layer, 0.0) + tt
            continue
        total_calls = sum(c[1] for c in callers.values()) or 1
        for caller, c in callers.items():
            target = area(caller)
            out[target] = out.get(target, 0.0) + tt * c[1] / total_calls
    return out


def profile(block: Callable[[int], Any], calls: int) -> pstats.Stats:
    block(500)
    profiler = cProfile.Profile()
    profiler.enable()
    block(calls)
    profiler.disable()
    return pstats.Stats(profiler)


def tottimes(stats: pstats.Stats) -> Dict[Key, Tuple[float, int]]:
    return {key: (value[2], value[1]) for key, value in stats.stats.items()}  # type: ignore[attr-defined]


def label(key: Key) -> str:
    file, line, name = key
    if file == "~":
        return name
    path = file.replace(os.sep, "/")
    for marker in ("openapi_client/", "/urllib3/", "/pydantic/", "/http/", "/email/", "/json/"):
        if marker in path:
            path = marker.strip("/") + "/" + path.split(marker, 1)[1] if marker != "openapi_client/" else (
                "openapi_client/" + path.split(marker, 1)[1])
            break
    else:
        path = os.path.basename(path)
    return f"{path}:{line} {name}"


def report(op: str, calls: int, sdk: pstats.Stats, floor: pstats.Stats, top: int) -> None:
    sides = {"SDK": tottimes(sdk), "floor": tottimes(floor)}
    totals = {name: sum(v[0] for v in t.values()) for name, t in sides.items()}
    print(f"\n=== {op}: cProfile, {calls} calls each; profiled time/call SDK {totals['SDK'] / calls * 1e6:.1f} µs,"
          f" floor {totals['floor'] / calls * 1e6:.1f} µs (inflated by the profiler) ===")

    print("\nBy layer (self time incl. the builtins each layer calls; µs/call and % of that side's total):")
    by_layer = {"SDK": layers(sdk), "floor": layers(floor)}
    names = set(by_layer["SDK"]) | set(by_layer["floor"])
    print(f"  {'layer':44} {'SDK':>8} {'%':>5}  {'floor':>8} {'%':>5}  {'SDK-floor':>9}")
    for layer in sorted(names, key=lambda n: -(by_layer["SDK"].get(n, 0) + by_layer["floor"].get(n, 0))):
        a, b = by_layer["SDK"].get(layer, 0.0), by_layer["floor"].get(layer, 0.0)
        if max(a, b) / calls * 1e6 < 0.5:
            continue
        print(f"  {layer[:44]:44} {a / calls * 1e6:8.2f} {a / totals['SDK'] * 100:5.1f}"
              f"  {b / calls * 1e6:8.2f} {b / totals['floor'] * 100:5.1f}  {(a - b) / calls * 1e6:+9.2f}")

    for name in ("SDK", "floor"):
        table = sides[name]
        print(f"\n{name}: top {top} functions by self time (µs/call, % of total, calls/call)")
        for key, (tt, n) in sorted(table.items(), key=lambda kv: -kv[1][0])[:top]:
            print(f"  {tt / calls * 1e6:7.2f} {tt / totals[name] * 100:5.1f}%  {n / calls:5.1f}  {label(key)}")

    print(f"\nWhat the SDK spends beyond the floor, by function (self µs/call; + SDK costs more, - floor costs more), top {top}:")
    keys = set(sides["SDK"]) | set(sides["floor"])
    delta = {k: (sides["SDK"].get(k, (0.0, 0))[0] - sides["floor"].get(k, (0.0, 0))[0]) / calls for k in keys}
    for key, d in sorted(delta.items(), key=lambda kv: -abs(kv[1]))[:top]:
        print(f"  {d * 1e6:+7.2f}  {label(key)}")


def time_steps(calls: int, steps: List[Callable[[Any], Any]]) -> List[float]:
    """Nanoseconds per call of each step; each step gets what the one before returned."""
    clk = time.perf_counter_ns
    overhead = min(-(clk() - clk()) for _ in range(1000))
    acc = [0] * len(steps)
    for _ in range(calls):
        value: Any = None
        before = clk()
        for index, step in enumerate(steps):
            value = step(value)
            now = clk()
            acc[index] += now - before
            before = now
    return [max(0.0, total / calls - overhead) for total in acc]


def stages(op: str, sdk: clients.Sdk, floor: clients.Floor, calls: int) -> None:
    """Each step of a real call timed in place (a clock read between steps, no profiler).

    Timed in place, the SDK's own steps cost about twice what they cost in a
    tight loop of their own: the transport between them evicts their code and
    data from the CPU caches.
    """
    api, client = sdk.api, sdk.client
    org, run_id, prompt = payloads.ORG_ID, payloads.RUN_ID, payloads.PROMPT
    make = sdk.input_type
    model = "PageAgentRunResponse" if op == "list" else "AgentRunResponse"
    types = {"200": model, "2XX": model, "422": "HTTPValidationError"}
    print(f"\n=== {op}: steps timed in place, {calls} calls (µs/call, wall clock around CPU-bound steps) ===")

    def show(names: List[str], costs: List[float]) -> None:
        for name, ns in zip(names, costs):
            print(f"  {ns / 1e3:8.2f}  {name}")

    if op == "get":
        build: Callable[[Any], Any] = lambda _: api._get_agent_run(run_id, org)  # noqa: E731
    elif op == "list":
        build = lambda _: api._list_agent_runs(org, limit=payloads.LIST_LIMIT)  # noqa: E731
    else:
        build = lambda _: api._create_agent_run(org, make(prompt=prompt))  # noqa: E731
    def send(prepared: Any) -> Any:
        response = api._send(prepared)
        response.read()
        return response

    try:
        costs = time_steps(calls, [
            build,
            lambda p: send(p),
            lambda response: (response, client.response_deserialize(response, types)),
            lambda _: None,
        ])
        show([
            "SDK: arguments + request building (AgentsApi._<operation> -> ApiClient.param_serialize)",
            "SDK: transport (ApiClient.call_api -> rest; includes waiting for the server)",
            "SDK: decoding (ApiClient.response_deserialize -> ApiResponse and model)",
            "SDK: dropping the response and the model",
        ], costs)
    except Exception as error:  # noqa: BLE001 - the SDK's internals may have changed
        print(f"  (SDK steps skipped: the SDK's internals changed: {error!r})")

    pool = floor.pool
    if op in ("get", "list"):
        url, headers = floor.get_url(run_id), floor.get_headers
        if op == "list":
            url = floor.list_url
        encode: Callable[[Any], Any] = lambda _: None  # noqa: E731
        send: Callable[[Any], Any] = lambda _: pool.request("GET", url, headers=headers)  # noqa: E731
    else:
        url, headers = floor.create_url, floor.post_headers
        encode = lambda _: json.dumps({"prompt": prompt}).encode("utf-8")  # noqa: E731
        send = lambda body: pool.request("POST", url, body=body, headers=headers)  # noqa: E731
    show([
        "floor: json.dumps of the body (POST only)",
        "floor: transport (PoolManager.request; includes waiting for the server)",
        "floor: json.loads",
        "floor: dropping the response and the dict",
    ], time_steps(calls, [encode, send, lambda response: (response, json.loads(response.data)), lambda _: None]))


def pyinstrument_tree(op: str, block: Callable[[int], Any], calls: int, title: str) -> None:
    """A sampled view of the call tree through the SDK's own frames (wall time, library frames folded)."""
    try:
        from pyinstrument import Profiler
        from pyinstrument.renderers import ConsoleRenderer
    except ImportError:
        print("pyinstrument is not installed: pip install pyinstrument")
        return
    block(500)
    profiler = Profiler(interval=0.0002)
    profiler.start()
    block(calls)
    profiler.stop()
    session = profiler.last_session
    assert session is not None
    print(f"\n=== {op}: pyinstrument, {title}, {calls} calls, {session.duration / calls * 1e6:.1f} µs/call wall ===")
    print(profiler.output(ConsoleRenderer(unicode=True, color=False, show_all=False, short_mode=True)))


def imports(runs: int, typical: bool) -> None:
    import run as bench_run

    env = bench_run.child_env()
    code = bench_run.IMPORT_TYPICAL if typical else bench_run.IMPORT_SDK
    sdk_times = [bench_run.importtime(code, env) for _ in range(runs)]
    base_times = [bench_run.importtime(bench_run.IMPORT_BASE, env) for _ in range(runs)]

    def medians(times: List[Dict[str, Tuple[int, int]]]) -> Dict[str, Tuple[float, float]]:
        names = set().union(*times)
        return {
            n: (statistics.median([t[n][0] for t in times if n in t]), statistics.median([t[n][1] for t in times if n in t]))
            for n in names
        }

    sdk, base = medians(sdk_times), medians(base_times)
    total = lambda m: sum(v[0] for v in m.values())  # noqa: E731
    extra = {n: v for n, v in sdk.items() if n not in base}
    print(f"=== import: -X importtime of {code!r} against the baseline, median of {runs} runs ===")
    print(f"  sum of self times: SDK {total(sdk) / 1e3:.1f} ms, baseline (urllib3 + pydantic + BaseModel)"
          f" {total(base) / 1e3:.1f} ms; {len(extra)} modules only the SDK loads: {total(extra) / 1e3:.1f} ms")
    print("  modules only the SDK loads (self µs, cumulative µs; cumulative includes what they import first):")
    for name, (self_us, cum_us) in sorted(extra.items(), key=lambda kv: -kv[1][0]):
        print(f"    {self_us:7.0f} {cum_us:8.0f}  {name}")
    shared = {n: (sdk[n][0] - base[n][0]) for n in sdk if n in base}
    worse = sorted(shared.items(), key=lambda kv: -kv[1])[:10]
    print("  modules both load, largest self-time differences (SDK - baseline, µs; mostly noise below ~200):")
    for name, d in worse:
        print(f"    {d:+7.0f}  {name}")
    marginal(runs, env, code)


_MARGINAL = """
import importlib, json, sys, time
t = time.perf_counter()
import urllib3, pydantic
from pydantic import BaseModel
base = time.perf_counter() - t
before = list(sys.modules)
if sys.argv[1] == "list":
    exec(sys.argv[2])
    print(json.dumps([m for m in sys.modules if m not in set(before) and not m.startswith("openapi_client")]))
    raise SystemExit
costs = []
for name in json.loads(sys.argv[1]):
    t = time.perf_counter()
    if name not in sys.modules:
        importlib.import_module(name)
    costs.append((name, time.perf_counter() - t))
t = time.perf_counter()
exec(sys.argv[2])
costs.append(("openapi_client itself (its modules, model classes)", time.perf_counter() - t))
print(json.dumps({"base": base, "costs": costs}))
"""


def marginal(runs: int, env: Dict[str, str], code: str) -> None:
    """What each module the SDK adds to the baseline costs when imported on its own, in import order."""
    import subprocess

    def child(arg: str) -> Any:
        out = subprocess.run(
            [sys.executable, "-c", _MARGINAL, arg, code], env=env, capture_output=True, text=True, check=True
        )
        return json.loads(out.stdout)

    extra = child("list")
    samples = [child(json.dumps(extra)) for _ in range(runs)]
    names = [name for name, _ in samples[0]["costs"]]
    cost = {n: statistics.median([dict(s["costs"])[n] for s in samples]) for n in names}
    base = statistics.median([s["base"] for s in samples])
    print(f"\n  marginal wall time of each addition, imported one by one after the baseline"
          f" ({base * 1e3:.1f} ms), median of {runs}; a module's cost includes the not yet loaded modules it imports:")
    for name in sorted(names, key=lambda n: -cost[n]):
        if cost[name] >= 0.0002:
            print(f"    {cost[name] * 1e3:6.2f} ms  {name}")
    print(f"    {sum(cost.values()) * 1e3:6.2f} ms  in all")


def thread_variants(rounds: int, seconds: float, threads: int) -> None:
    """8-thread throughput of the SDK and the floor, each with and without socket timeouts.

    Python polls the socket before every send and recv on a socket with a
    timeout (and releases the GIL around each poll); this shows how much of
    the SDK's gap to the bare floor is that, rather than the SDK's own code.
    """
    import urllib3

    import run as bench_run

    server = ServerProcess()
    try:
        sdk = clients.Sdk(server.url)
        api, org, run_id = sdk.api, payloads.ORG_ID, payloads.RUN_ID
        no_timeout = urllib3.Timeout(connect=None, read=None)

        def sdk_without_timeouts(n: int) -> None:
            for _ in range(n):
                api.get_agent_run(run_id, org, _request_timeout=no_timeout)

        floor = clients.Floor(server.url, sdk.user_agent, maxsize=threads, timeout=None)
        timed_floor = clients.Floor(server.url, sdk.user_agent, maxsize=threads, timeout=clients.SDK_DEFAULT_TIMEOUT)
        sides: Dict[str, Callable[[int], Any]] = {
            "SDK (default (10, 60) timeouts)": sdk.get_block,
            "SDK, _request_timeout=Timeout(None, None)": sdk_without_timeouts,
            "floor (no timeouts)": floor.get_block,
            "floor with (10, 60) timeouts": timed_floor.get_block,
        }
        for block in sides.values():
            bench_run.throughput(server, block, threads, 0.3)
        runs: Dict[str, List[Dict[str, float]]] = {name: [] for name in sides}
        for _ in range(rounds):
            for name, block in sides.items():
                runs[name].append(bench_run.throughput(server, block, threads, seconds))
    finally:
        server.stop()
    base = runs["floor (no timeouts)"]
    print(f"=== {threads} threads, get_agent_run, {rounds} rounds of {seconds:g} s per variant, taking turns ===")
    print(f"  {'variant':44} {'calls/s':>8} {'CPU/call µs':>11} {'vs floor':>9} {'per-round ratio':>16}")
    for name, rs in runs.items():
        rate = statistics.median([r["rate"] for r in rs])
        cpu = statistics.median([r["cpu"] for r in rs])
        pair = statistics.median([a["rate"] / b["rate"] for a, b in zip(rs, base)])
        print(f"  {name:44} {rate:8.0f} {cpu * 1e6:11.1f} {rate / statistics.median([r['rate'] for r in base]):9.3f}"
              f" {pair:16.3f}")


def layer_costs(op: str, sdk: clients.Sdk, floor: clients.Floor, rounds: int) -> None:
    """CPU per call in place as the SDK's layers are added to the floor one at a time (`clients.cpu_per_call`)."""
    api, client = sdk.api, sdk.client
    org, run_id, pool = payloads.ORG_ID, payloads.RUN_ID, floor.pool
    headers = floor.get_headers
    if op == "list":
        url = floor.list_url
        prepared = api._list_agent_runs(org, limit=payloads.LIST_LIMIT)
        call: Callable[[], Any] = lambda: api.list_agent_runs(org, limit=payloads.LIST_LIMIT)  # noqa: E731
        calls = 300
    else:
        url = floor.get_url(run_id)
        prepared = api._get_agent_run(run_id, org)
        call = lambda: api.get_agent_run(run_id, org)  # noqa: E731
        calls = 1000
    types = prepared.endpoint.response_types
    validate = importlib.import_module("openapi_client.models").model_type(types["200"]).__pydantic_validator__.validate_json
    rest = client.rest_client

    def answer(response: Any) -> Any:
        response.read()
        return client.response_deserialize(response, types).data

    rows: List[Tuple[str, Callable[[], Any]]] = [
        ("floor: PoolManager.request + json.loads", lambda: json.loads(pool.request("GET", url, headers=headers).data)),
        ("floor, decoded into the models (validate_json)", lambda: validate(pool.request("GET", url, headers=headers).data)),
        ("RESTClientObject.request + validate_json", lambda: validate(rest.request("GET", url, headers=headers).read())),
        ("call_api + response_deserialize, request built once", lambda: answer(client.call_api(*prepared.request))),
        ("the same through the options channel (ApiBase._send)", lambda: answer(api._send(prepared))),
        (f"the whole {op} call: arguments and param_serialize too", call),
    ]

    print(f"\n=== {op}: the SDK's layers added one at a time, client CPU per call in place ({rounds} rounds) ===")
    try:
        costs = clients.cpu_per_call(rows, calls, rounds)
    except Exception as error:  # noqa: BLE001 - the SDK's internals may have changed
        print(f"  (skipped: the SDK's internals changed: {error!r})")
        return
    base = costs[rows[0][0]]
    for name, cost in costs.items():
        print(f"  {cost * 1e6:7.1f} µs  {cost / base:5.3f}  {name}")


def main(argv: Optional[List[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--op", choices=("get", "create", "list", "both", "all"), default="both",
                        help="the operation(s) to profile: both = get and create; all adds list_agent_runs")
    parser.add_argument("--calls", type=int, default=5000)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--pyinstrument", action="store_true", help="also print pyinstrument call trees")
    parser.add_argument("--imports", action="store_true", help="profile the import instead (-X importtime)")
    parser.add_argument("--import-runs", type=int, default=7)
    parser.add_argument("--typical", action="store_true",
                        help="with --imports: profile `from openapi_client import AgentsApi, ...` instead")
    parser.add_argument("--threads", action="store_true",
                        help="8-thread throughput with and without socket timeouts, SDK and floor")
    parser.add_argument("--rounds", type=int, default=16, help="rounds for --threads and --layers")
    parser.add_argument("--layers", action="store_true",
                        help="CPU per call as the SDK's layers are added to the floor, get and list")
    args = parser.parse_args(argv)
    if args.imports:
        imports(args.import_runs, args.typical)
        return
    if args.threads:
        thread_variants(args.rounds, 0.5, 8)
        return
    server = ServerProcess()
    try:
        sdk = clients.Sdk(server.url)
        floor = clients.Floor(server.url, sdk.user_agent)
        if args.layers:
            for op in ("get", "list"):
                layer_costs(op, sdk, floor, args.rounds)
            return
        ops = {"both": ("get", "create"), "all": ("get", "create", "list")}.get(args.op, (args.op,))
        for op in ops:
            attr = op + "_block"
            stages(op, sdk, floor, args.calls * 2)
            report(op, args.calls, profile(getattr(sdk, attr), args.calls), profile(getattr(floor, attr), args.calls),
                   args.top)
            if args.pyinstrument:
                pyinstrument_tree(op, getattr(sdk, attr), args.calls * 4, "SDK")
                pyinstrument_tree(op, getattr(floor, attr), args.calls * 4, "floor")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
