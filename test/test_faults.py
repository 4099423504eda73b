"""Errors that say what happened: faults injected over real sockets and what each call raises.

Rate limits, dropped and reset connections, stalls past the timeouts,
bodies that are not JSON, have the wrong shape or never end, redirects
that loop or leave http(s): each ends in a typed `ApiException` with the
status, the body's first bytes and what the SDK tried.
"""

from __future__ import annotations

import email.utils
import gzip
import json
import socket
import threading
import time
from typing import Any, Callable, Dict, Iterator, List, Sequence, Tuple

import pytest
import urllib3
from urllib3._collections import HTTPHeaderDict  # in urllib3 1 and 2 alike

from openapi_client import (
    AgentsApi,
    ApiClient,
    ApiConnectionError,
    ApiException,
    ApiTimeoutError,
    ApiValueError,
    Configuration,
    ResponseDecodeError,
    TooManyRequestsException,
)
from openapi_client.configuration import DEFAULT_MAX_RESPONSE_BYTES
from openapi_client.exceptions import ApiRedirectError, NotFoundException, ResponseTooLargeError, ServiceException
from openapi_client.rest import RESTClientObject
from openapi_client.testing import AgentApiEmulator, Fault

from .faultkit import (  # noqa: F401 - fast_api is a fixture
    Piece,
    RawServer,
    client_for,
    closed_port,
    fast_api,
    http_response,
    run_id_of,
    run_json,
    seen,
)

RUN = {"id": 10001, "organization_id": 1, "status": "COMPLETE", "web_url": "https://app.codegen.com/agent/trace/10001"}


def get(api: AgentsApi, emu: AgentApiEmulator, **kwargs: Any) -> Any:
    return api.get_agent_run(emu.create_run().id, emu.org_id, **kwargs)


def create(api: AgentsApi, emu: AgentApiEmulator, **kwargs: Any) -> Any:
    return api.create_agent_run(emu.org_id, {"prompt": "Fix the flaky test"}, **kwargs)


# -- 429 --------------------------------------------------------------------------------


def test_429_raises_too_many_requests_with_retry_after_in_seconds(
    agents_api: AgentsApi, emulator: AgentApiEmulator
) -> None:
    emulator.inject(Fault.rate_limited("7"))
    with pytest.raises(TooManyRequestsException) as caught:
        create(agents_api, emulator)
    error = caught.value
    assert isinstance(error, ApiException)
    assert error.status == 429
    assert error.retry_after == 7.0
    assert "Rate limit exceeded" in (error.body or "")


def test_429_retry_after_as_http_date_is_given_in_seconds(agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    emulator.inject(Fault.rate_limited(email.utils.formatdate(time.time() + 120, usegmt=True)))
    with pytest.raises(TooManyRequestsException) as caught:
        get(agents_api, emulator)
    assert caught.value.retry_after is not None and 115 <= caught.value.retry_after <= 120


def test_429_without_retry_after(agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    emulator.inject(Fault.rate_limited(None))
    with pytest.raises(TooManyRequestsException) as caught:
        get(agents_api, emulator)
    assert caught.value.retry_after is None


# -- connection failures and timeouts ---------------------------------------------------


@pytest.mark.parametrize(
    "fault, error_type, words",
    [
        (Fault.close_before_response, ApiConnectionError, "the server closed the connection without answering"),
        (Fault.close_mid_response, ApiConnectionError, "the connection closed in the middle of the response"),
        (Fault.reset, ApiConnectionError, "the connection was reset"),
        (lambda: Fault.stall(1), ApiTimeoutError, "no response within the read timeout (0.2 s)"),
    ],
    ids=["closed before", "closed mid-response", "reset", "stall"],
)
def test_transport_failures_have_status_0_and_name_host_operation_attempts(
    emulator: AgentApiEmulator, fault: Callable[[], Fault], error_type: type, words: str
) -> None:
    emulator.inject(fault(), times=2, method="GET")
    with client_for(emulator, retries=1) as api, pytest.raises(error_type) as caught:
        get(api, emulator, _request_timeout=(1, 0.2))
    error = caught.value
    assert isinstance(error, ApiException)
    assert error.status == 0
    assert error.host == f"127.0.0.1:{emulator.port}"
    assert error.operation == "get_agent_run"
    assert error.attempts == 2 and seen(emulator) == 2
    text = str(error)
    assert text.startswith(f"get_agent_run (GET http://127.0.0.1:{emulator.port}/v1/organizations/1/agent/run/")
    assert "failed after 2 attempts: " + words in text


def test_connection_refused_names_the_host() -> None:
    port = closed_port()
    config = Configuration(host=f"http://127.0.0.1:{port}", access_token="t", retries=0)
    with ApiClient(config) as client, pytest.raises(ApiConnectionError) as caught:
        AgentsApi(client).get_agent_run(1, 1)
    assert caught.value.status == 0
    assert str(caught.value) == (
        f"get_agent_run (GET http://127.0.0.1:{port}/v1/organizations/1/agent/run/1) failed after 1 attempt:"
        " could not connect: [Errno 111] Connection refused"
    )


FAULTS: Dict[str, Callable[[], Fault]] = {
    "400": lambda: Fault.status(400),
    "401": lambda: Fault.status(401),
    "404": lambda: Fault.status(404),
    "429": Fault.rate_limited,
    "500": lambda: Fault.status(500),
    "503": lambda: Fault.status(503),
    "closed before": Fault.close_before_response,
    "closed mid-response": Fault.close_mid_response,
    "reset": Fault.reset,
    "stall": lambda: Fault.stall(1),
    "not JSON": lambda: Fault.body(b"<html>502 Bad Gateway</html>", "text/html"),
    "wrong shape": lambda: Fault.body(b'{"id": "x"}'),
    "redirect to ftp": lambda: Fault.redirect("ftp://127.0.0.1/run"),
}


@pytest.mark.parametrize("operation", [get, create], ids=["get", "create"])
@pytest.mark.parametrize("fault", FAULTS.values(), ids=FAULTS.keys())
def test_except_api_exception_catches_every_failure(
    agents_api: AgentsApi, emulator: AgentApiEmulator, fault: Callable[[], Fault], operation: Callable[..., Any]
) -> None:
    emulator.inject(fault())
    with pytest.raises(ApiException):
        operation(agents_api, emulator, _request_timeout=(1, 0.2))


# -- timeouts -------------------------------------------------------------------------------


def test_default_timeouts_are_10_s_to_connect_and_60_s_to_read() -> None:
    assert Configuration().timeout == (10.0, 60.0)


def test_configuration_timeout_ends_a_stall(emulator: AgentApiEmulator) -> None:
    emulator.inject(Fault.stall(3))
    with client_for(emulator, retries=0, timeout=(1, 0.3)) as api:
        started = time.monotonic()
        with pytest.raises(ApiTimeoutError, match=r"no response within the read timeout \(0\.3 s\)"):
            get(api, emulator)
    assert time.monotonic() - started < 1.5


@pytest.mark.parametrize(
    "timeout", [0.3, (1, 0.3), urllib3.Timeout(connect=1, read=0.3)], ids=["total", "pair", "urllib3.Timeout"]
)
def test_per_call_request_timeout_ends_a_stall(agents_api: AgentsApi, emulator: AgentApiEmulator, timeout: Any) -> None:
    emulator.inject(Fault.stall(3))
    started = time.monotonic()
    with pytest.raises(ApiTimeoutError):
        create(agents_api, emulator, _request_timeout=timeout)
    assert time.monotonic() - started < 1.5


def test_per_call_request_timeout_wins_over_the_configuration(emulator: AgentApiEmulator) -> None:
    emulator.inject(Fault.stall(0.5))
    with client_for(emulator, retries=0, timeout=(1, 0.1)) as api:
        run = get(api, emulator, _request_timeout=(1, 3))
    assert run.id in emulator.runs


@pytest.mark.parametrize("timeout", [-1, 0, "10", True, (1, 2, 3), (1, -2)])
def test_a_bad_request_timeout_fails_before_sending(
    agents_api: AgentsApi, emulator: AgentApiEmulator, timeout: Any
) -> None:
    with pytest.raises(ValueError, match="_request_timeout"):
        create(agents_api, emulator, _request_timeout=timeout)
    assert seen(emulator) == 0


@pytest.mark.parametrize("timeout", [-1, 0, float("nan"), "10", True, (1, 2, 3), (1, -2)])
def test_a_bad_configuration_timeout_fails_before_sending(emulator: AgentApiEmulator, timeout: Any) -> None:
    with client_for(emulator, timeout=timeout) as api, pytest.raises(ApiValueError, match=r"Configuration\.timeout"):
        create(api, emulator)
    assert seen(emulator) == 0


# -- one number bounds the whole call ----------------------------------------------------------


def raw_client(server: RawServer, **settings: Any) -> ApiClient:
    config = Configuration(host=server.url, access_token="t")
    for name, value in settings.items():
        setattr(config, name, value)
    return ApiClient(config)


def trickled(body: bytes, pause: float) -> List[Piece]:
    """`body`'s bytes one at a time, `pause` seconds apart."""
    pieces: List[Piece] = []
    for byte in body:
        pieces += [bytes([byte]), pause]
    return pieces


def slow_body(number: int, request: bytes) -> Sequence[Piece]:
    # The headers at once, then the body a byte every 0.25 s: 25 s or more in all.
    body = run_json(run_id_of(request) or 7)
    return [http_response(200, body)[: -len(body)], *trickled(body, 0.25)]


@pytest.mark.parametrize("operation", ["get", "create"])
def test_a_body_sent_slowly_ends_at_the_single_number_timeout(operation: str) -> None:
    with RawServer(slow_body) as server, raw_client(server) as client:
        api = AgentsApi(client)
        started = time.monotonic()
        with pytest.raises(ApiTimeoutError) as caught:
            if operation == "get":
                api.get_agent_run(5, 1, _request_timeout=2.0)
            else:
                api.create_agent_run(1, {"prompt": "p"}, _request_timeout=2.0)
        elapsed = time.monotonic() - started
    assert 1.9 <= elapsed < 3.5
    error = caught.value
    assert (error.status, error.attempts) == (0, 1)  # no time was left for a retry of the GET
    assert len(server.requests) == 1
    assert error.may_have_acted is (operation == "create")
    assert "did not complete within its timeout (2 s, which bounds the whole call" in str(error)


def test_a_body_that_never_ends_is_cut_at_the_configured_timeout() -> None:
    def endless(number: int, request: bytes) -> Sequence[Piece]:
        head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        return [head, b"1\r\n[\r\n", *([0.05, b"1\r\n \r\n"] * 100_000)]

    with RawServer(endless) as server, raw_client(server, timeout=1.0, retries=0) as client:
        started = time.monotonic()
        with pytest.raises(ApiTimeoutError, match=r"within its timeout \(1 s"):
            AgentsApi(client).get_agent_run(5, 1)
    assert time.monotonic() - started < 2.5


def test_retries_and_their_waits_fit_in_one_deadline() -> None:
    # Every answer is a 503 asking for a 1 s wait; the default policy would try 4 times over 3 s.
    unavailable = http_response(503, b'{"message": "busy"}', {"Retry-After": "1"})
    with RawServer(lambda number, request: [unavailable]) as server, raw_client(server) as client:
        started = time.monotonic()
        with pytest.raises(ServiceException) as caught:
            AgentsApi(client).get_agent_run(5, 1, _request_timeout=2.5)
        elapsed = time.monotonic() - started
    assert caught.value.status == 503 and caught.value.attempts == 3 == len(server.requests)
    assert elapsed < 2.5  # the third wait would have ended past the deadline: not taken


def test_stalls_retried_within_one_deadline_raise_at_the_deadline() -> None:
    # A server that never answers: 4 attempts of 1.5 s each before; now 1.5 s for all of them.
    with RawServer(lambda number, request: [30.0]) as server, raw_client(server) as client:
        started = time.monotonic()
        with pytest.raises(ApiTimeoutError, match="which bounds the whole call") as caught:
            AgentsApi(client).get_agent_run(5, 1, _request_timeout=1.5)
        elapsed = time.monotonic() - started
    assert 1.4 <= elapsed < 2.5
    assert caught.value.attempts == 1 and not caught.value.may_have_acted


def test_a_urllib3_timeout_with_total_and_read_bounds_both(emulator: AgentApiEmulator) -> None:
    emulator.inject(Fault.stall(3))
    with client_for(emulator, retries=0, timeout=urllib3.Timeout(total=5, read=0.3)) as api:
        started = time.monotonic()
        with pytest.raises(ApiTimeoutError, match=r"no response within the read timeout \(0\.3 s\)"):
            get(api, emulator)
    assert time.monotonic() - started < 1.5


def test_a_request_body_the_server_does_not_read_ends_at_the_single_number_timeout() -> None:
    # The kernel accepts the connection, but nobody reads: sending blocks once its buffers fill.
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        rest = RESTClientObject(Configuration(retries=0))
        started = time.monotonic()
        with pytest.raises(ApiTimeoutError, match="which bounds the whole call") as caught:
            rest.request(
                "POST", f"http://127.0.0.1:{listener.getsockname()[1]}/v1/x", body=b"x" * 32_000_000,
                headers={"Content-Type": "application/octet-stream"}, _request_timeout=1.0,
            )
    assert 0.9 <= time.monotonic() - started < 2.5
    assert caught.value.may_have_acted  # part of a POST went out


def test_a_connect_read_pair_bounds_each_phase_not_the_call() -> None:
    # Pieces 0.3 s apart, 1.8 s in all: within a 0.5 s read timeout each time.
    def paced(number: int, request: bytes) -> Sequence[Piece]:
        whole = http_response(200, run_json(run_id_of(request)))
        pieces: List[Piece] = []
        for start in range(0, len(whole), len(whole) // 6 + 1):
            pieces += [whole[start : start + len(whole) // 6 + 1], 0.3]
        return pieces

    with RawServer(paced) as server, raw_client(server, retries=0) as client:
        started = time.monotonic()
        assert AgentsApi(client).get_agent_run(5, 1, _request_timeout=(1, 0.5)).id == 5
        assert time.monotonic() - started > 1.5


# -- error bodies in any charset ------------------------------------------------------------


@pytest.mark.parametrize("operation", [get, create], ids=["get", "create"])
@pytest.mark.parametrize(
    "status, content_type, error_type",
    [
        (404, "application/octet-stream; charset=binary", NotFoundException),
        (503, "text/html; charset=unknown-8bit", ServiceException),
        (500, 'text/plain; charset="base64"', ServiceException),
    ],
    ids=["404 binary", "503 unknown-8bit", "500 base64"],
)
def test_an_error_body_in_an_unknown_charset_is_still_a_typed_error(
    agents_api: AgentsApi,
    emulator: AgentApiEmulator,
    status: int,
    content_type: str,
    error_type: type,
    operation: Callable[..., Any],
) -> None:
    emulator.inject(Fault.status(status, b"<h1>gone \xff\xfe away</h1>", {"Content-Type": content_type}))
    with pytest.raises(error_type) as caught:
        operation(agents_api, emulator, _retries=0)
    error = caught.value
    assert isinstance(error, ApiException)
    assert error.status == status
    assert error.body == "<h1>gone \ufffd\ufffd away</h1>"  # read as UTF-8, with replacement
    assert error.may_have_acted is (status >= 500 and operation is create)


def test_a_success_body_in_an_unknown_charset_is_read_as_utf_8(agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    emulator.inject(Fault.body(json.dumps({**RUN, "result": "d\u00e9j\u00e0"}).encode(), "application/json; charset=unknown-8bit"))
    assert get(agents_api, emulator).result == "d\u00e9j\u00e0"


# -- interim answers and stray bytes ------------------------------------------------------


@pytest.mark.parametrize("together", [False, True], ids=["alone", "in one packet"])
def test_interim_answers_are_skipped_and_never_answer_the_next_call(together: bool) -> None:
    interim = [
        b"HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n",
        b"HTTP/1.1 100 Continue\r\n\r\n",
    ]

    def answer(number: int, request: bytes) -> Sequence[Piece]:
        final = http_response(200, run_json(run_id_of(request)))
        if number:
            return [final]
        if together:
            return [b"".join(interim) + final]
        return [interim[0], 0.1, interim[1], 0.1, final]

    with RawServer(answer) as server, raw_client(server, retries=0, connection_pool_maxsize=1) as client:
        api = AgentsApi(client)
        assert api.get_agent_run(1, 1).id == 1
        assert api.get_agent_run(2, 1).id == 2  # its own run, not the first call's
        assert api.get_agent_run(3, 1).id == 3
    assert server.connections == 1  # the connection served on: nothing was left on it


def test_a_server_that_sends_only_interim_answers_fails_clearly() -> None:
    early_hints = b"HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n"
    with RawServer(lambda number, request: [early_hints * 50]) as server, raw_client(server, retries=0) as client:
        with pytest.raises(ApiConnectionError, match=r"more than 20 interim \(1xx\) responses") as caught:
            AgentsApi(client).get_agent_run(1, 1)
    assert caught.value.status == 0 and caught.value.attempts == 1


# Header blocks of every kind: folded lines, a line that is no header, repeated names,
# spacing, Latin-1, a multipart type. The SDK's response class (which reads past interim
# answers) must leave them as urllib3 on its own gives them.
_HEADER_BLOCKS = {
    "plain": b"Content-Type: application/json\r\nX-Request-Id: abc\r\nX-Empty:\r\n",
    "repeated and spaced": b"Set-Cookie: a=1\r\nset-cookie:b=2  \r\nX-Tab:\t\tv\r\nContent-Type: application/json\r\n",
    "bare newlines": b"Content-Type: application/json\nX-A: 1\n",
    "latin-1": b"Content-Type: application/json\r\nX-Name: Jos\xe9\r\n",
    "folded": b"Content-Type: application/json\r\nX-Folded: one\r\n two\r\n",
    "not a header": b"Content-Type: application/json\r\nX-A: 1\r\nthis is no header\r\nX-B: 2\r\n",
    "multipart": b"Content-Type: multipart/mixed; boundary=zz\r\n",
}


@pytest.mark.parametrize("block", list(_HEADER_BLOCKS.values()), ids=list(_HEADER_BLOCKS))
def test_response_headers_are_those_urllib3_gives(block: bytes) -> None:
    body = run_json(1)
    head = b"HTTP/1.1 200 OK\r\nContent-Length: " + str(len(body)).encode() + b"\r\n" + block + b"\r\n"
    with RawServer(lambda number, request: [head + body]) as server, raw_client(server, retries=0) as client:
        api = AgentsApi(client)
        info = api.get_agent_run_with_http_info(1, 1)
        raw = api.get_agent_run_without_preload_content(2, 1)
        raw.read()
        reference = urllib3.PoolManager().request("GET", server.url + "/")  # a bare urllib3
    if b"multipart" not in block:
        assert info.data.id == 1
    assert list(info.headers.items()) == list(reference.headers.items())
    assert list(raw.headers.items()) == list(reference.headers.items())
    assert server.connections == 2  # the SDK's two calls on one kept connection, and the reference's


@pytest.mark.parametrize(
    "base, target",
    [
        ("", b"/v1/organizations/1/agent/run/1"),
        ("/api%2fv1", b"/api%2Fv1/v1/organizations/1/agent/run/1"),  # escapes in upper case, as urllib3 writes them
        ("/a b/\u00e9", b"/a%20b/%C3%A9/v1/organizations/1/agent/run/1"),  # what urllib3 percent-encodes
    ],
    ids=["plain", "lower-case escape", "space and non-ASCII"],
)
def test_the_request_target_is_sent_as_urllib3_encodes_it(base: str, target: bytes) -> None:
    with RawServer(lambda number, request: [http_response(200, run_json(1))]) as server:
        with ApiClient(Configuration(host=server.url + base, access_token="t")) as client:
            assert AgentsApi(client).get_agent_run(1, 1).id == 1
            assert AgentsApi(client).get_agent_run(1, 1).id == 1
    assert [request.split(b" ")[:2] for request in server.requests] == [[b"GET", target]] * 2
    assert server.connections == 1


def test_stray_bytes_before_a_request_discard_the_connection() -> None:
    def answer(number: int, request: bytes) -> Sequence[Piece]:
        final = http_response(200, run_json(run_id_of(request)))
        return [final, 0.05, http_response(200, run_json(666))] if number == 0 else [final]

    with RawServer(answer) as server, raw_client(server, retries=0, connection_pool_maxsize=1) as client:
        api = AgentsApi(client)
        assert api.get_agent_run(1, 1).id == 1
        time.sleep(0.3)  # the stray answer arrives on the idle connection
        assert api.get_agent_run(2, 1).id == 2
    assert server.connections == 2


def test_a_final_answer_below_200_closes_the_connection() -> None:
    def answer(number: int, request: bytes) -> Sequence[Piece]:
        if number == 0:
            return [b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n", b"\x81\x05hello"]
        return [http_response(200, run_json(run_id_of(request)))]

    with RawServer(answer) as server, raw_client(server, retries=0, connection_pool_maxsize=1) as client:
        api = AgentsApi(client)
        with pytest.raises(ApiException) as caught:
            api.get_agent_run(1, 1)
        assert caught.value.status == 101
        assert api.get_agent_run(2, 1).id == 2
    assert server.connections == 2


# -- 2xx bodies that do not fit -------------------------------------------------------------

BAD_BODIES: Dict[str, Tuple[bytes, str, str]] = {
    # name: (body, content type, words of the problem)
    "html": (b"<html><body>502 Bad Gateway</body></html>", "text/html", "Invalid JSON"),
    "empty": (b"", "application/json", "Invalid JSON"),
    "truncated": (b'{"id": 10001, "organiz', "application/json", "Invalid JSON"),
    "not UTF-8": (b"\xff\xfe{}", "application/json", "Invalid JSON"),
    "list": (b"[1, 2, 3]", "application/json", "Input should be an object"),
    "null": (b"null", "application/json", "Input should be an object"),
    "string": (b'"COMPLETE"', "application/json", "Input should be an object"),
    "id as text": (b'{"id": "10001", "organization_id": 1}', "application/json", "id: Input should be a valid integer"),
    "no id": (b'{"organization_id": 1, "status": "COMPLETE"}', "application/json", "id: Field required"),
    "status as number": (b'{"id": 1, "organization_id": 1, "status": 3}', "application/json", "status: Input should be a valid string"),
    "deep nesting": (b'{"id": 1, "organization_id": 1, "x": ' + b"[" * 3000 + b"]" * 3000 + b"}", "application/json", "recursion limit"),
    "huge number": (b'{"id": 1' + b"0" * 5000 + b', "organization_id": 1}', "application/json", "Invalid JSON"),
}


@pytest.mark.parametrize("operation", [get, create], ids=["get", "create"])
@pytest.mark.parametrize("body, content_type, problem", BAD_BODIES.values(), ids=BAD_BODIES.keys())
def test_a_2xx_body_that_does_not_fit_raises_response_decode_error(
    agents_api: AgentsApi,
    emulator: AgentApiEmulator,
    body: bytes,
    content_type: str,
    problem: str,
    operation: Callable[..., Any],
) -> None:
    emulator.inject(Fault.body(body, content_type))
    with pytest.raises(ResponseDecodeError) as caught:
        operation(agents_api, emulator)
    error = caught.value
    assert isinstance(error, ApiException)
    assert error.status == 200
    assert error.expected == "AgentRunResponse JSON"
    assert problem in error.problem
    text = str(error)
    assert text.startswith("(200) the response body is not a valid AgentRunResponse JSON: ")
    first_bytes = body[:40].decode("utf-8", errors="replace")
    assert f"Body starts with: {first_bytes!r}"[:-1] in text
    assert error.__cause__ is None and error.__suppress_context__  # no bare pydantic or JSON error behind it


def test_the_body_excerpt_is_the_first_500_characters(agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    body = b"x" * 2000
    emulator.inject(Fault.body(body, "text/plain"))
    with pytest.raises(ResponseDecodeError) as caught:
        get(agents_api, emulator)
    assert str(caught.value).endswith("Body starts with: '" + "x" * 500 + "...'")
    assert caught.value.body == body.decode()


def test_a_2xx_status_other_than_200_is_decoded_too(agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    emulator.inject(Fault.body(json.dumps(RUN).encode(), status=203))
    assert get(agents_api, emulator).id == 10001
    emulator.inject(Fault.body(b"oops", status=201))
    with pytest.raises(ResponseDecodeError, match=r"^\(201\)"):
        get(agents_api, emulator)


def test_a_body_over_the_limit_is_refused_unread(emulator: AgentApiEmulator) -> None:
    body = json.dumps({**RUN, "result": "r" * 5000}).encode()
    emulator.inject(Fault.body(body))
    with client_for(emulator, retries=0, max_response_bytes=1000, connection_pool_maxsize=1) as api:
        with pytest.raises(ResponseTooLargeError) as caught:
            get(api, emulator)
        # The half-read connection was thrown away, not reused: the next calls work.
        for _ in range(3):
            assert get(api, emulator).status
    error = caught.value
    assert isinstance(error, ResponseDecodeError) and isinstance(error, ApiException)
    assert (error.status, error.limit, error.size) == (200, 1000, len(body))
    assert error.body == body[:500].decode()
    assert str(error).startswith(
        f"(200) the response body ({len(body)} bytes) is larger than Configuration.max_response_bytes (1000)"
    )
    assert "Body starts with: '{\"id\": 10001" in str(error)


def test_a_huge_body_is_refused_by_default(agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    assert Configuration().max_response_bytes == DEFAULT_MAX_RESPONSE_BYTES == 32 * 1024 * 1024
    body = b'{"id": 1, "organization_id": 1, "result": "' + b"a" * (40 * 1024 * 1024) + b'"}'
    emulator.inject(Fault.body(body))
    with pytest.raises(ResponseTooLargeError) as caught:
        get(agents_api, emulator)
    assert caught.value.size == len(body)
    assert len(caught.value.body or "") == 500


def test_a_long_result_under_the_limit_is_read(agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    result = "line of agent output\n" * 50_000  # about 1 MB
    emulator.inject(Fault.body(json.dumps({**RUN, "result": result}).encode()))
    assert get(agents_api, emulator).result == result


@pytest.fixture
def chunked_server() -> Iterator[Callable[[int], str]]:
    """A server answering 200 with a chunked body of `chunks` 10 kB chunks (-1: without end)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.settimeout(0.05)
    port = listener.getsockname()[1]
    plan = {"chunks": 0}
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            conn.settimeout(5)
            with conn:
                try:
                    data = b""
                    while b"\r\n\r\n" not in data:
                        data += conn.recv(4096)
                    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                    first = json.dumps({**RUN, "result": ""})[:-2].encode()  # up to the result's opening quote
                    conn.sendall(b"%x\r\n%s\r\n" % (len(first), first))
                    sent = 0
                    while plan["chunks"] < 0 or sent < plan["chunks"]:
                        conn.sendall(b"2800\r\n" + b"z" * 10240 + b"\r\n")
                        sent += 1
                    conn.sendall(b'2\r\n"}\r\n0\r\n\r\n')
                except OSError:
                    pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()

    def url(chunks: int) -> str:
        plan["chunks"] = chunks
        return f"http://127.0.0.1:{port}"

    yield url
    stop.set()
    thread.join(2)
    listener.close()


def test_an_endless_body_without_length_is_cut_off(chunked_server: Callable[[int], str]) -> None:
    config = Configuration(host=chunked_server(-1), access_token="t", retries=0)
    config.max_response_bytes = 200_000
    with ApiClient(config) as client, pytest.raises(ResponseTooLargeError) as caught:
        AgentsApi(client).get_agent_run(10001, 1)
    assert caught.value.size is None
    assert "larger than Configuration.max_response_bytes (200000)" in str(caught.value)


def test_a_chunked_body_under_the_limit_is_read(chunked_server: Callable[[int], str]) -> None:
    config = Configuration(host=chunked_server(5), access_token="t", retries=0)
    with ApiClient(config) as client:
        run = AgentsApi(client).get_agent_run(10001, 1)
    assert run.result == "z" * 51200


# -- connections ------------------------------------------------------------------------------


def test_a_keep_alive_connection_closed_by_the_server_does_not_fail_the_next_post() -> None:
    # Front ends close idle connections; the next POST must not be lost to a stale socket.
    with AgentApiEmulator(rate_limits=False, idle_timeout=0.1) as emu, client_for(emu, retries=0) as api:
        create(api, emu)
        time.sleep(0.4)
        create(api, emu)
        assert seen(emu, "POST") == 2 and len(emu.runs) == 2


# -- redirects -----------------------------------------------------------------------------------


def test_a_same_origin_redirect_is_followed_with_the_token(agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    run = emulator.create_run()
    emulator.inject(Fault.redirect(f"/v1/organizations/{emulator.org_id}/agent/run/{run.id}", status=301))
    got = agents_api.get_agent_run(999, emulator.org_id)
    assert got.id == run.id
    assert [r.token for r in emulator.requests] == [emulator.token, emulator.token]


def test_a_303_after_a_post_is_followed_with_a_get(agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    run = emulator.create_run()
    emulator.inject(Fault.redirect(f"{emulator.url}/v1/organizations/{emulator.org_id}/agent/run/{run.id}", 303))
    assert create(agents_api, emulator).id == run.id
    assert [(r.method, r.body) for r in emulator.requests][1] == ("GET", b"")


def test_a_307_after_a_post_repeats_the_post(agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    emulator.inject(Fault.redirect(f"/v1/organizations/{emulator.org_id}/agent/run", 307))
    create(agents_api, emulator)
    first, second = emulator.requests
    assert (second.method, second.body, second.token) == ("POST", first.body, emulator.token)


def test_a_redirect_loop_ends(agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    emulator.inject(Fault.redirect(f"/v1/organizations/{emulator.org_id}/agent/run/1"), times=50)
    with pytest.raises(ApiRedirectError, match=r"more than 5 redirects") as caught:
        get(agents_api, emulator)
    assert isinstance(caught.value, ApiException) and caught.value.status == 0
    assert seen(emulator) == 6


@pytest.mark.parametrize("location", ["ftp://127.0.0.1/run", "file:///etc/passwd", "javascript:alert(1)", "http://[::1"])
def test_a_redirect_off_http_is_not_followed(agents_api: AgentsApi, emulator: AgentApiEmulator, location: str) -> None:
    emulator.inject(Fault.redirect(location))
    with pytest.raises(ApiRedirectError, match="redirected to") as caught:
        get(agents_api, emulator)
    assert "(HTTP 302)" in str(caught.value)
    assert seen(emulator) == 1


def test_a_compressed_body_that_expands_past_the_limit_is_refused(emulator: AgentApiEmulator) -> None:
    # 20 kB on the wire, 2 MB once urllib3 has decompressed it.
    body = gzip.compress(json.dumps({**RUN, "result": "0" * 2_000_000}).encode())
    emulator.inject(Fault.status(200, body, {"Content-Encoding": "gzip"}))
    with client_for(emulator, retries=0, max_response_bytes=1_000_000) as api:
        with pytest.raises(ResponseTooLargeError, match=r"larger than Configuration.max_response_bytes \(1000000\)"):
            get(api, emulator)
        assert get(api, emulator).status  # and the client goes on working


# -- the raw doors --------------------------------------------------------------------------------


def test_the_raw_doors_retry_and_follow_redirects_too(fast_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    run = emulator.create_run()
    emulator.inject(Fault.status(503), method="GET")
    emulator.inject(Fault.redirect(f"/v1/organizations/{emulator.org_id}/agent/run/{run.id}"), method="GET")
    raw = fast_api.get_agent_run_without_preload_content(999, emulator.org_id)
    assert raw.status == 200 and json.loads(raw.data)["id"] == run.id
    assert seen(emulator) == 3
    assert fast_api.get_agent_run(run.id, emulator.org_id).id == run.id  # the drained connection serves on


# -- bad input and many hosts --------------------------------------------------------------------


def test_a_header_http_cannot_carry_is_refused_before_sending(agents_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    with pytest.raises(ApiValueError, match=r"cannot send the header 'X-Bad:Name'.*nothing was sent"):
        get(agents_api, emulator, _headers={"X-Bad:Name": "v"})
    assert seen(emulator) == 0


def test_more_hosts_than_urllib3_keeps_pools_for() -> None:
    # urllib3 keeps 10 pools and closes the oldest; the SDK then opens a fresh one.
    with AgentApiEmulator(rate_limits=False, host="0.0.0.0") as emu:
        hosts = [f"http://127.0.0.{n}:{emu.port}" for n in range(1, 13)]
        config = Configuration(host=hosts[0], access_token=emu.token, retries=0)
        with ApiClient(config) as client:
            api = AgentsApi(client)
            run = api.create_agent_run(emu.org_id, {"prompt": "p"})
            for host in hosts + hosts[:2]:
                config.host = host
                assert api.get_agent_run(run.id, emu.org_id).id == run.id
        assert seen(emu) == 15
