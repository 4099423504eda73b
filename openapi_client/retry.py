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

import math
import random
import logging
import time
from dataclasses import dataclass, field, replace
from typing import FrozenSet, Mapping, Optional, Tuple, Union

import urllib3
from urllib3.exceptions import HTTPError, MaxRetryError

from openapi_client.exceptions import (
    ApiConnectionError,
    ApiTimeoutError,
    ApiTypeError,
    ApiValueError,
    parse_retry_after,
)
from openapi_client.transport_errors import classify, describe, redact_url, scrub, unsendable

logger = logging.getLogger("openapi_client")

# A call's deadline must be met within this much, or the call is over.
_DEADLINE_SLACK = 0.005

#: Methods that may be sent again after the server may have acted on them.
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})


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


class Attempts:
    """The attempts of one call, and the decisions between them: try again after this answer or failure, and when?"""

    __slots__ = ("method", "url", "headers", "operation", "timeout", "deadline", "given_retry", "number")

    def __init__(
        self, method: str, url: str, headers: Mapping[str, str], operation: Optional[str],
        timeout: urllib3.Timeout, given_retry: bool,
    ) -> None:
        self.method, self.url, self.headers, self.operation = method, url, headers, operation
        self.timeout, self.given_retry = timeout, given_retry
        # A timeout of one number (a `total`) bounds the whole call, retries and waits included.
        total = timeout.total
        self.deadline = time.monotonic() + total if isinstance(total, (int, float)) else None
        self.number = 0

    def timeouts(self) -> Tuple[urllib3.Timeout, Optional[float]]:
        """This attempt's timeout and the longest wait for a pooled connection, both within the deadline."""
        if self.deadline is None:
            return self.timeout, None
        remaining = max(self.deadline - time.monotonic(), 0.001)
        timeout = self.timeout.clone()
        timeout.total = remaining
        return timeout, remaining

    def fits(self, wait: float) -> bool:
        """Whether a wait ends before the deadline: one that would not is not taken."""
        return self.deadline is None or time.monotonic() + wait < self.deadline

    def wait_after_status(self, resp: urllib3.BaseHTTPResponse, policy: RetryPolicy) -> Optional[float]:
        """Seconds to wait before trying again after this answer, or None: the answer is final."""
        status = resp.status
        if self.number > policy.max_retries or not policy.retries_status(self.method, status):
            return None
        retry_after = parse_retry_after(resp.headers.get("Retry-After"))
        wait = policy.delay(self.number, retry_after)
        if not self.fits(wait):
            return None
        logger.info(
            "retrying %s %s in %.2f s (retry %d of %d): HTTP %d%s",
            self.method, redact_url(self.url), wait, self.number, policy.max_retries, status,
            "" if retry_after is None else f", Retry-After {retry_after:g} s",
        )
        return wait

    def wait_after_failure(self, error: Exception, policy: RetryPolicy) -> float:
        """Seconds to wait before trying again after `error`; raises the SDK's error if the call has failed."""
        if isinstance(error, (ValueError, TypeError)) and not isinstance(error, HTTPError):
            # http.client refuses a bad header before sending a byte, in a
            # message that quotes it: it may be the token.
            problem = unsendable(self.headers)
            if problem is not None:
                raise ApiValueError(problem) from None
        cause = error.reason if isinstance(error, MaxRetryError) and isinstance(error.reason, Exception) else error
        kind, retryable, may_have_acted = classify(cause)
        if self.deadline is not None and self.deadline - time.monotonic() < _DEADLINE_SLACK:
            kind, reason = ApiTimeoutError, (
                f"the call did not complete within its timeout ({self.timeout.total:g} s, which bounds the whole"
                " call, retries included); change it with _request_timeout or Configuration.timeout"
            )
        else:
            reason = scrub(describe(cause), self.headers)
            if self.given_retry and cause is not error:
                kind, reason = ApiConnectionError, "the urllib3.Retry given gave up: " + reason
            elif retryable and self.number <= policy.max_retries and policy.retries_failure(self.method, may_have_acted):
                wait = policy.delay(self.number)
                if self.fits(wait):
                    logger.info(
                        "retrying %s %s in %.2f s (retry %d of %d): %s",
                        self.method, redact_url(self.url), wait, self.number, policy.max_retries, reason,
                    )
                    return wait
                reason += f"; the {self.timeout.total:g} s timeout of the call left no time to try again"
        raise kind(
            reason, method=self.method, url=redact_url(self.url), attempts=self.number, operation=self.operation,
            may_have_acted=may_have_acted and self.method not in IDEMPOTENT_METHODS,
        ) from error
