"""Check-ins in the app: the inspector's history, chart and new reading, and a node's review."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from PySide6.QtCore import QDate

from bigdesk.model import AccountabilityNode, CheckIn, Element
from bigdesk.store import fetch

from bigdesk.ui.check_ins import NodeReviewDialog
from bigdesk.ui.main_window import MainWindow
from bigdesk.ui.steps.map import MapPage

from tests.ui.conftest import open_step


@pytest.fixture
def page(window: MainWindow, sample_path: Path) -> MapPage:
    found = open_step(window, sample_path, "map")
    assert isinstance(found, MapPage)
    return found


def element(page: MapPage, ref: str) -> Element:
    with page.document.read() as conn:
        return fetch(conn, select(Element).where(Element.ref == ref))[0]


def test_history_shows_records_and_undoes(page: MapPage, qtbot: Any) -> None:
    kr = element(page, "KR1.1")
    page.inspector.show_items([kr.id])
    panel = page.inspector.check_ins
    tabs = page.inspector.tabs
    assert tabs.isTabVisible(1) and tabs.tabText(1) == "Check-ins (3)"
    assert panel.table.rowCount() == 3
    tabs.setCurrentIndex(1)
    # -- the latest first
    assert panel.table.item(0, 1).text() == "90.5"
    panel.day.setDate(QDate(2026, 12, 31))
    panel.value.setText("92")
    panel.status.setText("On track")
    panel.record.click()
    assert panel.table.rowCount() == 4 and panel.table.item(0, 1).text() == "92"
    assert element(page, "KR1.1").current == 92
    assert panel.chart.canvas is not None
    page.document.undo_stack.undo()
    assert panel.table.rowCount() == 3 and element(page, "KR1.1").current == 90.5
    # -- a refused reading is explained and nothing is written
    panel.value.setText("lots")
    panel.record.click()
    assert panel.error.isVisibleTo(panel) and "'lots' is not a number" in panel.error.text()
    # -- an edit in the table corrects the check-in
    panel.table.item(0, 1).setText("91")
    assert element(page, "KR1.1").current == 91
    # -- an objective takes no check-ins: the panel goes
    page.inspector.show_items([element(page, "O1").id])
    assert not tabs.isTabVisible(1)


def test_node_review_records_every_key_result_at_once(page: MapPage, qtbot: Any) -> None:
    with page.document.read() as conn:
        node = fetch(conn, select(AccountabilityNode)
                     .where(AccountabilityNode.name == "Fleet Electrification Programme"))[0]
    dialog = NodeReviewDialog(page.document, node.id, node.name)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2
    dialog.day.setDate(QDate(2026, 12, 31))
    dialog.table.item(0, 3).setText("14")
    dialog.table.item(1, 4).setText("Behind")
    dialog.accept()
    with page.document.read() as conn:
        added = conn.execute(select(CheckIn.value, CheckIn.status)
                             .where(CheckIn.checked_on == QDate(2026, 12, 31).toPython())
                             ).all()
    assert sorted(added, key=str) == sorted([(14.0, ""), (None, "Behind")], key=str)
    assert page.document.undo_stack.undoText() == "Record 2 check-ins"
    dialog2 = NodeReviewDialog(page.document, node.id, node.name)
    qtbot.addWidget(dialog2)
    dialog2.table.item(0, 3).setText("x")
    dialog2.accept()
    assert "'x' is not a number" in dialog2.error.text()
