"""The sponsor pitch builder, for a PMO head making the case alone."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bigdesk.analysis.room import concerns_draft, sponsor_pitch
from bigdesk.app import room
from bigdesk.app.document import WorkshopDocument
from bigdesk.model import Person, SponsorPitch
from bigdesk.store import EditRejectedError, WorkshopFileError

from bigdesk.ui.watching import WatchingView

# part of the pitch, its label, what to write there
PARTS = (
    ("executive_concerns", "Executive concerns",
     "What worries each executive about delivering the strategy, in their words."),
    ("vision", "The vision in response",
     "What changes for them when strategy and delivery are connected."),
    ("roadmap", "Roadmap",
     "The steps in order, enablers first; one line each, with a rough date."),
    ("sponsor", "Sponsor", "Who will sponsor the work."),
    ("funding", "Funding", "What is needed to reach the next decision point."),
    ("next_steps", "Next steps", "The first actions, each with an owner and a date."),
)  # fmt: skip


class _TextBox(QPlainTextEdit):
    """A multi-line field that says when the user leaves it."""

    left = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.left.emit()


class PitchForm(WatchingView, QWidget):
    """Concerns, vision, roadmap and the ask, each saved when the user leaves the field."""

    # -- the draft of the concerns comes from the people's concerns
    watches = (SponsorPitch, Person)

    def __init__(self, document: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        intro = QLabel(
            self.tr("Make the case to a sponsor: start from what the executives worry about, "
                    "answer with a vision and a roadmap, and end with the ask. The concerns "
                    "start as a draft from the people's concerns in Prepare."),
            self,
        )
        intro.setWordWrap(True)
        intro.setObjectName("hint")
        form = QFormLayout()
        self.fields: dict[str, QLineEdit | _TextBox] = {}
        for key, label, tip in PARTS:
            field: QLineEdit | _TextBox
            if key == "sponsor":
                field = QLineEdit(self)
                field.setMaxLength(200)
                field.editingFinished.connect(lambda key=key, label=label: self._save(key, label))
            else:
                field = _TextBox(self)
                field.setTabChangesFocus(True)
                field.setMinimumHeight(70)
                field.left.connect(lambda key=key, label=label: self._save(key, label))
            field.setAccessibleName(self.tr(label))
            field.setPlaceholderText(self.tr(tip))
            field.setEnabled(not document.read_only)
            form.addRow(self.tr(label), field)
            self.fields[key] = field
        self.redraft = QPushButton(self.tr("Draft the concerns again from the people"), self)
        self.redraft.setAccessibleName(self.redraft.text())
        self.redraft.setEnabled(not document.read_only)
        self.redraft.clicked.connect(self.redraft_concerns)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form, 1)
        layout.addWidget(self.redraft)
        self.watch(document)
        self.reload()

    @staticmethod
    def _text(field: QLineEdit | _TextBox) -> str:
        return field.text() if isinstance(field, QLineEdit) else field.toPlainText()

    def reload(self) -> None:
        """Show the stored pitch, or the draft of the concerns before anything is saved."""
        with self.document.read() as conn:
            stored = sponsor_pitch(conn)
            pitch = {key: getattr(stored, key) if stored else "" for key, _, _ in PARTS}
            if stored is None:
                pitch["executive_concerns"] = concerns_draft(conn)
        self.pitch = pitch
        for key, field in self.fields.items():
            if self._text(field) != pitch[key]:
                if isinstance(field, QLineEdit):
                    field.setText(pitch[key])
                else:
                    field.setPlainText(pitch[key])

    def _save(self, key: str, label: str) -> None:
        if self.document.read_only:
            return
        value = self._text(self.fields[key]).strip()
        if value == self.pitch.get(key, "").strip():
            return
        try:
            room.save_pitch(self.document, key, value, self.tr("Change %s") % label.lower())
        except (EditRejectedError, WorkshopFileError) as error:
            self.document.failed.emit(str(error))

    def redraft_concerns(self) -> None:
        """Replace the concerns with a fresh draft from the people's concerns."""
        with self.document.read() as conn:
            draft = concerns_draft(conn)
        room.save_pitch(self.document, "executive_concerns", draft,
                        self.tr("Draft the executive concerns"))
