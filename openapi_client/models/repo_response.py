"""A repository of an organisation."""

from __future__ import annotations

from typing import ClassVar, FrozenSet, Optional

from pydantic import StrictBool, StrictInt, StrictStr

from openapi_client.models.base import ApiModel


class RepoResponse(ApiModel):
    """Represents a repository in API responses; its `id` is the ``repo_id`` a new run can be given.

    Every field is required; `description`, `visibility`, `archived` and
    `language` may be ``null``.
    """

    id: StrictInt
    name: StrictStr
    full_name: StrictStr
    description: Optional[StrictStr]
    github_id: StrictStr
    organization_id: StrictInt
    visibility: Optional[StrictStr]
    archived: Optional[StrictBool]
    setup_status: StrictStr
    language: Optional[StrictStr]

    _nullable_fields: ClassVar[FrozenSet[str]] = frozenset({"description", "visibility", "archived", "language"})
