"""The session as it runs: the current block, its timer, and what the projector shows."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from PySide6.QtCore import QObject, QTimer, Signal

from bigdesk.analysis.timing import SessionTiming, TimerPhase, session_timing, timer_phase
from bigdesk.app import prepare
from bigdesk.app.clock import Clock, MonotonicClock
from bigdesk.app.document import WorkshopDocument
from bigdesk.model import AgendaItem, TableGroup, Workshop
from bigdesk.store import Changes, SetValues

# -- how often a running timer repaints; the elapsed time itself comes from the clock
TICK_MS = 250
# -- what the projector shows under the question: a table group's id, the parking lot
#    (None), or nothing captured (False)
Capture = int | bool | None
NOTHING = False


class RoomSession(QObject):
    """The session as it runs: the current block, its timer, what the projector shows.

    One per open workshop, shared by the console, the presenter screen and the
    menu actions. The ticking of the timer is not an edit; the actual length of a
    block is saved the moment the session moves on from it.
    """

    # -- the timer moved (several times a second while it runs)
    ticked = Signal()
    # -- the current block, the running state, the capture on show, the blanking or the
    #    freezing changed
    state_changed = Signal()

    def __init__(self, document: WorkshopDocument, clock: Clock | None = None) -> None:
        super().__init__(document)
        self.setObjectName("roomSession")
        self.document = document
        self.clock: Clock = clock or MonotonicClock()
        self.running = False
        self.blanked = False
        # -- the projector keeps what it shows while the facilitator moves on
        self.frozen = False
        self.silent_round = False
        self.capture: Capture = NOTHING
        self._accumulated = 0.0
        self._started_at = 0.0
        self.extra_seconds = 0
        self._recording = False
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.ticked.emit)
        self._items: list[AgendaItem] = []
        self._start: dt.time | None = None
        self.current_id: int | None = None
        self._reload()
        self.current_id = next(
            (i.id for i in self._items if i.actual_seconds is None), None
        )
        document.changed.connect(self._on_changed)

    @classmethod
    def of(cls, document: WorkshopDocument) -> RoomSession:
        """Return the document's session, creating it the first time."""
        found = document.findChild(RoomSession, "roomSession")
        return found if isinstance(found, RoomSession) else cls(document)

    # -- what the session knows

    def _reload(self) -> None:
        with self.document.read() as conn:
            self._items = prepare.AGENDA.rows(conn)
            self._start = prepare.workshop(conn).start_time

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(AgendaItem, Workshop):
            self._reload()
            if self._recording:
                # -- the session says what changed itself once it has moved on
                return
            if self.current() is None:
                # -- the current block was removed, or blocks came to an agenda that had
                #    none left to run: carry on with the next one not yet done
                if self.current_id is not None:
                    self._reset_timer()
                self.current_id = next(
                    (i.id for i in self._items if i.actual_seconds is None), None
                )
            self.state_changed.emit()
        if self.capture not in (None, NOTHING) and changes.touches(TableGroup):
            with self.document.read() as conn:
                exists = conn.execute(
                    select(TableGroup.id).where(TableGroup.id == self.capture)
                ).first()
            if exists is None:
                self.capture = NOTHING
                self.state_changed.emit()

    def items(self) -> list[AgendaItem]:
        """Return the agenda blocks as the session last read them."""
        return list(self._items)

    def current(self) -> AgendaItem | None:
        """Return the current block, or None before the agenda has any or after the last."""
        return next((i for i in self._items if i.id == self.current_id), None)

    def elapsed(self) -> float:
        """Return the seconds spent on the current block so far."""
        running = self.clock.now() - self._started_at if self.running else 0.0
        return self._accumulated + running

    def planned_seconds(self) -> int:
        """Return the current block's planned length plus any minutes added."""
        block = self.current()
        return 0 if block is None else block.duration_minutes * 60 + self.extra_seconds

    def remaining(self) -> float:
        """Return the seconds left in the current block (negative when over)."""
        return self.planned_seconds() - self.elapsed()

    def phase(self) -> TimerPhase:
        """Return how urgent the current block's timer looks."""
        return timer_phase(self.planned_seconds(), self.elapsed())

    def timing(self) -> SessionTiming:
        """Return every block's start time as the session stands, and ahead or behind."""
        return session_timing(self._items, self._start, self.current_id, self.elapsed())

    # -- the timer

    def start(self) -> None:
        """Start (or resume) the current block's timer."""
        if self.running or self.current() is None:
            return
        self._started_at = self.clock.now()
        self.running = True
        self._timer.start()
        self.state_changed.emit()

    def pause(self) -> None:
        """Stop the timer, keeping the time spent."""
        if not self.running:
            return
        self._accumulated = self.elapsed()
        self.running = False
        self._timer.stop()
        self.state_changed.emit()
        self.ticked.emit()

    def toggle(self) -> None:
        """Start a stopped timer or pause a running one."""
        self.pause() if self.running else self.start()

    def add_minute(self) -> None:
        """Give the current block one more minute."""
        if self.current() is None:
            return
        self.extra_seconds += 60
        self.ticked.emit()

    def _reset_timer(self) -> None:
        self._accumulated = 0.0
        self._started_at = self.clock.now()
        self.extra_seconds = 0

    def _record(self, item_id: int, seconds: int | None) -> None:
        # -- saved at once but kept off the undo stack: Previous block is its undo, and
        #    Ctrl+Z should not take back what the clock measured
        label = "Record actual time"
        self._recording = True
        try:
            self.document.apply(
                SetValues(AgendaItem, item_id, {"actual_seconds": seconds}, label)
            )
        finally:
            self._recording = False

    def next_block(self) -> None:
        """Record the current block's actual length and move to the next one."""
        block = self.current()
        if block is None:
            return
        elapsed = self.elapsed()
        ids = [i.id for i in self._items]
        following = ids[ids.index(block.id) + 1:]
        self._reset_timer()
        self.current_id = following[0] if following else None
        self._record(block.id, round(elapsed))
        if self.current_id is None and self.running:
            self.running = False
            self._timer.stop()
        self.state_changed.emit()
        self.ticked.emit()

    def previous_block(self) -> None:
        """Go back to the block before, carrying on from the time it had taken."""
        ids = [i.id for i in self._items]
        if not ids:
            return
        index = ids.index(self.current_id) if self.current_id in ids else len(ids)
        if index == 0:
            return
        before = self._items[index - 1]
        self._reset_timer()
        self._accumulated = float(before.actual_seconds or 0)
        self.current_id = before.id
        self._record(before.id, None)
        self.state_changed.emit()
        self.ticked.emit()

    # -- the projector

    def show_capture(self, capture: Capture) -> None:
        """Show a table group's points (an id), the parking lot (None), or nothing (False)."""
        if capture != self.capture or type(capture) is not type(self.capture):
            self.capture = capture
            self.state_changed.emit()

    def set_blanked(self, blanked: bool) -> None:
        """Blank the projector, or show it again."""
        if blanked != self.blanked:
            self.blanked = blanked
            self.state_changed.emit()

    def set_frozen(self, frozen: bool) -> None:
        """Freeze the projector on what it shows now, or let it follow the session again."""
        if frozen != self.frozen:
            self.frozen = frozen
            self.state_changed.emit()

    def set_silent_round(self, silent: bool) -> None:
        """Start or end a silent round: points typed meanwhile stay off the projector."""
        if silent != self.silent_round:
            self.silent_round = silent
            self.state_changed.emit()


