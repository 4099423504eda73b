"""The two clients compared: the SDK, and the floor (raw urllib3 + json) sending the same requests.

Each offers `get_block(n)`, `create_block(n)` and `list_block(n)`, which make
`n` calls in a plain loop, so that the loop costs both sides the same.
"""

from __future__ import annotations

import gc
import json
import os
import statistics
import sys
import time
from typing import Any, Callable, Dict, List, Sequence, Tuple

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(BENCH_DIR)
for _path in (BENCH_DIR, REPO_ROOT):
    if _path not in sys.path:
        sys.path.insert(0, _path)

import urllib3  # noqa: E402

import payloads  # noqa: E402
from payloads import LIST_LIMIT, ORG_ID, PROMPT, RUN_ID  # noqa: E402


#: What the SDK uses when told nothing (Configuration.timeout), for a floor that pays for timeouts too.
SDK_DEFAULT_TIMEOUT = urllib3.Timeout(connect=10.0, read=60.0)


class Sdk:
    """`AgentsApi` over one `ApiClient`, default settings (retries on, default timeouts)."""

    name = "SDK"

    def __init__(self, url: str) -> None:
        from openapi_client import AgentsApi, ApiClient, Configuration, CreateAgentRunInput

        self.client = ApiClient(Configuration(host=url, access_token=payloads.TOKEN))
        self.api = AgentsApi(self.client)
        self.input_type = CreateAgentRunInput

    @property
    def user_agent(self) -> str:
        return self.client.user_agent

    def get_block(self, n: int, run_id: int = RUN_ID) -> Any:
        get = self.api.get_agent_run
        org = ORG_ID
        run = None
        for _ in range(n):
            run = get(run_id, org)
        return run

    def create_block(self, n: int) -> Any:
        create = self.api.create_agent_run
        make_input = self.input_type
        org = ORG_ID
        prompt = PROMPT
        run = None
        for _ in range(n):
            run = create(org, make_input(prompt=prompt))
        return run

    def list_block(self, n: int) -> Any:
        list_runs = self.api.list_agent_runs
        org = ORG_ID
        limit = LIST_LIMIT
        page = None
        for _ in range(n):
            page = list_runs(org, limit=limit)
        return page

    def close(self) -> None:
        self.client.close()


class Floor:
    """One `urllib3.PoolManager`, `request(...)`, then `json.loads` of the body: no checks, no models.

    It sets the SDK's default timeouts, as the SDK always does: a socket with a
    timeout costs more to use (CPython polls it before each send and receive).
    """

    name = "floor"

    def __init__(self, url: str, user_agent: str, maxsize: int = 1, timeout: Any = SDK_DEFAULT_TIMEOUT) -> None:
        # timeout=None keeps urllib3's default (no timeout, blocking sockets), as a bare PoolManager() has.
        self.pool = urllib3.PoolManager(maxsize=maxsize) if timeout is None else urllib3.PoolManager(
            maxsize=maxsize, timeout=timeout
        )
        self.url = url
        self.create_url = url + payloads.CREATE_PATH.format(org_id=ORG_ID)
        self.list_url = url + payloads.LIST_PATH.format(org_id=ORG_ID, limit=LIST_LIMIT)
        self.get_headers: Dict[str, str] = {
            "User-Agent": user_agent,
            "Accept": "application/json",
            "Authorization": f"Bearer {payloads.TOKEN}",
        }
        self.post_headers = dict(self.get_headers, **{"Content-Type": "application/json"})

    def get_url(self, run_id: int) -> str:
        return self.url + payloads.GET_PATH.format(org_id=ORG_ID, run_id=run_id)

    def get_block(self, n: int, run_id: int = RUN_ID) -> Any:
        request = self.pool.request
        loads = json.loads
        url = self.get_url(run_id)
        headers = self.get_headers
        run = None
        for _ in range(n):
            run = loads(request("GET", url, headers=headers).data)
        return run

    def create_block(self, n: int) -> Any:
        request = self.pool.request
        loads = json.loads
        dumps = json.dumps
        url = self.create_url
        headers = self.post_headers
        prompt = PROMPT
        run = None
        for _ in range(n):
            body = dumps({"prompt": prompt}).encode("utf-8")
            run = loads(request("POST", url, body=body, headers=headers).data)
        return run

    def list_block(self, n: int) -> Any:
        request = self.pool.request
        loads = json.loads
        url = self.list_url
        headers = self.get_headers
        page = None
        for _ in range(n):
            page = loads(request("GET", url, headers=headers).data)
        return page

    def close(self) -> None:
        self.pool.clear()


def sdk_user_agent() -> str:
    """The User-Agent the SDK sends, for the floor to send too."""
    from openapi_client import ApiClient, Configuration

    return ApiClient(Configuration(host="http://127.0.0.1")).user_agent


def cpu_per_call(rows: Sequence[Tuple[str, Callable[[], Any]]], calls: int, rounds: int) -> Dict[str, float]:
    """Each row's median client CPU per call, in seconds, over `rounds` blocks of `calls` calls.

    The rows' blocks take turns (A B C ... A B C ...), so that the machine's
    drifts hit them alike; a first block of each warms it up and is not counted.
    """

    def block(step: Callable[[], Any]) -> float:
        gc.collect()
        start = time.process_time()
        for _ in range(calls):
            step()
        return (time.process_time() - start) / calls

    for _, step in rows:
        block(step)
    times: Dict[str, List[float]] = {name: [] for name, _ in rows}
    for _ in range(rounds):
        for name, step in rows:
            times[name].append(block(step))
    return {name: statistics.median(values) for name, values in times.items()}
