"""The sample workshop's session: questions, key points, the parking lot, RAID and the pitch."""

from __future__ import annotations

import datetime as dt
import hashlib

from sqlalchemy import Connection, insert, select, update

from bigdesk.analysis.room import concerns_draft
from bigdesk.model import (
    AgendaItem,
    Cadence,
    Document,
    DocumentContent,
    GovernanceBody,
    KeyPoint,
    Mandate,
    Person,
    Poll,
    PollAnswer,
    PollOption,
    RaidItem,
    RaidKind,
    RaidLink,
    RaidStatus,
    ServiceScope,
    SponsorPitch,
    SupportService,
    TableGroup,
    TableGroupMember,
)

# agenda block title, the step it opens, the question shown to the room
BLOCKS = [
    ("Why now: concerns and business drivers", "room",
     "Which concern about delivering the strategy keeps you up at night?"),
    ("Current-state capability assessment", "assess",
     "Where do we stand on each capability today, and where must we be in two years?"),
    ("Purpose, vision and objectives", "map",
     "Why does Northgate exist, and what must be true by the end of 2028?"),
    ("Accountability nodes", "accountability",
     "Who answers for each objective, and what do they need to know, how often?"),
    ("What comes first", "prioritise", "Which enablers does everything else wait for?"),
    ("The ask and next steps", "room",
     "Who sponsors this, what does it need, and what happens next week?"),
]  # fmt: skip

# name, question, members (by name), key points
GROUPS = [
    ("Operations table",
     "Do our depot projects start from objectives someone answers for, or do they look for "
     "an objective afterwards?",
     ("Amara Okafor", "Ellen Marsh", "Tomasz Nowak"),
     ("Depot improvement projects are approved locally with no link to the on-time objective.",
      "Electrification and route planning both claim the same engineers; nobody arbitrates.",
      "Warehouse capacity is invisible to the people planning customer promises.")),
    ("Finance and customer table",
     "Is our governance one framework that shares risks and objectives, or a set of "
     "separate reports?",
     ("Daniel Reyes", "Grace Liu", "Priya Natarajan"),
     ()),
]  # fmt: skip

PARKING_LOT = [
    "Revisit the depot managers' bonus scheme once accountability nodes are agreed.",
]

# kind, title, owner (by name), days after the session, status
RAID = [
    (RaidKind.ACTION, "Draft the PMO mandate for the executive board", "Priya Natarajan", 14,
     RaidStatus.OPEN),
    (RaidKind.ACTION, "Agree the business case's scope and team with the sponsor", "Amara Okafor",
     7, RaidStatus.OPEN),
    (RaidKind.ACTION, "Map the depots' reporting rhythm onto the Transformation Board's",
     "Priya Natarajan", 28, RaidStatus.OPEN),
    (RaidKind.DECISION, "Business-as-usual spend joins the portfolio view", "Daniel Reyes", 0,
     RaidStatus.CLOSED),
    (RaidKind.RISK, "Union consultation delays depot changes past March", "Amara Okafor", 60,
     RaidStatus.OPEN),
    (RaidKind.ISSUE, "Three warehouse systems give three capacity figures", "Tomasz Nowak", 30,
     RaidStatus.IN_PROGRESS),
]  # fmt: skip

# -- a quick "a or b" question for the tables, and how the phones answered it
POLL = ("Which enabler should come first?",
        ("A: one corporate RAID log", "B: the OKR platform"),
        {"Amara Okafor": 0, "Ellen Marsh": 0, "Tomasz Nowak": 1, "Grace Liu": 0})

SESSION_DAY = dt.date(2026, 12, 3)
DOCUMENTS = [
    ("Board pack, November", "https://intranet.northgate.example/board/2026-11", b"",
     "The board's view of the depot programme", False, False),
    ("depot-capacity-figures.csv", "",
     b"System,Depot,Pallet places\nWMS,Leeds,4200\nPlanning,Leeds,3900\nFinance,Leeds,4450\n",
     "The three capacity figures side by side", False, True),
    ("facilitator-briefing.txt", "",
     b"Margaret wants the business case before the January board.\n",
     "The sponsor's expectations, for the facilitator only", True, False),
]  # fmt: skip
# -- the risk and the issue on the 5 x 5 grid, with what is being done about them
RAID_EXPOSURE: dict[str, dict[str, object]] = {
    "Union consultation delays depot changes past March": dict(
        probability=4, impact=4, review_date=SESSION_DAY + dt.timedelta(days=14),
        response="Brief the unions with HR before the depot plan is published."),
    "Three warehouse systems give three capacity figures": dict(
        probability=5, impact=3, review_date=SESSION_DAY + dt.timedelta(days=7),
        response="One capacity figure from the planning system until the data model is "
                 "agreed."),
}

PITCH = dict(
    situation="Northgate's strategy is clear at the top, but depots, projects and budgets are "
              "not steered by it.",
    vision="One view from purpose to depot: every project and business-as-usual workstream "
           "traced to an objective someone answers for, reviewed on one rhythm.",
    sponsor="Margaret Hale",
    funding="£45k and eight weeks of a PMO analyst and a finance partner to build the business "
            "case for Business Support",
    business_case_due=SESSION_DAY + dt.timedelta(weeks=8),
)
MANDATE = dict(
    statement="Business Support connects Northgate's strategy to delivery: it runs the cascade, "
              "the metrics, prioritisation and governance for the whole business, not just "
              "projects.",
    reports_to="Chief Operating Officer",
)
# service, scope, note
SERVICES = [
    ("Align purpose and vision with strategy", ServiceScope.NOW,
     "Yearly review of purposes and drivers with the executive board"),
    ("Cascade objectives and key results through one information model", ServiceScope.NOW,
     "One OKR register from board to depot"),
    ("Operate the metrics that measure key results", ServiceScope.LATER,
     "Once the warehouse systems give one capacity figure"),
    ("Support prioritisation at all levels", ServiceScope.NOW,
     "The same criteria for projects and business-as-usual requests"),
    ("Support governance at all levels", ServiceScope.NOW,
     "One RAID log and one calendar for the boards"),
    ("Support resource management", ServiceScope.LATER,
     "Engineers shared by electrification and route planning first"),
    ("Manage integration and dependencies", ServiceScope.LATER, ""),
    ("Be the hub for the support offices", ServiceScope.LATER,
     "Finance, HR and IT business partners join in year two"),
]  # fmt: skip
# governance body, cadence, what it decides
GOVERNANCE = [
    ("Executive Board", Cadence.QUARTERLY,
     "Purposes, drivers and objectives; the Run and Change budget"),
    ("Transformation Board", Cadence.MONTHLY,
     "Key results, priorities and the portfolio; escalated risks"),
    ("Operations Review", Cadence.WEEKLY, "Depot and network performance; actions and issues"),
    ("Depot huddles", Cadence.DAILY, "Today's deliveries, people and vehicles"),
]  # fmt: skip


def populate_room(conn: Connection) -> None:
    """Add the session's questions and what the room captured to the sample workshop."""
    for title, step, question in BLOCKS:
        conn.execute(
            update(AgendaItem).where(AgendaItem.title == title).values(step=step, question=question)
        )
    people = {name: person_id for name, person_id in conn.execute(select(Person.name, Person.id))}
    captured = dt.datetime.combine(SESSION_DAY, dt.time(14, 10))
    for position, (name, question, members, points) in enumerate(GROUPS):
        group_id = conn.execute(
            insert(TableGroup).values(position=position, name=name, question=question)
        ).inserted_primary_key[0]  # type: ignore[index]
        conn.execute(
            insert(TableGroupMember),
            [dict(table_group_id=group_id, person_id=people[m]) for m in members],
        )
        if points:
            conn.execute(
                insert(KeyPoint),
                [dict(position=i, table_group_id=group_id, text=text, created_at=captured)
                 for i, text in enumerate(points)],
            )  # fmt: skip
    conn.execute(
        insert(KeyPoint),
        [dict(position=i, table_group_id=None, text=text, created_at=captured)
         for i, text in enumerate(PARKING_LOT)],
    )  # fmt: skip
    conn.execute(
        insert(RaidItem),
        [dict(position=i, kind=kind, title=title, owner_id=people[owner],
              due_date=SESSION_DAY + dt.timedelta(days=days), status=status,
              created_at=captured,
              # -- every row names the same columns: an insert of many rows takes the first's
              **{"probability": None, "impact": None, "response": "", "review_date": None,
                 **RAID_EXPOSURE.get(title, {})})
         for i, (kind, title, owner, days, status) in enumerate(RAID)],
    )  # fmt: skip
    question, options, answers = POLL
    poll_id = conn.execute(
        insert(Poll).values(position=0, question=question, created_at=captured)
    ).inserted_primary_key[0]  # type: ignore[index]
    option_ids = [conn.execute(insert(PollOption).values(poll_id=poll_id, position=i, text=text))
                  .inserted_primary_key[0]  # type: ignore[index]
                  for i, text in enumerate(options)]  # fmt: skip
    conn.execute(
        insert(PollAnswer),
        [dict(poll_id=poll_id, person_id=people[name], option_id=option_ids[choice])
         for name, choice in answers.items()],
    )  # fmt: skip
    conn.execute(insert(SponsorPitch).values(id=1, executive_concerns=concerns_draft(conn),
                                             **PITCH))
    conn.execute(insert(Mandate).values(id=1, **MANDATE))
    conn.execute(
        insert(SupportService),
        [dict(position=i, name=name, scope=scope, note=note)
         for i, (name, scope, note) in enumerate(SERVICES)],
    )  # fmt: skip
    conn.execute(
        insert(GovernanceBody),
        [dict(position=i, name=name, cadence=cadence, remit=remit)
         for i, (name, cadence, remit) in enumerate(GOVERNANCE)],
    )  # fmt: skip
    # -- the union risk is escalated to the board that owns the portfolio
    risk = conn.execute(select(RaidItem.id).where(RaidItem.kind == RaidKind.RISK)).scalar_one()
    board = conn.execute(select(GovernanceBody.id).where(
        GovernanceBody.name == "Transformation Board")).scalar_one()
    conn.execute(insert(RaidLink).values(raid_item_id=risk, body_id=board))
    # -- evidence: the board pack by link, the capacity figures behind the issue, and the
    #    facilitator's own briefing, private
    issue = conn.execute(select(RaidItem.id).where(RaidItem.kind == RaidKind.ISSUE)).scalar_one()
    added = dt.datetime.combine(SESSION_DAY, dt.time(9, 0))
    for position, (name, url, data, about, private, raid_item) in enumerate(DOCUMENTS):
        document = conn.execute(insert(Document).values(
            position=position, name=name, url=url, sha256=hashlib.sha256(data).hexdigest()
            if not url else "", size=len(data), about=about, private=private, added_at=added,
            raid_item_id=issue if raid_item else None)).inserted_primary_key[0]  # type: ignore[index]
        if not url:
            conn.execute(insert(DocumentContent).values(document_id=document, data=data))
