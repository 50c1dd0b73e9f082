"""Ordinary states that once broke an export, each kept as its own example."""

from __future__ import annotations

import warnings
from pathlib import Path

from openpyxl import load_workbook
from pptx.enum.chart import XL_CHART_TYPE
from sqlalchemy import select

from bigdesk.analysis.prioritisation import analyse
from bigdesk.app import accountability, cascade, prioritisation
from bigdesk.cli import main
from bigdesk.exchange.deck.build import build_plan
from bigdesk.exchange.deck.export import write_deck
from bigdesk.exchange.deck.plan import Options
from bigdesk.exchange.figures_prioritisation import breakdown_data, draw_breakdown
from bigdesk.exchange.prioritisation_export import write_prioritisation
from bigdesk.model import Element, ElementType

from tests.exchange.deck_checks import check_deck
from tests.generated import UNTITLED_INITIATIVE, build


def test_an_untitled_initiative_without_a_reference_is_labelled_in_the_bubble_chart(
        tmp_path: Path) -> None:
    store = build(UNTITLED_INITIATIVE, tmp_path / "workshop.bigdesk")
    try:
        with store.read() as conn:
            (untitled,) = conn.execute(select(Element.id).where(
                Element.type == ElementType.INITIATIVE)).scalars()
            (key_result,) = conn.execute(select(Element.id).where(
                Element.type == ElementType.KEY_RESULT)).scalars()
        cascade.set_field(store, untitled, "effort", 10.0)
        # -- the chart plots two initiatives or more: one alone is no comparison
        named = cascade.add_child(store, key_result, ElementType.INITIATIVE)
        cascade.set_field(store, named, "title", "Named")
        cascade.set_field(store, named, "effort", 20.0)
    finally:
        store.close()
    deck = tmp_path / "deck.pptx"
    assert main(["export", str(tmp_path / "workshop.bigdesk"), "--deck", str(deck)]) == 0
    prs = check_deck(deck)
    (chart,) = [shape.chart for slide in prs.slides for shape in slide.shapes
                if shape.has_chart and shape.chart.chart_type == XL_CHART_TYPE.BUBBLE]
    labels = [point.data_label.text_frame.text
              for series in chart.plots[0].series for point in series.points]
    assert "(untitled)" in labels and "Named" in labels


def test_an_unnamed_node_with_nothing_known_adds_no_empty_register_to_the_deck(
        tmp_path: Path) -> None:
    store = build((), tmp_path / "workshop.bigdesk")
    try:
        accountability.add_node(store)
        with store.read() as conn:
            plan = build_plan(conn, Options())
        deck = tmp_path / "deck.pptx"
        assert main(["export", str(store.path), "--deck", str(deck)]) == 0
    finally:
        store.close()
    assert "Accountability nodes" not in plan.titles()
    check_deck(deck)


def test_a_scenario_name_with_control_characters_is_a_clean_column_header(
        tmp_path: Path) -> None:
    store = build((), tmp_path / "workshop.bigdesk")
    try:
        prioritisation.save_scenario(store, "Board\x1e view")
        out = tmp_path / "results.xlsx"
        with store.read() as conn:
            write_prioritisation(conn, out)
    finally:
        store.close()
    book = load_workbook(out, read_only=True)
    try:
        headers = next(book["Scenarios"].iter_rows(values_only=True))
    finally:
        book.close()
    assert headers[1] == "Board view"


def test_a_criterion_with_no_name_still_has_a_legend_entry(tmp_path: Path) -> None:
    store = build(UNTITLED_INITIATIVE, tmp_path / "workshop.bigdesk")
    try:
        with store.read() as conn:
            ids = [row.id for row in prioritisation.criteria(conn)]
        prioritisation.remove_criteria(store, ids)
        prioritisation.add_criterion(store)
        prioritisation.allocate_evenly(store)
        with store.read() as conn:
            ranking = analyse(conn).ranking
    finally:
        store.close()
    assert ranking is not None
    data = breakdown_data(ranking)
    assert data.criteria == ["(unnamed criterion)"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        draw_breakdown(data)


def test_a_title_of_control_characters_alone_leaves_an_empty_bubble_label(
        tmp_path: Path) -> None:
    store = build(UNTITLED_INITIATIVE, tmp_path / "workshop.bigdesk")
    try:
        with store.read() as conn:
            (initiative,) = analyse(conn).data.initiatives
        cascade.set_field(store, initiative.id, "title", "\x01\x02")
        deck = tmp_path / "deck.pptx"
        with store.read() as conn:
            write_deck(conn, deck)
    finally:
        store.close()
    check_deck(deck)
