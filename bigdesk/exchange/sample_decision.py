"""The sample's accepted plan: the portfolio and schedule the room agreed at the session."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, insert

from bigdesk.analysis.planning import plan
from bigdesk.model import PlanDecision, PlanEntry

# -- the room accepted the plan near the end of the session
ACCEPTED_AT = dt.datetime(2026, 12, 3, 16, 20)


def populate_decision(conn: Connection) -> None:
    """Store the plan worked out from the sample's inputs as the one the room accepted."""
    planned = plan(conn)
    result = planned.plan
    if result is None:
        return
    horizon = result.problem.horizon
    decision = conn.execute(insert(PlanDecision).values(
        accepted_at=ACCEPTED_AT, scope="", proven_optimal=result.proven_optimal,
        gap=result.gap, objective=round(result.objective, 6), horizon_start=horizon.first,
        horizon_quarters=horizon.quarters)).inserted_primary_key[0]  # type: ignore[index]
    conn.execute(insert(PlanEntry), [
        {"decision_id": decision, "initiative_id": planned.initiative_id(i),
         "starts_on": horizon.start(result.starts[i]), "ends_on": horizon.end(result.finish(i))}
        for i in result.chosen()])  # fmt: skip
