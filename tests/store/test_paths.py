"""Workshops in folders whose names a URI would misread: '#', '?', '%41', spaces, accents."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from bigdesk.exchange.sample import populate_sample
from bigdesk.store import create_workshop, element_counts, open_workshop
from bigdesk.store.engine import sqlite_uri
from bigdesk.store.schema import head_revision

from tests.helpers import sha256
from tests.hostile.corpus import run as run_bigdesk

FROZEN = Path(__file__).parent / "frozen"
FOLDERS = ["Project #3", "What?", "Why? #2 %41", "100%41 done", "%2F%00", " two  spaces ",
           "Bühne – ✓ 项目"]  # fmt: skip


@pytest.fixture(params=FOLDERS, ids=["hash", "question", "mixed", "percent", "escapes",
                                     "spaces", "non-ascii"])
def folder(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """Return an empty folder with an awkward name."""
    path = tmp_path / request.param
    path.mkdir()
    return path


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.parent.iterdir())


def test_the_uri_names_exactly_the_file(folder: Path) -> None:
    path = folder / "w #1 ?.bigdesk"
    sqlite3.connect(path).close()
    conn = sqlite3.connect(sqlite_uri(path, "ro"), uri=True)
    try:
        (name,) = [row[2] for row in conn.execute("PRAGMA database_list")]
    finally:
        conn.close()
    assert Path(name) == path.resolve()


def test_new_check_export_and_import_see_the_whole_workshop(folder: Path) -> None:
    path = folder / "w.bigdesk"
    assert run_bigdesk("new", path, "--sample").code == 0
    around = _names(folder)
    report = json.loads(run_bigdesk("check", path, "--json").stdout)
    assert report["counts"]["people"] == 9 and report["counts"]["objectives"] > 0

    register = folder / "register.csv"
    exported = run_bigdesk("export", path, "--register", register)
    assert exported.code == 0, exported.stderr
    assert len(register.read_text(encoding="utf-8-sig").splitlines()) > 1

    source = folder / "more.csv"
    source.write_text("id,type,title\nX1,objective,One more\n", encoding="utf-8")
    imported = run_bigdesk("import", path, source)
    assert imported.code == 0, imported.stderr
    after = json.loads(run_bigdesk("check", path, "--json").stdout)
    assert after["counts"]["objectives"] == report["counts"]["objectives"] + 1
    # -- nothing appeared beside the folder
    assert _names(folder) == around


def test_an_older_workshop_upgrades_with_a_whole_backup(folder: Path) -> None:
    path = folder / "old.bigdesk"
    shutil.copyfile(FROZEN / "0003.bigdesk", path)
    before = sha256(path)
    around = _names(folder)
    report = json.loads(run_bigdesk("check", path, "--json").stdout)
    assert report["revision"] == "0003" and report["counts"]["people"] == 9

    store = open_workshop(path)
    try:
        assert store.revision == head_revision() and store.backup_path is not None
        with store.read() as conn:
            assert element_counts(conn)["people"] == 9
        backup = store.backup_path
    finally:
        store.close()
    assert sha256(path) != before
    conn = sqlite3.connect(backup)
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [("0003",)]
        assert conn.execute("SELECT count(*) FROM person").fetchone() == (9,)
    finally:
        conn.close()
    assert _names(folder) == around


def test_the_deck_of_a_workshop_in_a_folder_with_a_hash_has_every_slide(tmp_path: Path) -> None:
    from pptx import Presentation

    folder = tmp_path / "Project #3"
    folder.mkdir()
    path = folder / "w.bigdesk"
    create_workshop(path, populate_sample).close()
    deck = folder / "deck.pptx"
    result = run_bigdesk("export", path, "--deck", deck)
    assert result.code == 0, result.stderr
    assert len(Presentation(str(deck)).slides) > 10


def test_a_read_only_open_of_an_older_workshop_reads_it_all(folder: Path) -> None:
    path = folder / "old.bigdesk"
    shutil.copyfile(FROZEN / "0004.bigdesk", path)
    store = open_workshop(path, read_only=True)
    try:
        with store.read() as conn:
            assert element_counts(conn)["people"] == 9
    finally:
        store.close()


def test_created_in_place_with_nothing_left_beside_it(folder: Path) -> None:
    path = folder / "new #1.bigdesk"
    create_workshop(path, populate_sample).close()
    assert sorted(p.name for p in folder.iterdir()) == [path.name]
