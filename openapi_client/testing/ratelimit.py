"""Per-token request limits with a sliding window, as the live API enforces them."""

from __future__ import annotations

import math
import threading
from collections import deque
from typing import Callable, Deque, Dict, Optional, Tuple

RateLimit = Tuple[int, float]
"""``(requests, seconds)``: at most that many admitted requests in any window that long."""

CREATE_LIMIT: RateLimit = (10, 60.0)
READ_LIMIT: RateLimit = (60, 30.0)
LOGS_LIMIT: RateLimit = (60, 60.0)
OPERATION_LIMITS: Dict[str, RateLimit] = {
    "setup-commands": (5, 60.0),
    "analyze-logs": (5, 60.0),
    "pr-edits": (30, 60.0),
    "cli-rules": (30, 60.0),
}
"""The operations with a limit of their own, each its own window; the two PR edits share ``pr-edits``."""


class SlidingWindowLimiter:
    """Admits a request when fewer than ``limit`` were admitted for its key in the last ``window`` s.

    A sliding log (rather than fixed buckets) means a client can never burst to
    twice the limit across a bucket edge, which keeps retry tests deterministic.
    Rejected requests are not counted. ``clock`` may run ``time_scale`` times
    faster than real time; ``Retry-After`` is then converted back to real seconds.
    """

    def __init__(self, limit: RateLimit, clock: Callable[[], float], time_scale: float = 1.0) -> None:
        requests, window = limit
        if requests < 1 or window <= 0:
            raise ValueError(f"a rate limit needs requests >= 1 and seconds > 0, got {limit!r}")
        self.requests = int(requests)
        self.window = float(window)
        self._clock = clock
        self._time_scale = time_scale
        self._lock = threading.Lock()
        self._admitted: Dict[str, Deque[float]] = {}

    def acquire(self, key: str) -> Optional[int]:
        """Count a request for ``key``; ``None`` if admitted, else whole real seconds until a slot frees (>= 1)."""
        now = self._clock()
        with self._lock:
            times = self._admitted.setdefault(key, deque())
            horizon = now - self.window
            while times and times[0] <= horizon:
                times.popleft()
            if len(times) < self.requests:
                times.append(now)
                return None
            return max(1, math.ceil((times[0] + self.window - now) / self._time_scale))
