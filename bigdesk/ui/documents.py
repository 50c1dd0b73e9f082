"""The document library window: attach files and links to any part of the workshop."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bigdesk.analysis.documents import target_of, targets
from bigdesk.app import documents
from bigdesk.app.document import WorkshopDocument
from bigdesk.app.tables import OrderedTable
from bigdesk.exchange.limits import size_text
from bigdesk.model import (
    AccountabilityNode,
    Consensus,
    Document,
    Element,
    Person,
    RaidItem,
    Score,
)
from bigdesk.store import EditRejectedError, WorkshopFileError

from bigdesk.ui.row_model import Column, RowTableModel
from bigdesk.ui.table_editor import TableEditor

LIBRARY = OrderedTable(Document)


class DocumentsModel(RowTableModel):
    """The library's documents: name, what they support and show, privacy, kind and date."""

    reads = (Element, AccountabilityNode, RaidItem, Score, Consensus, Person)

    def __init__(self, document: WorkshopDocument) -> None:
        self._supports: dict[Any, str] = {}
        columns = [
            Column.of(LIBRARY.field("name")),
            Column("supports", "Supports", "computed", compute=self._supported),
            Column.of(LIBRARY.field("about")),
            Column.of(LIBRARY.field("private")),
            Column("kind", "File or link", "computed", compute=self._kind),
            Column("added", "Added", "computed", compute=self._added),
        ]
        super().__init__(document, LIBRARY, columns)

    def fetch_rows(self, conn: Connection) -> list[Any]:
        self._supports = dict(targets(conn))
        return super().fetch_rows(conn)

    def _supported(self, row: int, rows: Sequence[Any]) -> str:
        return self._supports.get(target_of(rows[row]), "")

    @staticmethod
    def _kind(row: int, rows: Sequence[Any]) -> str:
        item = rows[row]
        return item.url if item.url else f"File, {size_text(item.size)}"

    @staticmethod
    def _added(row: int, rows: Sequence[Any]) -> str:
        added = rows[row].added_at
        return "" if added is None else added.strftime("%d %b %Y")


class DocumentsDialog(QDialog):
    """Attach files and links as evidence, open them, save files out, remove them."""

    def __init__(self, document: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.setWindowTitle(self.tr("Documents"))
        self.resize(900, 480)
        self.target = QComboBox(self)
        self.target.setAccessibleName(self.tr("What a new document supports"))
        with document.read() as conn:
            for target, label in targets(conn):
                self.target.addItem(label, target)
        self.model = DocumentsModel(document)
        self.editor = TableEditor(
            self.model,
            [(self.tr("Attach file…"), self.attach_file),
             (self.tr("Attach link…"), self.attach_link)],
            self.tr("Files are kept inside the workshop file, checked by their SHA-256 when read "
                    "out; a private document never leaves it. Exports list names and what they "
                    "support, never contents."),
            self,
        )
        self.open_button = QPushButton(self.tr("Open"), self)
        self.open_button.clicked.connect(self.open_current)
        self.save_button = QPushButton(self.tr("Save as…"), self)
        self.save_button.clicked.connect(self.save_current)
        self.editor.view.doubleClicked.connect(self._double_clicked)
        form = QFormLayout()
        form.addRow(self.tr("New documents support"), self.target)
        row = QHBoxLayout()
        row.addWidget(self.open_button)
        row.addWidget(self.save_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.editor, 1)
        layout.addLayout(row)

    def _chosen(self) -> Any:
        target = self.target.currentData()
        return tuple(target) if target is not None else None

    def _current(self) -> Document | None:
        index = self.editor.view.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def _refuse(self, error: Exception) -> None:
        QMessageBox.warning(self, self.tr("Documents"), str(error))

    def attach_file(self, path: Path | None = None) -> int:
        """Ask for a file (unless given) and keep it; return its id (0: nothing attached)."""
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(self, self.tr("Attach a file"))
            if not chosen:
                return 0
            path = Path(chosen)
        try:
            return documents.attach_file(self.document, path, self._chosen())
        except (EditRejectedError, WorkshopFileError) as error:
            self._refuse(error)
            return 0

    def attach_link(self, url: str | None = None) -> int:
        """Ask for a link (unless given) and keep it; return its id (0: nothing attached)."""
        if url is None:
            url, ok = QInputDialog.getText(self, self.tr("Attach a link"),
                                           self.tr("Address (https://… or mailto:…)"))
            if not ok or not url.strip():
                return 0
        try:
            return documents.attach_link(self.document, url, self._chosen())
        except (EditRejectedError, WorkshopFileError) as error:
            self._refuse(error)
            return 0

    def _double_clicked(self, _index: Any) -> None:
        if self.model.columns[_index.column()].kind == "computed":
            self.open_current()

    def open_current(self) -> Path | None:
        """Open the current document: a link in the browser, a file with its own program."""
        item = self._current()
        if item is None:
            return None
        if item.url:
            QDesktopServices.openUrl(QUrl(item.url))
            return None
        # -- a folder of its own, so the file keeps its name and nothing else is overwritten
        folder = Path(tempfile.mkdtemp(prefix="bigdesk-document-"))
        try:
            path = documents.save_document(self.document, item.id, folder / Path(item.name).name)
        except (ValueError, EditRejectedError, OSError) as error:
            self._refuse(error)
            return None
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return path

    def save_current(self, out: Path | None = None) -> Path | None:
        """Save the current file out (asking where, unless told); return where it went."""
        item = self._current()
        if item is None or item.url:
            return None
        if out is None:
            chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save the document as"),
                                                    item.name)
            if not chosen:
                return None
            out = Path(chosen)
        try:
            return documents.save_document(self.document, item.id, out)
        except (ValueError, EditRejectedError, OSError) as error:
            self._refuse(error)
            return None
