"""Edit the workshop's own framework: groups and dimensions, their names, keys and descriptors."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QFocusEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bigdesk.app import assessment as service
from bigdesk.app.document import WorkshopDocument
from bigdesk.model import Base, Dimension, DimensionGroup
from bigdesk.store import EditRejectedError, WorkshopFileError

from bigdesk.ui.watching import WatchingView

# -- what a tree item is: a group or a dimension
GROUP, DIMENSION = DimensionGroup, Dimension
KIND_ROLE = Qt.ItemDataRole.UserRole
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class _SavingText(QPlainTextEdit):
    """A descriptor box that saves when focus leaves it."""

    def __init__(self, on_done: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._on_done = on_done
        self.setTabChangesFocus(True)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._on_done()


class FrameworkEditor(WatchingView, QWidget):
    """Groups and dimensions in a tree; the chosen dimension's texts beside it."""

    watches = (DimensionGroup, Dimension)

    def __init__(self, document: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.setAccessibleName(self.tr("Framework editor"))
        self.tree = QTreeWidget(self)
        self.tree.setAccessibleName(self.tr("Groups and dimensions"))
        self.tree.setHeaderLabels([self.tr("Group / dimension"), self.tr("Key")])
        self.tree.setColumnWidth(0, 320)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.DoubleClicked)
        self.tree.itemChanged.connect(self._renamed_in_tree)
        self.tree.currentItemChanged.connect(lambda *_: self._show_details())

        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, tip, slot in (
            ("add_group", "Add group", "Add a group at the end", self.add_group),
            ("add_dimension", "Add dimension", "Add a dimension to the current group (Ins)",
             self.add_dimension),
            ("rename", "Rename", "Rename the current group or dimension (F2)", self.rename),
            ("remove", "Remove", "Remove the current group or dimension (Delete)", self.remove),
            ("up", "Move up", "Move up (Ctrl+Up)", lambda: self.move_current(-1)),
            ("down", "Move down", "Move down (Ctrl+Down)", lambda: self.move_current(1)),
        ):
            button = QPushButton(self.tr(text), self)
            button.setAccessibleName(self.tr(text))
            button.setToolTip(self.tr(tip))
            button.clicked.connect(slot)
            button.setEnabled(not document.read_only)
            buttons.addWidget(button)
            self.buttons[key] = button
        buttons.addStretch(1)
        for keys, slot in ((QKeySequence("Ins"), self.add_dimension),
                           (QKeySequence.StandardKey.Delete, self.remove),
                           (QKeySequence("Ctrl+Up"), lambda: self.move_current(-1)),
                           (QKeySequence("Ctrl+Down"), lambda: self.move_current(1))):
            shortcut = QShortcut(keys, self.tree)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)

        self.details = QWidget(self)
        form = QFormLayout(self.details)
        self.key_edit = QLineEdit(self.details)
        self.key_edit.setAccessibleName(self.tr("Key"))
        self.key_edit.setToolTip(self.tr("Stable key that matches this dimension across "
                                         "workshops and framework files"))
        self.key_edit.editingFinished.connect(lambda: self._save_line("key", self.key_edit))
        self.name_edit = QLineEdit(self.details)
        self.name_edit.setAccessibleName(self.tr("Name"))
        self.name_edit.editingFinished.connect(lambda: self._save_line("name", self.name_edit))
        self.group_choice = QComboBox(self.details)
        self.group_choice.setAccessibleName(self.tr("Group"))
        self.group_choice.activated.connect(self._group_chosen)
        form.addRow(self.tr("Name"), self.name_edit)
        form.addRow(self.tr("Key"), self.key_edit)
        form.addRow(self.tr("Group"), self.group_choice)
        self.text_edits: dict[str, _SavingText] = {}
        for column, label in (("description", "Description"), *(
                (f"level_{n}", f"Level {n}") for n in range(1, 6))):
            edit = _SavingText(partial(self._save_text, column), self.details)
            edit.setAccessibleName(self.tr(label))
            edit.setFixedHeight(3 * edit.fontMetrics().height() + 12)
            form.addRow(self.tr(label), edit)
            self.text_edits[column] = edit
        self.details_hint = QLabel(self.tr("Choose a dimension to edit its texts."), self)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.tree, 1)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.details_hint)
        right_layout.addWidget(self.details)
        right_layout.addStretch(1)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([520, 600])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.watch(document)
        self.reload()

    # -- showing

    def reload(self) -> None:
        """Rebuild the tree from the workshop, keeping the current item."""
        current = self.current()
        self.tree.blockSignals(True)
        self.tree.clear()
        with self.document.read() as conn:
            groups = service.groups(conn)
            dims = service.dimensions(conn)
        self.group_choice.clear()
        editable = Qt.ItemFlag.ItemIsEditable if not self.document.read_only else \
            Qt.ItemFlag.NoItemFlags
        items: dict[tuple[type[Base], int], QTreeWidgetItem] = {}
        for group in groups:
            item = QTreeWidgetItem(self.tree, [group.name, ""])
            item.setData(0, KIND_ROLE, GROUP)
            item.setData(0, ID_ROLE, group.id)
            item.setFlags(item.flags() | editable)
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
            items[(GROUP, group.id)] = item
            self.group_choice.addItem(group.name, group.id)
        self._dims = {d.id: d for d in dims}
        for dim in dims:
            parent = items.get((GROUP, dim.group_id))
            if parent is None:
                continue
            item = QTreeWidgetItem(parent, [dim.name, dim.key])
            item.setData(0, KIND_ROLE, DIMENSION)
            item.setData(0, ID_ROLE, dim.id)
            item.setFlags(item.flags() | editable)
            items[(DIMENSION, dim.id)] = item
        self.tree.expandAll()
        self.tree.blockSignals(False)
        if current is not None and current in items:
            self.tree.setCurrentItem(items[current])
        elif (first := self.tree.topLevelItem(0)) is not None:
            self.tree.setCurrentItem(first)
        self._show_details()

    def current(self) -> tuple[type[Base], int] | None:
        """Return the kind and id of the current item."""
        item = self.tree.currentItem()
        if item is None:
            return None
        return item.data(0, KIND_ROLE), int(item.data(0, ID_ROLE))

    def select(self, kind: type[Base], row_id: int) -> None:
        """Make a group or dimension current."""
        for item in self._all_items():
            if item.data(0, KIND_ROLE) == kind and item.data(0, ID_ROLE) == row_id:
                self.tree.setCurrentItem(item)
                return

    def _all_items(self) -> list[QTreeWidgetItem]:
        found: list[QTreeWidgetItem] = []
        for number in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(number)
            if top is None:
                continue
            found.append(top)
            found += [child for i in range(top.childCount()) if (child := top.child(i))]
        return found

    def _show_details(self) -> None:
        current = self.current()
        dim = self._dims.get(current[1]) if current and current[0] == DIMENSION else None
        self.details.setVisible(dim is not None)
        self.details_hint.setVisible(dim is None)
        if dim is None:
            return
        for widget in (self.key_edit, self.name_edit, self.group_choice,
                       *self.text_edits.values()):
            widget.setEnabled(not self.document.read_only)
        self.key_edit.setText(dim.key)
        self.name_edit.setText(dim.name)
        self.group_choice.setCurrentIndex(self.group_choice.findData(dim.group_id))
        for column, edit in self.text_edits.items():
            if edit.toPlainText() != getattr(dim, column):
                edit.setPlainText(getattr(dim, column))

    # -- editing

    def _guard(self, action: Callable[[], object]) -> object:
        try:
            return action()
        except (EditRejectedError, WorkshopFileError) as error:
            QMessageBox.warning(self, self.tr("Not changed"), str(error))
            self.reload()
            return None

    def _current_dimension(self) -> int | None:
        current = self.current()
        return current[1] if current and current[0] == DIMENSION else None

    def _save_line(self, column: str, edit: QLineEdit) -> None:
        dim_id = self._current_dimension()
        if dim_id is None or self.document.read_only:
            return
        self._guard(lambda: service.set_dimension(self.document, dim_id, column, edit.text()))

    def _save_text(self, column: str) -> None:
        dim_id = self._current_dimension()
        if dim_id is None or self.document.read_only or dim_id not in self._dims:
            return
        text = self.text_edits[column].toPlainText()
        if text.strip() != getattr(self._dims[dim_id], column):
            self._guard(lambda: service.set_dimension(self.document, dim_id, column, text))

    def _group_chosen(self) -> None:
        dim_id = self._current_dimension()
        group_id = self.group_choice.currentData()
        if dim_id is None or group_id is None or self._dims[dim_id].group_id == group_id:
            return
        self._guard(lambda: service.move_dimension_to_group(self.document, dim_id, group_id))

    def _renamed_in_tree(self, item: QTreeWidgetItem, column: int) -> None:
        if column != 0:
            return
        kind, row_id = item.data(0, KIND_ROLE), int(item.data(0, ID_ROLE))
        name = item.text(0)
        if kind == GROUP:
            self._guard(lambda: service.rename_group(self.document, row_id, name))
        else:
            self._guard(lambda: service.set_dimension(self.document, row_id, "name", name))

    def add_group(self) -> None:
        """Add a group and start naming it."""
        group_id = self._guard(lambda: service.add_group(self.document, self.tr("New group")))
        if isinstance(group_id, int):
            self.select(GROUP, group_id)
            self.rename()

    def add_dimension(self) -> None:
        """Add a dimension after the current one (or to the current group) and start naming it."""
        current = self.current()
        if current is None or self.document.read_only:
            return
        if current[0] == GROUP:
            group_id, after = current[1], None
        else:
            group_id, after = self._dims[current[1]].group_id, current[1]
        dim_id = self._guard(lambda: service.add_dimension(
            self.document, group_id, self.tr("New dimension"), after))
        if isinstance(dim_id, int):
            self.select(DIMENSION, dim_id)
            self.rename()

    def rename(self) -> None:
        """Start renaming the current item in place."""
        item = self.tree.currentItem()
        if item is not None and not self.document.read_only:
            self.tree.setFocus()
            self.tree.editItem(item, 0)

    def remove(self) -> None:
        """Remove the current group or dimension, asking first when scores would go with it."""
        current = self.current()
        if current is None or self.document.read_only:
            return
        kind, row_id = current
        ids = [row_id] if kind == DIMENSION else \
            [d for d, dim in self._dims.items() if dim.group_id == row_id]
        with self.document.read() as conn:
            scores = service.scores_for(conn, ids)
        if scores:
            noun = self.tr(kind.noun)
            answer = QMessageBox.question(
                self, self.tr("Remove %s") % noun,
                self.tr("This %s holds %d scores. Removing it deletes them and its consensus "
                        "too (Undo brings them back). Remove it?") % (noun, scores),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        if kind == DIMENSION:
            self._guard(lambda: service.remove_dimension(self.document, row_id))
        else:
            self._guard(lambda: service.remove_group(self.document, row_id))

    def move_current(self, offset: int) -> None:
        """Move the current group or dimension up or down."""
        current = self.current()
        if current is None or self.document.read_only:
            return
        kind, row_id = current
        if kind == GROUP:
            self._guard(lambda: service.move_group(self.document, row_id, offset))
        else:
            self._guard(lambda: service.move_dimension(self.document, row_id, offset))
        self.select(kind, row_id)
