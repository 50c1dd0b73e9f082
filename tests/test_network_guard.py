"""The network guard refuses every address beyond loopback, here and in child processes."""

from __future__ import annotations

import contextlib
import os
import socket

import pytest

from tests import network_guard
from tests.helpers import run_python
from tests.network_guard import MARKER, NetworkAccessError

# -- documentation addresses (RFC 5737, RFC 3849): routed nowhere, refused before use
OUTSIDE = {socket.AF_INET: "192.0.2.1", socket.AF_INET6: "2001:db8::1"}
EVERYWHERE = {socket.AF_INET: "0.0.0.0", socket.AF_INET6: "::"}
LOOPBACK = {socket.AF_INET: "127.0.0.1", socket.AF_INET6: "::1"}
FAMILIES = [(socket.AF_INET, socket.SOCK_STREAM), (socket.AF_INET, socket.SOCK_DGRAM),
            (socket.AF_INET6, socket.SOCK_STREAM), (socket.AF_INET6, socket.SOCK_DGRAM)]


def _ipv6() -> bool:
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as probe:
            probe.bind(("::1", 0))
    except OSError:
        return False
    return True


@pytest.mark.parametrize(("family", "kind"), FAMILIES)
def test_addresses_beyond_loopback_are_refused(family: int, kind: int) -> None:
    with socket.socket(family, kind) as sock:
        with pytest.raises(NetworkAccessError):
            sock.connect((OUTSIDE[family], 9))
        with pytest.raises(NetworkAccessError):
            sock.connect_ex((OUTSIDE[family], 9))
        with pytest.raises(NetworkAccessError):
            sock.bind((EVERYWHERE[family], 0))
        if kind == socket.SOCK_DGRAM:
            with pytest.raises(NetworkAccessError):
                sock.sendto(b"x", (OUTSIDE[family], 9))
    # -- every attempt is recorded, so the suite fails even if code swallowed the error
    assert len(network_guard.take_attempts()) == (4 if kind == socket.SOCK_DGRAM else 3)


def test_names_and_outside_addresses_are_refused_before_resolving() -> None:
    with pytest.raises(NetworkAccessError):
        socket.create_connection(("192.0.2.1", 9))
    with pytest.raises(NetworkAccessError):
        socket.create_connection(("example.org", 80))
    with socket.socket() as sock, pytest.raises(NetworkAccessError):
        sock.connect(("example.org", 80))
    assert len(network_guard.take_attempts()) == 3


def test_a_swallowed_attempt_is_still_recorded() -> None:
    # -- code under test that hides the error must not hide the attempt
    with contextlib.suppress(Exception), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.sendto(b"x", ("192.0.2.1", 53))
    assert network_guard.take_attempts() == ["sendto(('192.0.2.1', 53))"]


@pytest.mark.parametrize("family", [socket.AF_INET, socket.AF_INET6])
def test_loopback_still_works(family: int) -> None:
    if family == socket.AF_INET6 and not _ipv6():
        pytest.skip("this machine has no IPv6 loopback")
    with socket.socket(family, socket.SOCK_STREAM) as server:
        server.bind((LOOPBACK[family], 0))
        server.listen()
        port = server.getsockname()[1]
        with socket.create_connection((LOOPBACK[family], port)) as client:
            accepted, _ = server.accept()
            with accepted:
                client.sendall(b"ping")
                assert accepted.recv(4) == b"ping"
    assert network_guard.take_attempts() == []


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="AF_UNIX is POSIX only")
def test_unix_sockets_still_work() -> None:
    left, right = socket.socketpair(socket.AF_UNIX)
    with left, right:
        left.sendall(b"ping")
        assert right.recv(4) == b"ping"
    assert network_guard.take_attempts() == []


def test_child_processes_are_guarded() -> None:
    script = (
        "import socket\n"
        "try:\n"
        "    socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b'x', ('192.0.2.1', 9))\n"
        "except Exception as error:\n"
        "    print(type(error).__name__)\n"
    )
    with pytest.raises(AssertionError, match="tried to use the network"):
        run_python("-c", script)


def test_child_processes_keep_loopback_and_see_no_marker_when_quiet() -> None:
    script = ("import socket\n"
              "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()\n"
              "c = socket.create_connection(s.getsockname()); a, _ = s.accept()\n"
              "c.sendall(b'x'); print(a.recv(1))\n")
    result = run_python("-c", script)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "b'x'"
    assert MARKER not in result.stderr


def test_data_folder_points_at_a_temporary_folder(_private_data_dir: os.PathLike[str]) -> None:
    from bigdesk.paths import user_data_dir

    assert user_data_dir() == _private_data_dir
