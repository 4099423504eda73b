"""The command line: ``codegen-agents`` (or ``python -m openapi_client``).

    codegen-agents run PROMPT [--wait] [--timeout S] [--json]
    codegen-agents get RUN_ID [--json]
    codegen-agents wait RUN_ID [--timeout S] [--json]
    codegen-agents emulator [--port N] [--polls-to-complete N] [--seconds-to-complete S] ...

Settings come from flags or the environment (``--token``/CODEGEN_API_TOKEN,
``--org-id``/CODEGEN_ORG_ID, ``--base-url``/CODEGEN_API_BASE_URL). The exit
status says how it went, so scripts can branch on it; an error is one line
on stderr, never a traceback; ``--json`` keeps stdout machine-readable.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any, NoReturn, Optional, Sequence, Tuple

from openapi_client import __version__, display, run_status
from openapi_client.api.agents_api import AgentsApi
from openapi_client.api_client import ApiClient
from openapi_client.configuration import CODEGEN_API_URL, Configuration
from openapi_client.exceptions import (
    AgentRunTimeoutError,
    ApiException,
    ApiTransportError,
    OpenApiException,
)
from openapi_client.models.agent_run_response import AgentRunResponse
from openapi_client.models.create_agent_run_input import CreateAgentRunInput

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
  0  the run completed (or was created, without --wait)
  1  the run ended otherwise: FAILED, ERROR, CANCELLED, STOPPED
  2  usage error: bad arguments or settings; nothing was sent
  3  API error: the API refused or could not be reached
  4  timeout: stopped waiting, the run goes on
  130  interrupted (Ctrl-C): stopped waiting, the run goes on
"""

#: How much of an error response body an error line quotes.
_BODY_EXCERPT = 200


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


def _run_id(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an agent run id (a whole number): {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"not an agent run id (a positive number): {text}")
    return value


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
    waiting = _Parser(add_help=False)
    waiting.add_argument("--timeout", type=_seconds, metavar="S", help="stop waiting after S seconds (exit 4)")
    waiting.add_argument(
        "--poll-interval", type=_seconds, metavar="S", help="seconds before the first poll (default 1; grows to 10)"
    )
    output = _Parser(add_help=False)
    output.add_argument("--json", action="store_true", help="print the run as JSON on stdout")

    parser = _Parser(
        prog=PROG, parents=[settings], formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Start Codegen agent runs, follow them and wait for their results.",
        epilog=_EXIT_STATUS_HELP,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    run = commands.add_parser(
        "run", parents=[settings, waiting, output], help="create an agent run from a prompt",
        description="Create an agent run; with --wait, follow it to its end.",
    )
    run.add_argument("prompt", metavar="PROMPT", help="what the agent should do")
    run.add_argument("--wait", action="store_true", help="wait until the run ends and print its result")
    get = commands.add_parser(
        "get", parents=[settings, output], help="show an agent run", description="Show an agent run's current state."
    )
    get.add_argument("run_id", type=_run_id, metavar="RUN_ID")
    wait = commands.add_parser(
        "wait", parents=[settings, waiting, output], help="wait for an agent run to end",
        description="Wait until an agent run ends and print it.",
    )
    wait.add_argument("run_id", type=_run_id, metavar="RUN_ID")
    emulator = commands.add_parser(
        "emulator", help="serve the local API emulator",
        description="Serve the local emulator of the agent-run API until Ctrl-C (token test-token, org 1).",
    )
    from openapi_client.testing.__main__ import add_options as add_emulator_options

    add_emulator_options(emulator)
    return parser


def settings_from(args: argparse.Namespace) -> Tuple[Configuration, int]:
    """Configuration and organisation from the flags, else the environment."""
    token = getattr(args, "token", None) or os.environ.get(TOKEN_ENV, "").strip()
    if not token:
        raise UsageError(f"no API token: pass --token or set {TOKEN_ENV}")
    org_text = getattr(args, "org_id", None) or os.environ.get(ORG_ENV, "").strip()
    if not org_text:
        raise UsageError(f"no organisation: pass --org-id or set {ORG_ENV}")
    try:
        org_id = int(org_text)
    except ValueError:
        raise UsageError(f"the organisation id must be a whole number, not {org_text!r}") from None
    base_url = getattr(args, "base_url", None) or os.environ.get(BASE_URL_ENV, "").strip() or CODEGEN_API_URL
    if not base_url.startswith(("http://", "https://")):
        raise UsageError(f"the base URL must start with http:// or https://, not {base_url!r}")
    return Configuration(host=base_url.rstrip("/"), access_token=token), org_id


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run one command; returns the exit status."""
    parser = build_parser()
    args: Optional[argparse.Namespace] = None
    try:
        args = parser.parse_args(argv)
        if args.command == "emulator":
            from openapi_client.testing.__main__ import serve_until_signalled

            return serve_until_signalled(args)
        if args.command == "run" and args.timeout is not None and not args.wait:
            raise UsageError("--timeout needs --wait")
        configuration, org_id = settings_from(args)
        with ApiClient(configuration) as client:
            return _dispatch(AgentsApi(client), org_id, args)
    except UsageError as error:
        _error(f"{error} (see {PROG} --help)")
        return EXIT_USAGE
    except AgentRunTimeoutError as error:
        _error(str(error))
        if getattr(args, "json", False):
            _out(_json(error.run))
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
        _error(f"unexpected {type(error).__name__}: {_one_line(str(error))}")
        return EXIT_API_ERROR


def _dispatch(api: AgentsApi, org_id: int, args: argparse.Namespace) -> int:
    if args.command == "run" and not args.wait:
        run = api.create_agent_run(org_id, CreateAgentRunInput(prompt=args.prompt))
    elif args.command == "run":
        run = api.create_agent_run_and_wait(
            org_id, args.prompt, timeout=args.timeout, poll_interval=args.poll_interval
        )
    elif args.command == "wait":
        run = api.wait_for_agent_run(args.run_id, org_id, timeout=args.timeout, poll_interval=args.poll_interval)
    else:
        run = api.get_agent_run(args.run_id, org_id)
    _out(_json(run) if args.json else display.run_text(run))
    return EXIT_RUN_FAILED if run_status.is_final(run.status) and not run_status.is_success(run.status) else EXIT_COMPLETE


def describe_api_error(error: ApiException) -> str:
    """One line for a failed call: status, reason, the server's message and a hint."""
    if isinstance(error, ApiTransportError):
        return _one_line(str(error))
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
    text = _one_line(body or "")
    return text if len(text) <= _BODY_EXCERPT else text[: _BODY_EXCERPT - 3] + "..."


def _one_line(text: str) -> str:
    return display.printable(" ".join(text.split()))


def _json(run: AgentRunResponse) -> str:
    return json.dumps(run.to_dict(), indent=2)


def _out(text: str) -> None:
    print(text, file=sys.stdout, flush=True)


def _error(text: str) -> None:
    print(f"{PROG}: error: {text}", file=sys.stderr, flush=True)


def _stderr_is_terminal() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False

