"""A table model whose columns are small specs, and a view typed at the speed of the room."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from bigdesk.analysis.prioritisation import PrioritisationError
from bigdesk.store import EditRejectedError, WorkshopFileError

from bigdesk.ui.delegates import ComboDelegate
from bigdesk.ui.palette import tint

Index = QModelIndex | QPersistentModelIndex
READ_ONLY_TINT = "#eef0f3"


@dataclass(frozen=True)
class Col:
    """How one column shows a row and, if editable, changes it through a service."""

    header: str
    display: Callable[[Any], Any]
    # -- called with (row, value); None: read-only
    edit: Callable[[Any, Any], None] | None = None
    # -- text, number, digit (1 to 5), dots (0 to 9) or choice
    kind: str = "text"
    choices: tuple[tuple[Any, str], ...] = ()
    # -- the value an editor starts from (defaults to the displayed one)
    value: Callable[[Any], Any] | None = None
    tooltip: Callable[[Any], str] | str = ""
    numeric: bool = False
    # -- whether this row's cell may be edited (default: every row when ``edit`` is set)
    editable: Callable[[Any], bool] | None = None

    def can_edit(self, row: Any) -> bool:
        """Return whether the cell of ``row`` in this column is editable."""
        return self.edit is not None and (self.editable is None or self.editable(row))


class SpecModel(QAbstractTableModel):
    """Rows of any kind shown through ``Col`` specs; edits go to the services."""

    # -- an edit was refused; carries the message for the user
    rejected = Signal(str)

    def __init__(self, read_only: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.read_only = read_only
        self.rows: list[Any] = []
        self.columns: list[Col] = []
        self.row_keys: list[Any] = []

    def set_content(self, rows: Sequence[Any], columns: Sequence[Col],
                    key: Callable[[Any], Any] = id) -> None:
        """Show ``rows`` through ``columns``; a same-shaped update keeps the view's place."""
        keys = [key(r) for r in rows]
        headers = [c.header for c in columns]
        if keys == self.row_keys and headers == [c.header for c in self.columns]:
            self.rows, self.columns = list(rows), list(columns)
            if rows and columns:
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(len(rows) - 1, len(columns) - 1))
            return
        self.beginResetModel()
        self.rows, self.columns, self.row_keys = list(rows), list(columns), keys
        self.endResetModel()

    def column(self, number: int) -> Col:
        """Return the spec of column ``number``."""
        return self.columns[number]

    # -- Qt API

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            column = self.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return column.header
            if role == Qt.ItemDataRole.ToolTipRole and isinstance(column.tooltip, str):
                return column.tooltip or None
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        column = self.columns[index.column()]
        if not self.read_only and column.can_edit(self.rows[index.row()]):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            shown = column.display(row)
            return "" if shown is None else str(shown)
        if role == Qt.ItemDataRole.EditRole:
            return (column.value or column.display)(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = column.tooltip(row) if callable(column.tooltip) else None
            return tip or None
        if role == Qt.ItemDataRole.TextAlignmentRole and (column.numeric or column.kind in (
                "number", "digit", "dots")):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and column.edit is not None and \
                not column.can_edit(row):
            return QBrush(tint(READ_ONLY_TINT))
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or \
                not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        column = self.columns[index.column()]
        assert column.edit is not None
        if column.kind == "number" and isinstance(value, str):
            text = value.strip().replace(",", "").replace("£", "")
            if not text:
                value = None
            else:
                try:
                    value = float(text)
                except ValueError:
                    self.rejected.emit(f"“{value}” is not a number.")
                    return False
        try:
            column.edit(self.rows[index.row()], value)
        except (EditRejectedError, WorkshopFileError, PrioritisationError) as error:
            self.rejected.emit(str(error))
            return False
        return True


class ChoiceDelegate(ComboDelegate):
    """Edit a choice column with a drop-down list; other columns edit as text."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        model = index.model()
        column = model.column(index.column()) if isinstance(model, SpecModel) else None
        if column is not None and column.kind == "choice":
            combo = QComboBox(parent)
            combo.setAccessibleName(column.header)
            for value, label in column.choices:
                combo.addItem(label, value)
            return combo
        return super().createEditor(parent, option, index)


class FastGrid(QTableView):
    """A grid where a digit scores the current cell and moves down to the next initiative."""

    DIGITS: ClassVar[dict[Qt.Key, int]] = {getattr(Qt.Key, f"Key_{n}"): n for n in range(10)}

    def __init__(self, model: SpecModel, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.spec = model
        self.setAccessibleName(name)
        self.setItemDelegate(ChoiceDelegate(self))
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)  # fmt: skip
        self.horizontalHeader().setStretchLastSection(True)
        # -- fitting columns and rows looks at a sample of rows, not thousands
        self.horizontalHeader().setResizeContentsPrecision(60)
        self.verticalHeader().setResizeContentsPrecision(60)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if index.isValid() and modifiers == Qt.KeyboardModifier.NoModifier and \
                self.state() != QAbstractItemView.State.EditingState:
            column = self.spec.column(index.column())
            key = Qt.Key(event.key())
            editable = bool(self.spec.flags(index) & Qt.ItemFlag.ItemIsEditable)
            if column.kind in ("digit", "dots") and editable:
                if key in self.DIGITS:
                    digit = self.DIGITS[key]
                    if column.kind == "digit" and not 1 <= digit <= 5:
                        return
                    if self.spec.setData(index, digit):
                        self._next(index)
                    return
                if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                    self.spec.setData(index, 0 if column.kind == "dots" else None)
                    return
                if event.text().strip():
                    # -- any other character on a scoring cell is a slip of the finger
                    return
            if column.kind == "number" and editable and key in (Qt.Key.Key_Delete,
                                                                 Qt.Key.Key_Backspace):
                self.spec.setData(index, None)
                return
        super().keyPressEvent(event)

    def _next(self, index: QModelIndex) -> None:
        row = index.row() + 1
        if row < self.spec.rowCount():
            self.setCurrentIndex(self.spec.index(row, index.column()))
