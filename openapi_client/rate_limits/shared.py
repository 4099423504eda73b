"""Budgets as calls use them: storage URIs, keys, the fallback to this process, and the values polls share.

`Configuration.rate_limit_storage` names the storage; `budget_for` gives
the budget of one limit group for the configuration's host and token and
an organisation, and `shared_values_for` the short-lived values that the
polling helpers share. A store that fails never fails a call: the
`RateLimiter` in front of it falls back to an in-process store, warns once
per outage, and tries the store again every `RETRY_STORE_AFTER` seconds.
"""

from __future__ import annotations

import hashlib
import logging
import math
import threading
import time
from typing import TYPE_CHECKING, Callable, Dict, Optional, Tuple, TypeVar, Union
from urllib.parse import urlsplit

from openapi_client.exceptions import ApiTypeError, ApiValueError
from openapi_client.rate_limits.groups import LIMIT_GROUPS, RateLimit
from openapi_client.rate_limits.stores import MemoryStorage, Storage, StorageError

if TYPE_CHECKING:  # pragma: no cover
    from openapi_client.configuration import Configuration

logger = logging.getLogger("openapi_client")

T = TypeVar("T")

#: Where budgets live unless configured otherwise: in this process.
DEFAULT_STORAGE = "memory://"
#: The environment variable the command line reads the storage from.
STORAGE_VARIABLE = "CODEGEN_RATE_LIMIT_STORAGE"
#: Seconds a failing store is left alone (budgets of this process meanwhile) before it is tried again.
RETRY_STORE_AFTER = 5.0
#: Namespace of every key, in every store.
KEY_PREFIX = "codegen-agents"


def window_of(seconds: float) -> float:
    """The window budgets keep for a limit of `seconds`, a little longer than the server's.

    The margin absorbs the time between a slot and the moment the server
    counts the request, which differs from call to call.
    """
    return seconds * 1.02 + 0.05


def check_storage(uri: object) -> str:
    """`uri` if it names a usable storage; a clear error naming the problem otherwise."""
    if not isinstance(uri, str):
        raise ApiTypeError(f"rate_limit_storage must be a URI string such as 'memory://', not {type(uri).__name__}")
    try:
        parts = urlsplit(uri)
        parts.port  # noqa: B018 - parsed for its error
    except ValueError as error:
        raise ApiValueError(f"rate_limit_storage {_shown(uri)!r} is not a URI: {error}") from None
    scheme = parts.scheme.lower()
    if scheme == "memory":
        if parts.netloc or parts.path.strip("/"):
            raise ApiValueError(f"rate_limit_storage memory:// takes nothing after it, not {uri!r}")
    elif scheme == "file":
        if parts.netloc not in ("", "localhost") or not parts.path.startswith("/"):
            raise ApiValueError(
                f"rate_limit_storage {uri!r} must name an absolute folder, as in file:///var/tmp/codegen-limits"
            )
        try:
            import fcntl  # noqa: F401
        except ImportError:  # pragma: no cover - Windows
            raise ApiValueError("rate_limit_storage file:// needs POSIX file locks (fcntl); use redis:// here") from None
    elif scheme in ("redis", "rediss"):
        if parts.path.strip("/") and not parts.path.strip("/").isdigit():
            raise ApiValueError(f"rate_limit_storage {_shown(uri)!r}: the database after the host must be a number")
        from openapi_client.rate_limits.redis_store import import_redis

        import_redis()
    else:
        raise ApiValueError(
            f"rate_limit_storage {_shown(uri)!r} is not supported: use memory://, file:///folder,"
            " redis://host:port/db or rediss://host:port/db"
        )
    return uri


def _shown(uri: str) -> str:
    from openapi_client.rate_limits.redis_store import masked

    try:
        return masked(uri)
    except ValueError:
        return "<a URI that cannot be parsed>"


def open_storage(uri: str) -> Storage:
    """The store that `uri` (already checked) names."""
    scheme = urlsplit(uri).scheme.lower()
    if scheme == "file":
        from openapi_client.rate_limits.file_store import FileStorage

        return FileStorage(urlsplit(uri).path)
    if scheme in ("redis", "rediss"):
        from openapi_client.rate_limits.redis_store import RedisStorage

        return RedisStorage(uri)
    return MemoryStorage()


class RateLimiter:
    """A store, with this process's own budgets to fall back on while the store fails."""

    def __init__(self, storage: Storage, clock: Callable[[], float] = time.monotonic) -> None:
        self.storage = storage
        self.fallback = MemoryStorage()
        self._clock = clock
        self._lock = threading.Lock()
        self._retry_at = -math.inf
        self._failing = False

    @property
    def failing(self) -> bool:
        """Whether the store failed last time it was asked (budgets of this process meanwhile)."""
        return self._failing

    def reserve(self, key: str, requests: int, window: float, max_wait: float, spacing: float = 0.0) -> float:
        return self._use(lambda store: store.reserve(key, requests, window, max_wait, spacing))

    def pause(self, key: str, seconds: float) -> None:
        self._use(lambda store: store.pause(key, seconds))

    def get(self, key: str) -> Optional[Tuple[str, float]]:
        return self._use(lambda store: store.get(key))

    def put(self, key: str, value: str, ttl: float) -> None:
        self._use(lambda store: store.put(key, value, ttl))

    def _use(self, action: Callable[[Storage], T]) -> T:
        if self.storage is self.fallback or self._clock() < self._retry_at:
            return action(self.fallback)
        try:
            result = action(self.storage)
        except StorageError as error:
            with self._lock:
                self._retry_at = self._clock() + RETRY_STORE_AFTER
                first = not self._failing
                self._failing = True
            if first:
                logger.warning(
                    "rate-limit storage failed (%s); this process keeps its own budgets, which other processes"
                    " do not see, and tries the storage again every %g s", error, RETRY_STORE_AFTER,
                )
            return action(self.fallback)
        if self._failing:
            with self._lock:
                self._failing = False
            logger.info("rate-limit storage %s answers again; budgets are shared again", self.storage.uri)
        return result


_limiters_lock = threading.Lock()
_limiters: Dict[str, RateLimiter] = {}


def limiter_for(uri: str) -> RateLimiter:
    """The one `RateLimiter` of this process for storage `uri`."""
    with _limiters_lock:
        limiter = _limiters.get(uri)
        if limiter is None:
            storage = open_storage(uri)
            limiter = _limiters[uri] = RateLimiter(storage)
        return limiter


def scope_key(host: str, org_id: Union[int, str, None], token: Optional[str]) -> str:
    """The part of every key that names host, organisation and token; the token only by a short hash."""
    digest = hashlib.sha256((token or "").encode("utf-8")).hexdigest()[:16]
    return f"{KEY_PREFIX}:{host}:org={'-' if org_id is None else org_id}:token={digest}"


class Budget:
    """One limit group's budget for one host, organisation and token, kept in a storage.

    Its methods are those of `polling.PollBudget`, so polls and calls take
    slots of the same budget.
    """

    def __init__(self, limiter: RateLimiter, key: str, limit: RateLimit) -> None:
        self.limiter = limiter
        self.key = key
        self.requests, self.seconds = limit
        self._window = window_of(self.seconds)

    def reserve(self, max_wait: float = math.inf, evenly: bool = False) -> float:
        """Seconds to wait for the next free slot, which is claimed only if that is at most `max_wait`.

        `evenly` puts the slot at least the average spacing of the limit after the latest one.
        """
        spacing = self._window / self.requests if evenly else 0.0
        return self.limiter.reserve(self.key, self.requests, self._window, max_wait, spacing)

    def try_reserve(self) -> bool:
        """Claim a slot only if one is free now."""
        return self.reserve(0.0) <= 0.0

    def pause(self, seconds: float) -> None:
        """Grant no slot for the next `seconds`, in every process sharing the storage (the server said 429)."""
        self.limiter.pause(self.key, seconds)


def storage_of(configuration: Configuration) -> str:
    return getattr(configuration, "rate_limit_storage", DEFAULT_STORAGE)


def budget_for(configuration: Configuration, group: str, org_id: Union[int, str, None] = None) -> Budget:
    """The budget of limit `group` for the configuration's host and token and organisation `org_id`."""
    scope = scope_key(configuration.host, org_id, configuration.access_token)
    return Budget(limiter_for(storage_of(configuration)), f"{scope}:{group}", LIMIT_GROUPS[group])


class SharedValues:
    """Short-lived values that the polling helpers of every process sharing the storage read before the API."""

    def __init__(self, limiter: RateLimiter, scope: str) -> None:
        self.limiter = limiter
        self.scope = scope

    def get(self, name: str) -> Optional[Tuple[str, float]]:
        """The value kept as `name` and its age in seconds, if it has not expired."""
        return self.limiter.get(f"{self.scope}:value:{name}")

    def put(self, name: str, value: str, ttl: float) -> None:
        self.limiter.put(f"{self.scope}:value:{name}", value, ttl)


def shared_values_for(configuration: Configuration, org_id: Union[int, str, None]) -> SharedValues:
    """The shared values for the configuration's host and token and organisation `org_id`."""
    scope = scope_key(configuration.host, org_id, configuration.access_token)
    return SharedValues(limiter_for(storage_of(configuration)), scope)
