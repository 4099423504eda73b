"""This SDK and a client made by OpenAPI Generator, each against the same floor: client CPU per call.

    java -jar openapi-generator-cli-7.12.0.jar generate -g python -i openapi.json -o /tmp/generated
    python bench/generated.py /tmp/generated      # about 30 s

PATH is the generated project's folder, the one that holds its ``openapi_client``
package; nothing of it is copied here. Each client runs in a child process of
its own (both packages are named ``openapi_client``), against its own server,
calling the generated method names that both have. Its blocks take turns with
those of the floor (urllib3 + `json.loads`, the same request), and the figures
are medians. The floor sets socket timeouts when the client does: this SDK
always sets them, and a generated client sets none unless told.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from typing import Any, Callable, Dict, List, Tuple

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(BENCH_DIR)

GET = "get_agent_run_v1_organizations_org_id_agent_run_agent_run_id_get"
LIST = "list_agent_runs_v1_organizations_org_id_agent_runs_get"


def measure(package_root: str, rounds: int) -> Dict[str, Any]:
    """In a child: the client found in `package_root` and its floor, in alternating blocks."""
    sys.path.insert(0, package_root)
    import openapi_client  # first: importing clients puts this repository's folder first on sys.path

    sys.path.insert(0, BENCH_DIR)
    import clients
    import payloads
    from server import ServerProcess

    server = ServerProcess()
    try:
        client = openapi_client.ApiClient(openapi_client.Configuration(host=server.url, access_token=payloads.TOKEN))
        api = openapi_client.AgentsApi(client)
        # This SDK's Configuration.timeout, (10, 60) unless set; a generated Configuration has no such setting.
        sets_timeouts = getattr(client.configuration, "timeout", None) is not None
        floor = clients.Floor(server.url, client.user_agent, timeout=clients.SDK_DEFAULT_TIMEOUT if sets_timeouts else None)
        pool, headers = floor.pool, floor.get_headers
        org, run_id, limit = payloads.ORG_ID, payloads.RUN_ID, payloads.LIST_LIMIT
        get_url, list_url = floor.get_url(run_id), floor.list_url
        get, list_runs = getattr(api, GET), getattr(api, LIST)
        sides: Dict[str, List[Tuple[str, Callable[[], Any]]]] = {
            "get": [
                ("client", lambda: get(run_id, org)),
                ("floor", lambda: json.loads(pool.request("GET", get_url, headers=headers).data)),
            ],
            "list": [
                ("client", lambda: list_runs(org, limit=limit)),
                ("floor", lambda: json.loads(pool.request("GET", list_url, headers=headers).data)),
            ],
        }
        out: Dict[str, Any] = {"package": os.path.dirname(openapi_client.__file__), "timeouts": sets_timeouts}
        for op, rows in sides.items():
            out[op] = clients.cpu_per_call(rows, 1000 if op == "get" else 300, rounds)
        return out
    finally:
        server.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("generated", help="the generated project's folder (holding its openapi_client package)")
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.rounds)))
        return 0
    generated = os.path.abspath(args.generated)
    if not os.path.isfile(os.path.join(generated, "openapi_client", "__init__.py")):
        parser.error(f"{generated} holds no openapi_client package; give the generated project's folder")
    print("client            timeouts   get CPU/call (floor)   ratio   list CPU/call (floor)   ratio")
    for label, root in (("this SDK", REPO_ROOT), ("generated client", generated)):
        child = subprocess.run(
            [sys.executable, __file__, args.generated, "--child", root, "--rounds", str(args.rounds)],
            check=True, stdout=subprocess.PIPE, text=True,
        )
        result = json.loads(child.stdout)
        row = f"{label:17} {'yes' if result['timeouts'] else 'none':8}"
        for op in ("get", "list"):
            client, floor = result[op]["client"] * 1e6, result[op]["floor"] * 1e6
            row += f"   {client:7.1f} ({floor:6.1f}) µs  {client / floor:5.2f}"
        print(row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
