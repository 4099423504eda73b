"""The page a run's ``web_url`` opens: the run as a small HTML page the emulator serves itself."""

from __future__ import annotations

import html
from typing import Any, List, Optional

from .runs import AgentRun


def _row(label: str, value: Optional[str]) -> str:
    shown = "<em>none</em>" if value is None else html.escape(value)
    return f"<tr><th>{html.escape(label)}</th><td>{shown}</td></tr>"


def _link(url: Any) -> str:
    text = html.escape(str(url))
    return f'<a href="{text}">{text}</a>' if str(url).startswith(("http://", "https://")) else text


def _step(entry: Any) -> str:
    parts = [entry.get("message_type") or "STEP", entry.get("tool_name"), entry.get("thought")]
    text = " ".join(str(part) for part in parts if part)
    return f'<li><time>{html.escape(str(entry.get("created_at") or ""))}</time> {html.escape(text)}</li>'


def run_page(run: AgentRun) -> str:
    """The run as the emulator shows it: status, prompts, result, pull requests and the log so far.

    Reading it counts no poll. Everything is escaped: a prompt is the caller's text.
    """
    rows = [
        _row("Status", run.status),
        _row("Created", run.created_at),
        _row("Organisation", str(run.organization_id)),
        *(_row("Prompt" if n == 0 else "Follow-up", prompt) for n, prompt in enumerate(run.prompts)),
        _row("Summary", run.summary),
        _row("Result", run.result),
    ]
    prs: List[str] = [
        f"<li>{html.escape(str(pr.get('title') or 'pull request'))}: {_link(pr.get('url', ''))}</li>"
        for pr in run.github_pull_requests
    ]
    steps = "".join(_step(entry) for entry in run.logs) or "<li><em>no steps yet</em></li>"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="en"><head><meta charset="utf-8"><title>Agent run {run.id}: {html.escape(str(run.status))}</title>'
        "<style>body{font-family:system-ui,sans-serif;max-width:50em;margin:2em auto}"
        "th{text-align:left;padding-right:1em;vertical-align:top}td{white-space:pre-wrap}</style></head>"
        f"<body><h1>Agent run {run.id}</h1>"
        "<p>Served by the local API emulator (openapi_client.testing): nothing here was sent to Codegen."
        " Reload to see the run move on; reading this page counts no poll.</p>"
        f"<table>{''.join(rows)}</table>"
        + (f"<h2>Pull requests</h2><ul>{''.join(prs)}</ul>" if prs else "")
        + f"<h2>Steps</h2><ol>{steps}</ol></body></html>\n"
    )
