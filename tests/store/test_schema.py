"""Schema revisions: frozen old files upgrade, newer files are refused, migrations agree."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, text

from bigdesk.model import Base
from bigdesk.store import TooNewError, element_counts, integrity, open_workshop
from bigdesk.store.engine import make_engine
from bigdesk.store.lock import lock_path
from bigdesk.store.schema import (
    MIGRATIONS_DIR,
    create_schema,
    head_revision,
    known_revisions,
    upgrade_schema,
)

from tests.helpers import run_bigdesk, sha256

FROZEN = sorted((Path(__file__).parent / "frozen").glob("*.bigdesk"))


def _revision(path: Path) -> str:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        conn.close()


def test_every_known_revision_has_a_frozen_file() -> None:
    missing = sorted(set(known_revisions()) - {p.stem for p in FROZEN})
    assert not missing, (
        f"no frozen sample for schema {', '.join(missing)}: when a revision is the head, run "
        "python tests/store/frozen/make_frozen.py and commit the file it writes"
    )
    assert [p.stem for p in FROZEN] == list(known_revisions())


@pytest.mark.parametrize("frozen", FROZEN, ids=[p.stem for p in FROZEN])
def test_frozen_file_opens_and_upgrades_to_head(frozen: Path, tmp_path: Path) -> None:
    path = tmp_path / "old.bigdesk"
    shutil.copyfile(frozen, path)
    revision = _revision(path)
    assert revision == frozen.stem
    before = sha256(path)

    # -- checking an old file reports its revision and leaves it as it was
    result = run_bigdesk("check", path, "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["revision"] == revision
    assert report.get("upgrades_to", head_revision()) == head_revision()
    assert sha256(path) == before

    store = open_workshop(path)
    try:
        assert store.revision == head_revision()
        with store.read() as conn:
            assert integrity(conn) == "ok"
            counts = element_counts(conn)
        # -- the sample's own elements survive; kinds added by later revisions may be empty
        assert all(counts[key] > 0 for key in ("people", "agenda_items", "notes")), counts
        beside = sorted(p.name for p in tmp_path.iterdir() if p.name != lock_path(path).name)
        if revision == head_revision():
            assert store.upgraded_from is None and store.backup_path is None
            assert not [name for name in beside if ".before-upgrade-" in name]
        else:
            assert store.upgraded_from == revision
            assert store.backup_path is not None and store.backup_path.parent == tmp_path
            assert store.backup_path.name in beside
            assert _revision(store.backup_path) == revision
    finally:
        store.close()
    assert _revision(path) == head_revision()


@pytest.fixture
def too_new(tmp_path: Path) -> Path:
    """Return a workshop that claims a schema revision from a future BIG Desk."""
    path = tmp_path / "future.bigdesk"
    shutil.copyfile(FROZEN[-1], path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
        conn.execute("UPDATE file_property SET value = '9.0.0' WHERE key = 'schema_written_by'")
    conn.close()
    return path


@pytest.mark.parametrize("read_only", [False, True])
def test_a_newer_revision_is_refused_and_untouched(too_new: Path, read_only: bool) -> None:
    before = sha256(too_new)
    with pytest.raises(TooNewError, match=r"BIG Desk 9\.0\.0 \(schema 9999\)") as caught:
        open_workshop(too_new, read_only=read_only)
    assert "Install BIG Desk 9.0.0 or later" in str(caught.value)
    assert sha256(too_new) == before
    assert sorted(p.name for p in too_new.parent.iterdir()) == [too_new.name]


def test_check_refuses_a_newer_revision_in_one_line(too_new: Path) -> None:
    before = sha256(too_new)
    result = run_bigdesk("check", too_new)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "9.0.0" in lines[0], result.stderr
    assert sha256(too_new) == before


def test_alembic_agrees_with_the_revision_file_names() -> None:
    scripts = ScriptDirectory(str(MIGRATIONS_DIR))
    assert list(scripts.get_heads()) == [head_revision()]
    found = {}
    for script in scripts.walk_revisions():
        assert script.path is not None
        name = Path(script.path).name
        assert re.fullmatch(r"\d{4}_\w+\.py", name), name
        assert name[:4] == script.revision, name
        found[script.revision] = script.down_revision
    assert sorted(found) == list(known_revisions())
    # -- one straight line of revisions, each after the one before it
    for older, newer in zip(known_revisions(), known_revisions()[1:], strict=False):
        assert found[newer] == older
    assert found[known_revisions()[0]] is None


def _build(path: Path, build: str) -> None:
    sqlite3.connect(path).close()
    engine = make_engine(path, read_only=False, foreign_keys=False)
    try:
        with engine.begin() as conn:
            upgrade_schema(conn) if build == "migrated" else create_schema(conn)
    finally:
        engine.dispose()


def _parts(body: str) -> list[str]:
    """Split a CREATE statement's body at its top-level commas."""
    parts, depth, current = [], 0, ""
    for char in body:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    return [*parts, current]


def _schema_sql(conn: Connection) -> dict[str, tuple[str, list[str]]]:
    """Return each object's SQL, with its columns and constraints in a canonical order."""
    rows = conn.execute(text("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL")).all()
    schema = {}
    for name, sql in rows:
        flat = " ".join(re.sub(r"\s*([(),])\s*", r"\1", sql).split())
        head, _, body = flat.partition("(")
        # -- a batch migration recreates a table and SQLite then stores its name quoted
        head = head.replace('"', "")
        # -- created and migrated tables may list the same columns and constraints in a
        #    different order (batch migrations append); that is the same schema
        schema[name] = (head, sorted(_parts(body.removesuffix(")"))))
    return schema


def test_created_schema_equals_migrated_schema(tmp_path: Path) -> None:
    migrated, created = tmp_path / "migrated.bigdesk", tmp_path / "created.bigdesk"
    _build(migrated, "migrated")
    _build(created, "created")
    schemas = {}
    for path in (migrated, created):
        engine = make_engine(path, read_only=True)
        try:
            with engine.connect() as conn:
                assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
                schemas[path.stem] = _schema_sql(conn)
                assert conn.execute(text("SELECT version_num FROM alembic_version")).all() == [
                    (head_revision(),)
                ]
        finally:
            engine.dispose()
    # -- compare_metadata skips CHECK constraints; the SQL SQLite stored does not
    assert schemas["migrated"] == schemas["created"]
