"""Planning: the chosen portfolio placed in quarters, within capacity, budget and dependencies.

The schedule is a time-indexed mixed-integer programme solved by HiGHS through
``scipy.optimize.milp``, imported only when a plan is worked out.
"""

from bigdesk.analysis.planning.calendar import Horizon, load_horizon
from bigdesk.analysis.planning.problem import Planned, plan, plan_problem
from bigdesk.analysis.planning.schedule import Binding, Plan, PlanProblem, solve_plan
from bigdesk.analysis.planning.stored import (
    PlannedMilestone,
    QuarterLoad,
    StoredPlan,
    stored_plan,
)
from bigdesk.analysis.planning.timing import Timing, load_timings, profile

__all__ = [
    "Binding",
    "Horizon",
    "Plan",
    "PlanProblem",
    "Planned",
    "PlannedMilestone",
    "QuarterLoad",
    "StoredPlan",
    "Timing",
    "load_horizon",
    "load_timings",
    "plan",
    "plan_problem",
    "profile",
    "solve_plan",
    "stored_plan",
]
