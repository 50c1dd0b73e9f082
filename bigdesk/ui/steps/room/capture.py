"""Live capture: table groups with their members and key points, and the parking lot."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from bigdesk.analysis.people import person_labels
from bigdesk.analysis.room import (
    KEY_POINTS_TARGET,
    group_members,
    key_points,
    table_groups,
    visible_to_room,
)
from bigdesk.app import prepare, room
from bigdesk.app.document import WorkshopDocument
from bigdesk.app.room import plural
from bigdesk.app.session import NOTHING, RoomSession
from bigdesk.model import KeyPoint, Person, TableGroup, TableGroupMember
from bigdesk.store import Changes, EditRejectedError, WorkshopFileError

from bigdesk.ui.row_model import Column, RowTableModel
from bigdesk.ui.table_editor import TableEditor
from bigdesk.ui.watching import WatchingView

Index = QModelIndex | QPersistentModelIndex


class GroupModel(RowTableModel):
    """The table groups, with their members and how many points each has."""

    reads = (TableGroupMember, KeyPoint, Person)

    def __init__(self, document: WorkshopDocument) -> None:
        self._members: dict[int, str] = {}
        self._counts: dict[int, int] = {}
        columns = [
            Column.of(room.GROUPS.field("name")),
            Column.of(room.GROUPS.field("question")),
            Column("members", "Members", "computed", compute=self._member_text),
            Column("points", "Key points", "computed", compute=self._count_text,
                   tooltip="The method asks each table for three to five key points"),
        ]
        super().__init__(document, room.GROUPS, columns)

    def fetch_rows(self, conn: Connection) -> list[Any]:
        self._summarise(conn)
        return super().fetch_rows(conn)

    def _summarise(self, conn: Connection) -> None:
        labels = person_labels(conn, anonymous=False)
        self._members = {}
        self._counts = {}
        for group in table_groups(conn):
            ids = group_members(conn, group.id)
            self._members[group.id] = ", ".join(labels.get(i, "") for i in ids)
            self._counts[group.id] = sum(
                1 for p in key_points(conn, group.id) if p.text.strip()
            )

    def repaint_rows(self, changes: Changes) -> None:
        super().repaint_rows(changes)
        if changes.touches(*self.reads):
            with self.document.read() as conn:
                self._summarise(conn)
            if self.rowCount():
                self.dataChanged.emit(self.index(0, 2), self.index(self.rowCount() - 1, 3))

    def _member_text(self, row: int, rows: Sequence[Any]) -> str:
        return self._members.get(rows[row].id, "")

    def _count_text(self, row: int, rows: Sequence[Any]) -> str:
        low, high = KEY_POINTS_TARGET
        return f"{self._counts.get(rows[row].id, 0)} of {low}\u2013{high}"


class PointModel(RowTableModel):
    """The key points of one table group, or of the parking lot."""

    def __init__(self, document: WorkshopDocument) -> None:
        columns = [
            Column.of(room.POINTS.field("text")),
            Column("shown", "On the projector", "computed", compute=self._shown),
        ]
        super().__init__(document, room.POINTS, columns)
        self.scope = {"table_group_id": None}

    @property
    def group_id(self) -> int | None:
        """Return the table group whose points are shown (None: the parking lot)."""
        group: int | None = self.scope["table_group_id"]
        return group

    def show_group(self, group_id: int | None) -> None:
        """Show the points of ``group_id`` (None: the parking lot)."""
        self.scope = {"table_group_id": group_id}
        self.reload()

    @staticmethod
    def _shown(row: int, rows: Sequence[Any]) -> str:
        return "Shown" if visible_to_room(rows[row]) else "Hidden until revealed"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        hidden = index.isValid() and not visible_to_room(self.record(index.row()))
        if role == Qt.ItemDataRole.FontRole and hidden:
            font = QFont()
            font.setItalic(True)
            return font
        return super().data(index, role)


class MembersDialog(QDialog):
    """Tick the people who sit at a table group."""

    def __init__(self, document: WorkshopDocument, group_id: int, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Table members"))
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("People at this table"))
        with document.read() as conn:
            seated = set(group_members(conn, group_id))
            people = prepare.PEOPLE.rows(conn)
        for person in people:
            role = f" \u2014 {person.role}" if person.role else ""
            item = QListWidgetItem((person.name or self.tr("(unnamed)")) + role)
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if person.id in seated else Qt.CheckState.Unchecked
            )
            self.list.addItem(item)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(buttons)

    def chosen(self) -> list[int]:
        """Return the ids of the ticked people, in the list's order."""
        return [int(self.list.item(i).data(Qt.ItemDataRole.UserRole))
                for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]  # fmt: skip


class CapturePanel(WatchingView, QWidget):
    """Table groups on the left; the chosen group's (or parking lot's) points on the right."""

    watches = (TableGroup,)
    reads = (KeyPoint, TableGroupMember, Person)

    def __init__(self, session: RoomSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        document = self.document = session.document
        self.groups = TableEditor(
            GroupModel(document),
            [("Add table group", lambda: room.add_table_group(document))],
            "Each table discusses its own question and brings back three to five key points.",
            self,
        )
        self.target = QComboBox(self)
        self.target.setAccessibleName(self.tr("Capturing for"))
        self.target.currentIndexChanged.connect(self._target_changed)
        self.question = QLabel(self)
        self.question.setWordWrap(True)
        self.question.setTextFormat(Qt.TextFormat.PlainText)
        self.members = QLabel(self)
        self.members.setWordWrap(True)
        self.members_button = QPushButton(self.tr("Choose members…"), self)
        self.members_button.setAccessibleName(self.tr("Choose members"))
        self.members_button.clicked.connect(self.choose_members)
        self.count = QLabel(self)
        self.count.setAccessibleName(self.tr("Key points against the target"))
        self.entry = QLineEdit(self)
        self.entry.setAccessibleName(self.tr("New key point"))
        self.entry.setPlaceholderText(self.tr("Type a key point and press Enter"))
        self.entry.returnPressed.connect(self.add_point)
        self.silent = QCheckBox(self.tr("Silent round: keep new points off the projector"), self)
        self.silent.setAccessibleName(self.tr("Silent round"))
        self.silent.toggled.connect(session.set_silent_round)
        self.reveal_button = QPushButton(self.tr("Reveal hidden points"), self)
        self.reveal_button.setAccessibleName(self.tr("Reveal hidden points"))
        self.reveal_button.clicked.connect(self.reveal)
        self.project_button = QPushButton(self.tr("Show on the projector"), self)
        self.project_button.setAccessibleName(self.tr("Show on the projector"))
        self.project_button.setCheckable(True)
        self.project_button.clicked.connect(self._project_clicked)
        self.point_model = PointModel(document)
        self.points = TableEditor(self.point_model, [], "", self)
        self.points.view.setAccessibleName(self.tr("Key points"))
        # -- the point's text takes the room; the shown-or-hidden column stays narrow
        points_header = self.points.view.horizontalHeader()
        points_header.setStretchLastSection(False)
        points_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # -- a long question must not push the members and the point counts out of sight
        self.groups.model.modelReset.connect(lambda: self.groups.view.setColumnWidth(1, 160))
        self.groups.view.setColumnWidth(1, 160)

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Capturing for"), right))
        top.addWidget(self.target, 1)
        top.addWidget(self.project_button)
        right_layout.addLayout(top)
        right_layout.addWidget(self.question)
        members = QHBoxLayout()
        members.addWidget(self.members, 1)
        members.addWidget(self.members_button)
        right_layout.addLayout(members)
        right_layout.addWidget(self.count)
        entry = QHBoxLayout()
        entry.addWidget(self.entry, 1)
        entry.addWidget(self.silent)
        right_layout.addLayout(entry)
        right_layout.addWidget(self.points, 1)
        right_layout.addWidget(self.reveal_button)
        splitter = QSplitter(self)
        splitter.addWidget(self.groups)
        splitter.addWidget(right)
        splitter.setSizes([520, 560])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        for widget in (self.entry, self.members_button, self.reveal_button, self.silent):
            widget.setEnabled(not document.read_only)
        self.watch(document)
        session.state_changed.connect(self._sync_session)
        self.reload()

    # -- which group

    def current_group(self) -> int | None:
        """Return the group being captured for (None: the parking lot)."""
        data = self.target.currentData()
        return None if data is None or data == 0 else int(data)

    def select_group(self, group_id: int | None) -> None:
        """Capture for ``group_id`` (None: the parking lot)."""
        self.target.setCurrentIndex(max(0, self.target.findData(group_id or 0)))

    def reload(self) -> None:
        """List the table groups to capture for, keeping the one chosen."""
        keep = self.target.currentData()
        self.target.blockSignals(True)
        self.target.clear()
        with self.document.read() as conn:
            for group in table_groups(conn):
                self.target.addItem(group.name or self.tr("Unnamed table group"), group.id)
        self.target.addItem(self.tr("Parking lot"), 0)
        index = self.target.findData(keep) if keep is not None else 0
        self.target.setCurrentIndex(max(0, index))
        self.target.blockSignals(False)
        self._target_changed()

    def repaint_rows(self, changes: Changes) -> None:
        if changes.touches(TableGroup):
            self.reload()
        else:
            self._describe()

    def _target_changed(self) -> None:
        group = self.current_group()
        if self.point_model.group_id != group or self.point_model.rowCount() == 0:
            self.point_model.show_group(group)
        self._describe()
        self._sync_session()

    def _describe(self) -> None:
        group = self.current_group()
        with self.document.read() as conn:
            points = key_points(conn, group)
            hidden = sum(1 for p in points if not visible_to_room(p))
            if group is None:
                self.question.setText(self.tr("Ideas and questions to come back to later."))
                self.members.setText("")
            else:
                found = next((g for g in table_groups(conn) if g.id == group), None)
                self.question.setText(found.question if found else "")
                labels = person_labels(conn, anonymous=False)
                names = [labels.get(i, "") for i in group_members(conn, group)]
                self.members.setText(self.tr("At this table: %s") % ", ".join(names)
                                     if names else self.tr("No members chosen yet"))
        self.members.setVisible(group is not None)
        self.members_button.setVisible(group is not None)
        if group is None:
            self.count.setText(plural(len(points), "point in the parking lot",
                                      "points in the parking lot"))
        else:
            self.count.setText(room.point_count_text(points, KEY_POINTS_TARGET))
        self.reveal_button.setText(self.tr("Reveal %s") % plural(hidden, "hidden point",
                                                                  "hidden points")
                                   if hidden else self.tr("Reveal hidden points"))
        self.reveal_button.setEnabled(bool(hidden) and not self.document.read_only)

    def _sync_session(self) -> None:
        if self.silent.isChecked() != self.session.silent_round:
            self.silent.setChecked(self.session.silent_round)
        on_show = self.session.capture is not NOTHING and self.session.capture == (
            self.current_group()
        )
        self.project_button.setChecked(on_show)

    # -- actions

    def add_point(self) -> None:
        """Capture the typed point for the current group (hidden during a silent round)."""
        text = self.entry.text().strip()
        if not text:
            return
        try:
            room.add_key_point(self.document, self.current_group(), text,
                               silent=self.session.silent_round)
        except (EditRejectedError, WorkshopFileError) as error:
            self.document.failed.emit(str(error))
            return
        self.entry.clear()

    def reveal(self) -> None:
        """Show the room the current group's hidden points."""
        room.reveal_points(self.document, self.current_group())

    def _project_clicked(self, checked: bool) -> None:
        self.session.show_capture(self.current_group() if checked else NOTHING)

    def choose_members(self) -> None:
        """Ask who sits at the current table group."""
        group = self.current_group()
        if group is None:
            return
        dialog = MembersDialog(self.document, group, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            room.set_members(self.document, group, dialog.chosen())
