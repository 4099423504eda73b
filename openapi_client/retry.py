"""When to try a request again, and how long to wait first.

The policy is safe for agent runs: reads are retried on any transient fault,
but creating a run is retried only where the server provably did not act on
it (the connection failed before the request was sent, or it answered 429),
so a retry never starts a second agent.
"""

from __future__ import annotations

import email.utils
import random
import time
from dataclasses import dataclass, field, replace
from typing import Any, FrozenSet, Optional, Union

import urllib3

#: What `Configuration.retries` and the per-call `_retries` accept.
RetriesSetting = Union[None, bool, int, "RetryPolicy", urllib3.Retry]

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})


def parse_retry_after(value: Optional[str], now: Optional[float] = None) -> Optional[float]:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP-date)."""
    if value is None:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:  # pragma: no cover - older Pythons return None for junk
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


@dataclass(frozen=True)
class RetryPolicy:
    """How many times, on what, and with which waits a call is tried again."""

    max_retries: int = 3
    backoff_initial: float = 0.5
    backoff_max: float = 8.0
    retry_after_max: float = 60.0
    retry_statuses: FrozenSet[int] = field(default=frozenset({429, 502, 503, 504}))

    def with_retries(self, max_retries: int) -> RetryPolicy:
        return replace(self, max_retries=max_retries)

    def retries_status(self, method: str, status: int) -> bool:
        """Whether a response status is worth another try of `method`."""
        if status not in self.retry_statuses:
            return False
        return status == 429 or method in IDEMPOTENT_METHODS

    def retries_failure(self, method: str, sent: bool) -> bool:
        """Whether a connection failure or timeout is worth another try.

        A request that was sent may have been acted on, so only idempotent
        methods are retried then.
        """
        return not sent or method in IDEMPOTENT_METHODS

    def delay(self, retry_number: int, retry_after: Optional[float] = None) -> float:
        """Seconds to wait before retry number `retry_number` (1-based).

        The server's ``Retry-After`` wins, up to `retry_after_max`; otherwise
        exponential backoff with full jitter, so that many clients that failed
        together do not come back together.
        """
        if retry_after is not None:
            return min(retry_after, self.retry_after_max)
        ceiling = min(self.backoff_max, self.backoff_initial * (2 ** (retry_number - 1)))
        return random.uniform(0, ceiling)


DEFAULT_POLICY = RetryPolicy()
NO_RETRIES = RetryPolicy(max_retries=0)


def resolve(setting: Any) -> Union[RetryPolicy, urllib3.Retry]:
    """Turn a `retries` setting into a policy; a `urllib3.Retry` is used as given.

    ``None`` is the default policy, ``0`` or ``False`` turns retries off and
    an integer sets how many retries the default policy makes.
    """
    if setting is None or setting is True:
        return DEFAULT_POLICY
    if setting is False:
        return NO_RETRIES
    if isinstance(setting, (RetryPolicy, urllib3.Retry)):
        return setting
    if isinstance(setting, int):
        if setting < 0:
            raise ValueError(f"retries must be 0 or more, not {setting}")
        return DEFAULT_POLICY.with_retries(setting)
    raise TypeError(
        "retries must be None, a bool, an int, a RetryPolicy or a urllib3.Retry,"
        f" not {type(setting).__name__}"
    )
