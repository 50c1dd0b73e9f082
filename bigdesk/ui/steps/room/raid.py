"""The RAID log as a table (or its actions, the next steps): owners by name, due dates, status."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection

from bigdesk.analysis.people import person_labels
from bigdesk.app import room
from bigdesk.app.document import WorkshopDocument
from bigdesk.model import Person, RaidKind
from bigdesk.store import Changes

from bigdesk.ui.row_model import Column, RowTableModel


class RaidModel(RowTableModel):
    """The RAID log with owners by name and due dates."""

    reads = (Person,)

    def __init__(self, document: WorkshopDocument, actions_only: bool = False) -> None:
        self._owners: dict[int, str] = {}
        raid = room.RAID
        columns = [
            *([] if actions_only else [Column.of(raid.field("kind"))]),
            Column.of(raid.field("title"), "Action" if actions_only else ""),
            Column("owner", "Owner", "computed", compute=self._owner,
                   tooltip="Double-click to change the owner or the due date"),
            Column("due", "Due", "computed", compute=self._due),
            Column.of(raid.field("status")),
            Column.of(raid.field("description")),
        ]
        super().__init__(document, raid, columns)
        if actions_only:
            # -- the next steps of the ask: the log's actions, moved among themselves
            self.scope = {"kind": RaidKind.ACTION}
            self.reload()

    def fetch_rows(self, conn: Connection) -> list[Any]:
        self._owners = person_labels(conn, anonymous=False)
        return super().fetch_rows(conn)

    def repaint_rows(self, changes: Changes) -> None:
        if changes.touches(Person):
            self.reload()
        else:
            super().repaint_rows(changes)

    def _owner(self, row: int, rows: Sequence[Any]) -> str:
        owner = rows[row].owner_id
        return "" if owner is None else self._owners.get(owner, "")

    @staticmethod
    def _due(row: int, rows: Sequence[Any]) -> str:
        due = rows[row].due_date
        return "" if due is None else due.strftime("%d %b %Y")
