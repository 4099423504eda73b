"""A list of agent runs that a notebook shows as a table: `page.items`, or any runs collected."""

from __future__ import annotations

from typing import Any, Iterable, List

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
        return runs_html(self, _count(len(self)))

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        from openapi_client.display import runs_text

        printer.text("AgentRunList([...])" if cycle else runs_text(self))


def _count(n: int) -> str:
    return "1 agent run" if n == 1 else f"{n} agent runs"


def runs_html(runs: Iterable[AgentRunResponse], caption: str) -> str:
    """The HTML table of `runs` under `caption`, as Jupyter shows a list or a page of runs."""
    from openapi_client.display import runs_table_html

    return runs_table_html({run.id: run for run in runs}, caption)


def show_lists_of_runs_as_tables(shell: Any) -> None:
    """Have an IPython `shell` show any plain list of runs, e.g. ``list(api.iter_agent_runs(...))``, as a table.

    The HTML printer for ``list`` shows a non-empty list whose items are all
    `AgentRunResponse` as `AgentRunList` does; any other list goes to the printer
    it had before, or to IPython's plain text. Registered once per shell.
    """
    formatter = shell.display_formatter.formatters["text/html"]
    try:
        before = formatter.lookup_by_type(list)
    except KeyError:
        before = None
    if getattr(before, "shows_runs", False):
        return

    def runs_as_table(value: List[Any]) -> Any:
        if value and all(isinstance(item, AgentRunResponse) for item in value):
            return AgentRunList(value)._repr_html_()
        return None if before is None else before(value)

    runs_as_table.shows_runs = True  # type: ignore[attr-defined]
    formatter.for_type(list, runs_as_table)
