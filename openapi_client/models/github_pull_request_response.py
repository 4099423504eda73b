"""A pull request an agent run opened or worked on."""

from __future__ import annotations

from typing import ClassVar, FrozenSet, Optional

from pydantic import StrictInt, StrictStr

from openapi_client.models.base import ApiModel


class GithubPullRequestResponse(ApiModel):
    """The pull request's `url`, `title` and `head_branch_name` (the branch to check out)."""

    id: StrictInt
    title: Optional[StrictStr] = None
    url: Optional[StrictStr] = None
    created_at: StrictStr
    head_branch_name: Optional[StrictStr] = None

    _nullable_fields: ClassVar[FrozenSet[str]] = frozenset({"title", "url", "head_branch_name"})
