"""The cascade as an outline: purposes at the top, then what serves them, level by level.

An element with several parents appears under each of them. A row is known by its
path from the top (its key), so after an edit that reshapes the tree the rows that
survive keep their persistent indexes: the view keeps its current item and what is
expanded, and a title edit only repaints the rows that show the element.

Rows are made when first asked for: a 5,000-element cascade, tens of thousands of
rows once every element is shown under each of its parents, opens with only the rows
its open levels show.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
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

from bigdesk.analysis.cascade import Cascade, ElementRow, Link
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
    ElementType.BENEFIT: "#8b3a62",
}
# -- the table behind each editable column of an element row
ELEMENT_COLUMN = {TITLE: "title", TYPE: "type", NODE: "node_id", OWNER: "owner_id",
                  STATUS: "status", PROGRESS: "progress"}  # fmt: skip
# -- computed once: flags() runs for every visible cell and enum arithmetic is slow
SECTION_FLAGS = (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                 | Qt.ItemFlag.ItemIsDropEnabled)
ELEMENT_FLAGS = SECTION_FLAGS | Qt.ItemFlag.ItemIsDragEnabled
EDITABLE_FLAGS = ELEMENT_FLAGS | Qt.ItemFlag.ItemIsEditable
HEADINGS = (Section.DRIVERS, Section.UNALIGNED)


@dataclass(eq=False)
class Row:
    """One row of the outline: a section heading or one appearance of an element."""

    key: Key
    parent: Row | None
    element_id: int | None = None
    section: Section | None = None
    # -- the alignment that puts this appearance under its parent element, if any
    link_id: int | None = None
    row: int = 0
    # -- the rows under this one, once they have been asked for (see ``rows_under``)
    made: list[Row] | None = None

    @property
    def repeats(self) -> bool:
        """Return whether the element already appears above this row (a loop in an old file)."""
        return self.element_id is not None and self.element_id in self.key[:-1]


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
        self._appearances: dict[int, list[Row]] = {}
        self.cascade = Cascade({})
        self.elements: dict[int, ElementRow] = {}
        self.links: dict[int, Link] = {}
        self._under: dict[int, list[Link]] = {}
        self._top: dict[Section, list[int]] = {}
        # -- rows the last reshape brought under levels that were already open
        self.arrived: list[Row] = []
        self.node_names: dict[int, str] = {}
        self.person_names: dict[int, str] = {}
        self._icons = {kind: type_icon(kind) for kind in ElementType}
        self.watch(document)
        self.beginResetModel()
        self._load()
        self.endResetModel()

    # -- reading

    def _load(self) -> None:
        self._take(self.document.cascade())
        with self.document.read() as conn:
            self._load_names(conn)
        self._top = {section: [] for section in Section}
        for element_id, row in self.elements.items():
            if not self.cascade.up[element_id]:
                self._top[section_of(row.type)].append(element_id)
        self._rows = {}
        self._appearances = {}
        self.root = Row((), None)

    def _take(self, fresh: Cascade) -> None:
        """Show the elements and links of ``fresh``."""
        if fresh.links is not self.cascade.links:
            self.links = {link.id: link for link in fresh.links}
            self._under = {}
            for link in fresh.links:
                self._under.setdefault(link.parent_id, []).append(link)
        self.cascade = fresh
        self.elements = fresh.elements

    def _load_names(self, conn: Any) -> None:
        labels = participant_labels(conn)
        self.node_names = {n.id: n.name or "(unnamed node)" for n in accountability.nodes(conn)}
        self.person_names = {
            p.id: labels.get(p.id, p.name) if p.kind is PersonKind.PARTICIPANT
            else p.name
            for p in cascade.people(conn)
        }

    def parents(self, element_id: int) -> list[int]:
        """Return the elements ``element_id`` serves."""
        return self.cascade.up.get(element_id, [])

    def rows_under(self, holder: Row) -> list[Row]:
        """Return the rows under ``holder``, making them the first time they are asked for."""
        if holder.made is None:
            holder.made = []
            if holder is self.root:
                for element_id in self._top.get(Section.PURPOSES, ()):
                    self._attach(Row((element_id,), holder, element_id))
                for section in HEADINGS:
                    self._attach(Row(("section", section.value), holder, section=section))
            elif holder.element_id is None:
                assert holder.section is not None
                for element_id in self._top.get(holder.section, ()):
                    self._attach(Row((*holder.key, element_id), holder, element_id))
            elif not holder.repeats:
                for link in self._under.get(holder.element_id, ()):
                    self._attach(Row((*holder.key, link.child_id), holder, link.child_id,
                                     link_id=link.id))
        return holder.made

    def has_children(self, holder: Row) -> bool:
        """Return whether any row sits under ``holder``, without making those rows."""
        if holder.made is not None:
            return bool(holder.made)
        if holder is self.root:
            return True
        if holder.element_id is None:
            assert holder.section is not None
            return bool(self._top.get(holder.section))
        return not holder.repeats and bool(self._under.get(holder.element_id))

    def _attach(self, row: Row) -> Row:
        parent = row.parent
        assert parent is not None and parent.made is not None
        row.row = len(parent.made)
        parent.made.append(row)
        handle = self._handles.get(row.key)
        if handle is None:
            # -- never reused, so an old persistent index cannot point at a new row
            self._next_handle += 1
            handle = self._handles[row.key] = self._next_handle
        self._rows[handle] = row
        if row.element_id is not None:
            self._appearances.setdefault(row.element_id, []).append(row)
        return row

    def _handle(self, row: Row) -> int:
        return self._handles[row.key]

    def row_by_key(self, key: Key) -> Row | None:
        """Return the row at ``key``, making the rows on the way to it; None if there is none."""
        holder: Row | None = self.root
        steps = list(key)
        if steps[:1] == ["section"]:
            holder = next((r for r in self.rows_under(self.root) if r.key == tuple(steps[:2])),
                          None)
            steps = steps[2:]
        for element_id in steps:
            if holder is None:
                return None
            holder = next((r for r in self.rows_under(holder) if r.element_id == element_id),
                          None)
        return holder

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
        """Return every row made so far that shows ``element_id``."""
        return list(self._appearances.get(element_id, ()))

    def find(self, element_id: int, parent_id: int | None = None) -> QModelIndex:
        """Return the index of ``element_id`` (under ``parent_id`` if it appears there).

        A row made already is preferred; otherwise the rows on the shortest way down
        to the element are made.
        """
        rows = self._appearances.get(element_id, [])
        for row in rows:
            parent = row.parent
            if parent_id is None or (parent is not None and parent.element_id == parent_id):
                return self.index_of(row)
        if parent_id is not None and element_id in self.cascade.down.get(parent_id, ()):
            path = self._way_down(parent_id)
            if path is not None:
                found = self.row_by_key((*path, element_id))
                if found is not None:
                    return self.index_of(found)
        if rows:
            return self.index_of(rows[0])
        path = self._way_down(element_id)
        found = None if path is None else self.row_by_key(path)
        return QModelIndex() if found is None else self.index_of(found)

    def _way_down(self, element_id: int) -> Key | None:
        """Return the key of the nearest row showing ``element_id``; None when none does."""
        if element_id not in self.elements:
            return None
        came_from: dict[int, int | None] = {element_id: None}
        queue = deque([element_id])
        while queue:
            current = queue.popleft()
            parents = self.parents(current)
            if not parents:
                path = [current]
                while (below := came_from[path[-1]]) is not None:
                    path.append(below)
                section = section_of(self.elements[current].type)
                prefix: Key = () if section is Section.PURPOSES else ("section", section.value)
                return (*prefix, *path)
            for parent in parents:
                if parent not in came_from:
                    came_from[parent] = current
                    queue.append(parent)
        # -- only a loop leads to it, and a loop with no top is not shown
        return None

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
        fresh = self.document.cascade()
        fresh_ids = [i for i in changes.rows_of(Element) if i in fresh.elements]
        if any(i not in self.elements or fresh.elements[i].type is not self.elements[i].type
               for i in fresh_ids):
            # -- an element changed kind: it may move to another section
            self.reload()
            return
        link_ids = set(changes.rows_of(Alignment))
        self._take(fresh)
        if changes.touches(*self.reads):
            with self.document.read() as conn:
                self._load_names(conn)
            self._repaint_all((NODE, OWNER))
        for element_id in fresh_ids:
            for appearance in self._appearances.get(element_id, ()):
                self.dataChanged.emit(self.index_of(appearance, 0),
                                      self.index_of(appearance, WEIGHT))
        if link_ids:
            for shown in self._rows.values():
                if shown.link_id in link_ids:
                    index = self.index_of(shown, WEIGHT)
                    self.dataChanged.emit(index, index)

    def reload(self) -> None:
        """Rebuild the tree; rows that survive keep their persistent indexes.

        The levels that were open are made again, so that the rows a reshape brings
        under them (``arrived``) can be shown open.
        """
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        keys: list[tuple[Key | None, int]] = []
        for index in old:
            shown = self._rows.get(index.internalId())
            keys.append((shown.key if shown else None, index.column()))
        made = {row.key for row in self._rows.values()}
        opened = sorted((row.key for row in [self.root, *self._rows.values()]
                         if row.made is not None), key=len)
        self._load()
        for key in opened:
            holder = self.row_by_key(key)
            if holder is not None:
                self.rows_under(holder)
        fresh = []
        for was, column in keys:
            found = self.row_by_key(was) if was is not None else None
            fresh.append(self.index_of(found, column) if found is not None else QModelIndex())
        self.arrived = [row for row in self._rows.values() if row.key not in made]
        # -- handles of rows that are gone are forgotten; live rows keep theirs
        live = {row.key for row in self._rows.values()}
        self._handles = {key: handle for key, handle in self._handles.items() if key in live}
        self.changePersistentIndexList(old, fresh)
        self.layoutChanged.emit()

    def _repaint_all(self, columns: Sequence[int]) -> None:
        for row in [self.root, *self._rows.values()]:
            if row.made:
                first, last = row.made[0], row.made[-1]
                self.dataChanged.emit(self.index_of(first, min(columns)),
                                      self.index_of(last, max(columns)))

    # -- Qt API

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        holder = self.row_at(parent) if parent.isValid() else self.root
        if holder is None or not 0 <= column < len(HEADERS):
            return QModelIndex()
        children = self.rows_under(holder)
        if not 0 <= row < len(children):
            return QModelIndex()
        return self.createIndex(row, column, self._handle(children[row]))

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        row = self.row_at(child)
        if row is None or row.parent is None or row.parent is self.root:
            return QModelIndex()
        return self.index_of(row.parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        holder = self.row_at(parent) if parent.isValid() else self.root
        return 0 if holder is None else len(self.rows_under(holder))

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        # -- asked for every row shown: answered without making the rows below
        if parent.isValid() and parent.column() != 0:
            return False
        holder = self.row_at(parent) if parent.isValid() else self.root
        return holder is not None and self.has_children(holder)

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
                column == TYPE and len(self.parents(row.element_id)) > 1)):
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

    def _text(self, row: Row, element: ElementRow, column: int, editing: bool) -> Any:
        kind: ElementType = element.type
        if column == TITLE:
            if editing:
                return element.title
            return element.title or self.tr("New %s") % NOUNS[kind]
        if column == TYPE:
            if editing:
                return kind.value
            label = self.tr(TYPE_LABELS[kind])
            parents = len(self.parents(row.element_id or 0))
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

    def _tooltip(self, row: Row, element: ElementRow) -> str:
        lines = [element.title or self.tr("(no title yet)")]
        parents = self.parents(row.element_id or 0)
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
        siblings = [r for r in self.rows_under(holder) if r.element_id is not None]
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
