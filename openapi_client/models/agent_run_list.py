"""A list of agent runs that a notebook shows as a table: `page.items`, or any runs collected."""

from __future__ import annotations

from typing import Any, List

from openapi_client.models.agent_run_response import AgentRunResponse


class AgentRunList(List[AgentRunResponse]):
    """A plain `list` of `AgentRunResponse` (equal to a list of the same runs) with a rich display.

    `PageAgentRunResponse.items` is one; wrap any runs to get the same table,
    e.g. ``AgentRunList(api.iter_agent_runs(org_id, limit=20))``. In Jupyter it
    shows as a table (id, status badge, created time, first words of the summary
    or result, pull requests, link); IPython's text form is the table of
    ``codegen-agents list``. `repr()` stays the list's.
    """

    def _repr_html_(self) -> str:
        from openapi_client.display import runs_table_html

        return runs_table_html({run.id: run for run in self}, _count(len(self)))

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        from openapi_client.display import runs_text

        printer.text("AgentRunList([...])" if cycle else runs_text(self))


def _count(n: int) -> str:
    return "1 agent run" if n == 1 else f"{n} agent runs"
