"""Passwords come from the system keyring or a pgpass file, and are never shown."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from bigdesk.store import WorkshopFileError, create_workshop, open_workshop, place_of
from bigdesk.store.server.credentials import account, forget_password, remember_password

from tests.helpers import guarded_env, run_bigdesk
from tests.server.cluster import Cluster
from tests.server.conftest import Ran


class MemoryKeyring(KeyringBackend):
    """A keyring kept in memory for one test, standing in for the desktop's."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.kept.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.kept[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.kept.pop((service, username), None)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    yield memory
    keyring.set_keyring(before)


def test_a_password_kept_in_the_keyring_opens_a_location_without_one(
    cluster: Cluster, location: str, memory_keyring: MemoryKeyring,
    bigdesk: Callable[..., Ran],
) -> None:
    create_workshop(location).close()
    bare = place_of(cluster.url(location.rsplit("#", 1)[1], password=""))
    assert bare.password is None
    with pytest.raises(WorkshopFileError):
        open_workshop(bare, read_only=True)
    assert remember_password(bare, cluster.editor_password) is None
    assert memory_keyring.kept == {("BIG Desk", account(bare)): cluster.editor_password}
    open_workshop(bare, read_only=True).close()
    checked = bigdesk("check", str(bare))
    assert checked.returncode == 0, checked.stderr
    assert cluster.editor_password not in checked.stdout + checked.stderr
    forget_password(bare)
    assert not memory_keyring.kept


def test_a_pgpass_file_serves_the_command_line(
    cluster: Cluster, location: str, tmp_path: Path
) -> None:
    create_workshop(location).close()
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"127.0.0.1:{cluster.port}:bigdesk:facilitator:{cluster.editor_password}\n")
    pgpass.chmod(0o600)
    bare = cluster.url(location.rsplit("#", 1)[1], password="")
    without = run_bigdesk("check", bare)
    assert without.returncode == 2 and "password" in without.stderr
    env = guarded_env(PGPASSFILE=str(pgpass),
                      PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")  # fmt: skip
    result = subprocess.run([sys.executable, "-m", "bigdesk", "check", bare], env=env,
                            capture_output=True, text=True, timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert cluster.editor_password not in result.stdout + result.stderr
    assert os.stat(pgpass).st_mode & 0o777 == 0o600


def test_sslmode_reaches_the_server_connection(cluster: Cluster, location: str) -> None:
    create_workshop(location).close()
    required = place_of(location.replace("#", "?sslmode=require#"))
    with pytest.raises(WorkshopFileError, match="SSL") as refused:
        open_workshop(required, read_only=True)
    assert cluster.editor_password not in str(refused.value)
