"""Two windows on one server workshop: each sees the other's edits within a second."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from PySide6.QtWidgets import QInputDialog

from bigdesk import paths
from bigdesk.app.document import WorkshopDocument
from bigdesk.domain.steps import STEP_KEYS
from bigdesk.exchange.sample import populate_sample
from bigdesk.model import Element, ElementType, PreviousSession
from bigdesk.store import Changes, SetValues, create_workshop, open_workshop, place_of
from bigdesk.store.server.workshop import ServerUnavailableError

from bigdesk.ui.main_window import MainWindow
from bigdesk.ui.server_dialog import ServerDialog

from tests.server.cluster import Cluster


@pytest.fixture
def two_documents(location: str) -> Iterator[tuple[WorkshopDocument, WorkshopDocument]]:
    create_workshop(location, populate_sample).close()
    first, second = (WorkshopDocument(open_workshop(location)) for _ in range(2))
    yield first, second
    first.close()
    second.close()


def test_an_edit_in_one_window_reaches_the_other_within_a_second(
    qtbot: QtBot, two_documents: tuple[WorkshopDocument, WorkshopDocument]
) -> None:
    alice, bob = two_documents
    heard: list[Changes] = []
    bob.changed.connect(heard.append)
    qtbot.waitUntil(lambda: bob._listener is not None and bob._listener.listening.is_set())
    alice.do(SetValues(Element, 2, {"title": "Seen by Bob"}))
    qtbot.waitUntil(lambda: bool(heard), timeout=1000)
    assert heard == [Changes(rows=frozenset({("element", 2)}))]
    # -- Bob's window shows Alice's change, so his edit of the same row is his to make
    bob.do(SetValues(Element, 2, {"title": "Bob's, after seeing Alice's"}))
    qtbot.waitUntil(lambda: alice.store.seen > 0, timeout=1000)


def test_the_window_shows_a_lost_connection_and_refuses_edits_until_it_returns(
    qtbot: QtBot, cluster: Cluster, location: str
) -> None:
    create_workshop(location, populate_sample).close()
    window = MainWindow(quiet=True)
    qtbot.addWidget(window)
    assert window.open_path(place_of(location))
    document = window.document
    assert document is not None and window.windowTitle().startswith(location.rsplit("#")[1])
    qtbot.waitUntil(lambda: document._listener is not None
                    and document._listener.listening.is_set())  # fmt: skip
    with cluster.editor_kept_out():
        qtbot.waitUntil(lambda: "[connection lost]" in window.windowTitle(),
                        timeout=2000)  # fmt: skip
        with pytest.raises(ServerUnavailableError, match="changes are refused until it returns"):
            document.do(SetValues(Element, 1, {"title": "Refused while the server is away"}))
    qtbot.waitUntil(lambda: "saved as you make it" in window.saved_label.text(), timeout=10_000)
    document.do(SetValues(Element, 1, {"title": "Saved once the server was back"}))
    window.close_workshop()


def test_the_open_from_server_dialog_lists_and_opens_a_workshop(
    qtbot: QtBot, cluster: Cluster, location: str
) -> None:
    name = location.rsplit("#", 1)[1]
    create_workshop(location, populate_sample).close()
    dialog = ServerDialog()
    qtbot.addWidget(dialog)
    dialog.host.setText("127.0.0.1")
    dialog.port.setValue(cluster.port)
    dialog.database.setText("bigdesk")
    dialog.user.setText("facilitator")
    dialog.password.setText("not the password")
    dialog.security.setCurrentIndex(dialog.security.findData("disable"))
    dialog.list_workshops()
    assert "password authentication failed" in dialog.status.text()
    assert "not the password" not in dialog.status.text()
    dialog.password.setText(cluster.editor_password)
    dialog.list_workshops()
    listed = [dialog.workshop.itemText(i) for i in range(dialog.workshop.count())]
    assert name in listed
    dialog.workshop.setEditText("Not A Name")
    dialog.accept()
    assert "cannot name a workshop" in dialog.status.text()
    assert dialog.result() != ServerDialog.DialogCode.Accepted
    dialog.workshop.setEditText(name)
    dialog.accept()
    assert dialog.result() == ServerDialog.DialogCode.Accepted
    window = MainWindow(quiet=True)
    qtbot.addWidget(window)
    assert window.open_path(dialog.location())
    assert window.document is not None and window.document.title == name
    assert cluster.editor_password not in window.windowTitle()
    window.close_workshop()


def test_a_follow_up_session_starts_beside_a_server_workshop(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, location: str
) -> None:
    create_workshop(location, populate_sample).close()
    window = MainWindow(quiet=True)
    qtbot.addWidget(window)
    assert window.open_path(place_of(location))
    name = location.rsplit("#", 1)[1]
    asked: list[str] = []

    def answer(*args: object, text: str = "") -> tuple[str, bool]:
        asked.append(text)
        return f"{name}_next", True

    monkeypatch.setattr(QInputDialog, "getText", answer)
    window.new_follow_up()
    assert asked == [f"{name}_follow_up"]
    document = window.document
    assert document is not None and document.title == f"{name}_next"
    assert window.workspace is not None
    assert window.workspace.steps.currentRow() == STEP_KEYS.index("review")
    with document.read() as conn:
        previous = conn.execute(select(PreviousSession.path)).scalar_one()
        purposes = conn.execute(select(Element.id).where(Element.type == ElementType.PURPOSE))
        assert previous == str(place_of(location)) and purposes.first() is not None
    window.close_workshop()


def test_a_server_workshop_is_backed_up_on_a_thread_of_its_own(
    qtbot: QtBot, cluster: Cluster, location: str, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setenv("BIGDESK_DATA_DIR", str(tmp_path))
    create_workshop(location, populate_sample).close()
    document = WorkshopDocument(open_workshop(location))
    try:
        document.start_backups()
        # -- the whole workshop is read over the network away from the window's thread
        writer = document._backing_up
        assert writer is not None and writer is not threading.current_thread()
        document.wait_for_backup()
        copies = list(paths.backups_dir().rglob("*.bigdesk"))
        assert {p.name.split("-")[0] for p in copies} == {"daily", "weekly"}
        copy = open_workshop(copies[0], read_only=True)
        with copy.read() as conn:
            assert conn.execute(select(Element.id).limit(1)).first() is not None
        copy.close()
        for stale in copies:
            stale.unlink()
        # -- with the server out of reach the hour's backup is only logged: no dialog
        with cluster.editor_kept_out():
            document.back_up()
            document.wait_for_backup()
        assert "Rotating backup" in caplog.text
        assert not list(paths.backups_dir().rglob("*.bigdesk"))
    finally:
        document.close()
