"""Views that say which tables they show, and refresh when an edit changes them.

A view (a widget or a Qt model) declares the tables it lists in ``watches`` and the
tables it only takes values from in ``reads``, implements ``reload()`` (and, when it
can do better than reloading, ``repaint_rows(changes)``), and calls ``watch(document)``
once. Then, after every edit, undo or redo:

- a watched table whose set or order of rows changed: ``reload()``;
- otherwise, rows of a watched table changed in place, or anything in a table it
  reads: ``repaint_rows(changes)``, where ``changes.rows_of(Model)`` gives the ids;
- nothing it shows: nothing.

An expensive view (charts, findings, a solver) sets ``refresh_delay_ms`` to wait for a
burst of edits to settle, and ``lazy`` to refresh only while shown: a lazy widget
loads when first shown and catches up when shown again. A lazy Qt model names the
widget that shows it: ``watch(document, shown_in=widget)``.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from bigdesk.app.document import WorkshopDocument, everything_changed
from bigdesk.model import Base
from bigdesk.store import Changes


class WatchingView:
    """Mixin for a widget or Qt model that shows some tables of the open workshop."""

    # -- the tables whose rows the view lists: a reshape reloads it
    watches: tuple[type[Base], ...] = ()
    # -- tables the view only takes values from (names, counts): any change repaints it
    reads: tuple[type[Base], ...] = ()
    # -- wait for this pause in the edits before refreshing (0: refresh at once)
    refresh_delay_ms = 0
    # -- a widget that refreshes only while shown, loading when first shown
    lazy = False

    def watch(self, document: WorkshopDocument, shown_in: QWidget | None = None) -> None:
        """Refresh this view from now on whenever an edit changes what it shows.

        A lazy view refreshes only while ``shown_in`` (by default the view itself, when
        it is a widget) is shown.
        """
        self._watch = _Watch(self, document, shown_in)

    def reload(self) -> None:
        """Read everything the view shows again."""
        raise NotImplementedError

    def repaint_rows(self, changes: Changes) -> None:
        """Show the new values of rows changed in place; by default, reload."""
        self.reload()

    def catch_up(self) -> None:
        """Refresh now for edits still waiting on the delay or on the view being shown."""
        self._watch.flush()


class _Watch(QObject):
    """Connects one view to the document's change signal, with its delay and laziness."""

    def __init__(self, view: WatchingView, document: WorkshopDocument,
                 shown_in: QWidget | None) -> None:
        # -- a child of the view: the connection ends when the view is deleted
        super().__init__(cast(QObject, view))
        self.view = view
        self.tables = (*view.watches, *view.reads)
        if shown_in is None and isinstance(view, QWidget):
            shown_in = view
        self.widget = shown_in if view.lazy else None
        # -- what changed and is not shown yet; a lazy view has everything still to show
        self.pending: Changes | None = everything_changed() if self.widget else None
        self.timer: QTimer | None = None
        if view.refresh_delay_ms:
            self.timer = QTimer(self)
            self.timer.setSingleShot(True)
            self.timer.setInterval(view.refresh_delay_ms)
            self.timer.timeout.connect(self.flush)
        if self.widget is not None:
            self.widget.installEventFilter(self)
        document.changed.connect(self._changed)

    def _changed(self, changes: Changes) -> None:
        if not changes.touches(*self.tables):
            return
        self.pending = changes if self.pending is None else self.pending | changes
        if self.widget is not None and not self.widget.isVisible():
            return
        if self.timer is not None:
            self.timer.start()
        else:
            self.flush()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and watched is self.widget:
            self.flush()
        return False

    def flush(self) -> None:
        """Show what changed since the view last refreshed."""
        if self.timer is not None:
            self.timer.stop()
        changes, self.pending = self.pending, None
        if changes is None:
            return
        if changes.reshapes(*self.view.watches):
            self.view.reload()
        else:
            self.view.repaint_rows(changes)
