"""Hear, on a thread of its own, of edits other windows commit, and of the server going away."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bigdesk.store.server.address import ServerLocation
    from bigdesk.store.server.changes import Notice

# -- a connection that died without a word (a cable pulled, a laptop asleep) is found by
#    asking the server something this often, so that its loss shows within a second or so
HEARTBEAT_SECONDS = 0.5
RETRY_SECONDS = 1.0


def conninfo(location: ServerLocation) -> str:
    """Return libpq's connection string for ``location`` (it holds the password: never show it)."""
    from psycopg.conninfo import make_conninfo

    from bigdesk.store.server.credentials import with_password

    location = with_password(location)
    return make_conninfo(
        host=location.host, port=location.port, dbname=location.database, user=location.user,
        password=location.password, application_name="BIG Desk", connect_timeout=5,
        **dict(location.settings),
    )


class Listener(threading.Thread):
    """LISTEN on one workshop's channel; report each notice and each loss and return."""

    def __init__(self, location: ServerLocation, channel: str,
                 on_notice: Callable[[Notice], None],
                 on_connection: Callable[[bool], None]) -> None:  # fmt: skip
        super().__init__(name=f"bigdesk-listener-{channel}", daemon=True)
        self._conninfo = conninfo(location)
        self._channel = channel
        self._on_notice = on_notice
        self._on_connection = on_connection
        self._stopping = threading.Event()
        self.listening = threading.Event()

    def run(self) -> None:
        import psycopg
        from psycopg import sql

        from bigdesk.store.server.changes import parse_notice

        connected = True
        while not self._stopping.is_set():
            try:
                with psycopg.connect(self._conninfo, autocommit=True) as conn:
                    conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(self._channel)))
                    self.listening.set()
                    if not connected:
                        connected = True
                        self._on_connection(True)
                    while not self._stopping.is_set():
                        for notify in conn.notifies(timeout=HEARTBEAT_SECONDS):
                            notice = parse_notice(notify.payload)
                            if notice is not None:
                                self._on_notice(notice)
                        conn.execute("SELECT 1")
            except psycopg.Error:
                self.listening.clear()
                if connected and not self._stopping.is_set():
                    connected = False
                    self._on_connection(False)
                self._stopping.wait(RETRY_SECONDS)

    def stop(self) -> None:
        """Stop listening and wait for the thread to end."""
        self._stopping.set()
        if self.is_alive() and threading.current_thread() is not self:
            self.join(timeout=5)
