"""The outline editor: build the cascade from the keyboard as fast as in a good outliner.

Enter adds a sibling and starts editing it (also straight after typing a title),
Tab and Shift+Tab change level, Ctrl+Enter adds a child, Delete removes with the
element's links, F2 edits, drag and drop re-parents (hold Ctrl to add a parent).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from bigdesk.app import cascade
from bigdesk.app.document import WorkshopDocument
from bigdesk.domain.cascade import Section
from bigdesk.model import ElementType
from bigdesk.store import EditRejectedError, WorkshopFileError

from bigdesk.ui.delegates import ChoicesDelegate
from bigdesk.ui.steps.map.outline_model import TITLE, CascadeOutlineModel, Row

LARGE_OUTLINE = 3_000


class OutlineView(QTreeView):
    """A tree view whose keys build the outline instead of moving the focus."""

    # -- asked of the editor around it: Enter, Ctrl+Enter, Tab, Shift+Tab, Delete
    add_sibling = Signal()
    add_child = Signal()
    indent = Signal()
    outdent = Signal()
    delete = Signal()

    def event(self, event: QEvent) -> bool:
        # -- Tab would move the focus to the next widget before keyPressEvent sees it
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and \
                event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and \
                self.state() != QAbstractItemView.State.EditingState:
            backwards = event.key() == Qt.Key.Key_Backtab or bool(
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            (self.outdent if backwards else self.indent).emit()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.state() != QAbstractItemView.State.EditingState:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                    self.add_child.emit()
                else:
                    self.add_sibling.emit()
                return
            if event.matches(QKeySequence.StandardKey.Delete) or \
                    event.key() == Qt.Key.Key_Delete:
                self.delete.emit()
                return
        super().keyPressEvent(event)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        column = self.currentIndex().column()
        follow: Any = None
        # -- in the title, Enter goes on to a new sibling and Tab changes level, as in
        #    an outliner; elsewhere they behave as in any table
        if column == TITLE:
            if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
                follow = self.add_sibling
            elif hint == QAbstractItemDelegate.EndEditHint.EditNextItem:
                follow = self.indent
            elif hint == QAbstractItemDelegate.EndEditHint.EditPreviousItem:
                follow = self.outdent
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint
                            if follow is not None else hint)
        if follow is not None:
            follow.emit()


class OutlineEditor(QWidget):
    """The outline of the cascade with its toolbar."""

    # -- the user made this element current (the map and the panel follow)
    element_selected = Signal(int)
    # -- the ids of every selected element, after the selection changed
    selection_changed = Signal(list)

    def __init__(self, document: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.model = CascadeOutlineModel(document)
        self.view = OutlineView(self)
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr("Cascade outline"))
        self.view.setItemDelegate(ChoicesDelegate(self.model, self.view))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(True)
        self.view.setAlternatingRowColors(True)
        self.view.setUniformRowHeights(True)
        self.view.setAnimated(False)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        self.view.setIndentation(14)
        for column, width in ((1, 140), (2, 120), (3, 110), (4, 84), (5, 64), (6, 56)):
            self.view.setColumnWidth(column, width)
        # -- a very large outline opens to its objectives only: expanding tens of thousands
        #    of rows would cost seconds at start-up
        if len(self.model.elements) + len(self.model.links) > LARGE_OUTLINE:
            self.view.expandToDepth(1)
        else:
            self.view.expandAll()
        self.model.rejected.connect(self.show_rejection)
        self.view.add_sibling.connect(self.add_sibling)
        self.view.add_child.connect(self.add_child)
        self.view.indent.connect(self.indent)
        self.view.outdent.connect(self.outdent)
        self.view.delete.connect(self.delete_selected)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        # -- rows the tree gains are shown open, so new children are never hidden
        self.model.layoutChanged.connect(self._expand_new)

        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, label, tip, slot in (
            ("purpose", "Add purpose", "A reason the organisation exists", self.add_purpose),
            ("driver", "Add driver", "An opportunity, threat, imperative or goal",
             self.add_driver),
            ("sibling", "Add sibling", "Enter", self.add_sibling),
            ("child", "Add child", "Ctrl+Enter", self.add_child),
            ("indent", "Indent", "Tab: serve the element above", self.indent),
            ("outdent", "Outdent", "Shift+Tab: move up a level", self.outdent),
            ("delete", "Delete", "Delete, with its links (undo brings everything back)",
             self.delete_selected),
        ):
            button = QPushButton(self.tr(label), self)
            button.setAccessibleName(self.tr(label))
            button.setToolTip(self.tr(tip))
            button.clicked.connect(lambda _=False, slot=slot: slot())
            button.setEnabled(not document.read_only)
            buttons.addWidget(button)
            self.buttons[key] = button
        buttons.addStretch(1)
        note = QLabel(self.tr(
            "Enter adds a sibling, Tab and Shift+Tab change level, Ctrl+Enter adds a child, "
            "F2 edits, Delete removes, F6 goes to the inspector and back. Drag to re-parent; "
            "hold Ctrl to add a parent."), self)
        note.setWordWrap(True)
        note.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(note)

    # -- helpers

    def show_rejection(self, message: str) -> None:
        """Tell the user why an edit was refused."""
        QMessageBox.warning(self, self.tr("Not changed"), message)

    def _guard(self, action: Callable[[], Any]) -> Any:
        try:
            return action()
        except (EditRejectedError, WorkshopFileError) as error:
            self.show_rejection(str(error))
            return None

    def _expand_new(self) -> None:
        arrived, self.model.arrived = self.model.arrived, []
        for row in arrived:
            self._expand_all_below(row)

    def _expand_all_below(self, row: Row) -> None:
        if self.model.has_children(row):
            self.view.expand(self.model.index_of(row))
            for child in self.model.rows_under(row):
                self._expand_all_below(child)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        element_id = self.model.element_at(current)
        if element_id is not None:
            self.element_selected.emit(element_id)

    def _selection_changed(self, *_: Any) -> None:
        self.selection_changed.emit(self.selected_ids())

    def selected_ids(self) -> list[int]:
        """Return the ids of the selected elements, each once; section headings left out."""
        rows = [self.model.row_at(index) for index in self.view.selectionModel().selectedRows()]
        return list(dict.fromkeys(row.element_id for row in rows
                                  if row is not None and row.element_id is not None))

    def current_row(self) -> Any:
        """Return the outline row of the current item, if any."""
        return self.model.row_at(self.view.currentIndex())

    def select(self, index: QModelIndex, edit: bool = False) -> None:
        """Make ``index`` current, reveal it, and start editing its title if asked."""
        if not index.isValid():
            return
        index = index.siblingAtColumn(TITLE)
        parent = index.parent()
        while parent.isValid():
            self.view.expand(parent)
            parent = parent.parent()
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.view.scrollTo(index)
        if edit:
            self.view.setFocus()
            self.view.edit(index)

    def reveal(self, element_id: int) -> None:
        """Select the first row showing ``element_id``, opening its parents."""
        current = self.model.element_at(self.view.currentIndex())
        if current != element_id:
            self.select(self.model.find(element_id))

    # -- actions

    def add_purpose(self) -> None:
        """Add a purpose at the end of the purposes and edit its title."""
        self._add_top(ElementType.PURPOSE)

    def add_driver(self) -> None:
        """Add a business driver and edit its title."""
        self._add_top(ElementType.DRIVER)

    def _add_top(self, kind: ElementType) -> None:
        new = self._guard(lambda: cascade.add_element(self.document, kind))
        if new is not None:
            self.select(self.model.find(new), edit=True)

    def add_sibling(self) -> None:
        """Add an element of the same kind after the current one and edit it."""
        row = self.current_row()
        if row is None:
            self.add_purpose()
            return
        if row.element_id is None:
            # -- on a section heading: add the section's first kind of element inside it
            kind = ElementType.DRIVER if row.section is Section.DRIVERS else ElementType.OBJECTIVE
            new = self._guard(lambda: cascade.add_element(self.document, kind))
            if new is not None:
                self.select(self.model.find(new), edit=True)
            return
        place = self.model.place_of(row)
        new = self._guard(lambda: cascade.add_sibling(self.document, row.element_id,
                                                      place.parent_id))
        if new is not None:
            self.select(self.model.find(new, place.parent_id), edit=True)

    def add_child(self) -> None:
        """Add an element under the current one (of the kind that naturally serves it)."""
        row = self.current_row()
        if row is None or row.element_id is None:
            self.add_sibling()
            return
        parent_id = row.element_id
        new = self._guard(lambda: cascade.add_child(self.document, parent_id))
        if new is not None:
            self.select(self.model.find(new, parent_id), edit=True)

    def indent(self) -> None:
        """Make the current element serve the one above it (Tab)."""
        row = self.current_row()
        if row is None or row.element_id is None:
            return
        element_id = row.element_id
        place = self.model.place_of(row)
        parent = self._guard(lambda: cascade.indent(self.document, element_id, place))
        if parent is not None:
            self.select(self.model.find(element_id, parent))

    def outdent(self) -> None:
        """Move the current element up a level, after its parent (Shift+Tab)."""
        row = self.current_row()
        if row is None or row.element_id is None or row.parent is None or \
                row.parent.element_id is None:
            return
        element_id = row.element_id
        place = self.model.place_of(row)
        parent_place = self.model.place_of(row.parent)
        moved = self._guard(lambda: cascade.outdent(self.document, element_id, place,
                                                    parent_place))
        if moved is not None:
            self.select(self.model.find(element_id, moved.parent_id))

    def delete_selected(self) -> None:
        """Delete the selected elements with all their links, as one undoable edit."""
        ids = self.selected_ids()
        if not ids:
            return
        current = self.current_row()
        neighbour = None
        if current is not None and current.parent is not None:
            siblings = [r for r in self.model.rows_under(current.parent)
                        if r.element_id not in ids]
            before = [r for r in siblings if r.row < current.row]
            pick = before[-1] if before else (siblings[0] if siblings else current.parent)
            neighbour = pick.key
        self._guard(lambda: cascade.delete_elements(self.document, ids))
        row = self.model.row_by_key(neighbour) if neighbour is not None else None
        if row is not None:
            self.select(self.model.index_of(row))
