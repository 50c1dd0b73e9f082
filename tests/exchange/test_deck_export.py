"""The First Steps deck of the sample workshop, read back as a user would read it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bigdesk.analysis.assessment import assessment_statistics, load_assessment
from bigdesk.analysis.prioritisation import analyse
from bigdesk.exchange.deck.build import build_plan
from bigdesk.exchange.deck.export import write_deck
from bigdesk.exchange.deck.plan import Options
from bigdesk.exchange.deck.render import DeckError
from bigdesk.exchange.figures_assessment import radar_data
from bigdesk.exchange.figures_prioritisation import split_data
from bigdesk.exchange.sample import NOTES, PEOPLE, populate_sample
from bigdesk.store import WorkshopStore, create_workshop, open_workshop

from tests.exchange.deck_checks import all_text, check_deck, slide_texts


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> WorkshopStore:
    """Return the sample workshop, open read-only, shared by the tests of this module."""
    path = tmp_path_factory.mktemp("deck") / "sample.bigdesk"
    create_workshop(path, populate_sample).close()
    store = open_workshop(path, read_only=True)
    yield store
    store.close()


@pytest.fixture(scope="module")
def deck_path(sample: WorkshopStore, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the sample's deck with speaker notes, names shown."""
    target = tmp_path_factory.mktemp("deck-out") / "First Steps.pptx"
    with sample.read() as conn:
        write_deck(conn, target, Options(anonymous=False))
    return target


@pytest.fixture(scope="module")
def anonymous_path(sample: WorkshopStore, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the sample's deck in anonymous mode without speaker notes."""
    target = tmp_path_factory.mktemp("deck-anon") / "anonymous.pptx"
    with sample.read() as conn:
        write_deck(conn, target, Options(anonymous=True, notes=False))
    return target


def _slide(prs, title: str):  # type: ignore[no-untyped-def]
    for slide in prs.slides:
        if slide.shapes.title is not None and slide.shapes.title.text == title:
            return slide
    raise AssertionError(f"no slide titled {title!r}: {[s.shapes.title.text for s in prs.slides]}")


def _charts(slide):  # type: ignore[no-untyped-def]
    return [shape.chart for shape in slide.shapes if shape.has_chart]


def test_the_storyline_runs_in_order_and_passes_the_structural_check(deck_path: Path,
                                                                     sample: WorkshopStore) -> None:
    prs = check_deck(deck_path)
    titles = [s.shapes.title.text for s in prs.slides]
    with sample.read() as conn:
        assert titles == build_plan(conn, Options(anonymous=False)).titles()
    expected = ["Northgate Freight Services", "Agenda", "Why now", "Purpose and vision",
                "Where we stand today", "The strategy cascade", "Who is accountable",
                "What comes first", "Value against effort", "The portfolio we recommend",
                "Run and Change", "Risks, actions, issues and decisions",
                "Roadmap: enablers first", "The ask and next steps", "Appendix"]
    positions = [next(i for i, t in enumerate(titles) if t.startswith(e)) for e in expected]
    assert positions == sorted(positions)
    assert prs.slide_width == 12192000 and prs.slide_height == 6858000


def test_current_state_is_a_native_radar_with_the_assessment_numbers(deck_path: Path,
                                                                   sample: WorkshopStore) -> None:
    from pptx.enum.chart import XL_CHART_TYPE

    prs = check_deck(deck_path)
    slide = _slide(prs, "Where we stand today")
    (chart,) = _charts(slide)
    assert chart.chart_type == XL_CHART_TYPE.RADAR_MARKERS
    with sample.read() as conn:
        radar = radar_data(assessment_statistics(load_assessment(conn)))
    current, target = chart.plots[0].series
    assert (current.name, target.name) == ("Current", "Target")
    assert list(current.values) == [None if v is None else float(v) for v in radar.current]
    assert list(target.values) == [None if v is None else float(v) for v in radar.target]
    assert list(chart.plots[0].categories) == radar.labels
    table = next(s.table for s in slide.shapes if s.has_table)
    assert [c.text for c in table.rows[0].cells] == ["Largest gaps", "Current", "Target", "Gap"]
    assert table.rows[1].cells[0].text == "Clarity of purpose(s)"


def test_run_and_change_charts_show_the_split_of_the_prioritisation(
        deck_path: Path, sample: WorkshopStore) -> None:
    from pptx.enum.chart import XL_CHART_TYPE

    slide = _slide(check_deck(deck_path), "Run and Change")
    doughnut, bars = _charts(slide)
    assert doughnut.chart_type == XL_CHART_TYPE.DOUGHNUT
    assert bars.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
    with sample.read() as conn:
        run_change = analyse(conn).run_change
    assert run_change is not None
    data = split_data(run_change)
    assert data.selected is not None
    assert list(doughnut.plots[0].series[0].values) == pytest.approx(data.selected)
    assert [s.name for s in bars.plots[0].series] == ["All initiatives",
                                                      "Recommended portfolio", "Target"]
    assert list(bars.plots[0].series[0].values) == pytest.approx(data.current)
    assert list(doughnut.plots[0].categories) == ["Run", "Grow", "Transform"]


def test_priorities_rank_the_initiatives_and_plot_value_against_effort(
        deck_path: Path, sample: WorkshopStore) -> None:
    from pptx.enum.chart import XL_CHART_TYPE

    prs = check_deck(deck_path)
    with sample.read() as conn:
        analysis = analyse(conn)
    assert analysis.ranking is not None and analysis.selection is not None
    best = analysis.ranking.initiatives[analysis.ranking.order[0]]
    table = next(s.table for s in _slide(prs, "What comes first").shapes if s.has_table)
    assert table.cell(1, 1).text == best.label
    assert table.cell(1, 0).text == "1"
    (chart,) = _charts(_slide(prs, "Value against effort"))
    assert chart.chart_type == XL_CHART_TYPE.BUBBLE
    names = [s.name for s in chart.plots[0].series]
    assert names == ["In the portfolio", "Waits"]
    chosen = len(analysis.selection.chosen())
    assert len(list(chart.plots[0].series[0].values)) == chosen
    why = _slide(prs, "The portfolio we recommend")
    text = slide_texts(why)
    for index, left_out in analysis.selection.left_out.items():
        assert analysis.ranking.initiatives[index].label in text
        assert left_out.reason[:30] in text


def test_cascade_and_accountability_are_editable_shapes_joined_by_connectors(
        deck_path: Path) -> None:
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    prs = check_deck(deck_path)
    cascade = [s for s in prs.slides if s.shapes.title.text.startswith("The strategy cascade")]
    assert len(cascade) == 2
    first = cascade[0]
    texts = slide_texts(first)
    assert "O1 Deliver on time, every time" in texts
    assert "KR1.1 Raise on-time delivery from 87% to 96%" in texts
    connectors = [s for s in first.shapes if s.shape_type == MSO_SHAPE_TYPE.LINE
                  or s.element.tag.endswith("cxnSp")]
    assert connectors
    glued = connectors[0].element.find(".//{*}stCxn")
    assert glued is not None, "connectors are glued to their boxes, so they follow a moved box"
    assert not any(s.shape_type == MSO_SHAPE_TYPE.PICTURE for s in first.shapes)
    nodes = _slide(prs, "Who is accountable")
    assert "Transformation Board" in slide_texts(nodes)
    flows = _slide(prs, "Information that flows between nodes")
    table = next(s.table for s in flows.shapes if s.has_table)
    assert table.cell(1, 2).text == "Nobody yet"


def test_speaker_notes_carry_talking_points_and_shared_notes_but_never_private_ones(
        deck_path: Path) -> None:
    prs = check_deck(deck_path)
    notes = [s.notes_slide.notes_text_frame.text for s in prs.slides if s.has_notes_slide]
    assert len(notes) >= 15
    everything = all_text(deck_path)
    for text, private in NOTES:
        assert (text in everything) is not private, text
    assert "Opening remarks" not in everything


def test_anonymous_deck_names_nobody_and_carries_no_notes(anonymous_path: Path) -> None:
    prs = check_deck(anonymous_path)
    everything = all_text(anonymous_path)
    for name, *_ in PEOPLE:
        assert name not in everything, name
        assert name.split()[-1] not in everything, name
    assert not any(s.has_notes_slide and s.notes_slide.notes_text_frame.text.strip()
                   for s in prs.slides)
    assert "P1" in everything
    for text, _ in NOTES:
        assert text not in everything


def test_sections_can_be_left_out_and_the_agenda_follows(sample: WorkshopStore,
                                                         tmp_path: Path) -> None:
    target = tmp_path / "short.pptx"
    with sample.read() as conn:
        deck = write_deck(conn, target, Options(sections=frozenset(
            {"title", "agenda", "current-state", "ask"})))
    prs = check_deck(target)
    titles = [s.shapes.title.text for s in prs.slides]
    assert titles == deck.titles()
    assert titles[:3] == ["Northgate Freight Services", "Agenda", "Where we stand today"]
    agenda = slide_texts(prs.slides[1])
    assert "Where we stand today" in agenda and "Roadmap" not in agenda


def test_an_empty_workshop_leaves_out_every_section_without_data(tmp_path: Path) -> None:
    from bigdesk.exchange.sample import populate_blank

    path = tmp_path / "blank.bigdesk"
    create_workshop(path, populate_blank).close()
    store = open_workshop(path, read_only=True)
    try:
        with store.read() as conn:
            deck = write_deck(conn, tmp_path / "blank.pptx")
    finally:
        store.close()
    prs = check_deck(tmp_path / "blank.pptx")
    assert [s.shapes.title.text for s in prs.slides] == ["New workshop"]
    missing = {o.key: o.missing for o in deck.outline if o.missing}
    assert missing["current-state"] == "No capability has been scored yet."
    assert "cascade" in missing and "priorities" in missing and "appendix" in missing


def test_a_failed_export_leaves_the_previous_file_and_no_partial(
        sample: WorkshopStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"the previous deck")

    def fail(deck: object, partial: Path, template: object) -> None:
        partial.write_bytes(b"half a deck")
        raise RuntimeError("disk full")

    monkeypatch.setattr("bigdesk.exchange.deck.export.render", fail)
    with sample.read() as conn, pytest.raises(RuntimeError):
        write_deck(conn, target)
    assert target.read_bytes() == b"the previous deck"
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pptx"]


KILLED_CHILD = """
import sys, time
from pathlib import Path
import bigdesk.exchange.deck.export as export
from bigdesk.store import open_workshop

def slow(deck, partial, template):
    Path(partial).write_bytes(b"half a deck")
    print("writing", flush=True)
    time.sleep(60)

export.render = slow
store = open_workshop(sys.argv[1], read_only=True)
with store.read() as conn:
    export.write_deck(conn, Path(sys.argv[2]))
"""


def test_a_kill_during_export_leaves_the_previous_file(sample: WorkshopStore,
                                                       tmp_path: Path) -> None:
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"the previous deck")
    child = subprocess.Popen([sys.executable, "-c", KILLED_CHILD, str(sample.path), str(target)],
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "writing"
    finally:
        child.kill()
        child.wait()
    assert target.read_bytes() == b"the previous deck"


def test_bad_targets_and_templates_are_refused_with_a_reason(sample: WorkshopStore,
                                                              tmp_path: Path) -> None:
    with sample.read() as conn:
        with pytest.raises(DeckError, match=r"choose a \.pptx"):
            write_deck(conn, tmp_path / "deck.pdf")
        with pytest.raises(DeckError, match="does not exist"):
            write_deck(conn, tmp_path / "missing" / "deck.pptx")
        bad = tmp_path / "corporate.pptx"
        bad.write_text("not a presentation")
        with pytest.raises(DeckError, match="is not a PowerPoint template"):
            write_deck(conn, tmp_path / "deck.pptx", Options(template=bad))
    assert not (tmp_path / "deck.pptx").exists()


def test_command_line_writes_the_deck_and_exits_2_on_bad_input(sample: WorkshopStore,
                                                               tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from bigdesk.cli import main

    out = tmp_path / "deck.pptx"
    assert main(["export", str(sample.path), "--deck", str(out), "--anonymous",
                 "--no-notes"]) == 0
    check_deck(out)
    assert "Amara Okafor" not in all_text(out)
    bad = tmp_path / "bad.potx"
    bad.write_bytes(b"PK\x03\x04 broken")
    assert main(["export", str(sample.path), "--deck", str(out), "--template", str(bad)]) == 2
    error = capsys.readouterr().err
    assert "bad.potx" in error and "not a PowerPoint template" in error
    assert main(["export", str(sample.path), "--deck", str(tmp_path / "no" / "d.pptx")]) == 2


def test_the_roadmap_follows_the_accepted_plan(tmp_path: Path) -> None:
    from bigdesk.analysis.planning import plan
    from bigdesk.app.planning import accept_plan
    from bigdesk.exchange.deck.plan import Diagram

    store = create_workshop(tmp_path / "w.bigdesk", populate_sample)
    try:
        with store.read() as conn:
            planned = plan(conn)
        accept_plan(store, planned)
        with store.read() as conn:
            deck = build_plan(conn)
    finally:
        store.close()
    assert planned.plan is not None
    horizon = planned.plan.problem.horizon
    expected = {planned.analysis.ranking.initiatives[i].ref:  # type: ignore[union-attr]
                f"{horizon.start(planned.plan.starts[i]):%b %Y} – "
                f"{horizon.end(planned.plan.finish(i)):%b %Y}"
                for i in planned.plan.starts}
    roadmap = [s for s in deck.slides if s.section == "roadmap"]
    assert roadmap and "accepted plan" in roadmap[0].notes
    bars = {}
    for slide in roadmap:
        for block in slide.blocks:
            if isinstance(block, Diagram):
                labels = {b.key[1:]: b.text.split()[0] for b in block.boxes if b.key[0] == "l"}
                bars.update({labels[b.key[1:]]: b.text for b in block.boxes if b.key[0] == "r"})
    assert bars == expected
