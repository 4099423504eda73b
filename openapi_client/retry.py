"""When to try a request again, and how long to wait first.

The policy is safe for agent runs: reads are retried on any transient fault,
but creating a run is retried only where the server provably did not act on
it (the connection failed before the request was sent, or it answered 429),
so a retry never starts a second agent.

A 429 is retried after the server's ``Retry-After``, obeyed up to 60 s, the
longest window of the API's limits (`waiting.RATE_LIMITS`). That wait holds
only the call that was refused, so a rate-limited creation never delays a
read or a logs call: each limit is respected on its own.
"""

from __future__ import annotations

import datetime
import math
import random
import time
from dataclasses import dataclass, field, replace
from typing import Any, FrozenSet, Optional, Union

import urllib3

from openapi_client.exceptions import ApiTypeError, ApiValueError

#: Methods that may be sent again after the server may have acted on them.
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})


def parse_retry_after(value: Optional[str], now: Optional[float] = None) -> Optional[float]:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP-date).

    ``None`` when there is no header or it cannot be read; a date in the past
    is 0. HTTP-dates are GMT, also in the obsolete forms without a zone.
    """
    if value is None:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        pass
    else:
        return max(0.0, seconds) if math.isfinite(seconds) else None
    import email.utils

    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:  # pragma: no cover - Python < 3.10 returns None for junk
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.timezone.utc)
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


@dataclass(frozen=True)
class RetryPolicy:
    """How many times, on what, and with which waits a call is tried again.

    :param max_retries: retries after the first attempt (3: at most 4 requests).
    :param backoff_initial: ceiling of the first random wait, in seconds; it
        doubles with each retry up to `backoff_max` (full jitter).
    :param retry_after_max: the longest ``Retry-After`` obeyed; a longer one
        is shortened to this.
    :param retry_statuses: statuses retried (POST only on 429, see `retries_status`).
    """

    max_retries: int = 3
    backoff_initial: float = 0.5
    backoff_max: float = 8.0
    retry_after_max: float = 60.0
    retry_statuses: FrozenSet[int] = field(default=frozenset({429, 502, 503, 504}))

    def __post_init__(self) -> None:
        if isinstance(self.max_retries, bool) or not isinstance(self.max_retries, int) or self.max_retries < 0:
            raise ApiValueError(f"RetryPolicy.max_retries must be an int >= 0, not {self.max_retries!r}")
        for name in ("backoff_initial", "backoff_max", "retry_after_max"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value < math.inf:
                raise ApiValueError(f"RetryPolicy.{name} must be a number of seconds >= 0, not {value!r}")
        statuses = self.retry_statuses
        if isinstance(statuses, (str, bytes, int)) or not all(
            isinstance(code, int) and 100 <= code <= 599 for code in statuses
        ):
            raise ApiValueError(f"RetryPolicy.retry_statuses must be HTTP status codes, not {statuses!r}")
        object.__setattr__(self, "retry_statuses", frozenset(statuses))

    def with_retries(self, max_retries: int) -> RetryPolicy:
        return replace(self, max_retries=max_retries)

    def retries_status(self, method: str, status: int) -> bool:
        """Whether a response status is worth another try of `method`.

        A 429 means the server did not act, so any method is retried; another
        error status after a POST may come after the run was created.
        """
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
        doublings = min(max(retry_number - 1, 0), 62)  # beyond that the cap has long been reached
        ceiling = min(self.backoff_max, self.backoff_initial * (2**doublings))
        return random.uniform(0, ceiling)


#: What `Configuration.retries` and the per-call `_retries` accept.
RetriesSetting = Union[None, bool, int, RetryPolicy, urllib3.Retry]

DEFAULT_POLICY = RetryPolicy()
NO_RETRIES = RetryPolicy(max_retries=0)


def resolve(setting: RetriesSetting) -> Union[RetryPolicy, urllib3.Retry]:
    """Turn a `retries` setting into a policy; a `urllib3.Retry` is used as given.

    ``None`` (or ``True``) is the default policy, ``0`` or ``False`` turns
    retries off and an integer sets how many retries the default policy makes.
    """
    if setting is None or setting is True:
        return DEFAULT_POLICY
    if setting is False:
        return NO_RETRIES
    if isinstance(setting, (RetryPolicy, urllib3.Retry)):
        return setting
    if isinstance(setting, int):
        if setting < 0:
            raise ApiValueError(f"retries must be 0 or more, not {setting}")
        return DEFAULT_POLICY.with_retries(setting)
    raise ApiTypeError(
        "retries must be None, a bool, an int, a RetryPolicy or a urllib3.Retry,"
        f" not {type(setting).__name__}"
    )
