"""The Deck step as a facilitator uses it: tick sections, set options, export, open."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox

from bigdesk.domain.steps import STEPS, step
from bigdesk.exchange.sample import populate_blank
from bigdesk.model import Workshop
from bigdesk.store import SetValues, create_workshop

from bigdesk.ui.main_window import MainWindow
from bigdesk.ui.steps.deck import DeckPage

from tests.exchange.deck_checks import all_text, check_deck
from tests.ui.conftest import Dialogs, open_step


def _open(window: MainWindow, path: Path) -> DeckPage:
    page = open_step(window, path, "deck")
    assert isinstance(page, DeckPage)
    return page


def _items(page: DeckPage) -> dict[str, Any]:
    """Return each section's item by its key, in the order shown."""
    tree = page.sections
    return {heading.child(n).data(0, Qt.ItemDataRole.UserRole): heading.child(n)
            for heading in (tree.topLevelItem(h) for h in range(tree.topLevelItemCount()))
            for n in range(heading.childCount())}


def test_the_deck_step_is_last_and_lists_every_section_with_its_slides(
        window: MainWindow, sample_path: Path) -> None:
    page = _open(window, sample_path)
    assert window.workspace is not None
    steps = window.workspace.steps
    assert steps.item(steps.count() - 1).text() == "Deck"  # -- no state: it holds no work
    tree = page.sections
    headings = [tree.topLevelItem(n) for n in range(tree.topLevelItemCount())]
    assert [h.text(0) for h in headings] == [s.title for s in STEPS if s.deck_sections]
    room = headings[[s.key for s in STEPS if s.deck_sections].index("room")]
    assert [room.child(n).data(0, Qt.ItemDataRole.UserRole)
            for n in range(room.childCount())] == list(step("room").deck_sections)
    items = _items(page)
    assert list(items)[:4] == ["title", "summary", "since", "why-now"]
    cascade = items["cascade"]
    assert cascade.checkState(0) == Qt.CheckState.Checked
    # -- one slide per page of the cascade, each titled with the cascade's finding
    pages = {cascade.child(n).text(0) for n in range(cascade.childCount())}
    assert cascade.childCount() >= 2 and len(pages) == 1
    assert pages.pop().startswith("96% of initiative budget traces to a purpose")
    assert page.export_button.isEnabled()
    for widget in (page.sections, page.template, page.notes, page.anonymous,
                   page.export_button):
        assert widget.accessibleName()


def test_sections_without_data_are_disabled_with_the_reason(window: MainWindow,
                                                            tmp_path: Path) -> None:
    path = tmp_path / "blank.bigdesk"
    create_workshop(path, populate_blank).close()
    page = _open(window, path)
    # -- with no cascade the step points to the Map step first; its page is one link away
    assert window.workspace is not None
    frame = window.workspace.frame("deck")
    assert frame.showing_empty_state()
    frame.enter()
    items = _items(page)
    current = items["current-state"]
    assert not current.flags() & Qt.ItemFlag.ItemIsEnabled
    assert "no capability has been scored yet" in current.text(0)
    assert current.toolTip(0) == "No capability has been scored yet."
    # -- the proposal and the ask stand on the method's defaults even in a new workshop
    assert page.chosen_sections() == frozenset({"title", "summary", "business-support",
                                                "governance", "ask"})


def test_exporting_writes_the_ticked_sections_and_offers_to_open_the_file(
        window: MainWindow, sample_path: Path, tmp_path: Path, dialogs: Dialogs,
        monkeypatch: pytest.MonkeyPatch) -> None:
    page = _open(window, sample_path)
    _items(page)["appendix"].setCheckState(0, Qt.CheckState.Unchecked)
    page.notes.setChecked(False)
    page.anonymous.setChecked(True)
    target = tmp_path / "board"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(opened.append))
    dialogs.answer = QMessageBox.StandardButton.Yes
    page.export_button.click()
    written = tmp_path / "board.pptx"
    prs = check_deck(written)
    titles = [s.shapes.title.text for s in prs.slides]
    assert "Appendix" not in titles
    assert titles[1].startswith("Northgate's strategy is clear at the top")
    assert "Amara Okafor" not in all_text(written)
    assert not any(s.has_notes_slide and s.notes_slide.notes_text_frame.text.strip()
                   for s in prs.slides)
    assert opened == [QUrl.fromLocalFile(str(written))]
    assert "Open it now?" in dialogs.messages()
    assert "board.pptx" in page.status.text()


def test_a_bad_template_is_refused_with_a_message_and_nothing_written(
        window: MainWindow, sample_path: Path, tmp_path: Path, dialogs: Dialogs) -> None:
    page = _open(window, sample_path)
    bad = tmp_path / "corporate.potx"
    bad.write_text("not a template")
    page.set_template(str(bad))
    assert not page.export_to(tmp_path / "deck.pptx")
    assert "not a PowerPoint template" in dialogs.messages()
    assert not (tmp_path / "deck.pptx").exists()
    page.set_template("")
    assert page.options().template is None


def test_the_outline_follows_edits_to_the_workshop(window: MainWindow, sample_path: Path,
                                                   qtbot: Any) -> None:
    page = _open(window, sample_path)
    assert window.document is not None
    window.document.do(SetValues(Workshop, 1, {"client_organisation": "Acme Haulage"},
                                 "Change client"))
    qtbot.waitUntil(lambda: _items(page)["title"].child(0).text(0) == "Acme Haulage",
                    timeout=5000)
