"""The transport: one HTTP exchange over urllib3, tried again as the retry policy allows.

Calls go straight to the host's connection pool rather than through
`PoolManager.request`, which saves URL parsing and pool lookup on every call.
Redirects are followed here so that a hop to another host never carries the
token, and every failure leaves as a typed `ApiException`.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import re
import ssl
import time
from typing import Any, Dict, List, Mapping, Optional, Tuple, Union
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3.exceptions import (
    ClosedPoolError,
    ConnectTimeoutError,
    LocationParseError,
    NewConnectionError,
    ProtocolError,
    ProxyError,
    ReadTimeoutError,
    SSLError,
)

from openapi_client import retry as retry_policy
from openapi_client.configuration import DEFAULT_TIMEOUT, Configuration, TimeoutSetting
from openapi_client.exceptions import (
    ApiConnectionError,
    ApiException,
    ApiTimeoutError,
    ApiTransportError,
    ApiValueError,
)

# `from openapi_client.rest import ApiException` is what the generated examples write.
__all__ = ["ApiException", "RESTClientObject", "RESTResponse", "is_socks_proxy_url"]

logger = logging.getLogger("openapi_client")

SUPPORTED_SOCKS_PROXIES = {"socks5", "socks5h", "socks4", "socks4a"}
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 5
# Headers that must not follow a redirect to another host.
CREDENTIAL_HEADERS = ("authorization", "cookie", "proxy-authorization")
# urllib3 must neither retry nor follow redirects: both are done here.
_URLLIB3_NO_RETRY = urllib3.Retry(total=False, redirect=False, raise_on_redirect=False)

RequestBody = Union[None, bytes, str, bool, Dict[str, Any], List[Any]]
PostParams = Optional[List[Tuple[str, Any]]]


def is_socks_proxy_url(url: Optional[str]) -> bool:
    """Whether `url` names a SOCKS proxy (``socks5://...`` and kin)."""
    if url is None:
        return False
    scheme = url.split("://", 1)[0].lower() if "://" in url else ""
    return scheme in SUPPORTED_SOCKS_PROXIES


def is_loopback(host: str) -> bool:
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class RESTResponse:
    """An HTTP response: `status`, `reason`, `data` (bytes once read) and headers."""

    __slots__ = ("response", "status", "reason", "data")

    def __init__(self, resp: urllib3.BaseHTTPResponse) -> None:
        self.response = resp
        self.status: int = resp.status
        self.reason: Optional[str] = resp.reason
        self.data: Optional[bytes] = None

    def read(self) -> bytes:
        if self.data is None:
            self.data = self.response.data
        return self.data

    def getheaders(self) -> urllib3.HTTPHeaderDict:
        return self.response.headers

    def getheader(self, name: str, default: Optional[str] = None) -> Optional[str]:
        return self.response.headers.get(name, default)


class RESTClientObject:
    """A urllib3 pool manager set up from a `Configuration`, shared by all threads."""

    def __init__(self, configuration: Configuration) -> None:
        self.configuration = configuration
        pool_args: Dict[str, Any] = {
            "cert_reqs": ssl.CERT_REQUIRED if configuration.verify_ssl else ssl.CERT_NONE,
            "ca_certs": configuration.ssl_ca_cert,
            "cert_file": configuration.cert_file,
            "key_file": configuration.key_file,
            # Threads wait for a free connection instead of opening extra ones
            # that the pool would then discard with a warning.
            "maxsize": configuration.connection_pool_maxsize,
            "block": True,
        }
        optional = {
            "ca_cert_data": configuration.ca_cert_data,
            "assert_hostname": configuration.assert_hostname,
            "server_hostname": configuration.tls_server_name,
            "socket_options": configuration.socket_options,
        }
        pool_args.update({k: v for k, v in optional.items() if v is not None})

        self.pool_manager: urllib3.PoolManager
        if configuration.proxy:
            if is_socks_proxy_url(configuration.proxy):
                from urllib3.contrib.socks import SOCKSProxyManager

                pool_args["headers"] = configuration.proxy_headers
                self.pool_manager = SOCKSProxyManager(configuration.proxy, **pool_args)
            else:
                self.pool_manager = urllib3.ProxyManager(
                    configuration.proxy, proxy_headers=configuration.proxy_headers, **pool_args
                )
        else:
            self.pool_manager = urllib3.PoolManager(**pool_args)
        self._direct = not configuration.proxy
        # base URL -> (connection pool, token would go out in clear text)
        self._pools: Dict[str, Tuple[Any, bool]] = {}
        self._timeout_for: Tuple[Any, urllib3.Timeout] = (None, urllib3.Timeout())
        self._policy_for: Tuple[Any, Any] = (object(), None)

    def request(
        self,
        method: str,
        url: str,
        headers: Optional[Dict[str, str]] = None,
        body: RequestBody = None,
        post_params: PostParams = None,
        _request_timeout: TimeoutSetting = None,
        *,
        retries: Any = None,
        preload_content: bool = True,
        operation: Optional[str] = None,
    ) -> RESTResponse:
        """Send one request, retrying and following redirects as configured.

        :param retries: this call's retries setting; `Configuration.retries` if None.
        :param operation: the SDK operation, named in errors.
        :raises ApiConnectionError, ApiTimeoutError: no response could be had.
        """
        method = method.upper()
        if method not in ("GET", "HEAD", "DELETE", "POST", "PUT", "PATCH", "OPTIONS"):
            raise ApiValueError(f"unsupported HTTP method {method!r}")
        headers = {} if headers is None else headers
        timeout = self._timeout(_request_timeout)
        encoded, fields, multipart = _encode_body(method, headers, body, post_params)
        policy = self._policy(retries)
        urllib3_retries = _URLLIB3_NO_RETRY
        if isinstance(policy, urllib3.Retry):
            urllib3_retries, policy = policy, retry_policy.NO_RETRIES

        attempt = 0
        redirects = 0
        while True:
            attempt += 1
            try:
                if fields is not None:
                    resp = self.pool_manager.request(
                        method, url, fields=fields, encode_multipart=multipart, headers=headers,
                        timeout=timeout, retries=urllib3_retries, redirect=False,
                        preload_content=preload_content,
                    )
                else:
                    resp = self._send(method, url, headers, encoded, timeout, urllib3_retries, preload_content)
            except ApiException:
                raise
            except Exception as error:
                failure, sent = _classify(error)
                may_have_acted = sent and method not in retry_policy.IDEMPOTENT_METHODS
                if (
                    failure is not None
                    and attempt <= policy.max_retries
                    and policy.retries_failure(method, sent)
                ):
                    wait = policy.delay(attempt)
                    logger.info(
                        "retrying %s %s in %.2f s (retry %d of %d): %s",
                        method, _redact_url(url), wait, attempt, policy.max_retries, _describe(error),
                    )
                    time.sleep(wait)
                    continue
                exc_type = ApiTimeoutError if failure == "timeout" else ApiConnectionError
                raise exc_type(
                    _describe(error), method=method, url=_redact_url(url), attempts=attempt,
                    operation=operation, may_have_acted=may_have_acted,
                ) from error

            status = resp.status
            if status in REDIRECT_STATUSES and resp.headers.get("Location"):
                redirects += 1
                if redirects > MAX_REDIRECTS:
                    raise ApiConnectionError(
                        f"more than {MAX_REDIRECTS} redirects", method=method,
                        url=_redact_url(url), attempts=attempt, operation=operation,
                    )
                method, url, headers, encoded = _follow(resp, method, url, headers, encoded)
                attempt -= 1  # a redirect is not a failed attempt
                continue
            if (
                status in policy.retry_statuses
                and attempt <= policy.max_retries
                and policy.retries_status(method, status)
            ):
                retry_after = retry_policy.parse_retry_after(resp.headers.get("Retry-After"))
                wait = policy.delay(attempt, retry_after)
                logger.info(
                    "retrying %s %s in %.2f s (retry %d of %d): HTTP %d%s",
                    method, _redact_url(url), wait, attempt, policy.max_retries, status,
                    "" if retry_after is None else f", Retry-After {retry_after:g} s",
                )
                resp.drain_conn()
                time.sleep(wait)
                continue
            if logger.isEnabledFor(logging.DEBUG):
                logger.debug("%s %s -> %d (attempt %d)", method, _redact_url(url), status, attempt)
            result = RESTResponse(resp)
            if preload_content:
                result.data = resp.data
            return result

    def _send(
        self,
        method: str,
        url: str,
        headers: Dict[str, str],
        body: Optional[bytes],
        timeout: urllib3.Timeout,
        retries: urllib3.Retry,
        preload_content: bool,
    ) -> urllib3.BaseHTTPResponse:
        if not self._direct:
            return self.pool_manager.urlopen(
                method, url, body=body, headers=headers, timeout=timeout, retries=retries,
                redirect=False, preload_content=preload_content,
            )
        slash = url.find("/", url.find("//") + 2)
        base, path = (url, "/") if slash < 0 else (url[:slash], url[slash:])
        entry = self._pools.get(base)
        if entry is None:
            entry = self._pools[base] = self._pool_entry(base)
        pool, cleartext = entry
        if cleartext and "Authorization" in headers and not self.configuration.allow_insecure_http:
            raise ApiValueError(
                f"refusing to send the API token over plain http:// to {base}, where anyone on the"
                " way can read it. Use https://, or set Configuration.allow_insecure_http = True"
                " if this network is trusted."
            )
        try:
            return pool.urlopen(  # type: ignore[no-any-return]
                method, path, body=body, headers=headers, timeout=timeout, retries=retries,
                redirect=False, assert_same_host=False, preload_content=preload_content,
            )
        except ClosedPoolError:
            # The pool manager evicted this host's pool; fetch a fresh one once.
            self._pools.pop(base, None)
            pool, _ = self._pools[base] = self._pool_entry(base)
            return pool.urlopen(  # type: ignore[no-any-return]
                method, path, body=body, headers=headers, timeout=timeout, retries=retries,
                redirect=False, assert_same_host=False, preload_content=preload_content,
            )

    def _pool_entry(self, base: str) -> Tuple[Any, bool]:
        try:
            parts = urllib3.util.parse_url(base)
        except LocationParseError as error:
            raise ApiValueError(f"invalid URL {base!r}: {error}") from None
        if parts.scheme not in ("http", "https") or not parts.host:
            raise ApiValueError(f"invalid URL {base!r}: expected http:// or https:// and a host")
        pool = self.pool_manager.connection_from_host(parts.host, parts.port, parts.scheme)
        return pool, parts.scheme == "http" and not is_loopback(parts.host)

    def _timeout(self, setting: TimeoutSetting) -> urllib3.Timeout:
        if setting is None:
            setting = self.configuration.timeout
            cached_setting, cached = self._timeout_for
            if setting is cached_setting:
                return cached
            timeout = make_timeout(setting)
            self._timeout_for = (setting, timeout)
            return timeout
        return make_timeout(setting)

    def _policy(self, setting: Any) -> Any:
        if setting is not None:
            return retry_policy.resolve(setting)
        setting = self.configuration.retries
        cached_setting, cached = self._policy_for
        if setting is cached_setting:
            return cached
        policy = retry_policy.resolve(setting)
        self._policy_for = (setting, policy)
        return policy


def make_timeout(setting: TimeoutSetting) -> urllib3.Timeout:
    """A urllib3 `Timeout` from a number (total), a ``(connect, read)`` pair or a `Timeout`."""
    if setting is None:
        setting = DEFAULT_TIMEOUT
    if isinstance(setting, urllib3.Timeout):
        return setting
    if isinstance(setting, bool):
        raise ApiValueError("_request_timeout must be a number or a (connect, read) pair, not a bool")
    if isinstance(setting, (int, float)):
        if setting <= 0:
            raise ApiValueError(f"_request_timeout must be positive, not {setting}")
        return urllib3.Timeout(total=setting)
    if isinstance(setting, tuple) and len(setting) == 2:
        connect, read = setting
        for value in setting:
            if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0):
                raise ApiValueError(f"_request_timeout values must be positive numbers, not {value!r}")
        return urllib3.Timeout(connect=connect, read=read)
    raise ApiValueError(
        f"_request_timeout must be a number or a (connect, read) pair, not {setting!r}"
    )


_JSON_CONTENT = re.compile(r"json", re.IGNORECASE)


def _encode_body(
    method: str, headers: Dict[str, str], body: RequestBody, post_params: PostParams
) -> Tuple[Optional[bytes], Optional[List[Tuple[str, Any]]], bool]:
    """The body as bytes, or form fields for urllib3 to encode."""
    if method in ("GET", "HEAD"):
        return None, None, False
    content_type = headers.get("Content-Type")
    if content_type == "application/x-www-form-urlencoded":
        return None, list(post_params or ()), False
    if content_type == "multipart/form-data":
        del headers["Content-Type"]  # urllib3 writes it with the boundary
        return None, list(post_params or ()), True
    if body is None:
        return None, None, False
    if isinstance(body, bytes):
        return body, None, False
    if isinstance(body, str):
        return body.encode("utf-8"), None, False
    if not content_type or _JSON_CONTENT.search(content_type):
        return json.dumps(body).encode("utf-8"), None, False
    if content_type.startswith("text/plain") and isinstance(body, bool):
        return str(body).lower().encode("utf-8"), None, False
    raise ApiValueError(
        f"cannot send a {type(body).__name__} body as {content_type}; pass bytes or str,"
        " or a JSON content type"
    )


def _classify(error: Exception) -> Tuple[Optional[str], bool]:
    """(kind of transient failure or None, whether the request may have been sent)."""
    if isinstance(error, SSLError):
        return None, False  # a certificate problem does not pass with time
    if isinstance(error, NewConnectionError):
        return "connection", False
    if isinstance(error, ConnectTimeoutError):
        return "timeout", False
    if isinstance(error, ProxyError):
        return "connection", False
    if isinstance(error, ReadTimeoutError):
        return "timeout", True
    if isinstance(error, (ProtocolError, OSError)):
        return "connection", True
    return None, True


def _describe(error: Exception) -> str:
    if isinstance(error, ReadTimeoutError):
        return "no response within the read timeout"
    if isinstance(error, ConnectTimeoutError) and not isinstance(error, NewConnectionError):
        return "could not connect within the connect timeout"
    if isinstance(error, SSLError):
        return f"TLS failed: {error}"
    cause = error.args[-1] if isinstance(error, ProtocolError) and error.args else error
    if isinstance(cause, Exception):
        detail = str(cause) or type(cause).__name__
        # urllib3 puts the connection object's repr in front of the reason.
        return re.sub(r"^<[^>]*>: ", "", detail)
    return str(error)


def _redact_url(url: str) -> str:
    """The URL without user info or query, which may hold secrets."""
    parts = urlsplit(url)
    netloc = parts.netloc.rsplit("@", 1)[-1]
    return f"{parts.scheme}://{netloc}{parts.path}"


def _follow(
    resp: urllib3.BaseHTTPResponse,
    method: str,
    url: str,
    headers: Dict[str, str],
    body: Optional[bytes],
) -> Tuple[str, str, Dict[str, str], Optional[bytes]]:
    """The next request after a redirect, as browsers and urllib3 make it."""
    resp.drain_conn()
    target = urljoin(url, resp.headers["Location"])
    headers = dict(headers)
    if resp.status == 303 or (resp.status in (301, 302) and method == "POST"):
        method, body = "GET", None
        for name in [h for h in headers if h.lower() in ("content-type", "content-length")]:
            del headers[name]
    if _origin(target) != _origin(url):
        for name in [h for h in headers if h.lower() in CREDENTIAL_HEADERS]:
            del headers[name]
        logger.info("redirected to another host, %s: credentials not forwarded", _redact_url(target))
    return method, target, headers, body


def _origin(url: str) -> Tuple[str, Optional[str], Optional[int]]:
    parts = urlsplit(url)
    return parts.scheme, parts.hostname, parts.port
