"""What the emulator saw: case-insensitive headers and the request log entries."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Dict, Iterable, Iterator, Mapping, Optional, Tuple

from .auth import bearer_token

if TYPE_CHECKING:
    from .faults import Fault


class Headers(Mapping[str, str]):
    """Read-only, case-insensitive header mapping (repeated headers are joined with ``", "``).

    Tests assert on headers the way HTTP defines them, so ``headers["authorization"]``
    and ``headers["Authorization"]`` must be the same thing.
    """

    __slots__ = ("_raw", "_merged")

    def __init__(self, items: Iterable[Tuple[str, str]] = ()) -> None:
        self._raw: Tuple[Tuple[str, str], ...] = tuple(items)
        merged: Dict[str, Tuple[str, str]] = {}
        for name, value in self._raw:
            key = name.lower()
            if key in merged:
                first_name, previous = merged[key]
                merged[key] = (first_name, f"{previous}, {value}")
            else:
                merged[key] = (name, value)
        self._merged = merged

    @property
    def raw(self) -> Tuple[Tuple[str, str], ...]:
        """The headers exactly as received: original names, order and repeats."""
        return self._raw

    def __getitem__(self, name: str) -> str:
        return self._merged[name.lower()][1]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() in self._merged

    def __iter__(self) -> Iterator[str]:
        return (original for original, _ in self._merged.values())

    def __len__(self) -> int:
        return len(self._merged)

    def __repr__(self) -> str:
        return f"Headers({dict(self.items())!r})"


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the emulator received it, logged before it was answered.

    ``path`` is the raw request target, query string included.  ``fault`` is the
    injected fault the request consumed, if any.
    """

    method: str
    path: str
    headers: Headers
    body: bytes
    fault: Optional["Fault"] = None

    def json(self) -> Any:
        """The body parsed as JSON (raises ``ValueError`` if it is not JSON)."""
        return json.loads(self.body)

    @property
    def token(self) -> Optional[str]:
        """The bearer token the request carried, if any."""
        return bearer_token(self.headers)


def header_items(headers: Mapping[str, str]) -> Tuple[Tuple[str, str], ...]:
    """Normalise a user-supplied header mapping to an immutable tuple."""
    return tuple((str(name), str(value)) for name, value in headers.items())
