"""An agent run as the API returns it."""

from __future__ import annotations

from typing import ClassVar, FrozenSet, Optional

from pydantic import StrictInt, StrictStr

from openapi_client.models.base import ApiModel


class AgentRunResponse(ApiModel):
    """Represents an agent run in API responses.

    `status` moves from ``PENDING``/``ACTIVE`` to a final status such as
    ``COMPLETE``; `result` is filled once the run is done. Fields the API
    added later (``summary``, ``source_type``, ...) are kept as extra
    attributes.
    """

    id: StrictInt
    organization_id: StrictInt
    status: Optional[StrictStr] = None
    created_at: Optional[StrictStr] = None
    web_url: Optional[StrictStr] = None
    result: Optional[StrictStr] = None

    _nullable_fields: ClassVar[FrozenSet[str]] = frozenset({"status", "created_at", "result"})

    def _repr_html_(self) -> str:
        """Jupyter's rich display: id, status badge, created time, link, result; all escaped."""
        from openapi_client.display import run_html

        return run_html(self)

    def _repr_markdown_(self) -> str:
        """The same as markdown, for front ends that prefer it."""
        from openapi_client.display import run_markdown

        return run_markdown(self)
