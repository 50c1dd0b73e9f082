"""The console's Devices tab: open the room to phones, choose what is open, see who joined."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtNetwork import QAbstractSocket, QNetworkInterface
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bigdesk.analysis.people import participant_labels
from bigdesk.analysis.polls import polls
from bigdesk.analysis.room import table_groups
from bigdesk.app import polls as poll_service
from bigdesk.app import room as room_service
from bigdesk.app.assessment import dimensions, groups
from bigdesk.app.device_room import DeviceRoom
from bigdesk.app.devices import DEFAULT_PORT
from bigdesk.app.devices.api import Guest
from bigdesk.app.session import RoomSession
from bigdesk.model import (
    Dimension,
    DimensionGroup,
    DotVote,
    KeyPoint,
    Person,
    Poll,
    PollAnswer,
    Score,
    TableGroup,
    Workshop,
)
from bigdesk.store import Changes, EditRejectedError, WorkshopFileError

from bigdesk.ui.steps.room.join_panel import short_address, spaced_code
from bigdesk.ui.watching import WatchingView

Index = QModelIndex | QPersistentModelIndex
LOOPBACK = "127.0.0.1"


def room_addresses() -> list[str]:
    """Return this computer's IPv4 addresses on networks that are up, loopback last."""
    found = []
    flags = QNetworkInterface.InterfaceFlag
    for interface in QNetworkInterface.allInterfaces():
        wanted = flags.IsUp | flags.IsRunning
        if (interface.flags() & wanted) != wanted or interface.flags() & flags.IsLoopBack:
            continue
        for entry in interface.addressEntries():
            address = entry.ip()
            if address.protocol() == QAbstractSocket.NetworkLayerProtocol.IPv4Protocol:
                found.append(address.toString())
    return [*dict.fromkeys(found), LOOPBACK]


class GuestModel(QAbstractTableModel):
    """Who joined from a device, and what each has answered."""

    HEADERS = ("Name", "Devices", "Scored", "Dots", "Poll", "Points")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.guests: list[Guest] = []
        self.open_dimensions = 0

    def set_guests(self, guests: list[Guest], open_dimensions: int) -> None:
        """Show ``guests``; scores count against ``open_dimensions``."""
        self.beginResetModel()
        self.guests = list(guests)
        self.open_dimensions = open_dimensions
        self.endResetModel()

    # -- Qt API

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.guests)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.HEADERS)):
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.guests):
            return None
        guest = self.guests[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return guest.person_id
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == 0:
            return guest.label
        if column == 1:
            return str(guest.devices)
        if column == 2:
            return self.tr("%d of %d") % (guest.scored, self.open_dimensions)
        if column == 3:
            return str(guest.dots)
        if column == 4:
            return self.tr("Answered") if guest.answered_poll else ""
        if column == 5:
            return str(guest.points)
        return None


class DimensionsDialog(QDialog):
    """Tick the dimensions the devices score."""

    def __init__(self, choices: list[tuple[int, str]], chosen: set[int],
                 parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Dimensions to score"))
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Dimensions the devices score"))
        for dimension_id, text in choices:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, dimension_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if dimension_id in chosen
                               else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(buttons)

    def chosen(self) -> tuple[int, ...]:
        """Return the ids of the ticked dimensions, in the list's order."""
        return tuple(int(self.list.item(i).data(Qt.ItemDataRole.UserRole))
                     for i in range(self.list.count())
                     if self.list.item(i).checkState() == Qt.CheckState.Checked)  # fmt: skip


class PollDialog(QDialog):
    """Write a quick poll: the question, and its options one a line."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New poll"))
        self.question = QLineEdit(self)
        self.question.setAccessibleName(self.tr("Poll question"))
        self.options = QPlainTextEdit(self)
        self.options.setAccessibleName(self.tr("Poll options, one a line"))
        self.options.setPlaceholderText(self.tr("A: one corporate RAID log\nB: the OKR platform"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Question"), self.question)
        form.addRow(self.tr("Options, one a line"), self.options)
        form.addRow(buttons)

    def option_lines(self) -> list[str]:
        """Return the options as typed, one a line."""
        return self.options.toPlainText().splitlines()


class MergeDialog(QDialog):
    """Choose the person a joined name is merged into."""

    def __init__(self, name: str, others: list[tuple[int, str]], parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Merge names"))
        self.target = QComboBox(self)
        self.target.setAccessibleName(self.tr("Merge into"))
        for person_id, label in others:
            self.target.addItem(label, person_id)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        explain = QLabel(self.tr("Merge “%s” into the person below: their scores, dots and "
                                 "answers pass to that person, who keeps their own where "
                                 "both answered.") % name, self)
        explain.setTextFormat(Qt.TextFormat.PlainText)
        explain.setWordWrap(True)
        layout.addWidget(explain)
        layout.addWidget(self.target)
        layout.addWidget(buttons)

    def chosen(self) -> int | None:
        """Return the id of the person chosen to keep."""
        data = self.target.currentData()
        return None if data is None else int(data)


class DevicesPanel(WatchingView, QWidget):
    """Open the room to devices, choose what they may answer, reveal results, see who joined."""

    watches = (Dimension, DimensionGroup, TableGroup, Poll)
    reads = (Score, DotVote, PollAnswer, KeyPoint, Person, Workshop)
    # -- answers from thirty phones arrive in bursts: count them once the burst settles
    refresh_delay_ms = 300

    def __init__(self, session: RoomSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document = session.document
        self.room = DeviceRoom.of(document)

        self.open_button = self._button("Open the room to devices", self.open_room)
        self.close_button = self._button("Close the room", self.close_room)
        self.host = QComboBox(self)
        self.host.setAccessibleName(self.tr("Address on the room's network"))
        self.host.setToolTip(self.tr("The network the phones are on; 127.0.0.1 reaches only "
                                     "this computer, for a rehearsal"))
        self.port = QSpinBox(self)
        self.port.setAccessibleName(self.tr("Port"))
        self.port.setRange(1024, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.status = QLabel(self)
        self.status.setAccessibleName(self.tr("Room status"))
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.scores = self._check("Scores")
        self.dimension_count = QLabel(self)
        self.choose_dimensions = self._button("Choose dimensions…", self.pick_dimensions)
        self.votes = self._check("Dot votes")
        self.points = self._check("Silent round")
        self.points_group = QComboBox(self)
        self.points_group.setAccessibleName(self.tr("Points of people at no table go to"))
        self.points_group.setToolTip(self.tr("People seated at a table group write to their "
                                             "own table; everyone else writes here"))
        self.poll = self._check("Poll")
        self.poll_choice = QComboBox(self)
        self.poll_choice.setAccessibleName(self.tr("Poll"))
        self.new_poll = self._button("New poll…", self.add_poll)
        self.show_scores = self._check("Show results on phones")
        self.show_votes = self._check("Show results on phones")
        self.reveal_points = self._button("Reveal the points", self.reveal)
        self.show_poll = self._check("Show results on phones")
        for widget, name in ((self.show_scores, "Show score results on phones"),
                             (self.show_votes, "Show the dot tally on phones"),
                             (self.show_poll, "Show the poll tally on phones")):
            widget.setAccessibleName(self.tr(name))
        self.points_group.currentIndexChanged.connect(self._apply)
        self.poll_choice.currentIndexChanged.connect(self._apply)

        self.guest_model = GuestModel(self)
        self.guest_view = QTableView(self)
        self.guest_view.setAccessibleName(self.tr("Who has joined"))
        self.guest_view.setModel(self.guest_model)
        self.guest_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.guest_view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.guest_view.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch)
        self.joined = QLabel(self)
        self.merge_button = self._button("Merge into…", self.merge_selected)

        connection = QHBoxLayout()
        connection.addWidget(self.open_button)
        connection.addWidget(QLabel(self.tr("Address"), self))
        connection.addWidget(self.host)
        connection.addWidget(QLabel(self.tr("Port"), self))
        connection.addWidget(self.port)
        connection.addWidget(self.close_button)
        connection.addStretch(1)
        grid = QGridLayout()
        grid.addWidget(self.scores, 0, 0)
        grid.addWidget(self.dimension_count, 0, 1)
        grid.addWidget(self.choose_dimensions, 0, 2)
        grid.addWidget(self.show_scores, 0, 3)
        grid.addWidget(self.votes, 1, 0)
        grid.addWidget(self.show_votes, 1, 3)
        grid.addWidget(self.points, 2, 0)
        grid.addWidget(self.points_group, 2, 1, 1, 2)
        grid.addWidget(self.reveal_points, 2, 3)
        grid.addWidget(self.poll, 3, 0)
        grid.addWidget(self.poll_choice, 3, 1)
        grid.addWidget(self.new_poll, 3, 2)
        grid.addWidget(self.show_poll, 3, 3)
        grid.setColumnStretch(1, 1)
        opened = QGroupBox(self.tr("What the devices may answer now"), self)
        opened.setLayout(grid)
        guests = QHBoxLayout()
        guests.addWidget(self.joined, 1)
        guests.addWidget(self.merge_button)
        layout = QVBoxLayout(self)
        layout.addLayout(connection)
        layout.addWidget(self.status)
        layout.addWidget(opened)
        layout.addLayout(guests)
        layout.addWidget(self.guest_view, 1)

        self.host.addItems(room_addresses())
        self.room.changed.connect(self._show_room)
        self.watch(document)
        self.reload()

    def _button(self, text: str, slot: Any) -> QPushButton:
        button = QPushButton(self.tr(text), self)
        button.setAccessibleName(self.tr(text).replace("…", ""))
        button.clicked.connect(slot)
        return button

    def _check(self, text: str) -> QCheckBox:
        box = QCheckBox(self.tr(text), self)
        box.setAccessibleName(self.tr(text))
        box.toggled.connect(self._apply)
        return box

    # -- what the panel shows

    def reload(self) -> None:
        """List the table groups and polls to choose from, then show the room."""
        openings = self.room.openings
        with self.document.read() as conn:
            group_choices = [(g.id, g.name or self.tr("Unnamed table group"))
                             for g in table_groups(conn)]
            poll_choices = [(p.id, p.question) for p in polls(conn)]
            known = {d.id for d in dimensions(conn)}
        self._fill(self.points_group, [(0, self.tr("Parking lot")), *group_choices],
                   openings.points_group or 0)
        latest = poll_choices[-1][0] if poll_choices else None
        self._fill(self.poll_choice, poll_choices, openings.poll_id or latest)
        # -- a dimension removed meanwhile is no longer open
        kept = tuple(d for d in openings.dimensions if d in known)
        if kept != openings.dimensions:
            self.room.set_openings(openings.with_(dimensions=kept))
        self._show_room()

    def _fill(self, combo: QComboBox, choices: list[tuple[int, str]], keep: int | None) -> None:
        combo.blockSignals(True)
        combo.clear()
        for value, text in choices:
            combo.addItem(text, value)
        combo.setCurrentIndex(max(0, combo.findData(keep)))
        combo.blockSignals(False)

    def repaint_rows(self, changes: Changes) -> None:
        if changes.touches(*self.watches):
            self.reload()
        else:
            self._show_guests()

    def _show_room(self) -> None:
        room, openings = self.room, self.room.openings
        writable = not self.document.read_only
        self.open_button.setEnabled(writable and not room.is_open)
        self.open_button.setToolTip("" if writable else
                                    self.tr("Open a workshop you can change to take answers"))
        self.close_button.setEnabled(room.is_open)
        self.host.setEnabled(not room.is_open)
        self.port.setEnabled(not room.is_open)
        if room.is_open:
            self.status.setText(self.tr("Open: phones go to %s and type the code %s, or scan "
                                        "the QR code on the presenter screen.")
                                % (short_address(room.url), spaced_code(room.code)))
        elif not self.status.property("problem"):
            self.status.setText(self.tr("Closed: nothing listens on the network."))
        for box, value in ((self.scores, openings.scores), (self.votes, openings.votes),
                           (self.points, openings.points), (self.poll, openings.poll),
                           (self.show_scores, openings.show_scores),
                           (self.show_votes, openings.show_votes),
                           (self.show_poll, openings.show_poll)):
            box.blockSignals(True)
            box.setChecked(value)
            box.blockSignals(False)
        self.dimension_count.setText(self.tr("%d dimensions") % len(openings.dimensions))
        self.poll.setEnabled(self.poll_choice.count() > 0)
        self.new_poll.setEnabled(writable)
        self.reveal_points.setEnabled(writable)
        self._show_guests()

    def _show_guests(self) -> None:
        guests = self.room.guests()
        self.guest_model.set_guests(guests, len(self.room.openings.dimensions))
        self.joined.setText(self.tr("%n joined from a device", "", len(guests)))
        self.merge_button.setEnabled(bool(guests) and not self.document.read_only)

    # -- the facilitator's actions

    def open_room(self) -> bool:
        """Start listening on the chosen address and port; say why not if it cannot."""
        if not self.room.openings.dimensions and not self.room.openings.scores:
            with self.document.read() as conn:
                every = tuple(d.id for d in dimensions(conn))
            self.room.set_openings(self.room.openings.with_(dimensions=every))
        host, port = self.host.currentText(), self.port.value()
        try:
            self.room.open(host, port)
        except OSError as error:
            self.status.setProperty("problem", True)
            self.status.setText(self.tr("Cannot listen on %s port %d: %s. Choose another port "
                                        "or address.") % (host, port, error.strerror or error))
            return False
        self.status.setProperty("problem", False)
        return True

    def close_room(self) -> None:
        """Stop listening; joined devices must join again with the next code."""
        self.room.close()

    def _apply(self) -> None:
        """Hand the ticks and choices to the room as one new moment."""
        group = self.points_group.currentData()
        poll_id = self.poll_choice.currentData()
        self.room.set_openings(self.room.openings.with_(
            scores=self.scores.isChecked(), votes=self.votes.isChecked(),
            points=self.points.isChecked(), poll=self.poll.isChecked() and poll_id is not None,
            points_group=int(group) if group else None,
            poll_id=None if poll_id is None else int(poll_id),
            show_scores=self.show_scores.isChecked(), show_votes=self.show_votes.isChecked(),
            show_poll=self.show_poll.isChecked()))

    def pick_dimensions(self) -> None:
        """Ask which dimensions the devices score."""
        with self.document.read() as conn:
            order = [(g.id, g.name) for g in groups(conn)]
            names, rank = dict(order), {group_id: i for i, (group_id, _) in enumerate(order)}
            choices = [(d.id, f"{names.get(d.group_id, '')}: {d.name}")
                       for d in sorted(dimensions(conn), key=lambda d: (
                           rank.get(d.group_id, len(rank)), d.position, d.id))]
        dialog = DimensionsDialog(choices, set(self.room.openings.dimensions), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.room.set_openings(self.room.openings.with_(dimensions=dialog.chosen()))

    def add_poll(self) -> None:
        """Write a new poll and choose it."""
        dialog = PollDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            poll_id = poll_service.add_poll(self.document, dialog.question.text(),
                                            dialog.option_lines())
        except (EditRejectedError, WorkshopFileError) as error:
            self.document.failed.emit(str(error))
            return
        self.poll_choice.setCurrentIndex(max(0, self.poll_choice.findData(poll_id)))

    def reveal(self) -> None:
        """Show every hidden key point, on the projector and on the phones."""
        with self.document.read() as conn:
            places: list[int | None] = [g.id for g in table_groups(conn)]
        for group_id in [*places, None]:
            room_service.reveal_points(self.document, group_id)
        self.room.set_openings(self.room.openings.with_(show_points=True))

    def merge_selected(self) -> None:
        """Merge the selected joined name into another person."""
        rows = self.guest_view.selectionModel().selectedRows()
        if not rows:
            self.document.failed.emit(self.tr("Select a name in the list first."))
            return
        merged = int(self.guest_model.data(rows[0], Qt.ItemDataRole.UserRole))
        with self.document.read() as conn:
            labels = participant_labels(conn, anonymous=False)
        others = [(pid, label) for pid, label in labels.items() if pid != merged]
        dialog = MergeDialog(labels.get(merged, ""), others, self)
        keep = dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
        if keep is None:
            return
        try:
            self.room.merge(keep, merged)
        except (EditRejectedError, WorkshopFileError) as error:
            self.document.failed.emit(str(error))
