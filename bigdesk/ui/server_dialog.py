"""Open from server: where the PostgreSQL server is, who connects, and which workshop."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from bigdesk.store import ServerLocation, WorkshopFileError
from bigdesk.store.server.address import check_workshop_name

# -- (sslmode, what it means to the user), safest first
SECURITY = (
    ("verify-full", "Encrypted, server's certificate and name checked (production)"),
    ("require", "Encrypted, certificate not checked"),
    ("prefer", "Encrypted when the server offers it"),
    ("disable", "Not encrypted (this computer or a trusted network only)"),
)
DEFAULT_PORT = 5432


class ServerDialog(QDialog):
    """Build a server location from its parts, list the workshops there, and choose one."""

    def __init__(self, parent: QWidget | None = None, last: ServerLocation | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Open from server"))
        self.host = QLineEdit(self)
        self.host.setPlaceholderText(self.tr("db.example.org"))
        self.port = QSpinBox(self)
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.database = QLineEdit(self)
        self.user = QLineEdit(self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Empty: from the keyring or a pgpass file"))
        self.remember = QCheckBox(self.tr("Keep the password in the system keyring"), self)
        self.security = QComboBox(self)
        for mode, words in SECURITY:
            self.security.addItem(self.tr(words), mode)
        self.workshop = QComboBox(self)
        self.workshop.setEditable(True)
        self.workshop.setMinimumWidth(260)
        self.list_button = QPushButton(self.tr("&List workshops"), self)
        self.list_button.clicked.connect(self.list_workshops)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        for widget, name in ((self.host, "Server"), (self.port, "Port"),
                             (self.database, "Database"), (self.user, "User"),
                             (self.password, "Password"), (self.security, "Connection"),
                             (self.workshop, "Workshop")):  # fmt: skip
            widget.setAccessibleName(self.tr(name))
        if last is not None:
            self._fill(last)

        form = QFormLayout()
        form.addRow(self.tr("&Server:"), self.host)
        form.addRow(self.tr("&Port:"), self.port)
        form.addRow(self.tr("&Database:"), self.database)
        form.addRow(self.tr("&User:"), self.user)
        form.addRow(self.tr("Pass&word:"), self.password)
        form.addRow("", self.remember)
        form.addRow(self.tr("&Connection:"), self.security)
        choose = QHBoxLayout()
        choose.addWidget(self.workshop, 1)
        choose.addWidget(self.list_button)
        # -- a row of two widgets has no buddy of its own: the label is given one
        workshop_label = QLabel(self.tr("&Workshop:"), self)
        workshop_label.setBuddy(self.workshop)
        form.addRow(workshop_label, choose)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

    def _fill(self, last: ServerLocation) -> None:
        self.host.setText(last.host or "")
        self.port.setValue(last.port or DEFAULT_PORT)
        self.database.setText(last.database)
        self.user.setText(last.user or "")
        mode = dict(last.settings).get("sslmode")
        index = self.security.findData(mode) if mode else -1
        if index >= 0:
            self.security.setCurrentIndex(index)
        if last.workshop:
            self.workshop.setEditText(last.workshop)

    def server(self) -> ServerLocation:
        """Return the database's location as filled in (without a workshop)."""
        if not self.database.text().strip():
            raise WorkshopFileError(self.tr("Name the database on the server."))
        return ServerLocation(
            host=self.host.text().strip() or None,
            port=self.port.value(),
            database=self.database.text().strip(),
            workshop=None,
            user=self.user.text().strip() or None,
            password=self.password.text() or None,
            settings=(("sslmode", str(self.security.currentData())),),
        )

    def location(self) -> ServerLocation:
        """Return the chosen workshop's location; refuse an empty or unusable name."""
        name = self.workshop.currentText().strip()
        if not name:
            raise WorkshopFileError(self.tr("Choose a workshop, or list those on the server."))
        return self.server().with_workshop(check_workshop_name(name))

    def list_workshops(self) -> None:
        """Fill the workshop list from the server, or say why it cannot be read."""
        from bigdesk.store.server.workshop import list_workshops

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            listed = list_workshops(self.server())
        except WorkshopFileError as error:
            self.status.setText(str(error))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        typed = self.workshop.currentText()
        self.workshop.clear()
        self.workshop.addItems([w.name for w in listed])
        if typed:
            self.workshop.setEditText(typed)
        self.status.setText(self.tr("%n workshop(s) on the server.", "", len(listed)))

    def accept(self) -> None:
        """Close once the location is whole, keeping the password if asked."""
        try:
            location = self.location()
        except WorkshopFileError as error:
            self.status.setText(str(error))
            return
        if self.remember.isChecked() and location.password:
            from bigdesk.store.server.credentials import remember_password

            problem = remember_password(location, location.password)
            if problem:
                self.status.setText(self.tr("The password was not kept: %s.") % problem)
                return
        super().accept()
