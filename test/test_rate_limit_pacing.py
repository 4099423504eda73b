"""Every call paced through a shared budget: real processes, one emulator that enforces its limits, a real Redis.

The emulator's read limit is made small (5 per second) and the processes'
table of limits says about the same, so that a test takes seconds, not minutes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from typing import Any, Dict, Iterator, List

import pytest

from openapi_client import AgentsApi, ApiClient, Configuration
from openapi_client.exceptions import RateLimitWaitError, TooManyRequestsException
from openapi_client.rate_limits import LIMIT_GROUPS, pacing, shared
from openapi_client.testing import AgentApiEmulator, Fault

from .test_cli import child_env, codegen_agents, one_error_line
from .storage_fixtures import RedisServer, folder, redis_server  # noqa: F401 - fixtures

READ_LIMIT = (5, 1.0)

WORKER = """
import json, sys, time
from openapi_client import AgentsApi, ApiClient, Configuration
from openapi_client.exceptions import TooManyRequestsException
from openapi_client.rate_limits import LIMIT_GROUPS
url, token, org_id, run_id, storage, calls, start = sys.argv[1:]
LIMIT_GROUPS["read"] = (5, 1.2)  # the emulator's limit, with room for a process that sends its request late
configuration = Configuration(host=url, access_token=token, retries=0)
configuration.rate_limit_storage = storage
api = AgentsApi(ApiClient(configuration))
while time.time() < float(start):
    time.sleep(0.001)
refused = 0
for _ in range(int(calls)):
    try:
        api.get_agent_run(int(run_id), int(org_id))
    except TooManyRequestsException:
        refused += 1
print(json.dumps({"refused": refused, "seconds": time.time() - float(start)}))
"""


@pytest.fixture
def emulator() -> Iterator[AgentApiEmulator]:
    with AgentApiEmulator(read_limit=READ_LIMIT) as emu:
        yield emu


@pytest.fixture
def small_read_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(LIMIT_GROUPS, "read", READ_LIMIT)
    monkeypatch.setattr(shared, "_limiters", {})


def storage_uri(kind: str, request: Any) -> str:
    if kind == "file":
        return "file://" + str(request.getfixturevalue("folder"))
    if kind == "redis":
        server: RedisServer = request.getfixturevalue("redis_server")
        server.client().flushall()
        return server.uri
    return "memory://"


def run_processes(emulator: AgentApiEmulator, storage: str, processes: int = 3, calls: int = 8) -> List[Dict[str, Any]]:
    run = emulator.create_run()
    start = time.time() + 1.0
    argv = [emulator.url, emulator.token, str(emulator.org_id), str(run.id), storage, str(calls), repr(start)]
    workers = [
        subprocess.Popen([sys.executable, "-c", WORKER, *argv], stdout=subprocess.PIPE) for _ in range(processes)
    ]
    answers = []
    for worker in workers:
        out, _ = worker.communicate(timeout=120)
        assert worker.returncode == 0
        answers.append(json.loads(out))
    return answers


@pytest.mark.parametrize("kind", ["file", "redis"])
def test_processes_sharing_a_store_get_no_429(kind: str, emulator: AgentApiEmulator, request: Any) -> None:
    answers = run_processes(emulator, storage_uri(kind, request))
    assert [answer["refused"] for answer in answers] == [0, 0, 0]
    assert len(emulator.requests) == 24  # every call was sent, none twice
    assert max(answer["seconds"] for answer in answers) > 3.5  # 24 reads at 5 per second


def test_processes_without_a_shared_store_get_429s(emulator: AgentApiEmulator) -> None:
    answers = run_processes(emulator, "memory://")
    assert sum(answer["refused"] for answer in answers) >= 10  # 24 reads at once; the emulator admits 5


@pytest.mark.parametrize("kind", ["file", "redis"])
def test_a_call_that_would_wait_past_its_deadline_is_not_sent(
    kind: str, emulator: AgentApiEmulator, request: Any, small_read_limit: None
) -> None:
    configuration = Configuration(host=emulator.url, access_token=emulator.token, retries=0)
    configuration.rate_limit_storage = storage_uri(kind, request)
    api = AgentsApi(ApiClient(configuration))
    run = emulator.create_run()
    for _ in range(READ_LIMIT[0]):
        api.get_agent_run(run.id, emulator.org_id)
    started = time.monotonic()
    api.get_agent_run(run.id, emulator.org_id, _request_timeout=5.0)  # waits for its slot, within its deadline
    assert 0.5 < time.monotonic() - started < 2.5
    for _ in range(READ_LIMIT[0] - 1):
        api.get_agent_run(run.id, emulator.org_id)
    sent = len(emulator.requests)
    with pytest.raises(RateLimitWaitError) as raised:
        api.get_agent_run(run.id, emulator.org_id, _request_timeout=0.3)
    assert isinstance(raised.value, TooManyRequestsException)
    assert raised.value.group == "read" and raised.value.status is None
    assert 0.3 < raised.value.retry_after <= 1.2
    assert "get_agent_run was not sent" in str(raised.value) and "'read' rate limit" in str(raised.value)
    assert len(emulator.requests) == sent


@pytest.mark.parametrize("kind", ["file", "redis"])
def test_a_429_pauses_every_process_sharing_the_store(kind: str, emulator: AgentApiEmulator, request: Any) -> None:
    storage = storage_uri(kind, request)
    configuration = Configuration(host=emulator.url, access_token=emulator.token, retries=0)
    configuration.rate_limit_storage = storage
    api = AgentsApi(ApiClient(configuration))
    run = emulator.create_run()
    emulator.inject(Fault.rate_limited("3"))
    with pytest.raises(TooManyRequestsException):
        api.get_agent_run(run.id, emulator.org_id)
    answer = run_processes(emulator, storage, processes=1, calls=1)[0]  # starts 1 s later, so 2 s are left
    assert answer["refused"] == 0
    assert answer["seconds"] > 1.5


def test_with_memory_plain_calls_go_as_before(emulator: AgentApiEmulator, small_read_limit: None) -> None:
    api = AgentsApi(ApiClient(Configuration(host=emulator.url, access_token=emulator.token, retries=0)))
    run = emulator.create_run()
    started = time.monotonic()
    for _ in range(READ_LIMIT[0]):
        api.get_agent_run(run.id, emulator.org_id)
    with pytest.raises(TooManyRequestsException) as raised:
        api.get_agent_run(run.id, emulator.org_id)
    assert raised.value.status == 429  # the server's answer: nothing paced it
    assert time.monotonic() - started < 1.0


def test_the_organisation_comes_from_the_path() -> None:
    assert pacing.organization_of("https://api.codegen.com/v1/organizations/42/agent/run/7") == "42"
    assert pacing.organization_of("https://api.codegen.com/v1/organizations/42") == "42"
    assert pacing.organization_of("https://api.codegen.com/v1/organizations?skip=0") is None
    assert pacing.organization_of("https://api.codegen.com/v1/users/me") is None


def test_the_command_line_reads_the_storage_from_the_environment(emulator: AgentApiEmulator, folder: str) -> None:
    emulator.create_run()
    done = codegen_agents("list", env=child_env(emulator, CODEGEN_RATE_LIMIT_STORAGE="file://" + folder))
    assert done.returncode == 0, done.stderr
    assert [name for name in os.listdir(folder) if name.startswith("budget-")]  # the call took its slot there


def test_a_bad_storage_in_the_environment_is_a_usage_error(emulator: AgentApiEmulator) -> None:
    done = codegen_agents("list", env=child_env(emulator, CODEGEN_RATE_LIMIT_STORAGE="file://relative/dir"))
    assert done.returncode == 2
    assert "CODEGEN_RATE_LIMIT_STORAGE: rate_limit_storage 'file://relative/dir' must name an absolute folder" in (
        one_error_line(done.stderr)
    )
    assert emulator.requests == []


WAITER = """
import sys
from openapi_client import AgentsApi, ApiClient, Configuration
url, token, org_id, run_id, storage, plain = sys.argv[1:]
configuration = Configuration(host=url, access_token=token)
configuration.rate_limit_storage = storage
api = AgentsApi(ApiClient(configuration))
print(api.wait_for_agent_run(int(run_id), int(org_id), poll_interval=20, progress=False).status)
if plain == "yes":
    api.get_agent_run(int(run_id), int(org_id))
"""


@pytest.mark.parametrize("kind", ["file", "redis", "memory"])
def test_one_poll_serves_every_process_for_a_poll_interval(kind: str, emulator: AgentApiEmulator, request: Any) -> None:
    storage = storage_uri(kind, request)
    run = emulator.create_run()
    emulator.set_run_status(run.id, "COMPLETE")
    argv = [emulator.url, emulator.token, str(emulator.org_id), str(run.id), storage]
    for plain in ("no", "yes"):
        done = subprocess.run([sys.executable, "-c", WAITER, *argv, plain], capture_output=True, text=True, timeout=60)
        assert done.stdout.strip() == "COMPLETE", done.stderr
    # The second wait read the state the first one kept (for its 20 s poll interval); the plain call asked the API.
    assert len(emulator.requests) == (2 if kind != "memory" else 3)


def test_a_poll_takes_one_slot_not_two(emulator: AgentApiEmulator, folder: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(LIMIT_GROUPS, "read", (100, 30.0))
    monkeypatch.setattr(shared, "_limiters", {})
    configuration = Configuration(host=emulator.url, access_token=emulator.token)
    configuration.rate_limit_storage = "file://" + folder
    run = emulator.create_run()  # complete after two polls
    api = AgentsApi(ApiClient(configuration))
    assert api.wait_for_agent_run(run.id, emulator.org_id, poll_interval=0.05, progress=False).status == "COMPLETE"
    (budget,) = [name for name in os.listdir(folder) if name.startswith("budget-")]
    assert budget.endswith("%3Aread.json") and "org%3D1" in budget
    with open(os.path.join(folder, budget), encoding="utf-8") as file:
        slots = json.load(file)["slots"]
    assert len(emulator.requests) == len(slots) == 2
