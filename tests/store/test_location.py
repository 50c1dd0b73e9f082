"""The journal mode suits where the file lives: no write-ahead log on synced folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from bigdesk.exchange.sample import populate_sample
from bigdesk.store import SetValues, create_workshop, open_workshop
from bigdesk.store.location import journal_mode_for, shared_location_reason

# -- byte 18 of the SQLite header: 1 for a rollback journal, 2 for write-ahead logging
WAL_BYTE = 18


def _header_mode(path: Path) -> str:
    return {1: "DELETE", 2: "WAL"}[path.read_bytes()[WAL_BYTE]]


@pytest.mark.parametrize("folder", ["Dropbox", "OneDrive - Contoso", "Google Drive", "box"])
def test_synced_folder_gets_the_rollback_journal(tmp_path: Path, folder: str) -> None:
    path = tmp_path / folder / "clients" / "w.bigdesk"
    path.parent.mkdir(parents=True)
    assert shared_location_reason(path) is not None
    store = create_workshop(path, populate_sample)
    try:
        assert store.journal_mode == "DELETE"
        store.apply(SetValues("workshop", 1, {"title": "Synced"}))
        # -- no -wal or -shm beside the file for the sync program to copy half-way
        assert sorted(p.name for p in path.parent.iterdir()) == [".~lock.w.bigdesk#", "w.bigdesk"]
    finally:
        store.close()
    assert _header_mode(path) == "DELETE"


def test_local_folder_gets_the_write_ahead_log(tmp_path: Path) -> None:
    if shared_location_reason(tmp_path) is not None:
        pytest.skip(f"the temporary folder is on {shared_location_reason(tmp_path)}")
    path = tmp_path / "w.bigdesk"
    store = create_workshop(path, populate_sample)
    store.close()
    assert journal_mode_for(path) == "WAL"
    assert _header_mode(path) == "WAL"


def test_a_wal_file_moved_into_a_synced_folder_is_switched(tmp_path: Path) -> None:
    if shared_location_reason(tmp_path) is not None:
        pytest.skip("the temporary folder is itself shared")
    local = tmp_path / "w.bigdesk"
    create_workshop(local, populate_sample).close()
    synced = tmp_path / "Dropbox" / "w.bigdesk"
    synced.parent.mkdir()
    local.rename(synced)
    store = open_workshop(synced)
    try:
        store.apply(SetValues("workshop", 1, {"title": "Moved"}))
    finally:
        store.close()
    assert _header_mode(synced) == "DELETE"


@pytest.mark.parametrize("name", ["Dropboxes", "boxing", "my-notes"])
def test_similar_names_are_not_taken_for_synced_folders(tmp_path: Path, name: str) -> None:
    if shared_location_reason(tmp_path) is not None:
        pytest.skip("the temporary folder is itself shared")
    assert shared_location_reason(tmp_path / name / "w.bigdesk") is None
