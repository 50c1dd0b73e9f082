"""Creating, opening and reopening workshop files, and what is refused."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from bigdesk.exchange.sample import AGENDA, NOTES, PEOPLE, populate_blank, populate_sample
from bigdesk.store import (
    NotAWorkshopError,
    ReadOnlyError,
    SetValues,
    WorkshopExistsError,
    WorkshopFileError,
    create_workshop,
    element_counts,
    integrity,
    open_workshop,
)
from bigdesk.store.header import APPLICATION_ID
from bigdesk.store.schema import file_properties, head_revision

from tests.helpers import run_bigdesk, sha256
from tests.store.content import content


def test_create_then_reopen_keeps_the_sample(tmp_path: Path) -> None:
    path = tmp_path / "new.bigdesk"
    store = create_workshop(path, populate_sample)
    assert store.revision == head_revision()
    assert store.upgraded_from is None and store.backup_path is None
    before = content(store)
    store.close()

    reopened = open_workshop(path)
    try:
        assert content(reopened) == before
        with reopened.read() as conn:
            counts = element_counts(conn)
            assert (counts["agenda_items"], counts["notes"], counts["people"]) == (
                len(AGENDA), len(NOTES), len(PEOPLE),
            )  # fmt: skip
            assert integrity(conn) == "ok"
            assert conn.execute(text("PRAGMA application_id")).scalar_one() == APPLICATION_ID
            assert file_properties(conn)["schema_written_by"]
    finally:
        reopened.close()


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX only")
def test_new_file_is_private(tmp_path: Path) -> None:
    path = tmp_path / "private.bigdesk"
    create_workshop(path, populate_blank).close()
    assert path.stat().st_mode & 0o777 == 0o600


def test_edits_survive_reopening(sample_path: Path) -> None:
    store = open_workshop(sample_path)
    store.apply(SetValues("workshop", 1, {"venue": "Room 101"}))
    store.close()
    reopened = open_workshop(sample_path, read_only=True)
    try:
        assert content(reopened)["workshop"][1]["venue"] == "Room 101"
    finally:
        reopened.close()


def test_create_refuses_an_existing_file(sample_path: Path) -> None:
    before = sha256(sample_path)
    with pytest.raises(WorkshopExistsError, match="already exists"):
        create_workshop(sample_path, populate_blank)
    assert sha256(sample_path) == before


def test_cli_new_refuses_an_existing_file(sample_path: Path) -> None:
    before = sha256(sample_path)
    result = run_bigdesk("new", sample_path)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"bigdesk: {sample_path} already exists; choose another name."
    ]
    assert sha256(sample_path) == before


def test_create_in_a_missing_folder_fails_cleanly(tmp_path: Path) -> None:
    path = tmp_path / "no such folder" / "x.bigdesk"
    with pytest.raises(WorkshopFileError, match="cannot be created"):
        create_workshop(path, populate_blank)
    assert not path.parent.exists()


def test_a_failed_populate_leaves_no_file(tmp_path: Path) -> None:
    path = tmp_path / "half.bigdesk"

    def broken(conn: object) -> None:
        raise RuntimeError("populate failed")

    with pytest.raises(RuntimeError):
        create_workshop(path, broken)  # type: ignore[arg-type]
    assert not path.exists()


def test_foreign_sqlite_file_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.bigdesk"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num TEXT)")
        conn.execute("INSERT INTO alembic_version VALUES ('0001')")
    conn.close()
    before = sha256(path)
    with pytest.raises(NotAWorkshopError, match="not a BIG Desk workshop"):
        open_workshop(path)
    with pytest.raises(NotAWorkshopError):
        open_workshop(path, read_only=True)
    assert sha256(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.bigdesk"]


def test_read_only_open_refuses_edits(sample_path: Path) -> None:
    store = open_workshop(sample_path, read_only=True)
    try:
        with pytest.raises(ReadOnlyError, match="read-only"):
            store.apply(SetValues("workshop", 1, {"title": "Nope"}))
        assert content(store)["workshop"][1]["title"] == "First Steps conversation"
    finally:
        store.close()


def test_cli_check_reports_a_good_file(sample_path: Path) -> None:
    before = sha256(sample_path)
    result = run_bigdesk("check", sample_path, "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["revision"] == head_revision()
    assert report["integrity"] == "ok"
    assert {key: report["counts"][key] for key in ("agenda_items", "notes", "people")} == {
        "agenda_items": len(AGENDA), "notes": len(NOTES), "people": len(PEOPLE),
    }  # fmt: skip
    assert sha256(sample_path) == before
