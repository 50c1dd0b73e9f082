"""The First Steps deck of the large generated workshop keeps its layout and loses nothing."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from bigdesk.exchange.deck.decision import load_decision
from bigdesk.exchange.deck.export import write_deck
from bigdesk.store import open_workshop

from tests.exchange.deck_checks import check_deck, check_layout

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.mark.slow
def test_the_large_workshop_deck_keeps_its_layout_and_states_its_gap(tmp_path: Path) -> None:
    sys.path.insert(0, str(BENCHMARKS))
    try:
        from large_workshop import build_large_workshop
    finally:
        sys.path.remove(str(BENCHMARKS))
    path = build_large_workshop(tmp_path / "large.bigdesk")
    store = open_workshop(path, read_only=True)
    try:
        with store.read() as conn:
            deck = write_deck(conn, tmp_path / "large.pptx")
            decision = load_decision(conn)
    finally:
        store.close()
    prs = check_deck(tmp_path / "large.pptx")
    check_layout(tmp_path / "large.pptx")
    # -- the solver stopped at its time limit: the portfolio is still recommended, within its
    #    proven gap, and every initiative has its decision
    assert decision.chosen and not decision.proven_optimal and decision.gap > 0
    portfolio = [s for s in deck.slides if s.caption.startswith("The portfolio we recommend")]
    assert portfolio and "of the best" in portfolio[0].title
    ranking = next(s for s in deck.slides if s.caption.startswith("What comes first"))
    decisions = {row[-1] for row in ranking.blocks[0].rows}  # type: ignore[union-attr]
    assert decisions <= {"In the portfolio", "Waits"} and decisions
    # -- what the body leaves out is counted and pointed to
    assert any("more" in s.caption and "see the" in s.caption for s in deck.slides)
    assert len(prs.slides) == len(deck.slides)
