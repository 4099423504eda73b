"""What an organisation has configured: check-suite settings per repository, the rules for CLI agents, sandboxes."""

from __future__ import annotations

import copy
import threading
from dataclasses import dataclass
from typing import Any, Dict, Mapping, Optional, Tuple

from .runs import Text, _Unset

DEFAULT_CHECK_SUITE_NAMES = ("build", "lint", "test")
DEFAULT_CHECK_RETRY_COUNT = 2
DEFAULT_ORGANIZATION_RULES = "Keep pull requests small and add a test for every change."
FIRST_SANDBOX_ID = 5001


def default_check_suite_settings() -> Dict[str, Any]:
    """A repository's ``CheckSuiteSettingsResponse`` before any update."""
    return {
        "check_retry_count": DEFAULT_CHECK_RETRY_COUNT,
        "ignored_checks": [],
        "check_retry_counts": {},
        "custom_prompts": {},
        "high_priority_apps": [],
        "available_check_suite_names": list(DEFAULT_CHECK_SUITE_NAMES),
    }


class CheckSuiteSettings:
    """Check-suite settings by ``(org id, repository id)``; an update replaces the fields it gives."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._settings: Dict[Tuple[int, int], Dict[str, Any]] = {}

    def get(self, org_id: int, repo_id: int) -> Dict[str, Any]:
        with self._lock:
            return copy.deepcopy(self._settings.get((org_id, repo_id)) or default_check_suite_settings())

    def update(self, org_id: int, repo_id: int, fields: Mapping[str, Any]) -> Dict[str, Any]:
        """Set the non-null ``fields`` (validated ``CheckSuiteSettingsRequest`` fields); the settings now."""
        with self._lock:
            settings = self._settings.setdefault((org_id, repo_id), default_check_suite_settings())
            settings.update({name: copy.deepcopy(value) for name, value in fields.items() if value is not None})
            return copy.deepcopy(settings)


class CliRules:
    """The ``CLIRulesResponse`` texts: an organisation's rules and each user's custom prompt in it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._organization: Dict[int, Optional[str]] = {}
        self._users: Dict[Tuple[int, int], Optional[str]] = {}

    def set(self, org_id: int, user_id: int, organization_rules: Text, user_custom_prompt: Text) -> None:
        """Replace the texts given (``UNSET`` leaves one as it is, ``None`` clears it)."""
        with self._lock:
            if not isinstance(organization_rules, _Unset):
                self._organization[org_id] = organization_rules
            if not isinstance(user_custom_prompt, _Unset):
                self._users[(org_id, user_id)] = user_custom_prompt

    def get(self, org_id: int, user_id: int) -> Dict[str, Optional[str]]:
        with self._lock:
            return {
                "organization_rules": self._organization.get(org_id, DEFAULT_ORGANIZATION_RULES),
                "user_custom_prompt": self._users.get((org_id, user_id)),
            }


@dataclass(frozen=True)
class Sandbox:
    """A sandbox whose setup logs analyze-logs reads; ``logs`` empty or None: nothing to analyse (400)."""

    id: int
    organization_id: int
    repo_id: Optional[int]
    logs: Optional[str]


class Sandboxes:
    """Sandboxes by id; none exist until a test adds them (no operation of the API lists or creates them)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sandboxes: Dict[int, Sandbox] = {}
        self._next_id = FIRST_SANDBOX_ID

    def add(self, org_id: int, repo_id: Optional[int], logs: Optional[str]) -> Sandbox:
        with self._lock:
            sandbox = Sandbox(self._next_id, org_id, repo_id, logs)
            self._sandboxes[sandbox.id] = sandbox
            self._next_id += 1
            return sandbox

    def find(self, org_id: int, sandbox_id: int) -> Optional[Sandbox]:
        """The sandbox, if it exists in ``org_id``."""
        with self._lock:
            sandbox = self._sandboxes.get(sandbox_id)
        return sandbox if sandbox is not None and sandbox.organization_id == org_id else None
