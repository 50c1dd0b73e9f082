"""The sample's prioritisation: criteria, scores, dot votes, constraints and one scenario.

The default criteria also go into every blank workshop: they are part of the method.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, insert, select

from bigdesk.analysis.prioritisation import analyse
from bigdesk.model import (
    Criterion,
    CriterionDirection,
    CriterionScore,
    DotVote,
    Initiative,
    InitiativePriority,
    MoSCoW,
    Person,
    PersonKind,
    PrioritisationSettings,
    ResourceDemand,
    ResourceType,
    Scenario,
    ScoreScale,
    SelectionRule,
)

ANCHORS_15 = "1: little or none\n3: moderate\n5: very high"
# key, name, direction, weight (of 100 points), scale, unit, anchors, computed
DEFAULT_CRITERIA = [
    ("strategic-alignment", "Strategic alignment", CriterionDirection.BENEFIT, 25,
     ScoreScale.RAW, "share", "Computed from the cascade: how much of the strategy it serves",
     True),
    ("value", "Value", CriterionDirection.BENEFIT, 20, ScoreScale.ANCHORED, "",
     "1: hardly noticed\n3: a clear gain for one part of the business\n"
     "5: a step change the board would report", False),
    ("urgency", "Urgency", CriterionDirection.BENEFIT, 15, ScoreScale.ANCHORED, "",
     "1: can wait a year or more\n3: needed within the year\n5: harm grows every month", False),
    ("risk-reduction", "Risk reduction", CriterionDirection.BENEFIT, 10, ScoreScale.ANCHORED, "",
     "1: no risk reduced\n3: reduces a recorded risk\n5: removes a top-five corporate risk",
     False),
    ("cost", "Cost", CriterionDirection.COST, 10, ScoreScale.RAW, "£",
     "The initiative's budget", False),
    ("effort", "Effort", CriterionDirection.COST, 10, ScoreScale.RAW, "days",
     "The initiative's effort in person-days", False),
    ("confidence", "Confidence", CriterionDirection.BENEFIT, 10, ScoreScale.ANCHORED, "",
     "1: an untested idea\n3: planned, with known gaps\n5: proven elsewhere, team in place",
     False),
]  # fmt: skip

# initiative: value, urgency, risk reduction, confidence (1 to 5)
SCORES = {
    "I1": (4, 4, 3, 4), "I2": (3, 4, 2, 5), "I3": (5, 3, 4, 2), "I4": (4, 3, 3, 3),
    "I5": (4, 2, 2, 2), "I6": (4, 4, 4, 3), "I7": (5, 5, 3, 4), "I8": (4, 4, 4, 4),
    "I9": (4, 5, 4, 5), "I10": (3, 3, 3, 4), "I11": (3, 4, 4, 3), "I12": (1, 1, 1, 4),
    "I13": (4, 4, 4, 4), "I14": (4, 4, 3, 4),
}  # fmt: skip
# participant, initiatives with dots (five dots each)
VOTES = {
    "Amara Okafor": {"I1": 2, "I2": 2, "I8": 1},
    "Daniel Reyes": {"I10": 3, "I6": 2},
    "Priya Natarajan": {"I10": 2, "I8": 2, "I7": 1},
    "Ellen Marsh": {"I3": 3, "I1": 2},
    "Grace Liu": {"I7": 4, "I9": 1},
}
# name, unit, capacity, demands by initiative
RESOURCES = [
    ("Engineers", "person-days", 4_000.0,
     {"I1": 600, "I3": 1_800, "I4": 900, "I5": 400, "I6": 700, "I7": 500, "I8": 800,
      "I12": 100}),
    ("Data analysts", "person-days", 900.0,
     {"I1": 200, "I6": 150, "I7": 250, "I8": 300, "I10": 250, "I11": 50}),
]  # fmt: skip
BUDGET = 9_500_000.0
RULES = {"I9": SelectionRule.MUST_DO, "I12": SelectionRule.MUST_NOT}
# -- the room's MoSCoW classes, agreed before the scoring
CLASSES = {"I9": MoSCoW.MUST, "I7": MoSCoW.MUST, "I8": MoSCoW.MUST, "I10": MoSCoW.SHOULD,
           "I1": MoSCoW.SHOULD, "I2": MoSCoW.SHOULD, "I6": MoSCoW.SHOULD, "I4": MoSCoW.COULD,
           "I3": MoSCoW.COULD, "I11": MoSCoW.COULD, "I5": MoSCoW.COULD, "I12": MoSCoW.WONT,
           "I13": MoSCoW.SHOULD, "I14": MoSCoW.SHOULD}
# -- Run, Grow, Transform in percent, as the executives want the budget to fall
TARGET = (35.0, 30.0, 35.0)


def populate_default_criteria(conn: Connection) -> None:
    """Add the method's default criteria, weighted by a 100-point allocation."""
    conn.execute(
        insert(Criterion),
        [{"position": position, "key": key, "name": name, "direction": direction,
          "weight": float(weight), "scale": scale, "unit": unit, "anchors": anchors,
          "computed": computed}
         for position, (key, name, direction, weight, scale, unit, anchors, computed)
         in enumerate(DEFAULT_CRITERIA)],
    )  # fmt: skip


def populate_prioritisation(conn: Connection) -> None:
    """Add the sample's criteria, scores, votes, constraints and a saved scenario."""
    initiatives = dict(conn.execute(select(Initiative.ref, Initiative.id)).all())
    if not initiatives:
        return
    if conn.execute(select(Criterion.id).limit(1)).first() is None:
        populate_default_criteria(conn)
    criteria = dict(conn.execute(select(Criterion.key, Criterion.id)).all())
    typed = ("value", "urgency", "risk-reduction", "confidence")
    conn.execute(
        insert(CriterionScore),
        [{"initiative_id": initiatives[ref], "criterion_id": criteria[key], "value": float(score)}
         for ref, scores in SCORES.items() if ref in initiatives
         for key, score in zip(typed, scores, strict=True) if key in criteria],
    )  # fmt: skip
    people = dict(conn.execute(
        select(Person.name, Person.id).where(Person.kind == PersonKind.PARTICIPANT)
    ).all())  # fmt: skip
    votes = [{"person_id": people[name], "initiative_id": initiatives[ref], "dots": dots}
             for name, chosen in VOTES.items() if name in people
             for ref, dots in chosen.items() if ref in initiatives]  # fmt: skip
    if votes:
        conn.execute(insert(DotVote), votes)
    for position, (name, unit, capacity, demands) in enumerate(RESOURCES):
        resource = conn.execute(
            insert(ResourceType).values(position=position, name=name, unit=unit,
                                        capacity=capacity)
        ).inserted_primary_key[0]  # type: ignore[index]  # fmt: skip
        conn.execute(
            insert(ResourceDemand),
            [{"initiative_id": initiatives[ref], "resource_type_id": resource,
              "amount": float(amount)}
             for ref, amount in demands.items() if ref in initiatives],
        )  # fmt: skip
    conn.execute(insert(InitiativePriority), [
        {"initiative_id": initiatives[ref], "rule": RULES.get(ref), "moscow": CLASSES.get(ref)}
        for ref in sorted(set(RULES) | set(CLASSES)) if ref in initiatives])  # fmt: skip
    run, grow, transform = TARGET
    conn.execute(insert(PrioritisationSettings).values(
        id=1, budget=BUDGET, dots_per_participant=5, top_n=5, perturbation=0.2, samples=1000,
        seed=1, target_run=run, target_grow=grow, target_transform=transform))  # fmt: skip
    from bigdesk.exchange.prioritisation_export import scenario_snapshot

    snapshot = scenario_snapshot(analyse(conn, explain=False))
    conn.execute(insert(Scenario).values(
        position=0, name="Board's first view: £9.5m, engineers capped",
        created_at=dt.datetime(2026, 11, 20, 16, 30), **snapshot))  # fmt: skip
