"""One editor for each kind of field, as the inspector shows them.

An editor shows a stored value, or that the selected items differ ("(mixed)"), and
emits ``committed`` with what the user chose: the text typed, a choice's stored
value or a row's id. The inspector hands it to a service, which checks it against
the field's rules, and then shows what was stored. Enter (Ctrl+Enter in a long
text) or leaving the field commits; Esc puts back the stored value.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence, QWheelEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from bigdesk.domain.fields import Field, FieldKind, choice_label
from bigdesk.domain.values import field_number

# -- the item data of the "(mixed)" entry of a list: never a stored value
MIXED = "\x00mixed"
LONG_TEXT_LINES = 4


class FieldEditor(QWidget):
    """Edits one field of the selected items."""

    # -- what the user chose, for the service to check and store
    committed = Signal(object)

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        # -- as tall as its widget: a form gives spare height to no field
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def attach(self, widget: QWidget) -> None:
        """Make ``widget`` this editor's focus and give it the field's name and help."""
        self.row.addWidget(widget, 1)
        self.setFocusProxy(widget)
        widget.setAccessibleName(self.tr(self.field.label))
        widget.setToolTip(self.help())

    def help(self) -> str:
        """Return what the field is for and what it accepts, in one line."""
        field = self.field
        parts = [self.tr(field.help or field.label)]
        low, high = field.minimum, field.maximum
        if field.kind is FieldKind.NUMBER and low is not None:
            parts.append(self.tr("from %s to %s") % (field_number(low), field_number(high))
                         if high is not None else self.tr("%s or more") % field_number(low))
        if field.kind is FieldKind.DATE:
            parts.append(self.tr("such as 2027-03-31 or 31/03/2027; empty when not set"))
        if field.kind is FieldKind.TEXT and field.max_length:
            parts.append(self.tr("up to %s characters") % f"{field.max_length:,}")
        return "; ".join(parts)

    def show_value(self, value: Any, mixed: bool = False) -> None:
        """Show the stored ``value``, or that the selected items differ."""
        raise NotImplementedError

    def set_editable(self, editable: bool) -> None:
        """Allow changes, or only show the value (a read-only workshop)."""
        raise NotImplementedError

    def is_dirty(self) -> bool:
        """Return whether the editor holds a change the user has not committed yet."""
        return False


class LineEditor(FieldEditor):
    """A one-line text, a number or a date, typed as people write them."""

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.line = _Line(self)
        self.attach(self.line)
        self.shown = ""
        if field.help:
            self.placeholder = self.tr(field.help)
        else:
            self.placeholder = "" if field.kind is FieldKind.TEXT else self.tr("Not set")
        self.line.editingFinished.connect(self.commit)
        self.line.escaped.connect(self.revert)

    def text_of(self, value: Any) -> str:
        """Return how a stored value is written in the field."""
        if value is None:
            return ""
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, float | int) and not isinstance(value, bool):
            return field_number(value)
        return str(value)

    def show_value(self, value: Any, mixed: bool = False) -> None:
        self.shown = "" if mixed else self.text_of(value)
        self.line.setText(self.shown)
        self.line.setCursorPosition(0)
        self.line.setPlaceholderText(self.tr("(mixed)") if mixed else self.placeholder)

    def set_editable(self, editable: bool) -> None:
        self.line.setReadOnly(not editable)

    def is_dirty(self) -> bool:
        return self.line.text().strip() != self.shown.strip()

    def commit(self) -> None:
        """Hand over the text typed, if it changed."""
        if self.is_dirty() and not self.line.isReadOnly():
            self.committed.emit(self.line.text())

    def revert(self) -> None:
        """Put back the stored value."""
        self.line.setText(self.shown)


class _Line(QLineEdit):
    """A line edit that reports Esc."""

    escaped = Signal()

    def event(self, event: QEvent) -> bool:
        if _undo_in_workshop(event, self.isUndoAvailable(), self.isRedoAvailable()):
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.escaped.emit()
            return
        super().keyPressEvent(event)


class DateEditor(LineEditor):
    """A date typed as 2027-03-31 or 31/03/2027, or picked from a calendar; empty: not set."""

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.calendar: QCalendarWidget | None = None
        self.popup = QMenu(self)
        self.popup.aboutToShow.connect(self._open_calendar)
        self.button = QToolButton(self)
        self.button.setText("…")
        self.button.setToolTip(self.tr("Pick the date from a calendar"))
        self.button.setAccessibleName(self.tr("Pick the date from a calendar"))
        self.button.clicked.connect(
            lambda: self.popup.popup(self.button.mapToGlobal(self.button.rect().bottomLeft())))
        # -- the keyboard types the date; Tab goes on to the next field, not to the button
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.row.addWidget(self.button)

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        self.button.setEnabled(editable)

    def _open_calendar(self) -> None:
        # -- made on first use: most fields are typed, and a calendar is many widgets
        if self.calendar is None:
            self.calendar = QCalendarWidget(self.popup)
            self.calendar.setGridVisible(True)
            self.calendar.setAccessibleName(self.tr("Calendar"))
            self.calendar.clicked.connect(self._picked)
            self.calendar.activated.connect(self._picked)
            holder = QWidgetAction(self.popup)
            holder.setDefaultWidget(self.calendar)
            self.popup.addAction(holder)
        shown = QDate.fromString(self.line.text().strip(), Qt.DateFormat.ISODate)
        self.calendar.setSelectedDate(shown if shown.isValid() else QDate.currentDate())

    def _picked(self, date: QDate) -> None:
        self.popup.close()
        self.line.setText(date.toString(Qt.DateFormat.ISODate))
        self.commit()


class LongTextEditor(FieldEditor):
    """Several lines of text; Ctrl+Enter or leaving the field commits, Tab moves on."""

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.text = _Text(self)
        self.attach(self.text)
        self.shown = ""
        self.text.setTabChangesFocus(True)
        lines = self.text.fontMetrics().lineSpacing() * LONG_TEXT_LINES
        self.text.setFixedHeight(lines + 2 * int(self.text.document().documentMargin()) + 4)
        self.placeholder = self.tr(field.help) if field.help else ""
        self.text.finished.connect(self.commit)
        self.text.escaped.connect(self.revert)

    def show_value(self, value: Any, mixed: bool = False) -> None:
        self.shown = "" if mixed or value is None else str(value)
        self.text.setPlainText(self.shown)
        self.text.setPlaceholderText(self.tr("(mixed)") if mixed else self.placeholder)

    def set_editable(self, editable: bool) -> None:
        self.text.setReadOnly(not editable)

    def is_dirty(self) -> bool:
        return self.text.toPlainText().strip() != self.shown.strip()

    def commit(self) -> None:
        """Hand over the text written, if it changed."""
        if self.is_dirty() and not self.text.isReadOnly():
            self.committed.emit(self.text.toPlainText())

    def revert(self) -> None:
        """Put back the stored text."""
        self.text.setPlainText(self.shown)


class _Text(QPlainTextEdit):
    """A text box that reports Ctrl+Enter, Esc and losing the focus."""

    finished = Signal()
    escaped = Signal()

    def event(self, event: QEvent) -> bool:
        text = self.document()
        if _undo_in_workshop(event, text.isUndoAvailable(), text.isRedoAvailable()):
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.finished.emit()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.escaped.emit()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        # -- not when its own context menu opens: the text is still being written
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.finished.emit()


class ListEditor(FieldEditor):
    """One value picked from a list: a choice, or a person, node or capability by id.

    Picking from the open list commits at once; the arrow keys only browse, and Enter or
    leaving the field commits what they reached, so browsing makes no undo steps.
    """

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.combo = _Combo(self)
        self.attach(self.combo)
        # -- long names must not widen the inspector; the list opens wide enough to read
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(8)
        self.shown: Any = None
        self.mixed = False
        self.combo.activated.connect(self._activated)
        self.combo.finished.connect(self.commit)
        self.combo.escaped.connect(lambda: self.show_value(self.shown, self.mixed))
        if field.choices is not None:
            self.set_items([(member.value, self.tr(choice_label(member)))
                            for member in field.choices])

    def set_items(self, items: Sequence[tuple[Any, str]]) -> None:
        """Offer ``items`` (stored value, label) to pick from, after "Not set" if optional."""
        self.combo.blockSignals(True)
        self.combo.clear()
        if not self.field.required and not self.combo.isEditable():
            self.combo.addItem(self.tr("Not set"), None)
        for value, label in items:
            self.combo.addItem(label, value)
        self.combo.blockSignals(False)
        self.show_value(self.shown, self.mixed)

    def show_value(self, value: Any, mixed: bool = False) -> None:
        self.shown, self.mixed = value, mixed
        self.combo.blockSignals(True)
        mixed_at = self.combo.findData(MIXED)
        if mixed and mixed_at < 0:
            self.combo.insertItem(0, self.tr("(mixed)"), MIXED)
        elif not mixed and mixed_at >= 0:
            self.combo.removeItem(mixed_at)
        found = self.combo.findData(MIXED if mixed else _data(value))
        if found < 0 and value is not None:
            # -- a value the list no longer offers (a row just removed) still shows
            self.combo.addItem(self.tr("(unknown)"), _data(value))
            found = self.combo.count() - 1
        self.combo.setCurrentIndex(max(found, 0))
        self.combo.blockSignals(False)

    def set_editable(self, editable: bool) -> None:
        self.combo.setEnabled(editable)

    def is_dirty(self) -> bool:
        value = self.combo.currentData()
        return value != MIXED and (self.mixed or value != _data(self.shown))

    def commit(self) -> None:
        """Hand over the value reached, if it changed."""
        if self.is_dirty() and self.combo.isEnabled():
            self.committed.emit(self.combo.currentData())

    def _activated(self, _index: int) -> None:
        if not self.combo.browsing:
            self.commit()


class _Combo(QComboBox):
    """A list that tells browsing with the keys from picking, and reports Enter, Esc and
    leaving; the wheel scrolls the inspector unless the list has the focus."""

    finished = Signal()
    escaped = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.browsing = False
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.finished.emit()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.escaped.emit()
            return
        self.browsing = True
        try:
            super().keyPressEvent(event)
        finally:
            self.browsing = False

    def wheelEvent(self, event: QWheelEvent) -> None:
        if not self.hasFocus():
            event.ignore()
            return
        self.browsing = True
        try:
            super().wheelEvent(event)
        finally:
            self.browsing = False

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        # -- not when the field's own list opens: that is still choosing
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.finished.emit()


class PeriodEditor(ListEditor):
    """A reporting period picked from the list, or a new one typed by name; empty: not set."""

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.setToolTip(self.tr("%s. Type a new name to add the period.") % self.help())

    def show_value(self, value: Any, mixed: bool = False) -> None:
        self.shown, self.mixed = value, mixed
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(self._shown_at())
        self.combo.setEditText(self._shown_name())
        line = self.combo.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("(mixed)") if mixed else self.tr("Not set"))
        self.combo.blockSignals(False)

    def _shown_at(self) -> int:
        return -1 if self.mixed or self.shown is None else self.combo.findData(self.shown)

    def _shown_name(self) -> str:
        found = self._shown_at()
        return self.combo.itemText(found) if found >= 0 else ""

    def is_dirty(self) -> bool:
        return self.combo.currentText().strip() != self._shown_name()

    def commit(self) -> None:
        """Hand over the period's name as typed, if it changed."""
        if self.is_dirty() and self.combo.isEnabled():
            self.committed.emit(self.combo.currentText())


def _undo_in_workshop(event: QEvent, own_undo: bool, own_redo: bool) -> bool:
    """Return whether ``event`` asks for Ctrl+Z or Ctrl+Y and the field has no typing of its
    own to undo or redo: the workshop's undo then takes the keys (the event is left ignored)."""
    if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
        return False
    if event.matches(QKeySequence.StandardKey.Undo):
        return not own_undo
    if event.matches(QKeySequence.StandardKey.Redo):
        return not own_redo
    return False


def _data(value: Any) -> Any:
    """Return the item data that stands for a stored value (a choice by its value)."""
    return value.value if isinstance(value, enum.Enum) else value


_EDITORS: dict[FieldKind, type[FieldEditor]] = {
    FieldKind.TEXT: LineEditor,
    FieldKind.NUMBER: LineEditor,
    FieldKind.DATE: DateEditor,
    FieldKind.LONG_TEXT: LongTextEditor,
    FieldKind.CHOICE: ListEditor,
    FieldKind.PERSON: ListEditor,
    FieldKind.NODE: ListEditor,
    FieldKind.DIMENSION: ListEditor,
    FieldKind.PERIOD: PeriodEditor,
}


def editor_for(field: Field, parent: QWidget | None = None) -> FieldEditor:
    """Return the editor that suits ``field``'s kind."""
    return _EDITORS[field.kind](field, parent)
