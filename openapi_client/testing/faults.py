"""Injectable transport and server faults, for testing a client's retry and error handling."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any, List, Literal, Mapping, Optional, Union

from .recording import header_items
from .responses import RATE_LIMIT_MESSAGE, HeaderList, Response, encode_json

FaultKind = Literal[
    "status",
    "body",
    "redirect",
    "close_before_response",
    "close_mid_response",
    "stall",
    "reset",
]

BodyLike = Union[bytes, str, Mapping[str, Any], List[Any], None]


@dataclass(frozen=True)
class Fault:
    """One misbehaviour to play instead of (or around) the normal answer.

    Build faults with the factory methods (``Fault.status(503)``, ``Fault.stall(2)``...)
    and queue them with ``AgentApiEmulator.inject``.  Faults that answer by themselves
    (``status``, ``rate_limited``, ``body``, ``redirect``) and those that drop the
    connection before answering (``close_before_response``, ``reset``) never reach the
    API, so they create no run and advance no run's lifecycle.  ``stall`` and
    ``close_mid_response`` do process the request: the server worked, the answer was
    late or lost on the way back.
    """

    kind: FaultKind
    code: int = 0
    data: bytes = b""
    headers: HeaderList = ()
    content_type: str = "application/json"
    seconds: float = 0.0
    sent_bytes: Optional[int] = None

    @classmethod
    def status(cls, code: int, body: BodyLike = None, headers: Optional[Mapping[str, str]] = None) -> Fault:
        """Answer with status ``code``.

        ``body``: bytes or str are sent as they are, anything else as JSON; by default
        the rate-limit body for 429 and ``{"message": <reason>, "status_code": code}``
        otherwise.  ``headers`` are added (e.g. ``{"Retry-After": "3"}``); a
        ``Content-Type`` among them replaces ``application/json``.
        """
        if not 100 <= code <= 999:
            raise ValueError(f"not an HTTP status code: {code!r}")
        if body is None:
            message = RATE_LIMIT_MESSAGE if code == 429 else _phrase(code)
            data = encode_json({"message": message, "status_code": code})
        else:
            data = _encode_body(body)
        extra = header_items(headers or {})
        content_type = next((value for name, value in extra if name.lower() == "content-type"), "application/json")
        extra = tuple((name, value) for name, value in extra if name.lower() != "content-type")
        return cls("status", code=code, data=data, headers=extra, content_type=content_type)

    @classmethod
    def rate_limited(cls, retry_after: Union[str, int, None] = "2") -> Fault:
        """A 429 with the API's rate-limit body and ``Retry-After`` (seconds or an HTTP date; None omits it)."""
        headers = {} if retry_after is None else {"Retry-After": str(retry_after)}
        return cls.status(429, headers=headers)

    @classmethod
    def body(cls, data: bytes, content_type: str = "application/json", status: int = 200) -> Fault:
        """Answer ``status`` with exactly ``data``: malformed JSON, the wrong shape, a huge body..."""
        if not isinstance(data, bytes):
            raise TypeError("Fault.body() takes bytes")
        return cls("body", code=status, data=data, content_type=content_type)

    @classmethod
    def redirect(cls, location: str, status: int = 302) -> Fault:
        """Redirect to ``location`` (any URL, e.g. another host or port) with an empty body."""
        if not 300 <= status <= 399:
            raise ValueError(f"not a redirect status: {status!r}")
        return cls("redirect", code=status, headers=(("Location", location),))

    @classmethod
    def close_before_response(cls) -> Fault:
        """Read the whole request, then close the connection without sending a byte."""
        return cls("close_before_response")

    @classmethod
    def close_mid_response(cls, sent_bytes: Optional[int] = None) -> Fault:
        """Process the request, send status, headers (full Content-Length) and only part of the body, then close.

        ``sent_bytes`` is how much of the body is sent (default: half of it).
        """
        if sent_bytes is not None and sent_bytes < 0:
            raise ValueError("sent_bytes must be >= 0")
        return cls("close_mid_response", sent_bytes=sent_bytes)

    @classmethod
    def stall(cls, seconds: float) -> Fault:
        """Wait ``seconds`` before answering normally (for read-timeout tests); cut short by ``stop()``."""
        if seconds < 0:
            raise ValueError("seconds must be >= 0")
        return cls("stall", seconds=float(seconds))

    @classmethod
    def reset(cls) -> Fault:
        """Read the request, then abort the connection with a TCP RST (``SO_LINGER`` 0)."""
        return cls("reset")

    def response(self) -> Response:
        """The answer of a fault that answers by itself (``status``, ``body``, ``redirect``)."""
        if self.kind not in ("status", "body", "redirect"):
            raise ValueError(f"a {self.kind} fault has no response of its own")
        return Response(self.code, self.data, self.headers, self.content_type)


def _phrase(code: int) -> str:
    try:
        return HTTPStatus(code).phrase
    except ValueError:
        return "Error"


def _encode_body(body: BodyLike) -> bytes:
    if isinstance(body, bytes):
        return body
    if isinstance(body, str):
        return body.encode("utf-8")
    return encode_json(body)


@dataclass
class _Injection:
    fault: Fault
    remaining: int
    method: Optional[str]
    path: Optional[str]

    def matches(self, method: str, path: str) -> bool:
        return (self.method is None or self.method == method) and (
            self.path is None or path.startswith(self.path)
        )


class FaultQueue:
    """Injected faults in the order they were queued; each request takes the first that matches."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: List[_Injection] = []

    def add(self, fault: Fault, times: int, method: Optional[str], path: Optional[str]) -> None:
        """Queue ``fault`` for the next ``times`` requests matching ``method`` and ``path`` prefix."""
        if not isinstance(fault, Fault):
            raise TypeError(f"expected a Fault, got {type(fault).__name__}")
        if times < 1:
            raise ValueError("times must be >= 1")
        with self._lock:
            self._items.append(_Injection(fault, times, method.upper() if method else None, path))

    def take(self, method: str, path: str) -> Optional[Fault]:
        """Consume and return the fault for this request, if one is queued for it."""
        with self._lock:
            if not self._items:
                return None
            for index, item in enumerate(self._items):
                if item.matches(method, path):
                    item.remaining -= 1
                    if item.remaining == 0:
                        del self._items[index]
                    return item.fault
        return None

    def pending(self) -> int:
        """How many more requests will still hit a queued fault."""
        with self._lock:
            return sum(item.remaining for item in self._items)

    def clear(self) -> None:
        """Drop every queued fault."""
        with self._lock:
            self._items.clear()

