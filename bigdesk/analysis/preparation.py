"""Rules about the session's preparation: people and agenda."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import Connection, func, select

from bigdesk.analysis.findings import Finding, Severity, rule
from bigdesk.model import AgendaItem, Person, PersonKind


@rule
def people_findings(conn: Connection) -> Iterator[Finding]:
    """Flag a session with no participants and people without a name."""
    participants = conn.execute(
        select(func.count()).select_from(Person).where(Person.kind == PersonKind.PARTICIPANT)
    ).scalar_one()
    if participants == 0:
        yield Finding("no-participants", Severity.INFO, "No participants are listed yet.")
    for (person_id,) in conn.execute(select(Person.id).where(func.trim(Person.name) == "")):
        yield Finding(
            "unnamed-person", Severity.WARNING, "A person has no name.", f"person:{person_id}"
        )


@rule
def agenda_findings(conn: Connection) -> Iterator[Finding]:
    """Flag an empty agenda and agenda items without a title."""
    rows = conn.execute(select(AgendaItem.id, AgendaItem.title)).all()
    if not rows:
        yield Finding("no-agenda", Severity.INFO, "The agenda has no items yet.")
    for item_id, title in rows:
        if not title.strip():
            yield Finding(
                "untitled-agenda-item",
                Severity.WARNING,
                "An agenda item has no title.",
                f"agenda_item:{item_id}",
            )
