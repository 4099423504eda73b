"""Rate-limit storage: budgets kept in memory, in a folder and in a real Redis, and what happens when a store fails.

The file and Redis stores are shared by processes, so their tests run real
processes (`subprocess`), each reserving slots of the same budget at once;
the slots they were given, put together, must never put more than the
limit in any window. A store that fails (Redis stopped, unreachable, slow;
a folder missing or read-only) must leave every call its answer: the
budget falls back to the process's own, one warning says so, and the
store is used again once it answers.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import subprocess
import sys
import threading
import time
from typing import Any, List

import pytest

from openapi_client import Configuration
from openapi_client.exceptions import ApiTypeError, ApiValueError
from openapi_client.rate_limits import (
    LIMIT_GROUPS,
    MemoryStorage,
    RateLimiter,
    Storage,
    budget_for,
    group_of,
    shared,
    shared_values_for,
)
from openapi_client.rate_limits.file_store import FileStorage
from openapi_client.rate_limits.stores import next_slot

from .storage_fixtures import RedisServer, folder, redis_server, require_redis  # noqa: F401 - fixtures

TOKEN = "sk-secret-token-0123456789"


@pytest.fixture(params=["memory", "file", "redis"])
def storage(request: Any, folder: str) -> Storage:
    if request.param == "memory":
        return MemoryStorage()
    if request.param == "file":
        return FileStorage(folder)
    server: RedisServer = request.getfixturevalue("redis_server")
    server.client().flushall()
    from openapi_client.rate_limits.redis_store import RedisStorage

    return RedisStorage(server.uri)


@pytest.fixture(autouse=True)
def fresh_limiters(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test opens its stores afresh, and a failing store is tried again after 0.2 s."""
    monkeypatch.setattr(shared, "_limiters", {})
    monkeypatch.setattr(shared, "RETRY_STORE_AFTER", 0.2)


def in_any_window(slots: List[List[float]], window: float) -> int:
    """The most slots that fall in any half-open window of `window` seconds.

    A slot is measured as ``[before + wait, after + wait]``, with the
    caller's clock read before and after the store's: the window is made
    shorter by the widest such bracket, plus a millisecond.
    """
    window -= max(after - before for before, after in slots) + 0.001
    times = sorted((before + after) / 2 for before, after in slots)
    most = 0
    for i, start in enumerate(times):
        most = max(most, sum(1 for t in times[i:] if t < start + window))
    return most


# -- the sliding-window log ----------------------------------------------------


def test_next_slot_waits_a_window_after_the_slot_requests_places_back() -> None:
    assert next_slot([], -1.0, 100.0, 3, 10.0) == 100.0
    assert next_slot([100.0, 101.0], -1.0, 102.0, 3, 10.0) == 102.0
    assert next_slot([100.0, 101.0, 102.0], -1.0, 103.0, 3, 10.0) == 110.0
    assert next_slot([100.0, 101.0, 102.0], 120.0, 103.0, 3, 10.0) == 120.0  # paused by a 429
    assert next_slot([100.0, 105.0], -1.0, 102.0, 3, 10.0) == 105.0  # after a slot someone waits for


def test_each_store_grants_its_limit_then_waits_a_window(storage: Storage) -> None:
    waits = [storage.reserve("k", 3, 2.0, 60.0) for _ in range(5)]
    assert waits[:3] == pytest.approx([0, 0, 0], abs=0.05)
    assert waits[3] == pytest.approx(2.0, abs=0.1)
    assert waits[4] == pytest.approx(2.0, abs=0.1)  # slot 4 and 5 fall in the window after slots 1 and 2
    assert storage.reserve("other", 3, 2.0, 60.0) == pytest.approx(0, abs=0.05)  # each key its own budget


def test_a_wait_longer_than_allowed_claims_nothing(storage: Storage) -> None:
    storage.reserve("k", 1, 5.0, 60.0)
    refused = storage.reserve("k", 1, 5.0, 1.0)
    assert refused > 1.0
    assert storage.reserve("k", 1, 5.0, 60.0) == pytest.approx(refused, abs=0.1)  # the refused slot is still free


def test_a_pause_holds_every_slot_back(storage: Storage) -> None:
    storage.pause("k", 3.0)
    storage.pause("k", 1.0)  # a shorter pause does not shorten it
    assert storage.reserve("k", 10, 1.0, 60.0) == pytest.approx(3.0, abs=0.1)


def test_kept_values_come_with_their_age_and_expire(storage: Storage) -> None:
    assert storage.get("page") is None
    storage.put("page", '{"items": ["é"]}\nline two', 0.5)
    time.sleep(0.2)
    kept = storage.get("page")
    assert kept is not None
    assert kept[0] == '{"items": ["é"]}\nline two'
    assert 0.15 < kept[1] < 0.4
    time.sleep(0.4)
    assert storage.get("page") is None


# -- processes sharing a store ------------------------------------------------

WORKER = """
import json, sys, time
from openapi_client.rate_limits import shared
uri, start, count = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
limiter = shared.limiter_for(uri)
while time.time() < start:
    time.sleep(0.001)
slots = []
for _ in range(count):
    before = time.time()
    wait = limiter.reserve("shared", 5, 1.0, 1e9)
    slots.append([before + wait, time.time() + wait])
print(json.dumps({"slots": slots, "failing": limiter.failing}))
"""


def run_workers(uri: str, processes: int = 4, count: int = 15) -> List[List[float]]:
    start = time.time() + 1.0  # all begin together, once every interpreter is up
    workers = [
        subprocess.Popen([sys.executable, "-c", WORKER, uri, repr(start), str(count)], stdout=subprocess.PIPE)
        for _ in range(processes)
    ]
    slots: List[List[float]] = []
    for worker in workers:
        out, _ = worker.communicate(timeout=60)
        assert worker.returncode == 0
        answer = json.loads(out)
        assert not answer["failing"]
        slots += answer["slots"]
    return slots


def test_processes_sharing_a_folder_never_exceed_the_limit(folder: str) -> None:
    slots = run_workers("file://" + folder)
    assert len(slots) == 60
    assert in_any_window(slots, 1.0) == 5
    assert max(slots)[0] - min(slots)[0] > 10  # 60 slots, 5 a second: the processes waited for each other


def test_processes_sharing_a_redis_never_exceed_the_limit(redis_server: RedisServer) -> None:
    redis_server.client().flushall()
    slots = run_workers(redis_server.uri)
    assert len(slots) == 60
    assert in_any_window(slots, 1.0) == 5
    assert max(slots)[0] - min(slots)[0] > 10


def test_without_a_shared_store_processes_exceed_the_limit() -> None:
    slots = run_workers("memory://")
    assert in_any_window(slots, 1.0) == 4 * 5  # what several processes do today: each spends the whole limit


# -- keys ---------------------------------------------------------------------


def configured(storage: str, host: str = "https://api.codegen.com") -> Configuration:
    configuration = Configuration(host=host, access_token=TOKEN)
    configuration.rate_limit_storage = storage
    return configuration


def test_redis_keys_name_host_org_and_group_but_never_the_token(redis_server: RedisServer) -> None:
    client = redis_server.client()
    client.flushall()
    configuration = configured(redis_server.uri)
    budget_for(configuration, "create", 42).reserve()
    budget_for(configuration, "read", 42).pause(5)
    shared_values_for(configuration, 42).put("runs", '{"items": []}', 5)
    keys = sorted(key.decode() for key in client.keys("*"))
    assert len(keys) == 3
    assert all(key.startswith("codegen-agents:https://api.codegen.com:org=42:token=") for key in keys)
    assert [key.rsplit(":", 1)[1] for key in keys] == ["create", "pause", "runs"]
    for key in keys:
        assert TOKEN not in key and TOKEN not in repr(client.dump(key))
        assert 0 < client.pttl(key) <= 62_000  # every key goes away by itself


def test_folder_files_name_no_token(folder: str) -> None:
    configuration = configured("file://" + folder)
    budget_for(configuration, "read", 7).reserve()
    shared_values_for(configuration, 7).put("runs", "{}", 5)
    names = os.listdir(folder)
    assert len(names) == 2
    for name in names:
        with open(os.path.join(folder, name), encoding="utf-8") as file:
            assert TOKEN not in name and TOKEN not in file.read()


def test_each_organisation_and_token_has_its_own_budget() -> None:
    limit = LIMIT_GROUPS["create"][0]
    configuration = configured("memory://")
    for _ in range(limit):
        assert budget_for(configuration, "create", 1).try_reserve()
    assert not budget_for(configuration, "create", 1).try_reserve()
    assert budget_for(configuration, "create", 2).try_reserve()
    other = Configuration(host=configuration.host, access_token="another-token")
    assert budget_for(other, "create", 1).try_reserve()


def test_operations_are_grouped_as_the_api_counts_them() -> None:
    assert group_of("create_agent_run") == "create"
    assert group_of("get_agent_run_logs") == "logs"
    assert group_of("list_agent_runs") == "read"
    assert group_of("an_operation_added_later") == "read"
    assert LIMIT_GROUPS["read"] == (60, 30.0) and LIMIT_GROUPS["create"] == (10, 60.0)


# -- the setting ----------------------------------------------------------------


@pytest.mark.parametrize(
    "uri, problem",
    [
        ("file://relative/dir", "must name an absolute folder"),
        ("memcached://localhost:11211", "is not supported"),
        ("redis://localhost:6379/zero", "the database after the host must be a number"),
        ("redis://localhost:port", "is not a URI"),
        ("memory://somewhere", "takes nothing after it"),
    ],
)
def test_a_bad_storage_is_refused_when_set(uri: str, problem: str) -> None:
    with pytest.raises(ApiValueError, match=problem):
        Configuration().rate_limit_storage = uri


def test_a_storage_that_is_not_a_string_is_refused() -> None:
    with pytest.raises(ApiTypeError, match="must be a URI string"):
        Configuration().rate_limit_storage = None  # type: ignore[assignment]


def test_a_redis_password_is_masked_in_errors() -> None:
    with pytest.raises(ApiValueError) as raised:
        Configuration().rate_limit_storage = "redis://:hunter2@localhost/x"
    assert "hunter2" not in str(raised.value) and ":***@" in str(raised.value)


def test_redis_without_its_client_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "redis", None)  # what an environment without the package sees
    with pytest.raises(ImportError, match=r"pip install 'codegen-agents-client\[redis\]'"):
        Configuration().rate_limit_storage = "redis://localhost:6379/0"


def test_the_default_is_this_process() -> None:
    configuration = Configuration()
    assert configuration.rate_limit_storage == "memory://"
    configuration.rate_limit_storage = "file:///tmp"
    assert Configuration().rate_limit_storage == "memory://"


# -- a store that fails -----------------------------------------------------------


def warnings_of(caplog: pytest.LogCaptureFixture) -> List[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING and "rate-limit storage" in r.getMessage()]


def test_redis_stopped_then_back(redis_server: RedisServer, caplog: pytest.LogCaptureFixture) -> None:
    client = redis_server.client()
    client.flushall()
    limiter = shared.limiter_for(redis_server.uri)
    assert limiter.reserve("k", 2, 60.0, 1e9) == 0
    redis_server.stop()
    try:
        waits = [limiter.reserve("k", 2, 60.0, 1e9) for _ in range(3)]  # the process's own budget meanwhile
        assert waits[:2] == [0, 0] and waits[2] > 50
        time.sleep(0.3)
        assert limiter.reserve("k", 2, 60.0, 1e9) > 50  # tried again, still down
        assert limiter.failing
        assert len(warnings_of(caplog)) == 1
        assert "127.0.0.1" in warnings_of(caplog)[0]
    finally:
        redis_server.start()
    time.sleep(0.3)
    assert limiter.reserve("k", 2, 60.0, 1e9) == 0  # a fresh Redis: its budget is empty
    assert not limiter.failing
    assert client.zcard("k") == 1
    assert len(warnings_of(caplog)) == 1


def test_redis_unreachable(caplog: pytest.LogCaptureFixture) -> None:
    require_redis()
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]  # bound, never listening: connections are refused
        budget = budget_for(configured(f"redis://127.0.0.1:{port}/0"), "read", 1)
        started = time.monotonic()
        for _ in range(60):
            assert budget.reserve() == 0
        assert not budget.try_reserve()  # the fallback keeps the limit in this process
    assert time.monotonic() - started < 2
    assert len(warnings_of(caplog)) == 1


def test_redis_too_slow(redis_server: RedisServer, caplog: pytest.LogCaptureFixture) -> None:
    client = redis_server.client()
    client.flushall()
    limiter = shared.limiter_for(redis_server.uri)
    client.execute_command("CLIENT", "PAUSE", 1500, "ALL")  # Redis holds every command for 1.5 s
    started = time.monotonic()
    assert limiter.reserve("k", 5, 1.0, 1e9) == 0
    assert time.monotonic() - started < 1.0  # the short socket timeout, not Redis's pause
    assert limiter.failing and len(warnings_of(caplog)) == 1
    time.sleep(1.6)
    assert limiter.reserve("k", 5, 1.0, 1e9) == 0
    assert not limiter.failing


def test_a_missing_folder_then_created(folder: str, caplog: pytest.LogCaptureFixture) -> None:
    path = os.path.join(folder, "not-yet")
    configuration = configured("file://" + path)
    budget = budget_for(configuration, "create", 1)
    values = shared_values_for(configuration, 1)
    assert [budget.reserve() for _ in range(10)] == [0] * 10
    values.put("runs", "[]", 5)
    assert values.get("runs") == ("[]", pytest.approx(0, abs=0.1))  # kept by the process meanwhile
    assert len(warnings_of(caplog)) == 1 and "not-yet" in warnings_of(caplog)[0]
    os.mkdir(path)
    time.sleep(0.3)
    assert budget.reserve() == 0  # the folder is new and empty
    assert not budget.limiter.failing
    assert os.listdir(path)


READ_ONLY_WORKER = """
import json, logging, sys
logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
from openapi_client import Configuration
from openapi_client.rate_limits import budget_for, shared_values_for
configuration = Configuration(host="https://api.codegen.com", access_token="t")
configuration.rate_limit_storage = "file://" + sys.argv[1]
budget = budget_for(configuration, "create", 1)
waits = [budget.reserve() for _ in range(11)]
shared_values_for(configuration, 1).put("runs", "[]", 5)
print(json.dumps({"waits": waits, "failing": budget.limiter.failing}))
"""


def test_a_read_only_folder(folder: str) -> None:
    os.chmod(folder, 0o555)
    command = [sys.executable, "-c", READ_ONLY_WORKER, folder]
    if os.geteuid() == 0:  # root writes anywhere: the process that uses the folder runs without that power
        command = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--", *command]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["waits"][:10] == [0] * 10 and answer["waits"][10] > 50  # the process's own budget
    assert answer["failing"]
    assert done.stderr.count("WARNING rate-limit storage failed") == 1
    assert "Permission denied" in done.stderr
    assert os.listdir(folder) == []


def test_threads_of_one_process_share_a_folder(folder: str) -> None:
    limiter = RateLimiter(FileStorage(folder))
    slots: List[List[float]] = []
    lock = threading.Lock()

    def take() -> None:
        for _ in range(10):
            before = time.time()
            wait = limiter.reserve("k", 4, 1.0, 1e9)
            with lock:
                slots.append([before + wait, time.time() + wait])

    threads = [threading.Thread(target=take) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert in_any_window(slots, 1.0) == 4


def test_evenly_spaced_slots(storage: Storage) -> None:
    assert storage.reserve("k", 10, 5.0, 60.0, spacing=0.5) == pytest.approx(0, abs=0.05)
    assert storage.reserve("k", 10, 5.0, 60.0, spacing=0.5) == pytest.approx(0.5, abs=0.05)
    assert storage.reserve("k", 10, 5.0, 60.0) == pytest.approx(0.5, abs=0.05)  # after the latest, not before it
