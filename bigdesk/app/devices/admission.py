"""Who may use the open room: a fresh join code, a secret token per device, fair rates."""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable

JOIN_CODE_DIGITS = 6
# -- far above any room (the seeds' sessions hold 30), far below what would fill the file
MAX_DEVICES = 300


def fresh_code() -> str:
    """Return a new join code of six digits, from the operating system's secure source."""
    return f"{secrets.randbelow(10**JOIN_CODE_DIGITS):0{JOIN_CODE_DIGITS}d}"


class RateLimiter:
    """A token bucket per key: ``burst`` requests at once, then ``rate`` a second."""

    def __init__(self, rate: float, burst: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate
        self.burst = burst
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def empty(self, key: str) -> bool:
        """Return whether ``key``'s bucket is empty now, without taking from it."""
        with self._lock:
            level, since = self._buckets.get(key, (self.burst, self._clock()))
            return min(self.burst, level + (self._clock() - since) * self.rate) < 1

    def allow(self, key: str) -> bool:
        """Take one request from ``key``'s bucket; return False when it is empty."""
        with self._lock:
            now = self._clock()
            level, since = self._buckets.get(key, (self.burst, now))
            level = min(self.burst, level + (now - since) * self.rate)
            if level < 1:
                self._buckets[key] = (level, now)
                return False
            self._buckets[key] = (level - 1, now)
            if len(self._buckets) > 4 * MAX_DEVICES:
                self._forget_full(now)
            return True

    def _forget_full(self, now: float) -> None:
        # -- a bucket that has refilled says nothing worth keeping: memory stays bounded
        #    however many keys a flood invents
        self._buckets = {key: (level, since) for key, (level, since) in self._buckets.items()
                         if level + (now - since) * self.rate < self.burst}


class Admission:
    """The join code of one opening of the room, and the person each device's token is."""

    def __init__(self) -> None:
        self.code = fresh_code()
        self._people: dict[str, int] = {}
        self._lock = threading.Lock()

    def code_matches(self, code: object) -> bool:
        """Return whether ``code`` is this opening's join code (compared in constant time)."""
        return isinstance(code, str) and secrets.compare_digest(code.strip(), self.code)

    def full(self) -> bool:
        """Return whether the room has admitted as many devices as it takes."""
        with self._lock:
            return len(self._people) >= MAX_DEVICES

    def admit(self, person_id: int) -> str:
        """Return a new token for a device used by ``person_id``."""
        with self._lock:
            token = secrets.token_urlsafe(24)
            self._people[token] = person_id
        return token

    def person_of(self, token: object) -> int | None:
        """Return the person a token stands for, or None for a token this opening never gave."""
        if not isinstance(token, str):
            return None
        with self._lock:
            return self._people.get(token)

    def devices(self) -> dict[int, int]:
        """Return how many devices joined as each person, by person id."""
        with self._lock:
            counts: dict[int, int] = {}
            for person_id in self._people.values():
                counts[person_id] = counts.get(person_id, 0) + 1
            return counts

    def repoint(self, old_id: int, new_id: int) -> None:
        """Let the devices of ``old_id`` go on as ``new_id`` (after merging two names)."""
        with self._lock:
            for token, person_id in self._people.items():
                if person_id == old_id:
                    self._people[token] = new_id
