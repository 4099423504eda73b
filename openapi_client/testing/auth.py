"""Bearer tokens and the organisations each token's user belongs to."""

from __future__ import annotations

import threading
from typing import Dict, FrozenSet, Iterable, List, Mapping, Optional, Tuple

DEFAULT_TOKEN = "test-token"
DEFAULT_ORG_ID = 1


def bearer_token(headers: Mapping[str, str]) -> Optional[str]:
    """The token of an ``Authorization: Bearer <token>`` header, else ``None``."""
    value = headers.get("authorization")
    if value is None:
        return None
    scheme, _, credentials = value.strip().partition(" ")
    if scheme.lower() != "bearer":
        return None
    return credentials.strip() or None


class TokenRegistry:
    """Thread-safe token -> member-organisations table (tokens can be added while serving)."""

    def __init__(self, tokens: Mapping[str, Iterable[int]]) -> None:
        self._lock = threading.Lock()
        self._tokens: Dict[str, FrozenSet[int]] = {}
        self._first: Optional[Tuple[str, Optional[int]]] = None
        for token, orgs in tokens.items():
            self.add(token, orgs)

    def add(self, token: str, orgs: Iterable[int]) -> None:
        """Register ``token`` (or replace its memberships) with the given org ids."""
        if not isinstance(token, str) or not token or token != token.strip() or " " in token:
            raise ValueError(f"a token must be a non-empty string without spaces, got {token!r}")
        org_list = [int(org) for org in orgs]
        with self._lock:
            self._tokens[token] = frozenset(org_list)
            if self._first is None:
                self._first = (token, org_list[0] if org_list else None)

    def orgs_of(self, token: str) -> Optional[FrozenSet[int]]:
        """The orgs the token's user is a member of, or ``None`` for an unknown token."""
        with self._lock:
            return self._tokens.get(token)

    def members(self, org_id: int) -> List[str]:
        """The tokens whose users belong to ``org_id``, in the order they were registered."""
        with self._lock:
            return [token for token, orgs in self._tokens.items() if org_id in orgs]

    @property
    def first(self) -> Tuple[str, Optional[int]]:
        """The first token registered and its first org: the emulator's defaults."""
        with self._lock:
            if self._first is None:
                raise ValueError("at least one token is required")
            return self._first
