"""A Qt table model over one ordered table of the workshop, driven by its table service."""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from bigdesk.app.document import WorkshopDocument
from bigdesk.app.tables import OrderedTable
from bigdesk.domain.fields import Field, FieldKind, choice_label
from bigdesk.model import Base
from bigdesk.store import Changes, EditRejectedError, WorkshopFileError

from bigdesk.ui.watching import WatchingView

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    """How one column of the table shows and edits a field."""

    key: str
    header: str
    # -- text, number, choice (an enum), check (a bool shown as a tick box) or computed
    kind: str = "text"
    choices: tuple[tuple[Any, str], ...] = ()
    minimum: int = 0
    maximum: int = 0
    # -- a number that may be left empty (shown as a dash)
    optional: bool = False
    # -- for computed columns: the text shown for a row, given the rows before it
    compute: Callable[[int, Sequence[Any]], str] | None = field(default=None)
    tooltip: str = ""

    @classmethod
    def of(cls, spec: Field, header: str = "") -> Column:
        """Return the column that shows and edits the field ``spec`` as the domain says."""
        kind = {FieldKind.NUMBER: "number", FieldKind.FLAG: "check",
                FieldKind.CHOICE: "choice"}.get(spec.kind, "text")  # fmt: skip
        choices = tuple((m.value, choice_label(m)) for m in spec.choices) if spec.choices \
            else spec.options
        if spec.options:
            kind = "choice"
        return cls(spec.key, header or spec.label, kind, choices,
                   int(spec.minimum or 0), int(spec.maximum or 0),
                   optional=not spec.required, tooltip=spec.help)

    @property
    def editable(self) -> bool:
        """Return whether users may change this column."""
        return self.kind != "computed"


class RowTableModel(WatchingView, QAbstractTableModel):
    """Rows of one table, refreshed when an edit changes them."""

    # -- an edit was refused; carries the message for the user
    rejected = Signal(str)

    def __init__(
        self, document: WorkshopDocument, service: OrderedTable[Any], columns: Sequence[Column]
    ) -> None:
        super().__init__(document)
        self.document = document
        self.service = service
        self.noun = service.noun
        self.columns = list(columns)
        # -- only rows whose columns hold these values are shown (a table group's points)
        self.scope: dict[str, Any] = {}
        self._rows: list[Any] = []
        self._row_of: dict[int, int] = {}
        self.watches = (service.model,)
        self.watch(document)
        self.reload()

    # -- queries for the page

    def row_id(self, row: int) -> int:
        """Return the id of the element shown in ``row``."""
        return int(self._rows[row].id)

    def row_of(self, row_id: int) -> int | None:
        """Return the row that shows element ``row_id``, if any."""
        return self._row_of.get(row_id)

    def record(self, row: int) -> Any:
        """Return the stored row shown in ``row``."""
        return self._rows[row]

    def records(self) -> list[Any]:
        """Return every row's stored values, in order."""
        return list(self._rows)

    def reload(self) -> None:
        """Fetch every row again."""
        self.beginResetModel()
        with self.document.read() as conn:
            self._rows = self.fetch_rows(conn)
        self._row_of = {r.id: i for i, r in enumerate(self._rows)}
        self.endResetModel()

    @property
    def model(self) -> type[Base]:
        """Return the model class of the rows shown."""
        return self.service.model

    def fetch_rows(self, conn: Connection) -> list[Any]:
        """Return the rows to show, in order."""
        return self.service.rows(conn, self.scope)

    def fetch_row(self, conn: Connection, row_id: int) -> Any:
        """Return one shown row's fresh values, or None if it is gone."""
        return self.service.row(conn, row_id)

    def repaint_rows(self, changes: Changes) -> None:
        ids = changes.rows_of(self.model)
        if not ids:
            return
        with self.document.read() as conn:
            for row_id in ids:
                row = self._row_of.get(row_id)
                fresh = self.fetch_row(conn, row_id)
                if row is None or fresh is None:
                    continue
                self._rows[row] = fresh
                # -- computed columns depend on earlier rows, so repaint to the end
                last = len(self._rows) - 1 if self._has_computed() else row
                self.dataChanged.emit(
                    self.index(row, 0), self.index(last, len(self.columns) - 1)
                )

    def _has_computed(self) -> bool:
        return any(c.kind == "computed" for c in self.columns)

    # -- Qt API

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            column = self.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return column.header
            if role == Qt.ItemDataRole.ToolTipRole and column.tooltip:
                return column.tooltip
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        column = self.columns[index.column()]
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.document.read_only or not column.editable:
            return flags
        if column.kind == "check":
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        return flags | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        column = self.columns[index.column()]
        record = self._rows[index.row()]
        value = getattr(record, column.key, None)
        if column.kind == "check":
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(column, index.row(), value)
        if role == Qt.ItemDataRole.EditRole:
            return value.value if isinstance(value, enum.Enum) else value
        if role == Qt.ItemDataRole.ToolTipRole and column.kind == "text" and value:
            return str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.kind in ("number", "computed"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, column: Column, row: int, value: Any) -> str:
        if column.compute is not None:
            return column.compute(row, self._rows)
        if value is None:
            return ""
        if column.kind == "choice":
            raw = value.value if isinstance(value, enum.Enum) else value
            return next((label for key, label in column.choices if key == raw), str(raw))
        if column.kind == "text":
            # -- a long text shows its first line in the grid; the tooltip shows it all
            return str(value).split("\n", 1)[0]
        return str(value)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not self.flags(index) & (
            Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable
        ):
            return False
        column = self.columns[index.column()]
        if column.kind == "check":
            if role != Qt.ItemDataRole.CheckStateRole:
                return False
            value = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role != Qt.ItemDataRole.EditRole:
            return False
        elif column.kind == "text":
            value = str(value).strip()
        try:
            return self.service.set_value(self.document, self.row_id(index.row()), column.key,
                                          value)
        except (EditRejectedError, WorkshopFileError) as error:
            self.rejected.emit(str(error))
            return False
