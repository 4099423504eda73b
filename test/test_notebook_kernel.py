"""A wait in a real Jupyter kernel, executed headless as a new user's notebook would be.

`nbclient` starts an `ipykernel` kernel (a separate process), runs a notebook
whose cells wait on agent runs from an emulator started here (the kernel
reaches it by URL), and records every message the kernel sends. The tests
look at what a front end would draw: the display messages of each wait, the
progress line's HTML and the cells' saved outputs.

One notebook serves every test: a kernel takes a couple of seconds to start.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Tuple

import pytest

from openapi_client.testing import AgentApiEmulator

nbformat = pytest.importorskip("nbformat", reason="the notebook tests need nbformat (test-requirements-extra.txt)")
nbclient = pytest.importorskip("nbclient", reason="the notebook tests need nbclient (test-requirements-extra.txt)")
pytest.importorskip("ipykernel", reason="the notebook tests need ipykernel (test-requirements-extra.txt)")

ROOT = Path(__file__).resolve().parent.parent
CARD = 'class="codegen-agent-run"'
PROGRESS = 'class="codegen-agent-run-progress"'
DISPLAY_MESSAGES = ("display_data", "update_display_data", "execute_result")

#: The cells after the setup: a run shown by the cell itself (it opens a pull request),
#: a run only assigned, a wait that times out, a wait on three runs, then what a person
#: looks at: a page of runs, its items, runs collected from `iter_agent_runs`, a log, and
#: the runs of `iter_agent_runs` in a plain list.
SHOWN, ASSIGNED, TIMED_OUT, GROUP, PAGE, ITEMS, COLLECTED, LOGS, LISTED = range(1, 10)
RUNS_TABLE = 'class="codegen-agent-runs"'
TIMELINE = 'class="codegen-agent-run-logs"'
LINK = r"http://127\.0\.0\.1:\d+/agent/trace/\d+"  # the emulator's own page of the run


class Page(HTMLParser):
    """The visible text of an HTML fragment and the links in it."""

    def __init__(self, markup: str) -> None:
        super().__init__()
        self.text = ""
        self.links: List[Optional[str]] = []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: List[Tuple[str, Optional[str]]]) -> None:
        if tag == "a":
            self.links.append(dict(attrs).get("href"))

    def handle_data(self, data: str) -> None:
        self.text += data


class Executed:
    """A notebook after it ran: its cells and, per cell, the kernel's display messages in order."""

    def __init__(self, notebook: Any, messages: List[Tuple[int, str, Dict[str, Any]]]) -> None:
        self.cells = notebook.cells
        self.messages = messages

    def shown(self, cell: int) -> List[Tuple[str, Dict[str, Any]]]:
        """(message type, content) of each display message `cell` sent."""
        return [(kind, content) for index, kind, content in self.messages if index == cell and kind in DISPLAY_MESSAGES]

    def html(self, cell: int) -> List[str]:
        return [content["data"].get("text/html", "") for _, content in self.shown(cell)]


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Executed]:
    home = tmp_path_factory.mktemp("jupyter")
    with pytest.MonkeyPatch.context() as env:
        # The kernel keeps its history and connection files here, not in the user's home.
        env.setenv("IPYTHONDIR", str(home / "ipython"))
        env.setenv("JUPYTER_RUNTIME_DIR", str(home / "runtime"))
        env.setenv("JUPYTER_DATA_DIR", str(home / "data"))
        with AgentApiEmulator(rate_limits=False) as emu:
            # Polls that see no change come in between, as they do in a real wait.
            emu.script_next_run(statuses=["PENDING", "ACTIVE", "ACTIVE", "ACTIVE", "COMPLETE"], pull_request=True)
            emu.script_next_run(statuses=["PENDING", "ACTIVE", "ACTIVE", "ACTIVE", "COMPLETE"])
            emu.script_next_run(statuses=["PENDING", "ACTIVE"])
            for length in (3, 5, 7):  # the wait on three runs: they end apart, with unchanged cycles between
                emu.script_next_run(statuses=["PENDING", *["ACTIVE"] * length, "COMPLETE"])
            yield _execute(emu, home)


def _execute(emu: AgentApiEmulator, home: Path) -> Executed:
    wait = f"api.create_agent_run_and_wait({emu.org_id}, {{prompt!r}}, poll_interval=0.2{{more}})"
    cells = [
        "\n".join([
            "import sys",
            f"sys.path.insert(0, {str(ROOT)!r})",
            "import openapi_client",
            f"configuration = openapi_client.Configuration(host={emu.url!r}, access_token={emu.token!r})",
            "api = openapi_client.AgentsApi(openapi_client.ApiClient(configuration))",
            "assert openapi_client.__file__.startswith(sys.path[0])",
        ]),
        f"run = {wait.format(prompt='Shown by the cell', more='')}\nrun",
        f"assigned = {wait.format(prompt='Only assigned', more='')}",
        "try:\n"
        f"    {wait.format(prompt='Too slow', more=', timeout=1.0')}\n"
        "except openapi_client.AgentRunTimeoutError:\n"
        "    pass",
        f"ids = [api.create_agent_run({emu.org_id}, {{'prompt': f'Part {{n}}'}}).id for n in range(3)]\n"
        f"done = api.wait_for_agent_runs(ids, {emu.org_id}, poll_interval=0.2)",
        f"page = api.list_agent_runs({emu.org_id}, limit=5)\npage",
        "page.items",
        f"openapi_client.AgentRunList(api.iter_agent_runs({emu.org_id}, limit=3))",
        f"openapi_client.AgentsAlphaApi(api.api_client).get_agent_run_logs(run.id, {emu.org_id})",
        f"list(api.iter_agent_runs({emu.org_id}, limit=3))",
    ]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in cells])
    messages: List[Tuple[int, str, Dict[str, Any]]] = []

    class Recording(nbclient.NotebookClient):  # type: ignore[misc]
        def process_message(self, msg: Dict[str, Any], cell: Any, cell_index: int) -> Any:
            messages.append((cell_index, msg["msg_type"], msg["content"]))
            return super().process_message(msg, cell, cell_index)

    client = Recording(
        notebook, timeout=60, startup_timeout=60, kernel_name="python3", resources={"metadata": {"path": str(home)}}
    )
    client.execute()
    return Executed(notebook, messages)


@pytest.mark.parametrize("cell", [SHOWN, ASSIGNED, TIMED_OUT, GROUP])
def test_each_display_message_of_a_wait_is_a_real_change(executed: Executed, cell: int) -> None:
    sent = [(content.get("transient", {}).get("display_id"), content["data"]) for _, content in executed.shown(cell)]
    progress = [data for _, data in sent if (RUNS_TABLE if cell == GROUP else PROGRESS) in data.get("text/html", "")]

    assert len(progress) >= 3  # it did show a wait going on: PENDING, ACTIVE, the end
    assert len({display_id for display_id, _ in sent if display_id}) == 1  # one display, updated in place
    repeats = [later for earlier, later in zip(sent, sent[1:]) if earlier == later]
    assert repeats == []


def test_a_run_the_cell_shows_is_shown_once(executed: Executed) -> None:
    cards = [html for html in executed.html(SHOWN) if CARD in html]
    outputs = executed.cells[SHOWN].outputs

    assert len(cards) == 1  # sent once, as the cell's result
    assert [output.output_type for output in outputs] == ["display_data", "execute_result"]
    assert CARD in outputs[1].data["text/html"] and "COMPLETE" in outputs[1].data["text/html"]
    final = Page(outputs[0].data["text/html"])  # the progress display ends in one line, not a second card
    assert re.fullmatch(rf"Agent run \d+ COMPLETE done after \d+s {LINK}", final.text), final.text
    assert outputs[0].data["text/html"].count("<div") == 2  # the box and its one line, as docs/Waiting.md says
    pull_request = re.search(r"https://github\.com/\S+?/pull/\d+", outputs[1].data["text/html"])
    assert pull_request and pull_request.group(0) not in outputs[0].data["text/html"]  # shown once, in the card


def test_a_run_only_assigned_ends_the_display_as_its_card(executed: Executed) -> None:
    cards = [html for html in executed.html(ASSIGNED) if CARD in html]
    outputs = executed.cells[ASSIGNED].outputs

    assert len(cards) == 1
    assert [output.output_type for output in outputs] == ["display_data"]
    assert CARD in outputs[0].data["text/html"] and "Done. I worked on your request: Only assigned" in outputs[0].data["text/html"]


def test_the_progress_line_names_the_run_its_status_and_its_link_once(executed: Executed) -> None:
    lines = [html for cell in (SHOWN, ASSIGNED, TIMED_OUT) for html in executed.html(cell) if PROGRESS in html]
    assert lines

    for markup in lines:
        page = Page(markup)
        link, *pull_requests = page.links
        assert link and re.fullmatch(LINK, link)
        assert all(pr and "/pull/" in pr for pr in pull_requests)
        run_id = link.rsplit("/", 1)[1]
        words = page.text.replace(link, "", 1)
        assert link not in words and "http://" not in words, page.text
        assert words.count(run_id) == 1, page.text
        statuses = re.findall(r"PENDING|ACTIVE|COMPLETE", words)
        assert len(statuses) == 1, page.text


def test_a_timeout_leaves_a_line_saying_the_run_goes_on(executed: Executed) -> None:
    (output,) = executed.cells[TIMED_OUT].outputs

    page = Page(output.data["text/html"])
    assert "stopped waiting, the run goes on" in page.text
    assert CARD not in output.data["text/html"]
    assert "still ACTIVE" in output.data["text/plain"]


def _rows(markup: str) -> List[List[str]]:
    """The text of each cell of each row of a table, header row left out."""
    rows = re.findall(r"<tr>(.*?)</tr>", markup)[1:]
    return [[Page(cell).text for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)] for row in rows]


@pytest.mark.parametrize("cell", [PAGE, ITEMS, COLLECTED])
def test_runs_show_as_a_table_and_read_as_one_in_plain_text(executed: Executed, cell: int) -> None:
    (output,) = executed.cells[cell].outputs
    markup, text = output.data["text/html"], output.data["text/plain"]

    assert RUNS_TABLE in markup
    rows = _rows(markup)
    assert len(rows) == (3 if cell == COLLECTED else 5)
    for run_id, status, created, about, *_ in rows:
        assert re.fullmatch(r"\d{5}", run_id) and status in ("ACTIVE", "COMPLETE")
        assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", created)
    assert any("Completed: Part" in row[3] for row in rows)  # the first words of what the run did
    lines = text.splitlines()
    assert lines[-len(rows) - 1].split() == ["ID", "STATUS", "CREATED", "SUMMARY", "PR"]  # the table of `list`
    assert len(lines) == len(rows) + (2 if cell == PAGE else 1)  # a page says first where it sits
    if cell == PAGE:
        assert re.fullmatch(r"Agent runs: 1-5 of \d+ \(page 1 of \d+\)", lines[0])


def test_a_plain_list_of_collected_runs_shows_as_a_table(executed: Executed) -> None:
    (output,) = executed.cells[LISTED].outputs
    markup = output.data["text/html"]

    assert RUNS_TABLE in markup
    assert [row[0] for row in _rows(markup)] == [row[0] for row in _rows(executed.cells[COLLECTED].outputs[0].data["text/html"])]
    assert output.data["text/plain"].startswith("[AgentRunResponse(")  # the list's own text, as IPython prints it


def test_a_log_shows_as_a_timeline_of_steps(executed: Executed) -> None:
    (output,) = executed.cells[LOGS].outputs
    markup = output.data["text/html"]

    assert TIMELINE in markup
    steps = [Page(step).text for step in re.findall(r"<li[^>]*>(.*?)</li>", markup)]
    assert len(steps) >= 5 and re.match(r"\d\d:\d\d:\d\d PLAN_EVALUATION ", steps[0])
    assert any(step.split()[1:3] == ["ACTION", "create_pr"] for step in steps)
    assert re.fullmatch(r"\d\d:\d\d:\d\d FINAL_ANSWER .*", steps[-1])
    text = output.data["text/plain"].splitlines()
    assert re.fullmatch(rf"Agent run \d+: COMPLETE, {len(steps)} of {len(steps)} steps", text[0])
    assert len(text) == len(steps) + 1
