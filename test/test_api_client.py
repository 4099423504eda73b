"""ApiClient: construction, default headers, request building, sending and decoding, and its helpers."""

from __future__ import annotations

import datetime
import decimal
import enum
import json
import time
from pathlib import Path
from typing import Any, List, Tuple

import pytest
from pydantic import SecretStr

from openapi_client import (
    AgentRunResponse,
    ApiAgentRunSourceType,
    AgentsApi,
    ApiClient,
    ApiException,
    ApiValueError,
    Configuration,
    CreateAgentRunInput,
    HTTPValidationError,
    ValidationError,
    ValidationErrorLocInner,
    exceptions,
    rest,
)
from openapi_client.testing import AgentApiEmulator, Fault

USER_AGENT = "OpenAPI-Generator/1.0.0/python"
RUN_PATH = "/v1/organizations/{org_id}/agent/run"
TYPES = {"200": "AgentRunResponse", "422": "HTTPValidationError"}


# -- construction and default headers ------------------------------------------------


def test_constructor_arguments(emulator: AgentApiEmulator) -> None:
    config = Configuration(host=emulator.url, access_token=emulator.token, retries=0)
    client = ApiClient(config, header_name="X-Tenant", header_value="acme", cookie="session=42")
    assert client.configuration is config
    assert client.default_headers["X-Tenant"] == "acme"
    assert client.cookie == "session=42"
    assert isinstance(client.rest_client, rest.RESTClientObject)
    assert client.client_side_validation is True
    with client:
        AgentsApi(client).create_agent_run(emulator.org_id, {"prompt": "p"})
    request = emulator.requests[-1]
    assert request.headers["X-Tenant"] == "acme"
    assert request.headers["Cookie"] == "session=42"


def test_without_configuration_uses_the_default() -> None:
    previous = Configuration._default
    try:
        config = Configuration(host="http://127.0.0.1:9")
        Configuration.set_default(config)
        assert ApiClient().configuration is config
    finally:
        Configuration.set_default(previous)


def test_header_name_without_value_is_ignored() -> None:
    assert ApiClient(Configuration(), header_name="X-Only").default_headers == {"User-Agent": USER_AGENT}


def test_user_agent_default_is_sent(agents_api: AgentsApi, api_client: ApiClient, emulator: AgentApiEmulator) -> None:
    assert api_client.user_agent == USER_AGENT
    assert api_client.default_headers["User-Agent"] == USER_AGENT
    agents_api.create_agent_run(emulator.org_id, {"prompt": "p"})
    assert emulator.requests[-1].headers["User-Agent"] == USER_AGENT


def test_user_agent_can_be_changed(agents_api: AgentsApi, api_client: ApiClient, emulator: AgentApiEmulator) -> None:
    api_client.user_agent = "my-tool/2.0"
    assert api_client.default_headers["User-Agent"] == "my-tool/2.0"
    agents_api.create_agent_run(emulator.org_id, {"prompt": "p"})
    assert emulator.requests[-1].headers["User-Agent"] == "my-tool/2.0"


def test_set_default_header(agents_api: AgentsApi, api_client: ApiClient, emulator: AgentApiEmulator) -> None:
    api_client.set_default_header("X-Team", "platform")
    run = agents_api.create_agent_run(emulator.org_id, {"prompt": "p"})
    agents_api.get_agent_run(run.id, emulator.org_id)
    assert [r.headers["X-Team"] for r in emulator.requests] == ["platform", "platform"]


def test_per_call_headers_win_over_default_headers(
    agents_api: AgentsApi, api_client: ApiClient, emulator: AgentApiEmulator
) -> None:
    api_client.set_default_header("X-Team", "platform")
    agents_api.create_agent_run(emulator.org_id, {"prompt": "p"}, _headers={"X-Team": "data"})
    assert emulator.requests[-1].headers["X-Team"] == "data"


def _wait_for(predicate: Any, timeout: float = 3.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.01)
    return predicate()


def test_context_manager_closes_connections() -> None:
    with AgentApiEmulator(rate_limits=False) as emulator:  # its own, so no other test's connections count
        config = Configuration(host=emulator.url, access_token=emulator.token)
        with ApiClient(config) as client:
            assert isinstance(client, ApiClient)
            AgentsApi(client).create_agent_run(emulator.org_id, {"prompt": "p"})
            assert _wait_for(lambda: emulator.open_connections == 1)  # kept alive while in use
        assert _wait_for(lambda: emulator.open_connections == 0)


def test_get_default_and_set_default() -> None:
    previous = ApiClient._default
    try:
        ApiClient.set_default(None)
        first = ApiClient.get_default()
        assert isinstance(first, ApiClient)
        assert ApiClient.get_default() is first
        mine = ApiClient(Configuration(host="http://127.0.0.1:9"))
        ApiClient.set_default(mine)
        assert ApiClient.get_default() is mine
    finally:
        ApiClient.set_default(previous)


# -- param_serialize -------------------------------------------------------------------


def test_param_serialize_a_create_request() -> None:
    client = ApiClient(Configuration(host="https://api.example.com", access_token="tok"))
    method, url, headers, body, form = client.param_serialize(
        "POST",
        RUN_PATH,
        path_params={"org_id": 7},
        header_params={"Content-Type": "application/json"},
        body=CreateAgentRunInput(prompt="hello"),
        auth_settings=["BearerAuth"],
    )
    assert (method, url) == ("POST", "https://api.example.com/v1/organizations/7/agent/run")
    assert headers["Authorization"] == "Bearer tok"
    assert headers["Content-Type"] == "application/json"
    assert headers["User-Agent"] == USER_AGENT
    assert body == {"prompt": "hello"}
    assert form == []


def test_param_serialize_quotes_path_and_builds_the_query() -> None:
    client = ApiClient(Configuration(host="http://h"))
    _, url, headers, body, _ = client.param_serialize(
        "GET",
        "/items/{name}",
        path_params={"name": "a b/c"},
        query_params=[("ids", [1, 2]), ("flag", True), ("q", "x&y")],
        header_params={"X-List": ["a", "b"]},
        collection_formats={"ids": "multi", "X-List": "csv"},
    )
    assert url == "http://h/items/a%20b%2Fc?ids=1&ids=2&flag=true&q=x%26y"
    assert headers["X-List"] == "a,b"
    assert body is None


@pytest.mark.parametrize(
    "query",
    [
        [("limit", 100), ("skip", 0), ("user_id", -3)],
        [("source_type", "API"), ("q", "a b&c=d/é?#%")],
        [("n", 1), ("flag", True)],  # a bool among them: sent as true, the general way
        [("e", ApiAgentRunSourceType.API), ("f", 1.5)],
    ],
)
def test_param_serialize_sends_plain_query_values_as_the_general_helper_writes_them(query: Any) -> None:
    client = ApiClient(Configuration(host="http://h", access_token="tok"))
    _, url, _, _, _ = client.param_serialize(
        "GET", "/items", query_params=query, auth_settings=["BearerAuth"], _request_auth=None
    )
    sanitized = client.sanitize_for_serialization(query)
    assert url == "http://h/items?" + client.parameters_to_url_query(sanitized, None)


def test_param_serialize_adds_a_query_token_after_plain_values() -> None:
    client = ApiClient(Configuration(host="http://h"))
    _, url, headers, _, _ = client.param_serialize(
        "GET", "/items", query_params=[("limit", 5)],
        _request_auth={"in": "query", "key": "token", "value": "s e"},
    )
    assert url == "http://h/items?limit=5&token=s%20e"
    assert "Authorization" not in headers


def test_param_serialize_safe_chars_for_path_param() -> None:
    config = Configuration(host="http://h")
    config.safe_chars_for_path_param = "/"
    _, url, _, _, _ = ApiClient(config).param_serialize("GET", "/items/{name}", path_params={"name": "a/b"})
    assert url == "http://h/items/a/b"


def test_param_serialize_form_files_host_and_request_auth(tmp_path: Path) -> None:
    client = ApiClient(Configuration(host="http://h", access_token="configured"), cookie="c=1")
    _, url, headers, _, form = client.param_serialize(
        "POST",
        "/upload",
        post_params=[("name", "report")],
        files={"file": ("r.json", b"{}")},
        auth_settings=["BearerAuth"],
        _host="http://other:81",
        _request_auth={"in_": "header", "type": "bearer", "key": "Authorization", "value": "Bearer per-call"},
    )
    assert url == "http://other:81/upload"
    assert headers["Authorization"] == "Bearer per-call"
    assert headers["Cookie"] == "c=1"
    assert form == [("name", "report"), ("file", ("r.json", b"{}", "application/json"))]


def test_param_serialize_keeps_a_given_authorization_header() -> None:
    client = ApiClient(Configuration(host="http://h", access_token="configured"))
    _, _, headers, _, _ = client.param_serialize(
        "GET", "/x", header_params={"authorization": "Bearer mine"}, auth_settings=["BearerAuth"]
    )
    assert headers == {"User-Agent": USER_AGENT, "authorization": "Bearer mine"}


# -- call_api and response_deserialize -----------------------------------------------------


def _serialize_create(client: ApiClient, org_id: Any, body: Any) -> Tuple[str, str, Any, Any, Any]:
    return client.param_serialize(
        "POST",
        RUN_PATH,
        path_params={"org_id": org_id},
        header_params={"Content-Type": "application/json", "Accept": "application/json"},
        body=body,
        auth_settings=["BearerAuth"],
    )


def test_call_api_and_response_deserialize(api_client: ApiClient, emulator: AgentApiEmulator) -> None:
    method, url, headers, body, form = _serialize_create(api_client, emulator.org_id, {"prompt": "via call_api"})
    response = api_client.call_api(method, url, headers, body, form, 5)
    assert isinstance(response, rest.RESTResponse)
    assert response.status == 200
    assert json.loads(response.read())["organization_id"] == emulator.org_id
    decoded = api_client.response_deserialize(response, TYPES)
    assert decoded.status_code == 200
    assert isinstance(decoded.data, AgentRunResponse)
    assert decoded.raw_data == response.data
    assert decoded.headers is not None and decoded.headers["Content-Type"] == "application/json"
    assert emulator.runs[decoded.data.id].prompt == "via call_api"


def test_response_deserialize_of_an_error(api_client: ApiClient, emulator: AgentApiEmulator) -> None:
    method, url, headers, body, form = _serialize_create(api_client, emulator.org_id, {"no": "prompt"})
    response = api_client.call_api(method, url, headers, body, form)
    with pytest.raises(exceptions.UnprocessableEntityException) as caught:
        api_client.response_deserialize(response, TYPES)
    assert isinstance(caught.value.data, HTTPValidationError)
    assert caught.value.data.detail is not None
    assert caught.value.data.detail[0].type == "missing"


def test_response_deserialize_reads_an_unread_response(api_client: ApiClient, emulator: AgentApiEmulator) -> None:
    method, url, headers, body, form = _serialize_create(api_client, emulator.org_id, {"prompt": "p"})
    response = api_client.call_api(method, url, headers, body, form)
    assert response.data is None
    decoded = api_client.response_deserialize(response, TYPES)
    assert decoded.status_code == 200 and decoded.data.organization_id == emulator.org_id
    assert json.loads(response.read())["organization_id"] == emulator.org_id


@pytest.mark.parametrize(
    "response_type, body, content_type, expected",
    [
        (None, b'{"a": 1}', "application/json", None),
        ("bytearray", b"\x00\x01", "application/octet-stream", b"\x00\x01"),
        ("str", b"plain words", "text/plain; charset=utf-8", "plain words"),
        ("Dict[str, int]", b'{"a": 1}', "application/json", {"a": 1}),
        ("List[int]", b"[1, 2]", "application/problem+json", [1, 2]),
    ],
)
def test_response_deserialize_other_types(
    response_type: Any, body: bytes, content_type: str, expected: Any, api_client: ApiClient, emulator: AgentApiEmulator
) -> None:
    emulator.inject(Fault.body(body, content_type=content_type))
    response = api_client.call_api("GET", f"{emulator.url}/anything")
    decoded = api_client.response_deserialize(response, {"200": response_type})
    assert decoded.data == expected
    assert decoded.raw_data == body


def test_response_deserialize_to_a_file(api_client: ApiClient, emulator: AgentApiEmulator, tmp_path: Path) -> None:
    api_client.configuration.temp_folder_path = str(tmp_path)
    emulator.inject(Fault.body(b"file body", content_type="application/octet-stream"))
    decoded = api_client.response_deserialize(api_client.call_api("GET", f"{emulator.url}/f"), {"200": "file"})
    path = Path(decoded.data)
    assert path.parent == tmp_path
    assert path.read_bytes() == b"file body"


def test_response_deserialize_to_a_named_file(api_client: ApiClient, emulator: AgentApiEmulator, tmp_path: Path) -> None:
    api_client.configuration.temp_folder_path = str(tmp_path)
    disposition = {"Content-Disposition": 'attachment; filename="report.txt"'}
    emulator.inject(Fault.status(200, b"named body", disposition))
    decoded = api_client.response_deserialize(api_client.call_api("GET", f"{emulator.url}/f"), {"200": "file"})
    assert decoded.data == str(tmp_path / "report.txt")
    assert (tmp_path / "report.txt").read_bytes() == b"named body"


def test_a_named_download_leaves_no_stray_file(api_client: ApiClient, emulator: AgentApiEmulator, tmp_path: Path) -> None:
    api_client.configuration.temp_folder_path = str(tmp_path)
    emulator.inject(Fault.status(200, b"x", {"Content-Disposition": 'attachment; filename="report.txt"'}))
    api_client.response_deserialize(api_client.call_api("GET", f"{emulator.url}/f"), {"200": "file"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.txt"]


def test_response_deserialize_of_a_body_that_does_not_fit(api_client: ApiClient, emulator: AgentApiEmulator) -> None:
    emulator.inject(Fault.body(b"[1, 2", content_type="application/json"))
    response = api_client.call_api("GET", f"{emulator.url}/x")
    with pytest.raises(exceptions.ResponseDecodeError) as caught:
        api_client.response_deserialize(response, {"200": "List[int]"})
    assert caught.value.status == 200
    assert "[1, 2" in str(caught.value)


# -- sanitize_for_serialization ---------------------------------------------------------------


class Colour(enum.Enum):
    RED = "red"


class Plain:
    def __init__(self) -> None:
        self.a = 1
        self.when = datetime.date(2024, 1, 15)


@pytest.mark.parametrize(
    "value, expected",
    [
        (None, None),
        (True, True),
        (3, 3),
        (2.5, 2.5),
        ("text", "text"),
        (b"raw", b"raw"),
        (Colour.RED, "red"),
        (SecretStr("hidden"), "hidden"),
        ([1, "a", None], [1, "a", None]),
        ((1, datetime.date(2024, 1, 15)), (1, "2024-01-15")),
        ({"k": decimal.Decimal("1.50")}, {"k": "1.50"}),
        (datetime.date(2024, 1, 15), "2024-01-15"),
        (
            datetime.datetime(2024, 1, 15, 10, 30, tzinfo=datetime.timezone.utc),
            "2024-01-15T10:30:00+00:00",
        ),
        (decimal.Decimal("3.14"), "3.14"),
        (CreateAgentRunInput(prompt="p"), {"prompt": "p"}),
        (AgentRunResponse(id=1, organization_id=2, status=None), {"id": 1, "organization_id": 2, "status": None}),
        (
            [ValidationError(loc=["body", 0], msg="m", type="t")],
            [{"loc": ["body", 0], "msg": "m", "type": "t"}],
        ),
        (Plain(), {"a": 1, "when": "2024-01-15"}),
    ],
)
def test_sanitize_for_serialization(value: Any, expected: Any) -> None:
    assert ApiClient(Configuration()).sanitize_for_serialization(value) == expected


def test_sanitize_nested_models_in_dicts() -> None:
    client = ApiClient(Configuration())
    value = {"input": CreateAgentRunInput(prompt="p"), "loc": ValidationErrorLocInner("body")}
    assert client.sanitize_for_serialization(value) == {"input": {"prompt": "p"}, "loc": "body"}


# -- deserialize --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, response_type, content_type, expected",
    [
        ('{"id": 1, "organization_id": 2}', "AgentRunResponse", "application/json", AgentRunResponse(id=1, organization_id=2)),
        ("[1, 2]", "List[int]", "application/json", [1, 2]),
        ('{"a": [1]}', "Dict[str, List[int]]", "application/json", {"a": [1]}),
        ("5", "int", None, 5),
        ("2.5", "float", "application/json", 2.5),
        ("true", "bool", "application/json", True),
        ('"x"', "str", "application/json; charset=utf-8", "x"),
        ("hello", "str", "text/plain", "hello"),
        ('"2024-01-15"', "date", "application/json", datetime.date(2024, 1, 15)),
        ('"1.10"', "decimal", "application/json", decimal.Decimal("1.10")),
        ('{"any": ["thing"]}', "object", "application/json", {"any": ["thing"]}),
        ("", "AgentRunResponse", "application/json", None),
        ("null", "AgentRunResponse", "application/json", None),
    ],
)
def test_deserialize(text: str, response_type: str, content_type: Any, expected: Any) -> None:
    assert ApiClient(Configuration()).deserialize(text, response_type, content_type) == expected


def test_deserialize_a_datetime() -> None:
    value = ApiClient(Configuration()).deserialize('"2024-01-15T10:30:00Z"', "datetime", "application/json")
    assert value == datetime.datetime(2024, 1, 15, 10, 30, tzinfo=datetime.timezone.utc)


def test_deserialize_nested_models() -> None:
    text = '{"detail": [{"loc": ["path", "org_id"], "msg": "bad", "type": "int_parsing"}]}'
    value = ApiClient(Configuration()).deserialize(text, "HTTPValidationError", "application/json")
    assert isinstance(value, HTTPValidationError)
    assert [p.actual_instance for p in value.detail[0].loc] == ["path", "org_id"]  # type: ignore[index]


def test_deserialize_an_unsupported_content_type() -> None:
    with pytest.raises(ApiException, match="Unsupported content type"):
        ApiClient(Configuration()).deserialize("<x/>", "str", "application/xml")


# -- parameters_to_tuples / parameters_to_url_query ------------------------------------------------


@pytest.mark.parametrize(
    "fmt, expected",
    [
        ("multi", [("ids", 1), ("ids", 2), ("ids", 3)]),
        ("csv", [("ids", "1,2,3")]),
        ("ssv", [("ids", "1 2 3")]),
        ("tsv", [("ids", "1\t2\t3")]),
        ("pipes", [("ids", "1|2|3")]),
    ],
)
def test_parameters_to_tuples_collection_formats(fmt: str, expected: List[Tuple[str, Any]]) -> None:
    client = ApiClient(Configuration())
    assert client.parameters_to_tuples({"ids": [1, 2, 3], "x": "y"}, {"ids": fmt}) == expected + [("x", "y")]
    assert client.parameters_to_tuples([("ids", (1, 2, 3))], {"ids": fmt}) == expected


def test_parameters_to_tuples_without_formats() -> None:
    client = ApiClient(Configuration())
    assert client.parameters_to_tuples({"a": [1, 2], "b": 3}, None) == [("a", [1, 2]), ("b", 3)]


@pytest.mark.parametrize(
    "fmt, expected",
    [
        ("multi", "ids=1&ids=2"),
        # The delimiter is not encoded, as in generated clients; the values are.
        ("csv", "ids=1,2"),
        ("ssv", "ids=1 2"),
        ("tsv", "ids=1\t2"),
        ("pipes", "ids=1|2"),
    ],
)
def test_parameters_to_url_query_collection_formats(fmt: str, expected: str) -> None:
    client = ApiClient(Configuration())
    assert client.parameters_to_url_query([("ids", [1, 2])], {"ids": fmt}) == expected


def test_parameters_to_url_query_values() -> None:
    client = ApiClient(Configuration())
    query = client.parameters_to_url_query(
        {"flag": False, "n": 2, "x": 1.5, "s": "a b&c", "d": {"k": 1}, "many": ["a", "b"]}, None
    )
    assert query == "flag=false&n=2&x=1.5&s=a%20b%26c&d=%7B%22k%22%3A%201%7D&many=a&many=b"


# -- files_parameters --------------------------------------------------------------------------


def test_files_parameters(tmp_path: Path) -> None:
    first = tmp_path / "notes.txt"
    first.write_bytes(b"first")
    second = tmp_path / "data.json"
    second.write_bytes(b"{}")
    client = ApiClient(Configuration())
    params = client.files_parameters(
        {"one": str(first), "many": [str(first), str(second)], "raw": b"\x00", "pair": ("image.png", b"PNG")}
    )
    assert params == [
        ("one", ("notes.txt", b"first", "text/plain")),
        ("many", ("notes.txt", b"first", "text/plain")),
        ("many", ("data.json", b"{}", "application/json")),
        ("raw", ("raw", b"\x00", "application/octet-stream")),
        ("pair", ("image.png", b"PNG", "image/png")),
    ]
    assert client.files_parameters() == []
    assert client.files_parameters(None) == []


def test_files_parameters_refuses_other_values() -> None:
    with pytest.raises(ApiValueError, match="upload"):
        ApiClient(Configuration()).files_parameters({"upload": 42})  # type: ignore[dict-item]


def test_files_are_sent_as_multipart(api_client: ApiClient, emulator: AgentApiEmulator) -> None:
    method, url, headers, body, form = api_client.param_serialize(
        "POST",
        "/upload",
        header_params={"Content-Type": "multipart/form-data"},
        post_params=[("name", "report")],
        files={"file": ("r.txt", b"file content")},
    )
    api_client.call_api(method, url, headers, body, form)
    request = emulator.requests[-1]
    assert request.headers["Content-Type"].startswith("multipart/form-data; boundary=")
    assert b'name="name"' in request.body and b"report" in request.body
    assert b'filename="r.txt"' in request.body and b"file content" in request.body


# -- header selection and auth --------------------------------------------------------------


@pytest.mark.parametrize(
    "offered, chosen",
    [
        ([], None),
        (["application/json"], "application/json"),
        (["text/plain", "application/problem+JSON"], "application/problem+JSON"),
        (["text/plain", "application/xml"], "text/plain"),
    ],
)
def test_select_header_accept_and_content_type(offered: List[str], chosen: Any) -> None:
    client = ApiClient(Configuration())
    assert client.select_header_accept(offered) == chosen
    assert client.select_header_content_type(offered) == chosen


def test_update_params_for_auth_from_configuration() -> None:
    client = ApiClient(Configuration(access_token="tok"))
    headers: dict = {}
    queries: list = []
    client.update_params_for_auth(headers, queries, ["BearerAuth"], "/x", "GET", None)
    assert headers == {"Authorization": "Bearer tok"}
    assert queries == []


def test_update_params_for_auth_without_settings_or_token() -> None:
    headers: dict = {}
    ApiClient(Configuration(access_token="tok")).update_params_for_auth(headers, [], None, "/x", "GET", None)
    ApiClient(Configuration(access_token="tok")).update_params_for_auth(headers, [], ["Unknown"], "/x", "GET", None)
    ApiClient(Configuration()).update_params_for_auth(headers, [], ["BearerAuth"], "/x", "GET", None)
    assert headers == {}


@pytest.mark.parametrize(
    "setting, header, query",
    [
        ({"in_": "header", "type": "api_key", "key": "X-Api-Key", "value": "k"}, {"X-Api-Key": "k"}, []),
        ({"in_": "query", "type": "api_key", "key": "api_key", "value": "k"}, {}, [("api_key", "k")]),
        ({"in_": "cookie", "type": "api_key", "key": "session", "value": "s=1"}, {"Cookie": "s=1"}, []),
        ({"in_": "header", "type": "http-signature", "key": "Authorization", "value": None}, {}, []),
    ],
)
def test_update_params_for_auth_with_request_auth(setting: Any, header: Any, query: Any) -> None:
    client = ApiClient(Configuration(access_token="configured"))
    headers: dict = {}
    queries: list = []
    client.update_params_for_auth(headers, queries, ["BearerAuth"], "/x", "GET", None, request_auth=setting)
    assert headers == header  # the per-call setting replaces the configured token
    assert queries == query


def test_update_params_for_auth_refuses_an_unknown_location() -> None:
    with pytest.raises(ApiValueError, match="query"):
        ApiClient(Configuration()).update_params_for_auth(
            {}, [], None, "/x", "GET", None, request_auth={"in_": "body", "key": "k", "value": "v"}
        )
