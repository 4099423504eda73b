"""One page of an organisation's repositories."""

from __future__ import annotations

from openapi_client.models.common import Page
from openapi_client.models.repo_response import RepoResponse


class PageRepoResponse(Page[RepoResponse]):
    """`items` are `RepoResponse`s; `total`, `page`, `size` and `pages` place them in the whole listing."""
