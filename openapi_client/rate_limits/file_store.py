"""``file:///dir``: budgets shared by the processes of one machine, in small files under OS file locks.

Each budget is one JSON file (its slot log and pause), read and rewritten
under an exclusive `fcntl.flock`, so a reservation is atomic across
processes. Times are wall-clock seconds (`time.time`), the one clock that
every process of a machine documents as shared. Kept values are written
whole to a temporary file and renamed into place, so a reader sees either
the old value or the new one, never a part.

The folder must exist and be writable by every process that shares it;
the store never creates it. Any failure of the folder (missing, read-only,
full) is a `StorageError`, and the caller falls back to its own budget.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from typing import Any, Callable, Dict, List, Optional, Tuple, TypeVar
from urllib.parse import quote

from openapi_client.rate_limits.stores import Storage, StorageError, next_slot

#: Kept values older than this are removed now and then (they live for seconds).
STALE_VALUE_AGE = 600.0

T = TypeVar("T")
#: Puts between two sweeps of stale values.
PUTS_PER_SWEEP = 200


class FileStorage(Storage):
    """Budgets in the folder `path`, shared through `fcntl.flock`."""

    def __init__(self, path: str) -> None:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows
            raise StorageError("file:// storage needs POSIX file locks (fcntl); use redis:// here") from None
        self._flock = fcntl.flock
        self._exclusive = fcntl.LOCK_EX
        self.path = path
        self.uri = "file://" + path
        self._puts = 0

    def reserve(self, key: str, requests: int, window: float, max_wait: float, spacing: float = 0.0) -> float:
        def update(state: Dict[str, Any]) -> float:
            now = time.time()
            slots: List[float] = list(state.get("slots", ()))[-requests:]
            slot = next_slot(slots, float(state.get("not_before", 0.0)), now, requests, window, spacing)
            if slot - now <= max_wait:
                slots.append(slot)
            state["slots"] = slots[-requests:]
            return slot - now

        return self._locked(key, update)

    def pause(self, key: str, seconds: float) -> None:
        def update(state: Dict[str, Any]) -> None:
            state["not_before"] = max(float(state.get("not_before", 0.0)), time.time() + seconds)

        self._locked(key, update)

    def get(self, key: str) -> Optional[Tuple[str, float]]:
        try:
            with open(self._value_path(key), encoding="utf-8") as file:
                times, _, value = file.read().partition("\n")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as error:
            raise StorageError(f"cannot read {self.uri}: {error}") from None
        try:
            written, expires = (float(part) for part in times.split())
        except ValueError:
            return None  # written by something else: not ours to read
        now = time.time()
        return (value, max(now - written, 0.0)) if expires > now else None

    def put(self, key: str, value: str, ttl: float) -> None:
        try:
            handle, temporary = tempfile.mkstemp(dir=self.path, prefix=".value-")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as file:
                    now = time.time()
                    file.write(f"{now!r} {now + ttl!r}\n{value}")
                os.replace(temporary, self._value_path(key))
            except BaseException:
                os.unlink(temporary)
                raise
            self._puts += 1
            if self._puts % PUTS_PER_SWEEP == 0:
                self._sweep()
        except OSError as error:
            raise StorageError(f"cannot write in {self.uri}: {error}") from None

    def _locked(self, key: str, update: Callable[[Dict[str, Any]], T]) -> T:
        """Read budget `key`'s state, let `update` change it, and write it back, all under an exclusive lock."""
        try:
            with open(os.path.join(self.path, "budget-" + quote(key, safe="") + ".json"), "a+", encoding="utf-8") as file:
                self._flock(file.fileno(), self._exclusive)  # released when the file closes
                file.seek(0)
                text = file.read()
                state: Dict[str, Any] = {}
                try:
                    state = dict(json.loads(text)) if text else {}
                except (TypeError, ValueError):
                    pass  # a write cut short (disk full): the budget starts afresh
                result = update(state)
                file.seek(0)
                file.truncate()
                file.write(json.dumps(state))
                file.flush()
                return result
        except OSError as error:
            raise StorageError(f"cannot use {self.uri}: {error}") from None

    def _value_path(self, key: str) -> str:
        return os.path.join(self.path, "value-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:32])

    def _sweep(self) -> None:
        stale = time.time() - STALE_VALUE_AGE
        with os.scandir(self.path) as entries:
            for entry in entries:
                if entry.name.startswith(("value-", ".value-")) and entry.stat().st_mtime < stale:
                    try:
                        os.unlink(entry.path)
                    except FileNotFoundError:
                        pass  # another process swept it first
