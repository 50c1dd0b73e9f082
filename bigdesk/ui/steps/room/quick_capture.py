"""Quick capture: log an action, a decision, a risk or an issue without leaving the screen."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from bigdesk.app import prepare, room
from bigdesk.app.document import WorkshopDocument
from bigdesk.model import (
    AccountabilityNode,
    Element,
    GovernanceBody,
    RaidItem,
    RaidKind,
    RaidStatus,
)
from bigdesk.store import EditRejectedError, WorkshopFileError

KIND_LABELS = ((RaidKind.ACTION, "&Action"), (RaidKind.DECISION, "&Decision"),
               (RaidKind.RISK, "&Risk"), (RaidKind.ISSUE, "&Issue"))  # fmt: skip
# -- an unset due date is shown as this date with the text "No date"
NO_DATE = QDate(2000, 1, 1)
PROBABILITY_LABELS = ("Rare", "Unlikely", "Possible", "Likely", "Almost certain")
IMPACT_LABELS = ("Minor", "Moderate", "Significant", "Major", "Severe")
TARGET_KINDS = {GovernanceBody: "Governance body", AccountabilityNode: "Node",
                Element: "Element"}  # fmt: skip


class QuickCaptureDialog(QDialog):
    """A small form for one RAID item: kind, title, owner, due date; Enter logs it."""

    def __init__(self, document: WorkshopDocument, parent: QWidget | None = None,
                 item: RaidItem | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.item = item
        self.setWindowTitle(self.tr("Quick capture") if item is None else self.tr("RAID item"))
        self.setAccessibleName(self.windowTitle())
        self.kinds = QButtonGroup(self)
        kinds = QHBoxLayout()
        for number, (_kind, label) in enumerate(KIND_LABELS):
            button = QRadioButton(self.tr(label), self)
            button.setAccessibleName(self.tr(label).replace("&", ""))
            self.kinds.addButton(button, number)
            kinds.addWidget(button)
        self.kinds.button(0).setChecked(True)
        self.title = QLineEdit(self)
        self.title.setAccessibleName(self.tr("Title"))
        self.title.setMaxLength(200)
        self.title.setPlaceholderText(self.tr("What must happen, was decided, or could go wrong"))
        self.owner = QComboBox(self)
        self.owner.setAccessibleName(self.tr("Owner"))
        self.owner.addItem(self.tr("No owner yet"), None)
        with document.read() as conn:
            for person in prepare.PEOPLE.rows(conn):
                name = person.name or self.tr("(unnamed)")
                role = f" \u2014 {person.role}" if person.role else ""
                self.owner.addItem(name + role, person.id)
        self.due = self._date(self.tr("Due date"))
        self.status = QComboBox(self)
        self.status.setAccessibleName(self.tr("Status"))
        for status, label in ((RaidStatus.OPEN, "Open"), (RaidStatus.IN_PROGRESS, "In progress"),
                              (RaidStatus.CLOSED, "Closed")):
            self.status.addItem(self.tr(label), status.value)
        self.description = QPlainTextEdit(self)
        self.description.setAccessibleName(self.tr("Description"))
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(70)
        self.probability = self._grade(self.tr("Probability"), PROBABILITY_LABELS)
        self.impact = self._grade(self.tr("Impact"), IMPACT_LABELS)
        self.response = QPlainTextEdit(self)
        self.response.setAccessibleName(self.tr("Mitigation or response"))
        self.response.setTabChangesFocus(True)
        self.response.setFixedHeight(54)
        self.review = self._date(self.tr("Review date"))
        self.concerns_filter = QLineEdit(self)
        self.concerns_filter.setAccessibleName(self.tr("Find what it concerns"))
        self.concerns_filter.setPlaceholderText(self.tr("Find an element, node or governance "
                                                        "body"))
        self.concerns = QListWidget(self)
        self.concerns.setAccessibleName(self.tr("What it concerns"))
        self.concerns.setFixedHeight(110)
        with document.read() as conn:
            linked = room.raid_links(conn, item.id) if item is not None else {}
            for target, label in room.raid_targets(conn):
                entry = QListWidgetItem(f"{self.tr(TARGET_KINDS[target[0]])}: {label}",
                                        self.concerns)
                entry.setData(Qt.ItemDataRole.UserRole, target)
                entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                entry.setCheckState(Qt.CheckState.Checked if target in linked
                                    else Qt.CheckState.Unchecked)
        self.concerns_filter.textChanged.connect(self._filter_concerns)
        concerns = QVBoxLayout()
        concerns.addWidget(self.concerns_filter)
        concerns.addWidget(self.concerns)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Log it") if item is None else self.tr("Save")
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        form = QFormLayout(self)
        form.addRow(self.tr("Kind"), kinds)
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Owner"), self.owner)
        form.addRow(self.tr("Due"), self.due)
        form.addRow(self.tr("Status"), self.status)
        form.addRow(self.tr("Description"), self.description)
        grades = QHBoxLayout()
        grades.addWidget(self.probability)
        grades.addWidget(self.impact)
        form.addRow(self.tr("Probability, impact"), grades)
        form.addRow(self.tr("Mitigation or response"), self.response)
        form.addRow(self.tr("Review"), self.review)
        form.addRow(self.tr("Concerns"), concerns)
        form.addRow(buttons)
        self.title.textChanged.connect(self._update_ok)
        if item is not None:
            self._load(item)
        self._update_ok()
        self.resize(520, self.sizeHint().height())

    def _date(self, name: str) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setAccessibleName(name)
        edit.setCalendarPopup(True)
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText(self.tr("No date"))
        edit.setDisplayFormat("d MMMM yyyy")
        edit.setDate(NO_DATE)
        return edit

    def _grade(self, name: str, labels: tuple[str, ...]) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        combo.addItem(self.tr("%s not rated") % name, None)
        for grade, label in enumerate(labels, start=1):
            combo.addItem(f"{grade} {self.tr(label)}", grade)
        return combo

    def _filter_concerns(self, text: str) -> None:
        wanted = text.casefold().split()
        for row in range(self.concerns.count()):
            entry = self.concerns.item(row)
            entry.setHidden(not all(w in entry.text().casefold() for w in wanted))

    def concerned(self) -> list[room.Target]:
        """Return what the item concerns, as ticked."""
        return [tuple(self.concerns.item(row).data(Qt.ItemDataRole.UserRole))
                for row in range(self.concerns.count())
                if self.concerns.item(row).checkState() == Qt.CheckState.Checked]

    def _load(self, item: RaidItem) -> None:
        kinds = [kind for kind, _ in KIND_LABELS]
        self.kinds.button(kinds.index(item.kind)).setChecked(True)
        self.title.setText(item.title)
        self.owner.setCurrentIndex(max(0, self.owner.findData(item.owner_id)))
        due: dt.date | None = item.due_date
        self.due.setDate(QDate(due.year, due.month, due.day) if due else NO_DATE)
        self.status.setCurrentIndex(max(0, self.status.findData(item.status.value)))
        self.description.setPlainText(item.description)
        self.probability.setCurrentIndex(max(0, self.probability.findData(item.probability)))
        self.impact.setCurrentIndex(max(0, self.impact.findData(item.impact)))
        self.response.setPlainText(item.response)
        review: dt.date | None = item.review_date
        self.review.setDate(QDate(review.year, review.month, review.day) if review else NO_DATE)

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.title.text().strip()) and not self.document.read_only)

    def values(self) -> dict[str, Any]:
        """Return the item as entered."""
        return {
            "kind": KIND_LABELS[self.kinds.checkedId()][0],
            "title": self.title.text().strip(),
            "owner_id": self.owner.currentData(),
            "due_date": _day(self.due.date()),
            "status": RaidStatus(self.status.currentData()),
            "description": self.description.toPlainText().strip(),
            "probability": self.probability.currentData(),
            "impact": self.impact.currentData(),
            "response": self.response.toPlainText().strip(),
            "review_date": _day(self.review.date()),
        }

    def accept(self) -> None:
        """Log the item (or save the changes) and close; a refusal keeps the form open."""
        if not self.title.text().strip():
            return
        values = self.values()
        if self.item is not None:
            values = {k: v for k, v in values.items() if getattr(self.item, k) != v}
        try:
            room.save_raid_item(self.document, None if self.item is None else self.item.id,
                                values, self.concerned())
        except (EditRejectedError, WorkshopFileError) as error:
            self.document.failed.emit(str(error))
            return
        super().accept()


def _day(date: QDate) -> dt.date | None:
    return None if date == NO_DATE else dt.date(date.year(), date.month(), date.day())
