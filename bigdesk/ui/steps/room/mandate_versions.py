"""The versions of the pitch and mandate the executives agreed, and recording a new one."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bigdesk.analysis.mandate import mandate_versions
from bigdesk.app import pitch
from bigdesk.app.document import WorkshopDocument
from bigdesk.model import MandateVersion
from bigdesk.store import EditRejectedError, WorkshopFileError

from bigdesk.ui.refusal import refusal_label
from bigdesk.ui.watching import WatchingView


class AgreeDialog(QDialog):
    """Asks when, and by whom, the pitch and mandate as they stand were agreed."""

    def __init__(self, document: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.setWindowTitle(self.tr("Record the agreed version"))
        self.day = QDateEdit(QDate.currentDate(), self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("d MMMM yyyy")
        self.day.setAccessibleName(self.tr("Agreed on"))
        self.by = QLineEdit(self)
        self.by.setAccessibleName(self.tr("Agreed by"))
        self.by.setPlaceholderText(self.tr("The executive or body, such as the Board"))
        self.error = refusal_label(self)
        form = QFormLayout()
        form.addRow(self.tr("Agreed on"), self.day)
        form.addRow(self.tr("Agreed by"), self.by)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Record"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("The pitch and the mandate as they stand now are kept as "
                                        "this version; the Review step of the next session "
                                        "shows what changed since."), self))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def accept(self) -> None:
        """Record the version, or say what is missing and stay open."""
        try:
            pitch.record_agreed_version(self.document, self.day.date().toPython(),
                                        self.by.text())
        except (EditRejectedError, WorkshopFileError) as problem:
            self.error.setText(str(problem))
            self.error.show()
            return
        super().accept()


class AgreedVersions(WatchingView, QWidget):
    """The list of agreed versions, newest first, and the button that records one."""

    watches = (MandateVersion,)

    def __init__(self, document: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Agreed versions"))
        self.list.setMaximumHeight(110)
        self.record = QPushButton(self.tr("Record the agreed version…"), self)
        self.record.setAccessibleName(self.tr("Record the agreed version"))
        self.record.setEnabled(not document.read_only)
        self.record.clicked.connect(lambda: AgreeDialog(self.document, self).exec())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.record, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.list)
        self.watch(document)
        self.reload()

    def reload(self) -> None:
        """List the versions agreed, newest first."""
        with self.document.read() as conn:
            versions = mandate_versions(conn)
        self.list.clear()
        for version in reversed(versions):
            self.list.addItem(self.tr("%s, agreed by %s") % (
                f"{version.agreed_on:%d %B %Y}", version.agreed_by))
        if not versions:
            self.list.addItem(self.tr("No version agreed yet."))
