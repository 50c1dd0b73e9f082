"""The sponsor pitch and mandate: the case, the ask, Business Support and the governance model.

What the facilitator records here is what the deck's summary, ask, proposal and
governance slides say; until a part is recorded the deck proposes a default drawn
from the workshop, and the form says what it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from bigdesk.analysis.mandate import (
    default_bodies,
    default_services,
    mandate,
    recorded_bodies,
    recorded_services,
    the_ask,
)
from bigdesk.analysis.room import concerns_draft, sponsor_pitch
from bigdesk.app import pitch
from bigdesk.app.document import WorkshopDocument
from bigdesk.domain.fields import MANDATE_FIELDS, PITCH_FIELDS, Field, choice_label
from bigdesk.model import (
    GovernanceBody,
    Mandate,
    Person,
    ServiceScope,
    SponsorPitch,
    SupportService,
    Workshop,
)
from bigdesk.store import EditRejectedError, WorkshopFileError

from bigdesk.ui.row_model import Column, RowTableModel
from bigdesk.ui.steps.room.mandate_versions import AgreedVersions
from bigdesk.ui.steps.room.quick_capture import QuickCaptureDialog
from bigdesk.ui.steps.room.raid import RaidModel
from bigdesk.ui.table_editor import TableEditor
from bigdesk.ui.watching import WatchingView

# -- an unset date is shown as this date with the text "Not set"
NO_DATE = QDate(2000, 1, 1)
_PITCH = {field.key: field for field in PITCH_FIELDS}
_MANDATE = {field.key: field for field in MANDATE_FIELDS}
# -- the parts of the case and of the ask, in the order the form shows them
CASE = ("situation", "executive_concerns", "vision", "roadmap")
ASK = ("sponsor", "funding", "business_case_due", "statement", "reports_to")
SERVICE_COLUMNS = tuple(c.key for c in (SupportService.name, SupportService.scope,
                                        SupportService.note))
GOVERNANCE_COLUMNS = tuple(c.key for c in (GovernanceBody.name, GovernanceBody.cadence,
                                           GovernanceBody.remit))
TABLE_HEIGHT = 230
Save = Callable[[WorkshopDocument, str, Any, str], None]


class _TextBox(QPlainTextEdit):
    """A multi-line field that says when the user leaves it."""

    left = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.left.emit()


Editor = QLineEdit | _TextBox | QDateEdit


class PitchForm(WatchingView, QWidget):
    """The case and the ask, each part saved when the user leaves it; services and bodies below."""

    # -- defaults come from the people (concerns, sponsor) and the workshop's sponsor
    watches = (SponsorPitch, Mandate, Person, Workshop, SupportService, GovernanceBody)

    def __init__(self, document: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.values: dict[str, Any] = {}
        self.fields: dict[str, Editor] = {}
        intro = QLabel(
            self.tr("Make the case to a sponsor: the situation and what the executives worry "
                    "about, the vision in response, and the ask. A First Steps conversation "
                    "asks for a sponsor, funding and time to build the business case, and "
                    "agreement to the PMO mandate; the deck's summary, ask, Business Support "
                    "and governance slides say what is recorded here."),
            self,
        )
        intro.setWordWrap(True)
        intro.setObjectName("hint")
        case = QFormLayout()
        for key in CASE:
            self._add_field(case, key, _PITCH[key], pitch.save_pitch)
        self.redraft = QPushButton(self.tr("Draft the concerns again from the people"), self)
        self.redraft.setAccessibleName(self.redraft.text())
        self.redraft.clicked.connect(self.redraft_concerns)
        case.addRow("", self.redraft)
        ask = QFormLayout()
        for key in ASK:
            if key in _PITCH:
                self._add_field(ask, key, _PITCH[key], pitch.save_pitch)
            else:
                self._add_field(ask, key, _MANDATE[key], pitch.save_mandate)
        self.steps = TableEditor(
            RaidModel(document, actions_only=True),
            [(self.tr("Add next step…"), self._add_step)],
            self.tr("The next steps are the open actions of the RAID log, each with an owner "
                    "and a due date; double-click an owner or a date to change it."),
            self,
        )
        self.steps.view.doubleClicked.connect(self._step_double_clicked)
        self.services = self._table(
            pitch.SERVICES, SERVICE_COLUMNS, self.tr("Add service"), {"scope": ServiceScope.NOW},
            self.tr("Until services are recorded the deck proposes the method's eight, those "
                    "that build the capabilities with the largest gaps in scope now."))
        self.start_services = QPushButton(self.tr("Start from the method's services"), self)
        self.start_services.clicked.connect(lambda: self._guard(
            lambda: pitch.start_services(self.document)))
        self.services.main_layout.insertWidget(0, self.start_services)
        self.governance = self._table(
            pitch.GOVERNANCE, GOVERNANCE_COLUMNS, self.tr("Add governance body"), {},
            self.tr("Every body works from the one RAID log and the one set of objectives and "
                    "key results. Until bodies are recorded the deck proposes the governance "
                    "bodies mapped in Accountability."))
        self.start_governance = QPushButton(self.tr("Start from the governance bodies"), self)
        self.start_governance.clicked.connect(lambda: self._guard(
            lambda: pitch.start_governance(self.document)))
        self.governance.main_layout.insertWidget(0, self.start_governance)
        for button in (self.redraft, self.start_services, self.start_governance):
            button.setAccessibleName(button.text())
            button.setEnabled(not document.read_only)

        content = QWidget(self)
        column = QVBoxLayout(content)
        column.addWidget(intro)
        self.versions = AgreedVersions(document, self)
        for title, part in ((self.tr("The case"), case), (self.tr("The ask"), ask),
                            (self.tr("Agreed versions"), self.versions),
                            (self.tr("Next steps"), self.steps),
                            (self.tr("Business Support: the services proposed"), self.services),
                            (self.tr("Integrated governance model"), self.governance)):
            box = QGroupBox(title, content)
            inner = QVBoxLayout(box)
            if isinstance(part, QFormLayout):
                inner.addLayout(part)
            else:
                part.setMinimumHeight(TABLE_HEIGHT)
                inner.addWidget(part)
            column.addWidget(box)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setAccessibleName(self.tr("Sponsor pitch and mandate"))
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.watch(document)
        self.reload()

    # -- building

    def _add_field(self, form: QFormLayout, key: str, field: Field, save: Save) -> None:
        editor: Editor
        label = self.tr(field.label)
        if field.kind.value == "date":
            editor = QDateEdit(self)
            editor.setCalendarPopup(True)
            editor.setMinimumDate(NO_DATE)
            editor.setSpecialValueText(self.tr("Not set"))
            editor.setDisplayFormat("d MMMM yyyy")
            editor.editingFinished.connect(lambda: self._save(key, save, label))
        elif field.kind.value == "text":
            editor = QLineEdit(self)
            if field.max_length:
                editor.setMaxLength(field.max_length)
            editor.editingFinished.connect(lambda: self._save(key, save, label))
        else:
            editor = _TextBox(self)
            editor.setTabChangesFocus(True)
            editor.setMinimumHeight(64)
            editor.setMaximumHeight(110)
            editor.left.connect(lambda: self._save(key, save, label))
        editor.setAccessibleName(label)
        editor.setToolTip(self.tr(field.help))
        editor.setEnabled(not self.document.read_only)
        form.addRow(label, editor)
        self.fields[key] = editor

    def _table(self, service: Any, keys: tuple[str, ...], adder: str, values: dict[str, Any],
               hint: str) -> TableEditor:
        model = RowTableModel(self.document, service,
                              [Column.of(service.field(key)) for key in keys])

        def add() -> int:
            return int(service.add(self.document, values, self.tr(adder)))

        return TableEditor(model, [(adder, add)], hint, self)

    # -- reading

    def reload(self) -> None:
        """Show what is recorded, and the defaults the deck uses where nothing is."""
        with self.document.read() as conn:
            stored, agreed, ask = sponsor_pitch(conn), mandate(conn), the_ask(conn)
            values: dict[str, Any] = {key: getattr(stored, key) if stored else None
                                      for key in _PITCH}
            values |= {key: getattr(agreed, key) if agreed else "" for key in _MANDATE}
            if stored is None:
                values["executive_concerns"] = concerns_draft(conn)
            has_services, has_bodies = bool(recorded_services(conn)), bool(recorded_bodies(conn))
            services = "; ".join(f"{s.name} ({choice_label(s.scope).lower()})"
                                 for s in default_services(conn)) if not has_services else ""
            bodies = "; ".join(b.name for b in default_bodies(conn)) if not has_bodies else ""
        self.values = values
        for key, editor in self.fields.items():
            self._show(editor, values.get(key))
        placeholders = {
            "sponsor": ask.sponsor,
            "reports_to": ask.reports_to or self.tr("The sponsor"),
            "statement": self.tr("Empty: the deck states the mandate from the services in "
                                 "scope now and where Business Support reports"),
        }
        for key, text in placeholders.items():
            editor = self.fields[key]
            if isinstance(editor, QLineEdit | QPlainTextEdit):
                editor.setPlaceholderText(text)
        self.start_services.setVisible(not has_services)
        self.start_services.setToolTip(self.tr("Record these: %s") % services)
        self.start_governance.setVisible(not has_bodies)
        self.start_governance.setToolTip(self.tr("Record these: %s") % bodies)

    @staticmethod
    def _show(editor: Editor, value: Any) -> None:
        if isinstance(editor, QDateEdit):
            date = QDate(value.year, value.month, value.day) if value else NO_DATE
            if editor.date() != date:
                editor.setDate(date)
        elif isinstance(editor, QLineEdit):
            if editor.text() != (value or ""):
                editor.setText(value or "")
        elif editor.toPlainText() != (value or ""):
            editor.setPlainText(value or "")

    @staticmethod
    def _value(editor: Editor) -> Any:
        if isinstance(editor, QDateEdit):
            date = editor.date()
            return None if date == NO_DATE else dt.date(date.year(), date.month(), date.day())
        text = editor.text() if isinstance(editor, QLineEdit) else editor.toPlainText()
        return text.strip()

    # -- editing

    def _save(self, key: str, save: Save, label: str) -> None:
        if self.document.read_only:
            return
        value = self._value(self.fields[key])
        if value == (self.values.get(key) or (None if value is None else "")):
            return
        self._guard(lambda: save(self.document, key, value,
                                 self.tr("Change %s") % label.lower()))

    def _guard(self, action: Callable[[], object]) -> None:
        try:
            action()
        except (EditRejectedError, WorkshopFileError) as error:
            self.document.failed.emit(str(error))
            self.reload()

    def redraft_concerns(self) -> None:
        """Replace the concerns with a fresh draft from the people's concerns."""
        with self.document.read() as conn:
            draft = concerns_draft(conn)
        self._guard(lambda: pitch.save_pitch(self.document, "executive_concerns", draft,
                                             self.tr("Draft the executive concerns")))

    def _add_step(self) -> int:
        QuickCaptureDialog(self.document, self).exec()
        return 0

    def _step_double_clicked(self, index: QModelIndex) -> None:
        model = self.steps.model
        if model.columns[index.column()].kind != "computed":
            return
        QuickCaptureDialog(self.document, self, item=model.record(index.row())).exec()
