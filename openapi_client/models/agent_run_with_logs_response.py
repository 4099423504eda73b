"""An agent run with one page of its log."""

from __future__ import annotations

from typing import Any, ClassVar, Dict, FrozenSet, List, Optional

from pydantic import StrictInt

from openapi_client.models.agent_run_log_response import AgentRunLogResponse
from openapi_client.models.common import RunFields


class AgentRunWithLogsResponse(RunFields):
    """Represents an agent run in API responses, with its `logs`.

    The logs are one page: `total_logs` steps in all, `page` of `pages`,
    `size` per page.
    """

    metadata: Optional[Dict[str, Any]] = None
    logs: List[AgentRunLogResponse]
    total_logs: Optional[StrictInt] = None
    page: Optional[StrictInt] = None
    size: Optional[StrictInt] = None
    pages: Optional[StrictInt] = None

    _nullable_fields: ClassVar[FrozenSet[str]] = frozenset(
        {"status", "created_at", "web_url", "result", "metadata", "total_logs", "page", "size", "pages"}
    )

    def _repr_html_(self) -> str:
        """Jupyter's rich display: the run's id, status and link, then its steps as a timeline; all escaped."""
        from openapi_client.display import logs_html

        return logs_html(self)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """IPython's text form: a header line, then one line per step, as `codegen-agents logs` prints them."""
        from openapi_client.display import logs_text

        printer.text(f"{type(self).__name__}(...)" if cycle else logs_text(self))
