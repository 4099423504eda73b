"""One page of agent runs, newest first."""

from __future__ import annotations

from typing import Any, List

from pydantic import AfterValidator
from typing_extensions import Annotated

from openapi_client.models.agent_run_list import AgentRunList, runs_html
from openapi_client.models.agent_run_response import AgentRunResponse
from openapi_client.models.common import Page


class PageAgentRunResponse(Page[AgentRunResponse]):
    """`items` are `AgentRunResponse`s; `total`, `page`, `size` and `pages` place them in the whole listing.

    `items` is an `AgentRunList`: a list, shown in Jupyter as a table, as the page itself is.
    """

    items: Annotated[List[AgentRunResponse], AfterValidator(AgentRunList)]

    def _repr_html_(self) -> str:
        """Jupyter's rich display: the page's runs as a table, under where the page sits in the listing."""
        return runs_html(self.items, self._place())

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """IPython's text form: where the page sits, then its runs as `codegen-agents list` prints them."""
        from openapi_client.display import runs_text

        printer.text(f"{type(self).__name__}(...)" if cycle else f"{self._place()}\n{runs_text(self.items)}")

    def _place(self) -> str:
        first = (self.page - 1) * self.size + 1
        if not self.items:
            return f"Agent runs: none on this page, {self.total} in all"
        return f"Agent runs: {first}-{first + len(self.items) - 1} of {self.total} (page {self.page} of {self.pages})"
