"""HTTP responses as plain values, so the API logic never touches a socket."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from email.utils import formatdate
from http import HTTPStatus
from typing import Any, Iterable, Tuple

HeaderList = Tuple[Tuple[str, str], ...]

JSON_CONTENT_TYPE = "application/json"


@dataclass(frozen=True)
class Response:
    """A complete HTTP response: status, extra headers and the body bytes."""

    status: int
    body: bytes = b""
    headers: HeaderList = field(default_factory=tuple)
    content_type: str = JSON_CONTENT_TYPE

    def head(self, *, close: bool, content_length: int | None = None) -> bytes:
        """Status line and headers; ``Content-Length`` is always present."""
        length = len(self.body) if content_length is None else content_length
        lines = [
            f"HTTP/1.1 {self.status} {reason_phrase(self.status)}",
            "Server: AgentApiEmulator",
            f"Date: {formatdate(usegmt=True)}",
        ]
        if self.body or content_length:
            lines.append(f"Content-Type: {self.content_type}")
        lines.append(f"Content-Length: {length}")
        lines.extend(f"{name}: {value}" for name, value in self.headers)
        if close:
            lines.append("Connection: close")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def reason_phrase(status: int) -> str:
    """The standard reason phrase, or a neutral one for unregistered codes."""
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def encode_json(value: Any) -> bytes:
    """Serialise like Starlette's ``JSONResponse`` so bodies match byte for byte."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")


def json_response(status: int, value: Any, headers: Iterable[Tuple[str, str]] = ()) -> Response:
    """A JSON response with ``Content-Type: application/json``."""
    return Response(status, encode_json(value), tuple(headers))


def error_response(status: int, message: str, headers: Iterable[Tuple[str, str]] = ()) -> Response:
    """The API's own error shape: ``{"message": ..., "status_code": ...}``."""
    return json_response(status, {"message": message, "status_code": status}, headers)


RATE_LIMIT_MESSAGE = "Rate limit exceeded. Please try again later."
