"""The cascade as an outline: purposes at the top, then what serves them, level by level.

An element with several parents appears under each of them. A row is known by its
path from the top (its key), so after an edit that reshapes the tree the rows that
survive keep their persistent indexes: the view keeps its current item and what is
expanded, and a title edit only repaints the rows that show the element.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPixmap

from bigdesk.analysis.people import participant_labels
from bigdesk.app import accountability, cascade
from bigdesk.app.cascade import Place
from bigdesk.app.document import WorkshopDocument
from bigdesk.domain.cascade import NOUNS, SECTION_TITLES, TYPE_LABELS, Section, section_of
from bigdesk.model import (
    AccountabilityNode,
    Alignment,
    Element,
    ElementType,
    Person,
    PersonKind,
    Workshop,
)
from bigdesk.store import Changes, EditRejectedError, WorkshopFileError

from bigdesk.ui.watching import WatchingView

Index = QModelIndex | QPersistentModelIndex
Key = tuple[Any, ...]
MIME_TYPE = "application/x-bigdesk-cascade-rows"

TITLE, TYPE, NODE, OWNER, STATUS, PROGRESS, WEIGHT = range(7)
HEADERS = ("Title", "Type", "Node", "Owner", "Status", "Progress", "Weight")
TYPE_COLOURS = {
    ElementType.PURPOSE: "#5b3f8c",
    ElementType.VISION: "#7d5ba6",
    ElementType.DRIVER: "#a0522d",
    ElementType.OBJECTIVE: "#1f5f99",
    ElementType.KEY_RESULT: "#2e8b57",
    ElementType.INITIATIVE: "#b8860b",
}
# -- the table behind each editable column of an element row
ELEMENT_COLUMN = {TITLE: "title", TYPE: "type", NODE: "node_id", OWNER: "owner_id",
                  STATUS: "status", PROGRESS: "progress"}  # fmt: skip
# -- computed once: flags() runs for every visible cell and enum arithmetic is slow
SECTION_FLAGS = (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                 | Qt.ItemFlag.ItemIsDropEnabled)
ELEMENT_FLAGS = SECTION_FLAGS | Qt.ItemFlag.ItemIsDragEnabled
EDITABLE_FLAGS = ELEMENT_FLAGS | Qt.ItemFlag.ItemIsEditable


@dataclass(eq=False)
class Row:
    """One row of the outline: a section heading or one appearance of an element."""

    key: Key
    parent: Row | None
    element_id: int | None = None
    section: Section | None = None
    # -- the alignment that puts this appearance under its parent element, if any
    link_id: int | None = None
    children: list[Row] = field(default_factory=list)
    row: int = 0


def type_icon(kind: ElementType) -> QIcon:
    """Return a small square in the colour of ``kind``."""
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(TYPE_COLOURS[kind]))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawRoundedRect(1, 1, 10, 10, 3, 3)
    painter.end()
    return QIcon(pixmap)


class CascadeOutlineModel(WatchingView, QAbstractItemModel):
    """The cascade as a tree, refreshed when an edit changes it."""

    watches = (Element, Alignment)
    # -- the names in the node and owner columns (participants' labels follow anonymous mode)
    reads = (AccountabilityNode, Person, Workshop)

    # -- an edit was refused; carries the message for the user
    rejected = Signal(str)

    def __init__(self, document: WorkshopDocument) -> None:
        super().__init__(document)
        self.document = document
        self.root = Row((), None)
        self._rows: dict[int, Row] = {}
        self._handles: dict[Key, int] = {}
        self._next_handle = 0
        self._appearances: dict[int, list[Row]] = defaultdict(list)
        self.elements: dict[int, Element] = {}
        self.links: dict[int, Alignment] = {}
        self.parents: dict[int, list[int]] = defaultdict(list)
        self.node_names: dict[int, str] = {}
        self.person_names: dict[int, str] = {}
        self._icons = {kind: type_icon(kind) for kind in ElementType}
        self.watch(document)
        self.beginResetModel()
        self._load()
        self.endResetModel()

    # -- reading

    def _load(self) -> None:
        with self.document.read() as conn:
            self.elements = cascade.elements(conn)
            links = cascade.alignments(conn)
            self._load_names(conn)
        self.links = {link.id: link for link in links}
        self.parents = defaultdict(list)
        under: dict[int, list[Alignment]] = defaultdict(list)
        for link in links:
            if link.parent_id in self.elements and link.child_id in self.elements:
                under[link.parent_id].append(link)
                self.parents[link.child_id].append(link.parent_id)
        self._rows = {}
        self._appearances = defaultdict(list)
        self.root = Row((), None)
        top: dict[Section, list[int]] = defaultdict(list)
        for element_id, row in self.elements.items():
            if not self.parents.get(element_id):
                top[section_of(row.type)].append(element_id)
        for element_id in top[Section.PURPOSES]:
            self._add(self.root, element_id, None, under, frozenset())
        for section in (Section.DRIVERS, Section.UNALIGNED):
            heading = self._attach(Row(("section", section.value), self.root, section=section))
            for element_id in top[section]:
                self._add(heading, element_id, None, under, frozenset())
        # -- handles of rows that are gone are forgotten; live rows keep theirs
        live = {row.key for row in self._rows.values()}
        self._handles = {key: handle for key, handle in self._handles.items() if key in live}

    def _load_names(self, conn: Any) -> None:
        labels = participant_labels(conn)
        self.node_names = {n.id: n.name or "(unnamed node)" for n in accountability.nodes(conn)}
        self.person_names = {
            p.id: labels.get(p.id, p.name) if p.kind is PersonKind.PARTICIPANT
            else p.name
            for p in cascade.people(conn)
        }

    def _attach(self, row: Row) -> Row:
        parent = row.parent
        assert parent is not None
        row.row = len(parent.children)
        parent.children.append(row)
        handle = self._handles.get(row.key)
        if handle is None:
            # -- never reused, so an old persistent index cannot point at a new row
            self._next_handle += 1
            handle = self._handles[row.key] = self._next_handle
        self._rows[handle] = row
        if row.element_id is not None:
            self._appearances[row.element_id].append(row)
        return row

    def _add(self, parent: Row, element_id: int, link_id: int | None,
             under: dict[int, list[Alignment]], path: frozenset[int]) -> None:
        row = self._attach(Row((*parent.key, element_id), parent, element_id, link_id=link_id))
        if element_id in path:
            return  # -- a loop in an old file: show it once, never recurse for ever
        inner = path | {element_id}
        for link in under.get(element_id, ()):
            self._add(row, link.child_id, link.id, under, inner)

    def _handle(self, row: Row) -> int:
        return self._handles[row.key]

    # -- queries for the views

    def row_at(self, index: Index) -> Row | None:
        """Return the outline row behind ``index`` (None for the invisible root)."""
        if not index.isValid():
            return None
        return self._rows.get(index.internalId())

    def element_at(self, index: Index) -> int | None:
        """Return the element shown at ``index``, if it shows one."""
        row = self.row_at(index)
        return None if row is None else row.element_id

    def index_of(self, row: Row, column: int = 0) -> QModelIndex:
        """Return the index of an outline row."""
        if row is self.root or row.parent is None:
            return QModelIndex()
        return self.createIndex(row.row, column, self._handle(row))

    def appearances(self, element_id: int) -> list[Row]:
        """Return every row that shows ``element_id``."""
        return list(self._appearances.get(element_id, ()))

    def find(self, element_id: int, parent_id: int | None = None) -> QModelIndex:
        """Return the index of ``element_id`` (under ``parent_id`` if it appears there)."""
        rows = self._appearances.get(element_id, [])
        for row in rows:
            parent = row.parent
            if parent_id is None or (parent is not None and parent.element_id == parent_id):
                return self.index_of(row)
        return self.index_of(rows[0]) if rows else QModelIndex()

    def place_of(self, row: Row) -> Place:
        """Return where ``row`` sits: under its parent element or at the top of a section."""
        parent = row.parent
        if parent is None or parent is self.root:
            return Place.top(Section.PURPOSES)
        if parent.element_id is None:
            assert parent.section is not None
            return Place.top(parent.section)
        return Place(parent.element_id)

    def place_inside(self, row: Row | None) -> Place:
        """Return the place a row dropped onto ``row`` (None: the top) would take."""
        if row is None:
            return Place.top(Section.PURPOSES)
        if row.element_id is None:
            assert row.section is not None
            return Place.top(row.section)
        return Place(row.element_id)

    def choices(self, column: int) -> list[tuple[Any, str]]:
        """Return the values a user may pick in ``column`` with their labels."""
        if column == NODE:
            return [(None, "—"), *self.node_names.items()]
        if column == OWNER:
            return [(None, "—"), *self.person_names.items()]
        if column == TYPE:
            return [(kind.value, TYPE_LABELS[kind]) for kind in ElementType]
        return []

    # -- keeping up with edits

    def repaint_rows(self, changes: Changes) -> None:
        if self._type_changed(changes):
            self.reload()
            return
        if changes.touches(*self.reads):
            with self.document.read() as conn:
                self._load_names(conn)
            self._repaint_all((NODE, OWNER))
        fresh_ids = changes.rows_of(Element)
        if fresh_ids:
            with self.document.read() as conn:
                for element_id in fresh_ids:
                    row = cascade.element(conn, element_id)
                    if row is not None:
                        self.elements[element_id] = row
            for element_id in fresh_ids:
                for appearance in self._appearances.get(element_id, ()):
                    self.dataChanged.emit(self.index_of(appearance, 0),
                                          self.index_of(appearance, WEIGHT))
        link_ids = changes.rows_of(Alignment)
        if link_ids:
            with self.document.read() as conn:
                links = {link.id: link for link in cascade.alignments(conn)}
            for link_id in link_ids:
                if link_id in links:
                    self.links[link_id] = links[link_id]
            for shown in self._rows.values():
                if shown.link_id in link_ids:
                    index = self.index_of(shown, WEIGHT)
                    self.dataChanged.emit(index, index)

    def _type_changed(self, changes: Changes) -> bool:
        """Return whether an element changed kind (it may move to another section)."""
        ids = changes.rows_of(Element)
        if not ids:
            return False
        with self.document.read() as conn:
            for element_id in ids:
                row = cascade.element(conn, element_id)
                old = self.elements.get(element_id)
                if row is None or old is None or row.type is not old.type:
                    return True
        return False

    def reload(self) -> None:
        """Rebuild the tree; rows that survive keep their persistent indexes."""
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        keys = []
        for index in old:
            row = self._rows.get(index.internalId())
            keys.append((row.key if row else None, index.column()))
        self._load()
        by_key = {row.key: row for row in self._rows.values()}
        fresh = []
        for key, column in keys:
            row = by_key.get(key) if key is not None else None
            fresh.append(self.index_of(row, column) if row is not None else QModelIndex())
        self.changePersistentIndexList(old, fresh)
        self.layoutChanged.emit()

    def _repaint_all(self, columns: Sequence[int]) -> None:
        for row in [self.root, *self._rows.values()]:
            if row.children:
                first, last = row.children[0], row.children[-1]
                self.dataChanged.emit(self.index_of(first, min(columns)),
                                      self.index_of(last, max(columns)))

    # -- Qt API

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        holder = self.row_at(parent) if parent.isValid() else self.root
        if holder is None or not (0 <= row < len(holder.children)) or \
                not 0 <= column < len(HEADERS):
            return QModelIndex()
        return self.createIndex(row, column, self._handle(holder.children[row]))

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        row = self.row_at(child)
        if row is None or row.parent is None or row.parent is self.root:
            return QModelIndex()
        return self.index_of(row.parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        holder = self.row_at(parent) if parent.isValid() else self.root
        return 0 if holder is None else len(holder.children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(HEADERS):
            return self.tr(HEADERS[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        row = self.row_at(index)
        if row is None:
            return Qt.ItemFlag.ItemIsDropEnabled
        if row.element_id is None:
            return SECTION_FLAGS
        if self.document.read_only:
            return ELEMENT_FLAGS
        column = index.column()
        if column in ELEMENT_COLUMN or (column == WEIGHT and row.link_id is not None):
            return EDITABLE_FLAGS
        return ELEMENT_FLAGS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index)
        if row is None:
            return None
        if row.element_id is None:
            return self._section_data(row, index.column(), role)
        element = self.elements.get(row.element_id)
        if element is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(row, element, column, role == Qt.ItemDataRole.EditRole)
        if role == Qt.ItemDataRole.DecorationRole and column == TITLE:
            return self._icons[element.type]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, element)
        if role == Qt.ItemDataRole.ForegroundRole and column == TITLE and not element.title:
            return QBrush(QColor("#888888"))
        if role == Qt.ItemDataRole.FontRole and (element.placeholder or (
                column == TYPE and len(self.parents.get(row.element_id, ())) > 1)):
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (PROGRESS, WEIGHT):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _section_data(self, row: Row, column: int, role: int) -> Any:
        assert row.section is not None
        if column == TITLE and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(SECTION_TITLES[row.section])
        if column == TITLE and role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if column == TITLE and role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Elements with no parent. Drop an element here to unlink it.") \
                if row.section is Section.UNALIGNED else \
                self.tr("Where the organisation wants to be and what drives its strategy.")
        return None

    def _text(self, row: Row, element: Element, column: int, editing: bool) -> Any:
        kind: ElementType = element.type
        if column == TITLE:
            if editing:
                return element.title
            return element.title or self.tr("New %s") % NOUNS[kind]
        if column == TYPE:
            if editing:
                return kind.value
            label = self.tr(TYPE_LABELS[kind])
            parents = len(self.parents.get(row.element_id or 0, ()))
            if element.placeholder:
                return self.tr("%s (placeholder)") % label
            return self.tr("%s · %d parents") % (label, parents) if parents > 1 else label
        if column == NODE:
            node = element.node_id
            return node if editing else self.node_names.get(node, "") if node else ""
        if column == OWNER:
            owner = element.owner_id
            return owner if editing else self.person_names.get(owner, "") if owner else ""
        if column == STATUS:
            return element.status
        if column == PROGRESS:
            value = element.progress
            return _number_text(value, editing)
        if column == WEIGHT and row.link_id is not None:
            link = self.links.get(row.link_id)
            return _number_text(link.weight if link else None, editing)
        return "" if editing else None

    def _tooltip(self, row: Row, element: Element) -> str:
        lines = [element.title or self.tr("(no title yet)")]
        parents = self.parents.get(row.element_id or 0, [])
        if len(parents) > 1:
            names = ", ".join(self.elements[p].title or NOUNS[self.elements[p].type]
                              for p in parents if p in self.elements)
            lines.append(self.tr("Serves %d parents: %s") % (len(parents), names))
        if element.placeholder:
            lines.append(self.tr("Placeholder for a parent missing from an imported file"))
        return "\n".join(lines)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        row = self.row_at(index)
        if row is None or row.element_id is None or role != Qt.ItemDataRole.EditRole or \
                not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        column = index.column()
        try:
            if column == WEIGHT:
                parent = row.parent
                assert parent is not None and parent.element_id is not None
                return cascade.set_weight(self.document, parent.element_id, row.element_id,
                                          value if value not in ("", None) else None)
            return cascade.set_field(self.document, row.element_id, ELEMENT_COLUMN[column], value)
        except (EditRejectedError, WorkshopFileError, ValueError) as error:
            self.rejected.emit(str(error))
            return False

    # -- drag and drop

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        items = []
        seen = set()
        for index in indexes:
            row = self.row_at(index)
            if row is None or row.element_id is None or row.key in seen:
                continue
            seen.add(row.key)
            place = self.place_of(row)
            items.append([row.element_id, place.parent_id,
                          place.section.value if place.section else None])
        data = QMimeData()
        data.setData(MIME_TYPE, QByteArray(json.dumps(items).encode()))
        return data

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: Index) -> bool:
        return data.hasFormat(MIME_TYPE) and not self.document.read_only

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: Index) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        if action == Qt.DropAction.IgnoreAction:
            return True
        items = json.loads(bytes(data.data(MIME_TYPE).data()).decode())
        target_row = self.row_at(parent) if parent.isValid() else None
        target = self.place_inside(target_row)
        holder = target_row or self.root
        # -- at the top, section headings follow the purposes: a drop among them lands last
        siblings = [r for r in holder.children if r.element_id is not None]
        index = None if row < 0 else min(row, len(siblings))
        try:
            for element_id, parent_id, section in items:
                source = Place(parent_id, Section(section) if section else None)
                if index is not None:
                    # -- the element's own row above the drop point does not count
                    before = [r.element_id for r in siblings[:index]]
                    offset = 1 if element_id in before and source.parent_id == target.parent_id \
                        and source.section == target.section else 0
                    where: int | None = index - offset
                else:
                    where = None
                cascade.move_element(
                    self.document, element_id, source, target, where,
                    keep_source=action == Qt.DropAction.CopyAction,
                    verb="Link" if action == Qt.DropAction.CopyAction else "Move",
                )
                if index is not None:
                    index += 1
        except (EditRejectedError, WorkshopFileError) as error:
            self.rejected.emit(str(error))
            return False
        # -- the move is done; the view must not remove the dragged rows itself
        return False


def _number_text(value: float | None, editing: bool) -> str:
    if value is None:
        return ""
    text = f"{value:g}"
    return text if editing else f"{text}%"
