"""A faithful local emulator of the Codegen agent-run API, for tests, examples and offline work.

Stdlib only and independent of the rest of ``openapi_client``::

    from openapi_client.testing import AgentApiEmulator, Fault

    with AgentApiEmulator() as emu:
        ...  # point a client at emu.url with emu.token and emu.org_id
"""

from __future__ import annotations

from .connections import SlackTokenRefused
from .emulator import AgentApiEmulator
from .faults import Fault, FaultKind
from .ratelimit import RateLimit
from .recording import Headers, RecordedRequest
from .runs import (
    ACTIVE,
    CANCELLED,
    COMPLETE,
    ERROR,
    EVALUATION,
    FAILED,
    FINAL_STATUSES,
    MAX_ITERATIONS_REACHED,
    OUT_OF_TOKENS,
    PAUSED,
    PENDING,
    RUNNING,
    STOPPED,
    TIMEOUT,
    AgentRun,
    RunLimitReached,
)

__all__ = [
    "ACTIVE",
    "CANCELLED",
    "COMPLETE",
    "ERROR",
    "EVALUATION",
    "FAILED",
    "FINAL_STATUSES",
    "MAX_ITERATIONS_REACHED",
    "OUT_OF_TOKENS",
    "PAUSED",
    "PENDING",
    "RUNNING",
    "STOPPED",
    "TIMEOUT",
    "AgentApiEmulator",
    "AgentRun",
    "RunLimitReached",
    "SlackTokenRefused",
    "Fault",
    "FaultKind",
    "Headers",
    "RateLimit",
    "RecordedRequest",
]
