"""Who and what the discovery calls describe: each token's user, organisations and their repositories."""

from __future__ import annotations

import threading
from typing import Any, Dict, FrozenSet, List, Mapping, Optional, Sequence, Union

FIRST_USER_ID = 1001

OrganizationSpec = Union[str, Mapping[str, Any]]
"""An organisation's name, or fields of ``OrganizationResponse`` that replace the defaults."""

RepoSpec = Union[str, Mapping[str, Any]]
"""A repository's name (``"api"`` or ``"acme/api"``), or fields of ``RepoResponse`` that replace the defaults."""

_DEFAULT_REPOS = (
    {"name": "backend", "description": "The API service", "visibility": "PRIVATE", "language": "Python"},
    {"name": "frontend", "description": "The web app", "visibility": "PUBLIC", "language": "TypeScript"},
)


def default_user(index: int) -> Dict[str, Any]:
    """The ``index``-th token's user (0 for the first), unless configured."""
    number = index + 1
    github_id = str(5550000 + number)
    return {
        "id": FIRST_USER_ID + index,
        "email": f"dev{number}@example.com",
        "github_user_id": github_id,
        "github_username": f"dev{number}",
        "avatar_url": f"https://avatars.githubusercontent.com/u/{github_id}",
        "full_name": f"Developer {number}",
        "role": "ADMIN" if index == 0 else "MEMBER",
        "is_admin": index == 0,
    }


def _organization(org_id: int, spec: Optional[OrganizationSpec]) -> Dict[str, Any]:
    org: Dict[str, Any] = {
        "id": org_id,
        "name": f"Organization {org_id}",
        "settings": {"enable_pr_creation": True, "enable_rules_detection": True},
    }
    if isinstance(spec, str):
        org["name"] = spec
    elif spec is not None:
        settings = {**org["settings"], **dict(spec.get("settings") or {})}
        org.update(spec)
        org["settings"] = settings
    org["id"] = org_id
    return org


def _repository(org_id: int, index: int, spec: Optional[RepoSpec]) -> Dict[str, Any]:
    base: Dict[str, Optional[str]] = dict(_DEFAULT_REPOS[index % len(_DEFAULT_REPOS)])
    repo_id = org_id * 100 + index + 1
    owner = f"org-{org_id}"
    if isinstance(spec, str):
        owner, _, name = spec.rpartition("/")
        owner = owner or f"org-{org_id}"
        base = {"name": name, "description": None, "visibility": "PRIVATE", "language": None}
    repo: Dict[str, Any] = {
        "id": repo_id,
        "name": base["name"],
        "full_name": f"{owner}/{base['name']}",
        "description": base["description"],
        "github_id": str(800000000 + repo_id),
        "organization_id": org_id,
        "visibility": base["visibility"],
        "archived": False,
        "setup_status": "COMPLETE",
        "language": base["language"],
    }
    if isinstance(spec, Mapping):
        repo.update(spec)
        if "name" in spec and "full_name" not in spec:
            repo["full_name"] = f"{owner}/{spec['name']}"
    return repo


class Directory:
    """Users by token, organisations by id and repositories by organisation; thread-safe."""

    def __init__(
        self,
        tokens: Sequence[str],
        *,
        users: Optional[Mapping[str, Mapping[str, Any]]] = None,
        organizations: Optional[Mapping[int, OrganizationSpec]] = None,
        repositories: Optional[Mapping[int, Sequence[RepoSpec]]] = None,
    ) -> None:
        self._lock = threading.Lock()
        self._users: Dict[str, Dict[str, Any]] = {}
        self._configured_users = {str(token): dict(user) for token, user in (users or {}).items()}
        self._organizations = {int(org_id): spec for org_id, spec in (organizations or {}).items()}
        self._repositories: Dict[int, List[Dict[str, Any]]] = {}
        for org_id, specs in (repositories or {}).items():
            if isinstance(specs, (str, bytes)):
                raise ValueError(f"repositories[{org_id}] must be a list of repositories, not a string")
            self._repositories[int(org_id)] = [_repository(int(org_id), i, spec) for i, spec in enumerate(specs)]
        for token in tokens:
            self.add_user(token)

    def add_user(self, token: str, user: Optional[Mapping[str, Any]] = None) -> None:
        """Give ``token`` its user: ``user``'s fields over the defaults (the configured ones if None)."""
        with self._lock:
            if token in self._users and user is None:
                return
            fields = dict(user) if user is not None else self._configured_users.get(token, {})
            self._users[token] = {**default_user(len(self._users)), **fields}

    def user(self, token: str) -> Dict[str, Any]:
        """The ``UserResponse`` of the token's user."""
        self.add_user(token)
        with self._lock:
            return dict(self._users[token])

    def organizations(self, member_of: FrozenSet[int]) -> List[Dict[str, Any]]:
        """``OrganizationResponse`` bodies of the orgs a user is a member of, by id."""
        return [_organization(org_id, self._organizations.get(org_id)) for org_id in sorted(member_of)]

    def repositories(self, org_id: int) -> List[Dict[str, Any]]:
        """The org's ``RepoResponse`` bodies (two sample repositories unless configured)."""
        with self._lock:
            configured = self._repositories.get(org_id)
        if configured is not None:
            return [dict(repo) for repo in configured]
        return [_repository(org_id, index, None) for index in range(len(_DEFAULT_REPOS))]

    def repository(self, org_id: int, repo_id: int) -> Optional[Dict[str, Any]]:
        """The org's repository ``repo_id``, if it has one."""
        return next((repo for repo in self.repositories(org_id) if repo["id"] == repo_id), None)

    def run_repository(self, org_id: int, repo_id: Optional[int]) -> Optional[Dict[str, Any]]:
        """Where a run works: its repository, else the org's first one."""
        repos = self.repositories(org_id)
        return next((repo for repo in repos if repo["id"] == repo_id), repos[0] if repos else None)

    def repo_full_name(self, org_id: int, repo_id: Optional[int]) -> str:
        """Where a run's pull request goes: the run's repository, else the org's first one."""
        chosen = self.run_repository(org_id, repo_id)
        return str(chosen["full_name"]) if chosen else f"org-{org_id}/repository"
