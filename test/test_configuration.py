"""Configuration: defaults, attributes, auth, hosts, defaults and copies, logging, secrecy of the token."""

from __future__ import annotations

import copy
import logging
import typing
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest
from typing_extensions import is_typeddict

import openapi_client.configuration as configuration_module
from openapi_client import AgentsApi, ApiClient, Configuration
from openapi_client.configuration import HostSetting
from openapi_client.testing import AgentApiEmulator

TOKEN = "sk-very-secret-token-0123456789"

CONSTRUCTOR_VALUES: Dict[str, Any] = {
    "host": "https://api.example.com",
    "api_key": {"ApiKeyAuth": "k"},
    "api_key_prefix": {"ApiKeyAuth": "Token"},
    "username": "user",
    "password": "pass",
    "access_token": TOKEN,
    "server_index": None,
    "server_variables": {"region": "eu"},
    "server_operation_index": {1: 0},
    "server_operation_variables": {1: {"region": "us"}},
    "ignore_operation_servers": True,
    "ssl_ca_cert": "/etc/ssl/ca.pem",
    "retries": 2,
    "ca_cert_data": "-----BEGIN CERTIFICATE-----",
    "debug": False,
}

SETTABLE: Dict[str, Any] = {
    "verify_ssl": False,
    "ssl_ca_cert": "/tmp/ca.pem",
    "ca_cert_data": b"pem",
    "cert_file": "/tmp/cert.pem",
    "key_file": "/tmp/key.pem",
    "assert_hostname": False,
    "tls_server_name": "api.internal",
    "connection_pool_maxsize": 3,
    "proxy": "http://proxy:3128",
    "proxy_headers": {"Proxy-Authorization": "Basic x"},
    "retries": 5,
    "socket_options": [(6, 1, 1)],
    "safe_chars_for_path_param": "/",
    "client_side_validation": False,
    "datetime_format": "%Y",
    "date_format": "%d.%m.%Y",
    "temp_folder_path": "/tmp",
    "refresh_api_key_hook": print,
    "logger_format": "%(message)s",
    "logger": {"package_logger": logging.getLogger("my.app")},
    "api_key": {"a": "b"},
    "api_key_prefix": {"a": "Bearer"},
    "access_token": "other",
    "username": "u",
    "password": "p",
}


@pytest.fixture
def restore_loggers() -> Iterator[None]:
    """Put the package's and urllib3's loggers back as they were."""
    loggers = [logging.getLogger("openapi_client"), logging.getLogger("urllib3")]
    saved = [(logger.level, list(logger.handlers)) for logger in loggers]
    yield
    for logger, (level, handlers) in zip(loggers, saved):
        for handler in logger.handlers:
            if handler not in handlers:
                logger.removeHandler(handler)
                handler.close()
        logger.setLevel(level)


@pytest.fixture
def restore_default() -> Iterator[None]:
    previous = Configuration._default
    yield
    Configuration.set_default(previous)


def test_defaults() -> None:
    config = Configuration()
    assert config.host == "http://localhost"
    assert config.api_key == {}
    assert config.api_key_prefix == {}
    assert config.username is None and config.password is None and config.access_token is None
    assert config.server_index is None
    assert config.server_variables == {}
    assert config.server_operation_index == {}
    assert config.server_operation_variables == {}
    assert config.ignore_operation_servers is False
    assert config.ssl_ca_cert is None and config.ca_cert_data is None
    assert config.retries is None
    assert config.debug is False
    assert config.verify_ssl is True
    assert config.cert_file is None and config.key_file is None
    assert config.assert_hostname is None and config.tls_server_name is None
    assert config.proxy is None and config.proxy_headers is None
    assert config.safe_chars_for_path_param == ""
    assert config.client_side_validation is True
    assert config.socket_options is None
    assert config.temp_folder_path is None
    assert config.refresh_api_key_hook is None
    assert config.logger_file is None
    assert config.connection_pool_maxsize >= 1
    assert set(config.logger) == {"package_logger", "urllib3_logger"}
    assert config.auth_settings() == {}


def test_every_constructor_argument_is_kept() -> None:
    config = Configuration(**CONSTRUCTOR_VALUES)
    for name, value in CONSTRUCTOR_VALUES.items():
        assert getattr(config, name) == value, name


@pytest.mark.parametrize("name, value", sorted(SETTABLE.items()))
def test_settable_attributes(name: str, value: Any) -> None:
    config = Configuration()
    assert hasattr(config, name), f"Configuration has no {name} before it is set"
    setattr(config, name, value)
    assert getattr(config, name) == value


def test_settings_are_used_by_a_client(emulator: AgentApiEmulator) -> None:
    config = Configuration(retries=0)
    config.host = emulator.url
    config.access_token = emulator.token
    with ApiClient(config) as client:
        run = AgentsApi(client).create_agent_run(emulator.org_id, {"prompt": "p"})
    assert emulator.requests[-1].token == emulator.token
    assert run.organization_id == emulator.org_id


# -- auth ---------------------------------------------------------------------------


def test_auth_settings_with_access_token() -> None:
    assert Configuration(access_token="tok").auth_settings() == {
        "BearerAuth": {"type": "bearer", "in": "header", "key": "Authorization", "value": "Bearer tok"}
    }


def test_auth_settings_follow_a_changed_token() -> None:
    config = Configuration(access_token="one")
    config.access_token = "two"
    assert config.auth_settings()["BearerAuth"]["value"] == "Bearer two"
    config.access_token = None
    assert config.auth_settings() == {}


def test_get_api_key_with_prefix() -> None:
    config = Configuration(api_key={"key": "secret", "other": "x"}, api_key_prefix={"key": "Token"})
    assert config.get_api_key_with_prefix("key") == "Token secret"
    assert config.get_api_key_with_prefix("other") == "x"
    assert config.get_api_key_with_prefix("missing") is None


def test_get_api_key_with_alias() -> None:
    config = Configuration(api_key={"alias": "from-alias", "both": "own"})
    assert config.get_api_key_with_prefix("missing", alias="alias") == "from-alias"
    assert config.get_api_key_with_prefix("both", alias="alias") == "own"
    assert config.get_api_key_with_prefix("missing", alias="nope") is None


def test_refresh_api_key_hook_runs_before_each_lookup() -> None:
    calls: List[int] = []

    def refresh(config: Configuration) -> None:
        calls.append(1)
        config.api_key["key"] = f"fresh-{len(calls)}"

    config = Configuration()
    config.refresh_api_key_hook = refresh
    assert config.get_api_key_with_prefix("key") == "fresh-1"
    assert config.get_api_key_with_prefix("key") == "fresh-2"


def test_get_basic_auth_token() -> None:
    assert Configuration(username="user", password="pass").get_basic_auth_token() == "Basic dXNlcjpwYXNz"
    assert Configuration(username="user").get_basic_auth_token() == "Basic dXNlcjo="
    assert Configuration().get_basic_auth_token() is None


# -- the token never shows -------------------------------------------------------------


def test_repr_and_debug_report_never_hold_the_token() -> None:
    config = Configuration(host="https://api.example.com", access_token=TOKEN, password="hunter2")
    for text in (repr(config), str(config), config.to_debug_report()):
        assert TOKEN not in text
        assert "hunter2" not in text
    assert "https://api.example.com" in repr(config)


def test_debug_report_content() -> None:
    report = Configuration().to_debug_report()
    assert "Python SDK Debug Report" in report
    assert "SDK Package Version: 1.0.0" in report
    assert "Version of the API: 1.0.0" in report


def test_debug_logging_never_holds_the_token(
    emulator: AgentApiEmulator, caplog: pytest.LogCaptureFixture, restore_loggers: None
) -> None:
    config = Configuration(host=emulator.url, access_token=emulator.token, retries=0, debug=True)
    assert config.debug is True
    with caplog.at_level(logging.DEBUG):
        with ApiClient(config) as client:
            run = AgentsApi(client).create_agent_run(emulator.org_id, {"prompt": "p"})
            AgentsApi(client).get_agent_run(run.id, emulator.org_id)
    assert caplog.records  # something was logged ...
    assert emulator.token not in caplog.text  # ... but not the token
    assert "Bearer" not in caplog.text


# -- hosts ----------------------------------------------------------------------------

SERVERS: List[HostSetting] = [
    {"url": "https://plain.example.com", "description": "no variables"},
    {
        "url": "https://{region}.example.com/{version}",
        "description": "with variables",
        "variables": {
            "region": {"description": "where", "default_value": "eu", "enum_values": ["eu", "us"]},
            "version": {"description": "free text", "default_value": "v1", "enum_values": []},
        },
    },
]


def test_get_host_settings() -> None:
    settings = Configuration().get_host_settings()
    assert settings and all(setting["url"].startswith("https://") for setting in settings)
    assert all("description" in setting for setting in settings)


def test_get_host_from_settings() -> None:
    config = Configuration()
    assert config.get_host_from_settings(None) == "http://localhost"
    assert config.get_host_from_settings(0, servers=SERVERS) == "https://plain.example.com"
    assert config.get_host_from_settings(1, servers=SERVERS) == "https://eu.example.com/v1"
    assert config.get_host_from_settings(1, {"region": "us", "version": "v2"}, SERVERS) == "https://us.example.com/v2"
    assert config.get_host_from_settings(0) == config.get_host_settings()[0]["url"]


@pytest.mark.parametrize("index", [2, -1, 99])
def test_get_host_from_settings_bad_index(index: int) -> None:
    with pytest.raises(ValueError, match=f"Invalid index {index}"):
        Configuration().get_host_from_settings(index, servers=SERVERS)


def test_get_host_from_settings_bad_variable() -> None:
    with pytest.raises(ValueError, match="region") as caught:
        Configuration().get_host_from_settings(1, {"region": "mars"}, SERVERS)
    assert "mars" in str(caught.value)


def test_host_property() -> None:
    config = Configuration(host="http://first")
    assert config.host == "http://first"
    config.server_index = 0
    assert config.host == config.get_host_settings()[0]["url"]
    config.host = "http://second"
    assert config.host == "http://second"
    assert config.server_index is None


def test_server_index_chooses_the_host() -> None:
    config = Configuration(server_index=0)
    assert config.host == config.get_host_settings()[0]["url"]


# -- defaults and copies ------------------------------------------------------------------


def test_get_default_and_set_default(restore_default: None) -> None:
    Configuration.set_default(None)
    default = Configuration.get_default()
    assert isinstance(default, Configuration)
    assert Configuration.get_default() is default
    mine = Configuration(host="http://mine")
    Configuration.set_default(mine)
    assert Configuration.get_default() is mine
    assert ApiClient().configuration is mine


def test_get_default_copy_is_independent(restore_default: None) -> None:
    original = Configuration(host="http://mine", api_key={"k": "v"}, access_token="tok")
    Configuration.set_default(original)
    clone = Configuration.get_default_copy()
    assert clone is not original
    assert (clone.host, clone.api_key, clone.access_token) == ("http://mine", {"k": "v"}, "tok")
    clone.api_key["k"] = "changed"
    clone.host = "http://other"
    assert original.api_key == {"k": "v"}
    assert original.host == "http://mine"
    assert Configuration.get_default() is original


def test_deepcopy() -> None:
    config = Configuration(host="http://h", api_key={"k": "v"}, server_variables={"region": "eu"}, retries=3)
    config.proxy_headers = {"X": "1"}
    clone = copy.deepcopy(config)
    assert clone is not config
    assert clone.host == "http://h" and clone.retries == 3
    assert clone.api_key == {"k": "v"} and clone.api_key is not config.api_key
    assert clone.proxy_headers == {"X": "1"} and clone.proxy_headers is not config.proxy_headers
    assert clone.logger["package_logger"] is config.logger["package_logger"]  # loggers are process-wide
    clone.server_variables["region"] = "us"
    assert config.server_variables == {"region": "eu"}


# -- logging ----------------------------------------------------------------------------


def test_debug_switches_log_levels(restore_loggers: None) -> None:
    config = Configuration()
    config.debug = True
    assert config.debug is True
    assert all(logger.level == logging.DEBUG for logger in config.logger.values())
    config.debug = False
    assert config.debug is False
    assert all(logger.level == logging.WARNING for logger in config.logger.values())


def test_debug_keyword_argument(restore_loggers: None) -> None:
    config = Configuration(debug=True)
    assert config.debug is True
    assert logging.getLogger("openapi_client").level == logging.DEBUG


def test_logger_file_and_format(tmp_path: Path, restore_loggers: None) -> None:
    path = tmp_path / "sdk.log"
    config = Configuration()
    config.logger_format = "FORMATTED %(levelname)s %(message)s"
    assert config.logger_format == "FORMATTED %(levelname)s %(message)s"
    config.logger_file = str(path)
    assert config.logger_file == str(path)
    logging.getLogger("openapi_client").warning("written to the file")
    assert config.logger_file_handler is not None
    config.logger_file_handler.flush()
    assert path.read_text().strip() == "FORMATTED WARNING written to the file"


def test_logger_file_none_adds_no_handler(restore_loggers: None) -> None:
    config = Configuration()
    config.logger_file = None
    assert config.logger_file is None
    assert config.logger_file_handler is None


# -- typed dicts ----------------------------------------------------------------------


def test_configuration_typed_dicts() -> None:
    for name in (
        "AuthSettings",
        "APIKeyAuthSetting",
        "BasicAuthSetting",
        "BearerAuthSetting",
        "BearerFormatAuthSetting",
        "HTTPSignatureAuthSetting",
        "OAuth2AuthSetting",
        "HostSetting",
        "HostSettingVariable",
    ):
        typed_dict = getattr(configuration_module, name)
        assert is_typeddict(typed_dict), name
        assert typing.get_type_hints(typed_dict), name
    assert hasattr(configuration_module, "GenericAuthSetting")
    assert set(typing.get_type_hints(configuration_module.HostSetting)) >= {"url", "description"}
    assert set(typing.get_type_hints(configuration_module.HostSettingVariable)) == {
        "description",
        "default_value",
        "enum_values",
    }
