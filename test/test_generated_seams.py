"""The generated client's seams, used the way people's own test suites use them.

Code written for a client that the OpenAPI Generator makes reaches into its
helpers, its auth-setting dicts and its module attributes, and mocks them with
`unittest.mock`. This is the one place where the SDK's internals are mocked,
because the mocking is what is under test.
"""

from __future__ import annotations

import datetime
import enum
from typing import Any, Dict

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
