"""A file that passed every check is not checked again while its bytes stay the same."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from bigdesk.store import (
    CorruptWorkshopError,
    SetValues,
    UnexpectedSchemaError,
    checked,
    open_workshop,
    workshop_file,
)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Count each full check the opening runs."""
    runs: list[str] = []

    def counting(name: str, check: Callable[..., object]) -> Callable[..., object]:
        def run(*args: object) -> object:
            runs.append(name)
            return check(*args)

        return run

    for name in ("integrity", "_check_schema", "first_unreadable_value"):
        monkeypatch.setattr(workshop_file, name, counting(name, getattr(workshop_file, name)))
    return runs


def test_the_same_bytes_are_not_checked_twice(sample_path: Path, counted: list[str]) -> None:
    # -- creating the sample opened it once: it is known already
    open_workshop(sample_path, read_only=True).close()
    open_workshop(sample_path).close()
    assert counted == []


def test_an_edited_file_is_checked_again_once(sample_path: Path, counted: list[str]) -> None:
    store = open_workshop(sample_path)
    store.apply(SetValues("workshop", 1, {"venue": "The old mill"}))
    store.close()
    open_workshop(sample_path).close()
    open_workshop(sample_path).close()
    assert counted == ["integrity", "_check_schema", "first_unreadable_value"]


def test_a_file_changed_outside_is_checked_and_refused(sample_path: Path) -> None:
    raw = sqlite3.connect(sample_path)
    raw.execute("CREATE TRIGGER spy AFTER INSERT ON note BEGIN SELECT 1; END")
    raw.commit()
    raw.close()
    with pytest.raises(UnexpectedSchemaError, match="trigger"):
        open_workshop(sample_path)


def test_a_damaged_copy_of_a_known_file_is_refused(sample_path: Path, tmp_path: Path) -> None:
    data = bytearray(sample_path.read_bytes())
    # -- the headers of the pages in the file's second half garbled (a run of bytes in the
    #    middle could fall in a page's free space, which no check notices): the copy is a
    #    stranger, so the record of the original must not vouch for it
    page = int.from_bytes(data[16:18], "big")
    for start in range(len(data) // 2 // page * page, len(data), page):
        data[start:start + 8] = b"\xff" * 8
    copy = tmp_path / "copy.bigdesk"
    copy.write_bytes(bytes(data))
    with pytest.raises(CorruptWorkshopError):
        open_workshop(copy, read_only=True)


def test_content_beside_the_file_makes_it_a_stranger(sample_path: Path) -> None:
    assert checked.fingerprint(sample_path) is not None
    sample_path.with_name(sample_path.name + "-wal").write_bytes(b"frames")
    assert checked.fingerprint(sample_path) is None


def test_other_code_does_not_know_the_file(sample_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    digest = checked.fingerprint(sample_path)
    assert digest is not None and checked.passed(digest)
    monkeypatch.setattr(checked, "_code", lambda: b"another version")
    assert checked.fingerprint(sample_path) != digest


def test_the_record_keeps_the_latest_files_only() -> None:
    digests = [f"{n:064x}" for n in range(checked.KEPT + 5)]
    for digest in digests:
        checked.remember(digest)
    assert not checked.passed(digests[0]) and checked.passed(digests[-1])
    assert len(checked._record().read_text().split()) == checked.KEPT
