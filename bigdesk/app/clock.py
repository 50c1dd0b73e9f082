"""The clock the session's timers read: the real one, or one a test moves by hand."""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    """A source of seconds that only moves forwards."""

    def now(self) -> float:
        """Return the current reading in seconds."""
        ...


class MonotonicClock:
    """The computer's monotonic clock: unaffected by changes to the time of day."""

    def now(self) -> float:
        """Return the monotonic clock's reading in seconds."""
        return time.monotonic()
