"""OAuth providers and each user's connections to them, Slack connect tokens, and the integrations they add up to."""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass
from typing import Any, Callable, Dict, Iterable, List, Set, Tuple

SLACK_TOKEN_MINUTES = 10

# (id, name, is_mcp, host): the OAuth integrations the API's description lists.
_PROVIDERS = (
    (1, "slack", False, "slack.com"),
    (2, "linear", True, "linear.app"),
    (3, "notion", True, "notion.com"),
    (4, "figma", True, "figma.com"),
    (5, "clickup", False, "clickup.com"),
    (6, "jira", True, "atlassian.com"),
    (7, "sentry", True, "sentry.io"),
    (8, "monday", False, "monday.com"),
)
DEFAULT_CONNECTED = ("slack", "linear")
"""The providers every user starts with an active token for, in every organisation."""

FIRST_OAUTH_TOKEN_ID = 90001


def oauth_providers() -> List[Dict[str, Any]]:
    """Every provider as an ``OAuthProviderResponse``."""
    return [
        {
            "id": provider_id,
            "name": name,
            "issuer": f"https://{host}",
            "authorization_endpoint": f"https://{host}/oauth/authorize",
            "token_endpoint": f"https://{host}/oauth/token",
            "default_scopes": ["read", "write"] if is_mcp else ["read"],
            "is_mcp": is_mcp,
            "meta": {"display_name": name.capitalize()},
        }
        for provider_id, name, is_mcp, host in _PROVIDERS
    ]


class SlackTokenRefused(ValueError):
    """A Slack connect token that is unknown, already used or expired."""


@dataclass
class _SlackToken:
    org_id: int
    user_id: int
    expires_at: float
    used: bool = False


class Connections:
    """Active OAuth tokens by ``(org id, user id, provider)`` and the Slack connect tokens handed out.

    A user has tokens for ``DEFAULT_CONNECTED`` until they are revoked; using a
    Slack connect token (as the Codegen bot does when it gets the DM) connects Slack again.
    """

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._tokens: Dict[Tuple[int, int, str], int] = {}  # -> token id, while active
        self._seen: Set[Tuple[int, int]] = set()
        self._next_token_id = FIRST_OAUTH_TOKEN_ID
        self._slack: Dict[str, _SlackToken] = {}

    def _connect(self, org_id: int, user_id: int, provider: str) -> None:
        self._tokens[(org_id, user_id, provider)] = self._next_token_id
        self._next_token_id += 1

    def _meet(self, org_id: int, user_id: int) -> None:
        if (org_id, user_id) not in self._seen:
            self._seen.add((org_id, user_id))
            for provider in DEFAULT_CONNECTED:
                self._connect(org_id, user_id, provider)

    def connected(self, org_id: int, user_id: int) -> List[str]:
        """The providers the user has an active token for in the org, by name."""
        with self._lock:
            self._meet(org_id, user_id)
            return sorted(p for (org, user, p) in self._tokens if (org, user) == (org_id, user_id))

    def revoke(self, org_id: int, user_id: int, provider: str) -> int:
        """Mark the user's tokens for ``provider`` in the org inactive; how many were active."""
        with self._lock:
            self._meet(org_id, user_id)
            return 1 if self._tokens.pop((org_id, user_id, provider), None) is not None else 0

    def integrations(self, org_id: int, members: Iterable[int]) -> List[Dict[str, Any]]:
        """``IntegrationStatus`` of each OAuth provider (active if a member has a token), GitHub and the others."""
        with self._lock:
            for user_id in members:
                self._meet(org_id, user_id)
            statuses = [{
                "integration_type": "github", "active": True, "token_id": None,
                "installation_id": 40000000 + org_id, "metadata": {"app_name": "codegen-sh"},
            }]
            for _, name, _, _ in _PROVIDERS:
                token_ids = sorted(token for (org, _, p), token in self._tokens.items() if org == org_id and p == name)
                statuses.append({
                    "integration_type": name, "active": bool(token_ids),
                    "token_id": token_ids[0] if token_ids else None, "installation_id": None, "metadata": None,
                })
            for name in ("circleci", "postgresql"):
                statuses.append(
                    {"integration_type": name, "active": False, "token_id": None, "installation_id": None, "metadata": None}
                )
            return statuses

    def new_slack_token(self, org_id: int, user_id: int) -> str:
        """A fresh single-use token, valid for ``SLACK_TOKEN_MINUTES`` of the emulator's clock."""
        token = secrets.token_urlsafe(24)
        with self._lock:
            self._slack[token] = _SlackToken(org_id, user_id, self._clock() + SLACK_TOKEN_MINUTES * 60)
        return token

    def use_slack_token(self, token: str) -> Tuple[int, int]:
        """Connect Slack for the token's user and org; raises ``SlackTokenRefused`` saying why not."""
        with self._lock:
            entry = self._slack.get(token)
            if entry is None:
                raise SlackTokenRefused("unknown Slack connect token")
            if entry.used:
                raise SlackTokenRefused("this Slack connect token has already been used")
            if self._clock() >= entry.expires_at:
                raise SlackTokenRefused(f"this Slack connect token has expired ({SLACK_TOKEN_MINUTES} minutes)")
            entry.used = True
            self._meet(entry.org_id, entry.user_id)
            if (entry.org_id, entry.user_id, "slack") not in self._tokens:
                self._connect(entry.org_id, entry.user_id, "slack")
            return entry.org_id, entry.user_id
