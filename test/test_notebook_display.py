"""How runs look in Jupyter: `AgentRunResponse._repr_html_`/`_repr_markdown_` and the live display of a wait.

Runs come from the emulator over HTTP, crafted bodies included (`Fault.body`),
so what is rendered is what a server could send. The notebook display is
driven through a real IPython shell whose display messages are captured.
"""

from __future__ import annotations

import json
import sys
from html.parser import HTMLParser
from typing import Any, Dict, Iterator, List, Optional, Tuple

import pytest

from openapi_client import AgentRunResponse, AgentRunTimeoutError, AgentsApi
from openapi_client.progress import NotebookProgress, Progress, TerminalProgress, progress_for, running_kernel
from openapi_client.testing import AgentApiEmulator, Fault

FAST = 0.01
HOSTILE = "<script>alert('owned')</script>"


class Page(HTMLParser):
    """The parts of an HTML fragment a test looks at: tags with their attributes, and the visible text."""

    def __init__(self, markup: str) -> None:
        super().__init__()
        self.tags: List[Tuple[str, Dict[str, Optional[str]]]] = []
        self.texts: List[str] = []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: List[Tuple[str, Optional[str]]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.texts.append(data)

    @property
    def text(self) -> str:
        return "".join(self.texts)

    def named(self, tag: str) -> List[Dict[str, Optional[str]]]:
        return [attrs for name, attrs in self.tags if name == tag]


def served(emu: AgentApiEmulator, api: AgentsApi, body: Dict[str, Any]) -> AgentRunResponse:
    """The run the SDK reads when the server answers exactly `body`."""
    emu.inject(Fault.body(json.dumps(body).encode()), method="GET")
    return api.get_agent_run(body["id"], emu.org_id)


def test_run_html_shows_id_status_badge_created_time_link_and_result(
    emulator: AgentApiEmulator, agents_api: AgentsApi
) -> None:
    seeded = emulator.create_run("Summarise the changelog")
    agents_api.get_agent_run(seeded.id, emulator.org_id)
    run = agents_api.get_agent_run(seeded.id, emulator.org_id)

    page = Page(run._repr_html_())

    assert f"Agent run {run.id}" in page.text
    badge = [attrs for attrs in page.named("span") if "border-radius" in (attrs["style"] or "")]
    assert len(badge) == 1 and "#1a7f37" in (badge[0]["style"] or "")  # green: complete
    assert "COMPLETE" in page.text
    assert page.named("time") == [{"datetime": run.created_at}]
    assert page.named("a") == [
        {"href": run.web_url, "target": "_blank", "rel": "noopener noreferrer"}
    ]
    assert run.result and run.result in page.text


def test_a_script_in_the_result_shows_as_text_not_as_a_tag(
    emulator: AgentApiEmulator, agents_api: AgentsApi
) -> None:
    emulator.script_next_run(result=f"Done.\n{HOSTILE}")
    run = agents_api.create_agent_run_and_wait(emulator.org_id, "Be nasty", poll_interval=FAST, progress=False)

    markup = run._repr_html_()

    assert "<script" not in markup.lower()
    assert "&lt;script&gt;" in markup
    assert HOSTILE in Page(markup).text  # what the reader sees
    assert "script" not in [tag for tag, _ in Page(markup).tags]


def test_every_field_from_the_server_is_escaped(emulator: AgentApiEmulator, agents_api: AgentsApi) -> None:
    run = served(emulator, agents_api, {
        "id": 4242, "organization_id": emulator.org_id,
        "status": "<img src=x onerror=alert(1)>",
        "created_at": '2024-01-01"><b>bold</b>',
        "web_url": 'https://app.codegen.com/x" onmouseover="alert(1)',
        "result": HOSTILE,
    })

    page = Page(run._repr_html_())

    tags = {tag for tag, _ in page.tags}
    assert not tags & {"img", "b", "script"}
    assert all(not name.startswith("on") for _, attrs in page.tags for name in attrs)
    assert "<img src=x onerror=alert(1)>" in page.text
    assert page.named("a") == []  # a URL with a quote in it is not made a link


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<script>x</script>", "//evil.example/x"])
def test_a_web_url_that_is_not_http_is_not_a_link(
    emulator: AgentApiEmulator, agents_api: AgentsApi, url: str
) -> None:
    run = served(emulator, agents_api, {"id": 7, "organization_id": emulator.org_id, "status": "COMPLETE", "web_url": url})

    page = Page(run._repr_html_())
    markdown = run._repr_markdown_()

    assert page.named("a") == []
    assert url in page.text
    assert f"]({url})" not in markdown


@pytest.mark.parametrize(
    ("status", "colour"),
    [("COMPLETE", "#1a7f37"), ("failed", "#cf222e"), ("ERROR", "#cf222e"), ("CANCELLED", "#6e7781"),
     ("ACTIVE", "#0969da"), ("EVALUATING", "#bf8700"), (None, "#bf8700")],
)
def test_the_badge_colour_says_how_the_run_stands(
    emulator: AgentApiEmulator, agents_api: AgentsApi, status: Optional[str], colour: str
) -> None:
    run = served(emulator, agents_api, {"id": 8, "organization_id": emulator.org_id, "status": status})

    badge = Page(run._repr_html_()).named("span")[0]

    assert colour in (badge["style"] or "")


def test_markdown_shows_the_run_with_the_result_as_plain_text(
    emulator: AgentApiEmulator, agents_api: AgentsApi
) -> None:
    emulator.script_next_run(result=f"# Not a heading\n{HOSTILE}\n[click](javascript:alert(1))")
    run = agents_api.create_agent_run_and_wait(emulator.org_id, "Markdown", poll_interval=FAST, progress=False)

    markdown = run._repr_markdown_()

    assert markdown.startswith(f"**Agent run {run.id}** · **COMPLETE**")
    assert f"[{(run.web_url or '').replace('.', chr(92) + '.')}]({run.web_url})" in markdown
    assert "<script" not in markdown and "&lt;script&gt;" in markdown
    assert "> \\# Not a heading" in markdown  # markdown in the result is not interpreted
    assert "](javascript:" not in markdown


def test_a_run_without_result_says_so(emulator: AgentApiEmulator, agents_api: AgentsApi) -> None:
    running = emulator.create_run("Still going")
    run = agents_api.get_agent_run(running.id, emulator.org_id)

    assert run.status == "ACTIVE"
    assert "no result yet" in Page(run._repr_html_()).text
    assert "*no result yet*" in run._repr_markdown_()


# -- the live display of a wait in a notebook ---------------------------------------------


@pytest.fixture
def ipython_shell(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> Iterator[Any]:
    """A fresh IPython shell (no history file, settings in a temporary directory), dropped after the test."""
    pytest.importorskip("IPython", reason="the notebook display tests need IPython (test-requirements-extra.txt)")
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path))
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    config = Config()
    config.HistoryManager.enabled = False
    try:
        yield InteractiveShell.instance(config=config)
    finally:
        InteractiveShell.clear_instance()


@pytest.fixture
def kernel_shell(ipython_shell: Any) -> Iterator[Any]:
    """The shell, looking like a running Jupyter kernel's (it has a `kernel`)."""
    ipython_shell.kernel = object()
    yield ipython_shell
    del ipython_shell.kernel


def captured_wait(api: AgentsApi, *args: Any, **kwargs: Any) -> Tuple[Any, List[Any]]:
    from IPython.utils.capture import capture_output

    with capture_output() as captured:
        try:
            result: Any = api.create_agent_run_and_wait(*args, **kwargs)
        except AgentRunTimeoutError as error:
            result = error
    return result, captured.outputs


def test_a_wait_in_a_notebook_updates_one_display_and_ends_in_the_run_summary(
    emulator: AgentApiEmulator, agents_api: AgentsApi, kernel_shell: Any
) -> None:
    run, outputs = captured_wait(agents_api, emulator.org_id, "Notebook", poll_interval=FAST)

    assert len(outputs) >= 3  # PENDING, ACTIVE, COMPLETE at least
    display_ids = {output.transient["display_id"] for output in outputs}
    assert len(display_ids) == 1  # one display, updated in place
    assert [output.update for output in outputs] == [False] + [True] * (len(outputs) - 1)
    assert "PENDING" in outputs[0].data["text/html"]
    assert outputs[-1].data["text/html"] == run._repr_html_()


def test_a_timeout_in_a_notebook_ends_saying_the_run_goes_on(
    emulator: AgentApiEmulator, agents_api: AgentsApi, kernel_shell: Any
) -> None:
    emulator.script_next_run(statuses=["PENDING", "ACTIVE"])

    error, outputs = captured_wait(agents_api, emulator.org_id, "Slow", poll_interval=FAST, timeout=0.2)

    assert isinstance(error, AgentRunTimeoutError)
    page = Page(outputs[-1].data["text/html"])
    assert "still not finished" in page.text and "the run goes on" in page.text
    assert page.text.count("ACTIVE") == 1  # in the badge, and nowhere else
    assert page.named("a")[0]["href"] == error.run.web_url
    assert "still ACTIVE" in outputs[-1].data["text/plain"]


def test_a_wait_in_a_notebook_sends_only_changes(
    emulator: AgentApiEmulator, agents_api: AgentsApi, kernel_shell: Any
) -> None:
    emulator.script_next_run(statuses=["PENDING", "ACTIVE", "ACTIVE", "ACTIVE", "COMPLETE"])

    run, outputs = captured_wait(agents_api, emulator.org_id, "Quiet", poll_interval=FAST)

    shown = [(output.data["text/plain"], output.data["text/html"]) for output in outputs]
    assert all(before != after for before, after in zip(shown, shown[1:]))
    assert len(emulator.requests) >= 5 > len(outputs) - 1  # polls that changed nothing sent nothing


def test_the_progress_line_names_the_run_its_status_and_link_once(
    emulator: AgentApiEmulator, agents_api: AgentsApi, kernel_shell: Any
) -> None:
    emulator.script_next_run(statuses=["PENDING", "ACTIVE"])

    error, outputs = captured_wait(agents_api, emulator.org_id, "Once", poll_interval=FAST, timeout=0.2)

    for output in outputs:
        page = Page(output.data["text/html"])
        status = "PENDING" if "PENDING" in page.text else "ACTIVE"
        words = page.text.replace(error.run.web_url or "", "", 1)  # the link, shown once ...
        assert "https://" not in words  # ... and only once
        assert words.count(str(error.run.id)) == 1, page.text
        assert words.count(status) == 1, page.text
        assert [a["href"] for a in page.named("a")] == [error.run.web_url]


def test_in_a_kernel_progress_true_means_text_and_false_means_nothing(kernel_shell: Any) -> None:
    assert isinstance(progress_for(None), NotebookProgress)
    assert isinstance(progress_for(True), TerminalProgress)
    assert type(progress_for(False)) is Progress


def test_ipython_without_a_kernel_is_not_a_notebook(ipython_shell: Any) -> None:
    assert running_kernel() is None  # a terminal IPython
    assert not isinstance(progress_for(None), NotebookProgress)


def test_without_ipython_loaded_nothing_is_imported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "IPython", raising=False)

    assert running_kernel() is None
    assert "IPython" not in sys.modules


@pytest.mark.parametrize(
    ("cell", "silent", "card_in_display"),
    [
        ("run = wait()\nrun", False, False),  # the cell shows the card as its result
        ("run = wait()", False, True),
        ("run = wait()\nrun;", False, True),  # a trailing ; hides the result
        ("run = wait()\nrun", True, True),  # a silent cell has no result shown and no post_run_cell
    ],
)
def test_the_card_is_shown_by_the_display_unless_the_cell_shows_it(
    emulator: AgentApiEmulator, agents_api: AgentsApi, kernel_shell: Any, cell: str, silent: bool, card_in_display: bool
) -> None:
    from IPython.utils.capture import capture_output

    kernel_shell.user_ns["wait"] = lambda: agents_api.create_agent_run_and_wait(
        emulator.org_id, "In a cell", poll_interval=FAST
    )
    with capture_output() as captured:
        kernel_shell.run_cell(cell, store_history=True, silent=silent).raise_error()

    run = kernel_shell.user_ns["run"]
    last = captured.outputs[-1].data["text/html"]
    assert (last == run._repr_html_()) is card_in_display
    if not card_in_display:
        assert "done after" in Page(last).text
    assert kernel_shell.events.callbacks["post_run_cell"] == []  # nothing left behind for later cells


# -- lists and logs ---------------------------------------------------------------------


def test_a_page_of_runs_shows_as_a_table_with_everything_escaped(emulator: AgentApiEmulator, agents_api: AgentsApi) -> None:
    from openapi_client import AgentRunList, PageAgentRunResponse

    emulator.script_next_run(summary=HOSTILE, pull_request={"title": HOSTILE})
    hostile = agents_api.create_agent_run_and_wait(emulator.org_id, "Be nasty", poll_interval=FAST, progress=False)
    page = agents_api.list_agent_runs(emulator.org_id, limit=3)

    table = Page(page._repr_html_())
    assert "<script>" not in page._repr_html_() and HOSTILE in table.text
    assert [a["href"] for a in table.named("a")][:2] == [(hostile.github_pull_requests or [])[0].url, hostile.web_url]
    assert isinstance(page.items, AgentRunList) and page.items == list(page.items)  # still a plain list to compare
    assert page.items._repr_html_().count("<tr>") == len(page.items) + 1
    again = PageAgentRunResponse.from_dict(page.to_dict())
    assert again == page and isinstance(again.items, AgentRunList)
    assert json.loads(page.to_json())["items"][0]["id"] == page.items[0].id
    assert repr(page).startswith("PageAgentRunResponse(items=[AgentRunResponse(")  # repr() is the model's


def test_runs_and_logs_read_as_text_in_ipython(emulator: AgentApiEmulator, agents_api: AgentsApi) -> None:
    IPython = pytest.importorskip("IPython", reason="the notebook display tests need IPython (test-requirements-extra.txt)")
    from IPython.lib.pretty import pretty

    from openapi_client import AgentRunList, AgentsAlphaApi

    run = agents_api.create_agent_run_and_wait(emulator.org_id, "Read me", poll_interval=FAST, progress=False)
    collected = AgentRunList(agents_api.iter_agent_runs(emulator.org_id, limit=2))
    logs = AgentsAlphaApi(agents_api.api_client).get_agent_run_logs(run.id, emulator.org_id, limit=3)

    assert IPython and pretty(collected).splitlines()[0].split() == ["ID", "STATUS", "CREATED", "SUMMARY", "PR"]
    assert len(pretty(collected).splitlines()) == 3 and repr(collected).startswith("[AgentRunResponse(")
    text = pretty(logs).splitlines()
    assert text[0] == f"Agent run {run.id}: COMPLETE, 3 of {logs.total_logs} steps" and len(text) == 4
    assert "PLAN_EVALUATION" in text[1]
    assert pretty(AgentRunList()) == "No agent runs."
