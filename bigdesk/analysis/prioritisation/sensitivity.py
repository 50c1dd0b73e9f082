"""How robust the answer is: perturb the weights at random and see what stays.

Each sample multiplies every weight by a factor drawn uniformly from
1 - p to 1 + p (p = 0.2 by default), renormalises, recomputes every value,
then re-ranks and re-chooses the portfolio. Ranking is exact for every sample.

The portfolio for each sample is found in one of two ways, and the result says which:

* exact: when at most ``ENUMERATION_LIMIT`` initiatives are undecided (not fixed by
  must-do, must-not or their dependencies), every feasible portfolio is listed
  once and the best one is picked for each sample in one matrix product;
* linear relaxation: for larger portfolios each sample's linear relaxation is solved
  and rounded down, which always gives a feasible portfolio. The relaxation's value is
  an upper bound on the sample's optimum, so the result reports, exactly, the share of
  samples proven optimal and the largest shortfall from optimal over all samples.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bigdesk.analysis.prioritisation.errors import PrioritisationError
from bigdesk.analysis.prioritisation.scoring import FULL_MARKS, Ranking
from bigdesk.analysis.prioritisation.selection import (
    TOLERANCE,
    PortfolioProblem,
    _dependency_rows,
    check,
    x_rows,
)

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Matrix = npt.NDArray[np.float64]
    BoolMatrix = npt.NDArray[np.bool_]

ENUMERATION_LIMIT = 16
# -- a place held in between these shares of the samples depends on the weights
STABLE_LOW, STABLE_HIGH = 0.05, 0.95
EXACT = "exact"
RELAXATION = "linear relaxation"


@dataclass(frozen=True)
class Sensitivity:
    """How often each initiative stays in the top N and in the portfolio under perturbed weights."""

    samples: int
    perturbation: float
    seed: int
    top_n: int
    # -- per initiative (ranking order of ``Ranking.initiatives``), share of samples 0 to 1
    in_top_n: list[float]
    in_portfolio: list[float] | None
    method: str
    # -- share of samples whose portfolio is proven optimal
    proven_share: float
    # -- largest shortfall from a sample's optimum, as a share of its value (0 when exact)
    worst_gap: float
    # -- indices of initiatives whose place depends on the weights
    sensitive: list[int]


def sample_weights(weights: list[float], perturbation: float, samples: int, seed: int) -> Matrix:
    """Return ``samples`` columns of weights, each perturbed by up to ±perturbation, normalised."""
    import numpy as np

    if not 0 <= perturbation < 1:
        raise PrioritisationError("The perturbation must be from 0 % to under 100 %.")
    if samples < 1:
        raise PrioritisationError("Take at least one sample.")
    rng = np.random.default_rng(seed)
    base = np.asarray(weights, dtype=float)[:, None]
    factors = rng.uniform(1.0 - perturbation, 1.0 + perturbation, size=(len(weights), samples))
    drawn = base * factors
    totals = drawn.sum(axis=0)
    if np.any(totals <= 0):
        raise PrioritisationError("Every criterion weight is zero: give at least one a weight.")
    result: Matrix = drawn / totals
    return result


def sensitivity(
    ranking: Ranking,
    problem: PortfolioProblem | None,
    samples: int = 1000,
    perturbation: float = 0.2,
    seed: int = 1,
    top_n: int = 5,
) -> Sensitivity:
    """Return how often each initiative stays in the top N and in the optimal portfolio."""
    import numpy as np

    size = len(ranking.initiatives)
    weights = sample_weights(ranking.weights, perturbation, samples, seed)
    values = (ranking.scores @ weights) * FULL_MARKS  # initiatives by samples
    top = max(0, min(top_n, size))
    in_top = np.zeros(size)
    if top and size:
        # -- argpartition finds each sample's top N without a full sort
        cut = np.argpartition(-values, top - 1, axis=0)[:top] if top < size else (
            np.broadcast_to(np.arange(size)[:, None], (size, samples)))
        np.add.at(in_top, cut.ravel(), 1.0)
        in_top /= samples
    in_portfolio: list[float] | None = None
    method, proven, worst = EXACT, 1.0, 0.0
    if problem is not None and size:
        check(problem)
        chosen, method, proven, worst = _portfolios(problem, values)
        in_portfolio = [float(x) for x in chosen.mean(axis=1)]
    shares = [float(x) for x in in_top]
    sensitive = [
        i for i in range(size)
        if STABLE_LOW < shares[i] < STABLE_HIGH
        or (in_portfolio is not None and STABLE_LOW < in_portfolio[i] < STABLE_HIGH)
    ]  # fmt: skip
    return Sensitivity(samples, perturbation, seed, top_n, shares, in_portfolio, method, proven,
                       worst, sensitive)  # fmt: skip


def _portfolios(problem: PortfolioProblem, values: Matrix) -> tuple[BoolMatrix, str, float, float]:
    import numpy as np

    size = values.shape[0]
    fixed_in = np.zeros(size, dtype=bool)
    fixed_in[problem.required()] = True
    barred = problem.barred()
    fixed_out = np.zeros(size, dtype=bool)
    fixed_out[list(barred)] = True
    free = [i for i in range(size) if not fixed_in[i] and not fixed_out[i]]
    if len(free) <= ENUMERATION_LIMIT:
        return _enumerate(problem, values, fixed_in, free), EXACT, 1.0, 0.0
    return _relaxations(problem, values, fixed_in, fixed_out)


def _enumerate(problem: PortfolioProblem, values: Matrix, fixed_in: BoolMatrix,
               free: list[int]) -> BoolMatrix:
    """Pick, for every sample, the best of all feasible portfolios (exact)."""
    import numpy as np

    size, samples = values.shape
    count = len(free)
    codes = np.arange(2**count, dtype=np.int64)
    subsets = ((codes[:, None] >> np.arange(count)) & 1).astype(float)
    rows, limits = x_rows(problem)
    feasible = np.ones(len(codes), dtype=bool)
    if len(limits):
        committed = rows[:, fixed_in].sum(axis=1)
        feasible &= np.all(subsets @ rows[:, free].T + committed <= limits + TOLERANCE, axis=1)
    column = {item: k for k, item in enumerate(free)}
    for dependent, prerequisite in problem.dependencies:
        # -- only pairs of undecided initiatives can break a dependency here
        if dependent in column and prerequisite in column:
            feasible &= (subsets[:, column[dependent]] <= subsets[:, column[prerequisite]])
    candidates = subsets[feasible]
    # -- candidates by samples: each portfolio's value under each sample's weights, in
    #    blocks of samples so the product stays a few tens of megabytes
    best = np.zeros(samples, dtype=np.int64)
    block = max(1, 4_000_000 // max(1, len(candidates)))
    for start in range(0, samples, block):
        best[start:start + block] = np.argmax(candidates @ values[free, start:start + block],
                                              axis=0)
    chosen: BoolMatrix = np.zeros((size, samples), dtype=bool)
    chosen[fixed_in] = True
    chosen[free] = candidates[best].T > 0.5
    return chosen


def _relaxations(problem: PortfolioProblem, values: Matrix, fixed_in: BoolMatrix,
                 fixed_out: BoolMatrix) -> tuple[BoolMatrix, str, float, float]:
    """Solve each sample's linear relaxation and round it down (feasible, with a bound)."""
    import numpy as np
    from scipy.optimize import linprog

    size, samples = values.shape
    rows, limits = x_rows(problem)
    dependency_rows = _dependency_rows(problem)
    a_ub = np.vstack([rows, dependency_rows]) if len(dependency_rows) else rows
    b_ub = np.concatenate([limits, np.zeros(len(dependency_rows))])
    bounds = np.column_stack([fixed_in.astype(float), (~fixed_out).astype(float)])
    chosen = np.zeros((size, samples), dtype=bool)
    proven = 0
    worst = 0.0
    for s in range(samples):
        result = linprog(-values[:, s], A_ub=a_ub if len(b_ub) else None,
                         b_ub=b_ub if len(b_ub) else None, bounds=bounds, method="highs")
        if result.status != 0:
            raise PrioritisationError(f"The solver could not finish: {result.message}")
        # -- rounding down keeps every ≤ constraint, and x_dependent ≤ x_prerequisite
        mask = result.x > 1.0 - 1e-9
        chosen[:, s] = mask
        bound = -float(result.fun)
        got = float(values[mask, s].sum())
        shortfall = (bound - got) / bound if bound > 0 else 0.0
        if shortfall <= TOLERANCE:
            proven += 1
        worst = max(worst, shortfall)
    return chosen, RELAXATION, proven / samples, worst
