"""The Prepare step: workshop details, participants and stakeholders, agenda and notes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from bigdesk.analysis.timing import agenda_schedule
from bigdesk.app import prepare
from bigdesk.app.document import WorkshopDocument
from bigdesk.model import PersonKind, Workshop

from bigdesk.ui.row_model import Column, RowTableModel
from bigdesk.ui.table_editor import TableEditor
from bigdesk.ui.watching import WatchingView

# -- an unset date is shown as this date with the text "Not set"
NO_DATE = QDate(2000, 1, 1)


class DetailsForm(WatchingView, QWidget):
    """Who the workshop is for, who runs it, when and where; each field saved as it is left."""

    watches = (Workshop,)

    TEXT_FIELDS = (
        ("title", "Title"),
        ("client_organisation", "Client organisation"),
        ("facilitator", "Facilitator"),
        ("sponsor", "Sponsor"),
        ("venue", "Venue"),
    )

    def __init__(self, document: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        layout = QFormLayout(self)
        self.edits: dict[str, QLineEdit] = {}
        for key, label in self.TEXT_FIELDS:
            edit = QLineEdit(self)
            edit.setAccessibleName(self.tr(label))
            edit.setMaxLength(200)
            edit.editingFinished.connect(lambda key=key, label=label: self._text_done(key, label))
            layout.addRow(self.tr(label), edit)
            self.edits[key] = edit
        self.date = QDateEdit(self)
        self.date.setAccessibleName(self.tr("Session date"))
        self.date.setCalendarPopup(True)
        self.date.setMinimumDate(NO_DATE)
        self.date.setSpecialValueText(self.tr("Not set"))
        self.date.setDisplayFormat("d MMMM yyyy")
        self.date.editingFinished.connect(self._date_done)
        layout.addRow(self.tr("Session date"), self.date)
        self.time = QTimeEdit(self)
        self.time.setAccessibleName(self.tr("Start time"))
        self.time.setDisplayFormat("HH:mm")
        self.time.editingFinished.connect(self._time_done)
        layout.addRow(self.tr("Start time"), self.time)
        self.anonymous = QCheckBox(
            self.tr("Show participants as P1, P2, … in room views and exports"), self
        )
        self.anonymous.setAccessibleName(self.tr("Anonymous mode"))
        self.anonymous.toggled.connect(self._anonymous_done)
        layout.addRow(self.tr("Anonymous mode"), self.anonymous)
        for widget in (*self.edits.values(), self.date, self.time, self.anonymous):
            widget.setEnabled(not document.read_only)
        self.watch(document)
        self.reload()

    def reload(self) -> None:
        """Show the stored details."""
        with self.document.read() as conn:
            self.details = prepare.workshop(conn)
        for key, edit in self.edits.items():
            if edit.text() != getattr(self.details, key):
                edit.setText(getattr(self.details, key))
        when = self.details.session_date
        self.date.setDate(QDate(when.year, when.month, when.day) if when else NO_DATE)
        start = self.details.start_time
        self.time.setTime(QTime(start.hour, start.minute) if start else QTime(9, 0))
        self.anonymous.blockSignals(True)
        self.anonymous.setChecked(bool(self.details.anonymous))
        self.anonymous.blockSignals(False)

    def _save(self, key: str, value: Any, label: str) -> None:
        if self.document.read_only or getattr(self.details, key) == value:
            return
        prepare.set_detail(self.document, key, value, label)

    def _text_done(self, key: str, label: str) -> None:
        self._save(key, self.edits[key].text().strip(), self.tr("Change %s") % label.lower())

    def _date_done(self) -> None:
        date = self.date.date()
        value = None if date == NO_DATE else dt.date(date.year(), date.month(), date.day())
        self._save("session_date", value, self.tr("Change session date"))

    def _time_done(self) -> None:
        time = self.time.time()
        self._save("start_time", dt.time(time.hour(), time.minute()), self.tr("Change start time"))

    def _anonymous_done(self, checked: bool) -> None:
        label = self.tr("Turn anonymous mode on") if checked else self.tr("Turn anonymous mode off")
        self._save("anonymous", checked, label)


class _Clock:
    """The session's start time, shared by the agenda's computed columns."""

    def __init__(self) -> None:
        self.start: dt.time | None = None

    def column(self, which: int) -> Callable[[int, Sequence[Any]], str]:
        """Return a column function showing an item's planned start (0) or end (1)."""

        def compute(row: int, rows: Sequence[Any]) -> str:
            moment = agenda_schedule(rows[: row + 1], self.start)[row][which]
            return moment.strftime("%H:%M") if moment else ""

        return compute


class AgendaEditor(WatchingView, TableEditor):
    """The agenda table with planned start and end times and the total length."""

    # -- the start times follow from the session's start time
    watches = (Workshop,)

    def __init__(self, document: WorkshopDocument, parent: QWidget | None = None) -> None:
        self._clock = _Clock()
        agenda = prepare.AGENDA
        columns = [
            Column.of(agenda.field("title")),
            Column.of(agenda.field("duration_minutes")),
            Column("start", "Starts", "computed", compute=self._clock.column(0)),
            Column("end", "Ends", "computed", compute=self._clock.column(1)),
            Column.of(agenda.field("step")),
            Column.of(agenda.field("question")),
            Column.of(agenda.field("description")),
        ]
        model = RowTableModel(document, agenda, columns)
        super().__init__(
            model,
            [("Add agenda item", lambda: prepare.add_agenda_item(document))],
            "Start times follow from the session's start time and the blocks before. "
            "Ins adds, Delete removes, Ctrl+Up and Ctrl+Down reorder.",
            parent,
        )
        self.total = QLabel(self)
        self.total.setAccessibleName(self.tr("Total length"))
        self.main_layout.insertWidget(1, self.total)
        self.watch(document)
        model.modelReset.connect(self._update_total)
        model.dataChanged.connect(self._update_total)
        self.reload()

    def reload(self) -> None:
        """Take the session's start time again and show the times that follow from it."""
        with self.model.document.read() as conn:
            start = prepare.workshop(conn).start_time
        self._clock.start = start
        rows = self.model.rowCount()
        if rows:
            self.model.dataChanged.emit(self.model.index(0, 2), self.model.index(rows - 1, 3))
        self._update_total()

    def _update_total(self) -> None:
        minutes = sum(r.duration_minutes for r in self.model.records())
        hours, rest = divmod(minutes, 60)
        self.total.setText(self.tr("Total: %d h %02d min") % (hours, rest))


class PreparePage(QTabWidget):
    """The Prepare step of the workflow."""

    def __init__(self, document: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Prepare"))
        self.details = DetailsForm(document, self)
        holder = QWidget(self)
        holder_layout = QVBoxLayout(holder)
        self.details.setMaximumWidth(760)
        holder_layout.addWidget(self.details)
        holder_layout.addStretch(1)
        self.addTab(holder, self.tr("Workshop"))

        fields = ("name", "kind", "role", "organisation_unit", "influence", "interest",
                  "concerns")
        people = RowTableModel(document, prepare.PEOPLE,
                               [Column.of(prepare.PEOPLE.field(key)) for key in fields])
        self.people = TableEditor(
            people,
            [
                ("Add participant", lambda: prepare.add_person(document, PersonKind.PARTICIPANT)),
                ("Add stakeholder", lambda: prepare.add_person(document, PersonKind.STAKEHOLDER)),
            ],
            "Participants are in the room; stakeholders matter to the outcome but are not. "
            "Influence and interest run from 1 to 5.",
            self,
        )
        self.addTab(self.people, self.tr("People"))
        self.agenda = AgendaEditor(document, self)
        self.addTab(self.agenda, self.tr("Agenda"))
        notes = RowTableModel(document, prepare.NOTES,
                              [Column.of(prepare.NOTES.field(key)) for key in ("text", "private")])
        self.notes = TableEditor(
            notes,
            [
                ("Add private note", lambda: prepare.add_note(document, private=True)),
                ("Add shareable note", lambda: prepare.add_note(document, private=False)),
            ],
            "Private notes stay in this file and are never exported or shown to the room.",
            self,
        )
        self.addTab(self.notes, self.tr("Notes"))
