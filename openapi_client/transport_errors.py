"""What a lower-level error (urllib3's, http.client's, the socket's) means for a call, and the words for it.

`ERROR_TABLE` maps each to the SDK error it becomes, whether trying again
may help and whether the server may have acted on the request; `describe`
says what went wrong in words a user can act on, and `scrub` keeps
credentials out of them. `check_redirect` refuses, as an error of its own,
a redirect to anything but an http(s) URL.
"""

from __future__ import annotations

import http.client
import re
from typing import Mapping, Optional, Tuple, Type
from urllib.parse import urljoin, urlsplit

from urllib3.exceptions import (
    ConnectTimeoutError,
    EmptyPoolError,
    IncompleteRead,
    NewConnectionError,
    ProtocolError,
    ProxyError,
    ReadTimeoutError,
    ResponseError,
    SSLError,
)

from openapi_client.exceptions import ApiConnectionError, ApiRedirectError, ApiTimeoutError, ApiTransportError

#: Headers that hold credentials: kept out of messages, and not sent on to another host.
CREDENTIAL_HEADERS = ("Authorization", "Cookie", "Proxy-Authorization")
#: Redirects followed in one call; one more is an error.
MAX_REDIRECTS = 5


class RedirectRefused(http.client.HTTPException):
    """A redirect to a URL that is not http(s); urllib3 reports it as a broken connection."""


def check_redirect(location: str, status: int) -> None:
    """Refuse a redirect to anything but an http(s) URL, before urllib3 tries to follow it."""
    try:
        target = urlsplit(urljoin("http://host/", location))
        valid = target.scheme in ("http", "https") and bool(target.hostname) and (target.port or 0) >= 0
    except ValueError:
        valid = False
    if not valid:
        raise RedirectRefused(f"the server redirected to {redact_url(location)!r}, not an http(s) URL (HTTP {status})")


#: The lower-level errors, most specific first: the SDK error each becomes, whether
#: trying again may help, and whether the server may have acted on the request
#: (it may have once the request was sent, unless it answered with a redirect).
ERROR_TABLE: Tuple[Tuple[Type[BaseException], Type[ApiTransportError], bool, bool], ...] = (
    (RedirectRefused, ApiRedirectError, False, False),
    (ResponseError, ApiRedirectError, False, False),  # urllib3's "too many redirects"
    (SSLError, ApiConnectionError, False, False),  # a certificate problem does not pass with time
    (NewConnectionError, ApiConnectionError, True, False),
    (ConnectTimeoutError, ApiTimeoutError, True, False),
    (EmptyPoolError, ApiTimeoutError, True, False),
    (ProxyError, ApiConnectionError, True, False),
    (ReadTimeoutError, ApiTimeoutError, True, True),
    (ProtocolError, ApiConnectionError, True, True),
    (OSError, ApiConnectionError, True, True),
)


def _unwrapped(error: BaseException) -> object:
    """What urllib3 wraps in a `ProtocolError` (its last argument); any other error itself."""
    return error.args[-1] if isinstance(error, ProtocolError) and error.args else error


def classify(error: BaseException) -> Tuple[Type[ApiTransportError], bool, bool]:
    """(SDK error, whether a retry may help, whether the server may have acted) for `error`."""
    for candidate in (_unwrapped(error), error):
        for kind, sdk_error, retryable, sent in ERROR_TABLE:
            if isinstance(candidate, kind):
                return sdk_error, retryable, sent
    return ApiConnectionError, False, True


def has_authorization(headers: Mapping[str, str]) -> bool:
    return "Authorization" in headers or any(name.lower() == "authorization" for name in headers)


def scrub(text: str, headers: Mapping[str, str]) -> str:
    """`text` without the credentials of `headers`, for messages and logs."""
    credentials = {name.lower() for name in CREDENTIAL_HEADERS}
    for name, value in headers.items():
        if name.lower() in credentials and isinstance(value, str) and value:
            text = text.replace(value, "***")
            secret = value.split(" ", 1)[-1]
            if len(secret) >= 4:
                text = text.replace(secret, "***")
    return text


_HEADER_NAME = re.compile(r"[^:\s][^:\r\n]*")
_BAD_HEADER_VALUE = re.compile(r"[\r\n\x00]")


def unsendable(headers: Mapping[str, str]) -> Optional[str]:
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


# How OpenSSL and urllib3 1.x word a certificate that is not trusted or names another host.
_CERTIFICATE_PROBLEMS = ("CERTIFICATE_VERIFY_FAILED", "doesn't match", "mismatch")
# How OpenSSL words a peer that answered the handshake with something other than TLS.
_NOT_TLS = ("WRONG_VERSION_NUMBER", "record layer failure", "UNKNOWN_PROTOCOL", "HTTP_REQUEST", "packet length too long")
_TIMEOUT_VALUE = re.compile(r"(?:read|connect) timeout=([^)\s]+)")


def describe(error: BaseException) -> str:
    """What went wrong, in words a user can act on."""
    text = str(error)
    if isinstance(error, ResponseError) and "redirect" in text:
        return f"more than {MAX_REDIRECTS} redirects"
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
    cause = _unwrapped(error)
    if isinstance(cause, (http.client.IncompleteRead, IncompleteRead)):
        return f"the connection closed in the middle of the response ({cause!r})"
    if isinstance(cause, http.client.RemoteDisconnected):
        return "the server closed the connection without answering"
    if isinstance(cause, ConnectionResetError):
        return f"the connection was reset ({cause})"
    if isinstance(cause, Exception):
        detail = str(cause) or type(cause).__name__
        return re.sub(r"^<[^>]*>: ", "", detail)  # urllib3 puts the connection's repr in front
    return text


def redact_url(url: str) -> str:
    """The URL without user info or query, which may hold secrets."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url.split("?", 1)[0].rsplit("@", 1)[-1]
    netloc = parts.netloc.rsplit("@", 1)[-1]
    return f"{parts.scheme}://{netloc}{parts.path}" if parts.scheme else url.split("?", 1)[0]
