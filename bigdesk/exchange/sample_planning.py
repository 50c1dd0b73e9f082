"""The sample's plan inputs: a two-year horizon, capacity by quarter, budget by year,
how long each initiative runs and how it spends, and the milestones the room named."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, insert, select

from bigdesk.model import (
    InitiativeTiming,
    Milestone,
    MilestoneStatus,
    PlanningSettings,
    QuarterCapacity,
    ResourceType,
    Spread,
    TargetMode,
    YearBudget,
)
from bigdesk.model.cascade import Initiative

# -- Northgate's financial year runs April to March; the plan covers the next two years
HORIZON_QUARTERS = 8
YEAR_START_MONTH = 4
# resource, capacity per quarter (the first quarter is January to March 2027)
CAPACITY = {
    "Engineers": [600, 700, 700, 700, 650, 650, 650, 650],
    "Data analysts": [220, 220, 200, 200, 180, 180, 180, 180],
}
# financial year (by the calendar year it starts in), budget
YEAR_BUDGETS = {2026: 1_600_000.0, 2027: 5_200_000.0, 2028: 4_200_000.0}
# initiative, quarters, spread (business as usual runs the whole horizon by default)
TIMING = {
    "I1": (3, Spread.FLAT), "I3": (4, Spread.BACK_LOADED), "I4": (3, Spread.FRONT_LOADED),
    "I5": (5, Spread.BACK_LOADED), "I6": (4, Spread.FLAT), "I7": (3, Spread.FLAT),
    "I8": (2, Spread.FRONT_LOADED), "I11": (4, Spread.FLAT), "I12": (2, Spread.FLAT),
    "I13": (2, Spread.FLAT), "I14": (2, Spread.FLAT),
}  # fmt: skip
# initiative, milestone, date, status
MILESTONES = [
    ("I8", "Telematics on every van", dt.date(2027, 6, 30), MilestoneStatus.PLANNED),
    ("I7", "Portal beta with three retailers", dt.date(2027, 12, 31), MilestoneStatus.PLANNED),
    ("I4", "First 40 charging points live", dt.date(2027, 6, 30), MilestoneStatus.AT_RISK),
    ("I6", "Warehouse system cut over in Leeds", dt.date(2027, 12, 31),
     MilestoneStatus.PLANNED),
    ("I1", "Dynamic routing in every depot", dt.date(2028, 3, 31), MilestoneStatus.PLANNED),
]  # fmt: skip


def populate_planning(conn: Connection) -> None:
    """Add the sample's horizon, capacities, yearly budgets, timings and milestones."""
    conn.execute(insert(PlanningSettings).values(
        id=1, horizon_quarters=HORIZON_QUARTERS, year_start_month=YEAR_START_MONTH,
        must_is_must_do=True, wont_is_must_not=True, votes_break_ties=True,
        target_mode=TargetMode.SHOWN, target_tolerance=5.0))  # fmt: skip
    initiatives = dict(conn.execute(select(Initiative.ref, Initiative.id)).all())
    resources = dict(conn.execute(select(ResourceType.name, ResourceType.id)).all())
    first = dt.date(2027, 1, 1)
    rows = []
    for name, amounts in CAPACITY.items():
        if name in resources:
            for quarter, amount in enumerate(amounts):
                month = first.month - 1 + 3 * quarter
                rows.append({"resource_type_id": resources[name], "capacity": float(amount),
                             "quarter": dt.date(first.year + month // 12, month % 12 + 1, 1)})
    if rows:
        conn.execute(insert(QuarterCapacity), rows)
    conn.execute(insert(YearBudget), [{"year": year, "budget": budget}
                                      for year, budget in YEAR_BUDGETS.items()])
    timings = [{"initiative_id": initiatives[ref], "duration": quarters, "spread": spread}
               for ref, (quarters, spread) in TIMING.items() if ref in initiatives]
    if timings:
        conn.execute(insert(InitiativeTiming), timings)
    milestones = [{"initiative_id": initiatives[ref], "position": n, "name": name, "due": due,
                   "status": status}
                  for n, (ref, name, due, status) in enumerate(MILESTONES) if ref in initiatives]
    if milestones:
        conn.execute(insert(Milestone), milestones)
