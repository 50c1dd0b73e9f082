"""The roles docs/server.md describes: a team shares workshops, a reader only reads."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from bigdesk.exchange.sample import populate_sample
from bigdesk.model import Element
from bigdesk.store import (
    ReadOnlyPlaceError,
    SetValues,
    create_workshop,
    open_workshop,
    place_of,
)
from bigdesk.store.schema import known_revisions
from bigdesk.store.server.workshop import server_engine

from tests.server.cluster import DATABASE, Cluster


@pytest.fixture(scope="module")
def team(cluster: Cluster) -> Cluster:
    """Make the group role, two members and a reader as docs/server.md says."""
    statements = [
        "CREATE ROLE pmo_workshops NOLOGIN",
        f"GRANT CONNECT, CREATE ON DATABASE {DATABASE} TO pmo_workshops",
        "CREATE ROLE ana LOGIN PASSWORD 'ana-secret' IN ROLE pmo_workshops",
        "CREATE ROLE ben LOGIN PASSWORD 'ben-secret' IN ROLE pmo_workshops",
        "CREATE ROLE reader LOGIN PASSWORD 'reader-secret'",
        f"GRANT CONNECT ON DATABASE {DATABASE} TO reader",
        "ALTER DEFAULT PRIVILEGES FOR ROLE ana GRANT USAGE ON SCHEMAS TO pmo_workshops, reader",
        "ALTER DEFAULT PRIVILEGES FOR ROLE ana "
        "GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO pmo_workshops",
        "ALTER DEFAULT PRIVILEGES FOR ROLE ana GRANT SELECT ON TABLES TO reader",
        "ALTER DEFAULT PRIVILEGES FOR ROLE ana "
        "GRANT USAGE, SELECT ON SEQUENCES TO pmo_workshops",
    ]
    for statement in statements:
        cluster.admin_sql(statement)
    return cluster


def test_a_team_member_edits_what_another_created_and_a_reader_only_reads(team: Cluster) -> None:
    ana = team.url("team_board", user="ana", password="ana-secret")
    create_workshop(ana, populate_sample).close()
    ben = open_workshop(team.url("team_board", user="ben", password="ben-secret"))
    try:
        assert ben.writable_problem() is None
        ben.do(SetValues(Element, 1, {"title": "Ben's edit of Ana's workshop"}))
    finally:
        ben.close()
    reader = team.url("team_board", user="reader", password="reader-secret")
    with pytest.raises(ReadOnlyPlaceError, match="may not change the table"):
        open_workshop(reader)
    looking = open_workshop(reader, read_only=True)
    try:
        with looking.read() as conn:
            title = conn.exec_driver_sql("SELECT title FROM element WHERE id = 1").scalar()
        assert title == "Ben's edit of Ana's workshop"
    finally:
        looking.close()


def test_a_reader_sees_an_older_workshop_in_the_window_and_the_server_keeps_it(
    team: Cluster, qtbot: QtBot
) -> None:
    from alembic import command
    from alembic.config import Config

    from bigdesk.store.schema import MIGRATIONS_DIR

    from bigdesk.ui.main_window import MainWindow

    older = known_revisions()[-2]
    ana = place_of(team.url("old_board", user="ana", password="ana-secret"))
    engine = server_engine(ana)  # type: ignore[arg-type]
    with engine.begin() as conn:
        conn.exec_driver_sql('CREATE SCHEMA "old_board"')
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        config.attributes["connection"] = conn
        command.upgrade(config, older)
        conn.exec_driver_sql(
            "INSERT INTO workshop (id, title, client_organisation, facilitator, sponsor, venue, "
            "anonymous, template, version) VALUES (1, 'Old board', '', '', '', '', false, '', 1)")
        conn.exec_driver_sql(
            "INSERT INTO element (type, position, title, description, status, placeholder, "
            "version) VALUES ('purpose', 0, 'Ana''s purpose', '', '', false, 1)")  # fmt: skip
    engine.dispose()
    window = MainWindow(quiet=True)
    qtbot.addWidget(window)
    assert window.open_path(place_of(team.url("old_board", user="reader",
                                              password="reader-secret")))  # fmt: skip
    document = window.document
    assert document is not None and document.read_only
    assert "[read-only]" in window.windowTitle()
    assert "older schema, upgraded in this window only" in window.statusBar().currentMessage()
    with document.read() as conn:
        assert conn.exec_driver_sql("SELECT title FROM element").scalar() == "Ana's purpose"
    window.close_workshop()
    engine = server_engine(ana)  # type: ignore[arg-type]
    with engine.connect() as conn:
        revision = conn.exec_driver_sql('SELECT version_num FROM "old_board".alembic_version')
        assert revision.scalar() == older
    engine.dispose()
