"""Tests of openapi_client.testing.AgentApiEmulator over real sockets, with http.client only."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Dict, Iterator, List, Mapping, Optional, Tuple, Union

import pytest

from openapi_client.testing import AgentApiEmulator, Fault, RecordedRequest

REPO_ROOT = Path(__file__).resolve().parent.parent
RATE_LIMIT_BODY = {"message": "Rate limit exceeded. Please try again later.", "status_code": 429}
INT_MSG = "Input should be a valid integer, unable to parse string as an integer"


def _json_error(document: bytes) -> json.JSONDecodeError:
    try:
        json.loads(document)
    except json.JSONDecodeError as error:
        return error
    raise AssertionError(f"{document!r} is valid JSON")


class FakeClock:
    """A monotonic clock that only moves when told to."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class Reply:
    def __init__(self, response: http.client.HTTPResponse) -> None:
        self.status = response.status
        self.headers = response.headers
        self.body = response.read()

    def json(self) -> Any:
        assert self.headers["Content-Type"] == "application/json"
        return json.loads(self.body)


def call(
    emu: AgentApiEmulator,
    method: str,
    path: str,
    body: Union[bytes, Dict[str, Any], None] = None,
    *,
    token: Optional[str] = "default",
    headers: Optional[Mapping[str, str]] = None,
    conn: Optional[http.client.HTTPConnection] = None,
    timeout: float = 5.0,
) -> Reply:
    """One request; ``token="default"`` sends the emulator's own token, None sends none."""
    sent: Dict[str, str] = {}
    if token is not None:
        sent["Authorization"] = f"Bearer {emu.token if token == 'default' else token}"
    if isinstance(body, dict):
        body = json.dumps(body).encode()
        sent["Content-Type"] = "application/json"
    sent.update(headers or {})
    connection = conn or http.client.HTTPConnection("127.0.0.1", emu.port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=sent)
        return Reply(connection.getresponse())
    finally:
        if conn is None:
            connection.close()


def create(emu: AgentApiEmulator, prompt: str = "Fix the flaky test", org: Any = None, **kw: Any) -> Reply:
    return call(emu, "POST", f"/v1/organizations/{emu.org_id if org is None else org}/agent/run", {"prompt": prompt}, **kw)


def get(emu: AgentApiEmulator, run_id: Any, org: Any = None, **kw: Any) -> Reply:
    return call(emu, "GET", f"/v1/organizations/{emu.org_id if org is None else org}/agent/run/{run_id}", **kw)


@pytest.fixture
def emu() -> Iterator[AgentApiEmulator]:
    with AgentApiEmulator() as emulator:
        yield emulator


# -- lifecycle -------------------------------------------------------------


def test_start_stop_and_defaults() -> None:
    emulator = AgentApiEmulator()
    assert emulator.start() is emulator
    try:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", emulator.url)
        assert emulator.url.endswith(f":{emulator.port}")
        assert (emulator.token, emulator.org_id) == ("test-token", 1)
        assert create(emulator).status == 200
    finally:
        emulator.stop()
    emulator.stop()  # idempotent
    assert not emulator.running
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", emulator.port), timeout=1).close()


def test_with_pull_requests_every_unscripted_run_ends_with_one() -> None:
    with AgentApiEmulator(pull_requests=True) as emulator:
        emulator.script_next_run(final_status="FAILED")  # a scripted run keeps its own script: no PR
        scripted, plain = (create(emulator, prompt).json()["id"] for prompt in ("Scripted", "Fix the login bug"))
        runs = {run_id: [get(emulator, run_id).json() for _ in range(3)][-1] for run_id in (scripted, plain)}

    assert runs[scripted]["status"] == "FAILED" and runs[scripted]["github_pull_requests"] == []
    assert runs[plain]["status"] == "COMPLETE"
    (pull_request,) = runs[plain]["github_pull_requests"]
    assert pull_request["head_branch_name"] and re.search(r"/pull/\d+$", pull_request["url"])


def test_create_then_poll_pending_active_complete(emu: AgentApiEmulator) -> None:
    created = create(emu, "Add a README badge")
    assert created.status == 200
    run = created.json()
    assert run["status"] == "PENDING"
    assert run["organization_id"] == emu.org_id
    assert run["web_url"] == f"{emu.url}/agent/trace/{run['id']}"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", run["created_at"])
    assert run["result"] is None and run["summary"] is None
    assert run["source_type"] == "API" and run["github_pull_requests"] == [] and run["metadata"] is None

    first, second, third = (get(emu, run["id"]).json() for _ in range(3))
    assert first["status"] == "ACTIVE" and first["result"] is None
    assert second["status"] == "COMPLETE"
    assert "Add a README badge" in second["result"]
    assert isinstance(second["summary"], str)
    assert third == second  # the final state sticks
    assert create(emu).json()["id"] == run["id"] + 1
    assert emu.runs[run["id"]].polls == 3


def test_extra_fields_can_be_switched_off() -> None:
    with AgentApiEmulator(extra_fields=False) as emulator:
        run = create(emulator).json()
        assert set(run) == {"id", "organization_id", "status", "created_at", "web_url", "result"}


def test_poll_thresholds_are_configurable() -> None:
    with AgentApiEmulator(polls_to_active=2, polls_to_complete=4) as emulator:
        run_id = create(emulator).json()["id"]
        assert [get(emulator, run_id).json()["status"] for _ in range(4)] == ["PENDING", "ACTIVE", "ACTIVE", "COMPLETE"]


def test_time_driven_lifecycle() -> None:
    clock = FakeClock()
    with AgentApiEmulator(seconds_to_complete=10, clock=clock) as emulator:
        run_id = create(emulator).json()["id"]
        assert get(emulator, run_id).json()["status"] == "PENDING"
        clock.advance(5)
        assert get(emulator, run_id).json()["status"] == "ACTIVE"
        clock.advance(5)
        done = get(emulator, run_id).json()
        assert done["status"] == "COMPLETE" and done["result"]


@pytest.mark.parametrize("final", ["FAILED", "ERROR", "CANCELLED"])
def test_script_final_status(emu: AgentApiEmulator, final: str) -> None:
    emu.script_next_run(final_status=final)
    run_id = create(emu).json()["id"]
    get(emu, run_id)
    run = get(emu, run_id).json()
    assert run["status"] == final
    if final == "CANCELLED":
        assert run["result"] is None
    else:
        assert isinstance(run["result"], str) and run["result"]


def test_scripts_queue_one_per_run_and_custom_result(emu: AgentApiEmulator) -> None:
    emu.script_next_run("FAILED", result="Repository not found")
    emu.script_next_run(statuses=["PENDING", "ACTIVE", "EVALUATING", "PAUSED_FOR_REVIEW", "COMPLETE"], result="ok")
    failed, sequenced, plain = (create(emu).json()["id"] for _ in range(3))

    get(emu, failed)
    assert get(emu, failed).json()["result"] == "Repository not found"
    seen = [get(emu, sequenced).json()["status"] for _ in range(5)]
    assert seen == ["ACTIVE", "EVALUATING", "PAUSED_FOR_REVIEW", "COMPLETE", "COMPLETE"]
    assert get(emu, sequenced).json()["result"] == "ok"
    get(emu, plain)
    assert get(emu, plain).json()["status"] == "COMPLETE"


def test_set_run_status_and_runs_snapshot(emu: AgentApiEmulator) -> None:
    run_id = create(emu, "Bump deps").json()["id"]
    emu.set_run_status(run_id, "CANCELLED")
    assert get(emu, run_id).json()["status"] == "CANCELLED"
    emu.set_run_status(run_id, "COMPLETE", result="Bumped 3 packages")
    assert get(emu, run_id).json()["result"] == "Bumped 3 packages"
    snapshot = emu.runs[run_id]
    assert (snapshot.prompt, snapshot.status, snapshot.organization_id) == ("Bump deps", "COMPLETE", emu.org_id)
    with pytest.raises(KeyError):
        emu.set_run_status(999999, "COMPLETE")


def test_create_run_seeds_without_http(emu: AgentApiEmulator) -> None:
    seeded = emu.create_run("seeded")
    assert get(emu, seeded.id).json()["status"] == "ACTIVE"
    assert emu.requests[-1].method == "GET"


# -- auth, validation, routing ------------------------------------------------


def test_auth_errors(emu: AgentApiEmulator) -> None:
    emu.add_token("other-user", [2])
    emu.add_token("both", [1, 2])

    missing = create(emu, token=None)
    assert missing.status == 401 and missing.json()["status_code"] == 401 and missing.json()["message"]
    assert create(emu, headers={"Authorization": "Token test-token"}, token=None).status == 401
    assert create(emu, token="nope").json()["status_code"] == 401

    forbidden = create(emu, org=2)
    assert forbidden.status == 403
    assert forbidden.json()["status_code"] == 403 and forbidden.json()["message"]
    assert get(emu, 10001, org=2).status == 403

    not_found = get(emu, 424242)
    assert not_found.status == 404 and not_found.json()["status_code"] == 404
    other_org_run = create(emu, org=2, token="other-user").json()["id"]
    assert get(emu, other_org_run, token="both").status == 404  # right id, wrong org in the path
    assert get(emu, other_org_run, org=2, token="both").status == 200


def _detail(reply: Reply) -> List[Dict[str, Any]]:
    assert reply.status == 422
    detail: List[Dict[str, Any]] = reply.json()["detail"]
    return detail


def test_validation_of_path_parameters(emu: AgentApiEmulator) -> None:
    assert _detail(create(emu, org="abc")) == [
        {"type": "int_parsing", "loc": ["path", "org_id"], "msg": INT_MSG, "input": "abc"}
    ]
    both = _detail(get(emu, "x1", org="1.5"))
    assert [(e["loc"], e["input"]) for e in both] == [(["path", "agent_run_id"], "x1"), (["path", "org_id"], "1.5")]
    assert create(emu, org="01").json()["organization_id"] == 1  # pydantic's lax int parsing


@pytest.mark.parametrize(
    "body, content_type, expected",
    [
        (b"", "application/json", {"type": "missing", "loc": ["body"], "msg": "Field required", "input": None}),
        (b"null", "application/json", {"type": "missing", "loc": ["body"], "msg": "Field required", "input": None}),
        (b"{}", "application/json", {"type": "missing", "loc": ["body", "prompt"], "msg": "Field required", "input": {}}),
        (
            b'{"prompt": 5}',
            "application/json",
            {"type": "string_type", "loc": ["body", "prompt"], "msg": "Input should be a valid string", "input": 5},
        ),
        (
            b"[1]",
            "application/json",
            {
                "type": "model_attributes_type",
                "loc": ["body"],
                "msg": "Input should be a valid dictionary or object to extract fields from",
                "input": [1],
            },
        ),
        (
            b'{"prompt": "x",}',
            "application/json",
            {  # where and how the running Python's json module words it, as FastAPI reports it
                "type": "json_invalid",
                "loc": ["body", _json_error(b'{"prompt": "x",}').pos],
                "msg": "JSON decode error",
                "input": {},
                "ctx": {"error": _json_error(b'{"prompt": "x",}').msg},
            },
        ),
        (
            b"prompt=x",
            "text/plain",
            {
                "type": "model_attributes_type",
                "loc": ["body"],
                "msg": "Input should be a valid dictionary or object to extract fields from",
                "input": "prompt=x",
            },
        ),
    ],
)
def test_validation_of_the_body(emu: AgentApiEmulator, body: bytes, content_type: str, expected: Dict[str, Any]) -> None:
    reply = call(emu, "POST", "/v1/organizations/1/agent/run", body, headers={"Content-Type": content_type})
    assert _detail(reply) == [expected]
    assert emu.runs == {}


def test_validation_reports_path_and_body_errors_together(emu: AgentApiEmulator) -> None:
    detail = _detail(call(emu, "POST", "/v1/organizations/abc/agent/run", {"prompt": None}))
    assert [e["loc"] for e in detail] == [["path", "org_id"], ["body", "prompt"]]


def test_undecodable_body_is_400_like_fastapi(emu: AgentApiEmulator) -> None:
    reply = call(emu, "POST", "/v1/organizations/1/agent/run", b'{"prompt": "\xff"}', headers={"Content-Type": "application/json"})
    assert (reply.status, reply.json()) == (400, {"detail": "There was an error parsing the body"})


def test_routing_errors(emu: AgentApiEmulator) -> None:
    unknown = call(emu, "GET", "/v1/organizations/1/agents")
    assert (unknown.status, unknown.json()) == (404, {"detail": "Not Found"})
    wrong = call(emu, "DELETE", "/v1/organizations/1/agent/run/5")
    assert (wrong.status, wrong.json(), wrong.headers["Allow"]) == (405, {"detail": "Method Not Allowed"}, "GET")
    assert call(emu, "GET", "/v1/organizations/1/agent/run").headers["Allow"] == "POST"
    head = call(emu, "HEAD", "/v1/organizations/1/agent/run/5")
    assert head.status == 405 and head.body == b""
    slash = call(emu, "POST", "/v1/organizations/1/agent/run/", {"prompt": "x"})
    assert slash.status == 307
    assert slash.headers["Location"] == f"http://127.0.0.1:{emu.port}/v1/organizations/1/agent/run"


def test_order_of_checks(emu: AgentApiEmulator) -> None:
    assert create(emu, org="abc", token="unknown").status == 401  # 401 before 422
    assert create(emu, org=99).status == 403
    assert call(emu, "POST", "/v1/organizations/99/agent/run", b"{}").status == 422  # 422 before 403
    assert get(emu, 123456, org=99).status == 403  # 403 before 404


# -- rate limits -------------------------------------------------------------


def test_create_rate_limit_per_token_with_retry_after() -> None:
    clock = FakeClock()
    with AgentApiEmulator(create_limit=(2, 60.0), clock=clock, tokens={"a": [1], "b": [1]}) as emulator:
        assert [create(emulator).status for _ in range(2)] == [200, 200]
        clock.advance(20)
        limited = create(emulator)
        assert (limited.status, limited.json(), limited.headers["Retry-After"]) == (429, RATE_LIMIT_BODY, "40")
        assert create(emulator, token="b").status == 200  # per token
        assert create(emulator, token=None).status == 401  # own bucket when no token is sent
        assert get(emulator, 10001).status == 200  # reads have their own limit
        clock.advance(40)
        assert create(emulator).status == 200


def test_read_rate_limit_comes_before_auth() -> None:
    clock = FakeClock()
    with AgentApiEmulator(read_limit=(3, 30.0), clock=clock) as emulator:
        statuses = [get(emulator, 1, token="bad").status for _ in range(4)]
        assert statuses == [401, 401, 401, 429]
        clock.advance(29.5)
        assert get(emulator, 1, token="bad").headers["Retry-After"] == "1"  # never below 1


def test_rate_limits_can_be_switched_off() -> None:
    with AgentApiEmulator(rate_limits=False) as emulator:
        assert {create(emulator).status for _ in range(15)} == {200}


# -- faults --------------------------------------------------------------------


def test_fault_status_burst_then_recovery(emu: AgentApiEmulator) -> None:
    emu.inject(Fault.status(503), times=2)
    assert emu.pending_faults == 2
    first, second, third = (create(emu) for _ in range(3))
    assert (first.status, first.json()) == (503, {"message": "Service Unavailable", "status_code": 503})
    assert second.status == 503 and third.status == 200
    assert len(emu.runs) == 1  # faulted requests never reached the API
    assert [r.fault for r in emu.requests] == [Fault.status(503), Fault.status(503), None]


def test_fault_status_with_custom_body_and_headers(emu: AgentApiEmulator) -> None:
    emu.inject(Fault.status(502, body="<html>bad gateway</html>", headers={"Content-Type": "text/html"}))
    reply = call(emu, "GET", "/v1/organizations/1/agent/run/1")
    assert (reply.status, reply.body) == (502, b"<html>bad gateway</html>")
    assert reply.headers.get_all("Content-Type") == ["text/html"]


def test_fault_rate_limited_seconds_and_http_date(emu: AgentApiEmulator) -> None:
    emu.inject(Fault.rate_limited("3"))
    emu.inject(Fault.status(429, headers={"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}))
    seconds, dated = create(emu), create(emu)
    assert (seconds.status, seconds.json(), seconds.headers["Retry-After"]) == (429, RATE_LIMIT_BODY, "3")
    assert dated.json() == RATE_LIMIT_BODY and dated.headers["Retry-After"] == "Wed, 21 Oct 2015 07:28:00 GMT"


def test_fault_matching_by_method_and_path(emu: AgentApiEmulator) -> None:
    run_id = create(emu).json()["id"]
    emu.inject(Fault.status(500), method="POST")
    emu.inject(Fault.status(504), path=f"/v1/organizations/1/agent/run/{run_id}")
    assert get(emu, run_id).status == 504
    assert get(emu, run_id).status == 200
    assert create(emu).status == 500
    emu.inject(Fault.status(500), times=5)
    emu.clear_faults()
    assert emu.pending_faults == 0 and create(emu).status == 200


def test_fault_close_before_response(emu: AgentApiEmulator) -> None:
    emu.inject(Fault.close_before_response())
    with pytest.raises(http.client.RemoteDisconnected):
        create(emu, "never created")
    assert emu.runs == {}
    assert emu.requests[-1].json() == {"prompt": "never created"}


def test_fault_close_mid_response(emu: AgentApiEmulator) -> None:
    emu.inject(Fault.close_mid_response())
    with pytest.raises(http.client.IncompleteRead) as caught:
        create(emu)
    assert 0 < len(caught.value.partial) and (caught.value.expected or 0) > 0
    assert len(emu.runs) == 1  # the server did the work; the answer was lost


def test_fault_stall_times_out_client_without_blocking_others(emu: AgentApiEmulator) -> None:
    emu.inject(Fault.stall(1.0), method="POST")
    started = time.monotonic()
    with pytest.raises(socket.timeout):
        create(emu, timeout=0.3)
    assert get(emu, 1).status == 404  # served while the stalled request still waits
    assert time.monotonic() - started < 0.9
    emu.inject(Fault.stall(0.2))
    assert create(emu).status == 200


def test_stop_ends_stalled_requests_promptly() -> None:
    emulator = AgentApiEmulator().start()
    emulator.inject(Fault.stall(30))
    outcome: List[BaseException] = []

    def stalled() -> None:
        try:
            create(emulator, timeout=10)
        except BaseException as exc:  # noqa: BLE001 - recorded for the assertion
            outcome.append(exc)

    thread = threading.Thread(target=stalled)
    thread.start()
    time.sleep(0.2)
    started = time.monotonic()
    emulator.stop()
    thread.join(5)
    assert time.monotonic() - started < 1.5
    assert outcome and isinstance(outcome[0], (http.client.RemoteDisconnected, ConnectionError))


def test_fault_body(emu: AgentApiEmulator) -> None:
    emu.inject(Fault.body(b"not json at all", content_type="text/plain"))
    emu.inject(Fault.body(b'{"unexpected": "shape"}'))
    emu.inject(Fault.body(b"x" * 3_000_000, status=500))
    weird = create(emu)
    assert (weird.status, weird.body, weird.headers["Content-Type"]) == (200, b"not json at all", "text/plain")
    assert create(emu).json() == {"unexpected": "shape"}
    huge = create(emu)
    assert huge.status == 500 and len(huge.body) == 3_000_000


def test_fault_redirect(emu: AgentApiEmulator) -> None:
    emu.inject(Fault.redirect("http://127.0.0.1:9/elsewhere", status=307))
    reply = create(emu)
    assert (reply.status, reply.headers["Location"], reply.body) == (307, "http://127.0.0.1:9/elsewhere", b"")


def test_fault_reset(emu: AgentApiEmulator) -> None:
    emu.inject(Fault.reset())
    with pytest.raises(ConnectionResetError):
        create(emu)
    assert emu.runs == {}


def test_fault_factories_validate_arguments() -> None:
    with pytest.raises(ValueError):
        Fault.redirect("http://x", status=200)
    with pytest.raises(ValueError):
        Fault.stall(-1)
    with pytest.raises(ValueError):
        AgentApiEmulator().inject(Fault.reset(), times=0)


# -- request log, transport ---------------------------------------------------


def test_request_log(emu: AgentApiEmulator) -> None:
    create(emu, "log me", headers={"X-Request-Id": "abc"})
    get(emu, "nope")
    logged: RecordedRequest = emu.requests[0]
    assert (logged.method, logged.path) == ("POST", "/v1/organizations/1/agent/run")
    assert logged.headers["authorization"] == "Bearer test-token"
    assert logged.headers["AUTHORIZATION"] == logged.headers["Authorization"]
    assert "x-request-id" in logged.headers and logged.token == "test-token"
    assert logged.json() == {"prompt": "log me"} and logged.body == b'{"prompt": "log me"}'
    assert emu.requests[1].path == "/v1/organizations/1/agent/run/nope"
    emu.clear_requests()
    assert emu.requests == []


def test_keep_alive_and_content_length(emu: AgentApiEmulator) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", emu.port, timeout=5)
    replies = [create(emu, conn=conn), get(emu, 10001, conn=conn), call(emu, "GET", "/nope", conn=conn)]
    assert [r.status for r in replies] == [200, 200, 404]
    assert all(int(r.headers["Content-Length"]) == len(r.body) for r in replies)
    assert emu.open_connections == 1
    started = time.monotonic()
    emu.stop()  # an idle keep-alive connection must not hold stop up
    assert time.monotonic() - started < 1.0
    conn.close()


def test_chunked_request_body(emu: AgentApiEmulator) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", emu.port, timeout=5)
    chunks = iter([b'{"prompt": ', b'"chunked"}'])
    conn.request("POST", "/v1/organizations/1/agent/run", body=chunks, encode_chunked=True,
                 headers={"Authorization": "Bearer test-token", "Content-Type": "application/json"})
    assert conn.getresponse().status == 200
    conn.close()
    assert emu.requests[-1].json() == {"prompt": "chunked"}


def test_concurrent_clients() -> None:
    emulator = AgentApiEmulator(rate_limits=False).start()
    run_id = emulator.create_run().id
    failures: List[Tuple[int, bytes]] = []

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", emulator.port, timeout=5)
        for _ in range(100):
            reply = get(emulator, run_id, conn=conn)
            if reply.status != 200:
                failures.append((reply.status, reply.body))
        conn.close()

    threads = [threading.Thread(target=client) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    emulator.stop()
    assert failures == []
    assert emulator.runs[run_id].polls == 1600
    assert not [t for t in threading.enumerate() if t.name.startswith("AgentApiEmulator")]


def test_idle_keep_alive_connections_are_closed_after_idle_timeout() -> None:
    with AgentApiEmulator(idle_timeout=0.2) as emulator:
        conn = http.client.HTTPConnection("127.0.0.1", emulator.port, timeout=5)
        assert create(emulator, conn=conn).status == 200
        time.sleep(0.4)
        assert emulator.open_connections == 0
        conn.close()


def test_malformed_requests_get_400_and_the_connection_closed(emu: AgentApiEmulator) -> None:
    with socket.create_connection(("127.0.0.1", emu.port), timeout=5) as raw:
        raw.sendall(b"POST /v1/organizations/1/agent/run HTTP/1.1\r\nHost: x\r\nContent-Length: ten\r\n\r\n")
        answer = raw.makefile("rb").read()
    assert answer.startswith(b"HTTP/1.1 400 ") and b"Connection: close" in answer
    with socket.create_connection(("127.0.0.1", emu.port), timeout=5) as raw:
        raw.sendall(b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\n\r\n")
        assert raw.makefile("rb").readline().startswith(b"HTTP/1.1 414 ")


def test_headers_are_case_insensitive_and_keep_repeats(emu: AgentApiEmulator) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", emu.port, timeout=5)
    conn.putrequest("GET", "/v1/organizations/1/agent/run/1")
    conn.putheader("X-Tag", "a")
    conn.putheader("x-tag", "b")
    conn.endheaders()
    conn.getresponse().read()
    conn.close()
    headers = emu.requests[-1].headers
    assert headers["X-TAG"] == "a, b" and ("X-Tag", "a") in headers.raw and ("x-tag", "b") in headers.raw
    assert object() not in headers and emu.requests[-1].token is None


def test_restart_keeps_port_and_state() -> None:
    emulator = AgentApiEmulator()
    with pytest.raises(RuntimeError):
        emulator.url
    with emulator:
        url = emulator.url
        run_id = create(emulator).json()["id"]
        with pytest.raises(RuntimeError):
            emulator.start()
    with emulator:
        assert emulator.url == url and get(emulator, run_id).status == 200
    assert "stopped" in repr(emulator)


def test_argument_validation() -> None:
    with pytest.raises(ValueError):
        AgentApiEmulator(tokens={"lonely": []})
    with pytest.raises(ValueError):
        AgentApiEmulator(tokens={})
    with pytest.raises(ValueError):
        AgentApiEmulator().add_token("has space", [1])
    with pytest.raises(ValueError):
        AgentApiEmulator(polls_to_complete=-1)
    with pytest.raises(ValueError):
        AgentApiEmulator(create_limit=(0, 60.0))
    with pytest.raises(ValueError):
        AgentApiEmulator().script_next_run(statuses=[])
    with pytest.raises(ValueError):
        Fault.status(42)
    with pytest.raises(TypeError):
        Fault.body("text")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Fault.stall(1).response()
    with pytest.raises(TypeError):
        AgentApiEmulator().inject("500")  # type: ignore[arg-type]


# -- command line ------------------------------------------------------------


def test_serve_in_process() -> None:
    from openapi_client.testing.__main__ import serve

    done, out = threading.Event(), _Lines()
    codes: List[int] = []
    thread = threading.Thread(target=lambda: codes.append(serve(["--port", "0", "--no-rate-limits"], done, out)))
    thread.start()
    url = out.wait_for("listening on ").rsplit(" ", 1)[-1]
    host, port = url[len("http://"):].split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=5)
    conn.request("GET", "/v1/organizations/1/agent/run/1", headers={"Authorization": "Bearer test-token"})
    assert conn.getresponse().status == 404
    conn.close()
    done.set()
    thread.join(5)
    assert codes == [0] and "Stopped." in out.text


@pytest.mark.parametrize("polls, statuses", [(1, ["COMPLETE"]), (3, ["ACTIVE", "ACTIVE", "COMPLETE"])])
def test_polls_to_complete_from_the_command_line(polls: int, statuses: List[str]) -> None:
    with served(["--no-rate-limits", "--polls-to-complete", str(polls)]) as conn:
        conn.request("POST", "/v1/organizations/1/agent/run", body=b'{"prompt": "x"}', headers=CLI_AUTH)
        run_id = json.loads(conn.getresponse().read())["id"]
        seen = []
        for _ in statuses:
            conn.request("GET", f"/v1/organizations/1/agent/run/{run_id}", headers=CLI_AUTH)
            seen.append(json.loads(conn.getresponse().read())["status"])
    assert seen == statuses


CLI_AUTH = {"Authorization": "Bearer test-token", "Content-Type": "application/json"}


@contextlib.contextmanager
def served(argv: List[str]) -> Iterator[http.client.HTTPConnection]:
    """``python -m openapi_client.testing --port 0 <argv>`` in-process, and a connection to it."""
    from openapi_client.testing.__main__ import serve

    done, out = threading.Event(), _Lines()
    thread = threading.Thread(target=serve, args=(["--port", "0", *argv], done, out))
    thread.start()
    try:
        host, port = out.wait_for("listening on ").rsplit("//", 1)[-1].split(":")
        conn = http.client.HTTPConnection(host, int(port), timeout=5)
        yield conn
        conn.close()
    finally:
        done.set()
        thread.join(5)


def test_polls_to_complete_below_one_is_a_usage_error() -> None:
    from openapi_client.testing.__main__ import serve

    assert serve(["--port", "0", "--polls-to-complete", "0"], threading.Event(), _Lines()) == 2


class _Lines:
    """A thread-safe text sink that can wait for a line."""

    def __init__(self) -> None:
        self.text = ""
        self._changed = threading.Condition()

    def write(self, data: str) -> int:
        with self._changed:
            self.text += data
            self._changed.notify_all()
        return len(data)

    def flush(self) -> None:
        pass

    def wait_for(self, marker: str) -> str:
        with self._changed:
            assert self._changed.wait_for(lambda: marker in self.text, timeout=5)
            return next(line for line in self.text.splitlines() if marker in line)



def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM])
def test_command_line(stop_signal: int) -> None:
    port = _free_port()
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO_ROOT), os.environ.get("PYTHONPATH", "")]))
    proc = subprocess.Popen(
        [sys.executable, "-m", "openapi_client.testing", "--port", str(port), "--token", "cli-token", "--org-id", "7"],
        cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert proc.stdout is not None
        banner = [proc.stdout.readline() for _ in range(3)]
        assert f"http://127.0.0.1:{port}" in banner[0]
        assert "cli-token" in banner[1] and "7" in banner[2]
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        conn.request("POST", "/v1/organizations/7/agent/run", body=b'{"prompt": "cli"}',
                     headers={"Authorization": "Bearer cli-token", "Content-Type": "application/json"})
        response = conn.getresponse()
        assert (response.status, json.loads(response.read())["organization_id"]) == (200, 7)
        conn.close()
    finally:
        proc.send_signal(stop_signal)
        out, err = proc.communicate(timeout=10)
    assert proc.returncode == 0
    assert "Traceback" not in err
