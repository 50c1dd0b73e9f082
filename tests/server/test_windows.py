"""Two windows on one server workshop: each sees the other's edits within a second."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from bigdesk.app.document import WorkshopDocument
from bigdesk.exchange.sample import populate_sample
from bigdesk.model import Element
from bigdesk.store import Changes, SetValues, create_workshop, open_workshop, place_of
from bigdesk.store.server.workshop import ServerUnavailableError

from bigdesk.ui.main_window import MainWindow

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
        qtbot.waitUntil(lambda: "Connection to the server lost" in window.saved_label.text(),
                        timeout=2000)  # fmt: skip
        with pytest.raises(ServerUnavailableError, match="changes are refused until it returns"):
            document.do(SetValues(Element, 1, {"title": "Refused while the server is away"}))
    qtbot.waitUntil(lambda: "saved as you make it" in window.saved_label.text(), timeout=10_000)
    document.do(SetValues(Element, 1, {"title": "Saved once the server was back"}))
    window.close_workshop()
