"""One call that reads a scope and gives everything the Prioritise step and the deck show."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection

from bigdesk.analysis.prioritisation.data import PrioritisationData, load
from bigdesk.analysis.prioritisation.errors import PrioritisationError
from bigdesk.analysis.prioritisation.scoring import Ranking, rank
from bigdesk.analysis.prioritisation.selection import (
    PortfolioProblem,
    Selection,
    conflicts,
    problem_from,
    solve,
)
from bigdesk.analysis.prioritisation.split import RunChange, split
from bigdesk.analysis.prioritisation.weights import (
    MAX_PAIRWISE,
    AhpResult,
    ahp,
    pairwise_matrix,
)


@dataclass
class Analysis:
    """Inputs, ranking, optimal portfolio and Run/Change split of one scope.

    A part that cannot be computed is None, and ``errors`` says why in plain words.
    """

    data: PrioritisationData
    ranking: Ranking | None = None
    problem: PortfolioProblem | None = None
    selection: Selection | None = None
    run_change: RunChange | None = None
    pairwise: AhpResult | None = None
    errors: list[str] = field(default_factory=list)
    # -- the constraints that clash, when no portfolio is possible
    conflicts: list[str] = field(default_factory=list)


def pairwise_result(data: PrioritisationData) -> AhpResult | None:
    """Return the AHP weights of the stored comparisons, or None when there are none to use."""
    ids = [c.id for c in data.criteria]
    if not data.comparisons or len(ids) > MAX_PAIRWISE or len(ids) < 2:
        return None
    return ahp(pairwise_matrix(ids, data.comparisons))


def analyse(conn: Connection, scope: int | None = None, explain: bool = True,
            choose: bool = True) -> Analysis:
    """Read the scope's inputs and compute everything that can be computed from them.

    With ``choose`` False the portfolio problem is set up but not solved (the plan
    solves its own, in time).
    """
    data = load(conn, scope)
    result = Analysis(data)
    result.pairwise = pairwise_result(data)
    try:
        result.ranking = rank(data)
    except PrioritisationError as error:
        result.errors.append(str(error))
    if result.ranking is not None:
        problem = problem_from(data, result.ranking)
        result.problem = problem
        result.conflicts = conflicts(problem)
        if result.conflicts:
            result.errors.extend(result.conflicts)
        elif choose:
            try:
                result.selection = solve(problem, explain=explain)
            except PrioritisationError as error:
                result.errors.append(str(error))
    chosen = None
    if result.selection is not None and result.ranking is not None:
        chosen = [result.ranking.initiatives[i] for i in result.selection.chosen()]
    result.run_change = RunChange(split(data.initiatives),
                                  None if chosen is None else split(chosen),
                                  data.settings.target())  # fmt: skip
    return result
