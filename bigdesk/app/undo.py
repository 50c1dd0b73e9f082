"""The thin Qt adapter that puts edits on the undo stack."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.exc import SQLAlchemyError

from PySide6.QtGui import QUndoCommand

from bigdesk.store import Edit, EditRejectedError, WorkshopFileError

if TYPE_CHECKING:
    from bigdesk.app.document import WorkshopDocument


class EditCommand(QUndoCommand):
    """An edit already applied to the file; undo and redo apply its inverse in turn."""

    def __init__(self, document: WorkshopDocument, inverse: Edit, label: str) -> None:
        super().__init__(label)
        self._document = document
        self._inverse = inverse
        # -- the edit was applied before the push, so the first redo does nothing
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            return
        self._swap()
        self._applied = True

    def undo(self) -> None:
        self._swap()
        self._applied = False

    def _swap(self) -> None:
        try:
            self._inverse = self._document.apply(self._inverse)
        except (WorkshopFileError, EditRejectedError, SQLAlchemyError) as error:
            # -- an edit that cannot be replayed leaves the stack; the file is unchanged
            self.setObsolete(True)
            self._document.failed.emit(f"“{self.text()}” could not be undone or redone: {error}")
