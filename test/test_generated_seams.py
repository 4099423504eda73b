"""The generated client's seams, used the way people's own test suites use them.

Code written for a client that the OpenAPI Generator makes reaches into its
helpers, its auth-setting dicts and its module attributes, and mocks them with
`unittest.mock`. This is the one place where the SDK's internals are mocked,
because the mocking is what is under test.
"""

from __future__ import annotations

import datetime
import enum
import io
import json
from typing import Any, Dict, Iterator

import pytest

import openapi_client
from openapi_client import AgentRunResponse, ApiClient, ApiException, Configuration
from openapi_client import configuration as configuration_module
from openapi_client.testing import AgentApiEmulator

PROMPT = "Add type hints to utils/dates.py"


# -- the generated private helpers, by their mangled names ---------------------------------------


class Colour(enum.Enum):
    RED = "red"


def test_mangled_deserialize_helpers_behave_as_generated() -> None:
    client = ApiClient(Configuration())
    assert client._ApiClient__deserialize_primitive("12", int) == 12  # type: ignore[attr-defined]
    assert client._ApiClient__deserialize_primitive({"a": 1}, int) == {"a": 1}  # type: ignore[attr-defined]
    assert client._ApiClient__deserialize_date("2025-10-01") == datetime.date(2025, 10, 1)  # type: ignore[attr-defined]
    assert client._ApiClient__deserialize_datetime("2025-10-01T12:30:00Z") == datetime.datetime(  # type: ignore[attr-defined]
        2025, 10, 1, 12, 30, tzinfo=datetime.timezone.utc
    )
    assert client._ApiClient__deserialize_enum("red", Colour) is Colour.RED  # type: ignore[attr-defined]
    run = client._ApiClient__deserialize_model({"id": 7, "organization_id": 1}, AgentRunResponse)  # type: ignore[attr-defined]
    assert isinstance(run, AgentRunResponse) and run.id == 7


@pytest.mark.parametrize(
    "helper, value",
    [("_ApiClient__deserialize_date", "not a date"), ("_ApiClient__deserialize_datetime", "not a time")],
)
def test_unparsable_dates_raise_api_exception_with_status_0(helper: str, value: str) -> None:
    with pytest.raises(ApiException) as raised:
        getattr(ApiClient(Configuration()), helper)(value)
    assert raised.value.status == 0
    assert value in str(raised.value.reason)


def test_an_unknown_enum_value_raises_api_exception_naming_it() -> None:
    with pytest.raises(ApiException) as raised:
        ApiClient(Configuration())._ApiClient__deserialize_enum("blue", Colour)  # type: ignore[attr-defined]
    assert raised.value.status == 0 and "blue" in str(raised.value.reason)


def test_deserialize_without_content_type_falls_back_to_the_text() -> None:
    client = ApiClient(Configuration())
    assert client.deserialize("plain words", "str", None) == "plain words"
    assert client.deserialize('{"id": 1, "organization_id": 2}', "AgentRunResponse", None).id == 1
    assert client.deserialize("[1, 2]", "List[int]", None) == [1, 2]


# -- auth settings with the key "in" ------------------------------------------------------------


def test_auth_settings_use_the_key_in() -> None:
    setting = Configuration(access_token="tok").auth_settings()["BearerAuth"]
    assert setting["in"] == "header"
    assert "in_" not in setting
    assert "in" in configuration_module.BearerAuthSetting.__annotations__
    assert configuration_module.ServerVariablesT == Dict[str, str]


@pytest.mark.parametrize("key", ["in", "in_"])
def test_update_params_for_auth_accepts_in_and_in_(key: str) -> None:
    client = ApiClient(Configuration())
    headers: Dict[str, Any] = {}
    queries: list = []
    setting = {key: "query", "type": "api_key", "key": "api_key", "value": "secret"}
    client.update_params_for_auth(headers, queries, ["BearerAuth"], "/x", "GET", None, request_auth=setting)
    assert queries == [("api_key", "secret")]


@pytest.mark.parametrize("key", ["in", "in_"])
def test_request_auth_given_to_an_api_method_is_honoured(key: str, emulator: AgentApiEmulator) -> None:
    emulator.add_token("per-call-token", [emulator.org_id])
    auth = {key: "header", "type": "bearer", "key": "Authorization", "value": "Bearer per-call-token"}
    config = Configuration(host=emulator.url, access_token=emulator.token, retries=0)
    with ApiClient(config) as client:
        api = openapi_client.AgentsApi(client)
        run = api.create_agent_run_v1_organizations_org_id_agent_run_post(
            emulator.org_id, {"prompt": PROMPT}, _request_auth=auth
        )
        api.get_agent_run(run.id, emulator.org_id, _request_auth=auth)
    assert [r.token for r in emulator.requests] == ["per-call-token", "per-call-token"]


# -- module attributes that suites patch ----------------------------------------------------------


def test_patching_api_client_api_response_takes_effect(emulator: AgentApiEmulator) -> None:
    from unittest import mock

    import openapi_client.api_client

    run = emulator.create_run()
    config = Configuration(host=emulator.url, access_token=emulator.token, retries=0)
    with ApiClient(config) as client, mock.patch("openapi_client.api_client.ApiResponse") as fake:
        result = openapi_client.AgentsApi(client).get_agent_run_with_http_info(run.id, emulator.org_id)
    assert result is fake.return_value
    kwargs = fake.call_args.kwargs
    assert kwargs["status_code"] == 200 and kwargs["data"].id == run.id
    assert kwargs["raw_data"].startswith(b"{")
    # After the patch the real class is back, and used.
    with ApiClient(config) as client:
        info = openapi_client.AgentsApi(client).get_agent_run_with_http_info(run.id, emulator.org_id)
    assert type(info) is openapi_client.api_client.ApiResponse
    assert info.headers is not None and info.headers["content-type"].startswith("application/json")


# -- the transport seams: call_api, param_serialize, RESTClientObject.request, urllib3 ------------
#
# Every operation is called through each seam, with the arguments the contract test uses, against
# the contract mock (a real server on 127.0.0.1 that checks each request): a patch that takes
# effect leaves the mock with no request at all.

from unittest import mock as um  # noqa: E402

import urllib3  # noqa: E402

from openapi_client import rest  # noqa: E402
from openapi_client.api.operation import ApiBase  # noqa: E402
from test.contract_mock import ContractMock  # noqa: E402
from test.model_examples import EXAMPLES  # noqa: E402
from test.test_contract_requests import API_CLASSES, CALLS  # noqa: E402

#: short name -> the class that holds it
OWNERS = {short: next(cls for cls in API_CLASSES if hasattr(cls, short)) for short in CALLS}
BODIES = {model: data for model, data in reversed(EXAMPLES)}


def canned(short: str) -> bytes:
    """A 200 body for the operation `short`."""
    model = CALLS[short][2]
    if isinstance(model, list):  # a list of that model
        return json.dumps([BODIES[model[0]]]).encode()
    return json.dumps(BODIES[model] if model is not None else {"message": "done"}).encode()


def decodes_to(short: str) -> Any:
    """The type the operation `short` returns: its model, `list`, or None for JSON as it is."""
    model = CALLS[short][2]
    return list if isinstance(model, list) else model


def urllib3_response(body: bytes, status: int = 200) -> urllib3.HTTPResponse:
    """An unread urllib3 response, as a user's mock of urllib3 returns one."""
    return urllib3.HTTPResponse(
        body=io.BytesIO(body), status=status, headers={"Content-Type": "application/json"},
        preload_content=False, reason="OK" if status == 200 else "Not Found",
    )


def call(api: ApiBase, short: str) -> Any:
    args, optional, _ = CALLS[short]
    return getattr(api, short)(*args, **optional)


@pytest.fixture(scope="module")
def contract_server() -> Iterator[ContractMock]:
    with ContractMock() as server:
        yield server


@pytest.fixture
def server(contract_server: ContractMock) -> ContractMock:
    contract_server.clear()
    return contract_server


def settings(server: ContractMock) -> Configuration:
    return Configuration(host=server.url, access_token="configured-token", retries=0)


@pytest.mark.parametrize("short", list(CALLS))
def test_a_rest_client_subclass_with_the_generated_signature_serves_every_operation(
    short: str, server: ContractMock
) -> None:
    seen: list = []

    class RecordingRESTClient(rest.RESTClientObject):
        def request(  # type: ignore[override]
            self, method, url, headers=None, body=None, post_params=None, _request_timeout=None
        ):
            seen.append(((method, url), {"headers": headers, "body": body, "post_params": post_params,
                                         "_request_timeout": _request_timeout}))
            return super().request(method, url, headers=headers, body=body, post_params=post_params,
                                   _request_timeout=_request_timeout)

    config = settings(server)
    with ApiClient(config) as client:
        client.rest_client = RecordingRESTClient(config)
        result = call(OWNERS[short](client), short)
    model = decodes_to(short)
    assert model is None or isinstance(result, model)
    assert len(seen) == 1 and seen[0][0][1].startswith(server.url + "/v1/")
    assert [r.problems for r in server.requests] == [[]]


def test_call_api_is_called_as_generated_and_a_canned_unread_response_gives_the_model() -> None:
    body = canned("get_agent_run")
    with um.patch.object(ApiClient, "call_api") as call_api:
        call_api.return_value = rest.RESTResponse(urllib3_response(body))
        api = openapi_client.AgentsApi(ApiClient(Configuration(host="https://api.example.test")))
        run = api.get_agent_run(118342, 4217, _request_timeout=3.0)
    assert isinstance(run, AgentRunResponse) and run.id == json.loads(body)["id"]
    args, kwargs = call_api.call_args
    assert args[:2] == ("GET", "https://api.example.test/v1/organizations/4217/agent/run/118342")
    assert len(args) == 5 and kwargs == {"_request_timeout": 3.0}
    assert args[2]["Accept"] == "application/json"


def test_a_canned_error_response_from_call_api_raises_the_typed_exception() -> None:
    with um.patch.object(ApiClient, "call_api") as call_api:
        call_api.return_value = rest.RESTResponse(
            urllib3_response(b'{"message": "Agent run 5 not found.", "status_code": 404}', 404)
        )
        with pytest.raises(openapi_client.exceptions.NotFoundException) as raised:
            openapi_client.AgentsApi(ApiClient(Configuration())).get_agent_run(5, 1)
    assert raised.value.status == 404 and "not found" in str(raised.value.body)


def test_a_patched_param_serialize_returning_the_generated_tuple_works(emulator: AgentApiEmulator) -> None:
    run = emulator.create_run()
    url = f"{emulator.url}/v1/organizations/{emulator.org_id}/agent/run/{run.id}"
    headers = {"Authorization": f"Bearer {emulator.token}", "Accept": "application/json"}
    with ApiClient(Configuration(host="https://unused.example.test")) as client, um.patch.object(
        client, "param_serialize", return_value=("GET", url, headers, None, [])
    ):
        fetched = openapi_client.AgentsApi(client).get_agent_run(999, 999)
    assert fetched.id == run.id
    assert emulator.requests[-1].path == url[len(emulator.url):]


@pytest.mark.parametrize("short", list(CALLS))
def test_patching_pool_manager_request_intercepts_every_operation(short: str, server: ContractMock) -> None:
    with ApiClient(settings(server)) as client, um.patch.object(
        urllib3.PoolManager, "request", side_effect=lambda *a, **k: urllib3_response(canned(short))
    ) as request:
        api = OWNERS[short](client)
        call(api, short)
        variants = [getattr(api, f"{short}_with_http_info"), getattr(api, f"{short}_without_preload_content")]
        for variant in variants:
            args, optional, _ = CALLS[short]
            variant(*args, **optional)
    assert request.call_count == 3
    assert request.call_args.args[1].startswith(server.url + "/v1/")
    assert request.call_args.kwargs["preload_content"] is False
    assert server.requests == []  # nothing went around the patch


def test_patching_the_pool_manager_class_in_rest_intercepts_requests(server: ContractMock) -> None:
    with um.patch("openapi_client.rest.urllib3.PoolManager") as manager_class:
        manager_class.return_value.request.side_effect = lambda *a, **k: urllib3_response(canned("get_agent_run"))
        with ApiClient(settings(server)) as client:
            run = openapi_client.AgentsApi(client).get_agent_run(118342, 4217)
    assert isinstance(run, AgentRunResponse)
    method, url = manager_class.return_value.request.call_args.args
    assert (method, url) == ("GET", f"{server.url}/v1/organizations/4217/agent/run/118342")
    assert server.requests == []


def test_a_patch_on_urllib3_urlopen_intercepts_too(server: ContractMock) -> None:
    with ApiClient(settings(server)) as client, um.patch.object(
        urllib3.PoolManager, "urlopen", side_effect=lambda *a, **k: urllib3_response(canned("get_agent_run"))
    ) as urlopen:
        openapi_client.AgentsApi(client).get_agent_run(118342, 4217)
    assert urlopen.call_count == 1 and server.requests == []


@pytest.mark.parametrize(
    "module, cls",
    [
        ("agents_api", "AgentsApi"), ("agents_alpha_api", "AgentsAlphaApi"), ("agents_beta_api", "AgentsBetaApi"),
        ("organizations_api", "OrganizationsApi"), ("users_api", "UsersApi"),
        ("repositories_api", "RepositoriesApi"),
    ],
)
def test_patching_an_api_modules_api_client_takes_effect(module: str, cls: str) -> None:
    with um.patch(f"openapi_client.api.{module}.ApiClient") as fake_client:
        api = getattr(openapi_client, cls)()
    assert api.api_client is fake_client.get_default.return_value


def test_a_mocked_api_client_gets_the_generated_calls() -> None:
    with um.patch("openapi_client.api.agents_api.ApiClient") as fake_client:
        client = fake_client.get_default.return_value
        result = openapi_client.AgentsApi().get_agent_run(7, 1)
    client.param_serialize.assert_called_once()
    assert client.param_serialize.call_args.kwargs["path_params"] == {"org_id": 1, "agent_run_id": 7}
    client.call_api.assert_called_once()
    client.call_api.return_value.read.assert_called_once()
    assert result is client.response_deserialize.return_value.data
