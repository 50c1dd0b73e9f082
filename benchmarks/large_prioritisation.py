"""Generate prioritisation inputs for benchmarks: scores, votes, resources, demands, a budget.

Works on whatever initiatives the workshop holds (the large cascade makes thousands).
"""

from __future__ import annotations

import random

from sqlalchemy import Connection, insert, select, update

from bigdesk.exchange.sample_prioritisation import populate_default_criteria
from bigdesk.model import (
    Criterion,
    CriterionScore,
    Initiative,
    PrioritisationSettings,
    ResourceDemand,
    ResourceType,
    ScoreScale,
)

EXTRA_CRITERIA = ("Customer impact", "Regulatory need", "Reuse")


def populate(conn: Connection, rng: random.Random) -> None:
    """Score every initiative on ten criteria and add two capacity-limited resources."""
    if conn.execute(select(Criterion.id).limit(1)).first() is None:
        populate_default_criteria(conn)
    start = len(conn.execute(select(Criterion.id)).all())
    conn.execute(insert(Criterion), [
        {"position": start + n, "key": name.lower().replace(" ", "-"), "name": name,
         "weight": float(rng.randint(3, 10)), "scale": ScoreScale.ANCHORED}
        for n, name in enumerate(EXTRA_CRITERIA)])  # fmt: skip
    typed = list(conn.execute(select(Criterion.id).where(
        Criterion.scale == ScoreScale.ANCHORED, Criterion.computed.is_(False))).scalars())
    initiatives = list(conn.execute(select(Initiative.id)).scalars())
    scored = set(conn.execute(select(CriterionScore.initiative_id, CriterionScore.criterion_id))
                 .all())
    conn.execute(insert(CriterionScore), [
        {"initiative_id": i, "criterion_id": c, "value": float(rng.randint(1, 5))}
        for i in initiatives for c in typed if (i, c) not in scored])  # fmt: skip
    total = {"budget": 0.0}
    for i in initiatives:
        budget = round(rng.lognormvariate(12, 1), -4)
        total["budget"] += budget
        conn.execute(update(Initiative).where(Initiative.id == i).values(
            budget=budget, effort=float(round(rng.lognormvariate(6, 0.8)))))  # fmt: skip
    demands = []
    for position, name in enumerate(("Engineers", "Data analysts")):
        amounts = {i: float(round(rng.lognormvariate(4, 1))) for i in initiatives}
        resource = conn.execute(insert(ResourceType).values(
            position=position, name=name, capacity=0.4 * sum(amounts.values()))
        ).inserted_primary_key[0]  # type: ignore[index]  # fmt: skip
        demands += [{"initiative_id": i, "resource_type_id": resource, "amount": a}
                    for i, a in amounts.items()]
    conn.execute(insert(ResourceDemand), demands)
    if conn.execute(select(PrioritisationSettings.id)).first() is None:
        conn.execute(insert(PrioritisationSettings).values(id=1, budget=0.3 * total["budget"]))
