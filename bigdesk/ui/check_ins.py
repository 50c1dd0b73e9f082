"""Check-ins in the app: an element's history with its chart, and a node's review at once.

The panel sits under the element inspector of the Map step: it lists the selected key
result's or initiative's check-ins (each cell edited in place), records a new one and
draws the progress over time against the target. The review dialog, opened from the
Accountability step, takes a reading of every key result a node owns in one go, the
way a governance body's monthly review does, and records them as one undo step.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bigdesk.analysis.tracking import history
from bigdesk.app import tracking
from bigdesk.app.document import WorkshopDocument
from bigdesk.domain.cascade import CHECKED_IN, MEASURED
from bigdesk.domain.fields import CHECK_IN_FIELDS, choice_label
from bigdesk.domain.values import number_text
from bigdesk.exchange.figures_tracking import HistoryData, draw_history, history_data
from bigdesk.model import Benefit, CheckIn, Confidence, Element, KeyResult
from bigdesk.store import Changes, EditRejectedError, WorkshopFileError, fetch, fetch_one

from bigdesk.ui.charts import ChartArea
from bigdesk.ui.refusal import refusal_label

# -- the columns of the history table: the check-in field each shows, and its heading
COLUMNS = tuple((f.key, f.label) for f in CHECK_IN_FIELDS if f.key != "progress")
ID_ROLE = Qt.ItemDataRole.UserRole


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return number_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Confidence):
        return choice_label(value)
    return str(value)


def _confidence_box(parent: QWidget) -> QComboBox:
    box = QComboBox(parent)
    box.addItem("", None)
    for member in Confidence:
        box.addItem(choice_label(member), member.value)
    return box


class CheckInPanel(QWidget):
    """The check-ins of one key result or initiative: history, chart and a new reading.

    ``summary_changed(applies, title)`` says whether the element shown takes check-ins,
    and the title for its tab ("Check-ins (3)").
    """

    summary_changed = Signal(bool, str)

    def __init__(self, document: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.element_id: int | None = None
        self._filling = False
        # -- the chart's numbers, and those it was last drawn from
        self.drawn: HistoryData | None = None
        self.chart_of: HistoryData | None = None
        self.setAccessibleName(self.tr("Check-ins"))
        self.title = QLabel(self.tr("Check-ins"), self)
        self.title.setObjectName("panelTitle")
        self.error = refusal_label(self)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setAccessibleName(self.tr("Check-in history"))
        self.table.setHorizontalHeaderLabels([self.tr(label) for _, label in COLUMNS])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.itemChanged.connect(self._edited)
        self.table.setMinimumHeight(90)
        self.day = QDateEdit(QDate.currentDate(), self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setAccessibleName(self.tr("Check-in date"))
        self.value = QLineEdit(self)
        self.value.setAccessibleName(self.tr("Value"))
        self.status = QLineEdit(self)
        self.status.setAccessibleName(self.tr("Status"))
        self.status.setPlaceholderText(self.tr("On track, At risk, Behind…"))
        self.confidence = _confidence_box(self)
        self.confidence.setAccessibleName(self.tr("Confidence"))
        self.note = QLineEdit(self)
        self.note.setAccessibleName(self.tr("Note"))
        self.by = QLineEdit(self)
        self.by.setAccessibleName(self.tr("By"))
        form = QFormLayout()
        form.addRow(self.tr("Date"), self.day)
        self.value_label = QLabel(self.tr("Value"), self)
        form.addRow(self.value_label, self.value)
        form.addRow(self.tr("Status"), self.status)
        form.addRow(self.tr("Confidence"), self.confidence)
        form.addRow(self.tr("Note"), self.note)
        form.addRow(self.tr("By"), self.by)
        self.record = QPushButton(self.tr("Record check-in"), self)
        self.record.clicked.connect(self.record_check_in)
        self.remove = QPushButton(self.tr("Remove selected"), self)
        self.remove.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.record)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        self.chart = ChartArea(self.tr("Progress over time"), self)
        self.chart.setMinimumHeight(180)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addWidget(self.chart, 1)
        document.changed.connect(self._on_changed)
        self.show_element(None)

    def show_element(self, element_id: int | None) -> None:
        """Show the check-ins of ``element_id`` (hidden unless it is one that takes them)."""
        self.element_id = element_id
        self.error.hide()
        self.reload()

    def _on_changed(self, changes: Changes) -> None:
        if self.element_id is not None and (
                changes.touches(CheckIn) or self.element_id in changes.rows_of(Element)):
            self.reload()

    def reload(self) -> None:
        """Read the element and its history again and show them."""
        element = None
        rows: list[CheckIn] = []
        if self.element_id is not None:
            with self.document.read() as conn:
                element = fetch_one(conn, Element, self.element_id)
                if element is not None and element.type in CHECKED_IN:
                    rows = history(conn, element.id)
        if element is None or element.type not in CHECKED_IN:
            self.summary_changed.emit(False, self.tr("Check-ins"))
            return
        measured = element.type in MEASURED
        unit = f" ({element.unit})" if isinstance(element, KeyResult | Benefit) and \
            element.unit else ""
        self.value_label.setText(self.tr("Value") + unit if measured
                                 else self.tr("% complete"))
        self.title.setText(self.tr("History: %d check-ins, the latest first") % len(rows)
                           if rows else self.tr("No check-in yet"))
        self.summary_changed.emit(True, self.tr("Check-ins (%d)") % len(rows))
        self._filling = True
        try:
            self.table.setRowCount(len(rows))
            for number, row in enumerate(reversed(rows)):
                for column, (key, _) in enumerate(COLUMNS):
                    item = QTableWidgetItem(_shown(getattr(row, key)))
                    item.setData(ID_ROLE, row.id)
                    if self.document.read_only:
                        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                    self.table.setItem(number, column, item)
        finally:
            self._filling = False
        editable = not self.document.read_only
        self.record.setEnabled(editable)
        self.remove.setEnabled(editable and bool(rows))
        self.drawn = history_data(element, rows)
        if self.isVisible():
            self._draw()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._draw()

    def _draw(self) -> None:
        # -- matplotlib loads only when a chart is first shown
        if self.drawn is not None and self.drawn is not self.chart_of:
            self.chart.show_chart(draw_history, self.drawn)
            self.chart_of = self.drawn

    def _values(self) -> dict[str, Any]:
        return {"checked_on": self.day.date().toPython(), "value": self.value.text(),
                "status": self.status.text(), "confidence": self.confidence.currentData(),
                "note": self.note.text(), "made_by": self.by.text()}

    def record_check_in(self) -> None:
        """Record the reading typed below the history."""
        if self.element_id is None:
            return
        if self._guard(lambda: tracking.add_check_in(self.document, self.element_id or 0,
                                                      self._values())):
            for line in (self.value, self.status, self.note):
                line.clear()
            self.confidence.setCurrentIndex(0)

    def remove_selected(self) -> None:
        """Remove the check-ins whose rows are selected."""
        ids = {self.table.model().index(index.row(), 0).data(ID_ROLE)
               for index in self.table.selectionModel().selectedRows()}
        if ids:
            self._guard(lambda: tracking.remove_check_ins(self.document, sorted(ids)))

    def _edited(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        key = COLUMNS[item.column()][0]
        if not self._guard(lambda: tracking.change_check_in(
                self.document, int(item.data(ID_ROLE)), key, item.text())):
            self.reload()

    def _guard(self, action: Any) -> bool:
        try:
            action()
        except (EditRejectedError, WorkshopFileError) as problem:
            self.error.setText(str(problem))
            self.error.show()
            return False
        self.error.hide()
        return True


class NodeReviewDialog(QDialog):
    """A node's review: one new reading for each key result it owns, recorded at once."""

    def __init__(self, document: WorkshopDocument, node_id: int, node_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.setWindowTitle(self.tr("Record check-ins for %s") % (node_name or self.tr("node")))
        with document.read() as conn:
            self.elements = fetch(conn, select(KeyResult).where(KeyResult.node_id == node_id)
                                  .order_by(KeyResult.position, KeyResult.id))
        self.day = QDateEdit(QDate.currentDate(), self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setAccessibleName(self.tr("Date of the review"))
        self.by = QLineEdit(self)
        self.by.setAccessibleName(self.tr("By"))
        headings = ("Key result", "Now", "Target", "New value", "Status", "Note")
        self.table = QTableWidget(len(self.elements), len(headings), self)
        self.table.setAccessibleName(self.tr("Key results to check in"))
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in headings])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        for number, element in enumerate(self.elements):
            label = f"{element.ref} {element.title}".strip() if element.ref else element.title
            for column, text in enumerate((label, _shown(element.current),
                                           _shown(element.target))):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(number, column, item)
            for column in (3, 4, 5):
                self.table.setItem(number, column, QTableWidgetItem(""))
        self.table.resizeColumnsToContents()
        self.error = refusal_label(self)
        top = QFormLayout()
        top.addRow(self.tr("Date"), self.day)
        top.addRow(self.tr("By"), self.by)
        hint = QLabel(self.tr("Type a new value or status for the key results reviewed; rows "
                              "left empty are not checked in.") if self.elements else
                      self.tr("This node owns no key result."), self)
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Record"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(760, 420)

    def entries(self) -> list[tuple[int, dict[str, Any]]]:
        """Return the readings typed: each row with a value, a status or a note."""
        found = []
        for number, element in enumerate(self.elements):
            value, status, note = (str(self.table.model().index(number, c).data() or "").strip()
                                   for c in (3, 4, 5))
            if value or status or note:
                found.append((element.id, {"checked_on": self.day.date().toPython(),
                                           "value": value, "status": status, "note": note,
                                           "made_by": self.by.text()}))
        return found

    def accept(self) -> None:
        """Record every reading typed as one undo step, or say what is wrong and stay open."""
        try:
            tracking.record_check_ins(self.document, self.entries())
        except (EditRejectedError, WorkshopFileError) as problem:
            self.error.setText(str(problem))
            self.error.show()
            return
        super().accept()
