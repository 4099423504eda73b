"""Every call paced: it takes a slot of its operation's group before each request is sent.

This holds when the budgets are shared (``file://``, ``redis://``). With
``memory://``, the default, calls go as they always did, and only the
helpers that poll (waits, log following) keep to their budgets: a single
process gets the server's 429 and its ``Retry-After`` at worst, which the
retry policy obeys.

The transport calls `take_slot` before every attempt (retries included) and
`pause_after_429` when the server refuses one. The wait for a slot counts
against the call's deadline (a `_request_timeout` of one number); when the
slot would come later than that, nothing is sent and the call raises
`RateLimitWaitError`. A call without a deadline waits up to `MAX_SLOT_WAIT`.

A polling helper that takes its slots itself, so that the wait shows in its
progress and counts against its own timeout, sends inside `slot_taken()`:
its request then takes no second slot.
"""

from __future__ import annotations

import contextlib
import logging
import re
import time
from contextvars import ContextVar
from typing import TYPE_CHECKING, Iterator, Optional

from openapi_client.exceptions import RateLimitWaitError, parse_retry_after
from openapi_client.rate_limits.groups import group_of, pause_for
from openapi_client.rate_limits.shared import DEFAULT_STORAGE, budget_for

if TYPE_CHECKING:  # pragma: no cover
    from openapi_client.configuration import Configuration

logger = logging.getLogger("openapi_client")

#: The longest a call without a deadline of its own waits for a slot (five of the longest windows).
MAX_SLOT_WAIT = 300.0

_ORGANIZATION = re.compile(r"/organizations/(\d+)(?:/|$)")
_slot_taken: ContextVar[bool] = ContextVar("openapi_client_slot_taken", default=False)


def organization_of(url: str) -> Optional[str]:
    """The organisation a request is made for, from its path; None for those of no organisation."""
    found = _ORGANIZATION.search(url.split("?", 1)[0])
    return found.group(1) if found else None


@contextlib.contextmanager
def slot_taken() -> Iterator[None]:
    """Requests sent inside have their slot already: the caller took it from the same budget."""
    token = _slot_taken.set(True)
    try:
        yield
    finally:
        _slot_taken.reset(token)


def take_slot(configuration: Configuration, operation: Optional[str], url: str, deadline: Optional[float]) -> None:
    """Wait for a free slot of `operation`'s group; `RateLimitWaitError` if none comes by `deadline`."""
    if _slot_taken.get():
        _slot_taken.set(False)  # a retry of the same call takes a slot of its own
        return
    if configuration.rate_limit_storage == DEFAULT_STORAGE:
        return
    group = group_of(operation)
    allowed = MAX_SLOT_WAIT if deadline is None else deadline - time.monotonic()
    wait = budget_for(configuration, group, organization_of(url)).reserve(allowed)
    if wait > allowed:
        raise RateLimitWaitError(operation, group, wait, allowed)
    if wait > 0:
        if wait >= 1:
            logger.info("%s waits %.1f s for a slot of the %r rate limit", operation or "a call", wait, group)
        time.sleep(wait)


def pause_after_429(
    configuration: Configuration, operation: Optional[str], url: str, retry_after: Optional[str]
) -> None:
    """Hold back every call of `operation`'s group, in every process sharing the storage, as the server asked.

    `retry_after` is the answer's ``Retry-After`` header as sent, if any.
    """
    if configuration.rate_limit_storage == DEFAULT_STORAGE:
        return  # the polling helpers pause their own budgets
    pause = pause_for(parse_retry_after(retry_after))
    budget_for(configuration, group_of(operation), organization_of(url)).pause(pause)
