"""The sample workshop's current-state assessment: six executives score Northgate's capability."""

from __future__ import annotations

from sqlalchemy import Connection, insert, select

from bigdesk.exchange.framework import populate_framework
from bigdesk.model import Confidence, Consensus, Dimension, Person, Score

# -- the order of the scores in each row below
SCORERS = ("Amara Okafor", "Daniel Reyes", "Priya Natarajan", "Ellen Marsh", "Tomasz Nowak",
           "Grace Liu")
N = 0  # not applicable
# -- dimension key -> each scorer's (current, target); None: not scored (left the room, unsure)
SCORES: dict[str, list[tuple[int | None, int | None] | None]] = {
    "clarity-of-purpose":
        [(3, 5), (2, 4), (2, 5), (3, 4), (3, 4), (2, 5)],
    "strategic-process":
        [(2, 4), (2, 4), (1, 4), (2, 4), (2, 3), (2, 4)],
    "integrated-governance-framework":
        [(2, 4), (1, 4), (1, 5), (3, 4), (2, 4), (1, 4)],
    "information-and-data":
        [(2, 4), (1, 5), (1, 4), (2, 4), (1, 3), (2, 4)],
    "business-support":
        [(3, 4), (2, 4), (2, 5), (4, 4), (2, 3), (3, 4)],
    "corporate-raid-log":
        [(1, 4), (1, 4), (2, 4), (1, 3), (1, 3), None],
    "document-library":
        [(3, 3), (2, 3), (2, 4), (3, 3), (2, 3), (3, 4)],
    "okr-platform":
        [(1, 4), (1, 3), (1, 4), (N, 3), (1, 3), (1, 4)],
    "prioritisation-tools":
        [(2, 4), (1, 4), (2, 4), (1, 4), (2, 4), (2, 3)],
    "milestone-planning":
        [(3, 4), (2, 4), (3, 4), (2, 4), (3, 4), (2, 3)],
    "resource-planning":
        [(1, 4), (1, 3), (2, 4), (1, 4), (3, 4), (1, 3)],
    "finance-planning":
        [(2, 4), (3, 5), (2, 4), (2, 3), (2, 3), (N, N)],
    "purpose-and-driver-review":
        [(2, 4), (2, 3), (1, 4), (2, 3), (2, 3), (2, 4)],
    "enabled-people":
        [(2, 4), (2, 3), (2, 4), (3, 4), (1, 4), (2, 4)],
    "strategy-operating-model":
        [(2, 4), (1, 3), (1, 4), (2, 4), (2, 3), (1, 3)],
    "strategy-information-model":
        [(1, 3), (1, 3), (2, 4), (1, 3), (N, 3), (1, 3)],
    "integrated-governance-operation":
        [(2, 4), (2, 4), (1, 4), (2, 3), (2, 4), (2, 4)],
    "fair-accountability":
        [(3, 4), (2, 4), (1, 4), (3, 4), (2, 4), (1, 4)],
}  # fmt: skip

# -- dimension key -> agreed current, agreed target, evidence, confidence
CONSENSUS = {
    "clarity-of-purpose": (2, 5, "Purpose statement exists on the intranet; only two of six "
                           "executives quoted it the same way.", Confidence.HIGH),
    "strategic-process": (2, 4, "Annual plan cascades to depots by e-mail; no key results "
                          "below board level.", Confidence.HIGH),
    "integrated-governance-framework": (1, 4, "Programme boards and depot meetings run "
                                        "separately; no shared terms of reference.",
                                        Confidence.MEDIUM),
    "business-support": (2, 4, "PMO mandate covers projects only; Head of Road Network counts "
                         "the planning office as support, others do not.", Confidence.MEDIUM),
    "corporate-raid-log": (1, 4, "Each programme keeps its own spreadsheet; no corporate log.",
                           Confidence.HIGH),
    "okr-platform": (1, 4, "Objectives live in the board pack; no tool records key results.",
                     Confidence.HIGH),
    "resource-planning": (1, 4, "Engineers double-booked between electrification and route "
                          "planning; warehouse rota tool covers one site only.", Confidence.LOW),
    "finance-planning": (2, 4, "Project budgets tracked by Finance; BAU spend not linked to "
                         "objectives.", Confidence.MEDIUM),
    "fair-accountability": (2, 4, "Objectives have owners at board level; depot managers say "
                            "they carry targets without the authority to meet them.",
                            Confidence.LOW),
}


def populate_assessment(conn: Connection) -> None:
    """Copy the default framework into the sample and add the room's scores and consensus."""
    populate_framework(conn)
    people = dict(conn.execute(select(Person.name, Person.id)
                               .where(Person.name.in_(SCORERS))).all())
    dimensions = dict(conn.execute(select(Dimension.key, Dimension.id)).all())
    rows = []
    for key, levels in SCORES.items():
        for name, level in zip(SCORERS, levels, strict=True):
            if level is not None:
                rows.append({"person_id": people[name], "dimension_id": dimensions[key],
                             "current": level[0], "target": level[1]})
    conn.execute(insert(Score), rows)
    conn.execute(insert(Consensus), [
        {"dimension_id": dimensions[key], "current": current, "target": target,
         "evidence": evidence, "confidence": confidence}
        for key, (current, target, evidence, confidence) in CONSENSUS.items()
    ])  # fmt: skip
