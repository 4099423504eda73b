"""The transport: one HTTP call through urllib3's `PoolManager.request`, tried again as the policy allows.

Every request goes out through ``self.pool_manager.request``, as in a
generated client, so patches and mocks of urllib3 see them all. urllib3
follows redirects, dropping credentials on a hop to another host. What the
SDK adds lives in the pool classes it gives the pool manager: interim (1xx)
answers are read past, and a timeout of one number is a deadline for the
whole call. Every failure leaves as a typed `ApiException`, through one table.
"""

from __future__ import annotations

import http.client
import io
import json
import logging
import socket
import ssl
import time
from contextvars import ContextVar
from typing import Any, Dict, List, Mapping, NamedTuple, Optional, Tuple, Union

import urllib3
from urllib3.exceptions import LocationParseError

from openapi_client import retry as retry_policy
from openapi_client.configuration import Configuration, TimeoutSetting, make_timeout  # also importable from here
from openapi_client.rate_limits import pacing
from openapi_client.exceptions import (
    BODY_EXCERPT_BYTES, ApiException, ApiValueError, OpenApiException, ResponseTooLargeError,
)
from openapi_client.transport_errors import CREDENTIAL_HEADERS, MAX_REDIRECTS, check_redirect, has_authorization, redact_url

# `from openapi_client.rest import ApiException` is what the generated examples write.
__all__ = ["ApiException", "CallOptions", "RESTClientObject", "RESTResponse", "call_options", "is_socks_proxy_url"]

logger = logging.getLogger("openapi_client")

SUPPORTED_SOCKS_PROXIES = {"socks5", "socks5h", "socks4", "socks4a"}
#: A server that sends more interim answers than this is not answering.
MAX_INTERIM_RESPONSES = 20
# urllib3 follows redirects and tries nothing again: the SDK's policy does that.
_REDIRECTS_ONLY = urllib3.Retry(
    total=None, connect=0, read=0, status=0, other=0, redirect=MAX_REDIRECTS,
    remove_headers_on_redirect=CREDENTIAL_HEADERS,
)

RequestBody = Union[None, bytes, str, bool, Dict[str, Any], List[Any]]
PostParams = Optional[List[Tuple[str, Any]]]


class CallOptions(NamedTuple):
    """The SDK's own settings for one call, beside the generated `request` arguments."""

    retries: retry_policy.RetriesSetting = None
    #: False for the ``_without_preload_content`` methods: the body is left on the wire.
    preload_content: bool = True
    #: The SDK operation, named in errors.
    operation: Optional[str] = None
    #: `time.monotonic()` by which the call ends; set by the transport from a one-number timeout.
    deadline: Optional[float] = None


#: The one channel for the SDK's per-call settings. The API classes set it around
#: `ApiClient.call_api`; the transport adds the deadline, which its connections read.
#: So `call_api` and `RESTClientObject.request` keep their generated signatures, and
#: user overrides and mocks of either keep working.
call_options: ContextVar[CallOptions] = ContextVar("openapi_client_call_options", default=CallOptions())


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
    and `operation`, which `ApiException` reports.
    """

    __slots__ = ("response", "status", "reason", "data", "attempts", "may_have_acted", "operation", "preloaded")
    attempts: int
    may_have_acted: bool
    operation: Optional[str]

    def __init__(self, resp: urllib3.BaseHTTPResponse) -> None:
        self.response = resp
        self.status: int = resp.status
        self.reason: Optional[str] = resp.reason
        self.data: Optional[bytes] = None
        #: The body if the transport has read it already; `data` stays None until `read()`, as generated.
        self.preloaded: Optional[bytes] = None

    def read(self) -> bytes:
        if self.data is None:
            self.data = self.response.data if self.preloaded is None else self.preloaded
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
        if configuration.proxy and is_socks_proxy_url(configuration.proxy):
            from urllib3.contrib.socks import SOCKSProxyManager

            self.pool_manager = SOCKSProxyManager(configuration.proxy, headers=configuration.proxy_headers, **pool_args)
        elif configuration.proxy:
            self.pool_manager = urllib3.ProxyManager(
                configuration.proxy, proxy_headers=configuration.proxy_headers, **pool_args
            )
        else:
            self.pool_manager = urllib3.PoolManager(**pool_args)
        classes = getattr(self.pool_manager, "pool_classes_by_scheme", None)  # a mock may have none
        if isinstance(classes, dict):
            self.pool_manager.pool_classes_by_scheme = {scheme: _final_answer_pool(c) for scheme, c in classes.items()}
        # base URL -> whether a token sent there would cross the network in clear text
        self._cleartext: Dict[str, bool] = {}
        self._timeout_of: Tuple[Any, urllib3.Timeout] = (None, urllib3.Timeout())

    def close(self) -> None:
        """Close every pooled connection; the next request opens new ones."""
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
        """Send one request, retrying as configured; urllib3 follows redirects.

        The signature is the generated client's, for subclasses and mocks; the
        SDK's own per-call settings arrive through `call_options`. The body is
        read here (so that a connection lost mid-body is retried like any
        other), but `RESTResponse.data` stays None until `read()`.

        :raises ApiConnectionError, ApiTimeoutError: no response could be had.
        :raises ApiRedirectError: too many redirects, or one to a URL that is not http(s).
        :raises ResponseTooLargeError: the body is over `Configuration.max_response_bytes`.
        :raises ApiValueError: the request cannot be sent as it is; nothing was sent.
        """
        options = call_options.get()
        method = method.upper()
        if method not in ("GET", "HEAD", "DELETE", "POST", "PUT", "PATCH", "OPTIONS"):
            raise ApiValueError(f"unsupported HTTP method {method!r}")
        headers = {} if headers is None else headers
        content = _encode_body(method, headers, body, post_params)
        self._refuse_a_token_in_clear_text(url, headers)
        timeout = self._configured_timeout() if _request_timeout is None else make_timeout(_request_timeout)
        resolved = retry_policy.resolve(self.configuration.retries if options.retries is None else options.retries)
        if isinstance(resolved, urllib3.Retry):  # used as given, retries and redirects alike
            urllib3_retry, policy, given_retry = resolved, retry_policy.NO_RETRIES, True
        else:
            urllib3_retry, policy, given_retry = _REDIRECTS_ONLY, resolved, False
        send = retry_policy.Attempts(method, url, headers, options.operation, timeout, given_retry)
        # for the connections, which keep to the deadline too
        token = None if send.deadline is None else call_options.set(options._replace(deadline=send.deadline))
        try:
            while True:
                send.number += 1
                pacing.take_slot(self.configuration, options.operation, url, send.deadline)
                attempt_timeout, pool_timeout = send.timeouts()
                try:
                    resp = self.pool_manager.request(
                        method, url, **content, headers=headers, timeout=attempt_timeout, retries=urllib3_retry,
                        preload_content=False, pool_timeout=pool_timeout,
                    )
                    data = _read(resp, self.configuration.max_response_bytes) if options.preload_content else None
                except OpenApiException:
                    raise
                except Exception as error:
                    time.sleep(send.wait_after_failure(error, policy))
                    continue
                if resp.status == 429:
                    pacing.pause_after_429(self.configuration, options.operation, url, resp.headers.get("Retry-After"))
                wait = send.wait_after_status(resp, policy)
                if wait is not None:
                    if data is None:
                        _discard(resp)
                    time.sleep(wait)
                    continue
                if logger.isEnabledFor(logging.DEBUG):
                    logger.debug("%s %s -> %d (attempt %d)", method, redact_url(url), resp.status, send.number)
                result = RESTResponse(resp)
                result.preloaded = data
                if resp.status >= 400:
                    result.attempts = send.number
                    result.may_have_acted = resp.status >= 500 and method not in retry_policy.IDEMPOTENT_METHODS
                    result.operation = options.operation
                return result
        finally:
            if token is not None:
                call_options.reset(token)

    def _configured_timeout(self) -> urllib3.Timeout:
        """`Configuration.timeout` as a urllib3 `Timeout`, made again only when the setting changes."""
        setting = self.configuration.timeout
        if setting is not self._timeout_of[0]:
            self._timeout_of = (setting, make_timeout(setting))
        return self._timeout_of[1]

    def _refuse_a_token_in_clear_text(self, url: str, headers: Mapping[str, str]) -> None:
        """Refuse, before any I/O, to send a token over plain http:// to a host that is not this machine."""
        slash = url.find("/", url.find("//") + 2)
        base = url if slash < 0 else url[:slash]
        cleartext = self._cleartext.get(base)
        if cleartext is None:
            try:
                parts = urllib3.util.parse_url(base)
            except LocationParseError as error:
                raise ApiValueError(f"invalid URL {base!r}: {error}") from None
            if parts.scheme not in ("http", "https") or not parts.host:
                raise ApiValueError(f"invalid URL {base!r}: expected http:// or https:// and a host")
            cleartext = self._cleartext[base] = parts.scheme == "http" and not is_loopback(parts.host)
        if cleartext and not self.configuration.allow_insecure_http and has_authorization(headers):
            raise ApiValueError(
                f"refusing to send the API token over plain http:// to {base}, where anyone on the"
                " way can read it; nothing was sent. Use https://, or set"
                " Configuration.allow_insecure_http = True if this network is trusted."
            )


# -- what the SDK adds under urllib3: pool classes whose connections skip interim answers
#    and keep to the call's deadline, and refuse a redirect they will not follow


class _DeadlineReader(io.RawIOBase):
    """A socket's byte stream whose every read ends by the deadline, however slowly the bytes come."""

    def __init__(self, raw: Any, sock: socket.socket, deadline: float) -> None:
        super().__init__()
        self.raw, self.sock, self.deadline = raw, sock, deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> Optional[int]:
        with _SocketDeadline(self.sock, self.deadline):
            return self.raw.readinto(buffer)  # type: ignore[no-any-return]

    def close(self) -> None:
        if not self.closed:
            self.raw.close()
        super().close()


class _SocketDeadline:
    """Socket timeouts cut to what remains of `deadline` for the operations inside."""

    def __init__(self, sock: Any, deadline: float) -> None:
        self.sock, self.deadline = sock, deadline

    def __enter__(self) -> None:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise socket.timeout("timed out")
        self.previous = self.sock.gettimeout()
        self.sock.settimeout(remaining if self.previous is None else min(self.previous, remaining))

    def __exit__(self, *exc_info: Any) -> None:
        self.sock.settimeout(self.previous)


class _FinalResponse(http.client.HTTPResponse):
    """http.client's response, read past interim answers (1xx but 101) to the final one.

    http.client skips only 100 Continue: a 103 Early Hints would be taken for
    the answer and the real one left on the pooled connection (RFC 9110,
    section 15.2). A final answer below 200 (101) closes the connection.
    """

    def __init__(self, sock: socket.socket, *args: Any, **kwargs: Any) -> None:
        super().__init__(sock, *args, **kwargs)
        deadline = call_options.get().deadline
        if deadline is not None and isinstance(self.fp, io.BufferedReader) and hasattr(sock, "settimeout"):
            self.fp = io.BufferedReader(_DeadlineReader(self.fp.detach(), sock, deadline))

    def begin(self) -> None:
        for _ in range(MAX_INTERIM_RESPONSES):
            super().begin()
            if not 100 <= self.status < 200 or self.status == 101:
                self.will_close = self.will_close or self.status < 200
                location = self.headers.get("Location") if 300 <= self.status < 400 else None
                if location is not None:
                    check_redirect(location, self.status)
                return
            self.headers = None  # type: ignore[assignment] # an interim answer: read the next one
        raise http.client.HTTPException(f"more than {MAX_INTERIM_RESPONSES} interim (1xx) responses")


class _DeadlineSend:
    """Mixed into urllib3's connections: sending the request keeps to the call's deadline too."""

    sock: Optional[socket.socket]

    def send(self, data: Any) -> None:
        deadline = call_options.get().deadline
        if deadline is None or self.sock is None:
            super().send(data)  # type: ignore[misc]
            return
        with _SocketDeadline(self.sock, deadline):
            super().send(data)  # type: ignore[misc]


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


# -- request bodies and response bodies


_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _encode_body(method: str, headers: Dict[str, str], body: RequestBody, post_params: PostParams) -> Dict[str, Any]:
    """The body as urllib3's `request` takes it: ``body`` bytes, or form ``fields`` for it to encode."""
    if method in ("GET", "HEAD"):
        return {"fields": {}}  # as generated: nothing for urllib3 to add to the URL
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
        return {"fields": list(post_params or ()), "encode_multipart": multipart}
    if body is None or isinstance(body, bytes):
        return {"body": body}
    if isinstance(body, str):
        return {"body": body.encode("utf-8")}
    if not content_type or "json" in content_type.lower():
        return {"body": json.dumps(body).encode("utf-8")}
    if content_type.startswith("text/plain") and isinstance(body, bool):
        return {"body": str(body).lower().encode("utf-8")}
    raise ApiValueError(
        f"cannot send a {type(body).__name__} body as {content_type}; pass bytes or str, or a JSON content type"
    )


def _read(resp: urllib3.BaseHTTPResponse, limit: int) -> bytes:
    """The whole body, unless it is over `limit` bytes."""
    length = resp.length_remaining
    if length is not None and length > limit:  # declared too large: read only its start
        raise _too_large(resp, resp.read(BODY_EXCERPT_BYTES), limit, length)
    if length is not None or resp.connection is None:  # a known length, or a body in memory (as mocks make)
        data = resp.data or b""
        if len(data) <= limit:  # a compressed body may grow when decoded
            return data
        raise _too_large(resp, data[:BODY_EXCERPT_BYTES], limit, None)
    chunks: List[bytes] = []  # no length given: read no more than allowed
    size = 0
    for chunk in resp.stream(64 * 1024):
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise _too_large(resp, b"".join(chunks)[:BODY_EXCERPT_BYTES], limit, None)
    return b"".join(chunks)


def _too_large(resp: urllib3.BaseHTTPResponse, head: bytes, limit: int, size: Optional[int]) -> ResponseTooLargeError:
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
