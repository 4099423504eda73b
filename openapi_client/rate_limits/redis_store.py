"""``redis://`` and ``rediss://``: budgets shared by any number of machines, through one Redis.

Each budget is a sorted set of slot times, and its pause a plain key; one
Lua script reads and extends them (`RESERVE`), so a reservation is atomic
whatever the number of clients. The script takes the time from Redis
itself (``TIME``), so the machines' clocks need not agree. Every key
expires once its window has passed, and kept values expire on their own.

The client is redis-py, the ``redis`` extra, imported only here. Its
socket timeouts are short (`SOCKET_TIMEOUT`) and it does not retry: a Redis
that is down or slow costs a call a fraction of a second once, and then the
caller uses its own budget until Redis answers again.
"""

from __future__ import annotations

import uuid
from typing import Any, Callable, Optional, Tuple
from urllib.parse import urlsplit, urlunsplit

from openapi_client.rate_limits.stores import Storage, StorageError

#: Seconds the client waits for Redis to connect or answer, unless the URI says otherwise.
SOCKET_TIMEOUT = 0.25

# KEYS: the slot log, the pause. ARGV: requests, window, longest wait, a member name for the new slot, spacing.
RESERVE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local requests = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local slot = now
local not_before = tonumber(redis.call('GET', KEYS[2]))
if not_before and not_before > slot then slot = not_before end
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
if last[2] and tonumber(last[2]) + tonumber(ARGV[5]) > slot then slot = tonumber(last[2]) + tonumber(ARGV[5]) end
if redis.call('ZCARD', KEYS[1]) >= requests then
  local back = redis.call('ZRANGE', KEYS[1], -requests, -requests, 'WITHSCORES')
  if tonumber(back[2]) + window > slot then slot = tonumber(back[2]) + window end
end
local wait = slot - now
if wait <= tonumber(ARGV[3]) then
  redis.call('ZADD', KEYS[1], slot, ARGV[4])
  redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -requests - 1)
  redis.call('PEXPIRE', KEYS[1], math.ceil((wait + window) * 1000))
end
return tostring(wait)
"""

# KEYS: the pause. ARGV: seconds.
PAUSE = """
local t = redis.call('TIME')
local seconds = tonumber(ARGV[1])
local till = tonumber(t[1]) + tonumber(t[2]) / 1000000 + seconds
local current = tonumber(redis.call('GET', KEYS[1]))
if not current or current < till then
  redis.call('SET', KEYS[1], tostring(till), 'PX', math.ceil(seconds * 1000) + 1)
end
return 1
"""

#: A wait no call takes (Lua reads no "inf"): "claim whatever the wait".
_FOREVER = 1e9


def masked(uri: str) -> str:
    """`uri` with its password, if any, replaced by ``***``."""
    parts = urlsplit(uri)
    if parts.password is None:
        return uri
    user = parts.username or ""
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port is not None else ""
    return urlunsplit((parts.scheme, f"{user}:***@{host}{port}", parts.path, parts.query, parts.fragment))


def import_redis() -> Any:
    """The redis-py module, or an `ImportError` that names the extra to install."""
    try:
        import redis
    except ImportError:
        raise ImportError(
            "redis:// rate-limit storage needs the Redis client: pip install 'codegen-agents-client[redis]'"
        ) from None
    return redis


class RedisStorage(Storage):
    """Budgets in the Redis at `uri` (``redis://[[user]:password@]host[:port][/db]``, or ``rediss://`` for TLS)."""

    def __init__(self, uri: str) -> None:
        redis = import_redis()
        from redis.backoff import NoBackoff
        from redis.retry import Retry

        self.uri = masked(uri)
        # Query parameters of the URI (socket_timeout=...) win over these defaults.
        self._client = redis.Redis.from_url(
            uri,
            socket_timeout=SOCKET_TIMEOUT,
            socket_connect_timeout=SOCKET_TIMEOUT,
            retry=Retry(NoBackoff(), 0),
        )
        self._errors = (redis.RedisError, OSError)
        self._reserve = self._client.register_script(RESERVE)
        self._pause = self._client.register_script(PAUSE)

    def reserve(self, key: str, requests: int, window: float, max_wait: float, spacing: float = 0.0) -> float:
        longest = min(max_wait, _FOREVER)
        answer = self._call(self._reserve)(
            [key, key + ":pause"], [requests, repr(window), repr(longest), uuid.uuid4().hex, repr(float(spacing))]
        )
        return float(answer)

    def pause(self, key: str, seconds: float) -> None:
        self._call(self._pause)([key + ":pause"], [repr(float(seconds))])

    def get(self, key: str) -> Optional[Tuple[str, float]]:
        # Its age from Redis's own clock: the time to live it was given, less what is left of it.
        kept, left = self._call(self._get)(key)
        if kept is None:
            return None
        ttl, _, value = bytes(kept).decode("utf-8").partition("\n")
        return value, max(float(ttl) - int(left) / 1000, 0.0)

    def put(self, key: str, value: str, ttl: float) -> None:
        milliseconds = max(1, round(ttl * 1000))
        self._call(self._client.set)(key, f"{milliseconds / 1000!r}\n{value}".encode("utf-8"), px=milliseconds)

    def _get(self, key: str) -> Any:
        with self._client.pipeline(transaction=True) as pipeline:
            return pipeline.get(key).pttl(key).execute()

    def _call(self, function: Callable[..., Any]) -> Callable[..., Any]:
        """`function`, with the client's failures turned into `StorageError`."""

        def called(*args: Any, **kwargs: Any) -> Any:
            try:
                return function(*args, **kwargs)
            except self._errors as error:
                raise StorageError(f"{self.uri} did not answer: {type(error).__name__}: {error}") from None

        return called
