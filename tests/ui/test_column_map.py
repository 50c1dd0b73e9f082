"""A project list no format knows: its columns are mapped in a dialog, remembered by header."""

from __future__ import annotations

from pathlib import Path

import pytest

from PySide6.QtWidgets import QDialogButtonBox

from bigdesk.exchange.sample import populate_blank
from bigdesk.store import create_workshop

from bigdesk.ui.column_map import ColumnMapDialog
from bigdesk.ui.imports import ListDialog, import_into
from bigdesk.ui.main_window import MainWindow
from bigdesk.ui.steps.map import MapPage

from tests.ui.conftest import open_step

GRID = Path(__file__).parent.parent / "exchange" / "fixtures" / "ppm_grid.csv"


@pytest.fixture
def page(window: MainWindow, tmp_path: Path) -> MapPage:
    path = tmp_path / "blank.bigdesk"
    create_workshop(path, populate_blank).close()
    found = open_step(window, path, "map")
    assert isinstance(found, MapPage)
    return found


def test_a_grid_is_mapped_previewed_applied_and_its_mapping_remembered(
    page: MapPage, tmp_path: Path
) -> None:
    assert import_into(page.document, GRID, page) is None
    dialog = page.findChild(ColumnMapDialog)
    assert dialog is not None and dialog.isVisible()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    # -- suggested from the headers' words; the title is required
    assert dialog.mapping().columns["owner"] == "Project Manager"
    dialog.combos["title"].setCurrentIndex(0)
    assert not ok.isEnabled()
    dialog.combos["title"].setCurrentIndex(dialog.combos["title"].findData("Project Name"))
    dialog.combos["description"].setCurrentIndex(
        dialog.combos["description"].findData("Department"))
    dialog.combos["node"].setCurrentIndex(0)
    assert ok.isEnabled()
    ok.click()
    previews = [d for d in page.findChildren(ListDialog) if d.isVisible()]
    assert previews and previews[-1].lines.count() == 3
    previews[-1].buttons.button(QDialogButtonBox.StandardButton.Apply).click()
    assert page.document.undo_stack.count() == 1
    # -- a list with the same columns opens with the mapping made for it
    again = tmp_path / "again.csv"
    again.write_text(GRID.read_text(encoding="utf-8"), encoding="utf-8")
    import_into(page.document, again, page)
    second = [d for d in page.findChildren(ColumnMapDialog) if d.isVisible()][-1]
    assert second.mapping().columns.get("description") == "Department"
    assert "node" not in second.mapping().columns


def test_ambiguous_dates_are_asked(page: MapPage, tmp_path: Path) -> None:
    path = tmp_path / "unsure.csv"
    path.write_text("Project Name,Start\nA,03/04/2026\n", encoding="utf-8")
    import_into(page.document, path, page)
    first = [d for d in page.findChildren(ColumnMapDialog) if d.isVisible()][-1]
    first.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    asking = [d for d in page.findChildren(ColumnMapDialog) if d.isVisible()][-1]
    assert asking is not first and asking.ask_dates
    ok = asking.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    asking.dates.setCurrentIndex(asking.dates.findData("month-first"))
    ok.click()
    previews = [d for d in page.findChildren(ListDialog) if d.isVisible()]
    assert previews and previews[-1].lines.count() == 1


def test_a_refused_table_offers_to_map_its_columns(page: MapPage, tmp_path: Path) -> None:
    path = tmp_path / "listing.csv"
    path.write_text("ID,Title,Owner\n7,Depot roofs,Ann\n", encoding="utf-8")
    import_into(page.document, path, page)
    refusal = [d for d in page.findChildren(ListDialog) if d.isVisible()][-1]
    mapper = next(b for b in refusal.buttons.buttons() if "Map" in b.text())
    mapper.click()
    dialog = [d for d in page.findChildren(ColumnMapDialog) if d.isVisible()][-1]
    assert dialog.mapping().columns == {"title": "Title", "id": "ID", "owner": "Owner"}


def test_a_raid_log_is_mapped_as_raid_items(page: MapPage, tmp_path: Path) -> None:
    path = tmp_path / "risks.csv"
    path.write_text("Category,Risk description,Likelihood score,Consequence score\n"
                    "Risk,Depot lease not renewed,3,5\n", encoding="utf-8")
    import_into(page.document, path, page)
    dialog = [d for d in page.findChildren(ColumnMapDialog) if d.isVisible()][-1]
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.rows_are.setCurrentIndex(1)
    # -- a RAID log's own fields are suggested; its type must be chosen
    assert dialog.mapping().columns == {"probability": "Likelihood score",
                                        "impact": "Consequence score"}
    assert not ok.isEnabled()
    for target, header in (("type", "Category"), ("title", "Risk description")):
        dialog.combos[target].setCurrentIndex(dialog.combos[target].findData(header))
    assert ok.isEnabled() and dialog.mapping().raid
    ok.click()
    previews = [d for d in page.findChildren(ListDialog) if d.isVisible()]
    assert previews[-1].lines.item(0).text() == "add risk “Depot lease not renewed”"
