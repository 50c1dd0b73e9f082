"""A healthy workshop where it cannot be written: usable, opened read-only, and said so."""

from __future__ import annotations

import ctypes
import json
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bigdesk.exchange.sample import populate_sample
from bigdesk.store import ReadOnlyPlaceError, create_workshop, open_workshop

from tests.helpers import REPO, check_no_network, guarded_env, sha256

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")

# -- Linux capabilities that let root write where permissions say no (capability.h)
_OVERRIDES = (1, 2, 3)  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER
_PR_CAPBSET_DROP = 24


def _as_an_ordinary_user() -> None:
    """Drop root's power to ignore permissions in the child about to run (no-op for others)."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in _OVERRIDES:
        if libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "cannot drop a capability")


def _bigdesk(*args: str | Path) -> subprocess.CompletedProcess[str]:
    try:
        result = subprocess.run(
            [sys.executable, "-m", "bigdesk", *map(str, args)], env=guarded_env(), cwd=REPO,
            capture_output=True, text=True, timeout=120, check=False,
            preexec_fn=_as_an_ordinary_user,
        )
    except subprocess.SubprocessError as error:
        pytest.skip(f"cannot run a child without root's overrides here: {error}")
    check_no_network(result.stderr)
    return result


@pytest.fixture
def locked_folder(tmp_path: Path) -> Iterator[Path]:
    """Return a workshop (in write-ahead-log mode, as BIG Desk leaves it) in a folder no one
    may write to."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    path = folder / "w.bigdesk"
    create_workshop(path, populate_sample).close()
    assert not path.with_name("w.bigdesk-wal").exists()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP)
    yield path
    folder.chmod(stat.S_IRWXU)


def test_check_calls_it_usable_and_says_it_is_read_only(locked_folder: Path) -> None:
    before = sha256(locked_folder)
    result = _bigdesk("check", locked_folder)
    assert result.returncode == 0, result.stderr
    assert "read-only here: its folder cannot be written" in result.stdout
    report = json.loads(_bigdesk("check", locked_folder, "--json").stdout)
    assert report["writable"] is False and report["counts"]["people"] == 9
    assert sha256(locked_folder) == before


def test_it_exports_and_refuses_an_import_in_one_line(locked_folder: Path,
                                                      tmp_path: Path) -> None:
    before = sha256(locked_folder)
    out = tmp_path / "register.csv"
    assert _bigdesk("export", locked_folder, "--register", out).returncode == 0
    assert len(out.read_text(encoding="utf-8-sig").splitlines()) > 5
    source = tmp_path / "more.csv"
    source.write_text("id,type,title\nX1,objective,One more\n")
    result = _bigdesk("import", locked_folder, source)
    assert result.returncode == 2
    assert result.stderr.strip() == (f"bigdesk: {locked_folder} cannot be opened for changes: "
                                     "its folder cannot be written. It can be opened read-only.")
    assert sha256(locked_folder) == before
    assert sorted(p.name for p in locked_folder.parent.iterdir()) == ["w.bigdesk"]


def test_a_read_only_file_refuses_an_import_in_one_line(sample_path: Path,
                                                        tmp_path: Path) -> None:
    sample_path.chmod(stat.S_IRUSR | stat.S_IRGRP)
    source = tmp_path / "more.csv"
    source.write_text("id,type,title\nX1,objective,One more\n")
    result = _bigdesk("import", sample_path, source)
    assert result.returncode == 2
    assert "the file is read-only. It can be opened read-only." in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_file_sqlite_will_only_read_opens_read_only(sample_path: Path) -> None:
    # -- a write version above 2 (a newer SQLite's format) makes SQLite read the file only;
    #    a copy is in rollback-journal mode, where that version is 1
    copy = sample_path.with_name("copy.bigdesk")
    store = open_workshop(sample_path, read_only=True)
    try:
        store.save_copy(copy)
    finally:
        store.close()
    sample_path = copy
    data = bytearray(sample_path.read_bytes())
    assert data[18] == 1
    data[18] = 3
    sample_path.write_bytes(bytes(data))
    with pytest.raises(ReadOnlyPlaceError, match="It can be opened read-only"):
        open_workshop(sample_path)
    reader = open_workshop(sample_path, read_only=True)
    reader.close()
    assert sample_path.read_bytes() == bytes(data)
