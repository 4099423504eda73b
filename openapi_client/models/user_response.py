"""The user the token belongs to."""

from __future__ import annotations

from typing import ClassVar, FrozenSet, Optional

from pydantic import StrictBool, StrictInt, StrictStr

from openapi_client.models.base import ApiModel


class UserResponse(ApiModel):
    """Represents a user in API responses.

    `role` is ``ADMIN``, ``MANAGER`` or ``MEMBER``; `is_admin` is the older
    form of the same fact.
    """

    id: StrictInt
    email: Optional[StrictStr] = None
    github_user_id: StrictStr
    github_username: StrictStr
    avatar_url: Optional[StrictStr] = None
    full_name: Optional[StrictStr] = None
    role: Optional[StrictStr] = None
    is_admin: Optional[StrictBool] = None

    _nullable_fields: ClassVar[FrozenSet[str]] = frozenset({"email", "avatar_url", "full_name", "role", "is_admin"})
