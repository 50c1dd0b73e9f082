"""The network guard really refuses Internet sockets, here and in child processes."""

from __future__ import annotations

import contextlib
import os
import socket

import pytest

from tests import network_guard
from tests.helpers import run_python
from tests.network_guard import MARKER, NetworkAccessError


@pytest.mark.parametrize(
    ("family", "kind"),
    [
        (socket.AF_INET, socket.SOCK_STREAM),
        (socket.AF_INET, socket.SOCK_DGRAM),
        (socket.AF_INET6, socket.SOCK_STREAM),
        (socket.AF_INET6, socket.SOCK_DGRAM),
    ],
)
def test_internet_sockets_are_refused(family: int, kind: int) -> None:
    with pytest.raises(NetworkAccessError):
        socket.socket(family, kind)
    # -- the attempt is recorded, so the suite fails even if code swallowed the error
    assert len(network_guard.take_attempts()) == 1


def test_default_socket_and_create_connection_are_refused() -> None:
    with pytest.raises(NetworkAccessError):
        socket.socket()
    with pytest.raises(NetworkAccessError):
        socket.create_connection(("127.0.0.1", 9))
    assert len(network_guard.take_attempts()) == 2


def test_a_swallowed_attempt_is_still_recorded() -> None:
    # -- code under test that hides the error must not hide the attempt
    with contextlib.suppress(Exception):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    assert network_guard.take_attempts() == ["socket(AF_INET, SOCK_STREAM)"]


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="AF_UNIX is POSIX only")
def test_unix_sockets_still_work() -> None:
    left, right = socket.socketpair(socket.AF_UNIX)
    with left, right:
        left.sendall(b"ping")
        assert right.recv(4) == b"ping"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as plain:
        assert plain.family == socket.AF_UNIX
    assert network_guard.take_attempts() == []


def test_child_processes_are_guarded() -> None:
    script = (
        "import socket\n"
        "try:\n"
        "    socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
        "except Exception as error:\n"
        "    print(type(error).__name__)\n"
    )
    with pytest.raises(AssertionError, match="tried to use the network"):
        run_python("-c", script)


def test_child_processes_keep_unix_sockets_and_see_no_marker_when_quiet() -> None:
    script = "import socket; a, b = socket.socketpair(); a.sendall(b'x'); print(b.recv(1))"
    result = run_python("-c", script)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "b'x'"
    assert MARKER not in result.stderr


def test_data_folder_points_at_a_temporary_folder(_private_data_dir: os.PathLike[str]) -> None:
    from bigdesk.paths import user_data_dir

    assert user_data_dir() == _private_data_dir
