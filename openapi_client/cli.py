"""The command line: ``codegen-agents`` (or ``python -m openapi_client``).

    codegen-agents run PROMPT|-|--prompt-file FILE [--wait] [--repo-id N] [--model M] [--agent-type T] [--timeout S]
    codegen-agents get RUN_ID
    codegen-agents wait RUN_ID... [--timeout S]
    codegen-agents list [--limit N] [--source-type T] [--mine]
    codegen-agents logs RUN_ID [--follow]
    codegen-agents resume RUN_ID PROMPT|-|--prompt-file FILE [--wait]
    codegen-agents orgs | me | repos | users | integrations
    codegen-agents setup-commands --repo-id N [--prompt TEXT] [--wait]
    codegen-agents pr RUN_ID --state closed|open|draft|ready_for_review [--pr-id N]
    codegen-agents checks --repo-id N [--set KEY=VALUE ...]
    codegen-agents pull RUN_ID [--repo-dir DIR] [--remote NAME] [--pr-id N]
    codegen-agents watch [--exec CMD] [--post URL] [--state FILE] [--until-idle]
    codegen-agents ban | unban | remove-from-pr RUN_ID
    codegen-agents emulator [--port N] [--polls-to-complete N] [--seconds-to-complete S] ...

Settings come from flags or the environment (``--token``/CODEGEN_API_TOKEN,
``--org-id``/CODEGEN_ORG_ID, ``--base-url``/CODEGEN_API_BASE_URL, and
``--insecure-http`` for plain http to a remote host), and where rate-limit
budgets live from CODEGEN_RATE_LIMIT_STORAGE (default memory://). The exit
status says how it went, so scripts can branch on it; an error is one line
on stderr, never a traceback; ``--json`` keeps stdout machine-readable, one
JSON object per line.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import sys
from typing import TYPE_CHECKING, Any, Callable, Dict, Iterable, Iterator, List, NoReturn, Optional, Sequence, Tuple
from urllib.parse import urlsplit

from openapi_client import __version__, display, run_status
from openapi_client.api.agents_alpha_api import AgentsAlphaApi
from openapi_client.api.agents_api import AgentsApi
from openapi_client.api.check_suite_settings_api import CheckSuiteSettingsApi
from openapi_client.api.integrations_api import IntegrationsApi
from openapi_client.api.organizations_api import OrganizationsApi
from openapi_client.api.pull_requests_api import PullRequestsApi
from openapi_client.api.repositories_api import RepositoriesApi
from openapi_client.api.setup_commands_api import SetupCommandsApi
from openapi_client.api.users_api import UsersApi
from openapi_client.api_client import ApiClient
from openapi_client.configuration import CODEGEN_API_URL, Configuration
from openapi_client.exceptions import (
    AgentRunTimeoutError,
    ApiException,
    CheckoutError,
    ApiTransportError,
    OpenApiException,
)
from openapi_client.models.agent_run_response import AgentRunResponse
from openapi_client.models.create_agent_run_input import CreateAgentRunInput
from openapi_client.models.edit_pr_input import PR_STATES, EditPRInput
from openapi_client.models.resume_agent_run_input import ResumeAgentRunInput
from openapi_client.rate_limits import STORAGE_VARIABLE
from openapi_client.rest import is_loopback

if TYPE_CHECKING:  # pragma: no cover - the models one command needs are imported by that command
    from openapi_client.models.api_agent_run_source_type import ApiAgentRunSourceType
    from openapi_client.models.check_suite_settings_response import CheckSuiteSettingsResponse

PROG = "codegen-agents"

EXIT_COMPLETE = 0
EXIT_RUN_FAILED = 1
EXIT_USAGE = 2
EXIT_API_ERROR = 3
EXIT_TIMEOUT = 4
EXIT_INTERRUPTED = 130

TOKEN_ENV = "CODEGEN_API_TOKEN"
ORG_ENV = "CODEGEN_ORG_ID"
BASE_URL_ENV = "CODEGEN_API_BASE_URL"

_EXIT_STATUS_HELP = """exit status:
  0  done: the run(s) completed, or the command did what it was asked
  1  a run ended otherwise (FAILED, ERROR, TIMEOUT, CANCELLED...) or is PAUSED for your input;
     pull or ban refused (the line says why); watch gave up delivering an event
  2  usage error: bad arguments or settings; nothing was sent
  3  API error: the API refused or could not be reached
  4  timeout: stopped waiting, the run goes on
  130  interrupted (Ctrl-C): stopped waiting, the run goes on
"""

#: How much of an error response body an error line quotes.
_BODY_EXCERPT = 200
#: Runs `list` shows when not told `--limit`.
DEFAULT_LIST_LIMIT = 20
#: The most a page of runs, organisations, repositories or log entries holds.
_PAGE_SIZE = 100

Page = Any  # a `Page*Response`: `.items`, `.page`, `.pages`


class UsageError(Exception):
    """The command line or the settings are unusable (exit status 2)."""


class _Parser(argparse.ArgumentParser):
    """argparse, with errors raised so that `main` prints them as one line."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds, not {text}")
    return value


def _positive(what: str) -> Callable[[str], int]:
    """An argparse type: a whole number of at least 1, or an error naming `what` it should be."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not {what} (a whole number): {text!r}") from None
        if value < 1:
            raise argparse.ArgumentTypeError(f"not {what} (a positive number): {text}")
        return value

    return parse


_run_id = _positive("an agent run id")


def _source_type(text: str) -> ApiAgentRunSourceType:
    """An argparse type: a member of `ApiAgentRunSourceType`, named in any case."""
    from openapi_client.models.api_agent_run_source_type import ApiAgentRunSourceType

    try:
        return ApiAgentRunSourceType(text.strip().upper())
    except ValueError:
        known = ", ".join(member.value for member in ApiAgentRunSourceType)
        raise argparse.ArgumentTypeError(f"not a source type: {text!r} (one of {known})") from None


def build_parser() -> argparse.ArgumentParser:
    """The parser of `main`; settings are accepted before or after the command."""
    settings = _Parser(add_help=False)
    group = settings.add_argument_group("settings")
    # SUPPRESS: a subcommand's default must not overwrite a value given before the command.
    group.add_argument("--token", default=argparse.SUPPRESS, help=f"API token (default: ${TOKEN_ENV})")
    group.add_argument("--org-id", default=argparse.SUPPRESS, help=f"organisation id (default: ${ORG_ENV})")
    group.add_argument(
        "--base-url", default=argparse.SUPPRESS,
        help=f"API address (default: ${BASE_URL_ENV}, else {CODEGEN_API_URL})",
    )
    group.add_argument(
        "--insecure-http", action="store_true", default=argparse.SUPPRESS,
        help="allow sending the token over plain http:// to a remote host (a trusted network only)",
    )
    timeout = _Parser(add_help=False)
    timeout.add_argument("--timeout", type=_seconds, metavar="S", help="stop waiting after S seconds (exit 4)")
    waiting = _Parser(add_help=False, parents=[timeout])
    waiting.add_argument(
        "--poll-interval", type=_seconds, metavar="S", help="seconds before the first poll (default 1; grows to 10)"
    )
    output = _Parser(add_help=False)
    output.add_argument("--json", action="store_true", help="print JSON on stdout, one object per line")

    parser = _Parser(
        prog=PROG, parents=[settings], formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Start Codegen agent runs, follow them and wait for their results.",
        epilog=_EXIT_STATUS_HELP,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(name: str, parents: Sequence[_Parser], help: str, description: str) -> Any:
        every: List[_Parser] = [settings, *parents, output]
        return commands.add_parser(name, parents=every, help=help, description=description)

    run = command("run", [waiting], "create an agent run from a prompt",
                  "Create an agent run; with --wait, follow it to its end.")
    _prompt_arguments(run, "what the agent should do")
    run.add_argument("--wait", action="store_true", help="wait until the run ends and print its result")
    run.add_argument("--repo-id", type=_positive("a repository id"), metavar="N",
                     help="the repository to work in (ids: codegen-agents repos)")
    run.add_argument("--model", metavar="M", help="the model the agent uses")
    run.add_argument("--agent-type", metavar="T", help="the kind of agent: codegen or claude_code")
    get = command("get", [], "show an agent run", "Show an agent run's current state.")
    get.add_argument("run_id", type=_run_id, metavar="RUN_ID")
    wait = command("wait", [waiting], "wait for agent runs to end",
                   "Wait until agent runs end and print them; several runs are waited on together.")
    wait.add_argument("run_ids", type=_run_id, nargs="+", metavar="RUN_ID")
    listing = command("list", [], "list the organisation's agent runs, newest first",
                      "List agent runs, newest first: id, status, created time, summary, pull request.")
    listing.add_argument("--limit", type=_positive("a number of runs"), default=DEFAULT_LIST_LIMIT, metavar="N",
                         help=f"show at most N runs (default {DEFAULT_LIST_LIMIT})")
    listing.add_argument("--source-type", type=_source_type, metavar="T",
                         help="only runs from this source, in any case: API, SLACK, GITHUB, ...")
    listing.add_argument("--mine", action="store_true", help="only the runs of the token's user")
    logs = command("logs", [waiting], "show an agent run's steps",
                   "Print the steps of an agent run's log; with --follow, stream them until the run ends.")
    logs.add_argument("run_id", type=_run_id, metavar="RUN_ID")
    logs.add_argument("--follow", action="store_true", help="print new steps as they come, until the run ends")
    resume = command("resume", [waiting], "send a follow-up prompt to an agent run",
                     "Resume an agent run with a follow-up prompt; with --wait, follow it to its next end.")
    resume.add_argument("run_id", type=_run_id, metavar="RUN_ID")
    _prompt_arguments(resume, "what the agent should do next")
    resume.add_argument("--wait", action="store_true", help="wait until the run ends again and print its result")
    command("orgs", [], "list your organisations and their ids", "List the organisations the token's user is in.")
    command("me", [], "show the token's user", "Show the user the token belongs to, and its id.")
    command("repos", [], "list the organisation's repositories and their ids",
            "List the organisation's repositories; an id goes to `run --repo-id`.")
    _add_organisation_commands(command, waiting)
    _add_branch_watch_and_stop_commands(command)
    emulator = commands.add_parser(
        "emulator", help="serve the local API emulator",
        description="Serve the local emulator of the agent-run API until Ctrl-C (token test-token, org 1).",
    )
    from openapi_client.testing.__main__ import add_options as add_emulator_options

    add_emulator_options(emulator)
    return parser


def _prompt_arguments(command: argparse.ArgumentParser, what: str) -> None:
    command.add_argument("prompt", metavar="PROMPT", nargs="?", help=f"{what}; - reads it from stdin")
    command.add_argument("--prompt-file", metavar="FILE", help="read the prompt from FILE (- for stdin)")


def read_prompt(args: argparse.Namespace) -> str:
    """The prompt of `run` or `resume`: the argument, stdin for ``-``, or ``--prompt-file``; never blank.

    Checked before anything is sent: an empty prompt would still create a run.
    """
    if (args.prompt is None) == (args.prompt_file is None):
        raise UsageError("give the prompt as PROMPT, as - (read from stdin) or with --prompt-file FILE, once")
    source: Optional[str] = None  # where the text came from, when not from the command line itself
    if args.prompt not in (None, "-"):
        text = str(args.prompt)
    elif "-" in (args.prompt, args.prompt_file):
        text, source = sys.stdin.read(), "stdin"
    else:
        source = str(args.prompt_file)
        try:
            with open(source, encoding="utf-8") as file:
                text = file.read()
        except (OSError, UnicodeDecodeError) as error:
            raise UsageError(f"cannot read the prompt file {source!r}: {error}") from None
    return nonblank_prompt(text, source)


def nonblank_prompt(text: str, source: Optional[str] = None) -> str:
    """`text`, refused when empty or blank: such a prompt would still start a run."""
    if not text.strip():
        where = "" if source is None else f" ({source})"
        raise UsageError(f"the prompt{where} is empty or blank: say what the agent should do")
    return text


#: Commands that do not need an organisation.
_WITHOUT_ORG = frozenset({"orgs", "me"})


def settings_from(args: argparse.Namespace, *, need_org: bool = True) -> Tuple[Configuration, Optional[int]]:
    """Configuration and organisation from the flags, else the environment."""
    token = getattr(args, "token", None) or os.environ.get(TOKEN_ENV, "").strip()
    if not token:
        raise UsageError(f"no API token: pass --token or set {TOKEN_ENV}")
    org_text = getattr(args, "org_id", None) or os.environ.get(ORG_ENV, "").strip()
    org_id: Optional[int] = None
    if not org_text and need_org:
        raise UsageError(f"no organisation: pass --org-id or set {ORG_ENV} (ids: {PROG} orgs)")
    if org_text:
        try:
            org_id = int(org_text)
        except ValueError:
            raise UsageError(f"the organisation id must be a whole number, not {org_text!r}") from None
    base_url = getattr(args, "base_url", None) or os.environ.get(BASE_URL_ENV, "").strip() or CODEGEN_API_URL
    if not base_url.startswith(("http://", "https://")):
        raise UsageError(f"the base URL must start with http:// or https://, not {base_url!r}")
    base_url = base_url.rstrip("/")
    parts = urlsplit(base_url)
    if parts.path.lower().endswith("/v1"):
        # Every path already starts with /v1: the API would answer 404 Not Found to each call.
        raise UsageError(
            f"the base URL {base_url!r} ends in /v1, which the SDK adds itself: use {base_url[:-3]!r}"
        )
    insecure = getattr(args, "insecure_http", False)
    if parts.scheme == "http" and not insecure and not is_loopback(parts.hostname or ""):
        raise UsageError(
            f"refusing to send the API token over plain http:// to {parts.netloc}, where anyone on the way can"
            " read it: use https://, or pass --insecure-http if this network is trusted"
        )
    configuration = Configuration(host=base_url, access_token=token)
    configuration.allow_insecure_http = insecure
    storage = os.environ.get(STORAGE_VARIABLE, "").strip()
    if storage:
        try:
            configuration.rate_limit_storage = storage
        except (OpenApiException, ImportError) as error:
            raise UsageError(f"{STORAGE_VARIABLE}: {error}") from None
    return configuration, org_id


def _check_combinations(args: argparse.Namespace) -> None:
    """Flags that mean nothing without another one: refused, not silently ignored."""
    if args.command in ("run", "resume", "setup-commands") and not args.wait:
        for flag, value in (("--timeout", args.timeout), ("--poll-interval", args.poll_interval)):
            if value is not None:
                raise UsageError(f"{flag} needs --wait")
    if args.command == "logs" and not args.follow:
        for flag, value in (("--timeout", args.timeout), ("--poll-interval", args.poll_interval)):
            if value is not None:
                raise UsageError(f"{flag} needs --follow")


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run one command; returns the exit status."""
    parser = build_parser()
    args: Optional[argparse.Namespace] = None
    try:
        args = parser.parse_args(argv)
        if args.command == "emulator":
            from openapi_client.testing.__main__ import serve_until_signalled

            return serve_until_signalled(args)
        _check_combinations(args)
        if args.command in ("run", "resume"):
            args.prompt_text = read_prompt(args)
        configuration, org_id = settings_from(args, need_org=args.command not in _WITHOUT_ORG)
        with ApiClient(configuration) as client:
            return _COMMANDS[args.command](_Context(client, org_id, args))
    except UsageError as error:
        _error(f"{error} (see {PROG} --help)")
        return EXIT_USAGE
    except AgentRunTimeoutError as error:
        # Each run's last state, one a line, for a script to read ids and web_urls; `logs` prints entries, not runs.
        if getattr(args, "json", False) and args is not None and args.command != "logs":
            for run in error.runs.values():
                _out(_json(run))
        _error(str(error))
        return EXIT_TIMEOUT
    except ApiException as error:
        _error(describe_api_error(error))
        return EXIT_API_ERROR
    except OpenApiException as error:  # refused before sending, e.g. a token over plain http
        _error(str(error))
        return EXIT_USAGE
    except KeyboardInterrupt as error:
        # A progress line on the terminal has said it already.
        if not _stderr_is_terminal():
            _error(str(error) or "interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader of stdout went away (`| head`); nothing left to say to it.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps the interpreter's final flush quiet
        return EXIT_COMPLETE
    except Exception as error:  # the promise is one line, never a traceback
        _error(f"unexpected {type(error).__name__}: {display.one_line(str(error))}")
        return EXIT_API_ERROR


# -- the commands ------------------------------------------------------------------


class _Context:
    """What a command works with: the client, the organisation and the parsed arguments."""

    def __init__(self, client: ApiClient, org_id: Optional[int], args: argparse.Namespace) -> None:
        self.client = client
        self.args = args
        self._org_id = org_id
        self.agents = AgentsApi(client)

    @property
    def org_id(self) -> int:
        assert self._org_id is not None, "settings_from requires the organisation of this command"
        return self._org_id


def _run_command(ctx: _Context) -> int:
    args = ctx.args
    # Only the options given: a field set to None would go out as null.
    options = {name: getattr(args, name) for name in ("repo_id", "model", "agent_type")}
    request = CreateAgentRunInput(prompt=args.prompt_text, **{k: v for k, v in options.items() if v is not None})
    if not args.wait:
        return _show_run(ctx, ctx.agents.create_agent_run(ctx.org_id, request))
    run = ctx.agents.create_agent_run_and_wait(
        ctx.org_id, request, timeout=args.timeout, poll_interval=args.poll_interval
    )
    return _show_run(ctx, run)


def _get_command(ctx: _Context) -> int:
    return _show_run(ctx, ctx.agents.get_agent_run(ctx.args.run_id, ctx.org_id))


def _wait_command(ctx: _Context) -> int:
    args = ctx.args
    if len(args.run_ids) == 1:
        run = ctx.agents.wait_for_agent_run(
            args.run_ids[0], ctx.org_id, timeout=args.timeout, poll_interval=args.poll_interval
        )
        return _show_run(ctx, run)
    done = ctx.agents.wait_for_agent_runs(
        args.run_ids, ctx.org_id, timeout=args.timeout, poll_interval=args.poll_interval
    )
    runs = [done[run_id] for run_id in dict.fromkeys(args.run_ids)]
    _show_runs(ctx, runs)
    return max((_exit_status(run) for run in runs), default=EXIT_COMPLETE)


def _resume_command(ctx: _Context) -> int:
    args = ctx.args
    if not args.wait:
        resumed = ctx.agents.resume_agent_run(
            ctx.org_id, ResumeAgentRunInput(agent_run_id=args.run_id, prompt=args.prompt_text)
        )
        return _show_run(ctx, resumed)
    run = ctx.agents.resume_agent_run_and_wait(
        ctx.org_id, args.run_id, args.prompt_text, timeout=args.timeout, poll_interval=args.poll_interval
    )
    return _show_run(ctx, run)


def _list_command(ctx: _Context) -> int:
    args = ctx.args
    user_id = UsersApi(ctx.client).get_current_user_info().id if args.mine else None
    runs = ctx.agents.iter_agent_runs(
        ctx.org_id, user_id=user_id, source_type=args.source_type, page_size=min(args.limit, _PAGE_SIZE),
        limit=args.limit,
    )
    if args.json:
        for run in runs:
            _out(_json(run))
        return EXIT_COMPLETE
    _show_runs(ctx, list(runs), empty="No agent runs.")
    return EXIT_COMPLETE


def _logs_command(ctx: _Context) -> int:
    args = ctx.args
    if args.follow:
        entries: Iterable[Any] = ctx.agents.follow_agent_run_logs(
            args.run_id, ctx.org_id, timeout=args.timeout, poll_interval=args.poll_interval
        )
    else:
        logs = AgentsAlphaApi(ctx.client)
        entries = _every_item(
            lambda skip: logs.get_agent_run_logs(args.run_id, ctx.org_id, skip=skip, limit=_PAGE_SIZE),
            items=lambda page: page.logs,
        )
    for entry in entries:
        _out(_json(entry) if args.json else display.log_entry_text(entry))
    return EXIT_COMPLETE


def _orgs_command(ctx: _Context) -> int:
    api = OrganizationsApi(ctx.client)
    orgs = _every_item(lambda skip: api.get_organizations(skip=skip, limit=_PAGE_SIZE))
    _show_table(ctx, ("ID", "NAME"), ((org, [str(org.id), org.name]) for org in orgs), flexible=1,
                empty="No organisations.")
    return EXIT_COMPLETE


def _repos_command(ctx: _Context) -> int:
    api = RepositoriesApi(ctx.client)
    repos = _every_item(lambda skip: api.get_repositories(ctx.org_id, skip=skip, limit=_PAGE_SIZE))
    rows = (
        (repo, [str(repo.id), repo.full_name, repo.language or "", repo.visibility or "", repo.setup_status])
        for repo in repos
    )
    _show_table(ctx, ("ID", "NAME", "LANGUAGE", "VISIBILITY", "SETUP"), rows, flexible=1,
                empty="No repositories.")
    return EXIT_COMPLETE


def _me_command(ctx: _Context) -> int:
    user = UsersApi(ctx.client).get_current_user_info()
    if ctx.args.json:
        _out(_json(user))
        return EXIT_COMPLETE
    name = f" ({user.full_name})" if user.full_name else ""
    lines = [f"User {user.id}: {user.github_username}{name}"]
    lines += [f"{label}: {value}" for label, value in (("email", user.email), ("role", user.role)) if value]
    _out("\n".join(display.one_line(line) for line in lines))
    return EXIT_COMPLETE


_COMMANDS: Dict[str, Callable[[_Context], int]] = {
    "run": _run_command,
    "get": _get_command,
    "wait": _wait_command,
    "resume": _resume_command,
    "list": _list_command,
    "logs": _logs_command,
    "orgs": _orgs_command,
    "repos": _repos_command,
    "me": _me_command,
}


# -- the organisation's users, integrations, setup commands, pull requests and checks ------------


def _add_organisation_commands(command: Callable[..., Any], waiting: _Parser) -> None:
    """`users`, `integrations`, `setup-commands`, `pr` and `checks`, on `build_parser`'s command maker."""
    command("users", [], "list the organisation's users and their ids",
            "List the organisation's users: id, GitHub user name, name, email and role.")
    command("integrations", [], "show the organisation's integrations",
            "Show the organisation's integrations (GitHub, Slack, Linear...) and which are active.")
    setup = command("setup-commands", [waiting], "start an agent run that writes a repository's setup commands",
                    "Start an agent run that works out a repository's setup commands; with --wait, "
                    "follow it to its end like `run`.")
    setup.add_argument("--repo-id", type=_positive("a repository id"), required=True, metavar="N",
                       help="the repository (ids: codegen-agents repos)")
    setup.add_argument("--prompt", metavar="TEXT", help="more instructions for the agent")
    setup.add_argument("--wait", action="store_true", help="wait until the run ends and print its result")
    pr = command("pr", [], "change the state of an agent run's pull request",
                 "Open, close, draft or mark ready for review the pull request of an agent run.")
    pr.add_argument("run_id", type=_run_id, metavar="RUN_ID")
    pr.add_argument("--state", required=True, choices=PR_STATES, help="the new state")
    pr.add_argument("--pr-id", type=_positive("a pull request id"), metavar="N",
                    help="which of the run's pull requests (needed when it has several)")
    checks = command("checks", [], "show or change a repository's check-suite settings",
                     "Show a repository's check-suite settings (how agents treat failing CI checks); "
                     "with --set, change them first.")
    checks.add_argument("--repo-id", type=_positive("a repository id"), required=True, metavar="N",
                        help="the repository (ids: codegen-agents repos)")
    checks.add_argument(
        "--set", dest="settings", action="append", default=[], metavar="KEY=VALUE",
        help="check_retry_count=N, ignored_checks=A,B, high_priority_apps=A,B, check_retry_counts.CHECK=N "
             "or custom_prompts.CHECK=TEXT; repeat for several (an empty list value clears the list)",
    )


def _users_command(ctx: _Context) -> int:
    api = UsersApi(ctx.client)
    users = _every_item(lambda skip: api.get_users(ctx.org_id, skip=skip, limit=_PAGE_SIZE))
    rows = (
        (user, [str(user.id), user.github_username, user.full_name or "", user.email or "", user.role or ""])
        for user in users
    )
    _show_table(ctx, ("ID", "USERNAME", "NAME", "EMAIL", "ROLE"), rows, flexible=2, empty="No users.")
    return EXIT_COMPLETE


def _integrations_command(ctx: _Context) -> int:
    found = IntegrationsApi(ctx.client).get_organization_integrations(ctx.org_id)
    if ctx.args.json:
        _out(_json(found))
        return EXIT_COMPLETE
    rows = [
        [each.integration_type, "active" if each.active else "inactive",
         str(each.installation_id or each.token_id or "")]
        for each in found.integrations
    ]
    title = (
        f"{found.organization_name} (organisation {found.organization_id}): "
        f"{found.total_active_integrations} of {len(rows)} integrations active"
    )
    _out(display.one_line(title))
    if rows:
        _out(display.table_text(("INTEGRATION", "STATUS", "ID"), rows, flexible=0))
    return EXIT_COMPLETE


def _setup_commands_command(ctx: _Context) -> int:
    args = ctx.args
    from openapi_client.models.generate_setup_commands_input import GenerateSetupCommandsInput

    prompt = {} if args.prompt is None else {"prompt": nonblank_prompt(args.prompt)}
    request = GenerateSetupCommandsInput(repo_id=args.repo_id, **prompt)
    started = SetupCommandsApi(ctx.client).generate_setup_commands(ctx.org_id, request)
    if args.wait:
        run = ctx.agents.wait_for_agent_run(
            started.agent_run_id, ctx.org_id, timeout=args.timeout, poll_interval=args.poll_interval
        )
        return _show_run(ctx, run)
    if args.json:
        _out(_json(started))
    else:
        _out(display.one_line(f"Agent run {started.agent_run_id}: {display.status_label(started.status)}"))
        _out(display.printable(started.url))
    return EXIT_COMPLETE


def _pr_command(ctx: _Context) -> int:
    args = ctx.args
    run = ctx.agents.get_agent_run(args.run_id, ctx.org_id)
    pr_ids = [pr.id for pr in run.github_pull_requests or []]
    if args.pr_id is None and len(pr_ids) != 1:
        if not pr_ids:
            raise UsageError(f"agent run {run.id} has no pull request (yet); nothing was changed")
        raise UsageError(f"agent run {run.id} has {len(pr_ids)} pull requests ({_ids(pr_ids)}): choose one with --pr-id")
    if args.pr_id is not None and args.pr_id not in pr_ids:
        theirs = f"its pull requests are {_ids(pr_ids)}" if pr_ids else "it has none"
        raise UsageError(f"pull request {args.pr_id} is not agent run {run.id}'s: {theirs}")
    pr_id = pr_ids[0] if args.pr_id is None else args.pr_id
    edited = PullRequestsApi(ctx.client).edit_pull_request_simple(ctx.org_id, pr_id, EditPRInput(state=args.state))
    if not edited.success:
        _error(display.one_line(f"pull request {pr_id} was not changed: {edited.error or 'the API gave no reason'}"))
        return EXIT_API_ERROR
    if args.json:
        _out(_json(edited))
    else:
        number = f" #{edited.number}" if edited.number is not None else ""
        _out(display.one_line(f"Pull request {pr_id}{number}: {edited.state or args.state}"))
        if edited.url:
            _out(display.printable(edited.url))
    return EXIT_COMPLETE


def _ids(ids: Sequence[int]) -> str:
    return ", ".join(map(str, ids))


#: How `checks --set` reads each key's value.
_LIST_SETTINGS = ("ignored_checks", "high_priority_apps")
_MAP_SETTINGS = ("check_retry_counts", "custom_prompts")


def _settings_update(assignments: Sequence[str], current: Optional[CheckSuiteSettingsResponse]) -> Dict[str, Any]:
    """The fields `--set KEY=VALUE ...` changes; a per-check key adds to the current map (if given)."""
    fields: Dict[str, Any] = {}
    for assignment in assignments:
        key, equals, value = assignment.partition("=")
        if not equals:
            raise UsageError(f"--set takes KEY=VALUE, not {assignment!r}")
        field, dot, check = key.partition(".")
        if field == "check_retry_count" and not dot:
            fields[field] = _retry_count(key, value)
        elif field in _LIST_SETTINGS and not dot:
            fields[field] = [item.strip() for item in value.split(",") if item.strip()]
        elif field in _MAP_SETTINGS and dot and check:
            if field not in fields:
                fields[field] = dict(getattr(current, field, None) or {})
            fields[field][check] = _retry_count(key, value) if field == "check_retry_counts" else value
        else:
            known = ["check_retry_count", *_LIST_SETTINGS, *(f"{name}.CHECK" for name in _MAP_SETTINGS)]
            raise UsageError(f"--set: unknown setting {key!r}; the settings are {', '.join(known)}")
    return fields


def _retry_count(key: str, value: str) -> int:
    from openapi_client.models.check_suite_settings_request import MAX_RETRY_COUNT, MIN_RETRY_COUNT

    try:
        count = int(value)
    except ValueError:
        raise UsageError(f"--set {key}: not a whole number: {value!r}") from None
    if not MIN_RETRY_COUNT <= count <= MAX_RETRY_COUNT:
        raise UsageError(f"--set {key}: a retry count is {MIN_RETRY_COUNT} to {MAX_RETRY_COUNT}, not {count}")
    return count


def _checks_command(ctx: _Context) -> int:
    from openapi_client.models.check_suite_settings_request import CheckSuiteSettingsRequest

    args = ctx.args
    api = CheckSuiteSettingsApi(ctx.client)
    if args.settings:
        fields = _settings_update(args.settings, None)  # refuse a bad --set before anything is sent
        if any(field in fields for field in _MAP_SETTINGS):  # a per-check key adds to the current map
            fields = _settings_update(args.settings, api.get_check_suite_settings(ctx.org_id, args.repo_id))
        api.update_check_suite_settings(ctx.org_id, args.repo_id, CheckSuiteSettingsRequest(**fields))
    settings = api.get_check_suite_settings(ctx.org_id, args.repo_id)  # read back what the server kept
    if args.json:
        _out(_json(settings))
        return EXIT_COMPLETE
    shown = {
        "check_retry_count": str(settings.check_retry_count),
        "ignored_checks": ", ".join(settings.ignored_checks),
        "check_retry_counts": ", ".join(f"{check}={count}" for check, count in settings.check_retry_counts.items()),
        "custom_prompts": "; ".join(f"{check}: {text}" for check, text in settings.custom_prompts.items()),
        "high_priority_apps": ", ".join(settings.high_priority_apps),
        "available_check_suite_names": ", ".join(settings.available_check_suite_names),
    }
    lines = [f"Check-suite settings of repository {args.repo_id}"]
    lines += [display.one_line(f"{name}: {value or '-'}") for name, value in shown.items()]
    _out("\n".join(lines))
    return EXIT_COMPLETE


# -- the run's branch, watching runs, stopping the agents on a PR ---------------------


def _add_branch_watch_and_stop_commands(command: Callable[..., Any]) -> None:
    """The parsers of `pull`, `watch`, `ban`, `unban` and `remove-from-pr` (see `build_parser`)."""
    pull = command("pull", [], "check out the branch of a run's pull request",
                   "Fetch the branch of the run's pull request and switch to it, with the real git. Refuses, changing"
                   " nothing, when the work tree has uncommitted changes (untracked files included) or the local"
                   " branch has commits the remote's lacks.")
    pull.add_argument("run_id", type=_run_id, metavar="RUN_ID")
    pull.add_argument("--repo-dir", default=".", metavar="DIR", help="the repository (default: here)")
    pull.add_argument("--remote", default="origin", metavar="NAME", help="the remote to fetch from (default: origin)")
    pull.add_argument("--pr-id", type=_positive("a pull request id"), metavar="N",
                      help="which pull request, when the run has several")
    watch = command("watch", [], "watch the organisation's runs; print, run a command or POST on each event",
                    "Print an event when a run is created, changes status, opens a pull request or finishes."
                    " --exec and --post deliver each event, retried with growing pauses. The webhook secret"
                    f" comes only from ${WEBHOOK_SECRET_ENV}.")
    watch.add_argument("--exec", metavar="CMD", help="run CMD through the shell for each event, its JSON on stdin")
    watch.add_argument("--post", metavar="URL", help="POST each event's JSON to URL (signed with the secret if set)")
    watch.add_argument("--state", metavar="FILE",
                       help="record delivered events in FILE: a restart delivers what was missed, nothing twice")
    watch.add_argument("--until-idle", action="store_true", help="stop once no run is at work")
    watch.add_argument("--poll-interval", type=_seconds, metavar="S",
                       help="seconds between polls at first (default 1; grows to 10)")
    honest = (" The API has no stop operation: banning all checks of the run's pull request, or removing"
              " Codegen from it, stops the agents working on that PR. A run without a pull request cannot"
              " be stopped through the API.")
    for name, help_text, description in (
        ("ban", "stop the agents on a run's PR and ignore its CI checks",
         "Ban all checks of the run's pull request: its agents stop, and its CI check events are ignored"
         " until unban." + honest),
        ("unban", "let a run's PR's CI checks start agents again", "Undo ban: the CI check events of the run's"
         " pull request are processed again."),
        ("remove-from-pr", "stop the agents on a run's PR by removing Codegen from it",
         "Remove Codegen from the run's pull request: the agents working on it stop." + honest),
    ):
        command(name, [], help_text, description).add_argument("run_id", type=_run_id, metavar="RUN_ID")


#: Where `watch --post` takes the webhook secret from: never the command line, where others can read it.
WEBHOOK_SECRET_ENV = "CODEGEN_WEBHOOK_SECRET"


def _pull_command(ctx: _Context) -> int:
    from openapi_client import checkout

    args = ctx.args
    try:
        repository = checkout.Repository(args.repo_dir)  # git, the repository and its cleanness, before any read
        run = ctx.agents.get_agent_run(args.run_id, ctx.org_id)
        pr = _pull_request_of(run, args.pr_id)
        branch = repository.switch_to_remote_branch(args.remote, checkout.head_branch(pr))
    except CheckoutError as error:
        _error(str(error))
        return EXIT_RUN_FAILED
    commit = repository.head_commit()
    if args.json:
        _out(json.dumps({"agent_run_id": run.id, "pull_request": pr.to_dict(), "branch": branch,
                         "remote": args.remote, "commit": commit}))
    else:
        _out(display.printable(f"On branch {branch} (tracking {args.remote}/{branch}) at {commit[:12]}"
                               f"  PR {pr.url or pr.id}"))
    return EXIT_COMPLETE


def _pull_request_of(run: AgentRunResponse, pr_id: Optional[int]) -> Any:
    prs = run.github_pull_requests or []
    if pr_id is not None:
        chosen = [pr for pr in prs if pr.id == pr_id]
        if not chosen:
            ids = _ids([pr.id for pr in prs]) or "none"
            raise CheckoutError(f"agent run {run.id} has no pull request {pr_id} (its pull requests: {ids})")
        return chosen[0]
    if not prs:
        raise CheckoutError(f"agent run {run.id} has no pull request ({run.status or 'no status'}), so there is"
                            " no branch to check out")
    if len(prs) > 1:
        ids = _ids([pr.id for pr in prs])
        raise CheckoutError(f"agent run {run.id} has {len(prs)} pull requests (ids {ids}); choose one with --pr-id")
    return prs[0]


def _watch_command(ctx: _Context) -> int:
    from openapi_client import watching

    args = ctx.args
    if args.post is not None and not args.post.startswith(("http://", "https://")):
        raise UsageError(f"--post needs an http:// or https:// URL, not {args.post!r}")
    if args.json and (args.post is not None or args.exec is not None):
        raise UsageError("--json prints the events, which --exec and --post deliver instead; give one or the other")
    targets: List[watching.Target] = []
    if args.post is not None:
        targets.append(watching.PostTarget(args.post, os.environ.get(WEBHOOK_SECRET_ENV) or None))
    if args.exec is not None:
        targets.append(watching.ExecTarget(args.exec))
    watcher = watching.Watcher(ctx.agents, ctx.org_id, poll_interval=args.poll_interval, state_file=args.state)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_LogLine())
    watching.logger.addHandler(handler)
    try:
        return _watch(watcher, targets, args) if targets else _watch_and_print(watcher, args)
    except KeyboardInterrupt:
        watcher.state.save()
        saved = f"; what was delivered is recorded in {args.state}" if args.state else ""
        raise KeyboardInterrupt(f"stopped watching{saved}") from None
    finally:
        watching.logger.removeHandler(handler)
        for target in targets:
            target.close()


class _LogLine(logging.Formatter):
    """A log record as the command's other lines look: ``codegen-agents: warning: ...``."""

    def format(self, record: logging.LogRecord) -> str:
        return f"{PROG}: {record.levelname.lower()}: {display.one_line(record.getMessage())}"


def _watch_and_print(watcher: Any, args: argparse.Namespace) -> int:
    for event in watcher.events(args.until_idle):  # each acknowledged once printed
        _out(event.to_json() if args.json else _event_text(event))
    return EXIT_COMPLETE


def _watch(watcher: Any, targets: Sequence[Any], args: argparse.Namespace) -> int:
    from openapi_client import watching

    def delivered(event: Any, target: Any) -> None:
        watcher.acknowledged(event, target.name, len(targets))

    dispatcher = watching.Dispatcher(targets, delivered, delivered)
    for event, done in watcher.pending_deliveries():
        dispatcher.submit(event, sorted(done))
    while True:
        for event in watcher.poll():
            dispatcher.submit(event)
        if args.until_idle and watcher.idle:
            dispatcher.wait()
            return EXIT_RUN_FAILED if dispatcher.given_up else EXIT_COMPLETE


def _event_text(event: Any) -> str:
    run = event.run
    status = run.status or "no status"
    text = {
        "created": f"created ({status})",
        "status_changed": f"{event.previous_status or 'no status'} -> {status}",
        "pull_request_opened": "opened a pull request",
        "finished": f"finished: {status}",
    }.get(event.event, status)
    links = f"  {run.web_url}" if run.web_url else ""
    links += f"  PR {event.pull_request_url}" if event.pull_request_url else ""
    return display.printable(f"{event.time:%Y-%m-%d %H:%M:%S} {event.event:<19} agent run {run.id}: {text}{links}")


def _stop_action_command(ctx: _Context) -> int:
    from openapi_client.models.stop_agent_run_input import StopAgentRunInput

    args = ctx.args
    run_id, name = args.run_id, args.command
    if name != "unban":
        run = ctx.agents.get_agent_run(run_id, ctx.org_id)
        if not run.github_pull_requests:
            _error(f"agent run {run_id} has no pull request, and a run without one cannot be stopped through the"
                   " API (it has no stop operation)")
            return EXIT_RUN_FAILED
    action = {
        "ban": ctx.agents.ban_all_checks_for_agent_run,
        "unban": ctx.agents.unban_all_checks_for_agent_run,
        "remove-from-pr": ctx.agents.remove_codegen_from_pr,
    }[name]
    answer = action(ctx.org_id, StopAgentRunInput(agent_run_id=run_id))
    if args.json:
        _out(json.dumps(answer))
        return EXIT_COMPLETE
    _out({
        "ban": f"Banned all checks of agent run {run_id}'s pull request: the agents working on it stop, and its CI"
               f" check events are ignored until `{PROG} unban {run_id}`.",
        "unban": f"Unbanned the checks of agent run {run_id}'s pull request: its CI check events are processed again.",
        "remove-from-pr": f"Removed Codegen from agent run {run_id}'s pull request: the agents working on it stop.",
    }[name])
    return EXIT_COMPLETE


_COMMANDS.update({
    "users": _users_command,
    "integrations": _integrations_command,
    "setup-commands": _setup_commands_command,
    "pr": _pr_command,
    "checks": _checks_command,
    "pull": _pull_command,
    "watch": _watch_command,
    "ban": _stop_action_command,
    "unban": _stop_action_command,
    "remove-from-pr": _stop_action_command,
})


# -- output --------------------------------------------------------------------------


def _exit_status(run: AgentRunResponse) -> int:
    """0 for a completed run (or one still at work, as `get` and `run` without --wait show it), else 1."""
    status = run.status
    if run_status.is_final(status) and not run_status.is_success(status):
        return EXIT_RUN_FAILED
    return EXIT_RUN_FAILED if run_status.needs_input(status) else EXIT_COMPLETE


def _show_run(ctx: _Context, run: AgentRunResponse) -> int:
    _out(_json(run) if ctx.args.json else display.run_text(run))
    return _exit_status(run)


def _show_runs(ctx: _Context, runs: Sequence[AgentRunResponse], empty: str = "") -> None:
    _show_table(ctx, display.RUN_COLUMNS, ((run, display.run_row(run)) for run in runs), flexible=3, empty=empty)


def _show_table(ctx: _Context, header: Sequence[str], rows: Iterable[Tuple[Any, List[str]]], *, flexible: int,
                empty: str) -> None:
    """Models as a table on stdout, or with --json as one JSON object per line."""
    if ctx.args.json:
        for model, _ in rows:
            _out(_json(model))
        return
    cells = [row for _, row in rows]
    if not cells:
        _out(empty)
        return
    width = shutil.get_terminal_size().columns if _stdout_is_terminal() else None
    _out(display.table_text(header, cells, width=width, flexible=flexible))


def _every_item(fetch: Callable[[int], Page], items: Callable[[Page], Sequence[Any]] = lambda page: page.items
                ) -> Iterator[Any]:
    """Every item of a paged listing, one page (`fetch(skip)`) at a time, until the last page."""
    skip = 0
    while True:
        page = fetch(skip)
        batch = items(page)
        yield from batch
        skip += len(batch)
        if not batch or page.page >= page.pages:
            return


def describe_api_error(error: ApiException) -> str:
    """One line for a failed call: status, reason, the server's message and a hint."""
    if isinstance(error, ApiTransportError):
        return display.one_line(str(error))
    text = f"the API answered {error.status} {error.reason or ''}".rstrip()
    message = (error.message or _excerpt(error.body)).rstrip(".")
    if message:
        text += f": {message}"
    hint = {
        401: f"check the token (--token or {TOKEN_ENV})",
        403: "check that the token's user is a member of this organisation (--org-id)",
        429: "try again later",
    }.get(error.status or 0)
    if hint:
        text += f"; {hint}"
    return text


def _excerpt(body: Optional[str]) -> str:
    """The start of a body that holds no message (`ApiException.message`), on one line."""
    text = display.one_line(body or "")
    return text if len(text) <= _BODY_EXCERPT else text[: _BODY_EXCERPT - 3] + "..."



def _json(model: Any) -> str:
    """A model as one line of JSON: the API's fields, unknown ones included."""
    return json.dumps(model.to_dict())


def _out(text: str) -> None:
    print(text, file=sys.stdout, flush=True)


def _error(text: str) -> None:
    print(f"{PROG}: error: {text}", file=sys.stderr, flush=True)


def _stderr_is_terminal() -> bool:
    return _is_terminal(sys.stderr)


def _stdout_is_terminal() -> bool:
    return _is_terminal(sys.stdout)


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False

