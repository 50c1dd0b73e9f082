"""Dependency tables: which element (or accountability node) waits on which, of what kind, and why.

One model, dialog and editor serve both: a ``DependencySpec`` says which table they
show, what its ends are and how they read. The Map step shows ``ELEMENT_DEPENDENCIES``;
the Accountability step passes its own spec for node dependencies.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bigdesk.analysis.cascade import ElementRow, element_rows
from bigdesk.app import cascade
from bigdesk.app.document import WorkshopDocument
from bigdesk.domain.cascade import TYPE_LABELS
from bigdesk.model import Base, Dependency, Element, ElementType
from bigdesk.store import Changes, EditRejectedError, WorkshopFileError, fetch_one

from bigdesk.ui.delegates import ComboDelegate, Index
from bigdesk.ui.watching import WatchingView

if TYPE_CHECKING:
    from sqlalchemy import Connection

DEPENDENT, PREREQUISITE, KIND, NOTE = range(4)
FITTED_ROWS = 200

Kinds = tuple[tuple[str, str], ...]

# -- stored as written (the column is free text, the sample and registers use these spellings)
DEPENDENCY_KINDS: Kinds = (
    ("finish-to-start", "Finish to start"),
    ("start-to-start", "Start to start"),
    ("finish-to-finish", "Finish to finish"),
    ("shares-resource", "Shares a resource"),
    ("needs-information", "Needs information"),
)

# -- initiatives first: they are what usually waits on something; then every other kind,
#    from how to why, so a kind added to the model has its place here too
TYPE_ORDER = (ElementType.INITIATIVE,
              *(kind for kind in reversed(ElementType) if kind is not ElementType.INITIATIVE))


def element_label(row: Element | ElementRow) -> str:
    """Return "ref  title" for an element, or its kind when it has no title yet."""
    title = (row.title or "").strip() or f"(untitled {TYPE_LABELS[row.type].lower()})"
    ref = (row.ref or "").strip()
    return f"{ref}  {title}" if ref else title


def _natural(text: str) -> list[Any]:
    # -- I2 before I10
    return [int(part) if part.isdecimal() else part.lower() for part in re.split(r"(\d+)", text)]


def choosable(elements: Mapping[int, Element | ElementRow]) -> list[Element | ElementRow]:
    """Return the elements a dependency may join, initiatives first, then by ref and title."""
    return sorted(
        elements.values(),
        key=lambda row: (TYPE_ORDER.index(row.type), row.ref is None,
                         _natural(row.ref or ""), _natural(row.title or "")),
    )


@dataclass(frozen=True)
class DependencySpec:
    """What a dependency table joins, how its ends read, and the services that change it."""

    table: type[Base]  # -- the dependency table: dependent_id, prerequisite_id, kind, note
    ends_table: type[Base]  # -- the table both ends live in
    headers: tuple[str, str, str, str]
    kinds: Kinds
    ends: Callable[[Connection], list[Any]]  # -- in the order the dialog offers them
    rows: Callable[[Connection], list[Any]]
    label: Callable[[Any], str]
    tooltip: Callable[[Any], str]
    add: Callable[[WorkshopDocument, int, int, str, str], int]
    change: Callable[[WorkshopDocument, int, str, str], None]
    remove: Callable[[WorkshopDocument, Sequence[int]], None]
    table_name: str
    add_tip: str
    hint: str

    @property
    def noun(self) -> str:
        """Return what one row is called ("dependency", "node dependency")."""
        return self.table.noun

    def kind_label(self, kind: str) -> str:
        """Return how a kind reads in the table; a kind typed elsewhere stays as is."""
        return dict(self.kinds).get(kind, kind)


ELEMENT_DEPENDENCIES = DependencySpec(
    table=Dependency, ends_table=Element,
    headers=("Dependent", "Prerequisite", "Kind", "Note"), kinds=DEPENDENCY_KINDS,
    ends=lambda conn: choosable(element_rows(conn)), rows=cascade.dependencies,
    label=element_label,
    tooltip=lambda row: f"{TYPE_LABELS[row.type]}: {element_label(row)}",
    add=cascade.add_dependency, change=cascade.set_dependency,
    remove=cascade.remove_dependencies, table_name="Dependencies table",
    add_tip="Say which element waits on which (Ins)",
    hint="The dependent waits on its prerequisite. Double-click a kind or a note to change "
         "it. A dependency that would make work wait on itself is refused.",
)


class DependencyModel(WatchingView, QAbstractTableModel):
    """Every dependency of one table; kind and note edit in place, one undo step each.

    Shown in a widget, it reads the dependencies when the widget is first shown.
    """

    # -- an edit was refused; carries the message for the user
    rejected = Signal(str)

    def __init__(self, document: WorkshopDocument, parent: QObject | None = None,
                 spec: DependencySpec = ELEMENT_DEPENDENCIES) -> None:
        super().__init__(parent)
        self.document = document
        self.spec = spec
        self.ends: dict[int, Any] = {}
        self._rows: list[Any] = []
        self.watches = (spec.table, spec.ends_table)
        # -- a tab behind others need not read thousands of rows until it is looked at
        self.lazy = isinstance(parent, QWidget)
        self.watch(document, parent if isinstance(parent, QWidget) else None)
        if not self.lazy:
            self.reload()

    def reload(self) -> None:
        """Fetch the dependencies and what they join again."""
        self.beginResetModel()
        with self.document.read() as conn:
            self.ends = {row.id: row for row in self.spec.ends(conn)}
            self._rows = self.spec.rows(conn)
        self.endResetModel()

    def repaint_rows(self, changes: Changes) -> None:
        # -- a kind, note, title or name changed in place: read only those rows, and repaint
        #    without a reset, which would tear down the cell editor committing the change
        ends = [i for i in changes.rows_of(self.spec.ends_table) if i in self.ends]
        changed = set(changes.rows_of(self.spec.table))
        with self.document.read() as conn:
            for end_id in ends:
                self.ends[end_id] = fetch_one(conn, self.spec.ends_table, end_id) \
                    or self.ends[end_id]
            self._rows = [(fetch_one(conn, self.spec.table, row.id) or row)
                          if row.id in changed else row for row in self._rows]
        if self._rows and (ends or changed):
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, NOTE))

    def dependency_id(self, row: int) -> int:
        """Return the id of the dependency shown in ``row``."""
        return int(self._rows[row].id)

    def row_of(self, dependency_id: int) -> int | None:
        """Return the row showing dependency ``dependency_id``, if any."""
        return next((i for i, r in enumerate(self._rows) if r.id == dependency_id), None)

    def record(self, row: int) -> Any:
        """Return the stored values of the dependency in ``row``."""
        return self._rows[row]

    # -- Qt API

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else NOTE + 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section <= NOTE:
            return self.tr(self.spec.headers[section])
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in (KIND, NOTE) and not self.document.read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if column in (DEPENDENT, PREREQUISITE):
            end = self.ends.get(row.dependent_id if column == DEPENDENT
                                else row.prerequisite_id)
            if end is None:
                return None
            if role == Qt.ItemDataRole.DisplayRole:
                return self.spec.label(end)
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.spec.tooltip(end)
            if role == Qt.ItemDataRole.UserRole:
                return end.id
            return None
        value = row.kind if column == KIND else row.note
        if role == Qt.ItemDataRole.DisplayRole:
            return (self.tr(self.spec.kind_label(value)) if column == KIND
                    else value.split("\n", 1)[0])
        if role == Qt.ItemDataRole.EditRole:
            return value
        if role == Qt.ItemDataRole.ToolTipRole and column == NOTE and value:
            return value
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (role != Qt.ItemDataRole.EditRole or not index.isValid()
                or not self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        row = self._rows[index.row()]
        kind, note = row.kind, row.note
        if index.column() == KIND:
            kind = str(value).strip()
        else:
            note = str(value).strip()
        if (kind, note) == (row.kind, row.note):
            return False
        try:
            self.spec.change(self.document, row.id, kind, note)
        except (EditRejectedError, WorkshopFileError) as error:
            self.rejected.emit(str(error))
            return False
        return True


class KindDelegate(ComboDelegate):
    """Choose a dependency's kind from the short list (a kind typed elsewhere is kept)."""

    def __init__(self, kinds: Kinds, parent: QWidget) -> None:
        super().__init__(parent)
        self.kinds = kinds

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName(self.tr("Kind"))
        fill_kinds(combo, self.kinds, str(index.data(Qt.ItemDataRole.EditRole) or ""))
        return combo


def fill_kinds(combo: QComboBox, kinds: Kinds, current: str = "") -> None:
    """Fill ``combo`` with ``kinds``, plus ``current`` if it is not one of them."""
    for value, label in kinds:
        combo.addItem(combo.tr(label), value)
    if current and current not in dict(kinds):
        combo.addItem(current, current)


class AddDependencyDialog(QDialog):
    """Choose a dependent, its prerequisite, the kind and a note; a refused loop is explained."""

    def __init__(self, document: WorkshopDocument, dependent_id: int | None = None,
                 parent: QWidget | None = None,
                 spec: DependencySpec = ELEMENT_DEPENDENCIES) -> None:
        super().__init__(parent)
        self.document = document
        self.spec = spec
        self.added: int | None = None
        self.setWindowTitle(self.tr("Add %s") % self.tr(spec.noun))
        with document.read() as conn:
            ends = spec.ends(conn)
        self.dependent = QComboBox(self)
        self.prerequisite = QComboBox(self)
        for combo, name in ((self.dependent, self.tr(spec.headers[DEPENDENT])),
                            (self.prerequisite, self.tr(spec.headers[PREREQUISITE]))):
            combo.setAccessibleName(name)
            combo.setMinimumWidth(360)
            for row in ends:
                combo.addItem(spec.label(row), row.id)
                combo.setItemData(combo.count() - 1, spec.tooltip(row),
                                  Qt.ItemDataRole.ToolTipRole)
        if dependent_id is not None:
            self.dependent.setCurrentIndex(max(0, self.dependent.findData(dependent_id)))
        # -- start the prerequisite somewhere other than the dependent
        self.prerequisite.setCurrentIndex(min(1, self.prerequisite.count() - 1))
        self.kind = QComboBox(self)
        self.kind.setAccessibleName(self.tr("Kind"))
        fill_kinds(self.kind, spec.kinds)
        self.note = QLineEdit(self)
        self.note.setAccessibleName(self.tr("Note"))
        self.note.setPlaceholderText(self.tr("Why it waits, in a few words"))
        form = QFormLayout()
        form.addRow(self.tr("&Dependent (waits):"), self.dependent)
        form.addRow(self.tr("&Prerequisite (comes first):"), self.prerequisite)
        form.addRow(self.tr("&Kind:"), self.kind)
        form.addRow(self.tr("&Note:"), self.note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(len(ends) > 1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def accept(self) -> None:
        """Add the dependency; if the services refuse it, say why and let the user choose again."""
        try:
            self.added = self.spec.add(
                self.document, int(self.dependent.currentData()),
                int(self.prerequisite.currentData()), str(self.kind.currentData()),
                self.note.text())
        except (EditRejectedError, WorkshopFileError) as error:
            QMessageBox.warning(self, self.tr("Not added"), str(error))
            return
        super().accept()


class DependencyEditor(QWidget):
    """The table of dependencies with add and remove, from the keyboard too."""

    def __init__(self, document: WorkshopDocument, parent: QWidget | None = None,
                 spec: DependencySpec = ELEMENT_DEPENDENCIES) -> None:
        super().__init__(parent)
        self.document = document
        self.spec = spec
        noun = self.tr(spec.noun)
        self.model = DependencyModel(document, self, spec)
        self.dialog: AddDependencyDialog | None = None
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr(spec.table_name))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setItemDelegateForColumn(KIND, KindDelegate(spec.kinds, self.view))
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # -- columns fit the first rows: measuring each of thousands took a noticeable while
        self.view.verticalHeader().setResizeContentsPrecision(FITTED_ROWS)
        header.setStretchLastSection(True)
        self.model.rejected.connect(self._show_rejection)
        self.model.modelReset.connect(self._fit_columns)

        self.add_button = QPushButton(self.tr("Add %s…") % noun, self)
        self.add_button.setAccessibleName(self.tr("Add %s") % noun)
        self.add_button.setToolTip(self.tr(spec.add_tip))
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setAccessibleName(self.tr("Remove %s") % noun)
        self.remove_button.setToolTip(self.tr("Remove the selected rows (Delete)"))
        for button in (self.add_button, self.remove_button):
            button.setEnabled(not document.read_only)
        self.add_button.clicked.connect(self.ask_to_add)
        self.remove_button.clicked.connect(self.remove_selected)
        for keys, slot in ((QKeySequence.StandardKey.Delete, self.remove_selected),
                           (QKeySequence("Ins"), self.ask_to_add)):
            shortcut = QShortcut(keys, self.view)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        hint = QLabel(self.tr(spec.hint), self)
        hint.setWordWrap(True)
        hint.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(hint)
        self._fit_columns()

    def _fit_columns(self) -> None:
        # -- the note stretches into whatever width is left; the tooltip shows it whole
        for column in (DEPENDENT, PREREQUISITE, KIND):
            self.view.resizeColumnToContents(column)
            self.view.setColumnWidth(column, max(90, min(self.view.columnWidth(column), 320)))

    def _show_rejection(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("Not changed"), message)

    def ask_to_add(self) -> None:
        """Open the dialog that adds a dependency, the current row's dependent chosen."""
        if self.document.read_only:
            return
        current = self.view.currentIndex()
        dependent = (self.model.record(current.row()).dependent_id
                     if current.isValid() else None)
        self.dialog = AddDependencyDialog(self.document, dependent, self, self.spec)
        self.dialog.accepted.connect(self._added)
        self.dialog.open()

    def _added(self) -> None:
        if self.dialog is not None and self.dialog.added is not None:
            self.select(self.dialog.added)

    def select(self, dependency_id: int) -> None:
        """Make dependency ``dependency_id`` the current row."""
        row = self.model.row_of(dependency_id)
        if row is not None:
            self.view.selectRow(row)
            self.view.scrollTo(self.model.index(row, 0))

    def selected_ids(self) -> list[int]:
        """Return the ids of the selected dependencies, in table order."""
        rows = sorted({index.row() for index in self.view.selectionModel().selectedRows()})
        return [self.model.dependency_id(row) for row in rows]

    def remove_selected(self) -> None:
        """Remove the selected dependencies, one undoable step in all."""
        ids = self.selected_ids()
        if not ids or self.document.read_only:
            return
        first = min(self.model.row_of(i) or 0 for i in ids)
        try:
            self.spec.remove(self.document, ids)
        except (EditRejectedError, WorkshopFileError) as error:
            self._show_rejection(str(error))
            return
        if self.model.rowCount():
            self.view.selectRow(min(first, self.model.rowCount() - 1))
