"""``AgentApiEmulator``: the public face that ties state, faults and the HTTP server together."""

from __future__ import annotations

import threading
import time
from types import TracebackType
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Type

from .app import AgentApi
from .auth import DEFAULT_ORG_ID, DEFAULT_TOKEN, TokenRegistry
from .connections import Connections
from .directory import Directory, OrganizationSpec, RepoSpec
from .faults import Fault, FaultQueue
from .org_settings import CheckSuiteSettings, CliRules, Sandboxes
from .ratelimit import CREATE_LIMIT, LOGS_LIMIT, OPERATION_LIMITS, READ_LIMIT, RateLimit, SlidingWindowLimiter
from .recording import RecordedRequest
from .runs import COMPLETE, FIRST_RUN_ID, UNSET, WEB_PATH, AgentRun, PullRequest, RunStore, Seconds, Text
from .server import EmulatorServer


class AgentApiEmulator:
    """A local, stdlib-only stand-in for the Codegen agent-run API, served over real HTTP.

    Use it as a context manager (``with AgentApiEmulator() as emu:``) or call
    ``start()``/``stop()``.  It listens on ``emu.url`` in daemon threads.

    Keyword arguments (all optional):

    host, port
        Where to listen; port 0 (default) picks a free port.
    tokens
        ``{token: org ids its user belongs to}``; default ``{"test-token": [1]}``.
        ``emu.token``/``emu.org_id`` are the first token and its first org.
    polls_to_active, polls_to_complete
        Poll-driven lifecycle (default): the create response says ``PENDING``;
        the ``polls_to_active``-th poll of a run (default 1) says ``ACTIVE``; the
        ``polls_to_complete``-th (default 2) and later ones say the final status.
        A poll is a GET of the run or of its logs, or a listing that shows it.
    seconds_to_complete
        Time-driven lifecycle instead: ``ACTIVE`` after half that many seconds,
        final after all of them (measured with ``clock``). A ``(low, high)``
        pair gives each run its own random duration in that range.
    time_scale
        How many emulated seconds pass per real second (default 1.0): 60 makes
        a minute-long run and the minute-long rate-limit window last a second.
        ``Retry-After`` is given in real seconds.
    random_seed
        Seed for the random durations of ``seconds_to_complete=(low, high)``.
    extra_fields
        Return ``summary``, ``source_type``, ``github_pull_requests`` and
        ``metadata`` as the live API does (default True); False keeps to the six
        fields of the first contract.
    create_limit, read_limit, logs_limit, rate_limits
        ``(requests, seconds)`` per token for run creation (default 10 per 60 s),
        for the logs (default 60 per 60 s) and for everything else (default 60
        per 30 s), each its own sliding window; ``None`` switches one off,
        ``rate_limits=False`` all of them, the limits of single operations
        (setup commands and analyze-logs 5 a minute, the PR edits together and
        the CLI rules 30 a minute) included.
    run_limit
        Runs each org may create in all; the next create answers 402 (default None: no limit).
    pull_requests
        Every run that no script describes opens a pull request when it ends,
        as agents often do (default False: none; ``script_next_run(pull_request=...)``
        per run).
    logs_not_found
        The first N logs requests of each run answer 404, as the API can just
        after creation (default 0); ``script_next_run(logs_not_found=...)`` per run.
    users
        ``{token: UserResponse fields}`` over the generated defaults (ids from 1001).
    organizations
        ``{org id: name or OrganizationResponse fields}`` (default name ``Organization <id>``).
    repositories
        ``{org id: [name or RepoResponse fields, ...]}``; unlisted orgs have two
        sample repositories, an empty list makes creation there answer 404.
    clock
        Monotonic seconds for rate limits and time-driven lifecycles (default
        ``time.monotonic``); inject a fake to test without sleeping.
    first_run_id
        The id of the first run created (default 10001); ids then increment.
    idle_timeout
        Close keep-alive connections idle this many seconds, like a real front
        end does (default None: keep them until ``stop()``).
    """

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        tokens: Optional[Mapping[str, Iterable[int]]] = None,
        polls_to_active: int = 1,
        polls_to_complete: int = 2,
        seconds_to_complete: Optional[Seconds] = None,
        time_scale: float = 1.0,
        random_seed: Optional[int] = None,
        extra_fields: bool = True,
        create_limit: Optional[RateLimit] = CREATE_LIMIT,
        read_limit: Optional[RateLimit] = READ_LIMIT,
        logs_limit: Optional[RateLimit] = LOGS_LIMIT,
        rate_limits: bool = True,
        run_limit: Optional[int] = None,
        pull_requests: bool = False,
        logs_not_found: int = 0,
        users: Optional[Mapping[str, Mapping[str, Any]]] = None,
        organizations: Optional[Mapping[int, OrganizationSpec]] = None,
        repositories: Optional[Mapping[int, Sequence[RepoSpec]]] = None,
        clock: Callable[[], float] = time.monotonic,
        first_run_id: int = FIRST_RUN_ID,
        idle_timeout: Optional[float] = None,
    ) -> None:
        self.host = host
        self._port = port
        self._tokens = TokenRegistry({DEFAULT_TOKEN: [DEFAULT_ORG_ID]} if tokens is None else tokens)
        token, org_id = self._tokens.first
        if org_id is None:
            raise ValueError(f"the first token ({token!r}) must belong to at least one org")
        self._token, self._org_id = token, org_id
        if not time_scale > 0:
            raise ValueError(f"time_scale must be > 0, got {time_scale!r}")
        emulated: Callable[[], float] = clock if time_scale == 1 else (lambda: clock() * time_scale)
        self._directory = Directory(
            list(tokens or {DEFAULT_TOKEN: [DEFAULT_ORG_ID]}), users=users, organizations=organizations,
            repositories=repositories,
        )
        self._runs = RunStore(
            polls_to_active=polls_to_active,
            polls_to_complete=polls_to_complete,
            seconds_to_complete=seconds_to_complete,
            clock=emulated,
            first_run_id=first_run_id,
            run_limit=run_limit,
            pull_requests=pull_requests,
            logs_not_found=logs_not_found,
            random_seed=random_seed,
            repo_name=self._directory.repo_full_name,
            web_url=self._web_url,
        )

        def limiter(limit: Optional[RateLimit]) -> Optional[SlidingWindowLimiter]:
            return SlidingWindowLimiter(limit, emulated, time_scale) if rate_limits and limit else None

        limits: Dict[str, Optional[RateLimit]] = {
            "create": create_limit, "read": read_limit, "logs": logs_limit, **OPERATION_LIMITS,
        }

        self._connections = Connections(emulated)
        self._check_suites = CheckSuiteSettings()
        self._cli_rules = CliRules()
        self._sandboxes = Sandboxes()
        self._faults = FaultQueue()
        self._log_lock = threading.Lock()
        self._log: List[RecordedRequest] = []
        self._api = AgentApi(
            tokens=self._tokens,
            runs=self._runs,
            limiters={name: limiter(limit) for name, limit in limits.items()},
            extra_fields=extra_fields,
            directory=self._directory,
            connections=self._connections,
            check_suites=self._check_suites,
            cli_rules=self._cli_rules,
            sandboxes=self._sandboxes,
        )
        self._idle_timeout = idle_timeout
        self._server: Optional[EmulatorServer] = None
        self._thread: Optional[threading.Thread] = None
        self._state_lock = threading.Lock()

    # -- lifecycle -------------------------------------------------------

    def start(self) -> AgentApiEmulator:
        """Bind and serve in a daemon thread; returns ``self``. A stopped emulator restarts on the same port."""
        with self._state_lock:
            if self._server is not None:
                raise RuntimeError("the emulator is already running")
            server = EmulatorServer((self.host, self._port), self._api, self._faults, self._record, self._idle_timeout)
            self._port = server.server_port
            thread = threading.Thread(
                target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="AgentApiEmulator", daemon=True
            )
            thread.start()
            self._server, self._thread = server, thread
        return self

    def stop(self) -> None:
        """Stop serving and close every connection, idle keep-alive ones and stalled requests included."""
        with self._state_lock:
            server, thread = self._server, self._thread
            self._server = self._thread = None
        if server is None or thread is None:
            return
        server.stopping.set()
        server.shutdown()
        server.server_close()
        server.close_connections()
        thread.join()

    def __enter__(self) -> AgentApiEmulator:
        return self.start()

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        """Whether the server is accepting connections."""
        return self._server is not None

    @property
    def open_connections(self) -> int:
        """Client connections currently open (0 when stopped) - handy for leak checks."""
        server = self._server
        return 0 if server is None else server.open_connections()

    # -- where and who ---------------------------------------------------

    @property
    def port(self) -> int:
        """The bound port once started (the configured one before that)."""
        return self._port

    @property
    def url(self) -> str:
        """Base URL to point a client at, e.g. ``http://127.0.0.1:54321``."""
        if self._port == 0:
            raise RuntimeError("the port is not known until the emulator has started")
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self._port}"

    def _web_url(self, run_id: int) -> str:
        """The run's page on this emulator (``web_url``): nothing a run shows points at the real service."""
        base = self.url if self._port else f"http://{self.host}"
        return base + WEB_PATH.format(id=run_id)

    @property
    def token(self) -> str:
        """A valid bearer token (the first of ``tokens``)."""
        return self._token

    @property
    def org_id(self) -> int:
        """An org that ``token``'s user belongs to."""
        return self._org_id

    @property
    def user(self) -> Dict[str, Any]:
        """``token``'s user, as ``GET /v1/users/me`` describes it (``emu.user["id"]`` is its user id)."""
        return self._directory.user(self._token)

    def add_token(self, token: str, orgs: Iterable[int], *, user: Optional[Mapping[str, Any]] = None) -> None:
        """Accept ``token`` from now on, for a user who belongs to ``orgs`` (may be empty).

        ``user`` gives fields of its ``UserResponse`` (e.g. ``{"id": 7}``); by default a new user.
        """
        self._tokens.add(token, orgs)
        self._directory.add_user(token, user)

    # -- runs --------------------------------------------------------------

    @property
    def runs(self) -> Dict[int, AgentRun]:
        """Snapshots of all runs by id (reading them counts no poll); each ``web_url`` is a page of this emulator."""
        return self._runs.all()

    def create_run(
        self, prompt: str = "Seeded run", *, org_id: Optional[int] = None, user_id: Optional[int] = None,
        metadata: Optional[Mapping[str, Any]] = None,
    ) -> AgentRun:
        """Create a run directly, as if POSTed with ``token`` (a queued script applies); no HTTP involved.

        It counts towards ``run_limit`` and raises ``RunLimitReached`` beyond it.
        """
        return self._runs.create(
            self._org_id if org_id is None else org_id, prompt,
            user_id=self.user["id"] if user_id is None else user_id,
            fields={"metadata": None if metadata is None else dict(metadata)},
        )

    def script_next_run(
        self,
        final_status: str = COMPLETE,
        result: Text = UNSET,
        *,
        statuses: Optional[Sequence[str]] = None,
        summary: Text = UNSET,
        source_type: Optional[str] = "API",
        pull_request: PullRequest = False,
        seconds: Optional[float] = None,
        logs_not_found: Optional[int] = None,
    ) -> None:
        """Script the lifecycle of the next run created; calls queue up, one per future run.

        ``final_status`` replaces ``COMPLETE`` at the end of PENDING -> ACTIVE -> final.
        ``statuses`` instead gives the whole sequence (unknown strings welcome): the
        create response shows the first, each GET moves one step (in time mode they
        are spread evenly over ``seconds_to_complete``), the last one sticks.
        ``result``/``summary`` appear with the last status; by default a text that
        fits it (an answer mentioning the prompt for COMPLETE, an error description
        for FAILED/ERROR and the other bad endings, null result for CANCELLED,
        STOPPED, PAUSED and unknown statuses).
        ``source_type`` is what the run reports (and the list filters on).
        ``pull_request``: True (or a dict of ``GithubPullRequestResponse`` fields)
        makes the run open a pull request, listed in ``github_pull_requests`` from
        its last status on; a list of dicts opens one pull request each. ``seconds`` gives this run its own duration (it then
        runs on time even in poll mode). ``logs_not_found``: its first N logs
        requests answer 404.
        """
        self._runs.script_next(
            final_status, result, summary, statuses, source_type=source_type, pull_request=pull_request,
            seconds=seconds, logs_not_found=logs_not_found,
        )

    def set_run_status(
        self, run_id: int, status: str, result: Optional[str] = None, *, summary: Optional[str] = None
    ) -> AgentRun:
        """Pin run ``run_id`` to ``status`` (with ``result``/``summary``) from now on; KeyError if unknown."""
        return self._runs.set_status(run_id, status, result, summary)

    # -- what an organisation has besides runs ---------------------------------

    def add_sandbox(
        self, logs: Optional[str] = "Running setup commands...\nERROR: pip install failed", *,
        org_id: Optional[int] = None, repo_id: Optional[int] = None,
    ) -> int:
        """A sandbox for analyze-logs, with these setup ``logs`` (empty or None: it answers 400); its id."""
        return self._sandboxes.add(self._org_id if org_id is None else org_id, repo_id, logs).id

    def check_suite_settings(self, repo_id: int, *, org_id: Optional[int] = None) -> Dict[str, Any]:
        """The repository's check-suite settings now, as ``GET .../repos/check-suite-settings`` answers."""
        return self._check_suites.get(self._org_id if org_id is None else org_id, repo_id)

    def set_cli_rules(
        self, organization_rules: Text = UNSET, *, user_custom_prompt: Text = UNSET,
        org_id: Optional[int] = None, token: Optional[str] = None,
    ) -> None:
        """Set what ``GET .../cli/rules`` answers: the org's rules, and the custom prompt of ``token``'s user."""
        user_id = self._directory.user(self._token if token is None else token)["id"]
        self._cli_rules.set(self._org_id if org_id is None else org_id, user_id, organization_rules, user_custom_prompt)

    def use_slack_token(self, token: str) -> None:
        """Do what the Codegen bot does with "Connect my account: TOKEN": connect the user's Slack.

        Raises ``SlackTokenRefused`` (a ``ValueError``) for a token unknown, already used or expired.
        """
        self._connections.use_slack_token(token)

    # -- faults --------------------------------------------------------------

    def inject(self, fault: Fault, *, times: int = 1, method: Optional[str] = None, path: Optional[str] = None) -> None:
        """Play ``fault`` on the next ``times`` requests matching ``method`` and ``path`` prefix (None: any).

        Faults are consumed in the order they were injected; requests that hit
        one are still recorded in ``requests``.
        """
        self._faults.add(fault, times, method, path)

    @property
    def pending_faults(self) -> int:
        """How many more requests will hit an injected fault."""
        return self._faults.pending()

    def clear_faults(self) -> None:
        """Forget every injected fault not yet played."""
        self._faults.clear()

    # -- request log -------------------------------------------------------

    def _record(self, request: RecordedRequest) -> None:
        with self._log_lock:
            self._log.append(request)

    @property
    def requests(self) -> List[RecordedRequest]:
        """Every request received so far, oldest first (a copy)."""
        with self._log_lock:
            return list(self._log)

    def clear_requests(self) -> None:
        """Empty the request log."""
        with self._log_lock:
            self._log.clear()

    def __repr__(self) -> str:
        where = self.url if self.running else "stopped"
        return f"<AgentApiEmulator {where} token={self._token!r} org_id={self._org_id}>"
