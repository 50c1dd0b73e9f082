"""The room opened to participants' devices from the window: the server, what is open, who joined.

The web server runs in a thread of its own; each request it receives is run here, on
the window's thread, between two events of its loop, through the document's ``do``:
saved at once, shown live through ``changed`` and undoable like anything typed.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal

from bigdesk.app.devices.api import Guest, RoomApi
from bigdesk.app.devices.dispatch import ClosedError, Job, run_job
from bigdesk.app.devices.openings import Openings
from bigdesk.app.document import WorkshopDocument
from bigdesk.app.people import merge_people

if TYPE_CHECKING:
    from bigdesk.app.devices.server import RoomServer


class MainThreadDispatcher(QObject):
    """Runs jobs from the server's thread on this object's thread (the window's), one an event."""

    _queued = Signal(object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._pending: set[Future[Any]] = set()
        self._closed = False
        # -- queued: emitted from the server's thread, run by the window's event loop
        self._queued.connect(self._run, Qt.ConnectionType.QueuedConnection)

    def submit(self, job: Job) -> Future[Any]:
        """Queue ``job`` for the window's thread; return the future of its result."""
        future: Future[Any] = Future()
        with self._lock:
            if self._closed:
                future.set_exception(ClosedError("The room is closed."))
                return future
            self._pending.add(future)
        self._queued.emit(job, future)
        return future

    def _run(self, job: Job, future: Future[Any]) -> None:
        with self._lock:
            self._pending.discard(future)
        run_job(job, future)

    def close(self) -> None:
        """Refuse new jobs and cancel those still waiting."""
        with self._lock:
            self._closed = True
            pending, self._pending = self._pending, set()
        for future in pending:
            future.cancel()


class DeviceRoom(QObject):
    """The room opened to devices for one open workshop (one per document)."""

    # -- opened or closed, what is open changed, or someone joined
    changed = Signal()

    def __init__(self, document: WorkshopDocument) -> None:
        super().__init__(document)
        self.setObjectName("deviceRoom")
        self.document = document
        self.api: RoomApi | None = None
        self._server: RoomServer | None = None
        document.closing.connect(self.close)

    @classmethod
    def of(cls, document: WorkshopDocument) -> DeviceRoom:
        """Return the document's device room, creating it the first time."""
        found = document.findChild(DeviceRoom, "deviceRoom")
        return found if isinstance(found, DeviceRoom) else cls(document)

    @property
    def is_open(self) -> bool:
        """Return whether devices can join now."""
        return self._server is not None

    @property
    def url(self) -> str:
        """Return the page's address, or "" while the room is closed."""
        return self._server.url if self._server is not None else ""

    @property
    def code(self) -> str:
        """Return this opening's join code, or "" while the room is closed."""
        return self.api.admission.code if self.api is not None and self.is_open else ""

    @property
    def openings(self) -> Openings:
        """Return what is open to the devices now."""
        return self.api.openings if self.api is not None else Openings()

    def open(self, host: str, port: int) -> None:
        """Start listening on ``host`` and ``port`` with a fresh join code; raise OSError if not."""
        from bigdesk.app.devices.server import RoomServer

        if self._server is not None:
            self.close()
        openings = self.openings
        api = RoomApi(self.document)
        api.openings = openings
        api.on_join = self.changed.emit
        server = RoomServer(api, MainThreadDispatcher(self))
        server.start(host, port)
        self.api, self._server = api, server
        self.changed.emit()

    def close(self) -> None:
        """Stop listening; devices that joined must join again with the next code."""
        if self._server is None:
            return
        self._server.stop()
        dispatcher = self._server.dispatcher
        if isinstance(dispatcher, QObject):
            dispatcher.deleteLater()
        self._server = None
        self.changed.emit()

    def set_openings(self, openings: Openings) -> None:
        """Open and close what the devices may answer, and reveal results."""
        if self.api is None:
            self.api = RoomApi(self.document)
            self.api.on_join = self.changed.emit
        if openings != self.api.openings:
            self.api.openings = openings
            self.changed.emit()

    def joined(self) -> int:
        """Return how many people have joined from a device."""
        return len(self.api.admission.devices()) if self.api is not None and self.is_open else 0

    def guests(self) -> list[Guest]:
        """Return who joined from a device and what each has answered."""
        return self.api.guests() if self.api is not None and self.is_open else []

    def merge(self, keep_id: int, merged_id: int) -> None:
        """Merge two people (one undoable edit); the merged one's devices go on as the other."""
        merge_people(self.document, keep_id, merged_id)
        if self.api is not None:
            self.api.admission.repoint(merged_id, keep_id)
        self.changed.emit()
