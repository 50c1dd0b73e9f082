"""Tables whose rows a user keeps in an order of their own: the interface the table editor uses.

A step that shows such a table (people, the agenda, notes, criteria, RAID items, …)
describes it once with an ``OrderedTable``; the shared table view reads, edits, adds,
removes and reorders through it, and every change is one undoable edit checked against
the table's fields (``bigdesk.domain.fields``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import Connection, select

from bigdesk.app.rows import next_position, remove_rows
from bigdesk.domain.fields import Field, field_of
from bigdesk.model import Base
from bigdesk.store import DeleteRow, InsertRow, SetValues, Workspace, fetch, fetch_one, reorder

R = TypeVar("R", bound=Base)


@dataclass(frozen=True)
class OrderedTable(Generic[R]):
    """One table of rows in the user's order, with the fields users edit."""

    model: type[R]

    @property
    def noun(self) -> str:
        """Return what one row is called ("person", "agenda item")."""
        return self.model.noun

    def field(self, column: str) -> Field:
        """Return the field stored in ``column``."""
        return field_of(self.model, column)

    def rows(self, conn: Connection, scope: Mapping[str, Any] | None = None) -> list[R]:
        """Return every row in its order (only those whose columns match ``scope``)."""
        order = self.model.position, self.model.id  # type: ignore[attr-defined]
        statement = select(self.model).order_by(*order)
        for column, value in (scope or {}).items():
            attribute = getattr(self.model, column)
            statement = statement.where(attribute.is_(None) if value is None
                                        else attribute == value)
        return fetch(conn, statement)

    def row(self, conn: Connection, row_id: int) -> R | None:
        """Return one row, or None if it is gone."""
        return fetch_one(conn, self.model, row_id)

    def add(self, workspace: Workspace, values: Mapping[str, Any], label: str) -> int:
        """Append a row and return its id."""
        with workspace.read() as conn:
            position = next_position(conn, self.model)
        inverse = workspace.do(InsertRow(self.model, {**values, "position": position}, label))
        assert isinstance(inverse, DeleteRow)
        return inverse.row_id

    def set_value(self, workspace: Workspace, row_id: int, column: str, value: Any) -> bool:
        """Change one cell, checked against its field; return whether it changed."""
        field = self.field(column)
        value = field.clean(value)
        with workspace.read() as conn:
            current = self.row(conn, row_id)
        if current is None or getattr(current, column) == value:
            return False
        label = f"Change {self.noun} {field.label.lower()}"
        workspace.do(SetValues(self.model, row_id, {column: value}, label))
        return True

    def remove(self, workspace: Workspace, ids: Sequence[int]) -> None:
        """Remove rows (and whatever depends on them) as one undoable edit."""
        remove_rows(workspace, self.model, ids)

    def move(self, workspace: Workspace, row_id: int, offset: int,
             scope: Mapping[str, Any] | None = None) -> bool:
        """Move a row up (negative offset) or down among the rows in ``scope``; return whether
        it moved."""
        with workspace.read() as conn:
            order = [row.id for row in self.rows(conn, scope)]  # type: ignore[attr-defined]
        index = order.index(row_id)
        target = max(0, min(len(order) - 1, index + offset))
        if target == index:
            return False
        order.insert(target, order.pop(index))
        workspace.do(reorder(self.model, order, f"Move {self.noun}"))
        return True
