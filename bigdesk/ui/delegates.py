"""Cell editors for the tables: choices from a list and optional whole numbers."""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from bigdesk.ui.row_model import Column

Index = QModelIndex | QPersistentModelIndex


class OffersChoices(Protocol):
    """A model that says which values a column may take."""

    def choices(self, column: int) -> list[tuple[Any, str]]:
        """Return (value, label) for each value ``column`` may take; empty: free text."""

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Return the header of ``section``."""


class ComboDelegate(QStyledItemDelegate):
    """A delegate whose drop-down editors carry each choice's stored value as item data."""

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)


class ChoicesDelegate(ComboDelegate):
    """Edit a column the model offers choices for from a list; any other column as text."""

    def __init__(self, model: OffersChoices, parent: QWidget) -> None:
        super().__init__(parent)
        self.model = model

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        name = str(self.model.headerData(index.column(), Qt.Orientation.Horizontal))
        choices = self.model.choices(index.column())
        if choices:
            combo = QComboBox(parent)
            combo.setAccessibleName(name)
            for value, label in choices:
                combo.addItem(label, value)
            return combo
        editor = super().createEditor(parent, option, index)
        editor.setAccessibleName(name)
        return editor


class ColumnDelegate(ComboDelegate):
    """Edit a cell the way its column says: a list of choices, a bounded number, or text."""

    def __init__(self, column: Column, parent: QWidget) -> None:
        super().__init__(parent)
        self.column = column

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        if self.column.kind == "choice":
            combo = QComboBox(parent)
            combo.setAccessibleName(self.column.header)
            for value, label in self.column.choices:
                combo.addItem(label, value)
            return combo
        if self.column.kind == "number":
            spin = QSpinBox(parent)
            spin.setAccessibleName(self.column.header)
            if self.column.optional:
                # -- one below the minimum stands for "not set", shown as a dash
                spin.setRange(self.column.minimum - 1, self.column.maximum)
                spin.setSpecialValueText("—")
            else:
                spin.setRange(self.column.minimum, self.column.maximum)
            return spin
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QSpinBox):
            value: Any = index.data(Qt.ItemDataRole.EditRole)
            editor.setValue(editor.minimum() if value is None else int(value))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QSpinBox):
            value = editor.value()
            model.setData(index, None if value < self.column.minimum else value)
        else:
            super().setModelData(editor, model, index)
