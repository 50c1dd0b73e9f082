"""A workshop holds only the schema BIG Desk creates: anything else makes it unusable."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from bigdesk.store import UnexpectedSchemaError, WorkshopFileError, open_workshop

from tests.helpers import sha256
from tests.hostile.corpus import run

FROZEN = Path(__file__).parent / "frozen"

# -- each change someone could make outside BIG Desk, and the words that name it
TAMPERING = {
    "trigger": ("CREATE TRIGGER leak AFTER UPDATE ON workshop BEGIN "
                "UPDATE note SET private = 0; END", "holds a trigger “leak”"),
    "view": ("CREATE VIEW peek AS SELECT name FROM person", "holds a view “peek”"),
    "view-for-a-table": ("ALTER TABLE note RENAME TO kept; CREATE VIEW note AS SELECT * FROM kept",
                         "holds a view “note”"),
    "extra-table": ("CREATE TABLE extra (x)", "holds a table “extra”"),
    "extra-index": ("CREATE INDEX ix_extra ON person (name)", "indexes of the table “person”"),
    "missing-table": ("DROP TABLE key_point", "lacks the table “key_point”"),
    "missing-column": ("ALTER TABLE element DROP COLUMN metric",
                       "lacks the column “metric” of the table “element”"),
    "extra-column": ("ALTER TABLE person ADD COLUMN secret TEXT",
                     "holds a column “secret” in the table “person”"),
}  # fmt: skip


def _tamper(path: Path, sql: str) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.executescript(sql)
    finally:
        conn.close()


@pytest.mark.parametrize("name", sorted(TAMPERING))
def test_a_file_changed_outside_big_desk_is_refused_in_one_line(name: str,
                                                                sample_path: Path) -> None:
    sql, words = TAMPERING[name]
    _tamper(sample_path, sql)
    before = sha256(sample_path)
    for read_only in (True, False):
        with pytest.raises(UnexpectedSchemaError) as refused:
            open_workshop(sample_path, read_only=read_only)
        assert words in str(refused.value) and "\n" not in str(refused.value)
    checked = run("check", sample_path)
    assert checked.code == 2 and checked.stdout == ""
    assert checked.stderr.count("\n") == 1 and words in checked.stderr
    assert sha256(sample_path) == before
    # -- no lock, backup or copy left behind (a write-ahead log is SQLite's own)
    beside = {p.name for p in sample_path.parent.iterdir()} - {sample_path.name}
    assert beside <= {f"{sample_path.name}-wal", f"{sample_path.name}-shm"}


def test_a_trigger_never_runs(sample_path: Path) -> None:
    _tamper(sample_path, TAMPERING["trigger"][0])
    _tamper(sample_path, "UPDATE note SET private = 1")
    with pytest.raises(WorkshopFileError):
        open_workshop(sample_path)
    conn = sqlite3.connect(sample_path)
    try:
        assert conn.execute("SELECT count(*) FROM note WHERE private = 0").fetchone() == (0,)
    finally:
        conn.close()


@pytest.mark.parametrize("sql", ["CREATE TABLE extra (x)", "DROP TABLE note",
                                 "CREATE TRIGGER t AFTER INSERT ON person BEGIN SELECT 1; END"])
def test_an_older_file_is_refused_before_or_after_its_upgrade_and_left_as_it_was(
    sql: str, tmp_path: Path
) -> None:
    path = tmp_path / "old.bigdesk"
    shutil.copyfile(FROZEN / "0003.bigdesk", path)
    _tamper(path, sql)
    before = sha256(path)
    for read_only in (True, False):
        with pytest.raises(WorkshopFileError) as refused:
            open_workshop(path, read_only=read_only)
        assert "\n" not in str(refused.value)
    assert sha256(path) == before
    # -- the backup made before the upgrade went with the upgrade that was rolled back
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.bigdesk"]


def test_a_value_the_app_cannot_read_back_is_refused_by_open_and_check(sample_path: Path) -> None:
    _tamper(sample_path, "UPDATE element SET position = 'top' WHERE id = 1")
    with pytest.raises(WorkshopFileError, match="position in row 1 of element is not a whole"):
        open_workshop(sample_path, read_only=True)
    assert run("check", sample_path).code == 2
    assert run("export", sample_path, "--register", sample_path.with_name("r.csv")).code == 2
