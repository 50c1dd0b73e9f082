"""The Accountability step: the node tree, what each node owns, who needs what from whom, and
which node waits on which."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QByteArray,
    QItemSelectionModel,
    QMimeData,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from bigdesk.analysis.people import participant_labels
from bigdesk.app import accountability, cascade
from bigdesk.app.document import WorkshopDocument
from bigdesk.domain.cascade import TYPE_LABELS
from bigdesk.model import (
    AccountabilityNode,
    Cadence,
    Element,
    ElementType,
    InformationFlow,
    NodeDependency,
    NodeKind,
    Person,
    PersonKind,
    Workshop,
)
from bigdesk.store import Changes, EditRejectedError, WorkshopFileError

from bigdesk.ui.delegates import ChoicesDelegate, Index
from bigdesk.ui.dependencies import DependencyEditor, DependencySpec, Kinds
from bigdesk.ui.findings_panel import FindingsPanel, workspace_of
from bigdesk.ui.inspector import NodeInspector
from bigdesk.ui.palette import tint
from bigdesk.ui.watching import WatchingView

NODE_MIME = "application/x-bigdesk-nodes"
NAME, KIND, ACCOUNTABLE, CADENCE, OWNS = range(5)
NODE_HEADERS = ("Node", "Kind", "Accountable", "Cadence", "Owns")
KIND_LABELS = {
    NodeKind.DEPARTMENT: "Department",
    NodeKind.PRODUCT_GROUP: "Product group",
    NodeKind.PROGRAMME: "Programme",
    NodeKind.PROJECT: "Project",
    NodeKind.GOVERNANCE_BODY: "Governance body",
    NodeKind.SUPPORT_OFFICE: "Support office",
}
CADENCE_LABELS = {Cadence.DAILY: "Daily", Cadence.WEEKLY: "Weekly",
                  Cadence.MONTHLY: "Monthly", Cadence.QUARTERLY: "Quarterly"}
NODE_COLUMN = {NAME: "name", KIND: "kind", ACCOUNTABLE: "accountable_id", CADENCE: "cadence"}
OWNED_KINDS = (ElementType.OBJECTIVE, ElementType.KEY_RESULT, ElementType.INITIATIVE)

# -- what one part of the organisation waits on another for; stored as written
NODE_DEPENDENCY_KINDS: Kinds = (
    ("needs-deliverable", "Needs a deliverable"),
    ("needs-information", "Needs information"),
    ("needs-decision", "Needs a decision"),
    ("needs-funding", "Needs funding"),
    ("needs-people", "Needs people"),
    ("shares-resource", "Shares a resource"),
)


def node_label(node: AccountabilityNode) -> str:
    """Return a node's name, or say it has none yet."""
    return (node.name or "").strip() or "(unnamed node)"


NODE_DEPENDENCIES = DependencySpec(
    table=NodeDependency, ends_table=AccountabilityNode,
    headers=("Dependent node", "Prerequisite node", "Kind", "Note"),
    kinds=NODE_DEPENDENCY_KINDS, ends=accountability.nodes, rows=accountability.node_dependencies,
    label=node_label, tooltip=lambda node: f"{KIND_LABELS[node.kind]}: {node_label(node)}",
    add=accountability.add_node_dependency, change=accountability.set_node_dependency,
    remove=accountability.remove_node_dependencies,
    table_name="Node dependencies table",
    add_tip="Say which node waits on which (Ins)",
    hint="The dependent node waits on its prerequisite node. Double-click a kind or a note "
         "to change it. A dependency that would make a node wait on itself is refused.",
)


def _people(conn: Any) -> dict[int, str]:
    labels = participant_labels(conn)
    return {p.id: labels.get(p.id, p.name) if p.kind is PersonKind.PARTICIPANT
            else p.name for p in cascade.people(conn)}


class NodeTreeModel(WatchingView, QAbstractItemModel):
    """Accountability nodes as a tree; a node's id is its index's internal id."""

    watches = (AccountabilityNode,)
    # -- the accountable people's names and what each node owns
    reads = (Person, Element, Workshop)

    rejected = Signal(str)

    def __init__(self, document: WorkshopDocument) -> None:
        super().__init__(document)
        self.document = document
        self.nodes: dict[int, AccountabilityNode] = {}
        self.kids: dict[int | None, list[int]] = {}
        self.people: dict[int, str] = {}
        self.owned: dict[int, list[Element]] = {}
        self.watch(document)
        self.beginResetModel()
        self._load()
        self.endResetModel()

    def _load(self) -> None:
        with self.document.read() as conn:
            rows = accountability.nodes(conn)
            self.people = _people(conn)
            elements = cascade.elements(conn)
        self.nodes = {row.id: row for row in rows}
        self.kids = defaultdict(list)
        for row in rows:
            parent = row.parent_id if row.parent_id in self.nodes else None
            self.kids[parent].append(row.id)
        self.owned = defaultdict(list)
        for element in elements.values():
            if element.node_id is not None:
                self.owned[element.node_id].append(element)

    def reload(self) -> None:
        """Read the nodes again; the current node and what is expanded survive."""
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        ids = [(index.internalId(), index.column()) for index in old]
        self._load()
        self.changePersistentIndexList(old, [self.node_index(i, c) for i, c in ids])
        self.layoutChanged.emit()

    def repaint_rows(self, changes: Changes) -> None:
        self._load()
        for kids in self.kids.values():
            if kids:
                self.dataChanged.emit(self.node_index(kids[0], 0),
                                      self.node_index(kids[-1], OWNS))

    def node_index(self, node_id: int, column: int = 0) -> QModelIndex:
        """Return the index of ``node_id`` (invalid if it is gone)."""
        row = self.nodes.get(node_id)
        if row is None:
            return QModelIndex()
        parent = row.parent_id if row.parent_id in self.nodes else None
        return self.createIndex(self.kids[parent].index(node_id), column, node_id)

    def node_at(self, index: Index) -> int | None:
        """Return the node shown at ``index``."""
        return index.internalId() if index.isValid() else None

    # -- Qt API

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        kids = self.kids.get(self.node_at(parent), [])
        if not (0 <= row < len(kids)) or not 0 <= column < len(NODE_HEADERS):
            return QModelIndex()
        return self.createIndex(row, column, kids[row])

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        node = self.nodes.get(self.node_at(child) or -1)
        if node is None or node.parent_id not in self.nodes:
            return QModelIndex()
        return self.node_index(node.parent_id)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self.kids.get(self.node_at(parent), []))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(NODE_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(NODE_HEADERS):
            return self.tr(NODE_HEADERS[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        flags = (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                 | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled)
        if index.column() in NODE_COLUMN and not self.document.read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self.nodes.get(self.node_at(index) or -1)
        if node is None:
            return None
        column = index.column()
        editing = role == Qt.ItemDataRole.EditRole
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole,
                        Qt.ItemDataRole.ToolTipRole):
            return None
        if column == NAME:
            if role == Qt.ItemDataRole.ToolTipRole:
                return node.description or None
            return node.name if editing else node.name or self.tr("(unnamed node)")
        if role == Qt.ItemDataRole.ToolTipRole:
            return None
        if column == KIND:
            return node.kind.value if editing else self.tr(KIND_LABELS[node.kind])
        if column == ACCOUNTABLE:
            person = node.accountable_id
            return person if editing else self.people.get(person, "") if person else ""
        if column == CADENCE:
            cadence = node.cadence
            if editing:
                return cadence.value if cadence else None
            return self.tr(CADENCE_LABELS[cadence]) if cadence else ""
        if column == OWNS:
            owned = self.owned.get(node.id, [])
            objectives = sum(1 for e in owned if e.type is ElementType.OBJECTIVE)
            results = sum(1 for e in owned if e.type is ElementType.KEY_RESULT)
            if editing:
                return ""
            return ", ".join((
                self.tr("1 objective") if objectives == 1 else
                self.tr("%d objectives") % objectives,
                self.tr("1 key result") if results == 1 else
                self.tr("%d key results") % results))
        return None

    def choices(self, column: int) -> list[tuple[Any, str]]:
        """Return what a user may pick in ``column``."""
        if column == KIND:
            return [(kind.value, self.tr(label)) for kind, label in KIND_LABELS.items()]
        if column == ACCOUNTABLE:
            return [(None, "—"), *self.people.items()]
        if column == CADENCE:
            return [(None, "—"), *((c.value, self.tr(label))
                                   for c, label in CADENCE_LABELS.items())]
        return []

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        node_id = self.node_at(index)
        if node_id is None or role != Qt.ItemDataRole.EditRole or \
                index.column() not in NODE_COLUMN:
            return False
        try:
            return accountability.set_node_field(self.document, node_id,
                                                 NODE_COLUMN[index.column()], value)
        except (EditRejectedError, WorkshopFileError, ValueError) as error:
            self.rejected.emit(str(error))
            return False

    # -- drag and drop re-parents nodes

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [NODE_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids = list(dict.fromkeys(self.node_at(i) for i in indexes if i.isValid()))
        data = QMimeData()
        data.setData(NODE_MIME, QByteArray(json.dumps(ids).encode()))
        return data

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: Index) -> bool:
        return data.hasFormat(NODE_MIME) and not self.document.read_only

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: Index) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        target = self.node_at(parent)
        try:
            for node_id in json.loads(bytes(data.data(NODE_MIME).data()).decode()):
                siblings = self.kids.get(target, [])
                where = None if row < 0 else row - (1 if node_id in siblings[:row] else 0)
                accountability.move_node(self.document, node_id, target, where)
                if row >= 0:
                    row += 1
        except (EditRejectedError, WorkshopFileError) as error:
            self.rejected.emit(str(error))
        return False


class FlowMatrixModel(WatchingView, QAbstractTableModel):
    """Who needs what from whom: consumer nodes down, provider nodes across, plus "nobody yet"."""

    watches = (AccountabilityNode,)
    # -- a flow added or removed changes a cell's text, not the matrix's shape
    reads = (InformationFlow,)

    rejected = Signal(str)

    def __init__(self, document: WorkshopDocument) -> None:
        super().__init__(document)
        self.document = document
        self.order: list[int] = []
        self.names: dict[int, str] = {}
        self.cells: dict[tuple[int, int | None], list[str]] = {}
        self.watch(document)
        self.reload()

    def _load(self) -> None:
        with self.document.read() as conn:
            nodes = accountability.nodes(conn)
            flows = accountability.flows(conn)
        self.order = [n.id for n in nodes]
        self.names = {n.id: n.name or "(unnamed node)" for n in nodes}
        self.cells = defaultdict(list)
        for flow in flows:
            self.cells[(flow.consumer_id, flow.provider_id)].append(flow.information)

    def reload(self) -> None:
        """Read the nodes and flows again."""
        self.beginResetModel()
        self._load()
        self.endResetModel()

    def repaint_rows(self, changes: Changes) -> None:
        self._load()
        if self.order:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self.order) - 1, len(self.order)))
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.order))
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, len(self.order) - 1)

    def provider_of(self, column: int) -> int | None:
        """Return the provider node of ``column`` (None: the "nobody yet" column)."""
        return self.order[column] if column < len(self.order) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.order)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.order) + 1

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            # -- the column headings are elided to fit: the tip carries the whole name
            name = self.headerData(section, orientation)
            return self.tr("Needs: %s") % name if orientation == Qt.Orientation.Vertical \
                else self.tr("Provided by: %s") % name
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return self.names[self.order[section]] if section < len(self.order) else None
        if section == len(self.order):
            return self.tr("Nobody yet")
        return self.names[self.order[section]] if section < len(self.order) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        own = self.provider_of(index.column()) == self.order[index.row()]
        if not own and not self.document.read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.order):
            return None
        consumer = self.order[index.row()]
        provider = self.provider_of(index.column())
        items = self.cells.get((consumer, provider), [])
        if role == Qt.ItemDataRole.DisplayRole:
            return "; ".join(items)
        if role == Qt.ItemDataRole.EditRole:
            return "; ".join(items)
        if role == Qt.ItemDataRole.ToolTipRole and items:
            source = self.names.get(provider, self.tr("nobody yet")) if provider \
                else self.tr("nobody yet")
            return self.tr("%s needs from %s:\n") % (self.names[consumer], source) + \
                "\n".join(f"• {item}" for item in items)
        if role == Qt.ItemDataRole.BackgroundRole:
            if provider == consumer:
                return QBrush(tint("#e8e8e8"))
            if provider is None and items:
                return QBrush(tint("#fde2e1"))
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or \
                not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        lines = str(value or "").replace("\n", ";").split(";")
        try:
            return accountability.set_flows_between(self.document, self.order[index.row()],
                                             self.provider_of(index.column()), lines)
        except (EditRejectedError, WorkshopFileError) as error:
            self.rejected.emit(str(error))
            return False


class AccountabilityPage(QWidget):
    """The Accountability step of the workflow."""

    def __init__(self, document: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Accountability"))
        self.document = document
        self.model = NodeTreeModel(document)
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setAccessibleName(self.tr("Accountability nodes"))
        self.tree.setItemDelegate(ChoicesDelegate(self.model, self.tree))
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setStretchLastSection(True)
        for column, width in ((NAME, 200), (KIND, 115), (ACCOUNTABLE, 115), (CADENCE, 75)):
            self.tree.setColumnWidth(column, width)
        self.tree.expandAll()
        self.model.layoutChanged.connect(self.tree.expandAll)
        self.model.rejected.connect(self._show_rejection)

        buttons = QHBoxLayout()
        for label, slot in (("Add node", self.add_node), ("Add sub-node", self.add_sub_node),
                            ("Delete node", self.delete_node),
                            ("Record check-ins…", self.review_node)):
            button = QPushButton(self.tr(label), self)
            button.setAccessibleName(self.tr(label))
            button.setEnabled(not document.read_only)
            button.clicked.connect(lambda _=False, slot=slot: slot())
            buttons.addWidget(button)
        buttons.addStretch(1)
        tree_box = QWidget(self)
        tree_layout = QVBoxLayout(tree_box)
        tree_layout.setContentsMargins(0, 0, 0, 0)
        tree_layout.addLayout(buttons)
        tree_layout.addWidget(self.tree, 1)

        details = QWidget(self)
        form = QFormLayout(details)
        self.node_title = QLabel(details)
        self.node_title.setObjectName("panelTitle")
        self.owned = QListWidget(details)
        self.owned.setAccessibleName(self.tr("Owned elements"))
        self.owned.setWordWrap(True)
        form.addRow(self.node_title)
        form.addRow(self.tr("Owns"), self.owned)

        self.matrix_model = FlowMatrixModel(document)
        self.matrix = QTableView(self)
        self.matrix.setModel(self.matrix_model)
        self.matrix.setAccessibleName(self.tr("Who needs what from whom"))
        self.matrix.setWordWrap(True)
        self.matrix.horizontalHeader().setDefaultSectionSize(150)
        # -- a long node name ends in an ellipsis rather than being cut at both ends
        self.matrix.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        self.matrix.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.matrix_model.rejected.connect(self._show_rejection)
        matrix_box = QWidget(self)
        matrix_layout = QVBoxLayout(matrix_box)
        matrix_title = QLabel(self.tr(
            "Each row is a node that needs information, each column the node that provides "
            "it. Type the items separated by semicolons."), self)
        matrix_title.setWordWrap(True)
        matrix_layout.addWidget(matrix_title)
        matrix_layout.addWidget(self.matrix, 1)
        self.dependencies = DependencyEditor(document, self, NODE_DEPENDENCIES)
        self.lower_tabs = QTabWidget(self)
        self.lower_tabs.setAccessibleName(self.tr("Flows and dependencies"))
        self.lower_tabs.addTab(matrix_box, self.tr("Who needs what from whom"))
        self.lower_tabs.addTab(self.dependencies, self.tr("Node dependencies"))

        top = QSplitter(self)
        top.addWidget(tree_box)
        top.addWidget(details)
        top.setSizes([640, 240])
        left = QSplitter(Qt.Orientation.Vertical, self)
        left.addWidget(top)
        left.addWidget(self.lower_tabs)
        self.findings = FindingsPanel(document, self)
        self.findings.setMinimumWidth(240)
        # -- every field of the current node, challenges included, above the findings
        self.inspector = NodeInspector(document, self)
        side = QSplitter(Qt.Orientation.Vertical, self)
        side.addWidget(self.inspector)
        side.addWidget(self.findings)
        side.setSizes([360, 340])
        outer = QSplitter(self)
        outer.addWidget(left)
        outer.addWidget(side)
        outer.setStretchFactor(0, 3)
        outer.setStretchFactor(1, 1)
        outer.setSizes([880, 300])
        layout = QVBoxLayout(self)
        layout.addWidget(outer)
        self.tree.selectionModel().currentRowChanged.connect(lambda *_: self._show_details())
        self.model.dataChanged.connect(lambda *_: self._show_details())
        self.model.layoutChanged.connect(self._show_details)
        self.findings.finding_activated.connect(self.reveal)
        self.inspector.bind_focus_key(self, lambda: self.tree)
        first = self.model.index(0, 0)
        if first.isValid():
            self.tree.setCurrentIndex(first)
        self._show_details()

    def _show_rejection(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("Not changed"), message)

    def _guard(self, action: Any) -> Any:
        try:
            return action()
        except (EditRejectedError, WorkshopFileError) as error:
            self._show_rejection(str(error))
            return None

    def current_node(self) -> int | None:
        """Return the node that is current in the tree."""
        return self.model.node_at(self.tree.currentIndex())

    def select_node(self, node_id: int, edit: bool = False) -> None:
        """Make ``node_id`` current (and start editing its name)."""
        index = self.model.node_index(node_id)
        if not index.isValid():
            return
        self.tree.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.tree.scrollTo(index)
        if edit:
            self.tree.setFocus()
            self.tree.edit(index)

    def add_node(self) -> None:
        """Add a node beside the current one and edit its name."""
        current = self.current_node()
        parent = self.model.nodes[current].parent_id if current else None
        new = self._guard(lambda: accountability.add_node(self.document, parent, after_id=current))
        if new is not None:
            self.select_node(new, edit=True)

    def add_sub_node(self) -> None:
        """Add a node under the current one and edit its name."""
        current = self.current_node()
        new = self._guard(lambda: accountability.add_node(self.document, current))
        if new is not None:
            self.select_node(new, edit=True)

    def delete_node(self) -> None:
        """Delete the current node with its sub-nodes and information flows."""
        current = self.current_node()
        if current is not None:
            self._guard(lambda: accountability.delete_node(self.document, current))

    def review_node(self) -> None:
        """Take a new reading of every key result the current node owns, in one dialog."""
        from bigdesk.ui.check_ins import NodeReviewDialog

        current = self.current_node()
        node = self.model.nodes.get(current) if current is not None else None
        if node is not None:
            NodeReviewDialog(self.document, node.id, node.name, self).exec()

    def _show_details(self) -> None:
        node_id = self.current_node()
        node = self.model.nodes.get(node_id) if node_id is not None else None
        self.owned.clear()
        self.inspector.show_items([] if node is None else [node.id])
        if node is None:
            self.node_title.setText(self.tr("Select a node to see what it owns."))
            return
        self.node_title.setText(node.name or self.tr("(unnamed node)"))
        for element in self.model.owned.get(node.id, []):
            if element.type in OWNED_KINDS:
                item = QListWidgetItem(f"{self.tr(TYPE_LABELS[element.type])}: "
                                       f"{element.title or self.tr('(untitled)')}")
                item.setData(Qt.ItemDataRole.UserRole, element.id)
                self.owned.addItem(item)

    def reveal(self, table: str, row_id: int) -> None:
        """Select what a finding is about: a node, a node dependency, or the consumer of an
        information flow."""
        if table == AccountabilityNode.__tablename__:
            self.select_node(row_id)
        elif table == InformationFlow.__tablename__:
            with self.document.read() as conn:
                flow = next((f for f in accountability.flows(conn) if f.id == row_id), None)
            if flow is not None:
                self.select_node(flow.consumer_id)
                row = self.matrix_model.order.index(flow.consumer_id)
                column = len(self.matrix_model.order) if flow.provider_id is None else \
                    self.matrix_model.order.index(flow.provider_id)
                self.matrix.setCurrentIndex(self.matrix_model.index(row, column))
        elif table == NodeDependency.__tablename__:
            self.lower_tabs.setCurrentWidget(self.dependencies)
            self.dependencies.select(row_id)
        elif table == Element.__tablename__:
            workspace = workspace_of(self)
            if workspace is not None:
                workspace.show_step("map")
                page = workspace.current_page()
                if hasattr(page, "reveal"):
                    page.reveal(table, row_id)
