"""A table editor whose rows are reordered among themselves (a table group's points)."""

from __future__ import annotations

from bigdesk.store import reorder

from bigdesk.ui.table_editor import TableEditor


class ScopedTableEditor(TableEditor):
    """A ``TableEditor`` that moves rows within the rows its model shows."""

    def move_current(self, offset: int) -> None:
        """Move the current row up or down among the shown rows, as one undoable edit."""
        current = self.view.currentIndex()
        if not current.isValid() or self.model.document.read_only:
            return
        order = [record["id"] for record in self.model.records()]
        row_id = order[current.row()]
        target = max(0, min(len(order) - 1, current.row() + offset))
        if target == current.row():
            return
        order.insert(target, order.pop(current.row()))
        self._guard(lambda: self.model.document.do(
            reorder(self.model.table, order, f"Move {self.model.noun}")
        ))
        row = self.model.row_of(row_id)
        if row is not None:
            self.select_id(row_id)
            self.view.setCurrentIndex(self.model.index(row, current.column()))
