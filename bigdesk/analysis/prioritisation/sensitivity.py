"""How robust the answer is: perturb the weights at random and see what stays.

Each sample multiplies every weight by a factor drawn uniformly from
1 - p to 1 + p (p = 0.2 by default), renormalises, recomputes every value,
then re-ranks and re-chooses the portfolio. Ranking is exact for every sample.

The portfolio for each sample is found in one of two ways, and the result says which:

* exact: when at most ``ENUMERATION_LIMIT`` initiatives are undecided (not fixed by
  must-do, must-not or their dependencies), every feasible portfolio is listed
  once and the best one is picked for each sample in one matrix product;
* linear relaxation: for larger portfolios a pool of feasible portfolios is grown from
  linear relaxations (rounded down, then filled greedily) and each sample takes the best
  of the pool; the relaxations' prices bound every sample's optimum from above, so the
  result reports, exactly, the share of samples proven optimal and the largest
  shortfall from optimal over all samples.
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
# -- linear relaxations solved at most for a large portfolio's sensitivity
POOL_SOLVES = 30
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
    """Give every sample the best of a pool of feasible portfolios, with a proven bound.

    The pool grows from linear relaxations: each one solved is rounded down (feasible,
    as every row is "at most" and a dependent never exceeds its prerequisite) and then
    filled greedily with what still fits. Each relaxation's prices for the limits also
    bound every sample's optimum from above (Lagrangian duality: for any prices of the
    limits and dependencies, the limits' worth plus each initiative's positive value net
    of its priced use). The
    relaxation of the sample furthest from proven is solved next, up to ``POOL_SOLVES``.
    """
    import numpy as np
    from scipy.optimize import linprog

    samples = values.shape[1]
    rows, limits = x_rows(problem)
    dependency_rows = _dependency_rows(problem)
    a_ub = np.vstack([rows, dependency_rows]) if len(dependency_rows) else rows
    b_ub = np.concatenate([limits, np.zeros(len(dependency_rows))])
    bounds = np.column_stack([fixed_in.astype(float), (~fixed_out).astype(float)])
    free = ~fixed_in & ~fixed_out
    prerequisites: dict[int, list[int]] = {}
    for dependent, prerequisite in problem.dependencies:
        prerequisites.setdefault(dependent, []).append(prerequisite)
    pool: list[BoolMatrix] = []
    best_value = np.full(samples, -np.inf)
    best_pool = np.zeros(samples, dtype=np.int64)
    bound = np.full(samples, np.inf)
    solved: set[int] = set()
    # -- start from the weights' centre (the mean sample), then chase the worst sample
    target = values.mean(axis=1)
    for _ in range(POOL_SOLVES):
        result = linprog(-target, A_ub=a_ub if len(b_ub) else None,
                         b_ub=b_ub if len(b_ub) else None, bounds=bounds, method="highs")
        if result.status != 0:
            raise PrioritisationError(f"The solver could not finish: {result.message}")
        mask = _fill(result.x > 1.0 - 1e-9, target, rows, limits, free, prerequisites)
        pool.append(mask)
        worth = values[mask].sum(axis=0)
        better = worth > best_value
        best_value[better], best_pool[better] = worth[better], len(pool) - 1
        prices = -np.asarray(result.ineqlin.marginals, dtype=float)
        bound = np.minimum(bound, _lagrangian_bound(values, a_ub, b_ub, prices, fixed_in,
                                                    free))
        gaps = _shortfalls(bound, best_value)
        gaps[list(solved)] = -1.0
        worst = int(np.argmax(gaps))
        if gaps[worst] <= TOLERANCE:
            break
        solved.add(worst)
        target = values[:, worst]
    chosen = np.stack(pool, axis=1)[:, best_pool]
    shortfall = np.clip(_shortfalls(bound, best_value), 0.0, None)
    proven = float(np.mean(shortfall <= TOLERANCE))
    return chosen, RELAXATION, proven, float(shortfall.max(initial=0.0))


def _shortfalls(bound: Matrix, got: Matrix) -> Matrix:
    import numpy as np

    with np.errstate(divide="ignore", invalid="ignore"):
        out: Matrix = np.where(bound > 0, (bound - got) / bound, 0.0)
    return out


def _lagrangian_bound(values: Matrix, rows: Matrix, limits: Matrix, prices: Matrix,
                      fixed_in: BoolMatrix, free: BoolMatrix) -> Matrix:
    """Return, per sample, an upper bound on the best portfolio's value at these prices."""
    import numpy as np

    prices = np.clip(prices, 0.0, None)
    net = values - (rows.T @ prices)[:, None] if len(prices) else values
    total: Matrix = float(limits @ prices) + net[fixed_in].sum(axis=0) + np.clip(
        net[free], 0.0, None).sum(axis=0)
    return total


def _fill(mask: BoolMatrix, worth: Matrix, rows: Matrix, limits: Matrix, free: BoolMatrix,
          prerequisites: dict[int, list[int]]) -> BoolMatrix:
    """Add, best first, every free initiative that still fits and whose prerequisites are in."""
    import numpy as np

    mask = mask.copy()
    used = rows[:, mask].sum(axis=1) if len(limits) else np.zeros(0)
    for i in np.argsort(-worth, kind="stable"):
        if mask[i] or not free[i] or worth[i] <= 0:
            continue
        if any(not mask[p] for p in prerequisites.get(int(i), [])):
            continue
        if len(limits) and np.any(used + rows[:, i] > limits + TOLERANCE):
            continue
        mask[i] = True
        if len(limits):
            used = used + rows[:, i]
    return mask
