"""Every step page, and every tab on it, opens on any workshop without an error or a Qt warning."""

from __future__ import annotations

from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings

from PySide6.QtWidgets import QTabWidget

from bigdesk.app import prepare
from bigdesk.domain.steps import STEPS

from bigdesk.ui.main_window import MainWindow

from tests.exchange.deck_checks import check_deck
from tests.generated import BLANK, UNTITLED_INITIATIVE, Call, Recipe, Row, build, workshops
from tests.ui.conftest import Dialogs, open_step

# -- an agenda block whose "Opens" cell was cleared once broke the Run session step
CLEARED_AGENDA_STEP: Recipe = (Call(prepare.add_agenda_item, ()),
                               Call(prepare.AGENDA.set_value, (Row("agenda item", 0), "step", "")))


def _show_every_tab(page: Any) -> None:
    for tabs in page.findChildren(QTabWidget):
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)


# -- any character may be typed; a chart shows one its font lacks as a box, which is no error
@pytest.mark.filterwarnings("ignore:Glyph .* missing from font")
# -- one window serves every example: each opens its own workshop in it, as a user would
@settings(max_examples=8, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(recipe=workshops())
@example(recipe=BLANK)
@example(recipe=UNTITLED_INITIATIVE)
@example(recipe=CLEARED_AGENDA_STEP)
def test_every_step_opens_on_any_workshop(window: MainWindow, qtbot: Any, qtlog: Any,
                                          dialogs: Dialogs, recipe: Recipe) -> None:
    logged = len(qtlog.records)
    with TemporaryDirectory() as name:
        path = Path(name) / "workshop.bigdesk"
        build(recipe, path).close()
        with qtbot.captureExceptions() as exceptions:
            assert window.open_path(path)
            assert window.workspace is not None
            for step in STEPS:
                window.workspace.show_step(step.key)
                _show_every_tab(window.workspace.page(step.key))
                qtbot.wait(1)
            window.close_workshop()
    assert not exceptions, exceptions[0][1]
    warnings = [r.message for r in qtlog.records[logged:]
                if r.matches_level("WARNING") and not r.ignored]
    assert not warnings
    assert not dialogs.shown


def test_the_deck_step_exports_an_untitled_initiative_without_a_reference(
        window: MainWindow, tmp_path: Path, dialogs: Dialogs) -> None:
    path = tmp_path / "workshop.bigdesk"
    build(UNTITLED_INITIATIVE, path).close()
    page = open_step(window, path, "deck")
    assert page.export_to(tmp_path / "deck.pptx")
    assert not dialogs.shown
    check_deck(tmp_path / "deck.pptx")
