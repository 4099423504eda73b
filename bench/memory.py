"""RSS growth over many `get_agent_run` calls, in a fresh process so nothing else has touched the heap.

Run by run.py as ``python bench/memory.py --impl sdk|floor --url URL --calls N``;
prints one JSON line: RSS before and after (KiB), samples along the way.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import clients  # noqa: E402


def rss_kib() -> int:
    """Resident set size now, from /proc (peak RSS from getrusage where there is no /proc)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--impl", choices=("sdk", "floor"), required=True)
    parser.add_argument("--url", required=True)
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument("--warmup", type=int, default=5_000)
    parser.add_argument("--samples", type=int, default=10)
    parser.add_argument("--user-agent", default="OpenAPI-Generator/1.0.0/python", help="the floor's User-Agent")
    args = parser.parse_args()

    impl = clients.Sdk(args.url) if args.impl == "sdk" else clients.Floor(args.url, args.user_agent)
    impl.get_block(args.warmup)
    gc.collect()
    before = rss_kib()
    samples = []
    done = 0
    chunk = max(1, args.calls // args.samples)
    while done < args.calls:
        step = min(chunk, args.calls - done)
        impl.get_block(step)
        done += step
        samples.append((done, rss_kib()))
    gc.collect()
    after = rss_kib()
    print(json.dumps({"impl": args.impl, "calls": done, "before_kib": before, "after_kib": after, "samples": samples}))


if __name__ == "__main__":
    main()
