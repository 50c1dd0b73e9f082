"""Refuse every Internet socket in the test process: BIG Desk must never touch the network.

Loaded by ``tests/conftest.py`` for the pytest process and by
``tests/sitecustomize_guard/sitecustomize.py`` for the processes tests start.
"""

from __future__ import annotations

import socket
import sys
from typing import Any

BLOCKED_FAMILIES = frozenset({socket.AF_INET, socket.AF_INET6})
# -- a blocked attempt is also printed with this prefix, so a child process that
#    swallows the exception is still caught by the test that started it
MARKER = "network guard: blocked"

_original_socket = socket.socket
_original_create_connection = socket.create_connection
_attempts: list[str] = []
_report_to_stderr = False


class NetworkAccessError(RuntimeError):
    """A test or the code under test tried to open an Internet socket."""


def _refuse(what: str) -> None:
    _attempts.append(what)
    if _report_to_stderr:
        print(f"{MARKER} {what}", file=sys.stderr, flush=True)
    # -- not an OSError: code that handles network failures must not swallow this quietly
    raise NetworkAccessError(f"BIG Desk must not use the network; blocked {what}")


class GuardedSocket(_original_socket):
    """``socket.socket`` that refuses AF_INET and AF_INET6 and allows the rest (AF_UNIX)."""

    def __init__(
        self, family: int = -1, type: int = -1, proto: int = -1, fileno: Any = None
    ) -> None:
        # -- with no fileno, family -1 means the default AF_INET
        if fileno is None and (family == -1 or family in BLOCKED_FAMILIES):
            kind = "SOCK_DGRAM" if type == socket.SOCK_DGRAM else "SOCK_STREAM"
            name = "AF_INET6" if family == socket.AF_INET6 else "AF_INET"
            _refuse(f"socket({name}, {kind})")
        super().__init__(family, type, proto, fileno)


def _guarded_create_connection(address: Any, *args: Any, **kwargs: Any) -> socket.socket:
    _refuse(f"create_connection({address!r})")
    raise AssertionError("unreachable")


def install(*, report_to_stderr: bool = False) -> None:
    """Put the guard in place (again, if something replaced it)."""
    global _report_to_stderr
    _report_to_stderr = report_to_stderr
    socket.socket = GuardedSocket  # type: ignore[misc]
    socket.create_connection = _guarded_create_connection


def installed() -> bool:
    """Return whether the guard is in place."""
    return socket.socket is GuardedSocket and socket.create_connection is _guarded_create_connection


def take_attempts() -> list[str]:
    """Return the attempts blocked since the last call, and forget them."""
    taken = list(_attempts)
    _attempts.clear()
    return taken
