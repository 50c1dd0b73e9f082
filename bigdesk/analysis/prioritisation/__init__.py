"""Prioritisation maths: weights (direct, points, AHP), alignment, scores, portfolio, robustness.

numpy and scipy are imported inside the functions that need them, so loading this
package costs the app nothing at start-up.
"""

from bigdesk.analysis.prioritisation.analysis import Analysis, analyse, pairwise_result
from bigdesk.analysis.prioritisation.data import (
    ALIGNMENT_KEY,
    DOTS_KEY,
    INITIATIVE_FIELDS,
    CriterionInfo,
    InitiativeInfo,
    PrioritisationData,
    Settings,
    load,
    load_settings,
    scope_names,
)
from bigdesk.analysis.prioritisation.errors import InfeasiblePortfolioError, PrioritisationError
from bigdesk.analysis.prioritisation.scoring import FULL_MARKS, Ranking, rank
from bigdesk.analysis.prioritisation.selection import (
    FrontierPoint,
    LeftOut,
    PortfolioProblem,
    Selection,
    conflicts,
    frontier,
    money,
    problem_from,
    solve,
)
from bigdesk.analysis.prioritisation.sensitivity import Sensitivity, sensitivity
from bigdesk.analysis.prioritisation.split import RunChange, SplitLine, split
from bigdesk.analysis.prioritisation.weights import (
    CR_LIMIT,
    MAX_PAIRWISE,
    AhpResult,
    ahp,
    normalise,
    pairwise_matrix,
    points_remaining,
)

__all__ = [
    "ALIGNMENT_KEY",
    "CR_LIMIT",
    "DOTS_KEY",
    "FULL_MARKS",
    "INITIATIVE_FIELDS",
    "MAX_PAIRWISE",
    "AhpResult",
    "Analysis",
    "CriterionInfo",
    "FrontierPoint",
    "InfeasiblePortfolioError",
    "InitiativeInfo",
    "LeftOut",
    "PortfolioProblem",
    "PrioritisationData",
    "PrioritisationError",
    "Ranking",
    "RunChange",
    "Selection",
    "Sensitivity",
    "Settings",
    "SplitLine",
    "ahp",
    "analyse",
    "conflicts",
    "frontier",
    "load",
    "load_settings",
    "money",
    "normalise",
    "pairwise_matrix",
    "pairwise_result",
    "points_remaining",
    "problem_from",
    "rank",
    "scope_names",
    "sensitivity",
    "solve",
    "split",
]
