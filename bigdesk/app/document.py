"""The open workshop: its store, its undo stack, and the signal that says what changed.

On a server, edits other people commit arrive here too, within a second: they are
announced like this window's own, so every view refreshes what they touched.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from bigdesk import paths
from bigdesk.app.undo import EditCommand
from bigdesk.store import Changes, Edit, OpenWorkshop, Place, WorkshopFileError
from bigdesk.store.backups import rotate_backups

if TYPE_CHECKING:
    from bigdesk.analysis.cascade import Cascade, LiveCascade
    from bigdesk.analysis.findings import Finding

log = logging.getLogger(__name__)
BACKUP_INTERVAL_MS = 60 * 60 * 1000


class WorkshopDocument(QObject):
    """One open workshop; every user edit goes through ``do`` and is committed at once."""

    # -- carries a store.Changes: views refresh only the tables and rows it names
    changed = Signal(object)
    # -- an edit or an undo failed; carries the message for the user
    failed = Signal(str)
    # -- the file is about to close: whatever still feeds it edits stops now
    closing = Signal()
    # -- the connection to the server was lost (False) or came back (True)
    connection_changed = Signal(bool)
    # -- from the listener's thread to this one: a notice of an edit made elsewhere, and
    #    the connection coming and going
    _heard = Signal(object)
    _connection = Signal(bool)

    def __init__(self, store: OpenWorkshop, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._heard.connect(self._on_heard)
        self._connection.connect(self._on_connection)
        self._listener = store.listen(self._heard.emit, self._connection.emit)
        self.undo_stack = QUndoStack(self)
        # -- made when a view first asks for the cascade; from then on told of every change
        #    before any view is, so views always find it up to date
        self._cascade: LiveCascade | None = None
        # -- the cascade the findings were worked out for, and those findings
        self._findings: tuple[Cascade, list[Finding]] | None = None
        self._backup_timer = QTimer(self)
        self._backup_timer.setInterval(BACKUP_INTERVAL_MS)
        self._backup_timer.timeout.connect(self.back_up)
        # -- the backup being written on a thread of its own (a workshop on a server)
        self._backing_up: threading.Thread | None = None

    @property
    def place(self) -> Place:
        """Return where the workshop lives: a file's path or a server location."""
        return self.store.place

    @property
    def title(self) -> str:
        """Return the workshop's name for a title bar and for files made from it."""
        return self.store.title

    @property
    def folder(self) -> Path:
        """Return the folder where files made from the workshop are suggested."""
        return self.store.folder

    @property
    def connected(self) -> bool:
        """Return whether edits can reach the workshop (a server may be out of reach)."""
        return self.store.connected

    @property
    def read_only(self) -> bool:
        """Return whether edits are refused."""
        return self.store.read_only

    def start_backups(self) -> None:
        """Back up now and then every hour while the workshop is open."""
        if self.read_only:
            return
        self.back_up()
        self._backup_timer.start()

    def back_up(self) -> None:
        """Write the rotating backups; a failure is logged, never shown mid-session.

        A workshop on a server is read whole over the network: that happens on a thread
        of its own, so the window keeps answering meanwhile.
        """
        if self._backing_up is not None and self._backing_up.is_alive():
            return
        if not self.store.reads_anywhere:
            self._rotate()
            return
        self._backing_up = threading.Thread(target=self._rotate, name="bigdesk-backup",
                                            daemon=True)
        self._backing_up.start()

    def _rotate(self) -> None:
        try:
            rotate_backups(self.store, paths.backups_dir())
        except (OSError, WorkshopFileError):
            # -- a full disk, or a server out of reach: the next hour tries again
            log.exception("Rotating backup of %s failed", self.store.label)

    def wait_for_backup(self) -> None:
        """Return once no backup is being written."""
        if self._backing_up is not None:
            self._backing_up.join()
            self._backing_up = None

    @contextlib.contextmanager
    def read(self) -> Iterator[Connection]:
        """Yield a connection for reading the workshop."""
        with self.store.read() as conn:
            yield conn

    def do(self, edit: Edit) -> Edit:
        """Apply ``edit``, commit it, and put it on the undo stack; return its inverse.

        Raises the store's error, with nothing pushed, when the edit is refused.
        """
        inverse, changes = self.store.apply(edit)
        self.undo_stack.push(EditCommand(self, inverse, edit.label))
        self._announce(changes)
        return inverse

    def apply(self, edit: Edit) -> Edit:
        """Apply ``edit`` without touching the undo stack (used by undo and redo)."""
        inverse, changes = self.store.apply(edit)
        self._announce(changes)
        return inverse

    def _on_heard(self, notice: Any) -> None:
        """Show an edit made elsewhere: the changes it carries, or what the record says."""
        if notice.changes is None:
            self._catch_up()
        elif self.store.saw(notice.id):
            self._announce(notice.changes)

    def _on_connection(self, up: bool) -> None:
        if up:
            # -- what was committed while this window could not hear it
            self._catch_up()
        self.connection_changed.emit(up)

    def _catch_up(self) -> None:
        try:
            missed = self.store.catch_up()
        except Exception:
            log.exception("Catching up with %s failed", self.store.label)
            return
        for _, changes in missed:
            self._announce(changes)

    def _announce(self, changes: Changes) -> None:
        if self._cascade is not None:
            self._cascade.note(changes)
        self.changed.emit(changes)

    def cascade(self) -> Cascade:
        """Return the workshop's cascade as it stands, shared by every view that shows it."""
        if self._cascade is None:
            from bigdesk.analysis.cascade import LiveCascade

            self._cascade = LiveCascade()
        with self.read() as conn:
            return self._cascade.current(conn)

    def cascade_findings(self) -> list[Finding]:
        """Return the cascade's health findings, worked out once for each state of it."""
        from bigdesk.analysis.cascade_health import cascade_findings

        cascade = self.cascade()
        if self._findings is None or self._findings[0] is not cascade:
            self._findings = (cascade, cascade_findings(cascade))
        return self._findings[1]

    def close(self) -> None:
        """Stop backups and listening, and close the workshop."""
        self.closing.emit()
        self._backup_timer.stop()
        # -- a backup reading the workshop finishes before its connections close
        self.wait_for_backup()
        if self._listener is not None:
            self._listener.stop()
            self._listener = None
        self.undo_stack.clear()
        self.store.close()


def everything_changed() -> Changes:
    """Return a change that makes every view reload (after opening a file)."""
    from bigdesk.model import Base

    return Changes(reshaped=frozenset(Base.metadata.tables))
