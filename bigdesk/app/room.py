"""Running the session: the agenda timer, live capture, the RAID log and the sponsor pitch."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, func, select

from PySide6.QtCore import QObject, QTimer, Signal

from bigdesk.analysis.room import PITCH_ID, key_points, sponsor_pitch, visible_to_room
from bigdesk.analysis.timing import SessionTiming, TimerPhase, session_timing, timer_phase
from bigdesk.app import prepare
from bigdesk.app.clock import Clock, MonotonicClock
from bigdesk.app.document import WorkshopDocument
from bigdesk.model import RaidKind, TableGroup
from bigdesk.store import Batch, Changes, DeleteRow, Edit, InsertRow, SetValues
from bigdesk.store.edits import table_of

# -- how often a running timer repaints; the elapsed time itself comes from the clock
TICK_MS = 250
PITCH_FIELDS = ("executive_concerns", "vision", "roadmap", "sponsor", "funding", "next_steps")
# -- what the projector shows under the question: a table group's id, the parking lot
#    (None), or nothing captured (False)
Capture = int | bool | None
NOTHING = False
RAID_NOUNS = {RaidKind.RISK: "risk", RaidKind.ACTION: "action", RaidKind.ISSUE: "issue",
              RaidKind.DECISION: "decision"}  # fmt: skip


# ---------------------------------------------------------------- capture services


def _next_position(conn: Connection, table: str, **where: Any) -> int:
    model = table_of(table)
    statement = select(func.coalesce(func.max(model.c.position), -1))
    for column, value in where.items():
        statement = statement.where(
            model.c[column].is_(None) if value is None else model.c[column] == value
        )
    return int(conn.execute(statement).scalar_one()) + 1


def _insert(document: WorkshopDocument, table: str, values: Mapping[str, Any], label: str,
            **scope: Any) -> int:
    with document.read() as conn:
        position = _next_position(conn, table, **scope)
    inverse = document.do(InsertRow(table, {**values, **scope, "position": position}, label))
    assert isinstance(inverse, DeleteRow)
    return inverse.row_id


def add_table_group(document: WorkshopDocument, name: str = "", question: str = "") -> int:
    """Add a table group and return its id."""
    return _insert(document, "table_group", {"name": name, "question": question},
                   "Add table group")


def set_members(document: WorkshopDocument, group_id: int, person_ids: list[int]) -> None:
    """Seat exactly ``person_ids`` at a table group, as one undoable edit."""
    from bigdesk.analysis.room import group_members

    with document.read() as conn:
        current = set(group_members(conn, group_id))
        rows = conn.execute(
            select(table_of("table_group_member"))
            .where(table_of("table_group_member").c.table_group_id == group_id)
        ).mappings().all()
    wanted = set(person_ids)
    if wanted == current:
        return
    label = "Change table members"
    edits: list[Edit] = [DeleteRow("table_group_member", r["id"], label)
                         for r in rows if r["person_id"] not in wanted]
    edits += [InsertRow("table_group_member", {"table_group_id": group_id, "person_id": p},
                        label) for p in person_ids if p not in current]  # fmt: skip
    document.do(Batch(tuple(edits), label))


def add_key_point(document: WorkshopDocument, group_id: int | None, text: str,
                  silent: bool) -> int:
    """Capture a key point for a table group (or the parking lot); a silent one stays hidden."""
    created = dt.datetime.now().replace(microsecond=0)
    where = "parking lot" if group_id is None else "key point"
    label = f"Add {'silent ' if silent else ''}{where}"
    return _insert(document, "key_point",
                   {"text": text.strip(), "silent": silent, "revealed": False,
                    "created_at": created}, label, table_group_id=group_id)  # fmt: skip


def hidden_points(conn: Connection, group_id: int | None) -> list[int]:
    """Return the ids of a group's points still hidden from the room."""
    return [p["id"] for p in key_points(conn, group_id) if not visible_to_room(p)]


def reveal_points(document: WorkshopDocument, group_id: int | None) -> int:
    """Show the room every point of a silent round for one group; return how many."""
    with document.read() as conn:
        ids = hidden_points(conn, group_id)
    if ids:
        label = "Reveal 1 point" if len(ids) == 1 else f"Reveal {len(ids)} points"
        document.do(Batch(tuple(SetValues("key_point", i, {"revealed": True}, label)
                                for i in ids), label))
    return len(ids)


def add_raid_item(document: WorkshopDocument, kind: RaidKind, title: str,
                  owner_id: int | None = None, due_date: dt.date | None = None,
                  description: str = "") -> int:
    """Log a risk, action, issue or decision with its owner and due date; return its id."""
    values = {"kind": kind, "title": title.strip(), "owner_id": owner_id, "due_date": due_date,
              "description": description.strip(),
              "created_at": dt.datetime.now().replace(microsecond=0)}  # fmt: skip
    return _insert(document, "raid_item", values, f"Log {RAID_NOUNS[kind]}")


def update_raid_item(document: WorkshopDocument, item_id: int, values: Mapping[str, Any]) -> None:
    """Change a RAID item's fields as one undoable edit."""
    document.do(SetValues("raid_item", item_id, dict(values), "Change RAID item"))


def save_pitch(document: WorkshopDocument, column: str, value: str, label: str) -> None:
    """Change one part of the sponsor pitch, starting it (with the concerns draft) if need be."""
    if column not in PITCH_FIELDS:
        raise ValueError(f"The sponsor pitch has no part called {column!r}.")
    with document.read() as conn:
        pitch = sponsor_pitch(conn)
        if pitch is None:
            from bigdesk.analysis.room import concerns_draft

            values = {name: "" for name in PITCH_FIELDS}
            values["executive_concerns"] = concerns_draft(conn)
    if pitch is None:
        document.do(InsertRow("sponsor_pitch", {**values, column: value, "id": PITCH_ID}, label))
    elif pitch[column] != value:
        document.do(SetValues("sponsor_pitch", PITCH_ID, {column: value}, label))


def agenda(conn: Connection) -> list[dict[str, Any]]:
    """Return the agenda blocks in their order."""
    return prepare.rows(conn, "agenda_item")


# ---------------------------------------------------------------- the running session


class RoomSession(QObject):
    """The session as it runs: the current block, its timer, what the projector shows.

    One per open workshop, shared by the console, the presenter screen and the
    menu actions. The ticking of the timer is not an edit; the actual length of a
    block is saved the moment the session moves on from it.
    """

    # -- the timer moved (several times a second while it runs)
    ticked = Signal()
    # -- the current block, the running state, the capture on show or the blanking changed
    state_changed = Signal()

    def __init__(self, document: WorkshopDocument, clock: Clock | None = None) -> None:
        super().__init__(document)
        self.setObjectName("roomSession")
        self.document = document
        self.clock: Clock = clock or MonotonicClock()
        self.running = False
        self.blanked = False
        self.silent_round = False
        self.capture: Capture = NOTHING
        self._accumulated = 0.0
        self._started_at = 0.0
        self.extra_seconds = 0
        self._recording = False
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.ticked.emit)
        self._items: list[dict[str, Any]] = []
        self._start: dt.time | None = None
        self.current_id: int | None = None
        self._reload()
        self.current_id = next(
            (i["id"] for i in self._items if i["actual_seconds"] is None), None
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
            self._items = agenda(conn)
            self._start = prepare.workshop_details(conn)["start_time"]

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches("agenda_item") or changes.touches("workshop"):
            self._reload()
            if self._recording:
                # -- the session says what changed itself once it has moved on
                return
            if self.current_id is not None and self.current() is None:
                # -- the current block was removed: carry on with the next one not yet done
                self._reset_timer()
                self.current_id = next(
                    (i["id"] for i in self._items if i["actual_seconds"] is None), None
                )
            self.state_changed.emit()
        if self.capture not in (None, NOTHING) and changes.touches("table_group"):
            with self.document.read() as conn:
                exists = conn.execute(
                    select(TableGroup.id).where(TableGroup.id == self.capture)
                ).first()
            if exists is None:
                self.capture = NOTHING
                self.state_changed.emit()

    def items(self) -> list[dict[str, Any]]:
        """Return the agenda blocks as the session last read them."""
        return list(self._items)

    def current(self) -> dict[str, Any] | None:
        """Return the current block, or None before the agenda has any or after the last."""
        return next((i for i in self._items if i["id"] == self.current_id), None)

    def elapsed(self) -> float:
        """Return the seconds spent on the current block so far."""
        running = self.clock.now() - self._started_at if self.running else 0.0
        return self._accumulated + running

    def planned_seconds(self) -> int:
        """Return the current block's planned length plus any minutes added."""
        block = self.current()
        return 0 if block is None else block["duration_minutes"] * 60 + self.extra_seconds

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
                SetValues("agenda_item", item_id, {"actual_seconds": seconds}, label)
            )
        finally:
            self._recording = False

    def next_block(self) -> None:
        """Record the current block's actual length and move to the next one."""
        block = self.current()
        if block is None:
            return
        elapsed = self.elapsed()
        ids = [i["id"] for i in self._items]
        following = ids[ids.index(block["id"]) + 1:]
        self._reset_timer()
        self.current_id = following[0] if following else None
        self._record(block["id"], round(elapsed))
        if self.current_id is None and self.running:
            self.running = False
            self._timer.stop()
        self.state_changed.emit()
        self.ticked.emit()

    def previous_block(self) -> None:
        """Go back to the block before, carrying on from the time it had taken."""
        ids = [i["id"] for i in self._items]
        if not ids:
            return
        index = ids.index(self.current_id) if self.current_id in ids else len(ids)
        if index == 0:
            return
        before = self._items[index - 1]
        self._reset_timer()
        self._accumulated = float(before["actual_seconds"] or 0)
        self.current_id = before["id"]
        self._record(before["id"], None)
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

    def set_silent_round(self, silent: bool) -> None:
        """Start or end a silent round: points typed meanwhile stay off the projector."""
        if silent != self.silent_round:
            self.silent_round = silent
            self.state_changed.emit()


def point_count_text(points: list[dict[str, Any]], target: tuple[int, int]) -> str:
    """Return a group's point count against the three-to-five target."""
    count = sum(1 for p in points if p["text"].strip())
    low, high = target
    if count < low:
        return f"{count} of {low}\u2013{high} key points: {low - count} more to go"
    if count > high:
        return f"{count} key points: more than {high}, choose the strongest"
    return f"{count} key points: on target ({low}\u2013{high})"



def plural(count: int, one: str, many: str) -> str:
    """Return ``count`` with the singular or plural noun (``1 point``, ``3 points``)."""
    return f"{count} {one if count == 1 else many}"
