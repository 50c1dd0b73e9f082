"""The RAID log's exposure, what each item concerns, and the findings about it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from sqlalchemy import Connection, select

from bigdesk.analysis.findings import Finding, Severity, rule
from bigdesk.model import (
    AccountabilityNode,
    Element,
    GovernanceBody,
    RaidItem,
    RaidKind,
    RaidLink,
    RaidStatus,
    Workshop,
)
from bigdesk.store import fetch

# -- the red cells of the 5 x 5 grid: almost certain and moderate, likely and major, …
HIGH_EXPOSURE = 15
CODES = ("risk-unmitigated", "risk-unowned", "action-overdue")


def concerns(conn: Connection) -> dict[int, list[str]]:
    """Return, for each RAID item, what it concerns as people read it ("KR1.1 On time")."""
    # -- only what is linked is read: the cascade may hold thousands of elements
    linked = select(RaidLink.element_id)
    elements = {i: " ".join(filter(None, (ref, title))) for i, ref, title in conn.execute(
        select(Element.id, Element.ref, Element.title).where(Element.id.in_(linked)))}
    nodes = dict(conn.execute(select(AccountabilityNode.id, AccountabilityNode.name)
                              .where(AccountabilityNode.id.in_(select(RaidLink.node_id)))).all())
    bodies = dict(conn.execute(select(GovernanceBody.id, GovernanceBody.name)).all())
    found: defaultdict[int, list[str]] = defaultdict(list)
    for link in fetch(conn, select(RaidLink).order_by(RaidLink.id)):
        if link.element_id is not None:
            found[link.raid_item_id].append(elements.get(link.element_id, ""))
        elif link.node_id is not None:
            found[link.raid_item_id].append(nodes.get(link.node_id, ""))
        elif link.body_id is not None:
            found[link.raid_item_id].append(bodies.get(link.body_id, ""))
    return dict(found)


@rule
def raid_findings(conn: Connection) -> Iterator[Finding]:
    """Flag high-exposure risks with no mitigation or owner, and actions past their due date."""
    today = conn.execute(select(Workshop.session_date)).scalar()
    for item in fetch(conn, select(RaidItem).where(RaidItem.status != RaidStatus.CLOSED)
                      .order_by(RaidItem.position, RaidItem.id)):  # fmt: skip
        where = f"raid_item:{item.id}"
        title = f"“{item.title.strip()}”" if item.title.strip() else "A RAID item"
        exposure = item.exposure
        if item.kind is RaidKind.RISK and exposure is not None and exposure >= HIGH_EXPOSURE:
            if not item.response.strip():
                yield Finding("risk-unmitigated", Severity.WARNING,
                              f"The risk {title} scores {exposure} of 25 and has no "
                              "mitigation: say what is being done about it.", where)
            if item.owner_id is None:
                yield Finding("risk-unowned", Severity.WARNING,
                              f"The risk {title} scores {exposure} of 25 and has no owner: "
                              "name who manages it.", where)
        if (item.kind is RaidKind.ACTION and today is not None and item.due_date is not None
                and item.due_date < today):
            yield Finding("action-overdue", Severity.WARNING,
                          f"The action {title} was due on {item.due_date:%d %b %Y} and is "
                          "still open: close it or agree a new date.", where)
