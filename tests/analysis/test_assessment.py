"""Assessment statistics: medians, spread, flags, sorting, gaps and re-baselining."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection, insert, select

from bigdesk.analysis import run_rules
from bigdesk.analysis.assessment import (
    assessment_statistics,
    by_disagreement,
    by_gap,
    compare_assessments,
    level_statistics,
    load_assessment,
    rebaseline,
)
from bigdesk.exchange.framework import (
    Framework,
    FrameworkDimension,
    FrameworkGroup,
    populate_framework,
)
from bigdesk.exchange.sample import populate_blank
from bigdesk.model import Consensus, Dimension, Person, PersonKind, Score, Workshop
from bigdesk.store import WorkshopStore, create_workshop

N = 0  # not applicable

SMALL = Framework("Small", (
    FrameworkGroup("Enablers", (FrameworkDimension("a", "Alpha"), FrameworkDimension("b", "Beta"))),
    FrameworkGroup("Technology", (FrameworkDimension("c", "Gamma"),)),
))  # fmt: skip


def _workshop(path: Path, scores: dict[str, list[tuple[int | None, int | None]]],
              consensus: dict[str, tuple[int | None, int | None]] | None = None,
              framework: Framework = SMALL, title: str = "W") -> WorkshopStore:
    """Create a workshop with one participant per score column."""

    def populate(conn: Connection) -> None:
        conn.execute(insert(Workshop).values(id=1, title=title))
        populate_framework(conn, framework)
        width = max(len(v) for v in scores.values())
        conn.execute(insert(Person), [{"name": f"Person {i}", "position": i,
                                       "kind": PersonKind.PARTICIPANT} for i in range(width)])
        people = list(conn.execute(select(Person.id).order_by(Person.position)).scalars())
        dims = dict(conn.execute(select(Dimension.key, Dimension.id)).all())
        rows = [{"person_id": people[i], "dimension_id": dims[key], "current": c, "target": t}
                for key, levels in scores.items() for i, (c, t) in enumerate(levels)
                if c is not None or t is not None]
        conn.execute(insert(Score), rows)
        for key, (c, t) in (consensus or {}).items():
            conn.execute(insert(Consensus).values(dimension_id=dims[key], current=c, target=t))

    return create_workshop(path, populate)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[WorkshopStore]:
    opened = _workshop(tmp_path / "w.bigdesk", {
        "a": [(1, 4), (2, 4), (3, 5), (N, 4)],
        "b": [(2, 3), (2, 3), (3, 3), (None, None)],
        "c": [(1, 5), (4, 5), (2, 5), (3, 4)],
    }, consensus={"b": (3, 4)})
    yield opened
    opened.close()


def test_level_statistics_leave_out_not_applicable_and_unscored() -> None:
    stats = level_statistics([1, 2, 3, N, None, 4])
    assert (stats.n, stats.median, stats.low, stats.high, stats.spread) == (4, 2.5, 1, 4, 3)
    assert stats.not_applicable == 1
    # -- quartiles as a spreadsheet's QUARTILE.INC: 1.75 and 3.25
    assert stats.iqr == pytest.approx(1.5)


def test_level_statistics_of_one_and_of_none() -> None:
    one = level_statistics([3])
    assert (one.n, one.median, one.spread, one.iqr) == (1, 3.0, 0, 0.0)
    empty = level_statistics([None, N])
    assert (empty.n, empty.median, empty.spread, empty.iqr) == (0, None, None, None)


def test_statistics_per_dimension_flags_and_gaps(store: WorkshopStore) -> None:
    with store.read() as conn:
        rows = {r.dimension.key: r for r in assessment_statistics(load_assessment(conn))}
    alpha, beta, gamma = rows["a"], rows["b"], rows["c"]
    assert (alpha.current.n, alpha.current.median, alpha.current.spread) == (3, 2.0, 2)
    assert alpha.flagged and alpha.disagreement == 2
    assert not beta.flagged and beta.disagreement == 1
    assert gamma.flagged and gamma.disagreement == 3
    # -- the agreed level wins over the median; otherwise the median is used
    assert beta.current_level == 3 and beta.target_level == 4 and beta.gap == 1
    assert alpha.current_level == 2.0 and alpha.target_level == 4.0 and alpha.gap == 2.0
    assert gamma.gap == pytest.approx(5.0 - 2.5)


def test_sorting_by_disagreement_and_by_gap(store: WorkshopStore) -> None:
    with store.read() as conn:
        rows = assessment_statistics(load_assessment(conn))
    assert [r.dimension.key for r in by_disagreement(rows)] == ["c", "a", "b"]
    assert [r.dimension.key for r in by_gap(rows)] == ["c", "a", "b"]


def test_rules_report_missing_consensus_and_disagreement(store: WorkshopStore) -> None:
    with store.read() as conn:
        findings = [f for f in run_rules(conn) if f.code.startswith("dimension-")]
        ids = dict(conn.execute(select(Dimension.key, Dimension.id)).all())
    seen = {(f.code, f.element) for f in findings}
    assert ("dimension-without-consensus", f"dimension:{ids['a']}") in seen
    assert ("dimension-without-consensus", f"dimension:{ids['b']}") not in seen
    assert ("dimension-disagreement", f"dimension:{ids['c']}") in seen
    assert ("dimension-disagreement", f"dimension:{ids['b']}") not in seen
    gamma = next(f for f in findings if f.element == f"dimension:{ids['c']}"
                 and f.code == "dimension-disagreement")
    assert "3 levels" in gamma.message and "1–4" in gamma.message


def test_rebaseline_matches_by_key_and_reports_change(store: WorkshopStore,
                                                      tmp_path: Path) -> None:
    renamed = Framework("Earlier", (
        FrameworkGroup("Enablers", (FrameworkDimension("a", "Alpha (old name)"),
                                    FrameworkDimension("z", "Zeta"))),
        FrameworkGroup("Technology", (FrameworkDimension("c", "Gamma"),)),
    ))
    earlier = _workshop(tmp_path / "earlier.bigdesk",
                        {"a": [(1, 3), (1, 3)], "z": [(2, 2)], "c": [(1, 4), (1, 4)]},
                        consensus={"c": (1, 5)}, framework=renamed, title="Baseline")
    earlier.close()
    with store.read() as conn:
        result = rebaseline(conn, tmp_path / "earlier.bigdesk")
    assert result.other_title == "Baseline"
    changes = {c.key: c for c in result.changes}
    assert changes["a"].status == "both"
    assert (changes["a"].before_current, changes["a"].now_current) == (1.0, 2.0)
    assert changes["a"].current_change == 1.0 and changes["a"].target_change == 1.0
    assert changes["c"].before_target == 5 and changes["c"].target_change == 0.0
    assert changes["b"].status == "new" and changes["b"].current_change is None
    assert changes["z"].status == "dropped" and changes["z"].now_current is None


def test_compare_with_itself_shows_no_change(store: WorkshopStore) -> None:
    with store.read() as conn:
        assessment = load_assessment(conn)
    assert all(c.current_change in (0, None) for c in compare_assessments(assessment,
                                                                          assessment))


def test_blank_workshop_has_the_default_framework_and_no_assessment_findings(
        tmp_path: Path) -> None:
    store = create_workshop(tmp_path / "blank.bigdesk", populate_blank)
    try:
        with store.read() as conn:
            assessment = load_assessment(conn)
            codes = {f.code for f in run_rules(conn)}
    finally:
        store.close()
    assert [name for _, name in assessment.groups] == ["Enablers", "Technology",
                                                       "Culture change"]
    assert len(assessment.dimensions) == 18
    assert not codes & {"dimension-without-consensus", "dimension-disagreement"}
