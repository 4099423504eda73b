"""``python -m openapi_client.testing``: run the emulator in the foreground until Ctrl-C."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from types import FrameType
from typing import Optional, Protocol, Sequence

from .auth import DEFAULT_ORG_ID, DEFAULT_TOKEN
from .emulator import AgentApiEmulator


def add_options(parser: argparse.ArgumentParser) -> None:
    """The emulator's options; `codegen-agents emulator` takes the same."""
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on; 0 picks a free one (default 8000)")
    parser.add_argument("--token", default=DEFAULT_TOKEN, help=f"bearer token to accept (default {DEFAULT_TOKEN})")
    parser.add_argument("--org-id", type=int, default=DEFAULT_ORG_ID, help=f"org the token belongs to (default {DEFAULT_ORG_ID})")
    parser.add_argument("--polls-to-complete", type=int, default=2, metavar="N",
                        help="finish a run on its Nth poll (default 2)")
    parser.add_argument("--seconds-to-complete", type=float, default=None, metavar="S",
                        help="finish runs after S seconds instead of after N polls")
    parser.add_argument("--time-scale", type=float, default=1.0, metavar="X",
                        help="run lifecycles and rate-limit windows X times faster than real time (default 1)")
    parser.add_argument("--run-limit", type=int, default=None, metavar="N",
                        help="answer 402 once an org has created N runs (default: no limit)")
    parser.add_argument("--pull-requests", action="store_true",
                        help="every run opens a pull request when it ends (default: none)")
    parser.add_argument("--no-rate-limits", action="store_true", help="switch the API's rate limits off")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m openapi_client.testing",
        description="Serve a local emulator of the Codegen agent-run API.",
    )
    add_options(parser)
    return parser


class Output(Protocol):
    """Where the banner goes: stdout, or anything with ``write``/``flush``."""

    def write(self, text: str, /) -> int: ...

    def flush(self) -> None: ...


def serve(argv: Optional[Sequence[str]], done: threading.Event, out: Output = sys.stdout) -> int:
    """Serve until ``done`` is set, then stop cleanly; split from ``main`` so it runs in-process in tests."""
    return serve_options(_parser().parse_args(argv), done, out)


def serve_options(args: argparse.Namespace, done: threading.Event, out: Output = sys.stdout) -> int:
    """`serve` with the options already parsed (by this module's parser or the ``codegen-agents`` one)."""
    if args.polls_to_complete < 1:
        print(f"error: --polls-to-complete must be 1 or more, not {args.polls_to_complete}", file=sys.stderr)
        return 2
    if not args.time_scale > 0:
        print(f"error: --time-scale must be more than 0, not {args.time_scale}", file=sys.stderr)
        return 2
    emulator = AgentApiEmulator(
        host=args.host,
        port=args.port,
        tokens={args.token: [args.org_id]},
        polls_to_active=min(1, args.polls_to_complete - 1),
        polls_to_complete=args.polls_to_complete,
        seconds_to_complete=args.seconds_to_complete,
        rate_limits=not args.no_rate_limits,
        time_scale=args.time_scale,
        run_limit=args.run_limit,
        pull_requests=args.pull_requests,
    )
    try:
        emulator.start()
    except OSError as exc:
        print(f"error: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    print(f"Codegen agent API emulator listening on {emulator.url}", file=out, flush=True)
    print(f"  token:  {emulator.token}", file=out, flush=True)
    print(f"  org id: {emulator.org_id}", file=out, flush=True)
    print("Press Ctrl-C to stop.", file=out, flush=True)
    try:
        while not done.wait(0.5):
            pass
    finally:
        emulator.stop()
    print("Stopped.", file=out, flush=True)
    return 0


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Serve until SIGINT (Ctrl-C) or SIGTERM, without a traceback."""
    return serve_until_signalled(_parser().parse_args(argv))


def serve_until_signalled(args: argparse.Namespace) -> int:
    done = threading.Event()

    def _stop(signum: int, frame: Optional[FrameType]) -> None:
        done.set()

    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    return serve_options(args, done)


if __name__ == "__main__":
    sys.exit(main())
