"""Where budgets live: the storage interface, the sliding-window log they all keep, and the in-process store.

Every store keeps, per budget key, a log of the latest slots handed out
(times, ascending) and a "not before" time set by a 429. A slot is granted
in time order: after the latest one, after the pause, and one window after
the slot `requests` places back, so that no window ever holds more than
`requests` slots (`next_slot`). A caller that would wait longer than it may
claims nothing, so an abandoned call holds no slot from the others.

Stores also keep short-lived text values (`get`, `put`): the latest list
pages and run states that polling helpers share. `get` gives a value with
its age, so that each reader decides how old a state it may take.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from typing import Callable, Deque, Dict, Optional, Sequence, Tuple

class StorageError(Exception):
    """The shared storage did not answer (down, unreachable, too slow, not writable)."""


def next_slot(
    slots: Sequence[float], not_before: float, now: float, requests: int, window: float, spacing: float = 0.0
) -> float:
    """The time of the next free slot, given the slots granted so far (ascending) and the pause.

    `spacing` keeps the slot that far after the latest one: callers that poll
    use the window's average spacing, so that they never spend a window's
    slots in a burst and then all wait for the window to pass.
    """
    slot = max(now, not_before, slots[-1] + spacing if slots else now)
    if len(slots) >= requests:
        slot = max(slot, slots[-requests] + window)
    return slot


class Storage:
    """A place for budgets. Times are the store's own clock; waits are seconds from now."""

    #: The storage's URI with any password masked, for messages.
    uri = "memory://"

    def reserve(self, key: str, requests: int, window: float, max_wait: float, spacing: float = 0.0) -> float:
        """Seconds until the next free slot of budget `key` (see `next_slot`); claimed only if at most `max_wait`."""
        raise NotImplementedError

    def pause(self, key: str, seconds: float) -> None:
        """Grant no slot of budget `key` for the next `seconds`."""
        raise NotImplementedError

    def get(self, key: str) -> Optional[Tuple[str, float]]:
        """The value kept under `key` and its age in seconds, if it has not expired."""
        raise NotImplementedError

    def put(self, key: str, value: str, ttl: float) -> None:
        """Keep `value` under `key` for `ttl` seconds."""
        raise NotImplementedError


class MemoryStorage(Storage):
    """Budgets of this process alone: the default, and the fallback when a shared store fails."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._logs: Dict[str, Tuple[Deque[float], float]] = {}  # key -> (slots, not before)
        self._values: Dict[str, Tuple[float, float, str]] = {}  # key -> (written, expires, value)

    def reserve(self, key: str, requests: int, window: float, max_wait: float, spacing: float = 0.0) -> float:
        with self._lock:
            now = self._clock()
            slots, not_before = self._log(key, requests)
            slot = next_slot(slots, not_before, now, requests, window, spacing)
            if slot - now <= max_wait:
                slots.append(slot)
            return slot - now

    def pause(self, key: str, seconds: float) -> None:
        with self._lock:
            slots, not_before = self._logs.get(key, (deque(), -math.inf))
            self._logs[key] = (slots, max(not_before, self._clock() + seconds))

    def get(self, key: str) -> Optional[Tuple[str, float]]:
        with self._lock:
            kept = self._values.get(key)
            now = self._clock()
            if kept is None or kept[1] <= now:
                return None
            return kept[2], now - kept[0]

    def put(self, key: str, value: str, ttl: float) -> None:
        with self._lock:
            now = self._clock()
            if len(self._values) > 1000:  # polling moves on: forget what has expired
                self._values = {k: kept for k, kept in self._values.items() if kept[1] > now}
            self._values[key] = (now, now + ttl, value)

    def _log(self, key: str, requests: int) -> Tuple[Deque[float], float]:
        log = self._logs.get(key)
        if log is None or log[0].maxlen != requests:
            log = self._logs[key] = (deque(log[0] if log else (), maxlen=requests), log[1] if log else -math.inf)
        return log
