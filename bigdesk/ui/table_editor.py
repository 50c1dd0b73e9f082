"""A table of elements with add, remove and reorder, all from the keyboard too."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bigdesk.store import EditRejectedError, WorkshopFileError

from bigdesk.ui.delegates import ColumnDelegate
from bigdesk.ui.row_model import RowTableModel


class TableEditor(QWidget):
    """A titled table over a ``RowTableModel`` with its own toolbar of actions."""

    def __init__(
        self,
        model: RowTableModel,
        adders: list[tuple[str, Callable[[], int]]],
        hint: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.view = QTableView(self)
        self.view.setModel(model)
        self.view.setAccessibleName(self.tr("%s table") % model.noun.capitalize())
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for number, column in enumerate(model.columns):
            self.view.setItemDelegateForColumn(number, ColumnDelegate(column, self.view))
        model.rejected.connect(self._show_rejection)
        model.modelReset.connect(self._fit_columns)

        buttons = QHBoxLayout()
        for label, add in adders:
            button = QPushButton(label, self)
            button.setAccessibleName(label)
            button.clicked.connect(lambda _=False, add=add: self.add_row(add))
            buttons.addWidget(button)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setToolTip(self.tr("Remove the selected rows (Delete)"))
        self.up_button = QPushButton(self.tr("Move up"), self)
        self.up_button.setToolTip(self.tr("Move the current row up (Ctrl+Up)"))
        self.down_button = QPushButton(self.tr("Move down"), self)
        self.down_button.setToolTip(self.tr("Move the current row down (Ctrl+Down)"))
        for button in (self.remove_button, self.up_button, self.down_button):
            button.setAccessibleName(button.text())
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.remove_button.clicked.connect(self.remove_selected)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))

        for keys, slot in (
            (QKeySequence.StandardKey.Delete, self.remove_selected),
            (QKeySequence("Ctrl+Up"), lambda: self.move_current(-1)),
            (QKeySequence("Ctrl+Down"), lambda: self.move_current(1)),
        ):
            shortcut = QShortcut(keys, self.view)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        if adders:
            insert = QShortcut(QKeySequence("Ins"), self.view)
            insert.setContext(Qt.ShortcutContext.WidgetShortcut)
            first_add = adders[0][1]
            insert.activated.connect(lambda: self.add_row(first_add))

        note = QLabel(hint, self)
        note.setWordWrap(True)
        note.setObjectName("hint")
        self.main_layout = layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(note)
        read_only = model.document.read_only
        for button in self.findChildren(QPushButton):
            button.setEnabled(not read_only)
        self._fit_columns()

    def _fit_columns(self) -> None:
        self.view.resizeColumnsToContents()
        for number in range(self.model.columnCount()):
            width = min(self.view.columnWidth(number), 320)
            self.view.setColumnWidth(number, max(width, 80))

    def _show_rejection(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("Not changed"), message)

    def _guard(self, action: Callable[[], object]) -> object:
        try:
            return action()
        except (EditRejectedError, WorkshopFileError) as error:
            self._show_rejection(str(error))
            return None

    def select_id(self, row_id: int, edit: bool = False) -> None:
        """Make the element ``row_id`` current (and start editing its first column)."""
        row = self.model.row_of(row_id)
        if row is None:
            return
        index = self.model.index(row, 0)
        self.view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.view.scrollTo(index)
        if edit:
            self.view.setFocus()
            self.view.edit(index)

    def add_row(self, add: Callable[[], int]) -> None:
        """Add a row with ``add`` (which returns its id), select it and edit its first column."""
        row_id = self._guard(add)
        if isinstance(row_id, int):
            self.select_id(row_id, edit=True)

    def selected_ids(self) -> list[int]:
        """Return the ids of the selected rows, in table order."""
        rows = sorted({index.row() for index in self.view.selectionModel().selectedRows()})
        return [self.model.row_id(row) for row in rows]

    def remove_selected(self) -> None:
        """Remove the selected rows as one undoable edit."""
        ids = self.selected_ids()
        if not ids:
            return
        first = min(self.model.row_of(i) or 0 for i in ids)
        self._guard(lambda: self.model.service.remove(self.model.document, ids))
        if self.model.rowCount():
            self.select_id(self.model.row_id(min(first, self.model.rowCount() - 1)))

    def move_current(self, offset: int) -> None:
        """Move the current row up or down by one."""
        current = self.view.currentIndex()
        if not current.isValid():
            return
        row_id = self.model.row_id(current.row())
        column = current.column()
        moved = self._guard(lambda: self.model.service.move(self.model.document, row_id, offset,
                                                            self.model.scope))
        if moved:
            row = self.model.row_of(row_id)
            if row is not None:
                self.select_id(row_id)
                self.view.setCurrentIndex(self.model.index(row, column))
