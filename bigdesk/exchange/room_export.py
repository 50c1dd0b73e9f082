"""The session's outcomes as spreadsheets: agenda with actual times, key points, RAID, people,
the sponsor pitch and mandate, Business Support's services and the governance model."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from sqlalchemy import Connection, select

from bigdesk.analysis.mandate import governance_bodies, mandate, support_services
from bigdesk.analysis.people import anonymous_mode, name_masker, person_labels
from bigdesk.analysis.room import (
    group_members,
    key_points,
    raid_items,
    sponsor_pitch,
    table_groups,
    visible_to_room,
)
from bigdesk.analysis.timing import agenda_schedule, session_timing
from bigdesk.domain.fields import MANDATE_FIELDS, PITCH_FIELDS, choice_label
from bigdesk.exchange.tabular import Cell, Sheet, write_csv, write_xlsx
from bigdesk.model import AgendaItem, Person, PersonKind, RaidKind, RaidStatus, Workshop
from bigdesk.store import OpenWorkshop, fetch

RAID_KINDS = {RaidKind.RISK: "Risk", RaidKind.ACTION: "Action", RaidKind.ISSUE: "Issue",
              RaidKind.DECISION: "Decision"}  # fmt: skip
RAID_STATUSES = {RaidStatus.OPEN: "Open", RaidStatus.IN_PROGRESS: "In progress",
                 RaidStatus.CLOSED: "Closed"}  # fmt: skip


def _minutes(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 60, 1)


def _time(moment: object) -> str:
    return "" if moment is None else moment.strftime("%H:%M")  # type: ignore[attr-defined]


def agenda_sheet(conn: Connection) -> Sheet:
    """Return the agenda with planned and actual start times and lengths."""
    items = fetch(conn, select(AgendaItem).order_by(AgendaItem.position, AgendaItem.id))
    start = conn.execute(select(Workshop.start_time).where(Workshop.id == 1)).scalar()
    planned = agenda_schedule(items, start)
    actual = session_timing(items, start).blocks
    rows: list[list[Cell]] = []
    for item, (begin, _), timing in zip(items, planned, actual, strict=True):
        rows.append([
            item.title, item.question, item.step, item.duration_minutes,
            _time(begin), _minutes(item.actual_seconds),
            _time(timing.start) if item.actual_seconds is not None else "",
            _minutes(timing.difference_seconds),
        ])  # fmt: skip
    return Sheet(
        "Agenda",
        ["Block", "Question", "Opens step", "Planned minutes", "Planned start",
         "Actual minutes", "Actual start", "Over (+) or under (-) minutes"],
        rows,
    )  # fmt: skip


def key_points_sheet(conn: Connection, anonymous: bool) -> Sheet:
    """Return every table group's key points, then the parking lot."""
    labels = person_labels(conn, anonymous)
    rows: list[list[Cell]] = []
    for group in table_groups(conn):
        members = ", ".join(labels.get(i, "") for i in group_members(conn, group.id))
        for number, point in enumerate(key_points(conn, group.id), start=1):
            rows.append([group.name, group.question, members, number, point.text,
                         "yes" if visible_to_room(point) else "not yet revealed"])
    for number, point in enumerate(key_points(conn, None), start=1):
        rows.append(["Parking lot", "", "", number, point.text,
                     "yes" if visible_to_room(point) else "not yet revealed"])
    return Sheet("Key points", ["Table group", "Question", "Members", "Number", "Key point",
                                "Shown to the room"], rows)


def raid_sheet(conn: Connection, anonymous: bool) -> Sheet:
    """Return the RAID log with owners as the room may name them."""
    from bigdesk.analysis.raid import concerns

    labels = person_labels(conn, anonymous)
    concerned = concerns(conn)
    rows: list[list[Cell]] = [
        [RAID_KINDS[item.kind], item.title, item.description,
         labels.get(item.owner_id, "") if item.owner_id else "",
         item.due_date.isoformat() if item.due_date else "",
         RAID_STATUSES[item.status], item.probability, item.impact, item.exposure,
         item.response, item.review_date.isoformat() if item.review_date else "",
         "; ".join(concerned.get(item.id, []))]
        for item in raid_items(conn)
    ]  # fmt: skip
    return Sheet("RAID log", ["Kind", "Title", "Description", "Owner", "Due", "Status",
                              "Probability", "Impact", "Exposure", "Mitigation or response",
                              "Review", "Concerns"], rows)


def stakeholders_sheet(conn: Connection, anonymous: bool) -> Sheet:
    """Return the people with their role, concerns, influence and interest."""
    labels = person_labels(conn, anonymous)
    people = conn.execute(
        select(Person.__table__).order_by(Person.position, Person.id)
    ).mappings().all()
    rows: list[list[Cell]] = [
        [labels.get(p["id"], ""),
         "Participant" if p["kind"] is PersonKind.PARTICIPANT else "Stakeholder",
         p["role"], p["organisation_unit"], p["influence"], p["interest"], p["concerns"]]
        for p in people
    ]  # fmt: skip
    return Sheet("Stakeholders", ["Name", "Taking part as", "Role", "Organisation unit",
                                  "Influence", "Interest", "Concerns"], rows)


def pitch_sheet(conn: Connection, anonymous: bool) -> Sheet:
    """Return the sponsor pitch and the mandate, one part a row, names masked when anonymous."""
    pitch, agreed = sponsor_pitch(conn), mandate(conn)
    mask = name_masker(conn, person_labels(conn, True)) if anonymous else str
    rows: list[list[Cell]] = []
    for fields, row in ((PITCH_FIELDS, pitch), (MANDATE_FIELDS, agreed)):
        for field in fields:
            value = getattr(row, field.key) if row is not None else None
            text = value.isoformat() if isinstance(value, dt.date) else str(value or "")
            rows.append([field.label, mask(text)])
    return Sheet("Sponsor pitch", ["Part", "Text"], rows)


def services_sheet(conn: Connection) -> Sheet:
    """Return Business Support's services, in scope now or later (the defaults until recorded)."""
    rows: list[list[Cell]] = [[s.name, choice_label(s.scope), s.note]
                              for s in support_services(conn)]
    return Sheet("Business Support", ["Service", "Scope", "Note"], rows)


def governance_sheet(conn: Connection) -> Sheet:
    """Return the bodies of the integrated governance model and how often each meets."""
    rows: list[list[Cell]] = [[b.name, choice_label(b.cadence) if b.cadence else "", b.remit]
                              for b in governance_bodies(conn)]
    return Sheet("Governance model", ["Governance body", "Meets", "What it decides"], rows)


def documents_sheet(conn: Connection, anonymous: bool) -> Sheet:
    """Return the document library without its contents, and never its private documents."""
    from bigdesk.analysis.documents import library, target_of, targets

    labels = dict(targets(conn, anonymous))
    rows: list[list[Cell]] = [
        [d.name, d.url or "file", labels.get(target_of(d), ""), d.about,
         d.size if not d.url else None, d.sha256 or None,
         d.added_at.date().isoformat() if d.added_at else ""]
        for d in library(conn, shareable=True)
    ]  # fmt: skip
    return Sheet("Documents", ["Document", "Link or file", "Supports", "What it shows",
                               "Size (bytes)", "SHA-256", "Added"], rows)


def outcome_sheets(conn: Connection, anonymous: bool | None = None) -> list[Sheet]:
    """Return the session's outcomes as sheets; anonymous mode as the workshop says unless told."""
    if anonymous is None:
        anonymous = anonymous_mode(conn)
    return [
        agenda_sheet(conn),
        key_points_sheet(conn, anonymous),
        raid_sheet(conn, anonymous),
        stakeholders_sheet(conn, anonymous),
        pitch_sheet(conn, anonymous),
        services_sheet(conn),
        governance_sheet(conn),
        documents_sheet(conn, anonymous),
    ]


def write_outcomes_xlsx(conn: Connection, target: Path, anonymous: bool | None = None) -> None:
    """Write the outcomes as one workbook, a sheet each."""
    write_xlsx(target, [_materialise(s) for s in outcome_sheets(conn, anonymous)])


def write_outcomes_csv(conn: Connection, target: Path, anonymous: bool | None = None) -> list[Path]:
    """Write one CSV file per sheet beside ``target`` (``NAME-agenda.csv``, …); return them."""
    written = []
    for sheet in outcome_sheets(conn, anonymous):
        slug = sheet.name.lower().replace(" ", "-")
        path = target.with_name(f"{target.stem}-{slug}.csv")
        write_csv(path, sheet)
        written.append(path)
    return written


def _materialise(sheet: Sheet) -> Sheet:
    return Sheet(sheet.name, list(sheet.headers), [list(row) for row in sheet.rows])


def export_xlsx(store: OpenWorkshop, out: Path, args: argparse.Namespace) -> None:
    """``bigdesk export PATH --xlsx OUT``: write the session's outcomes as one workbook."""
    with store.read() as conn:
        write_outcomes_xlsx(conn, out, True if args.anonymous else None)


def export_csv(store: OpenWorkshop, out: Path, args: argparse.Namespace) -> None:
    """``bigdesk export PATH --csv OUT``: write the outcomes as CSV files beside ``OUT``."""
    with store.read() as conn:
        write_outcomes_csv(conn, out, True if args.anonymous else None)
