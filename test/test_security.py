"""Security guarantees over real sockets: the token stays secret, TLS is verified, redirects and plain http are safe.

The token is searched for in every log record (the SDK's and urllib3's,
at DEBUG), in the log file, on stdout and stderr, in reprs and in the full
text of every exception (tracebacks and chained causes included).
"""

from __future__ import annotations

import json
import logging
import shutil
import ssl
import subprocess
import threading
import time
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Tuple

import pydantic
import pytest
import urllib3

from openapi_client import (
    AgentsApi,
    ApiClient,
    ApiConnectionError,
    ApiException,
    ApiTimeoutError,
    ApiValueError,
    Configuration,
)
from openapi_client.exceptions import UnauthorizedException
from openapi_client.rest import RESTClientObject
from openapi_client.testing import AgentApiEmulator, Fault

from .faultkit import (
    FAST,
    SECRET,
    Piece,
    RawServer,
    client_for,
    closed_port,
    http_response,
    non_loopback_address,
    run_json,
    seen,
)

RUN = {"id": 7, "organization_id": 1, "status": "COMPLETE", "result": "done"}


@pytest.fixture
def secret_emulator() -> Iterator[AgentApiEmulator]:
    """An emulator that accepts only `SECRET`."""
    with AgentApiEmulator(rate_limits=False, tokens={SECRET: [1]}) as emu:
        yield emu


@pytest.fixture
def restore_logging() -> Iterator[None]:
    """Undo what `Configuration.debug` and `logger_file` do to the process-wide loggers."""
    loggers = [logging.getLogger(name) for name in ("openapi_client", "urllib3")]
    saved = [(logger, logger.level, list(logger.handlers)) for logger in loggers]
    yield
    for logger, level, handlers in saved:
        for handler in logger.handlers:
            if handler not in handlers:
                handler.close()
        logger.setLevel(level)
        logger.handlers[:] = handlers


def full_text(error: BaseException) -> str:
    """Everything Python would print for `error`: message, repr, traceback and chained causes."""
    return "".join(traceback.format_exception(type(error), error, error.__traceback__)) + repr(error)


def failures(emu: AgentApiEmulator, api: AgentsApi) -> List[BaseException]:
    """Make calls fail in every way the SDK knows, and return what each raised."""
    caught: List[BaseException] = []

    def attempt(call: Callable[[], Any]) -> None:
        try:
            call()
        except Exception as error:  # noqa: BLE001 - collecting them is the point
            caught.append(error)

    get = lambda: api.get_agent_run(emu.create_run().id, emu.org_id, _request_timeout=(1, 0.2))  # noqa: E731
    create = lambda: api.create_agent_run(emu.org_id, {"prompt": "p"}, _request_timeout=(1, 0.2))  # noqa: E731
    for fault in (
        Fault.status(503), Fault.status(500), Fault.status(404), Fault.rate_limited("0"), Fault.reset(),
        Fault.close_before_response(), Fault.close_mid_response(), Fault.stall(0.6),
        Fault.body(b"<html>", "text/html"), Fault.body(b'{"id": "x"}'), Fault.redirect("ftp://x/y"),
    ):
        emu.inject(fault, times=4)
        attempt(get)
        emu.clear_faults()
        emu.inject(fault, times=4)
        attempt(create)
        emu.clear_faults()
    emu.inject(Fault.redirect("/v1/organizations/1/agent/run/1"), times=10)
    attempt(get)
    emu.clear_faults()
    config = api.api_client.configuration
    config.max_response_bytes = 10
    attempt(get)
    config.max_response_bytes = 1 << 25
    attempt(lambda: api.get_agent_run(1, 2))  # 403: not a member
    return caught


# -- logs, reprs, exceptions ------------------------------------------------------------------


def test_the_token_never_appears_in_logs_at_debug_level(
    secret_emulator: AgentApiEmulator,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    restore_logging: None,
) -> None:
    emu = secret_emulator
    other = AgentApiEmulator(rate_limits=False, host="127.0.0.2", tokens={SECRET: [1]}).start()
    try:
        with client_for(emu, retries=FAST, debug=True, logger_file=str(tmp_path / "sdk.log")) as api:
            with caplog.at_level(logging.DEBUG):
                run = api.create_agent_run(emu.org_id, {"prompt": "p"})
                api.get_agent_run(run.id, emu.org_id)
                emu.inject(Fault.redirect(f"{other.url}/v1/organizations/1/agent/run/{run.id}"))
                with pytest.raises(UnauthorizedException):
                    api.get_agent_run(run.id, emu.org_id)
                errors = failures(emu, api)
    finally:
        other.stop()
    assert len(errors) > 20
    names = {record.name for record in caplog.records}
    assert {"openapi_client", "urllib3.connectionpool"} <= names  # both loggers spoke at DEBUG ...
    assert any(r.levelno == logging.DEBUG and r.name == "openapi_client" for r in caplog.records)
    assert any("retrying" in r.getMessage() for r in caplog.records)
    log_file = (tmp_path / "sdk.log").read_text()
    assert "Starting new HTTP connection" in log_file and "retrying" in log_file
    written = capsys.readouterr()
    for text in (caplog.text, log_file, written.out, written.err):
        assert SECRET not in text  # ... and never said the token
        assert "Bearer" not in text


def test_the_token_never_appears_in_configuration_repr_or_debug_report(secret_emulator: AgentApiEmulator) -> None:
    config = Configuration(host=secret_emulator.url, access_token=SECRET)
    with ApiClient(config) as client:
        api = AgentsApi(client)
        api.create_agent_run(1, {"prompt": "p"})
        texts = [repr(config), str(config), config.to_debug_report(), repr(client), repr(api), repr(client.rest_client)]
    assert repr(config) == f"<Configuration host={secret_emulator.url!r} access_token=set>"
    for text in texts:
        assert SECRET not in text


def test_the_token_never_appears_in_exception_text(secret_emulator: AgentApiEmulator) -> None:
    with client_for(secret_emulator, retries=FAST) as api:
        errors = failures(secret_emulator, api)
    refused = Configuration(host=f"http://127.0.0.1:{closed_port()}", access_token=SECRET, retries=0)
    remote = Configuration(host="http://api.example.invalid", access_token=SECRET)
    with ApiClient(refused) as one, ApiClient(remote) as two:
        for client in (one, two):
            try:
                AgentsApi(client).create_agent_run(1, {"prompt": "p"})
            except Exception as error:  # noqa: BLE001
                errors.append(error)
    assert {type(e).__name__ for e in errors} >= {
        "ServiceException", "NotFoundException", "ForbiddenException", "TooManyRequestsException",
        "ApiConnectionError", "ApiTimeoutError", "ResponseDecodeError", "ResponseTooLargeError",
        "ApiRedirectError", "ApiValueError",
    }
    for error in errors:
        assert SECRET not in full_text(error), type(error).__name__


@pytest.mark.parametrize(
    "token", [SECRET + "\n", SECRET + "\r\nX-Injected: 1", SECRET + "\u2019"],
    ids=["newline", "header injection", "not Latin-1"],
)
def test_a_token_that_cannot_be_sent_is_refused_without_quoting_it(
    secret_emulator: AgentApiEmulator, token: str
) -> None:
    config = Configuration(host=secret_emulator.url, access_token=token, retries=FAST)
    with ApiClient(config) as client, pytest.raises(ApiValueError) as caught:
        AgentsApi(client).create_agent_run(1, {"prompt": "p"})
    assert "cannot send the header Authorization" in str(caught.value)
    assert "Configuration.access_token" in str(caught.value)
    assert SECRET not in full_text(caught.value)
    assert seen(secret_emulator) == 0


@pytest.mark.parametrize(
    "keywords",
    [{"authorization": b"Bearer " + SECRET.encode()}, {"_request_auth": {"in_": "header", "value": f"Bearer {SECRET}"}}],
    ids=["authorization", "_request_auth"],
)
def test_a_bad_per_call_credential_is_not_quoted(secret_emulator: AgentApiEmulator, keywords: Dict[str, Any]) -> None:
    with client_for(secret_emulator) as api, pytest.raises(pydantic.ValidationError) as caught:
        api.get_agent_run(1, 1, **keywords)
    assert SECRET not in full_text(caught.value)


# -- TLS --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> Tuple[str, str]:
    """A self-signed certificate for 127.0.0.1 and its key, made with the openssl command."""
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is needed to make a certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = str(folder / "cert.pem"), str(folder / "key.pem")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )
    return cert, key


class TLSServer:
    """A tiny https server on 127.0.0.1 answering every GET with an agent run; records the tokens it got."""

    def __init__(self, cert: str, key: str) -> None:
        self.authorizations: List[str] = []
        received = self.authorizations

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                received.append(self.headers.get("Authorization", ""))
                body = json.dumps(RUN).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def tls_server(certificate: Tuple[str, str]) -> Iterator[TLSServer]:
    server = TLSServer(*certificate)
    yield server
    server.stop()


def tls_get(server: TLSServer, host: str = "127.0.0.1", **settings: Any) -> Any:
    config = Configuration(host=f"https://{host}:{server.port}", access_token=SECRET, retries=FAST)
    for name, value in settings.items():
        setattr(config, name, value)
    with ApiClient(config) as client:
        return AgentsApi(client).get_agent_run(7, 1)


def test_tls_certificates_are_verified_by_default(tls_server: TLSServer) -> None:
    assert Configuration().verify_ssl is True
    with pytest.raises(ApiConnectionError) as caught:
        tls_get(tls_server)
    text = str(caught.value)
    assert "TLS certificate verification failed" in text and "CERTIFICATE_VERIFY_FAILED" in text
    assert "Configuration.ssl_ca_cert" in text
    assert caught.value.attempts == 1  # a bad certificate does not get better with retries
    assert tls_server.authorizations == []  # the token never left


def test_a_body_sent_slowly_over_tls_ends_at_the_single_number_timeout(certificate: Tuple[str, str]) -> None:
    def slow(number: int, request: bytes) -> List[Piece]:
        body = run_json(7)
        pieces: List[Piece] = [http_response(200, body)[: -len(body)]]
        for byte in body:
            pieces += [bytes([byte]), 0.25]
        return pieces

    with RawServer(slow, tls=certificate) as server:
        config = Configuration(host=server.url, access_token=SECRET, ssl_ca_cert=certificate[0])
        with ApiClient(config) as client:
            started = time.monotonic()
            with pytest.raises(ApiTimeoutError, match=r"within its timeout \(1\.5 s"):
                AgentsApi(client).get_agent_run(7, 1, _request_timeout=1.5)
    assert 1.4 <= time.monotonic() - started < 3.0


def test_a_trusted_ca_lets_the_same_server_through(tls_server: TLSServer, certificate: Tuple[str, str]) -> None:
    run = tls_get(tls_server, ssl_ca_cert=certificate[0])
    assert run.id == 7
    assert tls_server.authorizations == [f"Bearer {SECRET}"]


def test_the_host_name_is_verified_too(tls_server: TLSServer, certificate: Tuple[str, str]) -> None:
    # Trusted certificate, but it names 127.0.0.1, not localhost.
    with pytest.raises(ApiConnectionError, match="TLS certificate verification failed"):
        tls_get(tls_server, host="localhost", ssl_ca_cert=certificate[0])
    assert tls_server.authorizations == []


def test_verification_can_be_turned_off_explicitly(tls_server: TLSServer) -> None:
    with pytest.warns(urllib3.exceptions.InsecureRequestWarning):  # and urllib3 says so
        assert tls_get(tls_server, verify_ssl=False).id == 7


def test_https_to_a_plain_http_port_fails_clearly(emulator: AgentApiEmulator) -> None:
    config = Configuration(host=emulator.url.replace("http://", "https://"), access_token=SECRET, retries=FAST)
    with ApiClient(config) as client, pytest.raises(ApiConnectionError) as caught:
        AgentsApi(client).get_agent_run(1, 1)
    assert "TLS failed" in str(caught.value) and "does the server speak https on this port?" in str(caught.value)
    assert caught.value.attempts == 1


# -- redirects -------------------------------------------------------------------------------------


@pytest.fixture
def other_host() -> Iterator[AgentApiEmulator]:
    """A second emulator on another address (127.0.0.2) that also accepts `SECRET`."""
    with AgentApiEmulator(rate_limits=False, host="127.0.0.2", tokens={SECRET: [1]}) as emu:
        yield emu


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_redirect_to_another_host_does_not_carry_the_token(
    secret_emulator: AgentApiEmulator, other_host: AgentApiEmulator, status: int
) -> None:
    run = other_host.create_run()
    secret_emulator.inject(Fault.redirect(f"{other_host.url}/v1/organizations/1/agent/run/{run.id}", status))
    with client_for(secret_emulator) as api:
        api.api_client.cookie = "session=abc"
        with pytest.raises(UnauthorizedException):  # the other host wants a token and got none
            api.get_agent_run(run.id, 1)
    (arrived,) = other_host.requests
    assert arrived.token is None
    assert "Authorization" not in arrived.headers and "Cookie" not in arrived.headers
    assert secret_emulator.requests[0].token == SECRET


def test_a_post_redirected_to_another_port_keeps_its_body_but_not_the_token(
    secret_emulator: AgentApiEmulator,
) -> None:
    with AgentApiEmulator(rate_limits=False, tokens={SECRET: [1]}) as same_address:
        secret_emulator.inject(Fault.redirect(f"{same_address.url}/v1/organizations/1/agent/run", 307))
        with client_for(secret_emulator) as api, pytest.raises(UnauthorizedException):
            api.create_agent_run(1, {"prompt": "keep me"})
        (arrived,) = same_address.requests
    assert (arrived.method, arrived.json(), arrived.token) == ("POST", {"prompt": "keep me"}, None)


# -- plain http --------------------------------------------------------------------------------------


@pytest.fixture
def remote_emulator() -> Iterator[AgentApiEmulator]:
    """An emulator on this machine's non-loopback address: a remote host as far as the SDK can tell."""
    address = non_loopback_address()
    if address is None:
        pytest.skip("this machine has no non-loopback IPv4 address")
    with AgentApiEmulator(rate_limits=False, host=address, tokens={SECRET: [1]}) as emu:
        yield emu


def test_the_token_is_not_sent_over_plain_http_to_a_remote_host(remote_emulator: AgentApiEmulator) -> None:
    with client_for(remote_emulator) as api:
        with pytest.raises(ApiValueError) as caught:
            api.create_agent_run(1, {"prompt": "p"})
        with pytest.raises(ApiValueError):
            api.get_agent_run(1, 1, _headers={"authorization": f"Bearer {SECRET}"})  # any spelling
    text = str(caught.value)
    assert f"refusing to send the API token over plain http:// to {remote_emulator.url}" in text
    assert "nothing was sent" in text
    assert "Use https://, or set Configuration.allow_insecure_http = True" in text
    assert not isinstance(caught.value, ApiException)  # a setting to fix, not a failure of the server
    assert remote_emulator.requests == [] and remote_emulator.open_connections == 0  # no I/O at all


def test_allow_insecure_http_opts_in(remote_emulator: AgentApiEmulator) -> None:
    with client_for(remote_emulator, allow_insecure_http=True) as api:
        api.create_agent_run(1, {"prompt": "p"})
    assert [r.token for r in remote_emulator.requests] == [SECRET]


def test_plain_http_without_a_token_is_not_refused(remote_emulator: AgentApiEmulator) -> None:
    config = Configuration(host=remote_emulator.url, retries=0)
    with ApiClient(config) as client, pytest.raises(UnauthorizedException):
        AgentsApi(client).get_agent_run(1, 1)
    assert seen(remote_emulator) == 1


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "127.0.0.5"])
def test_loopback_hosts_need_no_opt_in(secret_emulator: AgentApiEmulator, host: str) -> None:
    client = RESTClientObject(Configuration(retries=0))
    url = f"http://{host}:{secret_emulator.port}/v1/organizations/1/agent/run/1"
    if host == "127.0.0.5":  # nobody listens there: the call fails on the wire, not on the check
        with pytest.raises(ApiConnectionError):
            client.request("GET", url, headers={"Authorization": f"Bearer {SECRET}"})
        return
    response = client.request("GET", url, headers={"Authorization": f"Bearer {SECRET}"})
    assert response.status == 404  # reached the emulator: no run 1 yet
