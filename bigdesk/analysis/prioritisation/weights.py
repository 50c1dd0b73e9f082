"""Criterion weights: direct entry, a 100-point allocation, or pairwise comparison (AHP)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bigdesk.analysis.prioritisation.errors import PrioritisationError

POINTS = 100
# -- more than nine items overwhelm people comparing in pairs (Saaty's own advice)
MAX_PAIRWISE = 9
CR_LIMIT = 0.10
# -- Saaty's random consistency index by matrix size (Saaty 1980, Table 1.7.1)
RANDOM_INDEX = {1: 0.0, 2: 0.0, 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45}
# -- the fundamental scale's words, for explaining a judgement
SCALE_WORDS = {1: "equally", 3: "moderately more", 5: "strongly more", 7: "very strongly more",
               9: "extremely more"}  # fmt: skip


def normalise(weights: Sequence[float], names: Sequence[str] | None = None) -> list[float]:
    """Return ``weights`` scaled to sum to one; refuse negative or all-zero weights."""
    for index, weight in enumerate(weights):
        if weight < 0 or not math.isfinite(weight):
            where = names[index] if names else f"criterion {index + 1}"
            raise PrioritisationError(f"The weight of {where} must be zero or more.")
    total = math.fsum(weights)
    if total <= 0:
        raise PrioritisationError(
            "Every criterion weight is zero: give at least one criterion a weight."
        )
    return [w / total for w in weights]


def points_remaining(points: Sequence[float]) -> float:
    """Return how many of the 100 points are still to allocate (negative: too many)."""
    return POINTS - math.fsum(points)


@dataclass(frozen=True)
class Inconsistency:
    """One judgement that disagrees with the weights the whole matrix implies."""

    first: int
    second: int
    given: float
    # -- the ratio of the two weights the whole matrix implies
    implied: float

    @property
    def severity(self) -> float:
        """Return how far the judgement is from the implied ratio, on a log scale."""
        return abs(math.log(self.given / self.implied))


@dataclass(frozen=True)
class AhpResult:
    """Weights from a pairwise comparison matrix and how consistent the judgements are."""

    weights: list[float]
    lambda_max: float
    consistency_index: float
    consistency_ratio: float
    # -- judgements most at odds with the weights, worst first
    worst: list[Inconsistency]

    @property
    def inconsistent(self) -> bool:
        """Return whether the consistency ratio is above Saaty's limit of 0.10."""
        return self.consistency_ratio > CR_LIMIT


def check_size(count: int) -> None:
    """Refuse a pairwise set too large to judge reliably."""
    if count > MAX_PAIRWISE:
        raise PrioritisationError(
            f"Pairwise comparison takes at most {MAX_PAIRWISE} criteria; there are {count}. "
            "Group some criteria, or use direct weights or the 100-point allocation."
        )


def ahp(matrix: Sequence[Sequence[float]], worst: int = 3) -> AhpResult:
    """Return the principal-eigenvector weights and the consistency ratio of a reciprocal matrix.

    ``matrix[i][j]`` says how much more important item i is than item j (1/9 to 9).
    """
    import numpy as np

    size = len(matrix)
    check_size(size)
    if size == 0:
        raise PrioritisationError("There is nothing to compare.")
    a = np.asarray(matrix, dtype=float)
    if a.shape != (size, size) or not np.all(np.isfinite(a)) or np.any(a <= 0):
        raise PrioritisationError("Every pairwise judgement must be a positive number.")
    values, vectors = np.linalg.eig(a)
    k = int(np.argmax(values.real))
    # -- Perron-Frobenius: the principal eigenvector of a positive matrix has one sign
    w = np.abs(vectors[:, k].real)
    w = w / w.sum()
    lambda_max = float(values[k].real)
    ci = max(0.0, (lambda_max - size) / (size - 1)) if size > 2 else 0.0
    ri = RANDOM_INDEX[size]
    cr = ci / ri if ri else 0.0
    found = [
        Inconsistency(i, j, float(a[i, j]), float(w[i] / w[j]))
        for i in range(size)
        for j in range(i + 1, size)
    ]
    found.sort(key=lambda item: item.severity, reverse=True)
    return AhpResult([float(x) for x in w], lambda_max, ci, cr, found[:worst] if cr else [])


def pairwise_matrix(
    ids: Sequence[int], judgements: Mapping[tuple[int, int], float]
) -> list[list[float]]:
    """Return the full reciprocal matrix over ``ids`` from stored (first, second) judgements.

    A missing judgement counts as "equally important"; a pair stored both ways uses
    the (first, second) order of ``ids``.
    """
    position = {item: index for index, item in enumerate(ids)}
    matrix = [[1.0] * len(ids) for _ in ids]
    for (first, second), value in judgements.items():
        if first not in position or second not in position or first == second:
            continue
        i, j = position[first], position[second]
        matrix[i][j] = value
        matrix[j][i] = 1.0 / value
    return matrix


def describe_judgement(value: float) -> str:
    """Return a judgement in words, such as "strongly more important" (5) or its inverse."""
    if value >= 1:
        nearest = min(SCALE_WORDS, key=lambda k: abs(k - value))
        return f"{SCALE_WORDS[nearest]} important" if nearest > 1 else "equally important"
    nearest = min(SCALE_WORDS, key=lambda k: abs(k - 1 / value))
    return f"{SCALE_WORDS[nearest].replace('more', 'less')} important" if nearest > 1 else (
        "equally important")


def format_judgement(value: float) -> str:
    """Return a judgement as it is entered: 5, 1/3, 1."""
    if value >= 1:
        return f"{value:g}"
    return f"1/{1 / value:g}"
