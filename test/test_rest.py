"""rest: RESTClientObject and RESTResponse over real sockets, proxies, is_socks_proxy_url."""

from __future__ import annotations

import json
import socket
import ssl
from typing import Any, Iterator

import pytest
import urllib3

from openapi_client import AgentsApi, ApiClient, ApiException, ApiValueError, Configuration
from openapi_client.exceptions import ApiConnectionError
from openapi_client.rest import RESTClientObject, RESTResponse, is_socks_proxy_url
from openapi_client.testing import AgentApiEmulator, Fault


@pytest.fixture
def rest_client(configuration: Configuration) -> Iterator[RESTClientObject]:
    client = RESTClientObject(configuration)
    yield client
    client.pool_manager.clear()


def _auth(emulator: AgentApiEmulator) -> dict:
    return {"Authorization": f"Bearer {emulator.token}"}


def test_request_returns_a_rest_response(rest_client: RESTClientObject, emulator: AgentApiEmulator) -> None:
    headers = {**_auth(emulator), "Content-Type": "application/json"}
    response = rest_client.request(
        "POST", f"{emulator.url}/v1/organizations/{emulator.org_id}/agent/run", headers=headers, body={"prompt": "p"}
    )
    assert isinstance(response, RESTResponse)
    assert response.status == 200
    assert response.reason == "OK"
    # As in generated clients, `data` is filled by read(), which response_deserialize calls.
    assert response.data is None
    assert isinstance(response.read(), bytes)
    assert response.read() is response.data
    body = json.loads(response.data)
    assert body["organization_id"] == emulator.org_id
    assert response.getheader("Content-Type") == "application/json"
    assert response.getheader("content-length") == str(len(response.data))
    assert response.getheader("X-Missing") is None
    assert response.getheader("X-Missing", "fallback") == "fallback"
    assert response.getheaders()["Server"] == "AgentApiEmulator"
    assert isinstance(response.response, getattr(urllib3, "BaseHTTPResponse", urllib3.HTTPResponse))
    request = emulator.requests[-1]
    assert request.json() == {"prompt": "p"}
    assert request.headers["Content-Type"] == "application/json"


def test_errors_are_responses_not_exceptions(rest_client: RESTClientObject, emulator: AgentApiEmulator) -> None:
    response = rest_client.request("GET", f"{emulator.url}/v1/organizations/1/agent/run/1")
    assert (response.status, response.reason) == (401, "Unauthorized")
    assert json.loads(response.read())["status_code"] == 401


def test_rest_response_reads_on_demand(rest_client: RESTClientObject, emulator: AgentApiEmulator) -> None:
    run = emulator.create_run()
    response = rest_client.request(
        "GET", f"{emulator.url}/v1/organizations/{emulator.org_id}/agent/run/{run.id}", headers=_auth(emulator),
    )
    assert response.data is None
    data = response.read()
    assert json.loads(data)["id"] == run.id
    assert response.read() is data


def test_rest_response_wraps_any_urllib3_response(emulator: AgentApiEmulator) -> None:
    raw = urllib3.PoolManager().request("GET", f"{emulator.url}/nowhere")
    response = RESTResponse(raw)
    assert response.status == 404
    assert response.data is None
    assert json.loads(response.read()) == {"detail": "Not Found"}


@pytest.mark.parametrize(
    "body, content_type, sent",
    [
        (b"\x00raw", "application/octet-stream", b"\x00raw"),
        ("text body", "text/plain", b"text body"),
        (True, "text/plain", b"true"),
        ([1, 2], "application/json", b"[1, 2]"),
        ({"a": 1}, None, b'{"a": 1}'),
        (None, "application/json", b""),
    ],
)
def test_request_bodies(
    body: Any, content_type: Any, sent: bytes, rest_client: RESTClientObject, emulator: AgentApiEmulator
) -> None:
    headers = {} if content_type is None else {"Content-Type": content_type}
    rest_client.request("PUT", f"{emulator.url}/echo", headers=headers, body=body)
    assert emulator.requests[-1].body == sent


def test_a_body_that_cannot_be_encoded(rest_client: RESTClientObject, emulator: AgentApiEmulator) -> None:
    with pytest.raises(ApiValueError, match="text/csv"):
        rest_client.request("POST", f"{emulator.url}/x", headers={"Content-Type": "text/csv"}, body={"a": 1})
    assert emulator.requests == []


def test_form_urlencoded(rest_client: RESTClientObject, emulator: AgentApiEmulator) -> None:
    rest_client.request(
        "POST", f"{emulator.url}/form", headers={"Content-Type": "application/x-www-form-urlencoded"},
        post_params=[("a", "1"), ("b", "x y")],
    )
    request = emulator.requests[-1]
    assert request.body == b"a=1&b=x+y"
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"


def test_multipart(rest_client: RESTClientObject, emulator: AgentApiEmulator) -> None:
    rest_client.request(
        "POST", f"{emulator.url}/form", headers={"Content-Type": "multipart/form-data"},
        post_params=[("field", "value"), ("file", ("a.txt", b"contents", "text/plain"))],
    )
    request = emulator.requests[-1]
    assert request.headers["Content-Type"].startswith("multipart/form-data; boundary=")
    assert b"contents" in request.body and b'name="field"' in request.body


def test_get_sends_no_body(rest_client: RESTClientObject, emulator: AgentApiEmulator) -> None:
    rest_client.request("GET", f"{emulator.url}/x", body={"ignored": True})
    assert emulator.requests[-1].body == b""


@pytest.mark.parametrize("method", ["get", "HEAD", "DELETE", "OPTIONS", "PATCH"])
def test_methods(method: str, rest_client: RESTClientObject, emulator: AgentApiEmulator) -> None:
    response = rest_client.request(method, f"{emulator.url}/v1/organizations/1/agent/run")
    assert emulator.requests[-1].method == method.upper()
    assert response.status == 405


def test_an_unsupported_method(rest_client: RESTClientObject, emulator: AgentApiEmulator) -> None:
    with pytest.raises(ApiValueError, match="BREW"):
        rest_client.request("BREW", f"{emulator.url}/x")
    assert emulator.requests == []


def test_request_timeout(rest_client: RESTClientObject, emulator: AgentApiEmulator) -> None:
    emulator.inject(Fault.stall(2))
    with pytest.raises(ApiException) as caught:
        rest_client.request("GET", f"{emulator.url}/slow", _request_timeout=urllib3.Timeout(read=0.2))
    assert caught.value.status == 0
    assert "timeout" in str(caught.value)


def test_connection_refused() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    client = RESTClientObject(Configuration(retries=0))
    with pytest.raises(ApiConnectionError) as caught:
        client.request("GET", f"http://127.0.0.1:{port}/v1/x")
    assert caught.value.status == 0
    assert f"127.0.0.1:{port}" in str(caught.value)


# -- pool and proxy managers --------------------------------------------------------------


def test_pool_manager_without_proxy() -> None:
    client = RESTClientObject(Configuration())
    assert isinstance(client.pool_manager, urllib3.PoolManager)
    assert not isinstance(client.pool_manager, urllib3.ProxyManager)


def test_pool_manager_takes_tls_settings() -> None:
    config = Configuration()
    config.verify_ssl = False
    config.connection_pool_maxsize = 3
    config.assert_hostname = False
    config.tls_server_name = "api.internal"
    client = RESTClientObject(config)
    kw = client.pool_manager.connection_pool_kw
    assert kw["cert_reqs"] == ssl.CERT_NONE
    assert kw["maxsize"] == 3
    assert kw["assert_hostname"] is False
    assert kw["server_hostname"] == "api.internal"


def test_proxy_manager_for_an_http_proxy() -> None:
    config = Configuration()
    config.proxy = "http://proxy.example:3128"
    config.proxy_headers = {"Proxy-Authorization": "Basic abc"}
    client = RESTClientObject(config)
    assert isinstance(client.pool_manager, urllib3.ProxyManager)
    assert client.pool_manager.proxy is not None and client.pool_manager.proxy.host == "proxy.example"
    assert client.pool_manager.proxy_headers == {"Proxy-Authorization": "Basic abc"}


def test_socks_proxy_manager() -> None:
    pytest.importorskip("socks", reason="PySocks is not installed")
    from urllib3.contrib.socks import SOCKSProxyManager

    config = Configuration()
    config.proxy = "socks5h://proxy.example:1080"
    assert isinstance(RESTClientObject(config).pool_manager, SOCKSProxyManager)


def test_requests_go_through_the_proxy(emulator: AgentApiEmulator) -> None:
    # The emulator answers absolute-form request targets, so it can stand in for a proxy.
    config = Configuration(host="http://api.example.invalid", access_token=emulator.token, retries=0)
    config.proxy = emulator.url
    config.allow_insecure_http = True
    with ApiClient(config) as client:
        run = AgentsApi(client).create_agent_run(emulator.org_id, {"prompt": "via proxy"})
    request = emulator.requests[-1]
    assert request.path == f"http://api.example.invalid/v1/organizations/{emulator.org_id}/agent/run"
    assert emulator.runs[run.id].prompt == "via proxy"


def test_the_token_does_not_go_in_clear_text_through_a_proxy(emulator: AgentApiEmulator) -> None:
    config = Configuration(host="http://api.example.invalid", access_token=emulator.token, retries=0)
    config.proxy = emulator.url
    with ApiClient(config) as client:
        with pytest.raises(ApiValueError, match="http://"):
            AgentsApi(client).create_agent_run(emulator.org_id, {"prompt": "p"})
    assert emulator.requests == []


def test_the_token_is_refused_over_plain_http_before_io() -> None:
    config = Configuration(host="http://api.example.invalid", access_token="tok", retries=0)
    with ApiClient(config) as client:
        with pytest.raises(ApiValueError) as caught:
            AgentsApi(client).create_agent_run(1, {"prompt": "p"})
    assert "reached the server" not in str(caught.value)


def test_the_token_is_refused_over_plain_http() -> None:
    config = Configuration(host="http://api.example.invalid", access_token="tok", retries=0)
    with ApiClient(config) as client:
        with pytest.raises((ApiException, ApiValueError), match="refusing to send the API token over plain http://"):
            AgentsApi(client).get_agent_run(1, 1)


@pytest.mark.parametrize(
    "url, expected",
    [
        ("socks5://proxy:1080", True),
        ("socks5h://proxy:1080", True),
        ("socks4://proxy:1080", True),
        ("SOCKS4A://proxy:1080", True),
        ("http://proxy:3128", False),
        ("https://proxy:3128", False),
        ("socks6://proxy", False),
        ("proxy:1080", False),
        (None, False),
    ],
)
def test_is_socks_proxy_url(url: Any, expected: bool) -> None:
    assert is_socks_proxy_url(url) is expected
