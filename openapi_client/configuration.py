"""Settings of a client: where to connect, how to authenticate, TLS, timeouts, retries, logging.

Compatible with the generated client's `Configuration`, with four
additions: `access_token` is sent as a bearer token, requests time out by
default (`timeout`), a token is never sent in clear text to a remote host
unless `allow_insecure_http` says so, and `rate_limit_storage` says where the
rate-limit budgets live, so that several processes can share them.
"""

from __future__ import annotations

import copy
import logging
import os
import sys
from typing import Any, Callable, ClassVar, Dict, List, Literal, Mapping, Optional, Tuple, Union

from typing_extensions import NotRequired, TypedDict

import urllib3

from openapi_client import __version__
from openapi_client.exceptions import CODEGEN_API_URL as CODEGEN_API_URL  # the Codegen Developer API
from openapi_client.exceptions import ApiValueError
from openapi_client.rate_limits.shared import DEFAULT_STORAGE, check_storage
from openapi_client.retry import RetriesSetting

#: Seconds to connect and to wait for a response, unless told otherwise.
DEFAULT_TIMEOUT: Tuple[float, float] = (10.0, 60.0)

#: The largest response body read into memory (an agent run is a few kB).
DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024

TimeoutSetting = Union[None, float, Tuple[float, float], urllib3.Timeout]
#: Values for a server URL's ``{variables}``, as in generated clients.
ServerVariablesT = Dict[str, str]

# The auth settings use the key "in", as generated clients do; "in" is a
# keyword, so these TypedDicts are spelt in the functional form.
APIKeyAuthSetting = TypedDict(
    "APIKeyAuthSetting",
    {"type": Literal["api_key"], "in": Literal["header", "query", "cookie"], "key": str, "value": Optional[str]},
)
BasicAuthSetting = TypedDict(
    "BasicAuthSetting",
    {"type": Literal["basic"], "in": Literal["header"], "key": Literal["Authorization"], "value": Optional[str]},
)
BearerAuthSetting = TypedDict(
    "BearerAuthSetting",
    {"type": Literal["bearer"], "in": Literal["header"], "key": Literal["Authorization"], "value": str},
)
BearerFormatAuthSetting = TypedDict(
    "BearerFormatAuthSetting",
    {
        "type": Literal["bearer"],
        "in": Literal["header"],
        "format": Literal["JWT"],
        "key": Literal["Authorization"],
        "value": str,
    },
)
HTTPSignatureAuthSetting = TypedDict(
    "HTTPSignatureAuthSetting",
    {"type": Literal["http-signature"], "in": Literal["header"], "key": Literal["Authorization"], "value": None},
)
OAuth2AuthSetting = TypedDict(
    "OAuth2AuthSetting",
    {"type": Literal["oauth2"], "in": Literal["header"], "key": Literal["Authorization"], "value": str},
)

GenericAuthSetting = Union[
    APIKeyAuthSetting, BasicAuthSetting, BearerAuthSetting, BearerFormatAuthSetting,
    HTTPSignatureAuthSetting, OAuth2AuthSetting,
]

# The contract declares no security scheme; the Codegen API takes a bearer token.
AuthSettings = TypedDict("AuthSettings", {"BearerAuth": BearerAuthSetting}, total=False)


class HostSettingVariable(TypedDict):
    description: str
    default_value: str
    enum_values: List[str]


class HostSetting(TypedDict):
    url: str
    description: str
    variables: NotRequired[Dict[str, HostSettingVariable]]


class Configuration:
    """Settings shared by every call made through one `ApiClient`.

    :param host: base URL; ``http://localhost`` by default, as in the
        generated client. The Codegen API is ``https://api.codegen.com``
        (`CODEGEN_API_URL`, also server index 0).
    :param access_token: the API token, sent as ``Authorization: Bearer ...``.
    :param retries: ``None`` for the default policy, ``0``/``False`` for none,
        an int for that many retries, a `openapi_client.retry.RetryPolicy`
        to change waits and the ``Retry-After`` ceiling, or a `urllib3.Retry`
        used as given. See docs/Reliability.md.

    Reliability and security settings beyond the generated client's:
    `timeout` (``(connect, read)`` seconds, default ``(10, 60)``),
    `allow_insecure_http` (send the token over plain http to a remote host)
    and `max_response_bytes` (refuse bodies larger than this).

    `rate_limit_storage` is where the rate-limit budgets live: ``memory://``
    (this process, the default), ``file:///folder`` (the processes of one
    machine) or ``redis://host:port/db`` / ``rediss://...`` (any number of
    machines; needs the ``redis`` extra). See docs/RateLimits.md.
    """

    _default: ClassVar[Optional[Configuration]] = None

    def __init__(
        self,
        host: Optional[str] = None,
        api_key: Optional[Dict[str, str]] = None,
        api_key_prefix: Optional[Dict[str, str]] = None,
        username: Optional[str] = None,
        password: Optional[str] = None,
        access_token: Optional[str] = None,
        server_index: Optional[int] = None,
        server_variables: Optional[ServerVariablesT] = None,
        server_operation_index: Optional[Dict[int, int]] = None,
        server_operation_variables: Optional[Dict[int, ServerVariablesT]] = None,
        ignore_operation_servers: bool = False,
        ssl_ca_cert: Optional[str] = None,
        retries: RetriesSetting = None,
        ca_cert_data: Optional[Union[str, bytes]] = None,
        *,
        debug: Optional[bool] = None,
    ) -> None:
        self._base_path = "http://localhost" if host is None else host
        self.server_index = server_index
        self.server_operation_index = server_operation_index or {}
        self.server_variables = server_variables or {}
        self.server_operation_variables = server_operation_variables or {}
        self.ignore_operation_servers = ignore_operation_servers
        self.temp_folder_path: Optional[str] = None
        self.api_key: Dict[str, str] = api_key or {}
        self.api_key_prefix: Dict[str, str] = api_key_prefix or {}
        self.refresh_api_key_hook: Optional[Callable[[Configuration], None]] = None
        self.username = username
        self.password = password
        self.access_token = access_token
        self.logger: Dict[str, logging.Logger] = {
            "package_logger": logging.getLogger("openapi_client"),
            "urllib3_logger": logging.getLogger("urllib3"),
        }
        self._logger_format = "%(asctime)s %(levelname)s %(message)s"
        self.logger_formatter = logging.Formatter(self._logger_format)
        self.logger_stream_handler: Optional[logging.Handler] = None
        self.logger_file_handler: Optional[logging.Handler] = None
        self._logger_file: Optional[str] = None
        self._debug = False
        if debug is not None:
            self.debug = debug
        self.verify_ssl = True
        self.ssl_ca_cert = ssl_ca_cert
        self.ca_cert_data = ca_cert_data
        self.cert_file: Optional[str] = None
        self.key_file: Optional[str] = None
        self.assert_hostname: Optional[Union[bool, str]] = None
        self.tls_server_name: Optional[str] = None
        self.connection_pool_maxsize: int = (os.cpu_count() or 1) * 5
        self.proxy: Optional[str] = None
        self.proxy_headers: Optional[Dict[str, str]] = None
        self.safe_chars_for_path_param = ""
        self.retries = retries
        self.timeout: TimeoutSetting = DEFAULT_TIMEOUT
        self.allow_insecure_http = False
        self.max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES
        self.client_side_validation = True
        self.socket_options: Optional[List[Tuple[int, int, Union[int, bytes]]]] = None
        self.datetime_format = "%Y-%m-%dT%H:%M:%S.%f%z"
        self.date_format = "%Y-%m-%d"
        self._rate_limit_storage = DEFAULT_STORAGE

    def __repr__(self) -> str:
        token = "set" if self.access_token else "unset"
        return f"<Configuration host={self.host!r} access_token={token}>"

    def __deepcopy__(self, memo: Dict[int, Any]) -> Configuration:
        clone = self.__class__.__new__(self.__class__)
        memo[id(self)] = clone
        for name, value in self.__dict__.items():
            if name in ("logger", "logger_file_handler", "logger_stream_handler", "logger_formatter"):
                setattr(clone, name, value)  # loggers and handlers are process-wide; share them
            else:
                setattr(clone, name, copy.deepcopy(value, memo))
        return clone

    @classmethod
    def set_default(cls, default: Optional[Configuration]) -> None:
        """Make `default` the configuration of clients created without one."""
        cls._default = default

    @classmethod
    def get_default_copy(cls) -> Configuration:
        """A copy of the default configuration, to change without touching it."""
        return copy.deepcopy(cls.get_default())

    @classmethod
    def get_default(cls) -> Configuration:
        if cls._default is None:
            cls._default = cls()
        return cls._default

    @property
    def rate_limit_storage(self) -> str:
        """Where the rate-limit budgets live; checked when set, so a bad URI fails before anything is sent."""
        return self._rate_limit_storage

    @rate_limit_storage.setter
    def rate_limit_storage(self, uri: str) -> None:
        self._rate_limit_storage = check_storage(uri)

    @property
    def logger_file(self) -> Optional[str]:
        return self._logger_file

    @logger_file.setter
    def logger_file(self, value: Optional[str]) -> None:
        """Also write the SDK's and urllib3's log records to this file."""
        self._logger_file = value
        if value:
            self.logger_file_handler = logging.FileHandler(value)
            self.logger_file_handler.setFormatter(self.logger_formatter)
            for logger in self.logger.values():
                logger.addHandler(self.logger_file_handler)

    @property
    def debug(self) -> bool:
        return self._debug

    @debug.setter
    def debug(self, value: bool) -> None:
        """Log requests at DEBUG level. Unlike the generated client this does not
        turn on `http.client`'s wire dump, which prints the token."""
        self._debug = value
        level = logging.DEBUG if value else logging.WARNING
        for logger in self.logger.values():
            logger.setLevel(level)

    @property
    def logger_format(self) -> str:
        return self._logger_format

    @logger_format.setter
    def logger_format(self, value: str) -> None:
        self._logger_format = value
        self.logger_formatter = logging.Formatter(value)

    def get_api_key_with_prefix(self, identifier: str, alias: Optional[str] = None) -> Optional[str]:
        """The API key for `identifier` (or `alias`), with its prefix if one is set."""
        if self.refresh_api_key_hook is not None:
            self.refresh_api_key_hook(self)
        key = self.api_key.get(identifier, self.api_key.get(alias) if alias is not None else None)
        if key is None:
            return None
        prefix = self.api_key_prefix.get(identifier)
        return f"{prefix} {key}" if prefix else key

    def get_basic_auth_token(self) -> Optional[str]:
        """The ``Authorization`` value for HTTP basic auth from username and password."""
        if self.username is None and self.password is None:
            return None
        headers = urllib3.util.make_headers(basic_auth=f"{self.username or ''}:{self.password or ''}")
        return headers.get("authorization")

    def auth_settings(self) -> AuthSettings:
        """The auth settings each request gets; a bearer token when `access_token` is set."""
        settings: AuthSettings = {}
        if self.access_token is not None:
            settings["BearerAuth"] = {
                "type": "bearer",
                "in": "header",
                "key": "Authorization",
                "value": f"Bearer {self.access_token}",
            }
        return settings

    def to_debug_report(self) -> str:
        """Versions to paste into a bug report; holds no secret."""
        return (
            "Python SDK Debug Report:\n"
            f"OS: {sys.platform}\n"
            f"Python Version: {sys.version}\n"
            "Version of the API: 1.0.0\n"
            f"SDK Package Version: {__version__}\n"
            f"urllib3 Version: {getattr(urllib3, '__version__', 'unknown')}"
        )

    def get_host_settings(self) -> List[HostSetting]:
        """The servers one can pick with `server_index`."""
        return [{"url": CODEGEN_API_URL, "description": "Codegen Developer API"}]

    def get_host_from_settings(
        self,
        index: Optional[int],
        variables: Optional[Mapping[str, str]] = None,
        servers: Optional[List[HostSetting]] = None,
    ) -> str:
        """The URL of server `index`, with its variables filled in."""
        if index is None:
            return self._base_path
        servers = self.get_host_settings() if servers is None else servers
        if not 0 <= index < len(servers):
            raise ValueError(
                f"Invalid index {index} when selecting the host settings. Must be less than {len(servers)}"
            )
        server = servers[index]
        url = server["url"]
        for name, spec in server.get("variables", {}).items():
            value = (variables or {}).get(name, spec["default_value"])
            if spec.get("enum_values") and value not in spec["enum_values"]:
                raise ValueError(
                    f"The variable `{name}` in the host URL has invalid value {value}."
                    f" Must be {spec['enum_values']}."
                )
            url = url.replace("{" + name + "}", value)
        return url

    @property
    def host(self) -> str:
        return self.get_host_from_settings(self.server_index, variables=self.server_variables)

    @host.setter
    def host(self, value: str) -> None:
        self._base_path = value
        self.server_index = None


def make_timeout(setting: TimeoutSetting) -> urllib3.Timeout:
    """A urllib3 `Timeout` from a number (total), a ``(connect, read)`` pair or a `Timeout`.

    Used for `Configuration.timeout` and `_request_timeout`; errors name both.
    `request` treats a `total` as the deadline of the whole call.
    """
    if setting is None:
        setting = DEFAULT_TIMEOUT
    if isinstance(setting, urllib3.Timeout):
        return setting
    if isinstance(setting, bool):
        raise ApiValueError(_TIMEOUT_FORMS + f", not {setting!r}")
    if isinstance(setting, (int, float)):
        if not setting > 0:
            raise ApiValueError(f"the timeout (Configuration.timeout or _request_timeout) must be positive, not {setting}")
        return urllib3.Timeout(total=setting)
    if isinstance(setting, tuple) and len(setting) == 2:
        for value in setting:
            if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0):
                raise ApiValueError(
                    f"the timeout (Configuration.timeout or _request_timeout) values must be positive numbers,"
                    f" not {value!r}"
                )
        return urllib3.Timeout(connect=setting[0], read=setting[1])
    raise ApiValueError(_TIMEOUT_FORMS + f", not {setting!r}")


_TIMEOUT_FORMS = (
    "the timeout (Configuration.timeout or _request_timeout) must be a number of seconds,"
    " a (connect, read) pair or a urllib3.Timeout"
)
