"""The First Steps deck of the sample workshop, read back as the executive who receives it."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from bigdesk.analysis.assessment import assessment_statistics, by_gap, load_assessment
from bigdesk.analysis.mandate import support_services
from bigdesk.exchange.deck import palette
from bigdesk.exchange.deck.build import build_plan
from bigdesk.exchange.deck.context import number_word
from bigdesk.exchange.deck.decision import load_decision
from bigdesk.exchange.deck.export import write_deck
from bigdesk.exchange.deck.plan import Chart, Options, Table
from bigdesk.exchange.deck.template import DeckError
from bigdesk.exchange.sample import NOTES, PEOPLE, populate_sample
from bigdesk.model import Dependency, Dimension, Initiative, ServiceScope
from bigdesk.store import DeleteRow, WorkshopStore, create_workshop, open_workshop

from tests.exchange.deck_checks import all_text, check_deck, check_layout, slide_texts


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


def _topic(slide) -> str:  # type: ignore[no-untyped-def]
    return next((s.text_frame.text for s in slide.shapes if s.name == "Topic"), "")


def _slides(prs, topic: str):  # type: ignore[no-untyped-def]
    found = [s for s in prs.slides if _topic(s).startswith(topic)]
    assert found, f"no slide about {topic!r}: {[_topic(s) for s in prs.slides]}"
    return found


def _charts(slide):  # type: ignore[no-untyped-def]
    return [shape.chart for shape in slide.shapes if shape.has_chart]


def test_the_deck_is_sound_and_every_slide_keeps_its_layout(deck_path: Path,
                                                             sample: WorkshopStore) -> None:
    prs = check_deck(deck_path)
    check_layout(deck_path)
    titles = [s.shapes.title.text for s in prs.slides]
    with sample.read() as conn:
        assert titles == build_plan(conn, Options(anonymous=False)).titles()
    assert prs.slide_width == 12192000 and prs.slide_height == 6858000


def test_the_story_opens_with_the_summary_and_ends_on_the_ask(deck_path: Path) -> None:
    prs = check_deck(deck_path)
    topics = [_topic(s) for s in prs.slides]
    assert prs.slides[0].shapes.title.text == "Northgate Freight Services"
    assert topics[1] == "Executive summary"
    summary = slide_texts(prs.slides[1])
    assert prs.slides[1].shapes.title.text.startswith("Northgate's strategy is clear at the top")
    assert "What we found" in summary and "What we ask" in summary
    found = summary.split("What we found")[1].split("What we ask")[0]
    assert 3 <= found.count("\n") <= 6
    order = ["Executive summary", "Why now", "What the tables said", "Where we stand today",
             "Purpose and vision", "The strategy cascade", "Who is accountable",
             "What comes first", "Run and Change", "The proposal: Business Support",
             "The integrated governance model", "Roadmap", "Risks, issues and decisions",
             "The ask and next steps", "Appendix"]
    first = [next(n for n, t in enumerate(topics) if t.startswith(topic)) for topic in order]
    assert first == sorted(first)


def test_every_body_title_states_a_finding_and_never_repeats_itself(deck_path: Path) -> None:
    prs = check_deck(deck_path)
    body = [s for s in prs.slides
            if _topic(s) and not _topic(s).startswith(("Appendix", "Executive summary"))]
    assert len(body) > 15
    for slide in body:
        title, topic = slide.shapes.title.text, _topic(slide)
        # -- a finding is a statement, not the topic's own words
        assert title and not topic.startswith(title), (title, topic)
        assert not re.search(r"\b(\w+): \w*\s*\1:", title, re.IGNORECASE), title
    current = _slides(prs, "Where we stand today")[0].shapes.title.text
    assert current == "Clarity of purpose(s) is the largest gap: level 2 today, 5 needed"


def test_the_ask_is_what_a_first_steps_conversation_decides(deck_path: Path) -> None:
    prs = check_deck(deck_path)
    (ask,) = _slides(prs, "The ask and next steps")
    text = slide_texts(ask)
    assert ask.shapes.title.text == ("We ask Margaret Hale to sponsor Business Support and fund "
                                     "its business case")
    assert "Sponsor: Margaret Hale sponsors Business Support" in text
    assert "Funding and time: £45k and eight weeks" in text
    assert "the business case back by 28 Jan 2027" in text
    assert "Mandate: Business Support connects Northgate's strategy to delivery" in text
    assert "Approve the recommended portfolio" not in all_text_of(prs)
    table = next(s.table for s in ask.shapes if s.has_table)
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["Next step", "Owner", "Due"]
    assert rows[1] == ["Agree the business case's scope and team with the sponsor",
                       "Amara Okafor", "10 Dec 2026"]


def all_text_of(prs) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(slide_texts(s) for s in prs.slides)


def test_the_proposal_shows_business_support_and_the_governance_model(
        deck_path: Path, sample: WorkshopStore) -> None:
    prs = check_deck(deck_path)
    (proposal,) = _slides(prs, "The proposal: Business Support")
    assert proposal.shapes.title.text == ("Business Support takes on four services now, "
                                          "reporting to the Chief Operating Officer")
    table = next(s.table for s in proposal.shapes if s.has_table)
    rows = {row.cells[0].text: row.cells[1] for row in list(table.rows)[1:]}
    with sample.read() as conn:
        services = support_services(conn)
    assert list(rows) == [s.name for s in services]
    for service in services:
        cell = rows[service.name]
        now = service.scope is ServiceScope.NOW
        assert cell.text == ("Now" if now else "Later")
        assert str(cell.fill.fore_color.rgb) == (palette.CHOSEN if now else palette.WAITS)
    (governance,) = _slides(prs, "The integrated governance model")
    texts = slide_texts(governance)
    for body, cadence in (("Executive Board", "quarterly"), ("Transformation Board", "monthly"),
                          ("Operations Review", "weekly"), ("Depot huddles", "daily")):
        assert body in texts and f"Meets {cadence}" in texts
    assert "One RAID log" in texts and "One set of objectives and key results" in texts
    links = [s for s in governance.shapes if s.element.tag.endswith("cxnSp")]
    assert len(links) == 8


def test_the_tables_key_points_are_in_the_body(deck_path: Path) -> None:
    prs = check_deck(deck_path)
    (points,) = _slides(prs, "What the tables said")
    text = slide_texts(points)
    assert "Electrification and route planning both claim the same engineers" in text
    assert "Parking lot" in text
    assert points.shapes.title.text == ("Depot improvement projects are approved locally with "
                                        "no link to the on-time objective")


def test_no_appendix_slide_repeats_a_body_slide(deck_path: Path) -> None:
    prs = check_deck(deck_path)
    appendix = [s.shapes.title.text for s in prs.slides if _topic(s).startswith("Appendix")]
    # -- the ranking, the RAID log, the nodes, the flows and the key points are shown whole
    #    in the body; the registers that add detail stay, and the documents (names, never
    #    contents)
    assert set(appendix) == {"Cascade register", "Capability assessment", "Documents",
                             "Participants and stakeholders", "The session"}
    (documents,) = [s for s in prs.slides if s.shapes.title.text == "Documents"]
    text = slide_texts(documents)
    assert "depot-capacity-figures.csv" in text and "Board pack, November" in text
    # -- the facilitator's private briefing never leaves the file
    assert "facilitator-briefing" not in text and "Margaret wants" not in text


def test_nothing_is_cut_and_blank_cells_show_a_dash(deck_path: Path) -> None:
    prs = check_deck(deck_path)
    assert "…" not in all_text_of(prs)
    register = _slides(prs, "Appendix")[0]
    table = next(s.table for s in register.shapes if s.has_table)
    assert all(cell.text for row in table.rows for cell in row.cells)
    assert "—" in [cell.text for row in table.rows for cell in row.cells]


def test_many_capabilities_are_a_sorted_bar_chart_and_a_few_a_radar(
        sample: WorkshopStore, tmp_path: Path) -> None:
    from pptx.enum.chart import XL_CHART_TYPE

    with sample.read() as conn:
        plan = build_plan(conn)
        rows = assessment_statistics(load_assessment(conn))
    (chart,) = next(b for b in plan.slides if b.section == "current-state").blocks
    assert isinstance(chart, Chart) and chart.kind == "bar"
    assert chart.categories == [r.dimension.name for r in by_gap(rows)]
    assert [s.colour for s in chart.series] == [palette.CURRENT, palette.TARGET]
    path = tmp_path / "few.bigdesk"
    create_workshop(path, populate_sample).close()
    store = open_workshop(path)
    try:
        with store.read() as conn:
            ids = list(conn.execute(select(Dimension.id).order_by(Dimension.id)).scalars())
        for dimension in ids[10:]:
            store.do(DeleteRow(Dimension, dimension))
        with store.read() as conn:
            write_deck(conn, tmp_path / "few.pptx")
    finally:
        store.close()
    prs = check_deck(tmp_path / "few.pptx")
    (radar,) = _charts(_slides(prs, "Where we stand today")[0])
    assert radar.chart_type == XL_CHART_TYPE.RADAR_MARKERS
    assert len(list(radar.plots[0].categories)) == 10


def test_the_heat_map_is_a_table_coloured_by_level_and_the_deck_has_no_picture(
        deck_path: Path) -> None:
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    prs = check_deck(deck_path)
    heat = _slides(prs, "Where the room's views differ")
    assert heat[0].shapes.title.text.startswith("Views differ most on")
    tables = [s.table for slide in heat for s in slide.shapes if s.has_table]
    rows = [row for table in tables for row in list(table.rows)[1:]]
    assert len(rows) == 18
    last = len(tables[0].columns) - 1
    marked = {row.cells[0].text for row in rows
              if str(row.cells[last].fill.fore_color.rgb) == palette.ALERT}
    assert "Fair accountability" in marked and "Strategic process" not in marked
    levels = {str(row.cells[c].fill.fore_color.rgb) for row in rows for c in range(1, last)
              if row.cells[c].text in ("1", "2", "3", "4", "5")}
    assert levels <= set(palette.LEVELS) and len(levels) >= 3
    assert not [s for slide in prs.slides for s in slide.shapes
                if s.shape_type == MSO_SHAPE_TYPE.PICTURE]


def test_one_colour_means_one_thing_across_the_deck(deck_path: Path,
                                                   sample: WorkshopStore) -> None:
    with sample.read() as conn:
        deck = build_plan(conn)
    # -- the same thing under two names: today's split is the current state, the portfolio
    #    is what is chosen
    same = {"All initiatives": "Current", "Recommended portfolio": "In the portfolio"}
    meaning: dict[str, set[str]] = {}
    for slide in deck.slides:
        for block in slide.blocks:
            if isinstance(block, Chart):
                pairs = [(s.name, s.colour) for s in block.series if s.colour]
                pairs += [(b.name, b.colour) for b in block.bubbles]
                pairs += list(zip(block.categories, block.colours, strict=False))
                for name, colour in pairs:
                    meaning.setdefault(colour, set()).add(same.get(name, name))
    assert {palette.CURRENT, palette.TARGET, palette.CHOSEN, palette.RUN, palette.GROW,
            palette.TRANSFORM} <= set(meaning)
    for colour, names in meaning.items():
        assert len(names) == 1, (colour, names)
    assert len(set(palette.MEANINGS.values())) == len(palette.MEANINGS)
    # -- and the drawn charts wear the plan's colours
    prs = check_deck(deck_path)
    (doughnut, bars) = _charts(_slides(prs, "Run and Change")[0])
    assert [str(p.format.fill.fore_color.rgb) for p in doughnut.plots[0].series[0].points] == [
        palette.RUN, palette.GROW, palette.TRANSFORM]
    assert [str(s.format.fill.fore_color.rgb) for s in bars.plots[0].series] == [
        palette.CURRENT, palette.CHOSEN, palette.TARGET]


def test_the_portfolio_slide_lists_every_chosen_initiative_and_why_others_wait(
        deck_path: Path, sample: WorkshopStore) -> None:
    prs = check_deck(deck_path)
    with sample.read() as conn:
        decision = load_decision(conn)
    (portfolio,) = _slides(prs, "The portfolio we recommend")
    text = slide_texts(portfolio)
    assert decision.chosen is not None and decision.proven_optimal
    assert portfolio.shapes.title.text == (f"{number_word(len(decision.chosen)).capitalize()} "
                                           "initiatives give the most value the £9.5m budget "
                                           "allows")
    for initiative in decision.picked():
        assert initiative.label in text
    for waiting in decision.waiting:
        assert waiting.initiative.label in text and waiting.reason in text


def test_cascade_links_are_connectors_one_per_link_and_sizes_descend(deck_path: Path) -> None:
    from pptx.util import Pt

    prs = check_deck(deck_path)
    cascade = _slides(prs, "The strategy cascade")
    assert len(cascade) >= 2 and _topic(cascade[-1]).endswith(f"{len(cascade)} of {len(cascade)}")
    first = cascade[0]
    links = [s for s in first.shapes if s.element.tag.endswith("cxnSp")]
    assert links and all(s.element.find(".//{*}stCxn") is not None for s in links)
    assert all(s.element.find(".//{*}prstGeom").get("prst") == "line" for s in links)
    sizes = {}
    for shape in first.shapes:
        if shape.has_text_frame and shape.text_frame.text[:3] in ("P1 ", "O1 ", "KR1", "I1 "):
            sizes[shape.text_frame.text[:1]] = shape.text_frame.paragraphs[0].runs[0].font.size
    assert sizes["P"] > sizes["O"] > sizes["K"] > sizes["I"] >= Pt(10)
    nodes = _slides(prs, "Who is accountable")[0]
    assert "Transformation Board" in slide_texts(nodes)


def test_speaker_notes_carry_talking_points_and_shared_notes_but_never_private_ones(
        deck_path: Path) -> None:
    prs = check_deck(deck_path)
    notes = [s.notes_slide.notes_text_frame.text for s in prs.slides if s.has_notes_slide]
    assert len(notes) >= 15
    everything = all_text(deck_path)
    for text, private in NOTES:
        if private:
            assert text not in everything, text


def test_anonymous_deck_names_nobody_and_carries_no_notes(anonymous_path: Path) -> None:
    prs = check_deck(anonymous_path)
    everything = all_text(anonymous_path)
    for name, *_ in PEOPLE:
        assert name not in everything, name
        assert name.split()[-1] not in everything, name
    assert not any(s.has_notes_slide and s.notes_slide.notes_text_frame.text.strip()
                   for s in prs.slides)
    assert "P1" in everything and "S1 sponsors Business Support" in everything
    for text, _ in NOTES:
        assert text not in everything


def test_sections_can_be_left_out_and_the_appendix_then_holds_their_registers(
        sample: WorkshopStore, tmp_path: Path) -> None:
    target = tmp_path / "short.pptx"
    with sample.read() as conn:
        deck = write_deck(conn, target, Options(sections=frozenset(
            {"title", "summary", "current-state", "ask", "appendix"})))
    prs = check_deck(target)
    assert [s.shapes.title.text for s in prs.slides] == deck.titles()
    topics = [_topic(s) for s in prs.slides]
    assert topics[1:3] == ["Executive summary", "Where we stand today · maturity from 1 (ad hoc) "
                                                "to 5 (optimised) · largest gap first"]
    appendix = {s.shapes.title.text for s in prs.slides if _topic(s).startswith("Appendix")}
    assert {"Prioritised initiatives", "Information flows", "RAID log"} <= appendix


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
    missing = {o.key: o.missing for o in deck.outline if o.missing}
    assert missing["current-state"] == "No capability has been scored yet."
    assert "cascade" in missing and "priorities" in missing and "appendix" in missing
    # -- the proposal and the ask stand on the method's defaults even in a new workshop
    topics = [_topic(s) for s in prs.slides]
    assert prs.slides[0].shapes.title.text == "New workshop"
    assert any(t.startswith("The proposal: Business Support") for t in topics)
    assert any(t.startswith("The ask and next steps") for t in topics)


def test_a_plan_never_lays_a_table_taller_than_its_region(sample: WorkshopStore) -> None:
    with sample.read() as conn:
        deck = build_plan(conn)
    from bigdesk.exchange.deck.plan import HOUSE

    for slide in deck.slides:
        for block in slide.blocks:
            if isinstance(block, Table):
                assert block.height <= HOUSE.region(block.region)[1] + 1e-9, slide.title
                assert abs(sum(block.widths) - HOUSE.region(block.region)[0]) < 1e-6


def test_a_failed_export_leaves_the_previous_file_and_no_partial(
        sample: WorkshopStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"the previous deck")

    def fail(deck: object, partial: Path, *rest: object) -> None:
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

def slow(deck, partial, *rest):
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
    from bigdesk.exchange.deck.context import day
    from bigdesk.exchange.deck.plan import Diagram, Rule

    store = create_workshop(tmp_path / "w.bigdesk", populate_sample)
    try:
        with store.read() as conn:
            planned = plan(conn)
        accept_plan(store, planned)
        with store.read() as conn:
            deck = build_plan(conn)
    finally:
        store.close()
    assert planned.plan is not None and planned.analysis.ranking is not None
    horizon = planned.plan.problem.horizon
    expected = {planned.analysis.ranking.initiatives[i].ref:
                f"{day(horizon.start(planned.plan.starts[i]))} – "
                f"{day(horizon.end(planned.plan.finish(i)))}"
                for i in planned.plan.chosen()}
    roadmap = [s for s in deck.slides if s.section == "roadmap"]
    assert roadmap and "recommended portfolio" in roadmap[0].notes
    bars = {line.split()[0]: line.split(": ", 1)[1] for line in roadmap[0].notes.splitlines()[1:]}
    for slide in roadmap:
        for block in slide.blocks:
            if isinstance(block, Diagram):
                # -- the axis opens at the session, marked by a "today" line
                assert [r for r in block.rules if isinstance(r, Rule)]
                assert any(b.text == "Today 3 Dec 2026" for b in block.boxes)
                # -- every dependency is an arrow
                assert all(c.arrow for c in block.connectors)
    assert bars == expected
    # -- nothing starts before what it waits on has finished
    reopened = open_workshop(tmp_path / "w.bigdesk", read_only=True)
    try:
        with reopened.read() as conn:
            links = conn.execute(select(Dependency.prerequisite_id, Dependency.dependent_id,
                                        Dependency.kind)).all()
            refs = dict(conn.execute(select(Initiative.id, Initiative.ref)).all())
    finally:
        reopened.close()
    starts = {line.split()[0]: line.split(": ", 1)[1].split(" – ")
              for line in roadmap[0].notes.splitlines()[1:]}
    waits = [(refs[before], refs[after]) for before, after, kind in links
             if kind in (None, "finish-to-start") and refs[before] in starts
             and refs[after] in starts]
    assert waits
    for before, after in waits:
        assert parse(starts[after][0]) > parse(starts[before][1]), (before, after)


def parse(text: str) -> dt.date:
    return dt.datetime.strptime(text, "%d %b %Y").date()


HEAVY_CHILD = """
import sys
from bigdesk.cli import main
code = main(["export", sys.argv[1], "--deck", sys.argv[2]])
print(code, ",".join(m for m in ("PySide6", "matplotlib", "scipy") if m in sys.modules))
"""


def test_the_deck_is_written_without_qt_matplotlib_or_scipy(sample: WorkshopStore,
                                                            tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", HEAVY_CHILD, str(sample.path),
                           str(tmp_path / "deck.pptx")], capture_output=True, text=True,
                          check=True)
    assert done.stdout.split("\n")[-2].split(" ") == ["0", ""], done.stdout
