"""Several people at once: conflicts refused in words, changes heard, imports serialised."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import text

from bigdesk.exchange.sample import populate_sample
from bigdesk.model import Element
from bigdesk.store import Changes, SetValues, create_workshop, open_workshop
from bigdesk.store.server.changes import EditConflictError, Notice
from bigdesk.store.server.workshop import ServerUnavailableError, ServerWorkshop

from tests.helpers import guarded_env
from tests.server.cluster import Cluster


def _server(location: str) -> ServerWorkshop:
    store = open_workshop(location)
    assert isinstance(store, ServerWorkshop)
    return store


def _title(store: ServerWorkshop, element_id: int) -> str:
    with store.read() as conn:
        return str(conn.execute(text("SELECT title FROM element WHERE id = :id"),
                                {"id": element_id}).scalar_one())  # fmt: skip


def test_two_people_change_one_row_and_exactly_one_wins(location: str) -> None:
    create_workshop(location, populate_sample).close()
    alice, bob = _server(location), _server(location)
    try:
        alice.do(SetValues(Element, 1, {"title": "Alice's title"}))
        with pytest.raises(EditConflictError) as refused:
            bob.do(SetValues(Element, 1, {"title": "Bob's title"}))
        message = str(refused.value)
        assert " was changed by " in message and "Reload" in message
        assert "(facilitator) at " in message
        assert _title(bob, 1) == "Alice's title"
        # -- once Bob's window shows Alice's change, his next edit is his to make
        assert [changes for _, changes in bob.catch_up()] == [
            Changes(rows=frozenset({("element", 1)}))]
        bob.do(SetValues(Element, 1, {"title": "Bob's title"}))
        # -- a different row is no conflict, and Alice's undo of a row Bob changed is refused
        alice.do(SetValues(Element, 2, {"title": "Alice's other title"}))
        assert _title(alice, 1) == "Bob's title"
    finally:
        alice.close()
        bob.close()


def test_of_two_simultaneous_edits_of_one_row_exactly_one_lands(location: str) -> None:
    create_workshop(location, populate_sample).close()
    editors = [_server(location) for _ in range(6)]
    start = threading.Barrier(len(editors))
    outcomes: list[str] = []

    def edit(store: ServerWorkshop, number: int) -> None:
        start.wait()
        try:
            store.do(SetValues(Element, 3, {"title": f"Editor {number}"}))
            outcomes.append(f"Editor {number}")
        except EditConflictError:
            outcomes.append("refused")

    threads = [threading.Thread(target=edit, args=(s, n)) for n, s in enumerate(editors)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        winners = [o for o in outcomes if o != "refused"]
        assert len(outcomes) == len(editors) and len(winners) == 1
        assert _title(editors[0], 3) == winners[0]
    finally:
        for store in editors:
            store.close()


def test_an_edit_committed_while_mine_waits_for_the_row_refuses_mine(
    cluster: Cluster, location: str
) -> None:
    create_workshop(location, populate_sample).close()
    store = _server(location)
    import psycopg

    # -- another window's edit of the row, in flight: it holds the row until it commits
    other = psycopg.connect(host="127.0.0.1", port=cluster.port, user="cluster_admin",
                            password=cluster.admin_password, dbname="bigdesk")  # fmt: skip
    schema = location.rsplit("#", 1)[1]
    try:
        other.execute(f'UPDATE "{schema}".element SET title = %s, version = version + 1 '
                      "WHERE id = 6", ("Carol's title",))  # fmt: skip
        other.execute(f'INSERT INTO "{schema}".bigdesk_change (session, token, by_person, '
                      "touched, reshaped, changed) VALUES ('carol', 't', 'Carol on hers', "
                      "'{element:6}', '{}', '{element:6}')")  # fmt: skip
        failure: list[BaseException] = []

        def edit() -> None:
            try:
                store.do(SetValues(Element, 6, {"title": "Mine"}))
            except BaseException as error:
                failure.append(error)

        thread = threading.Thread(target=edit)
        thread.start()
        for _ in range(100):
            if cluster.admin_sql("SELECT 1 FROM pg_stat_activity WHERE usename = "
                                 "'facilitator' AND wait_event_type = 'Lock'"):  # fmt: skip
                break
            threading.Event().wait(0.05)
        other.commit()
        thread.join(10)
        assert failure and isinstance(failure[0], EditConflictError)
        assert "was changed by Carol on hers" in str(failure[0])
        assert _title(store, 6) == "Carol's title"
    finally:
        other.close()
        store.close()


def test_other_windows_hear_each_committed_edit_with_its_changes(location: str) -> None:
    create_workshop(location, populate_sample).close()
    alice, bob = _server(location), _server(location)
    heard: list[Notice] = []
    arrived = threading.Event()

    def on_notice(notice: Notice) -> None:
        heard.append(notice)
        arrived.set()

    listener = bob.listen(on_notice, lambda up: None)
    assert listener is not None
    try:
        assert listener.listening.wait(10)
        alice.do(SetValues(Element, 4, {"title": "Heard by Bob"}))
        assert arrived.wait(1.0), "the change was not heard within a second"
        assert heard[0].session == alice.session
        assert heard[0].changes == Changes(rows=frozenset({("element", 4)}))
    finally:
        listener.stop()
        alice.close()
        bob.close()


def test_a_lost_connection_is_heard_edits_wait_and_nothing_acknowledged_is_lost(
    cluster: Cluster, location: str
) -> None:
    create_workshop(location, populate_sample).close()
    store = _server(location)
    states: list[bool] = []
    changed = threading.Condition()

    def on_connection(up: bool) -> None:
        with changed:
            states.append(up)
            changed.notify_all()

    listener = store.listen(lambda notice: None, on_connection)
    assert listener is not None
    try:
        assert listener.listening.wait(10)
        acknowledged = [f"Saved {n}" for n in range(5)]
        for n, title in enumerate(acknowledged):
            store.do(SetValues(Element, 10 + n, {"title": title}))
        # -- the server cuts every connection of the editor, as a restart or a dropped link
        #    would, and keeps it out for a while
        with cluster.editor_kept_out():
            with changed:
                assert changed.wait_for(lambda: False in states, timeout=2)
            with pytest.raises(ServerUnavailableError, match="connection to the server is lost"):
                store.do(SetValues(Element, 20, {"title": "Refused meanwhile"}))
        with changed:
            assert changed.wait_for(lambda: states[-1] is True, timeout=10)
        store.do(SetValues(Element, 20, {"title": "Saved once it was back"}))
        for n, title in enumerate(acknowledged):
            assert _title(store, 10 + n) == title
        assert _title(store, 20) == "Saved once it was back"
    finally:
        listener.stop()
        store.close()


def test_a_connection_killed_mid_edit_loses_nothing_acknowledged(
    cluster: Cluster, location: str
) -> None:
    create_workshop(location, populate_sample).close()
    store = _server(location)
    try:
        store.do(SetValues(Element, 5, {"title": "Acknowledged"}))
        # -- the administrator holds the row, so the next edit waits mid-transaction
        import psycopg

        blocker = psycopg.connect(host="127.0.0.1", port=cluster.port, user="cluster_admin",
                                  password=cluster.admin_password, dbname="bigdesk")  # fmt: skip
        schema = location.rsplit("#", 1)[1]
        blocker.execute(f'SELECT * FROM "{schema}".element WHERE id = 5 FOR UPDATE')
        failure: list[BaseException] = []

        def edit() -> None:
            try:
                store.do(SetValues(Element, 5, {"title": "Cut short"}))
            except BaseException as error:
                failure.append(error)

        thread = threading.Thread(target=edit)
        thread.start()
        for _ in range(100):
            waiting = cluster.admin_sql("SELECT pid FROM pg_stat_activity WHERE usename = "
                                        "'facilitator' AND wait_event_type = 'Lock'")  # fmt: skip
            if waiting:
                break
            threading.Event().wait(0.05)
        cluster.admin_sql(f"SELECT pg_terminate_backend({waiting[0][0]})")
        thread.join(10)
        blocker.rollback()
        blocker.close()
        assert failure and isinstance(failure[0], ServerUnavailableError)
        assert "not saved" in str(failure[0])
        assert _title(store, 5) == "Acknowledged"
    finally:
        store.close()


def _register(path: Path, prefix: str) -> Path:
    lines = ["id,type,title,parents", f"{prefix}P,purpose,Purpose from {prefix},"]
    lines += [f"{prefix}O{n},objective,Objective {n} from {prefix},{prefix}P" for n in range(5)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.slow
def test_eight_imports_at_once_into_one_workshop_all_land(
    location: str, tmp_path: Path
) -> None:
    create_workshop(location).close()
    registers = [_register(tmp_path / f"r{n}.csv", f"X{n}") for n in range(8)]
    processes = [
        subprocess.Popen([sys.executable, "-m", "bigdesk", "import", location, str(register)],
                         env=guarded_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True)
        for register in registers
    ]
    results = [(p.wait(timeout=180), p.stderr.read() if p.stderr else "") for p in processes]
    assert all(code == 0 for code, _ in results), results
    store = _server(location)
    try:
        with store.read() as conn:
            titles = set(conn.execute(text("SELECT title FROM element")).scalars())
        assert {f"Objective {n} from X{m}" for n in range(5) for m in range(8)} <= titles
        assert len(titles) == 8 * 6
    finally:
        store.close()
