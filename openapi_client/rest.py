"""The transport: one HTTP exchange over urllib3, tried again as the retry policy allows.

Calls go straight to the host's connection pool rather than through
`PoolManager.request`, which saves URL parsing and pool lookup on every call.
Redirects are followed here so that a hop to another host never carries the
token, and every failure leaves as a typed `ApiException`. A timeout of one
number is a deadline for the whole call, and interim (1xx) answers are read
past, by the connection and response classes the pools are given here.
"""

from __future__ import annotations

import email.parser
import http.client
import io
import json
import logging
import re
import socket
import ssl
import threading
import time
from contextvars import ContextVar
from typing import Any, Dict, List, Mapping, NamedTuple, Optional, Tuple, Union
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3.exceptions import (
    ClosedPoolError,
    ConnectTimeoutError,
    EmptyPoolError,
    HTTPError,
    IncompleteRead,
    LocationParseError,
    MaxRetryError,
    NewConnectionError,
    ProtocolError,
    ProxyError,
    ReadTimeoutError,
    SSLError,
)

from openapi_client import retry as retry_policy
from openapi_client.configuration import DEFAULT_TIMEOUT, Configuration, TimeoutSetting
from openapi_client.exceptions import (
    BODY_EXCERPT_BYTES,
    ApiConnectionError,
    ApiException,
    ApiRedirectError,
    ApiTimeoutError,
    ApiValueError,
    OpenApiException,
    ResponseTooLargeError,
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

# A call's deadline must be met within this much, or the call is over.
_DEADLINE_SLACK = 0.005

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
    import ipaddress

    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class RESTResponse:
    """An HTTP response: `status`, `reason`, `data` (bytes once read) and headers.

    On an error status the transport also sets `attempts`, `may_have_acted`
    and `operation`, which `ApiException` reports; they are left unset on
    the successful path, which stays free of that work.
    """

    __slots__ = ("response", "status", "reason", "data", "attempts", "may_have_acted", "operation", "_body")
    attempts: int
    may_have_acted: bool
    operation: Optional[str]

    def __init__(self, resp: urllib3.BaseHTTPResponse) -> None:
        self.response = resp
        self.status: int = resp.status
        self.reason: Optional[str] = resp.reason
        self.data: Optional[bytes] = None
        # The body when the transport has already read it off the wire (to
        # retry a connection lost mid-body); `data` stays None until `read()`,
        # as in generated clients.
        self._body: Optional[bytes] = None

    def read(self) -> bytes:
        if self.data is None:
            self.data = self.response.data if self._body is None else self._body
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
                _URLLIB3_MANAGERS.setdefault(SOCKSProxyManager, SOCKSProxyManager.urlopen)
            else:
                self.pool_manager = urllib3.ProxyManager(
                    configuration.proxy, proxy_headers=configuration.proxy_headers, **pool_args
                )
        else:
            self.pool_manager = urllib3.PoolManager(**pool_args)
        self.pool_manager.pool_classes_by_scheme = {
            scheme: _final_answer_pool(pool_class)
            for scheme, pool_class in self.pool_manager.pool_classes_by_scheme.items()
        }
        self._direct = not configuration.proxy
        # base URL -> (its connection pool, or None through a proxy; the token
        # would go out in clear text)
        self._pools: Dict[str, Tuple[Any, bool]] = {}
        self._timeout_for: Tuple[Any, urllib3.Timeout] = (None, urllib3.Timeout())
        self._policy_for: Tuple[object, Union[retry_policy.RetryPolicy, urllib3.Retry]] = (
            object(), retry_policy.DEFAULT_POLICY
        )

    def close(self) -> None:
        """Close every pooled connection; the next request opens new ones."""
        self._pools.clear()
        self.pool_manager.clear()

    def request(
        self,
        method: str,
        url: str,
        headers: Optional[Dict[str, str]] = None,
        body: RequestBody = None,
        post_params: PostParams = None,
        _request_timeout: TimeoutSetting = None,
    ) -> RESTResponse:
        """Send one request, retrying and following redirects as configured.

        The signature is the generated client's, for subclasses and mocks; the
        SDK's own per-call settings arrive through `call_options`. The body is
        read here (so that a connection lost mid-body is retried like any
        other), but `RESTResponse.data` stays None until `read()`.

        :raises ApiConnectionError, ApiTimeoutError: no response could be had.
        :raises ApiRedirectError: too many redirects, or one to a non-http(s) URL.
        :raises ResponseTooLargeError: the body is over `Configuration.max_response_bytes`.
        :raises ApiValueError: the request cannot be sent as it is; nothing was sent.
        """
        options = call_options.get()
        retries, preload_content, operation = _NO_OPTIONS if options is None else options
        method = method.upper()
        if method not in ("GET", "HEAD", "DELETE", "POST", "PUT", "PATCH", "OPTIONS"):
            raise ApiValueError(f"unsupported HTTP method {method!r}")
        headers = {} if headers is None else headers
        timeout = self._timeout(_request_timeout)
        encoded, fields, multipart = (None, None, False) if method == "GET" else _encode_body(
            method, headers, body, post_params
        )
        if not self._pool_manager_is_ours():
            return self._request_as_generated(method, url, headers, encoded, fields, multipart, timeout, operation)
        policy = self._policy(retries)
        urllib3_retries = _URLLIB3_NO_RETRY
        if isinstance(policy, urllib3.Retry):
            urllib3_retries, policy = policy, retry_policy.NO_RETRIES
        limit = self.configuration.max_response_bytes
        # A timeout of one number (a `total`) bounds the whole call, retries and waits included.
        total = timeout.total
        deadline = time.monotonic() + total if isinstance(total, (int, float)) else None

        attempt = 0
        redirects = 0
        try:
            while True:
                attempt += 1
                sent_timeout, pool_timeout = timeout, None
                if deadline is not None:
                    sent_timeout, pool_timeout = _until(timeout, deadline)
                    _call.deadline = deadline  # read by the connection and the response
                try:
                    resp = self._send(
                        method, url, headers, encoded, fields, multipart, sent_timeout, urllib3_retries, pool_timeout
                    )
                    # Read here, so that a connection lost mid-body is retried like any other.
                    data = _read(resp, limit) if preload_content else None
                except OpenApiException:
                    raise
                except Exception as error:
                    time.sleep(
                        self._wait_or_raise(error, policy, method, url, headers, attempt, operation, timeout, deadline)
                    )
                    continue

                status = resp.status
                if status in REDIRECT_STATUSES and resp.headers.get("Location"):
                    if data is None:
                        _discard(resp)
                    redirects += 1
                    method, url, headers, encoded = _follow(
                        resp, method, url, headers, encoded, redirects, attempt, operation
                    )
                    attempt -= 1  # a redirect is not a failed attempt
                    continue
                if (
                    status in policy.retry_statuses
                    and attempt <= policy.max_retries
                    and policy.retries_status(method, status)
                ):
                    retry_after = retry_policy.parse_retry_after(resp.headers.get("Retry-After"))
                    wait = policy.delay(attempt, retry_after)
                    # A wait that would end past the deadline is not taken: this answer is final.
                    if deadline is None or time.monotonic() + wait < deadline:
                        logger.info(
                            "retrying %s %s in %.2f s (retry %d of %d): HTTP %d%s",
                            method, _redact_url(url), wait, attempt, policy.max_retries, status,
                            "" if retry_after is None else f", Retry-After {retry_after:g} s",
                        )
                        if data is None:
                            _discard(resp)
                        time.sleep(wait)
                        continue
                if logger.isEnabledFor(logging.DEBUG):
                    logger.debug("%s %s -> %d (attempt %d)", method, _redact_url(url), status, attempt)
                result = RESTResponse(resp)
                result._body = data
                if status >= 400:
                    result.attempts = attempt
                    result.may_have_acted = status >= 500 and method not in retry_policy.IDEMPOTENT_METHODS
                    result.operation = operation
                return result
        finally:
            if deadline is not None:
                _call.deadline = None

    def _pool_manager_is_ours(self) -> bool:
        """Whether the pool manager is urllib3's own, unpatched: then calls may skip its `request`.

        A test that patches ``urllib3.PoolManager.request`` (or replaces the
        class) must see every request, so anything patched on the way sends
        through `pool_manager.request`, as generated clients do.
        """
        manager = self.pool_manager
        kind = type(manager)
        return (
            kind in _URLLIB3_MANAGERS
            and kind.request is _URLLIB3_REQUEST
            and kind.urlopen is _URLLIB3_MANAGERS[kind]
            and "request" not in manager.__dict__
            and "urlopen" not in manager.__dict__
        )

    def _request_as_generated(
        self,
        method: str,
        url: str,
        headers: Dict[str, str],
        body: Optional[bytes],
        fields: Optional[List[Tuple[str, Any]]],
        multipart: bool,
        timeout: urllib3.Timeout,
        operation: Optional[str],
    ) -> RESTResponse:
        """One request through `pool_manager.request`, as a generated client sends it; body unread."""
        if method in ("GET", "HEAD"):
            content: Dict[str, Any] = {"fields": {}}
        elif fields is not None:
            content = {"fields": fields, "encode_multipart": multipart}
        else:
            content = {"body": body}
        try:
            resp = self.pool_manager.request(
                method, url, **content, timeout=timeout, headers=headers, preload_content=False
            )
        except OpenApiException:
            raise
        except Exception as error:
            self._wait_or_raise(error, retry_policy.NO_RETRIES, method, url, headers, 1, operation, timeout, None)
            raise  # pragma: no cover - _wait_or_raise raises when no retry is left
        return RESTResponse(resp)

    def _wait_or_raise(
        self,
        error: Exception,
        policy: retry_policy.RetryPolicy,
        method: str,
        url: str,
        headers: Mapping[str, str],
        attempt: int,
        operation: Optional[str],
        timeout: urllib3.Timeout,
        deadline: Optional[float],
    ) -> float:
        """Seconds to wait before trying again after `error`; raises if the call has failed."""
        if isinstance(error, (ValueError, TypeError)) and not isinstance(error, HTTPError):
            # http.client refuses a bad header before sending a byte, in a
            # message that quotes it: it may be the token.
            problem = _unsendable(headers)
            if problem is not None:
                raise ApiValueError(problem) from None
        failure, sent = _classify(error)
        if deadline is not None and deadline - time.monotonic() < _DEADLINE_SLACK:
            failure, reason = "timeout", (
                f"the call did not complete within its timeout ({timeout.total:g} s, which bounds the whole"
                " call, retries included); change it with _request_timeout or Configuration.timeout"
            )
        else:
            reason = _scrub(_describe(error), headers)
            if failure is not None and attempt <= policy.max_retries and policy.retries_failure(method, sent):
                wait = policy.delay(attempt)
                if deadline is None or time.monotonic() + wait < deadline:
                    logger.info(
                        "retrying %s %s in %.2f s (retry %d of %d): %s",
                        method, _redact_url(url), wait, attempt, policy.max_retries, reason,
                    )
                    return wait
                reason += f"; the {timeout.total:g} s timeout of the call left no time to try again"
        exc_type = ApiTimeoutError if failure == "timeout" else ApiConnectionError
        raise exc_type(
            reason, method=method, url=_redact_url(url), attempts=attempt, operation=operation,
            may_have_acted=sent and method not in retry_policy.IDEMPOTENT_METHODS,
        ) from error

    def _send(
        self,
        method: str,
        url: str,
        headers: Dict[str, str],
        body: Optional[bytes],
        fields: Optional[List[Tuple[str, Any]]],
        multipart: bool,
        timeout: urllib3.Timeout,
        retries: urllib3.Retry,
        pool_timeout: Optional[float],
    ) -> urllib3.BaseHTTPResponse:
        """One request with the body left unread, straight to the host's pool when there is no proxy."""
        slash = url.find("/", url.find("//") + 2)
        base, path = (url, "/") if slash < 0 else (url[:slash], url[slash:])
        entry = self._pools.get(base)
        if entry is None:
            entry = self._pools[base] = self._pool_entry(base)
        pool, cleartext = entry
        if cleartext and not self.configuration.allow_insecure_http and _has_authorization(headers):
            raise ApiValueError(
                f"refusing to send the API token over plain http:// to {base}, where anyone on the"
                " way can read it; nothing was sent. Use https://, or set"
                " Configuration.allow_insecure_http = True if this network is trusted."
            )
        if fields is not None:
            return self.pool_manager.request(
                method, url, fields=fields, encode_multipart=multipart, headers=headers,
                timeout=timeout, retries=retries, redirect=False, preload_content=False,
                pool_timeout=pool_timeout,
            )
        if pool is None:
            return self.pool_manager.urlopen(
                method, url, body=body, headers=headers, timeout=timeout, retries=retries,
                redirect=False, preload_content=False, pool_timeout=pool_timeout,
            )
        try:
            return _open(pool, method, path, body, headers, timeout, retries, pool_timeout)
        except ClosedPoolError:
            # The pool manager evicted this host's pool; fetch a fresh one once.
            self._pools.pop(base, None)
            pool, _ = self._pools[base] = self._pool_entry(base)
            return _open(pool, method, path, body, headers, timeout, retries, pool_timeout)

    def _pool_entry(self, base: str) -> Tuple[Any, bool]:
        try:
            parts = urllib3.util.parse_url(base)
        except LocationParseError as error:
            raise ApiValueError(f"invalid URL {base!r}: {error}") from None
        if parts.scheme not in ("http", "https") or not parts.host:
            raise ApiValueError(f"invalid URL {base!r}: expected http:// or https:// and a host")
        cleartext = parts.scheme == "http" and not is_loopback(parts.host)
        if not self._direct:
            return None, cleartext
        return self.pool_manager.connection_from_host(parts.host, parts.port, parts.scheme), cleartext

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

    def _policy(self, setting: retry_policy.RetriesSetting) -> Union[retry_policy.RetryPolicy, urllib3.Retry]:
        if setting is not None:
            return retry_policy.resolve(setting)
        setting = self.configuration.retries
        cached_setting, cached = self._policy_for
        if setting is cached_setting:
            return cached
        policy = retry_policy.resolve(setting)
        self._policy_for = (setting, policy)
        return policy


class CallOptions(NamedTuple):
    """The SDK's own settings for one call, beside the generated `request` arguments."""

    retries: retry_policy.RetriesSetting
    #: False for the ``_without_preload_content`` doors: the body is left on the wire.
    preload_content: bool
    #: The SDK operation, named in errors.
    operation: Optional[str]


_NO_OPTIONS = CallOptions(None, True, None)

#: Set by the API classes around `ApiClient.call_api`, whose signature and that of
#: `RESTClientObject.request` stay as generated, so that user overrides and mocks of
#: either keep working while the SDK's extras still reach the transport.
call_options: ContextVar[Optional[CallOptions]] = ContextVar("openapi_client_call_options", default=None)

def _open(
    pool: Any,
    method: str,
    path: str,
    body: Optional[bytes],
    headers: Dict[str, str],
    timeout: urllib3.Timeout,
    retries: urllib3.Retry,
    pool_timeout: Optional[float],
) -> urllib3.BaseHTTPResponse:
    """One request on a host's pool, the body unread: what its `urlopen` does, for less.

    With urllib3 2, no retries of its own and a request target that urllib3
    would leave as it is, this takes a connection and makes the request as
    `urlopen` does, less its work for what the SDK never asks (retries,
    redirects, proxies, rewinding a body) and its percent-encoding pass over
    the target, a Python loop over each character. It raises what `urlopen`
    raises and gives the connection back as it does. Anything else, and a
    pool whose `urlopen` was replaced, goes through `urlopen`.
    """
    if (
        _MAKE_REQUEST is None
        or retries is not _URLLIB3_NO_RETRY
        or type(pool).urlopen is not _POOL_URLOPEN
        or "urlopen" in pool.__dict__
        or not _PLAIN_TARGET.fullmatch(path)
    ):
        return pool.urlopen(  # type: ignore[no-any-return]
            method, path, body=body, headers=headers, timeout=timeout, retries=retries,
            redirect=False, assert_same_host=False, preload_content=False, pool_timeout=pool_timeout,
        )
    conn = pool._get_conn(timeout=pool_timeout)
    try:
        return _MAKE_REQUEST(  # type: ignore[no-any-return]
            pool, conn, method, path, body=body, headers=headers, retries=retries, timeout=timeout,
            response_conn=conn, preload_content=False, decode_content=True, enforce_content_length=True,
        )
    except BaseException as error:
        # As `urlopen`: the connection is closed and its place in the pool given back.
        conn.close()
        pool._put_conn(None)
        if isinstance(error, _URLOPEN_SSL_ERRORS):
            raise SSLError(error)  # noqa: B904 - urlopen raises it the same way, the cause as context
        if isinstance(error, (OSError, http.client.HTTPException)):
            raise ProtocolError("Connection aborted.", error)  # noqa: B904 - as urlopen
        raise


def _urlopen_internals() -> Tuple[Any, Any, Tuple[type, ...]]:
    """urllib3 2's `_make_request`, the pools' own `urlopen` and the TLS errors it wraps; None for urllib3 1."""
    import urllib3.connectionpool as connectionpool

    make_request = getattr(connectionpool.HTTPConnectionPool, "_make_request", None)
    ssl_errors = tuple(
        error for error in (getattr(connectionpool, "BaseSSLError", None), getattr(connectionpool, "CertificateError", None))
        if isinstance(error, type)
    )
    major = int(str(getattr(urllib3, "__version__", "0")).split(".", 1)[0])
    if major < 2 or make_request is None or len(ssl_errors) != 2:
        return None, connectionpool.HTTPConnectionPool.urlopen, ssl_errors
    return make_request, connectionpool.HTTPConnectionPool.urlopen, ssl_errors


_MAKE_REQUEST, _POOL_URLOPEN, _URLOPEN_SSL_ERRORS = _urlopen_internals()
_URLLIB3_RESPONSE = urllib3.HTTPResponse
# A request target that urllib3's percent-encoding leaves as it is: no fragment, and
# nothing but the characters it allows and upper-case %XX escapes (RFC 3986).
_PLAIN_TARGET = re.compile(
    r"/(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-F]{2})*(?:\?(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-F]{2})*)?"
)

_URLLIB3_REQUEST = urllib3.PoolManager.request
_URLLIB3_MANAGERS: Dict[type, Any] = {
    urllib3.PoolManager: urllib3.PoolManager.urlopen,
    urllib3.ProxyManager: urllib3.ProxyManager.urlopen,
}


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
        connect, read = setting
        for value in setting:
            if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0):
                raise ApiValueError(
                    f"the timeout (Configuration.timeout or _request_timeout) values must be positive numbers,"
                    f" not {value!r}"
                )
        return urllib3.Timeout(connect=connect, read=read)
    raise ApiValueError(_TIMEOUT_FORMS + f", not {setting!r}")


_TIMEOUT_FORMS = (
    "the timeout (Configuration.timeout or _request_timeout) must be a number of seconds,"
    " a (connect, read) pair or a urllib3.Timeout"
)


# The deadline of the call this thread is making, if its timeout is one number;
# the connection and the response below keep to it.
_call = threading.local()
_call.deadline = None


def _until(timeout: urllib3.Timeout, deadline: float) -> Tuple[urllib3.Timeout, float]:
    """The timeout for one attempt and the longest wait for a pooled connection, both within `deadline`."""
    remaining = max(deadline - time.monotonic(), 0.001)
    # `_connect` and `_read` are what `Timeout.clone()` copies, in every urllib3 from 1.25 on.
    return urllib3.Timeout(connect=timeout._connect, read=timeout._read, total=remaining), remaining


class _DeadlineReader(io.RawIOBase):
    """A socket's byte stream whose every read ends by the deadline, however slowly the bytes come.

    A socket timeout bounds each read, so a body sent a byte at a time would
    last as long as the server likes; here each read gets what remains.
    """

    def __init__(self, raw: Any, sock: socket.socket, deadline: float) -> None:
        super().__init__()
        self._raw = raw
        self._sock = sock
        self._deadline = deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> Optional[int]:
        remaining = self._deadline - time.monotonic()
        if remaining <= 0:
            raise socket.timeout("timed out")
        previous = self._sock.gettimeout()
        if previous is not None and previous <= remaining:
            return self._raw.readinto(buffer)  # type: ignore[no-any-return]
        self._sock.settimeout(remaining)
        try:
            return self._raw.readinto(buffer)  # type: ignore[no-any-return]
        finally:
            self._sock.settimeout(previous)

    def close(self) -> None:
        if not self.closed:
            self._raw.close()
        super().close()


# http.client's limits on a header block.
_MAX_LINE = 65536
_MAX_HEADERS = 100
# A server that sends more interim answers than this is not answering.
_MAX_INTERIM = 20


class _FinalResponse(http.client.HTTPResponse):
    """http.client's response, read past interim answers (1xx but 101) to the final one.

    http.client skips only 100 Continue: a 103 Early Hints would be taken for
    the answer, and the real one left on the pooled connection for the next
    request (RFC 9110 section 15.2 asks clients to skip them). A final answer
    below 200 (101) closes the connection, which then serves no other request.
    The header block is parsed without the `email` package where it can be
    (see `_parse_headers`), which is most of what http.client spends on a response.
    """

    def __init__(self, sock: socket.socket, *args: Any, **kwargs: Any) -> None:
        super().__init__(sock, *args, **kwargs)
        deadline = getattr(_call, "deadline", None)  # unset in threads that never had one
        if deadline is not None and isinstance(self.fp, io.BufferedReader) and hasattr(sock, "settimeout"):
            self.fp = io.BufferedReader(_DeadlineReader(self.fp.detach(), sock, deadline))

    def begin(self) -> None:
        """`http.client.HTTPResponse.begin` (the same in Python 3.9 to 3.13), with the faster header parsing."""
        if self.headers is not None:
            return
        version, status, reason = self._read_status()
        self.code = self.status = status
        self.reason = reason.strip()
        if version in ("HTTP/1.0", "HTTP/0.9"):
            self.version = 10
        elif version.startswith("HTTP/1."):
            self.version = 11
        else:
            raise http.client.UnknownProtocol(version)
        message, first = _parse_headers(self.fp)
        self.headers = self.msg = message
        get = message.get if first is None else first.get
        if self.debuglevel > 0:
            for name, value in message.items():
                print("header:", name + ":", value)
        transfer_encoding = get("transfer-encoding")
        self.chunked = bool(transfer_encoding and transfer_encoding.lower() == "chunked")
        if self.chunked:
            self.chunk_left = None
        self.will_close = self._closes(get)
        self.length = None
        length = get("content-length")
        if length and not self.chunked:
            try:
                self.length = int(length)
            except ValueError:
                pass
            else:
                if self.length < 0:  # a nonsensical negative length is ignored
                    self.length = None
        if status in (204, 304) or 100 <= status < 200 or self._method == "HEAD":
            self.length = 0
        if not self.will_close and not self.chunked and self.length is None:
            self.will_close = True

    def _read_status(self) -> Tuple[str, int, str]:
        for _ in range(_MAX_INTERIM):
            version, status, reason = super()._read_status()  # type: ignore[misc]
            if not 100 <= status < 200 or status == 101:
                return version, status, reason
            _read_header_lines(self.fp)
        raise http.client.HTTPException(f"more than {_MAX_INTERIM} interim (1xx) responses")

    def _closes(self, get: Any) -> bool:
        """Whether the connection closes after this response (http.client's rules; any 1xx closes it)."""
        if self.status < 200:
            return True
        connection = get("connection")
        if self.version == 11:
            return bool(connection and "close" in connection.lower())
        if get("keep-alive") or (connection and "keep-alive" in connection.lower()):
            return False
        proxy_connection = get("proxy-connection")
        return not (proxy_connection and "keep-alive" in proxy_connection.lower())


def _read_header_lines(fp: Any) -> List[bytes]:
    """The lines of a header block, its empty last line included, within http.client's limits."""
    lines: List[bytes] = []
    while True:
        line = fp.readline(_MAX_LINE + 1)
        if len(line) > _MAX_LINE:
            raise http.client.LineTooLong("header line")
        lines.append(line)
        if len(lines) > _MAX_HEADERS:
            raise http.client.HTTPException(f"got more than {_MAX_HEADERS} headers")
        if line in (b"\r\n", b"\n", b""):
            return lines


def _header_block(fp: Any) -> bytes:
    """The bytes of a header block, its empty last line included, within http.client's limits.

    A block of CRLF lines that has already arrived whole (nearly always) is
    taken from the read buffer in one piece, instead of a line at a time.
    """
    peek = getattr(fp, "peek", None)
    if peek is not None:
        buffered = peek()
        end = buffered.find(b"\r\n\r\n") + 4
        block = buffered[:end]
        if (
            end >= 4
            and end <= _MAX_LINE
            and block.find(b"\n\r\n") == end - 3  # no empty line before the last
            and b"\n\n" not in block
            and block[0] not in b"\r\n"  # a block with no header: read it the long way
            and block.count(b"\n") <= _MAX_HEADERS
        ):
            fp.read(end)
            return block  # type: ignore[no-any-return]
    return b"".join(_read_header_lines(fp))


# A header block of plain ``name: value`` lines, which the `email` parser would read the same way.
_PLAIN_HEADERS = re.compile(r"(?:[\x21-\x39\x3b-\x7e]+:[^\r\n]*\r?\n)*\r?\n")
_HEADER = re.compile(r"([\x21-\x39\x3b-\x7e]+):[ \t]*([^\r\n]*)\r?\n")


class _HeaderMessage(http.client.HTTPMessage):
    """The `HTTPMessage` of a header block read by `_parse_headers`, with a faster `items()`.

    urllib3 calls `items()` on every response, and the message's policy
    (compat32) hands back a text value without surrogates as it is; ASCII
    values skip the policy call here.
    """

    def items(self) -> List[Tuple[str, Any]]:
        policy = self.policy
        if policy is not _COMPAT32:
            return super().items()
        return [
            (name, value) if type(value) is str and value.isascii() else (name, policy.header_fetch_parse(name, value))
            for name, value in self._headers  # type: ignore[attr-defined]
        ]


_COMPAT32 = http.client.HTTPMessage().policy


def _parse_headers(fp: Any) -> Tuple[http.client.HTTPMessage, Optional[Dict[str, str]]]:
    """The header block as http.client's `HTTPMessage`, and its first value of each name (lower case).

    http.client hands the block to the `email` parser, at about 20 µs a
    response. A block of plain ``name: value`` lines (nearly every one) is
    read here into the same message: the same names, values, order, empty
    payload and no defects. Anything else (folded lines, a line that is not
    a header, a cut-off block, a multipart type) goes to the `email` parser,
    and the second value is None.
    """
    text = _header_block(fp).decode("iso-8859-1")
    if _PLAIN_HEADERS.fullmatch(text):
        pairs = _HEADER.findall(text)
        first: Dict[str, str] = {}
        for name, value in pairs:
            first.setdefault(name.lower(), value)
        content_type = first.get("content-type", "").lower()
        if "multipart" not in content_type and "message" not in content_type:
            message = _HeaderMessage()
            message._headers = pairs  # type: ignore[attr-defined]
            message.set_payload("")
            return message, first
    return email.parser.Parser(_class=http.client.HTTPMessage).parsestr(text), None


class _DeadlineSend:
    """Mixed into urllib3's connections: sending the request keeps to the call's deadline too."""

    sock: Optional[socket.socket]

    def send(self, data: Any) -> None:
        deadline = getattr(_call, "deadline", None)
        sock = self.sock
        if deadline is None or sock is None:
            super().send(data)  # type: ignore[misc]
            return
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise socket.timeout("timed out")
        previous = sock.gettimeout()
        sock.settimeout(remaining if previous is None else min(previous, remaining))
        try:
            super().send(data)  # type: ignore[misc]
        finally:
            sock.settimeout(previous)


_FINAL_ANSWER_POOLS: Dict[type, type] = {}


def _final_answer_pool(pool_class: type) -> type:
    """`pool_class` with connections that skip interim answers and keep to a call's deadline."""
    made = _FINAL_ANSWER_POOLS.get(pool_class)
    if made is None:
        connection_class = pool_class.ConnectionCls  # type: ignore[attr-defined]
        if not issubclass(connection_class, http.client.HTTPConnection):
            return pool_class  # urllib3's stand-in when Python has no ssl module
        connection = type(
            connection_class.__name__, (_DeadlineSend, connection_class), {"response_class": _FinalResponse}
        )
        made = _FINAL_ANSWER_POOLS[pool_class] = type(pool_class.__name__, (pool_class,), {"ConnectionCls": connection})
    return made


_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _encode_body(
    method: str, headers: Dict[str, str], body: RequestBody, post_params: PostParams
) -> Tuple[Optional[bytes], Optional[List[Tuple[str, Any]]], bool]:
    """The body as bytes, or form fields for urllib3 to encode (and whether as multipart)."""
    if method in ("GET", "HEAD"):
        return None, None, False
    content_type = headers.get("Content-Type")
    if content_type in _FORM_TYPES:
        if body is not None and not post_params:
            raise ApiValueError(
                f"the request body cannot be sent as {content_type}, which carries form fields;"
                " nothing was sent. Use a JSON content type, or pass the fields as post_params."
            )
        multipart = content_type == "multipart/form-data"
        if multipart:
            del headers["Content-Type"]  # urllib3 writes it with the boundary
        return None, list(post_params or ()), multipart
    if body is None:
        return None, None, False
    if isinstance(body, bytes):
        return body, None, False
    if isinstance(body, str):
        return body.encode("utf-8"), None, False
    if not content_type or "json" in content_type.lower():
        return json.dumps(body).encode("utf-8"), None, False
    if content_type.startswith("text/plain") and isinstance(body, bool):
        return str(body).lower().encode("utf-8"), None, False
    raise ApiValueError(
        f"cannot send a {type(body).__name__} body as {content_type}; pass bytes or str,"
        " or a JSON content type"
    )


def _read(resp: urllib3.BaseHTTPResponse, limit: int) -> bytes:
    """The whole body, unless it is over `limit` bytes."""
    length = resp.length_remaining
    if length is not None and length <= limit:
        data: Optional[bytes] = _read_as_sent(resp)
        if data is None:
            data = resp.data
        if len(data) <= limit:  # a compressed body may grow when decoded
            return data
        raise _too_large(resp, data[:BODY_EXCERPT_BYTES], limit, None)
    if length is not None:  # declared too large: read only its start
        raise _too_large(resp, resp.read(BODY_EXCERPT_BYTES), limit, length)
    chunks: List[bytes] = []  # no length given: read no more than allowed
    size = 0
    for chunk in resp.stream(64 * 1024):
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise _too_large(resp, b"".join(chunks)[:BODY_EXCERPT_BYTES], limit, None)
    return b"".join(chunks)


def _read_as_sent(resp: Any) -> Optional[bytes]:
    """A whole body of known length and no content coding, read as urllib3 2 reads it, for less.

    urllib3's `read()` sets up decoders and buffers that such a body does not
    need. This reads it from the http.client response inside urllib3's own
    error handling (the same exceptions, the connection given back at the
    end) and leaves the response as `.data` would: body cached, length used
    up. None (nothing read) for any other response.
    """
    if (
        _MAKE_REQUEST is None
        or type(resp) is not _URLLIB3_RESPONSE
        or not isinstance(resp._fp, _FinalResponse)
        or resp._body is not None
        or resp._fp_bytes_read
        or "content-encoding" in resp.headers
    ):
        return None
    with resp._error_catcher():
        data: bytes = resp._fp.read()
    resp._fp_bytes_read += len(data)
    if resp.length_remaining is not None:
        resp.length_remaining -= len(data)
    resp._body = data
    return data


def _too_large(
    resp: urllib3.BaseHTTPResponse, head: bytes, limit: int, size: Optional[int]
) -> ResponseTooLargeError:
    resp.close()  # the rest of the body stays unread: the connection cannot be reused
    resp.release_conn()
    result = RESTResponse(resp)
    result.data = head
    return ResponseTooLargeError(http_resp=result, limit=limit, size=size)


def _discard(resp: urllib3.BaseHTTPResponse) -> None:
    """Read and drop an unread body, so the connection can serve the next request."""
    try:
        resp.read()
    except Exception:  # the connection is closed then, which is fine too
        pass
    resp.release_conn()


def _has_authorization(headers: Mapping[str, str]) -> bool:
    return "Authorization" in headers or any(name.lower() == "authorization" for name in headers)


def _scrub(text: str, headers: Mapping[str, str]) -> str:
    """`text` without the credentials of `headers`, for messages and logs."""
    for name, value in headers.items():
        if name.lower() in CREDENTIAL_HEADERS and isinstance(value, str) and value:
            text = text.replace(value, "***")
            secret = value.split(" ", 1)[-1]
            if len(secret) >= 4:
                text = text.replace(secret, "***")
    return text


_HEADER_NAME = re.compile(r"[^:\s][^:\r\n]*")
_BAD_HEADER_VALUE = re.compile(r"[\r\n\x00]")


def _unsendable(headers: Mapping[str, str]) -> Optional[str]:
    """Which headers HTTP cannot carry, naming them but never their values; None if all can go."""
    bad = []
    for name, value in headers.items():
        if not isinstance(name, str) or not _HEADER_NAME.fullmatch(name):
            bad.append(repr(name))
        elif isinstance(value, str):
            try:
                value.encode("latin-1")
            except UnicodeEncodeError:
                bad.append(name)
                continue
            if _BAD_HEADER_VALUE.search(value):
                bad.append(name)
        elif not isinstance(value, (bytes, int)):
            bad.append(name)
    if not bad:
        return None
    return (
        f"cannot send the header {', '.join(bad)}: its name or value holds a line break, a"
        " control character, a character outside Latin-1 or is not text (for Authorization,"
        " check Configuration.access_token); nothing was sent"
    )


def _classify(error: Exception) -> Tuple[Optional[str], bool]:
    """(kind of transient failure or None, whether the request may have been sent)."""
    if isinstance(error, MaxRetryError) and isinstance(error.reason, Exception):
        return _classify(error.reason)  # a urllib3.Retry given by the user gave up
    if isinstance(error, SSLError):
        return None, False  # a certificate problem does not pass with time
    if isinstance(error, NewConnectionError):
        return "connection", False
    if isinstance(error, (ConnectTimeoutError, EmptyPoolError)):
        return "timeout", False
    if isinstance(error, ProxyError):
        return "connection", False
    if isinstance(error, ReadTimeoutError):
        return "timeout", True
    if isinstance(error, (ProtocolError, OSError)):
        return "connection", True
    return None, True


# How OpenSSL and urllib3 1.x word a certificate that is not trusted or names another host.
_CERTIFICATE_PROBLEMS = ("CERTIFICATE_VERIFY_FAILED", "doesn't match", "mismatch")
# How OpenSSL words a peer that answered the handshake with something other than TLS.
_NOT_TLS = ("WRONG_VERSION_NUMBER", "record layer failure", "UNKNOWN_PROTOCOL", "HTTP_REQUEST", "packet length too long")

_TIMEOUT_VALUE = re.compile(r"(?:read|connect) timeout=([^)\s]+)")


def _describe(error: Exception) -> str:
    """What went wrong, in words a user can act on."""
    text = str(error)
    if isinstance(error, MaxRetryError):
        inner = error.reason
        return "the urllib3.Retry given gave up: " + (_describe(inner) if isinstance(inner, Exception) else text)
    if isinstance(error, (ReadTimeoutError, ConnectTimeoutError)) and not isinstance(error, NewConnectionError):
        found = _TIMEOUT_VALUE.search(text)
        try:
            limit = f" ({float(found.group(1)):.3g} s)" if found else ""
        except ValueError:
            limit = ""
        what = "no response within the read timeout" if isinstance(error, ReadTimeoutError) else (
            "could not connect within the connect timeout"
        )
        return f"{what}{limit}; change it with _request_timeout or Configuration.timeout"
    if isinstance(error, SSLError):
        if any(sign in text for sign in _CERTIFICATE_PROBLEMS):
            return (
                f"TLS certificate verification failed: {text}. Certificates are verified by default;"
                " to trust a private CA, set Configuration.ssl_ca_cert"
            )
        if any(sign in text for sign in _NOT_TLS):
            return f"TLS failed: {text} (does the server speak https on this port?)"
        return f"TLS failed: {text}"
    if isinstance(error, NewConnectionError):
        return "could not connect: " + text.rsplit("Failed to establish a new connection: ", 1)[-1]
    cause = error.args[-1] if isinstance(error, ProtocolError) and error.args else error
    if isinstance(cause, (http.client.IncompleteRead, IncompleteRead)):
        return f"the connection closed in the middle of the response ({cause!r})"
    if isinstance(cause, http.client.RemoteDisconnected):
        return "the server closed the connection without answering"
    if isinstance(cause, ConnectionResetError):
        return f"the connection was reset ({cause})"
    if isinstance(cause, Exception):
        detail = str(cause) or type(cause).__name__
        # urllib3 puts the connection object's repr in front of the reason.
        return re.sub(r"^<[^>]*>: ", "", detail)
    return text


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
    redirects: int,
    attempts: int,
    operation: Optional[str],
) -> Tuple[str, str, Dict[str, str], Optional[bytes]]:
    """The next request after a redirect, as browsers and urllib3 make it.

    Credentials go only to the origin they were meant for.
    """
    location = resp.headers["Location"]
    problem = None
    try:
        target = urljoin(url, location)
        parts = urlsplit(target)
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        problem = f"the server redirected to an invalid URL ({location!r})"
    else:
        if redirects > MAX_REDIRECTS:
            problem = f"more than {MAX_REDIRECTS} redirects, the last to {_redact_url(target)}"
        elif parts.scheme not in ("http", "https") or not parts.hostname:
            problem = f"the server redirected to {_redact_url(target)}, which is not an http(s) URL"
    if problem is not None:
        raise ApiRedirectError(
            f"{problem} (HTTP {resp.status})", method=method, url=_redact_url(url),
            attempts=attempts, operation=operation,
        )
    headers = dict(headers)
    if resp.status == 303 or (resp.status in (301, 302) and method == "POST"):
        method, body = "GET", None
        for name in [h for h in headers if h.lower() in ("content-type", "content-length")]:
            del headers[name]
    if _origin(target) != _origin(url):
        for name in [h for h in headers if h.lower() in CREDENTIAL_HEADERS]:
            del headers[name]
        logger.info("redirected to another origin, %s: credentials not forwarded", _redact_url(target))
    return method, target, headers, body


def _origin(url: str) -> Tuple[str, Optional[str], Optional[int]]:
    parts = urlsplit(url)
    return parts.scheme, parts.hostname, parts.port
