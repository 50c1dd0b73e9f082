"""Workshops on a real PostgreSQL server: created, opened, upgraded and refused like files."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text

from bigdesk.exchange.sample import populate_sample
from bigdesk.model import Element
from bigdesk.store import (
    NotAWorkshopError,
    ReadOnlyError,
    SetValues,
    TooNewError,
    UnexpectedSchemaError,
    WorkshopExistsError,
    create_workshop,
    element_counts,
    open_workshop,
    place_of,
)
from bigdesk.store.copying import content_digest
from bigdesk.store.schema import head_revision, known_revisions
from bigdesk.store.server.address import LocationError
from bigdesk.store.server.workshop import (
    ServerUnavailableError,
    list_workshops,
    schema_difference,
    server_engine,
)

from tests.helpers import run_bigdesk
from tests.server.cluster import Cluster
from tests.server.conftest import Ran


def _schemas(cluster: Cluster) -> set[str]:
    return {str(row[0]) for row in cluster.admin_sql("SELECT nspname FROM pg_namespace")}


def test_a_sample_on_the_server_holds_what_a_sample_file_holds(
    location: str, tmp_path: Path
) -> None:
    on_server = create_workshop(location, populate_sample)
    in_file = create_workshop(tmp_path / "sample.bigdesk", populate_sample)
    try:
        with on_server.read() as server, in_file.read() as file:
            assert element_counts(server) == element_counts(file)
            assert content_digest(server) == content_digest(file)
        assert on_server.revision == head_revision() and on_server.writable_problem() is None
    finally:
        on_server.close()
        in_file.close()


def test_an_edit_is_committed_and_undone_on_the_server(location: str) -> None:
    store = create_workshop(location, populate_sample)
    try:
        with store.read() as conn:
            first = conn.execute(text("SELECT id, title, version FROM element ORDER BY id")).first()
        assert first is not None
        undo = store.do(SetValues(Element, first.id, {"title": "Renamed on the server"}))
        with store.read() as conn:
            assert conn.execute(text("SELECT title, version FROM element WHERE id = :id"),
                                {"id": first.id}).one() == ("Renamed on the server",
                                                            first.version + 1)  # fmt: skip
        store.do(undo)
        with store.read() as conn:
            title = conn.execute(text("SELECT title FROM element WHERE id = :id"),
                                 {"id": first.id}).scalar_one()  # fmt: skip
        assert title == first.title
    finally:
        store.close()


def test_every_revision_runs_on_postgresql_and_an_old_workshop_is_upgraded_after_a_backup(
    cluster: Cluster, bigdesk: Callable[..., Ran]
) -> None:
    from alembic import command
    from alembic.config import Config

    from bigdesk.store.schema import MIGRATIONS_DIR

    location = place_of(cluster.url("old_workshop"))
    engine = server_engine(location)
    older = known_revisions()[-2]
    with engine.begin() as conn:
        conn.exec_driver_sql('CREATE SCHEMA "old_workshop"')
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        config.attributes["connection"] = conn
        command.upgrade(config, older)
        conn.exec_driver_sql(
            'INSERT INTO "old_workshop".element (type, position, title, description, status, '
            "placeholder, version) VALUES ('purpose', 0, 'Kept as it was', '', '', false, 1)")
    engine.dispose()
    _read_only_before_the_upgrade(cluster.url("old_workshop"), older, bigdesk)
    store = open_workshop(location)
    try:
        assert (store.upgraded_from, store.revision) == (older, head_revision())
        assert store.backup_path is not None and store.backup_path.exists()
        with store.read() as conn:
            assert schema_difference(conn, "old_workshop") is None
    finally:
        store.close()
    backup = open_workshop(store.backup_path, read_only=True)
    assert backup.upgraded_from == older
    backup.close()


def _read_only_before_the_upgrade(url: str, older: str, bigdesk: Callable[..., Ran]) -> None:
    """An older workshop opened read-only is read as it stands, and the server is untouched."""
    store = open_workshop(url, read_only=True)
    try:
        assert (store.upgraded_from, store.revision) == (older, head_revision())
        assert store.backup_path is None and store.writable_problem() is None
        with store.read() as conn:
            assert conn.execute(text("SELECT title FROM element")).scalars().all() == [
                "Kept as it was"]
        with pytest.raises(ReadOnlyError):
            store.do(SetValues(Element, 1, {"title": "Changed"}))
    finally:
        store.close()
    engine = server_engine(place_of(url))  # type: ignore[arg-type]
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == older
    engine.dispose()
    checked = bigdesk("check", "--json", url)
    assert checked.returncode == 0, checked.stderr
    report = json.loads(checked.stdout)
    assert (report["revision"], report["upgrades_to"]) == (older, head_revision())
    assert report["counts"]["purposes"] == 1 and report["writable"]


@pytest.mark.parametrize("name", ['x"; DROP SCHEMA public CASCADE; --', "Board", "pg_toast",
                                  "public", "a" * 64, "semi;colon"])  # fmt: skip
def test_a_hostile_workshop_name_is_refused_and_changes_nothing(
    cluster: Cluster, name: str
) -> None:
    before = _schemas(cluster)
    with pytest.raises(LocationError):
        create_workshop(cluster.url(name.replace("#", "")), populate_sample)
    assert _schemas(cluster) == before


def test_a_workshop_is_never_created_over_another(location: str) -> None:
    create_workshop(location).close()
    with pytest.raises(WorkshopExistsError, match="already exists"):
        create_workshop(location, populate_sample)


def test_a_missing_a_newer_and_a_tampered_workshop_are_refused(
    cluster: Cluster, location: str
) -> None:
    with pytest.raises(NotAWorkshopError, match="there is no workshop called"):
        open_workshop(location)
    create_workshop(location).close()
    schema = location.rsplit("#", 1)[1]
    cluster.admin_sql(f'UPDATE "{schema}".alembic_version SET version_num = \'9999\'')
    with pytest.raises(TooNewError, match="schema 9999"):
        open_workshop(location)
    cluster.admin_sql(
        f'UPDATE "{schema}".alembic_version SET version_num = \'{head_revision()}\'; '
        f'CREATE FUNCTION "{schema}".spy() RETURNS trigger LANGUAGE plpgsql AS '
        "$$ BEGIN RETURN NEW; END $$; "
        f'CREATE TRIGGER spy BEFORE UPDATE ON "{schema}".element FOR EACH ROW '
        f'EXECUTE FUNCTION "{schema}".spy()')
    with pytest.raises(UnexpectedSchemaError, match="changed outside BIG Desk"):
        open_workshop(location)


def test_a_workshop_opened_read_only_refuses_every_write(location: str) -> None:
    create_workshop(location, populate_sample).close()
    store = open_workshop(location, read_only=True)
    try:
        with pytest.raises(ReadOnlyError):
            store.do(SetValues(Element, 1, {"title": "No"}))
        # -- the server refuses too, should anything write by mistake
        with pytest.raises(Exception, match="read-only transaction"), store.engine.begin() as conn:
            conn.execute(text("UPDATE element SET title = 'No'"))
    finally:
        store.close()


def test_the_workshops_of_a_database_are_listed(cluster: Cluster) -> None:
    for name in ("list_one", "list_two"):
        create_workshop(cluster.url(name), populate_sample).close()
    listed = {w.name: w for w in list_workshops(place_of(cluster.url("list_one")))}
    assert {"list_one", "list_two"} <= listed.keys()
    assert listed["list_one"].revision == head_revision() and listed["list_one"].elements


def test_a_wrong_password_is_refused_without_being_shown(cluster: Cluster, location: str) -> None:
    with pytest.raises(ServerUnavailableError, match="password authentication failed") as refused:
        open_workshop(cluster.url("anything", password="Wr0ng-Secret"))
    assert "Wr0ng" not in str(refused.value)
    result = run_bigdesk("check", cluster.url("anything", password="Wr0ng-Secret"))
    assert result.returncode == 2 and "Wr0ng" not in result.stderr + result.stdout
    assert "password authentication failed" in result.stderr


def test_the_command_line_works_on_a_server_workshop(
    bigdesk: Callable[..., Ran], cluster: Cluster, location: str, tmp_path: Path
) -> None:
    file = tmp_path / "sample.bigdesk"
    assert bigdesk("new", file, "--sample").returncode == 0
    register = tmp_path / "register.csv"
    assert bigdesk("export", file, "--register", register).returncode == 0
    created = bigdesk("new", location)
    assert created.returncode == 0, created.stderr
    imported = bigdesk("import", location, register)
    assert imported.returncode == 0, imported.stderr
    assert cluster.editor_password not in created.stdout + imported.stdout
    checked = bigdesk("check", location, "--json")
    assert checked.returncode == 0, checked.stderr
    report = json.loads(checked.stdout)
    assert report["integrity"] == "ok" and report["writable"] is True
    from_file = json.loads(bigdesk("check", file, "--json").stdout)
    assert report["counts"]["objectives"] == from_file["counts"]["objectives"] > 0
    again = tmp_path / "again.csv"
    assert bigdesk("export", location, "--register", again).returncode == 0
    assert again.read_bytes() == register.read_bytes()
    planned = bigdesk("plan", location, "--json")
    assert planned.returncode == 0, planned.stderr


def test_a_follow_up_session_starts_from_a_server_workshop_into_a_file(
    location: str, bigdesk: Callable[..., Ran], tmp_path: Path
) -> None:
    source = create_workshop(location, populate_sample)
    with source.read() as conn:
        purposes = element_counts(conn)["purposes"]
    source.close()
    target = tmp_path / "next.bigdesk"
    ran = bigdesk("new", target, "--from", location)
    assert ran.returncode == 0, ran.stderr
    password = place_of(location).password  # type: ignore[union-attr]
    assert location.split("@", 1)[1] in ran.stdout and password and password not in ran.stdout
    follow_up = open_workshop(target, read_only=True)
    try:
        with follow_up.read() as conn:
            previous = conn.exec_driver_sql("SELECT path FROM previous_session").scalar_one()
            assert element_counts(conn)["purposes"] == purposes
        assert previous == str(place_of(location))
    finally:
        follow_up.close()
