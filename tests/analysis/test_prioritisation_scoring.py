"""Alignment from the cascade, normalised scores, ranking, scopes, sensitivity and findings."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import select

from bigdesk.analysis.findings import run_rules
from bigdesk.analysis.prioritisation import (
    analyse,
    load,
    problem_from,
    rank,
    sensitivity,
)
from bigdesk.analysis.prioritisation.alignment import Link, strategic_alignment
from bigdesk.analysis.prioritisation.sensitivity import EXACT, RELAXATION, _portfolios
from bigdesk.exchange.sample import populate_blank, populate_sample
from bigdesk.model import AccountabilityNode, Criterion
from bigdesk.store import Batch, InsertRow, SetValues, WorkshopStore, create_workshop


def test_alignment_splits_equally_without_weights_and_by_percent_with_them() -> None:
    # purpose 1 -> objectives 2 and 3 (no weights) ; 2 -> initiatives 10 (70 %) and 11 (30 %)
    # 3 -> initiative 11 (no weight)
    links = [Link(1, 2, None), Link(1, 3, None), Link(2, 10, 70), Link(2, 11, 30),
             Link(3, 11, None)]  # fmt: skip
    shares = strategic_alignment([1], links, [10, 11, 12])
    assert shares[10] == pytest.approx(0.35)
    assert shares[11] == pytest.approx(0.15 + 0.5)
    assert shares[12] == 0.0


def test_alignment_partly_weighted_children_share_the_rest() -> None:
    links = [Link(1, 10, 60), Link(1, 11, None), Link(1, 12, None)]
    shares = strategic_alignment([1], links, [10, 11, 12])
    assert shares == pytest.approx({10: 0.6, 11: 0.2, 12: 0.2})


def test_alignment_loop_is_a_clear_error() -> None:
    from bigdesk.analysis.prioritisation import PrioritisationError

    with pytest.raises(PrioritisationError, match="loop"):
        strategic_alignment([1], [Link(1, 2, None), Link(2, 3, None), Link(3, 2, None)], [3])


@pytest.fixture
def sample(tmp_path: Path) -> Iterator[WorkshopStore]:
    store = create_workshop(tmp_path / "sample.bigdesk", populate_sample)
    yield store
    store.close()


def _set_all(store: WorkshopStore, table: str, values: dict[str, object]) -> None:
    from bigdesk.store.edits import table_of

    with store.read() as conn:
        ids = list(conn.execute(select(table_of(table).c.id)).scalars())
    store.apply(Batch(tuple(SetValues(table, i, values) for i in ids)))


def test_sample_ranking_is_traceable_to_its_inputs(sample: WorkshopStore) -> None:
    with sample.read() as conn:
        data = load(conn)
        ranking = rank(data)
    # -- every value is the sum of its per-criterion contributions
    assert np.allclose(ranking.contributions.sum(axis=1), ranking.values)
    assert sum(ranking.weights) == pytest.approx(1.0)
    # -- the unaligned initiative scores nothing on strategic alignment
    refs = [i.ref for i in ranking.initiatives]
    alignment = [c.key for c in ranking.criteria].index("strategic-alignment")
    assert ranking.scores[refs.index("I12"), alignment] == 0.0
    assert ranking.scores[:, alignment].max() == pytest.approx(1.0)
    # -- cost: cheapest initiative gets full marks, dearest none
    cost = [c.key for c in ranking.criteria].index("cost")
    budgets = [i.budget for i in ranking.initiatives]
    assert ranking.scores[budgets.index(min(budgets)), cost] == 1.0
    assert ranking.scores[budgets.index(max(budgets)), cost] == 0.0
    values = [float(ranking.values[i]) for i in ranking.order]
    assert values == sorted(values, reverse=True)


def test_anchored_score_maps_one_to_five_onto_zero_to_one(sample: WorkshopStore) -> None:
    with sample.read() as conn:
        data = load(conn)
    value = next(c for c in data.criteria if c.key == "value")
    first = data.initiatives[0]
    data.scores[(first.id, value.id)] = 5.0
    second = data.initiatives[1]
    data.scores[(second.id, value.id)] = 1.0
    ranking = rank(data)
    column = data.criteria.index(value)
    assert ranking.scores[0, column] == 1.0
    assert ranking.scores[1, column] == 0.0


def test_node_scope_uses_its_own_initiatives_and_objectives(sample: WorkshopStore) -> None:
    with sample.read() as conn:
        node = conn.execute(select(AccountabilityNode.id)
                            .where(AccountabilityNode.name == "Warehousing")).scalar_one()
        result = analyse(conn, node)
    assert {i.ref for i in result.data.initiatives} == {"I5", "I6"}
    assert result.data.scope_name == "Warehousing"
    assert result.ranking is not None


def test_all_zero_weights_and_negative_budget_give_messages(sample: WorkshopStore) -> None:
    _set_all(sample, "criterion", {"weight": 0.0})
    _set_all(sample, "prioritisation_settings", {"budget": -1.0})
    with sample.read() as conn:
        result = analyse(conn)
        findings = {f.code: f for f in run_rules(conn)}
    assert result.ranking is None and result.selection is None
    assert any("Every criterion weight is zero" in e for e in result.errors)
    assert "weights-unusable" in findings
    _set_all(sample, "criterion", {"weight": 1.0})
    with sample.read() as conn:
        result = analyse(conn)
        findings = {f.code: f for f in run_rules(conn)}
    assert result.selection is None
    assert result.conflicts == ["The budget is negative (-£1): enter zero or more."]
    assert "budget is negative" in findings["portfolio-infeasible"].message


def test_pairwise_inconsistent_finding_names_the_comparisons(sample: WorkshopStore) -> None:
    with sample.read() as conn:
        ids = list(conn.execute(select(Criterion.id).order_by(Criterion.position)).scalars())
    # -- A > B, B > C strongly, yet C > A strongly: a circular judgement
    rows = [(ids[0], ids[1], 5.0), (ids[1], ids[2], 5.0), (ids[2], ids[0], 5.0)]
    sample.apply(Batch(tuple(
        InsertRow("pairwise_comparison", {"first_id": a, "second_id": b, "value": v})
        for a, b, v in rows)))
    with sample.read() as conn:
        findings = [f for f in run_rules(conn) if f.code == "pairwise-inconsistent"]
    [finding] = findings
    assert "consistency ratio" in finding.message and "above 0.10" in finding.message
    assert "Strategic alignment against Value" in finding.message or (
        "Value against Urgency" in finding.message)


def test_blank_workshop_has_default_criteria_and_no_findings_crash(tmp_path: Path) -> None:
    store = create_workshop(tmp_path / "blank.bigdesk", populate_blank)
    try:
        with store.read() as conn:
            keys = list(conn.execute(select(Criterion.key).order_by(Criterion.position))
                        .scalars())
            run_rules(conn)
            result = analyse(conn)
    finally:
        store.close()
    assert keys == ["strategic-alignment", "value", "urgency", "risk-reduction", "cost",
                    "effort", "confidence"]  # fmt: skip
    assert result.ranking is not None and result.ranking.initiatives == []


def test_sensitivity_is_seeded_and_flags_weight_dependent_places(sample: WorkshopStore) -> None:
    with sample.read() as conn:
        result = analyse(conn)
    assert result.ranking is not None and result.problem is not None
    first = sensitivity(result.ranking, result.problem, samples=300, perturbation=0.6, seed=7)
    again = sensitivity(result.ranking, result.problem, samples=300, perturbation=0.6, seed=7)
    assert first == again
    assert first.method == EXACT and first.in_portfolio is not None
    # -- the must-do initiative is in every sampled portfolio, the must-not in none
    refs = [i.ref for i in result.ranking.initiatives]
    assert first.in_portfolio[refs.index("I9")] == 1.0
    assert first.in_portfolio[refs.index("I12")] == 0.0
    assert all(0.05 < first.in_portfolio[i] < 0.95 or 0.05 < first.in_top_n[i] < 0.95
               for i in first.sensitive)
    none = sensitivity(result.ranking, result.problem, samples=50, perturbation=0.0, seed=1)
    # -- with no perturbation every sample gives the optimal portfolio itself
    assert result.selection is not None
    assert none.in_portfolio == [float(x) for x in result.selection.selected]
    assert none.sensitive == []


def test_relaxation_path_is_feasible_and_reports_its_bound(
    sample: WorkshopStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = importlib.import_module("bigdesk.analysis.prioritisation.sensitivity")
    monkeypatch.setattr(module, "ENUMERATION_LIMIT", 0)
    with sample.read() as conn:
        result = analyse(conn)
    assert result.problem is not None and result.ranking is not None
    problem = result.problem
    values = np.repeat(problem.values[:, None], 5, axis=1)
    chosen, method, proven, worst = _portfolios(problem, values)
    assert method == RELAXATION
    assert 0.0 <= worst < 0.5 and 0.0 <= proven <= 1.0
    for s in range(5):
        x = chosen[:, s]
        assert problem.costs[x].sum() <= (problem.budget or 0) + 1e-6
        assert all(x[p] for d, p in problem.dependencies if x[d])


def test_problem_from_reads_rules_and_dependencies(sample: WorkshopStore) -> None:
    with sample.read() as conn:
        data = load(conn)
    problem = problem_from(data, rank(data))
    labels = problem.labels
    # -- I9 is the facilitator's must-do; I7 and I8 are the room's Musts
    assert {labels[i].split()[0] for i in problem.must_do} == {"I7", "I8", "I9"}
    assert {labels[i].split()[0] for i in problem.must_not} == {"I12"}
    assert ("I3", "I4") in {(labels[d].split()[0], labels[p].split()[0])
                            for d, p in problem.dependencies}



def test_pool_path_reports_a_true_bound_against_exhaustive_enumeration(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import itertools

    from bigdesk.analysis.prioritisation import PortfolioProblem
    from bigdesk.analysis.prioritisation.selection import ResourceLimit

    module = importlib.import_module("bigdesk.analysis.prioritisation.sensitivity")
    monkeypatch.setattr(module, "ENUMERATION_LIMIT", 0)
    rng = np.random.default_rng(3)
    size = 10
    problem = PortfolioProblem(
        labels=[f"I{n}" for n in range(size)], values=rng.uniform(1, 10, size),
        costs=rng.uniform(1, 10, size), budget=20.0,
        resources=[ResourceLimit("Engineers", "days", 15.0, rng.uniform(0, 6, size))],
        dependencies=[(3, 1), (7, 2)])
    values = rng.uniform(1, 10, (size, 40))
    chosen, method, proven, worst = _portfolios(problem, values)
    assert method == RELAXATION
    best = np.zeros(40)
    for subset in itertools.product((0, 1), repeat=size):
        x = np.asarray(subset, dtype=bool)
        if problem.costs[x].sum() > 20 or problem.resources[0].demands[x].sum() > 15:
            continue
        if any(x[d] and not x[p] for d, p in problem.dependencies):
            continue
        best = np.maximum(best, values[x].sum(axis=0))
    got = np.array([values[chosen[:, s], s].sum() for s in range(40)])
    # -- every sample's portfolio is feasible and no further from its optimum than reported
    assert np.all(got <= best + 1e-9)
    assert np.all(got >= (1 - worst) * best - 1e-9)
    assert 0.0 <= proven <= 1.0
