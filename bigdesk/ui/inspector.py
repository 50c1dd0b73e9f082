"""The inspector: every field of the selected elements or node, edited from the keyboard.

Beside the Map outline and map it shows the fields the selected elements share, with
the value where they all agree and "(mixed)" where they differ; beside the
Accountability tree, the selected node's fields. Each change is one undo step through
the step's services; a refused value is explained under its field, which goes back to
the stored value. F6 moves the focus into the inspector and back.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, select

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QFrame,
    QLabel,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from bigdesk.analysis.people import person_labels
from bigdesk.app import accountability, assessment, cascade, periods
from bigdesk.app.document import WorkshopDocument
from bigdesk.domain.cascade import KIND_NOTES, NOUNS, TYPE_LABELS
from bigdesk.domain.fields import NODE_FIELDS, REFERENCES, Field, FieldKind, fields_of
from bigdesk.domain.words import count
from bigdesk.model import (
    AccountabilityNode,
    Base,
    Dimension,
    Element,
    Period,
    Person,
    Workshop,
)
from bigdesk.store import Changes, EditRejectedError, WorkshopFileError, fetch

from bigdesk.ui.field_editors import FieldEditor, ListEditor, editor_for
from bigdesk.ui.refusal import refusal_label

FOCUS_KEYS = "F6"
# -- narrower than this, labels go above their fields so the fields keep a usable width
SIDE_BY_SIDE_WIDTH = 340
# -- the tables the lists of people, nodes, periods and capabilities come from
LIST_TABLES = (Person, AccountabilityNode, Period, Dimension, Workshop)


class Inspector(QWidget):
    """Shows and edits the fields of the selected rows of one table."""

    # -- the table whose rows it shows, set by each kind of inspector
    table: type[Base]

    def __init__(self, document: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.ids: list[int] = []
        self.rows: list[Any] = []
        self.fields: tuple[Field, ...] = ()
        self.editors: dict[str, FieldEditor] = {}
        self.errors: dict[str, QLabel] = {}
        self.form: QFormLayout | None = None
        self.setAccessibleName(self.tr("Inspector"))
        self.setToolTip(self.tr("%s moves the focus into the inspector and back")
                        % FOCUS_KEYS)
        self.heading = QLabel(self)
        self.heading.setObjectName("panelTitle")
        self.heading.setWordWrap(True)
        self.note = QLabel(self)
        self.note.setObjectName("hint")
        self.note.setWordWrap(True)
        self.area = QScrollArea(self)
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        self.area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.note)
        layout.addWidget(self.area, 1)
        document.changed.connect(self._on_changed)
        self._reload(force=True)

    # -- what each kind of inspector says

    def load(self, conn: Connection, ids: Sequence[int]) -> list[Any]:
        """Return the rows of ``ids`` that still exist, in the order given."""
        table: Any = self.table
        found = {row.id: row for row in fetch(conn, select(table).where(table.id.in_(ids)))}
        return [found[i] for i in ids if i in found]

    def shared_fields(self, rows: Sequence[Any]) -> tuple[Field, ...]:
        """Return the fields every one of ``rows`` has, in the order to show them."""
        raise NotImplementedError

    def store(self, field: Field, value: Any) -> None:
        """Give every shown row ``value`` for ``field``, as one undo step."""
        raise NotImplementedError

    def describe(self, rows: Sequence[Any]) -> str:
        """Return the heading for ``rows``."""
        raise NotImplementedError

    def prompt(self) -> str:
        """Return what to do when nothing is selected."""
        raise NotImplementedError

    def hint(self, rows: Sequence[Any]) -> str:
        """Return a word on what the rows shown are for ("" when none is needed)."""
        return ""

    # -- following the selection and the document

    def show_items(self, ids: Sequence[int]) -> None:
        """Show the fields of the rows with ``ids`` (none: empty the inspector)."""
        wanted = list(dict.fromkeys(ids))
        if wanted == self.ids:
            return
        self.ids = wanted
        for error in self.errors.values():
            error.hide()
        self._reload(force=True)

    def _on_changed(self, changes: Changes) -> None:
        lists = changes.touches(*LIST_TABLES)
        if lists or changes.reshapes(self.table) or \
                set(changes.rows_of(self.table)) & set(self.ids):
            self._reload(force=False, lists=lists)

    def _reload(self, force: bool, lists: bool = False) -> None:
        """Show the stored values; ``force`` replaces a change still being typed too."""
        with self.document.read() as conn:
            self.rows = self.load(conn, self.ids)
            fields = self.shared_fields(self.rows) if self.rows else ()
            rebuild = tuple(f.key for f in fields) != tuple(f.key for f in self.fields)
            references = self._references(conn) if rebuild or lists else None
        self.ids = [row.id for row in self.rows]
        if rebuild:
            self._build(fields)
        if references is not None:
            for editor in self.editors.values():
                if isinstance(editor, ListEditor) and editor.field.kind in references:
                    editor.set_items(references[editor.field.kind])
        for field in self.fields:
            editor = self.editors[field.key]
            if force or not editor.is_dirty():
                values = [getattr(row, field.key, None) for row in self.rows]
                editor.show_value(values[0], mixed=any(v != values[0] for v in values))
        self.heading.setText(self.describe(self.rows) if self.rows else self.tr("Nothing selected"))
        notes = [self.hint(self.rows)] if self.rows else [self.prompt()]
        notes = [n for n in notes if n]
        if self.document.read_only:
            notes.append(self.tr("This workshop is open read-only: values are shown but "
                                 "cannot be changed."))
        self.note.setText("\n".join(notes))
        self.note.setVisible(bool(notes))

    def _references(self, conn: Connection) -> dict[FieldKind, list[tuple[int, str]]]:
        """Return what each kind of reference may point to, as (id, label) in order."""
        return {
            FieldKind.PERSON: list(person_labels(conn).items()),
            FieldKind.NODE: [(n.id, n.name or self.tr("(unnamed node)"))
                             for n in accountability.nodes(conn)],
            FieldKind.PERIOD: [(p.id, p.name) for p in periods.periods(conn)],
            FieldKind.DIMENSION: [(d.id, d.name) for d in assessment.dimensions(conn)],
        }

    def _build(self, fields: tuple[Field, ...]) -> None:
        """Make one labelled editor per field, in order, so Tab walks them top to bottom."""
        old = self.area.takeWidget()
        if old is not None:
            # -- later, not now: this may run inside a signal of one of its editors
            old.hide()
            old.deleteLater()
        self.fields = fields
        self.editors, self.errors = {}, {}
        host = QWidget(self.area)
        self.form = form = QFormLayout(host)
        self._wrap_rows()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setContentsMargins(0, 4, 4, 4)
        for field in fields:
            cell = QWidget(host)
            column = QVBoxLayout(cell)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            editor = editor_for(field, cell)
            editor.set_editable(not self.document.read_only)
            editor.committed.connect(lambda value, field=field: self._commit(field, value))
            error = refusal_label(cell)
            column.addWidget(editor)
            column.addWidget(error)
            label = QLabel(self.tr(field.label), host)
            label.setToolTip(editor.help())
            label.setBuddy(editor)
            form.addRow(label, cell)
            self.editors[field.key] = editor
            self.errors[field.key] = error
        self.area.setWidget(host)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._wrap_rows()

    def _wrap_rows(self) -> None:
        if self.form is not None:
            self.form.setRowWrapPolicy(
                QFormLayout.RowWrapPolicy.WrapAllRows if self.width() < SIDE_BY_SIDE_WIDTH
                else QFormLayout.RowWrapPolicy.DontWrapRows)

    def _commit(self, field: Field, value: Any) -> None:
        if self.document.read_only or not self.rows:
            return
        error = self.errors[field.key]
        try:
            if field.kind not in REFERENCES:
                # -- a value no row could take is refused without naming one of several
                field.clean(value)
            self.store(field, value)
        except (EditRejectedError, WorkshopFileError) as problem:
            error.setText(str(problem))
            error.show()
        else:
            error.hide()
        # -- what was stored, cleaned, or the old value when refused
        self._reload(force=True)
        if error.isVisibleTo(self):
            self.area.ensureWidgetVisible(error)

    # -- the keyboard

    def bind_focus_key(self, host: QWidget, home: Callable[[], QWidget]) -> None:
        """Let F6 anywhere in ``host`` move the focus into the inspector, and back to
        ``home()`` from it."""
        shortcut = QShortcut(QKeySequence(FOCUS_KEYS), host)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(lambda: self.toggle_focus(home()))

    def toggle_focus(self, home: QWidget) -> None:
        """Move the focus to the first field, or back to ``home`` when it is in a field."""
        focused = QApplication.focusWidget()
        if focused is not None and self.isAncestorOf(focused):
            home.setFocus(Qt.FocusReason.ShortcutFocusReason)
        elif self.fields:
            first = self.editors[self.fields[0].key]
            first.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.area.ensureWidgetVisible(first)


class ElementInspector(Inspector):
    """The fields of the elements selected in the Map outline or on the map, and the
    check-ins of a key result or initiative shown alone."""

    table = Element

    def __init__(self, document: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        from bigdesk.ui.check_ins import CheckInPanel

        self.check_ins = CheckInPanel(document, self)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        # -- the fields and the check-ins each get the whole height of the inspector
        layout.removeWidget(self.area)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Fields and check-ins"))
        self.tabs.addTab(self.area, self.tr("Fields"))
        self.tabs.addTab(self.check_ins, self.tr("Check-ins"))
        self.tabs.setTabVisible(1, False)
        layout.addWidget(self.tabs, 1)
        self.check_ins.summary_changed.connect(self._check_ins_shown)

    def _check_ins_shown(self, applies: bool, title: str) -> None:
        self.tabs.setTabVisible(1, applies)
        self.tabs.setTabText(1, title)

    def show_items(self, ids: Sequence[int]) -> None:
        super().show_items(ids)
        self.check_ins.show_element(self.ids[0] if len(self.ids) == 1 else None)

    def shared_fields(self, rows: Sequence[Any]) -> tuple[Field, ...]:
        kinds = {row.type for row in rows}
        return tuple(f for f in fields_of(next(iter(kinds))) if kinds <= f.applies_to)

    def store(self, field: Field, value: Any) -> None:
        if field.kind is FieldKind.PERIOD:
            periods.set_period_named(self.document, self.ids, value or "")
        else:
            cascade.set_fields(self.document, self.ids, field.key, value)

    def describe(self, rows: Sequence[Any]) -> str:
        if len(rows) == 1:
            row = rows[0]
            label = self.tr(TYPE_LABELS[row.type])
            return f"{label} {row.ref}" if row.ref else label
        kinds = Counter(row.type for row in rows)
        parts = ", ".join(count(kinds[kind], NOUNS[kind]) for kind in NOUNS if kind in kinds)
        return self.tr("%d elements: %s") % (len(rows), parts)

    def hint(self, rows: Sequence[Any]) -> str:
        kinds = {row.type for row in rows}
        return self.tr(KIND_NOTES[next(iter(kinds))]) if len(kinds) == 1 and \
            next(iter(kinds)) in KIND_NOTES else ""

    def prompt(self) -> str:
        return self.tr("Select one or more elements in the outline or on the map to see and "
                       "change their fields here. %s moves the focus here and back.") % FOCUS_KEYS


class NodeInspector(Inspector):
    """The fields of the node selected in the Accountability tree."""

    table = AccountabilityNode

    def shared_fields(self, rows: Sequence[Any]) -> tuple[Field, ...]:
        return NODE_FIELDS

    def store(self, field: Field, value: Any) -> None:
        accountability.set_node_fields(self.document, self.ids, field.key, value)

    def describe(self, rows: Sequence[Any]) -> str:
        if len(rows) == 1:
            return self.tr("Accountability node")
        return self.tr("%d accountability nodes") % len(rows)

    def prompt(self) -> str:
        return self.tr("Select a node in the tree to see and change its fields here. "
                       "%s moves the focus here and back.") % FOCUS_KEYS
