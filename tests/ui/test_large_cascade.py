"""The Map step on a cascade too large to show at once: rows made when asked for, views drawn
when first shown, and everything a facilitator does still working on what is not made yet."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, insert, select

from PySide6.QtCore import QModelIndex, QRectF, Qt
from PySide6.QtGui import QImage, QPainter

from bigdesk.app import cascade
from bigdesk.exchange.sample import populate_blank
from bigdesk.model import Alignment, Dependency, ElementType
from bigdesk.store import create_workshop

from bigdesk.ui.main_window import MainWindow
from bigdesk.ui.steps.map import MapPage
from bigdesk.ui.steps.map.outline import LARGE_OUTLINE
from bigdesk.ui.steps.map.outline_model import CascadeOutlineModel

from tests.analysis.cascade_builder import add_element
from tests.ui.conftest import open_step

# -- (kind, how many, the kinds above it, the most parents each has)
SHAPE = ((ElementType.PURPOSE, 3, (), 0),
         (ElementType.OBJECTIVE, 60, (ElementType.PURPOSE,), 2),
         (ElementType.KEY_RESULT, 240, (ElementType.OBJECTIVE,), 2),
         (ElementType.INITIATIVE, 1_000, (ElementType.KEY_RESULT,), 3))  # fmt: skip


def populate_large(conn: Connection) -> None:
    """A blank workshop with a cascade of 1,303 elements, many of them under several parents."""
    populate_blank(conn)
    rng = random.Random(7)
    made: dict[ElementType, list[int]] = {}
    for kind, count, above, most in SHAPE:
        made[kind] = [add_element(conn, f"{kind.value}{n}", kind, position=n)
                      for n in range(count)]
        parents = [p for k in above for p in made[k]]
        for position, child in enumerate(made[kind]):
            for parent in rng.sample(parents, rng.randint(1, most)) if parents else ():
                conn.execute(insert(Alignment).values(parent_id=parent, child_id=child,
                                                      position=position))
    initiatives = made[ElementType.INITIATIVE]
    for dependent, prerequisite in zip(initiatives[1::2], initiatives[::2], strict=False):
        conn.execute(insert(Dependency).values(dependent_id=dependent,
                                               prerequisite_id=prerequisite))


@pytest.fixture(scope="module")
def large_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("large") / "large.bigdesk"
    create_workshop(path, populate_large).close()
    return path


@pytest.fixture
def page(window: MainWindow, large_file: Path, tmp_path: Path) -> MapPage:
    copy = tmp_path / "large.bigdesk"
    copy.write_bytes(large_file.read_bytes())
    found = open_step(window, copy, "map")
    assert isinstance(found, MapPage)
    return found


def all_rows(model: CascadeOutlineModel, parent: QModelIndex | None = None) -> int:
    """Count every row of the outline, asking the model for each one."""
    parent = parent or QModelIndex()
    return sum(1 + all_rows(model, model.index(row, 0, parent))
               for row in range(model.rowCount(parent)))


def test_the_outline_makes_only_the_rows_its_open_levels_show(page: MapPage) -> None:
    model = page.outline.model
    assert len(model.elements) + len(model.links) > LARGE_OUTLINE
    made = len(model._rows)
    shown = all_rows(model)
    # -- every initiative appears under each of its key results, themselves under
    #    each of their objectives: far more rows than elements
    assert shown > 2 * len(model.elements)
    assert made < shown / 4


def test_a_large_outline_passes_the_model_tester_as_it_is_made(
    page: MapPage, qtmodeltester: Any
) -> None:
    qtmodeltester.check(page.outline.model)


def test_revealing_an_element_not_made_yet_opens_the_way_to_it(page: MapPage) -> None:
    model = page.outline.model
    initiative = next(i for i, e in model.elements.items()
                      if e.type is ElementType.INITIATIVE)
    assert model.appearances(initiative) == []
    page.outline.reveal(initiative)
    current = page.outline.view.currentIndex()
    assert model.element_at(current) == initiative
    parent = current.parent()
    while parent.isValid():
        assert page.outline.view.isExpanded(parent)
        parent = parent.parent()
    assert page.outline.view.visualRect(current).isValid()


def test_a_reshape_keeps_what_is_open_and_shows_a_moved_subtree_open(page: MapPage) -> None:
    model, view = page.outline.model, page.outline.view
    cascade_ = page.document.cascade()
    objective, key_result = next((e.id, k) for e in cascade_.of_type(ElementType.OBJECTIVE)
                                 for k in cascade_.down[e.id] if cascade_.down[k])
    page.outline.reveal(key_result)
    before = view.currentIndex()
    closed = model.find(objective)
    view.collapse(closed)
    # -- a key result with initiatives under it moves under another objective
    other = next(e.id for e in cascade_.of_type(ElementType.OBJECTIVE)
                 if e.id != objective and key_result not in cascade_.down[e.id])
    source = cascade.Place(model.element_at(before.parent()))
    cascade.move_element(page.document, key_result, source, cascade.Place(other))
    moved = model.find(key_result, other)
    assert view.isExpanded(moved)
    assert model.rowCount(moved) == len(page.document.cascade().down[key_result]) > 0
    assert not view.isExpanded(model.find(objective))


def test_drag_and_drop_works_on_rows_made_on_the_way(page: MapPage) -> None:
    model = page.outline.model
    cascade_ = page.document.cascade()
    key_results = [e.id for e in cascade_.of_type(ElementType.KEY_RESULT)]
    source = next(k for k in key_results if cascade_.down[k])
    initiative = cascade_.down[source][0]
    target = next(k for k in key_results if initiative not in cascade_.down[k])
    data = model.mimeData([model.find(initiative, source)])
    model.dropMimeData(data, Qt.DropAction.CopyAction, -1, 0, model.find(target))
    assert initiative in page.document.cascade().down[target]
    assert model.element_at(model.find(initiative, target)) == initiative


def test_a_title_typed_repaints_the_rows_shown_and_the_findings_in_place(
    page: MapPage, qtbot: Any
) -> None:
    model, panel = page.outline.model, page.findings
    # -- an objective with no node: a finding names it
    objective = next(e.id for e in page.document.cascade().of_type(ElementType.OBJECTIVE))
    reshaped: list[object] = []
    model.layoutChanged.connect(lambda *_: reshaped.append(1))
    page.document.undo_stack.clear()
    panel.catch_up()
    rebuilt: list[object] = []
    panel.list.model().rowsRemoved.connect(lambda *_: rebuilt.append(1))
    about = [i for i, f in enumerate(panel.findings) if f.element == f"element:{objective}"]
    assert about
    cascade.set_field(page.document, objective, "title", "Deliver every parcel")
    panel.catch_up()
    assert reshaped == [] and rebuilt == []
    assert model.find(objective).data() == "Deliver every parcel"
    assert all("Deliver every parcel" in panel.list.item(i).text() for i in about)


def test_the_map_and_the_dependencies_are_read_when_first_shown(page: MapPage) -> None:
    assert page.map.boxes == {} and page.dependencies.model.rowCount() == 0
    page.outline.reveal(next(iter(page.outline.model.elements)))
    page.tabs.setCurrentWidget(page.dependencies)
    assert page.dependencies.model.rowCount() == 500
    page.tabs.setCurrentWidget(page.map)
    assert len(page.map.boxes) == len(page.outline.model.elements)
    # -- the element made current in the outline before the map existed is selected on it
    assert page.map.selected_ids() == [next(iter(page.outline.model.elements))]


def test_the_map_far_out_draws_boxes_without_their_words(page: MapPage) -> None:
    page.tabs.setCurrentWidget(page.map)
    board = page.map
    box = next(iter(board.boxes.values()))
    image = QImage(400, 300, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    board.scene.render(painter, QRectF(image.rect()), board.scene.sceneRect())
    painter.end()
    assert box._text is None
    painter = QPainter(image)
    board.scene.render(painter, QRectF(image.rect()), box.sceneBoundingRect())
    painter.end()
    assert box._text


def test_the_dependencies_model_outside_a_widget_reads_at_once(page: MapPage) -> None:
    from bigdesk.ui.dependencies import DependencyModel

    model = DependencyModel(page.document)
    with page.document.read() as conn:
        count = len(conn.execute(select(Dependency.id)).all())
    assert model.rowCount() == count == 500
