"""The Review step and *New follow-up session*: a follow-up opens on what moved."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bigdesk.app import accountability, prepare
from bigdesk.app.tracking import add_check_in
from bigdesk.exchange.sample import populate_blank
from bigdesk.model import Element
from bigdesk.store import create_workshop

from bigdesk.ui.main_window import MainWindow
from bigdesk.ui.steps.map import MapPage
from bigdesk.ui.steps.review import ReviewPage

from tests.ui.conftest import open_step


def test_a_first_session_says_how_to_start_a_follow_up(window: MainWindow,
                                                       tmp_path: Path) -> None:
    path = tmp_path / "new.bigdesk"
    create_workshop(path, populate_blank).close()
    page = open_step(window, path, "review")
    assert isinstance(page, ReviewPage)
    page.catch_up()
    assert page.empty.isVisibleTo(page) and not page.tabs.isVisibleTo(page)
    assert "New follow-up session" in page.empty.text()


def test_a_first_session_with_check_ins_shows_them_alone(window: MainWindow,
                                                         sample_path: Path) -> None:
    # -- the sample is a first session whose benefits have check-ins
    page = open_step(window, sample_path, "review")
    assert isinstance(page, ReviewPage)
    page.catch_up()
    assert page.empty.isVisibleTo(page) and page.tabs.isVisibleTo(page)
    assert "only its check-ins" in page.empty.text()
    shown = [page.tabs.widget(n) for n in range(page.tabs.count()) if page.tabs.isTabVisible(n)]
    assert shown == [page.check_ins]
    assert page.tabs.currentWidget() is page.check_ins


def test_a_follow_up_opens_on_its_review(window: MainWindow, sample_path: Path,
                                         tmp_path: Path) -> None:
    assert window.open_path(sample_path)
    assert window.follow_up_action.isEnabled()
    assert window.follow_up_at(sample_path, tmp_path / "next.bigdesk")
    assert window.document is not None and window.document.place.name == "next.bigdesk"
    assert window.workspace is not None
    page = window.workspace.page("review")
    assert isinstance(page, ReviewPage)
    page.catch_up()
    assert page.tabs.isVisibleTo(page)
    # -- the sample's ten key results and two benefits
    assert page.trajectories.rowCount() == 12
    # -- each in its own unit: KR1.1's 96% target, B1's 700 runs
    targets = {page.trajectories.item(r, 4).text() for r in range(12)}
    assert {"96%", "700 runs"} <= targets
    assert page.capability.rowCount() == 18
    assert "First Steps conversation" in page.heading.text()
    page.tabs.setCurrentWidget(page.changes)
    # -- nothing moved yet but the scores the room gives again
    assert page.changes.rowCount() == 36
    assert {page.changes.item(r, 1).text() for r in range(page.changes.rowCount())} == {
        "median current level", "median target level"}


def test_the_pitch_records_agreed_versions_and_the_review_shows_them(
        window: MainWindow, sample_path: Path, tmp_path: Path, qtbot: Any) -> None:
    from PySide6.QtCore import QDate

    from bigdesk.app.pitch import save_mandate

    from bigdesk.ui.steps.room.mandate_versions import AgreeDialog, AgreedVersions

    assert window.follow_up_at(sample_path, tmp_path / "next.bigdesk")
    document = window.document
    assert document is not None
    versions = AgreedVersions(document)
    qtbot.addWidget(versions)
    assert versions.list.item(0).text() == "No version agreed yet."
    dialog = AgreeDialog(document)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert "who agreed" in dialog.error.text()
    save_mandate(document, "reports_to", "The Board", "Change reporting")
    dialog.day.setDate(QDate.currentDate().addDays(1))
    dialog.by.setText("The Transformation Board")
    dialog.accept()
    assert "agreed by The Transformation Board" in versions.list.item(0).text()
    assert window.workspace is not None
    page = window.workspace.page("review")
    assert isinstance(page, ReviewPage)
    page.catch_up()
    rows = {page.mandate.item(r, 0).text() for r in range(page.mandate.rowCount())}
    assert {"Reports to", "Version agreed by The Transformation Board"} <= rows


def test_a_follow_up_re_scores_against_the_session_it_follows(
        window: MainWindow, sample_path: Path, tmp_path: Path) -> None:
    from bigdesk.ui.steps.assess.rebaseline import RebaselinePanel

    assert window.follow_up_at(sample_path, tmp_path / "next.bigdesk")
    assert window.document is not None
    panel = RebaselinePanel(window.document)
    assert panel.previous == sample_path.resolve()
    panel.against_previous.click()
    assert panel.result is not None and panel.table.rowCount() == 18
    # -- nothing scored yet in the follow-up: every current level was there, none is now
    assert all(c.before_current is not None and c.now_current is None
               for c in panel.result.changes if c.key == "clarity-of-purpose")
    panel.deleteLater()


def test_late_check_ins_are_listed_and_lead_to_the_map(window: MainWindow, sample_path: Path,
                                                        tmp_path: Path) -> None:
    assert window.follow_up_at(sample_path, tmp_path / "next.bigdesk")
    document, workspace = window.document, window.workspace
    assert document is not None and workspace is not None
    with document.read() as conn:
        kr, node = conn.execute(select(Element.id, Element.node_id)
                                .where(Element.ref == "KR1.1")).one()
    prepare.set_detail(document, "session_date", dt.date(2027, 6, 1), "Change the date")
    accountability.set_node_field(document, node, "cadence", "monthly")
    # -- a flat line from 87 cannot reach 96 by the due date
    add_check_in(document, kr, {"checked_on": "2027-01-31", "value": 87})
    add_check_in(document, kr, {"checked_on": "2027-02-28", "value": 87.5})
    workspace.show_step("review")
    page = workspace.page("review")
    assert isinstance(page, ReviewPage)
    page.catch_up()
    page.tabs.setCurrentWidget(page.check_ins)
    page.check_ins.catch_up()
    assert {"check-in-overdue", "forecast-misses-target"} <= set(page.check_ins.codes())
    assert "to look at" in page.check_ins.title.text()
    assert page.tabs.tabText(page.tabs.indexOf(page.check_ins)) == \
        f"Check-ins ({len(page.check_ins.findings)})"
    row = next(n for n, f in enumerate(page.check_ins.findings)
               if f.code == "forecast-misses-target" and f.element == f"element:{kr}")
    page.check_ins.list.itemClicked.emit(page.check_ins.list.item(row))
    shown = workspace.current_page()
    assert isinstance(shown, MapPage)
    assert shown.outline.selected_ids() == [kr]
