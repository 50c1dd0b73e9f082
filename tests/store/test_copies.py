"""Copies of an open workshop: save_copy and the rotating backups."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from bigdesk.paths import backups_dir
from bigdesk.store import InsertRow, SetValues, WorkshopStore, integrity, open_workshop
from bigdesk.store.backups import KEEP_DAILY, KEEP_WEEKLY, backup_folder, rotate_backups

from tests.store.content import content

POSIX = os.name == "posix"


def test_save_copy_is_consistent_single_file_and_openable(
    store: WorkshopStore, tmp_path: Path
) -> None:
    for index in range(20):
        store.apply(InsertRow("note", {"text": f"note {index}", "position": 10 + index}))
    store.apply(SetValues("workshop", 1, {"title": "Copied"}))
    expected = content(store)
    target = tmp_path / "copies" / "copy.bigdesk"
    target.parent.mkdir()
    store.save_copy(target)
    # -- one self-contained file in the portable journal mode: no -wal, no leftovers
    assert sorted(p.name for p in target.parent.iterdir()) == ["copy.bigdesk"]
    assert target.read_bytes()[18] == 1
    if POSIX:
        assert target.stat().st_mode & 0o777 == 0o600
    copy = open_workshop(target)
    try:
        assert content(copy) == expected
        with copy.read() as conn:
            assert integrity(conn) == "ok"
    finally:
        copy.close()


def test_save_copy_replaces_an_older_copy(store: WorkshopStore, tmp_path: Path) -> None:
    target = tmp_path / "copy.bigdesk"
    store.save_copy(target)
    store.apply(SetValues("workshop", 1, {"title": "Second"}))
    store.save_copy(target)
    copy = open_workshop(target, read_only=True)
    try:
        assert content(copy)["workshop"][1]["title"] == "Second"
    finally:
        copy.close()


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_rotation_keeps_seven_daily_and_four_weekly(store: WorkshopStore) -> None:
    root = backups_dir()
    start = dt.datetime(2026, 11, 2, 9, 0)  # a Monday
    written_per_day = []
    for day in range(40):
        now = start + dt.timedelta(days=day)
        store.apply(SetValues("workshop", 1, {"title": f"Day {day}"}))
        written_per_day.append(rotate_backups(store, root, now))
    folder = backup_folder(root, store.path)
    last = start + dt.timedelta(days=39)
    expected_daily = [
        f"daily-{last - dt.timedelta(days=back):%Y-%m-%d}.bigdesk" for back in range(KEEP_DAILY)
    ]
    weeks = sorted({(start + dt.timedelta(days=d)).isocalendar()[:2] for d in range(40)})
    expected_weekly = [f"weekly-{y}-W{w:02d}.bigdesk" for y, w in weeks[-KEEP_WEEKLY:]]
    assert _names(folder) == sorted(expected_daily + expected_weekly)
    # -- a day writes its daily copy, and a weekly one only on the first day of a week
    assert [len(w) for w in written_per_day[:8]] == [2, 1, 1, 1, 1, 1, 1, 2]
    # -- the newest daily copy holds that day's state
    newest = open_workshop(folder / expected_daily[0], read_only=True)
    try:
        assert content(newest)["workshop"][1]["title"] == "Day 39"
    finally:
        newest.close()


def test_rotation_the_same_day_writes_nothing_new(
    store: WorkshopStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = backups_dir()
    now = dt.datetime(2026, 11, 20, 10, 0)
    read: list[Path] = []
    save_copy = store.save_copy
    monkeypatch.setattr(store, "save_copy", lambda target: (read.append(target),
                                                            save_copy(target))[1])  # fmt: skip
    written = rotate_backups(store, root, now)
    # -- the workshop is read once (over the network, for one on a server): the weekly
    #    copy is the daily one's file
    assert len(written) == 2 and read == written[:1]
    weekly = open_workshop(written[1], read_only=True)
    try:
        assert content(weekly) == content(store)
    finally:
        weekly.close()
    assert rotate_backups(store, root, now + dt.timedelta(hours=5)) == []


@pytest.mark.skipif(not POSIX, reason="file modes are POSIX only")
def test_backups_are_private(store: WorkshopStore) -> None:
    root = backups_dir()
    written = rotate_backups(store, root, dt.datetime(2026, 11, 20, 10, 0))
    folder = backup_folder(root, store.path)
    assert folder.stat().st_mode & 0o777 == 0o700
    assert root.stat().st_mode & 0o777 == 0o700
    for path in written:
        assert path.stat().st_mode & 0o777 == 0o600


def test_same_name_in_two_folders_gets_two_backup_folders(tmp_path: Path) -> None:
    root = tmp_path / "backups"
    first = backup_folder(root, tmp_path / "a" / "w.bigdesk")
    second = backup_folder(root, tmp_path / "b" / "w.bigdesk")
    assert first != second
    assert first.name.startswith("w-") and second.name.startswith("w-")
