"""One page of an organisation's users."""

from __future__ import annotations

from openapi_client.models.common import Page
from openapi_client.models.user_response import UserResponse


class PageUserResponse(Page[UserResponse]):
    """`items` are `UserResponse`s; `total`, `page`, `size` and `pages` place them in the whole listing."""
