"""The room served without the window (``bigdesk serve``): everything open, on a spare laptop."""

from __future__ import annotations

import threading
from collections.abc import Callable

from sqlalchemy import Connection, select

from bigdesk.analysis.polls import polls
from bigdesk.app.devices.api import RoomApi
from bigdesk.app.devices.dispatch import QueueDispatcher
from bigdesk.app.devices.openings import Openings
from bigdesk.model import Dimension
from bigdesk.store import WorkshopStore


def everything_open(conn: Connection) -> Openings:
    """Return scoring of every dimension, dot votes, a silent round and the latest poll, open."""
    dimensions = tuple(conn.execute(select(Dimension.id)).scalars())
    latest = polls(conn)
    return Openings(dimensions=dimensions, scores=bool(dimensions), votes=True, points=True,
                    poll_id=latest[-1].id if latest else None, poll=bool(latest))


def serve_workshop(store: WorkshopStore, host: str, port: int, stop: threading.Event,
                   announce: Callable[[str, str], None]) -> None:
    """Serve the room on ``host`` and ``port`` until ``stop`` is set; edits go to ``store``.

    Runs the workshop's jobs on the calling thread, which must be the one that opened
    ``store``. ``announce(url, code)`` is called once the room is listening; OSError is
    raised when it cannot listen.
    """
    from bigdesk.app.devices.server import RoomServer

    api = RoomApi(store)
    with store.read() as conn:
        api.openings = everything_open(conn)
    dispatcher = QueueDispatcher()
    server = RoomServer(api, dispatcher)
    server.start(host, port)
    try:
        announce(server.url, api.admission.code)
        dispatcher.run(stop)
    finally:
        server.stop()
