"""The sponsor pitch and mandate form: parts saved on leaving, defaults started in one step."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate

from bigdesk.analysis.mandate import recorded_bodies, recorded_services, the_ask
from bigdesk.exchange.sample import populate_blank
from bigdesk.store import create_workshop

from bigdesk.ui.main_window import MainWindow
from bigdesk.ui.steps.room.console import RoomPage
from bigdesk.ui.steps.room.pitch import PitchForm


def _form(window: MainWindow, path: Path) -> PitchForm:
    assert window.open_path(path)
    assert window.workspace is not None
    window.workspace.show_step("room")
    page = window.workspace.findChild(RoomPage)
    assert page is not None
    form = page.findChild(PitchForm)
    assert form is not None
    return form


def test_the_ask_is_recorded_part_by_part(window: MainWindow, sample_path: Path,
                                          qtmodeltester: Any) -> None:
    form = _form(window, sample_path)
    document = window.document
    assert document is not None
    # -- the sample records its services and bodies, so there is nothing to start from
    assert not form.start_services.isVisibleTo(form)
    qtmodeltester.check(form.services.model)
    qtmodeltester.check(form.steps.model)
    assert form.steps.model.rowCount() == 3
    sponsor = form.fields["sponsor"]
    sponsor.setText("Amara Okafor")
    sponsor.editingFinished.emit()
    due = form.fields["business_case_due"]
    due.setDate(QDate(2027, 2, 26))
    due.editingFinished.emit()
    with document.read() as conn:
        ask = the_ask(conn)
    assert (ask.sponsor, ask.business_case_due) == ("Amara Okafor", dt.date(2027, 2, 26))
    window.undo()
    with document.read() as conn:
        assert the_ask(conn).business_case_due == dt.date(2027, 1, 28)
    assert form.fields["business_case_due"].date() == QDate(2027, 1, 28)


def test_services_and_bodies_start_from_the_workshop(window: MainWindow,
                                                     tmp_path: Path) -> None:
    path = tmp_path / "blank.bigdesk"
    create_workshop(path, populate_blank).close()
    form = _form(window, path)
    document = window.document
    assert document is not None
    assert form.start_services.isVisibleTo(form)
    assert "Support governance at all levels" in form.start_services.toolTip()
    form.start_services.click()
    form.start_governance.click()
    with document.read() as conn:
        assert len(recorded_services(conn)) == 8
        assert len(recorded_bodies(conn)) == 3
    assert form.services.model.rowCount() == 8
    assert not form.start_services.isVisibleTo(form)
    window.undo()
    window.undo()
    assert form.start_services.isVisibleTo(form)
    assert form.services.model.rowCount() == 0
