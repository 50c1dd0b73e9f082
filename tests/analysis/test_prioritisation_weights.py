"""Criterion weights: normalising, the 100-point allocation and AHP against published examples."""

from __future__ import annotations

import pytest

from bigdesk.analysis.prioritisation import PrioritisationError, ahp, normalise, points_remaining
from bigdesk.analysis.prioritisation.weights import pairwise_matrix


def _matrix(rows: list[str]) -> list[list[float]]:
    from fractions import Fraction

    return [[float(Fraction(cell)) for cell in row.split()] for row in rows]


# -- Saaty's house-buying example: eight criteria judged by a family choosing a house.
#    T. L. Saaty, "Decision making with the analytic hierarchy process", International
#    Journal of Services Sciences 1(1), 83-98 (2008), Table 2; also in T. L. Saaty,
#    The Analytic Hierarchy Process, McGraw-Hill (1980). Published: priorities
#    .173 .054 .188 .018 .031 .036 .167 .333, lambda max 9.669, CI 0.238, CR 0.169.
HOUSE = _matrix([
    "1 5 3 7 6 6 1/3 1/4",
    "1/5 1 1/3 5 3 3 1/5 1/7",
    "1/3 3 1 6 3 4 6 1/5",
    "1/7 1/5 1/6 1 1/3 1/4 1/7 1/8",
    "1/6 1/3 1/3 3 1 1/2 1/5 1/6",
    "1/6 1/3 1/4 4 2 1 1/5 1/6",
    "3 5 1/6 7 5 5 1 1/2",
    "4 7 5 8 6 6 2 1",
])
# -- Saaty and Khouja's relative wealth of seven nations (US, USSR, China, France, UK,
#    Japan, West Germany). T. L. Saaty, "How to make a decision: the analytic hierarchy
#    process", European Journal of Operational Research 48, 9-26 (1990), Table 3, after
#    Saaty and Khouja, "A measure of world influence", Journal of Peace Science 2 (1976).
#    Published: .427 .230 .021 .052 .052 .123 .094, lambda max 7.61.
WEALTH = _matrix([
    "1 4 9 6 6 5 5",
    "1/4 1 7 5 5 3 4",
    "1/9 1/7 1 1/5 1/5 1/7 1/5",
    "1/6 1/5 5 1 1 1/3 1/3",
    "1/6 1/5 5 1 1 1/3 1/3",
    "1/5 1/3 7 3 3 1 2",
    "1/5 1/4 5 3 3 1/2 1",
])


def test_ahp_reproduces_saaty_house_example() -> None:
    """The eigenvector, lambda max, CI and CR match Saaty's published house example."""
    result = ahp(HOUSE)
    assert [round(w, 3) for w in result.weights] == [
        0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333]  # fmt: skip
    assert result.lambda_max == pytest.approx(9.669, abs=5e-4)
    assert result.consistency_index == pytest.approx(0.238, abs=5e-4)
    assert result.consistency_ratio == pytest.approx(0.169, abs=5e-4)
    assert result.inconsistent


def test_inconsistency_names_the_judgement_most_at_odds() -> None:
    """Neighbourhood judged 6 times as important as condition contradicts the rest."""
    result = ahp(HOUSE)
    worst = result.worst[0]
    assert (worst.first, worst.second) == (2, 6)
    assert worst.given == 6
    assert worst.implied < 1.5


def test_ahp_reproduces_wealth_of_nations_example() -> None:
    """The eigenvector and lambda max match Saaty and Khouja's wealth of nations."""
    result = ahp(WEALTH)
    assert [round(w, 3) for w in result.weights] == [
        0.427, 0.230, 0.021, 0.052, 0.052, 0.123, 0.094]  # fmt: skip
    assert result.lambda_max == pytest.approx(7.61, abs=5e-3)
    assert result.consistency_ratio == pytest.approx((7.608 - 7) / 6 / 1.32, abs=1e-3)


def test_consistent_matrix_has_zero_ratio_and_exact_weights() -> None:
    weights = [0.5, 0.3, 0.2]
    matrix = [[a / b for b in weights] for a in weights]
    result = ahp(matrix)
    assert result.weights == pytest.approx(weights)
    assert result.consistency_ratio == pytest.approx(0.0, abs=1e-9)
    assert not result.inconsistent
    assert result.worst == []


def test_more_than_nine_items_are_refused_clearly() -> None:
    with pytest.raises(PrioritisationError, match="at most 9 criteria; there are 10"):
        ahp([[1.0] * 10 for _ in range(10)])


def test_non_positive_judgement_is_refused() -> None:
    with pytest.raises(PrioritisationError, match="positive"):
        ahp([[1.0, 0.0], [0.0, 1.0]])


def test_pairwise_matrix_fills_reciprocals_and_equal_for_missing() -> None:
    matrix = pairwise_matrix([10, 20, 30], {(10, 20): 3.0, (30, 10): 5.0})
    assert matrix[0][1] == 3.0 and matrix[1][0] == pytest.approx(1 / 3)
    assert matrix[2][0] == 5.0 and matrix[0][2] == pytest.approx(1 / 5)
    assert matrix[1][2] == 1.0


def test_normalise_and_points() -> None:
    assert normalise([25, 25, 50]) == [0.25, 0.25, 0.5]
    assert points_remaining([25, 25, 40]) == 10
    assert points_remaining([60, 50]) == -10


def test_all_zero_weights_get_a_clear_message() -> None:
    with pytest.raises(PrioritisationError, match="Every criterion weight is zero"):
        normalise([0, 0, 0])


def test_negative_weight_names_the_criterion() -> None:
    with pytest.raises(PrioritisationError, match="weight of Cost"):
        normalise([1, -1], ["Value", "Cost"])
