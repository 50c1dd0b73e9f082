"""Bringing a file in from the window: choose it, see what it adds and changes, apply it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from bigdesk.app import imports
from bigdesk.app.document import WorkshopDocument
from bigdesk.exchange.cascade_import import RegisterError
from bigdesk.exchange.imports import SUFFIXES, TABLES, MappingNeeded, PlannedImport
from bigdesk.exchange.project_list import ColumnMapping, DateOrderNeeded
from bigdesk.store import EditRejectedError, WorkshopFileError

if TYPE_CHECKING:
    from bigdesk.ui.column_map import ColumnMapDialog


class ListDialog(QDialog):
    """A summary above a list that scrolls: problems found, or what an import will do."""

    def __init__(self, title: str, summary: str, lines: list[str], parent: QWidget | None = None,
                 buttons: QDialogButtonBox.StandardButton = QDialogButtonBox.StandardButton.Close,
                 ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(680, 440)
        label = QLabel(summary, self)
        label.setWordWrap(True)
        self.lines = QListWidget(self)
        self.lines.setAccessibleName(title)
        self.lines.addItems(lines)
        self.buttons = QDialogButtonBox(buttons, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.lines, 1)
        layout.addWidget(self.buttons)


def _refuse(document: WorkshopDocument, parent: QWidget, path: Path, lines: list[str],
            fix: bool) -> ListDialog:  # fmt: skip
    summary = (parent.tr("%s was not imported; nothing was changed. Fix these problems and try "
                         "again:") if fix else parent.tr("%s was not imported; nothing was "
                                                          "changed.")) % path.name
    refusal = ListDialog(parent.tr("Not imported"), summary, lines, parent)
    if path.suffix.lower() in TABLES:
        # -- any table can still come in as a project list, its columns mapped by hand
        mapper = refusal.buttons.addButton(parent.tr("Map columns…"),
                                           QDialogButtonBox.ButtonRole.ActionRole)
        mapper.clicked.connect(refusal.accept)
        mapper.clicked.connect(lambda: map_and_import(document, path, parent))
    refusal.open()
    return refusal


def map_and_import(document: WorkshopDocument, path: Path, parent: QWidget,
                   ask_dates: bool = False) -> ColumnMapDialog | None:  # fmt: skip
    """Ask how a table's columns map onto the register's, then import it through that."""
    from bigdesk.exchange.tabular import read_table

    from bigdesk.ui.column_map import ColumnMapDialog

    try:
        table = read_table(path)
    except (ValueError, OSError) as error:
        _refuse(document, parent, path, [str(error)], fix=False)
        return None
    dialog = ColumnMapDialog(table, parent, ask_dates=ask_dates)
    dialog.accepted.connect(lambda: import_into(document, path, parent, dialog.mapping()))
    dialog.open()
    return dialog


def import_into(document: WorkshopDocument, path: Path, parent: QWidget,
                mapping: ColumnMapping | None = None) -> ListDialog | None:
    """Plan an import and show what it adds and changes; Apply makes it one undoable step.

    Returns the preview (None when the file is refused, with every problem listed, or when
    its columns must first be mapped).
    """
    try:
        planned = imports.plan(document, path, mapping)
    except MappingNeeded:
        map_and_import(document, path, parent)
        return None
    except DateOrderNeeded:
        map_and_import(document, path, parent, ask_dates=True)
        return None
    except RegisterError as error:
        _refuse(document, parent, path, [str(problem) for problem in error.problems], fix=True)
        return None
    except (ValueError, EditRejectedError, WorkshopFileError, OSError) as error:
        _refuse(document, parent, path, [str(error)], fix=False)
        return None
    lines = planned.preview() or [parent.tr("The workshop already holds everything in it.")]
    preview = ListDialog(
        parent.tr("Import %s") % path.name,
        parent.tr("Importing %s makes these changes as one step that Undo takes back:")
        % path.name, lines, parent,
        QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Cancel)
    apply_button = preview.buttons.button(QDialogButtonBox.StandardButton.Apply)
    apply_button.clicked.connect(lambda: _apply(document, planned, parent, preview))
    apply_button.setEnabled(bool(planned.preview()))
    preview.open()
    return preview


def _apply(document: WorkshopDocument, planned: PlannedImport, parent: QWidget,
           preview: ListDialog) -> None:
    preview.accept()
    try:
        imports.apply(document, planned)
    except (EditRejectedError, WorkshopFileError) as error:
        ListDialog(parent.tr("Not imported"), parent.tr("Nothing was changed."), [str(error)],
                   parent).open()
        return
    status = getattr(parent.window(), "statusBar", None)
    if status is not None:
        status().showMessage(planned.summary, 8000)


def ask_and_import(document: WorkshopDocument, parent: QWidget) -> ListDialog | None:
    """Ask for a file to import and show what importing it would do."""
    patterns = " ".join(f"*{suffix}" for suffix in SUFFIXES)
    path, _ = QFileDialog.getOpenFileName(
        parent, parent.tr("Import"), "",
        parent.tr("Registers, plans and exports (%s);;All files (*)") % patterns)
    return import_into(document, Path(path), parent) if path else None
