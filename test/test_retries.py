"""The retry policy over real sockets: what is retried for GET and POST, how often, how long it waits.

Every test counts the requests the emulator saw: a POST that must not be
retried is seen exactly once, a GET retried three times is seen four times.
"""

from __future__ import annotations

import email.utils
import logging
import re
import threading
import time
from typing import Any, Callable, Dict

import pytest
import urllib3

from openapi_client import (
    AgentsApi,
    ApiClient,
    ApiConnectionError,
    ApiException,
    ApiTimeoutError,
    ApiTypeError,
    ApiValueError,
    Configuration,
    TooManyRequestsException,
)
from openapi_client.exceptions import ServiceException
from openapi_client.retry import DEFAULT_POLICY, RetryPolicy, parse_retry_after, resolve
from openapi_client.testing import AgentApiEmulator, Fault

from .faultkit import (  # noqa: F401 - fast_api is a fixture
    FAST,
    client_for,
    closed_port,
    fast_api,
    retry_records,
    seen,
    unanswered_port,
    wait_for_runs,
)

# Faults after which a read is safe to repeat; the stall outlasts the 0.25 s read timeout.
GET_RETRIED: Dict[str, Callable[[], Fault]] = {
    "429": lambda: Fault.rate_limited("0"),
    "502": lambda: Fault.status(502),
    "503": lambda: Fault.status(503),
    "504": lambda: Fault.status(504),
    "closed before the response": Fault.close_before_response,
    "closed mid-response": Fault.close_mid_response,
    "reset": Fault.reset,
    "read timeout": lambda: Fault.stall(0.6),
}

# Faults after which a POST may already have created the run.
POST_NOT_RETRIED: Dict[str, Callable[[], Fault]] = {
    "500": lambda: Fault.status(500),
    "502": lambda: Fault.status(502),
    "503 with Retry-After": lambda: Fault.status(503, headers={"Retry-After": "0"}),
    "504": lambda: Fault.status(504),
    "closed before the response": Fault.close_before_response,
    "closed mid-response": Fault.close_mid_response,
    "reset": Fault.reset,
    "read timeout": lambda: Fault.stall(0.6),
}

TIMEOUT = (2, 0.25)


def get(api: AgentsApi, emu: AgentApiEmulator, **kwargs: Any) -> Any:
    run = emu.create_run("seeded")
    return api.get_agent_run(run.id, emu.org_id, _request_timeout=TIMEOUT, **kwargs)


def create(api: AgentsApi, emu: AgentApiEmulator, **kwargs: Any) -> Any:
    return api.create_agent_run(emu.org_id, {"prompt": "Fix the flaky test"}, _request_timeout=TIMEOUT, **kwargs)


# -- what is retried ----------------------------------------------------------------


@pytest.mark.parametrize("fault", GET_RETRIED.values(), ids=GET_RETRIED.keys())
def test_get_is_retried_on_each_transient_fault(
    fast_api: AgentsApi, emulator: AgentApiEmulator, fault: Callable[[], Fault]
) -> None:
    emulator.inject(fault(), times=3, method="GET")
    run = get(fast_api, emulator)
    assert run.id in emulator.runs
    assert seen(emulator, "GET") == 4


@pytest.mark.parametrize("fault", GET_RETRIED.values(), ids=GET_RETRIED.keys())
def test_get_gives_up_after_three_retries(
    fast_api: AgentsApi, emulator: AgentApiEmulator, fault: Callable[[], Fault]
) -> None:
    emulator.inject(fault(), times=4, method="GET")
    with pytest.raises(ApiException) as caught:
        get(fast_api, emulator)
    assert seen(emulator, "GET") == 4
    assert caught.value.attempts == 4
    assert re.search(r"after 4 attempts|Attempts: 4", str(caught.value))
    assert not caught.value.may_have_acted  # a read changes nothing


@pytest.mark.parametrize("code", [400, 401, 403, 404, 409, 422, 500, 501])
def test_get_is_not_retried_on_other_statuses(fast_api: AgentsApi, emulator: AgentApiEmulator, code: int) -> None:
    emulator.inject(Fault.status(code), method="GET")
    with pytest.raises(ApiException) as caught:
        get(fast_api, emulator)
    assert caught.value.status == code
    assert seen(emulator, "GET") == 1


@pytest.mark.parametrize("fault", POST_NOT_RETRIED.values(), ids=POST_NOT_RETRIED.keys())
def test_post_that_reached_the_server_is_never_retried(
    fast_api: AgentsApi, emulator: AgentApiEmulator, fault: Callable[[], Fault]
) -> None:
    emulator.inject(fault(), method="POST")
    with pytest.raises(ApiException) as caught:
        create(fast_api, emulator)
    assert seen(emulator, "POST") == 1
    error = caught.value
    assert error.may_have_acted
    text = str(error)
    assert "the agent run may have been created" in text
    assert "check your organisation's recent agent runs" in text
    assert "before creating it again" in text


def test_post_whose_answer_was_lost_did_create_the_run() -> None:
    # Why the SDK must not retry: the server acted, only the answer was lost.
    with AgentApiEmulator(rate_limits=False) as emu, client_for(emu, retries=FAST) as api:
        emu.inject(Fault.close_mid_response(), method="POST")
        with pytest.raises(ApiConnectionError):
            create(api, emu)
        emu.inject(Fault.stall(0.6), method="POST")
        with pytest.raises(ApiTimeoutError):
            create(api, emu)
        assert seen(emu, "POST") == 2
        assert wait_for_runs(emu, 2) == 2


def test_post_is_retried_on_429_and_creates_one_run() -> None:
    with AgentApiEmulator(rate_limits=False) as emu, client_for(emu, retries=FAST) as api:
        emu.inject(Fault.rate_limited("0"), times=3, method="POST")
        run = create(api, emu)
        assert seen(emu, "POST") == 4
        assert list(emu.runs) == [run.id]


def test_post_gives_up_after_three_429s(fast_api: AgentsApi, emulator: AgentApiEmulator) -> None:
    runs = len(emulator.runs)
    emulator.inject(Fault.rate_limited("0"), times=4, method="POST")
    with pytest.raises(TooManyRequestsException) as caught:
        create(fast_api, emulator)
    assert seen(emulator, "POST") == 4
    assert caught.value.attempts == 4
    assert not caught.value.may_have_acted  # a 429 means the server did nothing
    assert len(emulator.runs) == runs


def test_post_is_retried_when_the_server_was_down(caplog: pytest.LogCaptureFixture) -> None:
    # The server is down when the call starts and comes back a moment later.
    with AgentApiEmulator(rate_limits=False) as emu:
        emu.stop()
        restart = threading.Timer(0.3, emu.start)
        policy = RetryPolicy(max_retries=40, backoff_initial=0.05, backoff_max=0.1)
        with client_for(emu, retries=policy) as api, caplog.at_level(logging.INFO, "openapi_client"):
            restart.start()
            try:
                run = create(api, emu)
            finally:
                restart.join()
        assert seen(emu, "POST") == 1
        assert list(emu.runs) == [run.id]
    waits = retry_records(caplog)
    assert waits and all("could not connect" in r.getMessage() for r in waits)


def test_post_is_retried_on_connect_timeout(caplog: pytest.LogCaptureFixture) -> None:
    with unanswered_port() as port:
        config = Configuration(host=f"http://127.0.0.1:{port}", access_token="t", retries=FAST)
        with ApiClient(config) as client, caplog.at_level(logging.INFO, "openapi_client"):
            started = time.monotonic()
            with pytest.raises(ApiTimeoutError) as caught:
                AgentsApi(client).create_agent_run(1, {"prompt": "p"}, _request_timeout=(0.1, 5))
            elapsed = time.monotonic() - started
    assert caught.value.attempts == 4
    assert not caught.value.may_have_acted
    assert "could not connect within the connect timeout (0.1 s)" in str(caught.value)
    assert len(retry_records(caplog)) == 3
    assert elapsed < 3


def test_post_is_retried_on_connection_refused() -> None:
    config = Configuration(host=f"http://127.0.0.1:{closed_port()}", access_token="t", retries=FAST)
    with ApiClient(config) as client, pytest.raises(ApiConnectionError) as caught:
        AgentsApi(client).create_agent_run(1, {"prompt": "p"})
    assert caught.value.attempts == 4
    assert not caught.value.may_have_acted
    assert "could not connect: [Errno 111] Connection refused" in str(caught.value)


def test_the_real_rate_limit_is_waited_out() -> None:
    # The emulator's own limiter (1 creation a second) answers 429 with Retry-After: 1.
    with AgentApiEmulator(create_limit=(1, 1.0)) as emu, client_for(emu) as api:
        started = time.monotonic()
        first = create(api, emu)
        second = create(api, emu)
        elapsed = time.monotonic() - started
        assert seen(emu, "POST") == 3
    assert second.id == first.id + 1
    assert 0.9 <= elapsed < 5


# -- Retry-After and backoff ----------------------------------------------------------


def test_retry_after_in_seconds_is_obeyed(emulator: AgentApiEmulator, caplog: pytest.LogCaptureFixture) -> None:
    emulator.inject(Fault.rate_limited("1"), method="GET")
    with client_for(emulator, retries=FAST) as api, caplog.at_level(logging.INFO, "openapi_client"):
        started = time.monotonic()
        get(api, emulator)
        elapsed = time.monotonic() - started
    assert 1.0 <= elapsed < 2.5
    (record,) = retry_records(caplog)
    assert "in 1.00 s" in record.getMessage() and "Retry-After 1 s" in record.getMessage()


def test_retry_after_as_http_date_is_obeyed_up_to_the_ceiling(
    emulator: AgentApiEmulator, caplog: pytest.LogCaptureFixture
) -> None:
    in_an_hour = email.utils.formatdate(time.time() + 3600, usegmt=True)
    emulator.inject(Fault.status(503, headers={"Retry-After": in_an_hour}), method="GET")
    policy = RetryPolicy(backoff_initial=0.001, backoff_max=0.001, retry_after_max=0.3)
    with client_for(emulator, retries=policy) as api, caplog.at_level(logging.INFO, "openapi_client"):
        started = time.monotonic()
        get(api, emulator)
        elapsed = time.monotonic() - started
    assert 0.3 <= elapsed < 2
    message = retry_records(caplog)[0].getMessage()
    assert "in 0.30 s" in message
    assert re.search(r"Retry-After 3[56]\d\d(\.\d+)? s", message)


def test_parse_retry_after_reads_seconds_and_http_dates() -> None:
    now = 784111777.0  # Sun, 06 Nov 1994 08:49:37 GMT
    assert parse_retry_after("120", now) == 120.0
    assert parse_retry_after(" 3 ", now) == 3.0
    assert parse_retry_after("-5", now) == 0.0
    assert parse_retry_after("Sun, 06 Nov 1994 08:50:37 GMT", now) == 60.0
    assert parse_retry_after("Sunday, 06-Nov-94 08:50:37 GMT", now) == 60.0  # RFC 850
    assert parse_retry_after("Sun Nov  6 08:50:37 1994", now) == 60.0  # asctime: GMT without a zone
    assert parse_retry_after("Sun, 06 Nov 1994 08:40:37 GMT", now) == 0.0  # in the past
    for junk in (None, "", "soon", "inf", "nan", "Sun, 99 Nov 1994"):
        assert parse_retry_after(junk, now) is None


def test_retry_after_ceiling_defaults_to_60_seconds() -> None:
    assert DEFAULT_POLICY.retry_after_max == 60.0
    assert DEFAULT_POLICY.delay(1, retry_after=3600) == 60.0
    assert DEFAULT_POLICY.delay(1, retry_after=2.5) == 2.5
    assert RetryPolicy(retry_after_max=120).delay(1, retry_after=3600) == 120


def test_backoff_is_exponential_with_full_jitter_from_half_a_second_to_eight() -> None:
    for retry, ceiling in [(1, 0.5), (2, 1.0), (3, 2.0), (4, 4.0), (5, 8.0), (6, 8.0), (2000, 8.0)]:
        waits = [DEFAULT_POLICY.delay(retry) for _ in range(2000)]
        assert all(0 <= wait <= ceiling for wait in waits)
        assert max(waits) > 0.95 * ceiling and min(waits) < 0.05 * ceiling  # spread over all of it
        assert abs(sum(waits) / len(waits) - ceiling / 2) < 0.05 * ceiling


def test_backoff_waits_are_logged_and_taken(emulator: AgentApiEmulator, caplog: pytest.LogCaptureFixture) -> None:
    emulator.inject(Fault.status(503), times=3, method="GET")
    policy = RetryPolicy(backoff_initial=0.04, backoff_max=0.1)
    with client_for(emulator, retries=policy) as api, caplog.at_level(logging.INFO, "openapi_client"):
        started = time.monotonic()
        get(api, emulator)
        elapsed = time.monotonic() - started
    waits = [float(re.findall(r"in (\d+\.\d+) s", r.getMessage())[0]) for r in retry_records(caplog)]
    assert len(waits) == 3
    assert all(0 <= wait <= limit + 0.005 for wait, limit in zip(waits, (0.04, 0.08, 0.1)))
    assert elapsed >= sum(waits) - 0.015  # the logged waits were really taken


# -- configuration ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "setting, requests",
    [(None, 4), (True, 4), (0, 1), (False, 1), (1, 2), (5, 6), (RetryPolicy(max_retries=2), 3)],
    ids=["None", "True", "0", "False", "1", "5", "RetryPolicy"],
)
def test_configuration_retries(emulator: AgentApiEmulator, setting: Any, requests: int) -> None:
    # Retry-After 0 lets even the default policy retry without waiting.
    emulator.inject(Fault.status(503, headers={"Retry-After": "0"}), times=10, method="GET")
    with client_for(emulator, retries=setting) as api, pytest.raises(ServiceException):
        get(api, emulator)
    assert seen(emulator, "GET") == requests


def test_configuration_retries_takes_a_urllib3_retry_as_given(emulator: AgentApiEmulator) -> None:
    given = urllib3.Retry(total=1, status_forcelist=[503], raise_on_status=False, backoff_factor=0)
    emulator.inject(Fault.status(503), times=10, method="GET")
    with client_for(emulator, retries=given) as api, pytest.raises(ServiceException):
        get(api, emulator)
    assert seen(emulator, "GET") == 2


def test_a_urllib3_retry_that_gives_up_raises_an_api_exception(emulator: AgentApiEmulator) -> None:
    given = urllib3.Retry(total=2, status_forcelist=[503], backoff_factor=0)
    emulator.inject(Fault.status(503), times=10, method="GET")
    with client_for(emulator, retries=given) as api, pytest.raises(ApiConnectionError) as caught:
        get(api, emulator)
    assert seen(emulator, "GET") == 3
    assert "the urllib3.Retry given gave up: too many 503 error responses" in str(caught.value)


@pytest.mark.parametrize("per_call, requests", [(0, 1), (False, 1), (2, 3), (5, 6)])
def test_per_call_retries_override_the_configuration(
    emulator: AgentApiEmulator, per_call: Any, requests: int
) -> None:
    emulator.inject(Fault.status(503, headers={"Retry-After": "0"}), times=10, method="GET")
    with client_for(emulator, retries=3) as api, pytest.raises(ServiceException):
        get(api, emulator, _retries=per_call)
    assert seen(emulator, "GET") == requests


def test_per_call_retries_turn_retries_on_when_configured_off(emulator: AgentApiEmulator) -> None:
    emulator.inject(Fault.rate_limited("0"), times=2, method="POST")
    with client_for(emulator, retries=0) as api:
        create(api, emulator, _retries=2)
    assert seen(emulator, "POST") == 3


@pytest.mark.parametrize("setting, error", [("3", ApiTypeError), (-1, ApiValueError), (2.5, ApiTypeError)])
def test_a_bad_retries_setting_fails_before_sending(emulator: AgentApiEmulator, setting: Any, error: type) -> None:
    with client_for(emulator, retries=setting) as api, pytest.raises(error, match="retries must be"):
        get(api, emulator)
    assert seen(emulator) == 0


@pytest.mark.parametrize(
    "arguments, field",
    [
        ({"max_retries": -1}, "max_retries"),
        ({"max_retries": True}, "max_retries"),
        ({"backoff_initial": -0.5}, "backoff_initial"),
        ({"backoff_max": float("inf")}, "backoff_max"),
        ({"retry_after_max": "60"}, "retry_after_max"),
        ({"retry_statuses": 503}, "retry_statuses"),
        ({"retry_statuses": {"503"}}, "retry_statuses"),
    ],
)
def test_a_bad_retry_policy_is_refused(arguments: Dict[str, Any], field: str) -> None:
    with pytest.raises(ApiValueError, match=f"RetryPolicy.{field}"):
        RetryPolicy(**arguments)


def test_retry_statuses_can_be_changed_but_post_stays_safe() -> None:
    policy = RetryPolicy(retry_statuses={429, 500})
    assert policy.retry_statuses == frozenset({429, 500})
    assert policy.retries_status("GET", 500) and not policy.retries_status("GET", 503)
    assert policy.retries_status("POST", 429) and not policy.retries_status("POST", 500)
    assert resolve(4) == RetryPolicy(max_retries=4)


# -- logging ---------------------------------------------------------------------------


def test_each_retry_is_logged_with_reason_and_wait(
    fast_api: AgentsApi, emulator: AgentApiEmulator, caplog: pytest.LogCaptureFixture
) -> None:
    emulator.inject(Fault.rate_limited("0"), method="GET")
    emulator.inject(Fault.status(502), method="GET")
    emulator.inject(Fault.reset(), method="GET")
    with caplog.at_level(logging.INFO, "openapi_client"):
        get(fast_api, emulator)
    records = retry_records(caplog)
    messages = [r.getMessage() for r in records]
    assert len(messages) == 3
    assert all(r.levelno == logging.INFO for r in records)
    assert re.fullmatch(
        r"retrying GET http://127\.0\.0\.1:\d+/v1/organizations/1/agent/run/\d+ in 0\.00 s"
        r" \(retry 1 of 3\): HTTP 429, Retry-After 0 s",
        messages[0],
    )
    assert re.search(r" in \d\.\d\d s \(retry 2 of 3\): HTTP 502$", messages[1])
    assert re.search(r" in \d\.\d\d s \(retry 3 of 3\): the connection was reset", messages[2])


def test_nothing_is_logged_when_no_retry_is_needed(
    fast_api: AgentsApi, emulator: AgentApiEmulator, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, "openapi_client"):
        get(fast_api, emulator)
        create(fast_api, emulator)
    assert [r for r in caplog.records if r.name == "openapi_client"] == []
