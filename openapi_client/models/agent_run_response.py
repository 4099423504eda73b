"""An agent run as the API returns it."""

from __future__ import annotations

from typing import Any, ClassVar, Dict, FrozenSet, List, Optional, Union

from pydantic import Field, StrictStr

from openapi_client.models.api_agent_run_source_type import ApiAgentRunSourceType
from openapi_client.models.common import RunFields
from openapi_client.models.github_pull_request_response import GithubPullRequestResponse


class AgentRunResponse(RunFields):
    """Represents an agent run in API responses.

    `status` moves from ``PENDING``/``ACTIVE`` to a final status such as
    ``COMPLETE``; `result` and `summary` are filled once the run is done, and
    `github_pull_requests` lists the pull requests it opened. `source_type`
    is an `ApiAgentRunSourceType`, or the plain string of a source the
    contract does not list yet. Fields the API adds later are kept as extra
    attributes.
    """

    summary: Optional[StrictStr] = None
    # Left to right: a listed source becomes the enum member, any other string stays a str.
    source_type: Optional[Union[ApiAgentRunSourceType, StrictStr]] = Field(default=None, union_mode="left_to_right")
    github_pull_requests: Optional[List[GithubPullRequestResponse]] = None
    metadata: Optional[Dict[str, Any]] = None

    _nullable_fields: ClassVar[FrozenSet[str]] = frozenset(
        {"status", "created_at", "web_url", "result", "summary", "source_type", "github_pull_requests", "metadata"}
    )

    def _repr_html_(self) -> str:
        """Jupyter's rich display: id, status badge, created time, link, result; all escaped."""
        from openapi_client.display import run_html

        return run_html(self)

    def _repr_markdown_(self) -> str:
        """The same as markdown, for front ends that prefer it."""
        from openapi_client.display import run_markdown

        return run_markdown(self)
