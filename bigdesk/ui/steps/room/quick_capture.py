"""Quick capture: log an action, a decision, a risk or an issue without leaving the screen."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)

from bigdesk.app import prepare, room
from bigdesk.app.document import WorkshopDocument
from bigdesk.model import RaidItem, RaidKind, RaidStatus
from bigdesk.store import EditRejectedError, WorkshopFileError

KIND_LABELS = ((RaidKind.ACTION, "&Action"), (RaidKind.DECISION, "&Decision"),
               (RaidKind.RISK, "&Risk"), (RaidKind.ISSUE, "&Issue"))  # fmt: skip
# -- an unset due date is shown as this date with the text "No date"
NO_DATE = QDate(2000, 1, 1)


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
        self.due = QDateEdit(self)
        self.due.setAccessibleName(self.tr("Due date"))
        self.due.setCalendarPopup(True)
        self.due.setMinimumDate(NO_DATE)
        self.due.setSpecialValueText(self.tr("No date"))
        self.due.setDisplayFormat("d MMMM yyyy")
        self.due.setDate(NO_DATE)
        self.status = QComboBox(self)
        self.status.setAccessibleName(self.tr("Status"))
        for status, label in ((RaidStatus.OPEN, "Open"), (RaidStatus.IN_PROGRESS, "In progress"),
                              (RaidStatus.CLOSED, "Closed")):
            self.status.addItem(self.tr(label), status.value)
        self.description = QPlainTextEdit(self)
        self.description.setAccessibleName(self.tr("Description"))
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(70)
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
        form.addRow(buttons)
        self.title.textChanged.connect(self._update_ok)
        if item is not None:
            self._load(item)
        self._update_ok()
        self.resize(520, self.sizeHint().height())

    def _load(self, item: RaidItem) -> None:
        kinds = [kind for kind, _ in KIND_LABELS]
        self.kinds.button(kinds.index(item.kind)).setChecked(True)
        self.title.setText(item.title)
        self.owner.setCurrentIndex(max(0, self.owner.findData(item.owner_id)))
        due: dt.date | None = item.due_date
        self.due.setDate(QDate(due.year, due.month, due.day) if due else NO_DATE)
        self.status.setCurrentIndex(max(0, self.status.findData(item.status.value)))
        self.description.setPlainText(item.description)

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.title.text().strip()) and not self.document.read_only)

    def values(self) -> dict[str, Any]:
        """Return the item as entered."""
        date = self.due.date()
        return {
            "kind": KIND_LABELS[self.kinds.checkedId()][0],
            "title": self.title.text().strip(),
            "owner_id": self.owner.currentData(),
            "due_date": None if date == NO_DATE else dt.date(date.year(), date.month(),
                                                             date.day()),
            "status": RaidStatus(self.status.currentData()),
            "description": self.description.toPlainText().strip(),
        }

    def accept(self) -> None:
        """Log the item (or save the changes) and close; a refusal keeps the form open."""
        if not self.title.text().strip():
            return
        values = self.values()
        try:
            if self.item is None:
                item_id = room.add_raid_item(
                    self.document, values["kind"], values["title"], values["owner_id"],
                    values["due_date"], values["description"],
                )
                if values["status"] is not RaidStatus.OPEN:
                    room.update_raid_item(self.document, item_id, {"status": values["status"]})
            else:
                changed = {k: v for k, v in values.items() if getattr(self.item, k) != v}
                if changed:
                    room.update_raid_item(self.document, self.item.id, changed)
        except (EditRejectedError, WorkshopFileError) as error:
            self.document.failed.emit(str(error))
            return
        super().accept()
