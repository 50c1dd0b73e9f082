"""Revisions 0005 and 0006 upgrade older files and keep their agenda."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import text

from bigdesk.app import prepare
from bigdesk.store import open_workshop
from bigdesk.store.engine import make_engine
from bigdesk.store.header import APPLICATION_ID
from bigdesk.store.schema import MIGRATIONS_DIR


def _file_at_0004(path: Path) -> None:
    sqlite3.connect(path).close()
    engine = make_engine(path, read_only=False, foreign_keys=False)
    try:
        with engine.begin() as conn:
            config = Config()
            config.set_main_option("script_location", str(MIGRATIONS_DIR))
            config.attributes["connection"] = conn
            command.upgrade(config, "0004")
            conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
            conn.execute(text("INSERT INTO workshop (id, version, title, client_organisation, "
                              "facilitator, sponsor, venue, anonymous) "
                              "VALUES (1, 1, 'Old', '', '', '', '', 0)"))
            conn.execute(text("INSERT INTO agenda_item (id, version, position, title, "
                              "duration_minutes, description) VALUES "
                              "(1, 1, 0, 'Opening', 10, 'Say hello'), "
                              "(2, 1, 1, 'Close', 5, '')"))
    finally:
        engine.dispose()


def test_0005_upgrades_a_0004_file(tmp_path: Path) -> None:
    path = tmp_path / "old.bigdesk"
    _file_at_0004(path)
    store = open_workshop(path)
    try:
        assert store.upgraded_from == "0004"
        with store.read() as conn:
            agenda = prepare.AGENDA.rows(conn)
            assert [(a.title, a.description, a.step, a.question, a.actual_seconds)
                    for a in agenda] == [("Opening", "Say hello", "none", "", None),
                                         ("Close", "", "none", "", None)]
            assert prepare.workshop(conn).template == ""
            for table in ("table_group", "table_group_member", "key_point", "raid_item",
                          "sponsor_pitch"):
                assert conn.execute(text(f"SELECT count(*) FROM {table}")).scalar() == 0
    finally:
        store.close()


def test_0006_makes_capture_blocks_open_the_run_session_step(tmp_path: Path) -> None:
    path = tmp_path / "old.bigdesk"
    path.write_bytes((Path(__file__).parent / "frozen" / "0005.bigdesk").read_bytes())
    before = sqlite3.connect(path)
    old = [row[0] for row in before.execute("SELECT step FROM agenda_item ORDER BY position, id")]
    before.close()
    assert "capture" in old
    store = open_workshop(path)
    try:
        with store.read() as conn:
            steps = [row.step for row in prepare.AGENDA.rows(conn)]
        assert steps == ["room" if step == "capture" else step for step in old]
    finally:
        store.close()
