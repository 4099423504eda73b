"""How an agent run looks to a person: HTML and markdown for Jupyter, plain text for a terminal.

Every string here comes from the server, and an agent's `result` can hold
anything the agent wrote, ``<script>`` included. So each one is escaped for
the medium it lands in (HTML entities, markdown punctuation, terminal control
characters), and `web_url` becomes a link only when it is an http(s) URL: an
escaped ``javascript:`` URL would still run when clicked.
"""

from __future__ import annotations

import html
import json
import re
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Sequence, Tuple

from openapi_client import run_status

if TYPE_CHECKING:  # pragma: no cover
    from openapi_client.models.agent_run_log_response import AgentRunLogResponse
    from openapi_client.models.agent_run_response import AgentRunResponse
    from openapi_client.models.agent_run_with_logs_response import AgentRunWithLogsResponse

#: Badge colours (background, text) by `run_status.category`.
_BADGE_COLOURS: Dict[str, str] = {
    "success": "background:#1a7f37;color:#fff",
    "failure": "background:#cf222e;color:#fff",
    "halted": "background:#6e7781;color:#fff",
    "input": "background:#8250df;color:#fff",
    "running": "background:#0969da;color:#fff",
    "unknown": "background:#bf8700;color:#fff",
}
_BOX_STYLE = (
    "font-family:system-ui,-apple-system,'Segoe UI',sans-serif;border:1px solid #d0d7de;"
    "border-radius:6px;padding:8px 12px;margin:4px 0;max-width:60em"
)
_BADGE_STYLE = "display:inline-block;padding:1px 8px;border-radius:10px;font-size:85%;font-weight:600"
_META_STYLE = "color:#57606a;font-size:90%;margin-top:4px"
_RESULT_STYLE = (
    "white-space:pre-wrap;word-break:break-word;background:#f6f8fa;border-radius:4px;"
    "padding:8px;margin:8px 0 0 0;font-size:90%"
)
_SAFE_URL = re.compile(r"https?://[^\s<>()\[\]\"'`\\]+\Z", re.IGNORECASE)
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


def safe_url(url: Optional[str]) -> Optional[str]:
    """`url` if it is a plain http(s) URL that can be a link, else ``None``."""
    if url is None or not _SAFE_URL.match(url):
        return None
    return url


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """`text` without control characters, which could move a terminal's cursor or retitle it."""
    allowed = "\n\t" if keep_newlines else ""
    return "".join(ch if ch.isprintable() or ch in allowed else "\N{REPLACEMENT CHARACTER}" for ch in text)


def pull_requests(run: AgentRunResponse) -> List[Tuple[str, Optional[str]]]:
    """The run's pull requests as ``(title, url)``; the title falls back to the url, then to ``pull request``."""
    found = []
    for pr in run.github_pull_requests or []:
        url = getattr(pr, "url", None)
        title = getattr(pr, "title", None) or url or "pull request"
        found.append((title, url))
    return found


def pull_request_url(run: AgentRunResponse) -> Optional[str]:
    """The link of the run's latest pull request, if it has one."""
    urls = [url for _, url in pull_requests(run) if url]
    return urls[-1] if urls else None


def status_label(status: Optional[str]) -> str:
    """The status as shown, or a placeholder when the run has none yet."""
    return "no status" if status is None else status


# -- HTML ------------------------------------------------------------------------


def status_badge_html(status: Optional[str]) -> str:
    """A coloured pill with the status, escaped."""
    colours = _BADGE_COLOURS[run_status.category(status)]
    return f'<span style="{_BADGE_STYLE};{colours}">{html.escape(status_label(status))}</span>'


def _link_html(url: Optional[str], text: Optional[str] = None) -> str:
    """A link to `url` reading `text` (the url itself by default); only escaped text if `url` is not http(s)."""
    link = safe_url(url)
    label = html.escape(text if text is not None else (url or ""))
    if link is None:
        return label if url is None or text is None else f"{label} ({html.escape(url)})"
    return f'<a href="{html.escape(link)}" target="_blank" rel="noopener noreferrer">{label}</a>'


def _header_html(run_id: object, status: Optional[str], detail: str, *, badge: bool = True) -> str:
    title = f"<strong>Agent run {html.escape(str(run_id))}</strong>"
    pill = f" {status_badge_html(status)}" if badge else ""
    return f"<div>{title}{pill}{detail}</div>"


def _pull_requests_html(run: AgentRunResponse) -> str:
    items = [f"<li>{_link_html(url, title)}</li>" for title, url in pull_requests(run)]
    if not items:
        return ""
    return f'<div style="{_META_STYLE}">Pull requests:<ul style="margin:2px 0">{"".join(items)}</ul></div>'


def run_html(run: AgentRunResponse) -> str:
    """The run as an HTML card: id, status badge, created time, link to `web_url`, result."""
    meta = []
    if run.created_at is not None:
        created = html.escape(run.created_at)
        meta.append(f'created <time datetime="{created}">{created}</time>')
    if run.web_url is not None:
        meta.append(_link_html(run.web_url))
    meta_html = f'<div style="{_META_STYLE}">{" &middot; ".join(meta)}</div>' if meta else ""
    if run.summary is not None:
        meta_html += f'<div style="margin-top:4px">{html.escape(run.summary)}</div>'
    meta_html += _pull_requests_html(run)
    if run.result is not None:
        result_html = f'<pre style="{_RESULT_STYLE}">{html.escape(run.result)}</pre>'
    elif run_status.is_final(run.status):
        result_html = f'<div style="{_META_STYLE}"><em>no result</em></div>'
    else:
        result_html = f'<div style="{_META_STYLE}"><em>no result yet</em></div>'
    return f'<div class="codegen-agent-run" style="{_BOX_STYLE}">{_header_html(run.id, run.status, "")}{meta_html}{result_html}</div>'


def progress_html(agent_run_id: int, run: Optional[AgentRunResponse], detail: str, *, final: bool = False,
                  pull_requests_too: bool = True) -> str:
    """The notebook's view of a wait: id, status badge, `detail` (elapsed time, note), link to the run.

    Each of the id, the status and the link shows once: `detail` must not repeat them.
    While waiting, the run's pull requests follow on their own lines; `final`
    makes it the one line left once the wait is over, with the pull requests
    inline only when `pull_requests_too` (no card follows to show them).
    """
    detail_html = f' <span style="{_META_STYLE}">{html.escape(detail)}</span>'
    links = [] if run is None or run.web_url is None else [_link_html(run.web_url)]
    below = ""
    if final:
        if run is not None and pull_requests_too:
            links += [f"PR {_link_html(url, title)}" for title, url in pull_requests(run)]
        detail_html += f' <span style="{_META_STYLE}">{" &middot; ".join(links)}</span>' if links else ""
    else:
        below = (f'<div style="{_META_STYLE}">{links[0]}</div>' if links else "") + (
            "" if run is None else _pull_requests_html(run)
        )
    # Before the first answer there is no status to show.
    header = _header_html(agent_run_id, None if run is None else run.status, detail_html, badge=run is not None)
    return f'<div class="codegen-agent-run-progress" style="{_BOX_STYLE}">{header}{below}</div>'


#: The most characters of a summary or result a table of runs shows: its first words.
_ABOUT_WIDTH = 80


def runs_table_html(runs: Mapping[int, Optional[AgentRunResponse]], detail: str) -> str:
    """Runs as an HTML table under a `detail` line: id, status badge, created, first words, pull requests, link."""
    rows = []
    for run_id, run in runs.items():
        if run is None:
            cells = [html.escape(str(run_id)), "", "", "", "", ""]
        else:
            prs = "<br>".join(_link_html(url, title) for title, url in pull_requests(run))
            cells = [
                html.escape(str(run_id)), status_badge_html(run.status), html.escape(created_text(run)),
                html.escape(cut(one_line(_about(run)), _ABOUT_WIDTH)), prs,
                _link_html(run.web_url, "open") if run.web_url else "",
            ]
        rows.append("<tr>" + "".join(f'<td style="padding:2px 8px">{cell}</td>' for cell in cells) + "</tr>")
    head = "".join(f'<th style="padding:2px 8px;text-align:left">{name}</th>'
                   for name in ("Run", "Status", "Created", "Summary", "Pull requests", ""))
    return (
        f'<div class="codegen-agent-runs" style="{_BOX_STYLE}"><div>{html.escape(detail)}</div>'
        f'<table style="border-collapse:collapse;margin-top:4px"><tr>{head}</tr>{"".join(rows)}</table></div>'
    )


def logs_html(logs: AgentRunWithLogsResponse) -> str:
    """A page of a run's log as a timeline: the run's id, status and link, then one line per step."""
    shown = len(logs.logs)
    where = f"{shown} of {logs.total_logs} steps" if logs.total_logs is not None else f"{shown} steps"
    if logs.page is not None and logs.pages:
        where += f", page {logs.page} of {logs.pages}"
    detail = f' <span style="{_META_STYLE}">{html.escape(where)}</span>'
    link = f'<div style="{_META_STYLE}">{_link_html(logs.web_url)}</div>' if logs.web_url else ""
    steps = []
    for entry in logs.logs:
        clock, kind, text = log_entry_parts(entry)
        steps.append(
            f'<li style="margin:2px 0"><time style="{_META_STYLE}">{html.escape(clock)}</time> '
            f"<strong>{html.escape(kind)}</strong> {html.escape(text)}</li>"
        )
    timeline = f'<ol style="margin:4px 0;padding-left:1.5em">{"".join(steps)}</ol>' if steps else (
        f'<div style="{_META_STYLE}"><em>no steps</em></div>'
    )
    return (
        f'<div class="codegen-agent-run-logs" style="{_BOX_STYLE}">{_header_html(logs.id, logs.status, detail)}'
        f"{link}{timeline}</div>"
    )


# -- markdown ----------------------------------------------------------------------


def _md(text: str) -> str:
    """`text` as literal markdown: punctuation backslash-escaped, HTML as entities."""
    return html.escape(_MARKDOWN_PUNCTUATION.sub(r"\\\1", text))


def run_markdown(run: AgentRunResponse) -> str:
    """The run as markdown; the result is quoted as plain text, not interpreted."""
    lines = [f"**Agent run {_md(str(run.id))}** · **{_md(status_label(run.status))}**", ""]
    meta = []
    if run.created_at is not None:
        meta.append(f"created {_md(run.created_at)}")
    if run.web_url is not None:
        link = safe_url(run.web_url)
        meta.append(f"[{_md(link)}]({link})" if link is not None else _md(run.web_url))
    if meta:
        lines += [" · ".join(meta), ""]
    if run.summary is not None:
        lines += [_md(run.summary), ""]
    for title, url in pull_requests(run):
        link = safe_url(url)
        lines.append(f"- PR [{_md(title)}]({link})" if link is not None else f"- PR {_md(title)}")
    if run.github_pull_requests:
        lines.append("")
    if run.result is not None:
        # Two trailing spaces keep the result's own line breaks.
        lines += [f"> {_md(line)}  " if line.strip() else ">" for line in run.result.splitlines()]
    else:
        lines.append("*no result*" if run_status.is_final(run.status) else "*no result yet*")
    return "\n".join(lines) + "\n"


# -- plain text ---------------------------------------------------------------------


def run_text(run: AgentRunResponse) -> str:
    """The run for a terminal: status line, web_url, then the result; no control characters."""
    lines = [f"Agent run {run.id}: {printable(status_label(run.status))}"]
    if run.web_url is not None:
        lines.append(printable(run.web_url))
    lines += [printable(f"PR {title}: {url}" if url and url != title else f"PR {title}") for title, url in pull_requests(run)]
    if run.result is not None:
        lines += ["", printable(run.result, keep_newlines=True)]
    return "\n".join(lines)


def one_line(text: str) -> str:
    """`text` printable, its runs of white space (newlines included) folded to one space."""
    return printable(" ".join(text.split()))


def cut(text: str, width: int) -> str:
    """`text` shortened to `width` characters, with an ellipsis when something was cut."""
    return text if len(text) <= width else text[: max(width - 1, 0)] + "\N{HORIZONTAL ELLIPSIS}"


def created_text(run: AgentRunResponse) -> str:
    """When the run was created, to the minute (``2025-11-28 21:40``, UTC as the API gives it)."""
    return (run.created_at or "")[:16].replace("T", " ")  # ISO 8601, to the minute


def run_row(run: AgentRunResponse) -> List[str]:
    """A run as the cells of a listing: id, status, created time, summary (or result), pull request."""
    return [str(run.id), status_label(run.status), created_text(run), _about(run), pull_request_url(run) or ""]


def _about(run: AgentRunResponse) -> str:
    """What a listing says of a run: its summary, else its result."""
    return (run.summary if run.summary is not None else run.result) or ""


def runs_text(runs: Sequence[AgentRunResponse], *, width: Optional[int] = None) -> str:
    """Runs as the text table `codegen-agents list` prints (the summary cut to `width` when given)."""
    if not runs:
        return "No agent runs."
    return table_text(RUN_COLUMNS, [run_row(run) for run in runs], width=width, flexible=3)


#: The header of `run_row`'s cells.
RUN_COLUMNS = ("ID", "STATUS", "CREATED", "SUMMARY", "PR")


def table_text(header: Sequence[str], rows: Sequence[Sequence[str]], *, width: Optional[int] = None,
               flexible: int = -1) -> str:
    """Rows in columns that line up, every cell on one line.

    With `width`, column `flexible` (e.g. a summary) is cut so that each line fits.
    """
    cells = [[one_line(cell) for cell in row] for row in [list(header), *rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    if width is not None:
        others = sum(w for i, w in enumerate(widths) if i != flexible % len(widths)) + 2 * (len(widths) - 1)
        widths[flexible] = max(min(widths[flexible], width - others), len(header[flexible]))
        for row in cells:
            row[flexible] = cut(row[flexible], widths[flexible])
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in cells]
    return "\n".join(lines)


def log_entry_parts(entry: AgentRunLogResponse) -> Tuple[str, str, str]:
    """A step's time (``HH:MM:SS``), its kind and tool, and its text: the thought and what came of it."""
    clock = (entry.created_at or "")[11:19]  # HH:MM:SS of an ISO 8601 time
    kind = " ".join(part for part in (entry.message_type or "STEP", entry.tool_name) if part)
    thought = entry.thought or ""
    outcome = _observation_text(None if entry.observation is None else entry.observation.actual_instance)
    text = f"{thought} -> {outcome}" if thought and outcome and outcome != thought else thought or outcome
    return clock, one_line(kind), one_line(text)


def log_entry_text(entry: AgentRunLogResponse) -> str:
    """One step of a run's log as one line: time, kind, tool, thought, and what came of it."""
    clock, kind, text = log_entry_parts(entry)
    head = f"{clock} {kind}" if clock else kind
    return f"{head}: {text}" if text else head


def logs_text(logs: AgentRunWithLogsResponse) -> str:
    """A page of a run's log for a terminal or a plain repr: a header line, then one line per step."""
    header = f"Agent run {logs.id}: {printable(status_label(logs.status))}, {len(logs.logs)} of {logs.total_logs} steps"
    return "\n".join([header, *(log_entry_text(entry) for entry in logs.logs)])


def _observation_text(value: Any) -> str:
    """What a step's observation says: a text as it is, an object by its summary or as compact JSON."""
    if value is None or isinstance(value, str):
        return value or ""
    if isinstance(value, dict) and isinstance(value.get("summary"), str):
        return str(value["summary"])
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, default=str)
