"""The sample workshop's strategy cascade: Northgate Freight Services from purpose to delivery.

Realistic on purpose, gaps included: an initiative aligned to nothing, an
objective without a key result, a key result never baselined, an information
need nobody provides and an objective whose reported progress runs ahead of its
key results, so the findings panel has something true to say.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, insert, select

from bigdesk.model import (
    AccountabilityNode,
    Alignment,
    Cadence,
    CheckIn,
    Dependency,
    Dimension,
    Direction,
    DriverKind,
    ElementType,
    InformationFlow,
    InitiativeKind,
    NodeDependency,
    NodeKind,
    Period,
    Person,
    Portfolio,
)
from bigdesk.store.edits import table_of

# name, starts, ends (Northgate's financial year runs April to March)
PERIODS = [
    ("FY26Q3", dt.date(2026, 10, 1), dt.date(2026, 12, 31)),
    ("FY26Q4", dt.date(2027, 1, 1), dt.date(2027, 3, 31)),
    ("FY27Q2", dt.date(2027, 7, 1), dt.date(2027, 9, 30)),
    ("FY27Q4", dt.date(2028, 1, 1), dt.date(2028, 3, 31)),
]

# name, kind, parent, accountable person, cadence, challenges
NODES = [
    ("Transformation Board", NodeKind.GOVERNANCE_BODY, None, "Margaret Hale", Cadence.MONTHLY,
     "Decides what starts, stops and changes across Run and Change; meets monthly."),
    ("Portfolio Management Office", NodeKind.SUPPORT_OFFICE, "Transformation Board",
     "Priya Natarajan", Cadence.WEEKLY,
     "Operates the strategic process for the whole business, BAU included, not only projects."),
    ("Operations", NodeKind.DEPARTMENT, None, "Amara Okafor", Cadence.WEEKLY,
     "Twelve depots working to different plans; on-time delivery down three quarters running."),
    ("Road Network", NodeKind.DEPARTMENT, "Operations", "Ellen Marsh", Cadence.WEEKLY,
     "Engineers split between route planning and fleet electrification."),
    ("Fleet Electrification Programme", NodeKind.PROGRAMME, "Road Network", "Ellen Marsh",
     Cadence.MONTHLY, "Van supply and grid connections set the pace, not ambition."),
    ("Warehousing", NodeKind.DEPARTMENT, "Operations", "Tomasz Nowak", Cadence.WEEKLY,
     "Three warehouse systems and five sites; no shared view of capacity."),
    ("Customer Service", NodeKind.DEPARTMENT, None, "Grace Liu", Cadence.WEEKLY,
     "Customers ring to ask where their goods are."),
    ("Finance", NodeKind.DEPARTMENT, None, "Daniel Reyes", Cadence.MONTHLY,
     "Budget requests arrive project by project, BAU spend is invisible."),
    ("People and Culture", NodeKind.DEPARTMENT, None, "Hannah Brooks", Cadence.MONTHLY,
     "Change fatigue among depot managers; driver vacancies filled by agency staff."),
]  # fmt: skip

# ref, type, title, node, owner, extra columns
ELEMENTS: list[tuple[str, ElementType, str, str | None, str | None, dict[str, Any]]] = [
    ("P1", ElementType.PURPOSE,
     "Keep the North's shelves stocked: move our customers' goods reliably, every day",
     None, "Margaret Hale", {}),
    ("P2", ElementType.PURPOSE,
     "Leave a lighter footprint on the roads and towns we serve", None, "Margaret Hale", {}),
    ("V1", ElementType.VISION,
     "By 2030, the most dependable and the cleanest regional freight network in the North "
     "of England", None, "Margaret Hale", {}),
    ("D1", ElementType.DRIVER,
     "Retailers consolidating suppliers demand live visibility of every consignment",
     None, None, {"driver_kind": DriverKind.OPPORTUNITY}),
    ("D2", ElementType.DRIVER,
     "Competitors offer next-day guarantees with penalty clauses", None, None,
     {"driver_kind": DriverKind.THREAT}),
    ("D3", ElementType.DRIVER,
     "Zero-emission zones in Leeds, Manchester and Sheffield from 2028", None, None,
     {"driver_kind": DriverKind.IMPERATIVE}),
    ("D4", ElementType.DRIVER,
     "Board goal: operating margin back to 6% by FY27", None, None,
     {"driver_kind": DriverKind.GOAL}),
    ("D5", ElementType.DRIVER,
     "Driver shortage and rising agency costs", None, None,
     {"driver_kind": DriverKind.THREAT}),
    ("O1", ElementType.OBJECTIVE, "Deliver on time, every time", "Operations",
     "Amara Okafor", {"progress": 37.0, "status": "At risk", "period": "FY27Q2"}),
    ("O2", ElementType.OBJECTIVE, "Electrify the urban fleet ahead of the zero-emission zones",
     "Fleet Electrification Programme", "Ellen Marsh",
     {"progress": 22.0, "status": "On track", "period": "FY27Q4"}),
    ("O3", ElementType.OBJECTIVE, "Consolidate warehousing into two regional hubs",
     "Warehousing", "Tomasz Nowak", {"progress": 40.0, "status": "On track", "period": "FY27Q4"}),
    ("O4", ElementType.OBJECTIVE, "Give customers live tracking of every consignment",
     "Customer Service", "Grace Liu", {"progress": 40.0, "status": "On track", "period": "FY26Q4"}),
    ("O5", ElementType.OBJECTIVE, "Run strategy and delivery through one governance rhythm",
     "Transformation Board", "Priya Natarajan",
     {"progress": 44.0, "status": "On track", "period": "FY26Q4"}),
    ("O6", ElementType.OBJECTIVE, "Attract and keep the drivers we need", "People and Culture",
     "Hannah Brooks", {"status": "Not started", "period": "FY27Q2"}),
    ("KR1.1", ElementType.KEY_RESULT, "Raise on-time delivery from 87% to 96%", "Operations",
     "Amara Okafor",
     {"metric": "On-time delivery rate", "unit": "%", "baseline": 87.0, "target": 96.0,
      "current": 90.5, "progress": 39.0, "direction": Direction.INCREASE, "status": "At risk",
      "period": "FY27Q2", "due": dt.date(2027, 9, 30)}),
    ("KR1.2", ElementType.KEY_RESULT, "Halve failed first-attempt deliveries", "Road Network",
     "Ellen Marsh",
     {"metric": "Failed first attempts per 1,000 drops", "unit": "per 1,000", "baseline": 42.0,
      "target": 21.0, "current": 35.0, "progress": 33.0, "direction": Direction.DECREASE,
      "status": "Behind", "period": "FY27Q2", "due": dt.date(2027, 9, 30)}),
    ("KR2.1", ElementType.KEY_RESULT, "Run 40% of urban routes on electric vans",
     "Fleet Electrification Programme", "Ellen Marsh",
     {"metric": "Urban routes run electric", "unit": "%", "baseline": 4.0, "target": 40.0,
      "current": 12.0, "progress": 22.0, "direction": Direction.INCREASE, "status": "On track",
      "period": "FY27Q4", "due": dt.date(2028, 3, 31)}),
    ("KR2.2", ElementType.KEY_RESULT, "Install 120 charging points across the depots",
     "Fleet Electrification Programme", "Ellen Marsh",
     {"metric": "Charging points installed", "unit": "points", "baseline": 6.0,
      "target": 120.0, "current": 30.0, "progress": 21.0, "direction": Direction.INCREASE,
      "status": "On track", "period": "FY27Q4", "due": dt.date(2028, 3, 31)}),
    ("KR3.1", ElementType.KEY_RESULT, "Go from five warehouse sites to two hubs", "Warehousing",
     "Tomasz Nowak",
     {"metric": "Warehouse sites in use", "unit": "sites", "baseline": 5.0, "target": 2.0,
      "current": 5.0, "progress": 0.0, "direction": Direction.DECREASE, "status": "Not started",
      "period": "FY27Q4", "due": dt.date(2028, 3, 31)}),
    ("KR3.2", ElementType.KEY_RESULT, "Cut the cost of storing a pallet to £11.50 a week",
     "Warehousing", "Tomasz Nowak",
     {"metric": "Cost per pallet per week", "unit": "£", "baseline": 14.2, "target": 11.5,
      "current": 13.9, "progress": 11.0, "direction": Direction.DECREASE, "status": "Behind",
      "period": "FY27Q4", "due": dt.date(2028, 3, 31)}),
    ("KR4.1", ElementType.KEY_RESULT, "Track 95% of consignments live", "Customer Service",
     "Grace Liu",
     {"metric": "Consignments with live tracking", "unit": "%", "baseline": 0.0, "target": 95.0,
      "current": 38.0, "progress": 40.0, "direction": Direction.INCREASE, "status": "On track",
      "period": "FY26Q4", "due": dt.date(2027, 3, 31)}),
    ("KR4.2", ElementType.KEY_RESULT, "Cut “where is my delivery?” calls to 2,000 a week",
     "Customer Service", "Grace Liu",
     {"metric": "Where-is-my-delivery calls per week", "unit": "calls", "baseline": 5200.0,
      "target": 2000.0, "current": 3900.0, "progress": 41.0, "direction": Direction.DECREASE,
      "status": "On track", "period": "FY26Q4", "due": dt.date(2027, 3, 31)}),
    ("KR5.1", ElementType.KEY_RESULT, "Show the board 100% of portfolio spend, BAU included",
     "Portfolio Management Office", "Priya Natarajan",
     {"metric": "Portfolio spend visible to the board", "unit": "%", "baseline": 35.0,
      "target": 100.0, "current": 60.0, "progress": 38.0, "direction": Direction.INCREASE,
      "status": "On track", "period": "FY26Q4", "due": dt.date(2027, 3, 31)}),
    # -- deliberately never baselined: nobody counted reviews before the board existed
    ("KR5.2", ElementType.KEY_RESULT,
     "Review every objective at the Transformation Board each quarter", "Transformation Board",
     "Priya Natarajan",
     {"metric": "Objectives reviewed each quarter", "unit": "%", "target": 100.0,
      "current": 50.0, "progress": 50.0, "direction": Direction.INCREASE, "status": "On track",
      "period": "FY26Q4", "due": dt.date(2027, 3, 31)}),
    ("I1", ElementType.INITIATIVE, "Dynamic route planning", "Road Network", "Ellen Marsh",
     {"initiative_kind": InitiativeKind.PROJECT, "portfolio": Portfolio.GROW,
      "budget": 420_000.0, "effort": 900.0, "progress": 30.0, "status": "In progress",
      "starts_on": dt.date(2026, 9, 1), "ends_on": dt.date(2027, 6, 30)}),
    ("I2", ElementType.INITIATIVE, "Depot daily performance huddles", "Operations",
     "Amara Okafor",
     {"initiative_kind": InitiativeKind.BAU, "portfolio": Portfolio.RUN, "budget": 60_000.0,
      "effort": 1_200.0, "status": "Running"}),
    ("I3", ElementType.INITIATIVE, "Urban fleet electrification", "Fleet Electrification Programme",
     "Ellen Marsh",
     {"initiative_kind": InitiativeKind.PROGRAMME, "portfolio": Portfolio.TRANSFORM,
      "budget": 6_800_000.0, "effort": 4_200.0, "progress": 15.0, "status": "In progress",
      "starts_on": dt.date(2026, 4, 1), "ends_on": dt.date(2029, 3, 31)}),
    ("I4", ElementType.INITIATIVE, "Depot charging infrastructure",
     "Fleet Electrification Programme", "Ellen Marsh",
     {"initiative_kind": InitiativeKind.PROJECT, "portfolio": Portfolio.TRANSFORM,
      "budget": 2_100_000.0, "effort": 1_500.0, "progress": 25.0, "status": "In progress",
      "starts_on": dt.date(2026, 6, 1), "ends_on": dt.date(2027, 12, 31)}),
    ("I5", ElementType.INITIATIVE, "Wakefield regional hub", "Warehousing", "Tomasz Nowak",
     {"initiative_kind": InitiativeKind.PROJECT, "portfolio": Portfolio.TRANSFORM,
      "budget": 3_500_000.0, "effort": 2_600.0, "progress": 10.0, "status": "Planning",
      "starts_on": dt.date(2027, 1, 1), "ends_on": dt.date(2028, 3, 31)}),
    ("I6", ElementType.INITIATIVE, "One warehouse management system", "Warehousing",
     "Tomasz Nowak",
     {"initiative_kind": InitiativeKind.PROJECT, "portfolio": Portfolio.TRANSFORM,
      "budget": 1_200_000.0, "effort": 1_800.0, "progress": 20.0, "status": "In progress",
      "starts_on": dt.date(2026, 7, 1), "ends_on": dt.date(2027, 9, 30)}),
    ("I7", ElementType.INITIATIVE, "Customer tracking portal and API", "Customer Service",
     "Grace Liu",
     {"initiative_kind": InitiativeKind.PROJECT, "portfolio": Portfolio.GROW,
      "budget": 650_000.0, "effort": 1_000.0, "progress": 45.0, "status": "In progress",
      "starts_on": dt.date(2026, 5, 1), "ends_on": dt.date(2027, 3, 31)}),
    ("I8", ElementType.INITIATIVE, "Vehicle telematics data platform", "Road Network",
     "Ellen Marsh",
     {"initiative_kind": InitiativeKind.PROJECT, "portfolio": Portfolio.TRANSFORM,
      "budget": 900_000.0, "effort": 1_100.0, "progress": 55.0, "status": "In progress",
      "starts_on": dt.date(2026, 3, 1), "ends_on": dt.date(2027, 1, 31),
      "dimension": "Information and data capability"}),
    ("I9", ElementType.INITIATIVE, "Customer service operations", "Customer Service",
     "Grace Liu",
     {"initiative_kind": InitiativeKind.BAU, "portfolio": Portfolio.RUN,
      "budget": 1_900_000.0, "effort": 9_000.0, "status": "Running"}),
    ("I10", ElementType.INITIATIVE, "Integrated portfolio reporting",
     "Portfolio Management Office", "Priya Natarajan",
     {"initiative_kind": InitiativeKind.BAU, "portfolio": Portfolio.RUN, "budget": 350_000.0,
      "effort": 700.0, "status": "Running", "dimension": "Business support"}),
    ("I11", ElementType.INITIATIVE, "Northgate driver academy", "People and Culture",
     "Hannah Brooks",
     {"initiative_kind": InitiativeKind.PROGRAMME, "portfolio": Portfolio.GROW,
      "budget": 750_000.0, "effort": 2_000.0, "status": "Proposed",
      "starts_on": dt.date(2027, 4, 1), "ends_on": dt.date(2028, 3, 31)}),
    # -- deliberately aligned to nothing: a project looking for an objective to serve
    ("I12", ElementType.INITIATIVE, "Head office refurbishment", "Operations", "Amara Okafor",
     {"initiative_kind": InitiativeKind.PROJECT, "portfolio": Portfolio.RUN,
      "budget": 800_000.0, "effort": 600.0, "status": "Approved",
      "starts_on": dt.date(2027, 2, 1), "ends_on": dt.date(2027, 8, 31)}),
    # -- enablers for two of the largest capability gaps the room scored, costed by the PMO
    ("I13", ElementType.INITIATIVE, "One corporate RAID log for every board",
     "Portfolio Management Office", "Priya Natarajan",
     {"initiative_kind": InitiativeKind.PROJECT, "portfolio": Portfolio.TRANSFORM,
      "budget": 120_000.0, "effort": 300.0, "status": "Proposed",
      "description": "Enabler for Corporate RAID log: closes a gap of 3 levels.",
      "dimension": "Corporate RAID log"}),
    ("I14", ElementType.INITIATIVE, "One OKR register from board to depot",
     "Portfolio Management Office", "Priya Natarajan",
     {"initiative_kind": InitiativeKind.PROJECT, "portfolio": Portfolio.TRANSFORM,
      "budget": 90_000.0, "effort": 250.0, "status": "Proposed",
      "description": "Enabler for OKR platform: closes a gap of 3 levels.",
      "dimension": "OKR platform"}),
    # -- what the business gains in Run once the changes land, owned by those who run it
    ("B1", ElementType.BENEFIT, "Fewer re-delivery runs each week", "Operations",
     "Amara Okafor",
     {"metric": "Re-delivery runs per week", "unit": "runs", "baseline": 1450.0,
      "target": 700.0, "current": 1340.0, "progress": 15.0, "direction": Direction.DECREASE,
      "status": "On track", "period": "FY27Q4", "due": dt.date(2027, 12, 31),
      "description": "Realised once route planning is live in every depot."}),
    ("B2", ElementType.BENEFIT, "Lower energy cost per urban delivery",
     "Fleet Electrification Programme", "Ellen Marsh",
     {"metric": "Fuel and energy cost per urban drop", "unit": "£", "baseline": 1.84,
      "target": 1.35, "current": 1.74, "progress": 20.0, "direction": Direction.DECREASE,
      "status": "On track", "period": "FY27Q4", "due": dt.date(2028, 6, 30),
      "description": "Realised as electric vans replace diesel on urban routes."}),
]  # fmt: skip

# child, parents (each "ref" or "ref=weight")
ALIGNMENTS = [
    ("V1", "P1", "P2"),
    ("D1", "V1"), ("D2", "V1"), ("D3", "V1"), ("D4", "V1"), ("D5", "V1"),
    ("O1", "P1", "D2", "D4"),
    ("O2", "P2", "D3"),
    ("O3", "P1", "D4"),
    ("O4", "P1", "D1"),
    ("O5", "P1", "P2", "D4"),
    ("O6", "P1", "D5"),
    ("KR1.1", "O1=60"), ("KR1.2", "O1=40"),
    ("KR2.1", "O2=60"), ("KR2.2", "O2=40"),
    ("KR3.1", "O3=50"), ("KR3.2", "O3=50"),
    ("KR4.1", "O4=70"), ("KR4.2", "O4=30"),
    ("KR5.1", "O5"), ("KR5.2", "O5"),
    ("I1", "KR1.1", "KR1.2"),
    ("I2", "KR1.1"),
    ("I3", "KR2.1"),
    ("I4", "KR2.2"),
    ("I5", "KR3.1", "KR3.2"),
    ("I6", "KR3.2"),
    ("I7", "KR4.1", "KR4.2"),
    ("I8", "KR4.1", "KR2.1"),
    ("I9", "KR4.2"),
    ("I10", "KR5.1", "KR5.2"),
    ("I11", "O6"),
    ("I13", "KR5.2"),
    ("I14", "KR5.1", "KR5.2"),
    # -- an initiative realises a benefit; the benefit serves an objective
    ("B1", "I1", "O1"),
    ("B2", "I3", "O2"),
]  # fmt: skip

# dependent, prerequisite, kind, note
DEPENDENCIES = [
    ("I3", "I4", "finish-to-start", "Vans cannot go into service before depots can charge them."),
    ("I7", "I8", "finish-to-start", "The portal shows positions the telematics platform collects."),
    ("I5", "I6", "start-to-start", "The hub opens on the new warehouse system, not the old three."),
    ("I1", "I8", "finish-to-start", "Dynamic routing needs live vehicle data."),
]  # fmt: skip

# dependent node, prerequisite node, kind, note
NODE_DEPENDENCIES = [
    ("Portfolio Management Office", "Finance", "needs-information",
     "The monthly portfolio report waits for budgets and actuals from the ledger close."),
    ("Fleet Electrification Programme", "Transformation Board", "needs-decision",
     "Each van order over £1m waits for the board's approval."),
]  # fmt: skip

# consumer, provider (None: nobody yet), information, cadence
FLOWS = [
    ("Transformation Board", "Portfolio Management Office",
     "Portfolio status with RAID highlights", Cadence.MONTHLY),
    ("Transformation Board", "Portfolio Management Office",
     "Objective and key result scorecard", Cadence.QUARTERLY),
    ("Portfolio Management Office", "Finance", "Budgets and actuals for every initiative",
     Cadence.MONTHLY),
    ("Finance", "Portfolio Management Office", "Business-as-usual cost by workstream",
     Cadence.MONTHLY),
    ("Operations", "Road Network", "On-time delivery by depot", Cadence.DAILY),
    ("Customer Service", "Road Network", "Live vehicle positions and arrival estimates",
     Cadence.DAILY),
    ("Fleet Electrification Programme", "Warehousing", "Electrical capacity at each depot",
     Cadence.MONTHLY),
    # -- deliberately unprovided: nobody forecasts driver vacancies yet
    ("People and Culture", None, "Driver vacancy and agency-hours forecast", Cadence.MONTHLY),
]  # fmt: skip


# -- the monthly readings each key result and benefit was checked in with before the
#    session; the last is what it shows now
CHECK_IN_DAYS = (dt.date(2026, 10, 5), dt.date(2026, 11, 2), dt.date(2026, 11, 30))
CHECK_INS: dict[str, tuple[float, float, float]] = {
    "KR1.1": (88.2, 89.3, 90.5), "KR1.2": (39.5, 37.0, 35.0), "KR2.1": (6.0, 9.0, 12.0),
    "KR2.2": (14.0, 22.0, 30.0), "KR3.1": (5.0, 5.0, 5.0), "KR3.2": (14.1, 14.0, 13.9),
    "KR4.1": (2.0, 20.0, 38.0), "KR4.2": (4900.0, 4400.0, 3900.0), "KR5.1": (38.0, 49.0, 60.0),
    "KR5.2": (20.0, 35.0, 50.0), "B1": (1445.0, 1395.0, 1340.0), "B2": (1.82, 1.78, 1.74),
}  # fmt: skip


def _check_ins(elements: dict[str, int]) -> list[dict[str, Any]]:
    """Return the sample's check-ins, the last of each agreeing with what its element shows."""
    shown = {ref: extra for ref, _, _, _, _, extra in ELEMENTS}
    rows = []
    for ref, values in CHECK_INS.items():
        for number, (day, value) in enumerate(zip(CHECK_IN_DAYS, values, strict=True)):
            last = number == len(values) - 1
            rows.append({
                "element_id": elements[ref], "checked_on": day, "value": value,
                "progress": shown[ref].get("progress") if last else None,
                "status": shown[ref].get("status", "") if last else "On track",
                "confidence": None, "note": "", "made_by": "",
            })  # fmt: skip
    return rows


def populate_cascade(conn: Connection) -> None:
    """Add the sample cascade, accountability nodes, their dependencies and information flows
    to the workshop."""
    people = dict(conn.execute(select(Person.name, Person.id)).all())
    dimensions = dict(conn.execute(select(Dimension.name, Dimension.id)).all())
    periods = {}
    for position, (name, starts, ends) in enumerate(PERIODS):
        periods[name] = conn.execute(
            insert(Period).values(position=position, name=name, starts_on=starts, ends_on=ends)
        ).inserted_primary_key[0]  # type: ignore[index]
    nodes: dict[str, int] = {}
    for position, (name, node_kind, parent, person, cadence, challenges) in enumerate(NODES):
        nodes[name] = conn.execute(
            insert(AccountabilityNode).values(
                position=position, name=name, kind=node_kind,
                parent_id=nodes[parent] if parent else None,
                accountable_id=people.get(person), cadence=cadence, challenges=challenges,
            )
        ).inserted_primary_key[0]  # type: ignore[index]  # fmt: skip
    elements: dict[str, int] = {}
    table = table_of("element")
    for position, (ref, kind, title, node, owner, extra) in enumerate(ELEMENTS):
        values = dict(extra)
        period = values.pop("period", None)
        dimension = values.pop("dimension", None)
        elements[ref] = conn.execute(
            table.insert().values(
                type=kind, ref=ref, position=position, title=title,
                node_id=nodes[node] if node else None, owner_id=people.get(owner or ""),
                period_id=periods[period] if period else None,
                closes_dimension_id=dimensions.get(dimension or ""), **values,
            )
        ).inserted_primary_key[0]  # type: ignore[index]  # fmt: skip
    links = []
    # -- a link's position orders the child among its parent's children
    siblings: dict[str, int] = {}
    for child, *parents in ALIGNMENTS:
        for parent in parents:
            ref, _, weight = parent.partition("=")
            siblings[ref] = siblings.get(ref, -1) + 1
            links.append({"parent_id": elements[ref], "child_id": elements[child],
                          "weight": float(weight) if weight else None,
                          "position": siblings[ref]})
    conn.execute(insert(Alignment), links)
    conn.execute(insert(CheckIn), _check_ins(elements))
    conn.execute(
        insert(Dependency),
        [{"dependent_id": elements[dependent], "prerequisite_id": elements[prerequisite],
          "kind": kind, "note": note}
         for dependent, prerequisite, kind, note in DEPENDENCIES],
    )  # fmt: skip
    conn.execute(
        insert(NodeDependency),
        [{"dependent_id": nodes[dependent], "prerequisite_id": nodes[prerequisite],
          "kind": kind, "note": note}
         for dependent, prerequisite, kind, note in NODE_DEPENDENCIES],
    )  # fmt: skip
    conn.execute(
        insert(InformationFlow),
        [{"consumer_id": nodes[consumer], "provider_id": nodes[provider] if provider else None,
          "position": position, "information": information, "cadence": cadence}
         for position, (consumer, provider, information, cadence) in enumerate(FLOWS)],
    )  # fmt: skip
