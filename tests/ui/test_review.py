"""The Review step and *New follow-up session*: a follow-up opens on what moved."""

from __future__ import annotations

from pathlib import Path

from bigdesk.ui.main_window import MainWindow
from bigdesk.ui.steps.review import ReviewPage

from tests.ui.conftest import open_step


def test_a_first_session_says_how_to_start_a_follow_up(window: MainWindow,
                                                       sample_path: Path) -> None:
    page = open_step(window, sample_path, "review")
    assert isinstance(page, ReviewPage)
    page.catch_up()
    assert page.empty.isVisibleTo(page) and not page.tabs.isVisibleTo(page)
    assert "New follow-up session" in page.empty.text()


def test_a_follow_up_opens_on_its_review(window: MainWindow, sample_path: Path,
                                         tmp_path: Path) -> None:
    assert window.open_path(sample_path)
    assert window.follow_up_action.isEnabled()
    assert window.follow_up_at(sample_path, tmp_path / "next.bigdesk")
    assert window.document is not None and window.document.path.name == "next.bigdesk"
    assert window.workspace is not None
    page = window.workspace.page("review")
    assert isinstance(page, ReviewPage)
    page.catch_up()
    assert page.tabs.isVisibleTo(page)
    assert page.trajectories.rowCount() == 10
    assert page.capability.rowCount() == 18
    assert "First Steps conversation" in page.heading.text()
    page.tabs.setCurrentWidget(page.changes)
    # -- nothing moved yet but the scores the room gives again
    assert page.changes.rowCount() == 36
    assert {page.changes.item(r, 1).text() for r in range(page.changes.rowCount())} == {
        "median current level", "median target level"}
