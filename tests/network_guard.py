"""Keep the test processes off the network: only the loopback interface may be used.

BIG Desk opens no connection of its own. The room's server for participants' devices
listens on the address the facilitator chooses, and the tests use loopback for it
(127.0.0.0/8 and ::1); a connection, a datagram or a listening socket anywhere else
(every interface included) is refused before anything is sent.

Loaded by ``tests/conftest.py`` for the pytest process and by
``tests/sitecustomize_guard/sitecustomize.py`` for the processes tests start.
"""

from __future__ import annotations

import ipaddress
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
    """A test or the code under test tried to use an address beyond loopback."""


def _refuse(what: str) -> None:
    _attempts.append(what)
    if _report_to_stderr:
        print(f"{MARKER} {what}", file=sys.stderr, flush=True)
    # -- not an OSError: code that handles network failures must not swallow this quietly
    raise NetworkAccessError(f"BIG Desk must not use the network; blocked {what}")


def is_loopback(address: Any) -> bool:
    """Return whether a socket address (or a bare host) is on the loopback interface."""
    host = address[0] if isinstance(address, tuple) else address
    if not isinstance(host, str):
        return False
    if host == "localhost":
        return True
    try:
        ip = ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        # -- a name would need resolving, and might resolve anywhere
        return False
    mapped = getattr(ip, "ipv4_mapped", None)
    return bool(ip.is_loopback or (mapped is not None and mapped.is_loopback))


class GuardedSocket(_original_socket):
    """``socket.socket`` that lets AF_INET and AF_INET6 reach only loopback addresses."""

    def _check(self, what: str, address: Any) -> None:
        if self.family in BLOCKED_FAMILIES and not is_loopback(address):
            _refuse(f"{what}({address!r})")

    def connect(self, address: Any) -> None:
        self._check("connect", address)
        super().connect(address)

    def connect_ex(self, address: Any) -> int:
        self._check("connect", address)
        return super().connect_ex(address)

    def bind(self, address: Any) -> None:
        self._check("bind", address)
        super().bind(address)

    def sendto(self, data: Any, *args: Any) -> int:
        self._check("sendto", args[-1])
        return super().sendto(data, *args)

    def sendmsg(self, buffers: Any, ancdata: Any = (), flags: int = 0,
                address: Any = None) -> int:
        if address is not None:
            self._check("sendmsg", address)
            return super().sendmsg(buffers, ancdata, flags, address)
        return super().sendmsg(buffers, ancdata, flags)


def _guarded_create_connection(address: Any, *args: Any, **kwargs: Any) -> socket.socket:
    # -- checked before the name is resolved: even a lookup would leave the machine
    if not is_loopback(address):
        _refuse(f"create_connection({address!r})")
    return _original_create_connection(address, *args, **kwargs)


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
