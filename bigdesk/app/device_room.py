"""The room opened to participants' devices from the window: the server, what is open, who joined.

The web server runs in a thread of its own; each request it receives is run here, on
the window's thread, between two events of its loop, through the document's ``do``:
saved at once, shown live through ``changed`` and undoable like anything typed.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from bigdesk.app.devices.api import Guest, RoomApi
from bigdesk.app.devices.dispatch import ClosedError, Job, run_job
from bigdesk.app.devices.openings import Openings
from bigdesk.app.document import WorkshopDocument
from bigdesk.app.people import merge_people

if TYPE_CHECKING:
    from bigdesk.app.devices.server import RoomServer

# -- how long the window gives the phones' jobs in one turn of its event loop: short
#    enough that it never looks stuck, long enough that a burst is taken in few turns
TURN_SECONDS = 0.025


class MainThreadDispatcher(QObject):
    """Runs jobs from the server's thread on this object's thread (the window's).

    Jobs wait in a queue and run a few milliseconds' worth at a time: between two turns
    the event loop paints, ticks its timers and takes the facilitator's keys, however
    many phones answer at once.
    """

    _wake = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._jobs: deque[tuple[Job, Future[Any]]] = deque()
        self._closed = False
        self._turn = QTimer(self)
        self._turn.setSingleShot(True)
        self._turn.setInterval(0)
        self._turn.timeout.connect(self._run_some)
        # -- queued: emitted from the server's thread, the timer starts on this one
        self._wake.connect(self._turn.start, Qt.ConnectionType.QueuedConnection)

    def submit(self, job: Job) -> Future[Any]:
        """Queue ``job`` for the window's thread; return the future of its result."""
        future: Future[Any] = Future()
        with self._lock:
            if self._closed:
                future.set_exception(ClosedError("The room is closed."))
                return future
            self._jobs.append((job, future))
            first = len(self._jobs) == 1
        if first:
            self._wake.emit()
        return future

    def _run_some(self) -> None:
        deadline = time.monotonic() + TURN_SECONDS
        while time.monotonic() < deadline:
            with self._lock:
                if not self._jobs:
                    return
                job, future = self._jobs.popleft()
            run_job(job, future)
        with self._lock:
            more = bool(self._jobs)
        if more:
            self._turn.start()

    def close(self) -> None:
        """Refuse new jobs and cancel those still waiting."""
        with self._lock:
            self._closed = True
            waiting, self._jobs = self._jobs, deque()
        self._turn.stop()
        for _, future in waiting:
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
