"""The appendix: the registers behind the deck, each only when no body slide shows it whole."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import islice

from bigdesk.analysis.prioritisation import money
from bigdesk.analysis.room import key_points, raid_items, table_groups, visible_to_room
from bigdesk.exchange.deck import safe
from bigdesk.exchange.deck.context import CADENCE_NAMES, Context, Missing, day
from bigdesk.exchange.deck.plan import TABLE_SIZE, Slide, page_caption, table_pages, with_note
from bigdesk.exchange.deck.priorities import decision_text
from bigdesk.exchange.register import COLUMNS as REGISTER_COLUMNS
from bigdesk.exchange.register import register_rows
from bigdesk.exchange.room_export import (
    RAID_KINDS,
    RAID_STATUSES,
    agenda_sheet,
    documents_sheet,
    stakeholders_sheet,
)
from bigdesk.model import ElementType

# -- registers longer than this are cut in the appendix, which points to the spreadsheet
#    exports for the rest: a few dozen rows, a few slides, is as much as anyone reads
APPENDIX_ROWS, APPENDIX_PAGES = 60, 4


def _register(ctx: Context, title: str, headers: Sequence[str], rows: Iterable[list[str]],
              total: int | None = None) -> list[Slide]:
    """Return a register's first rows as appendix slides, its empty columns left out; ``total``
    is how many rows it has in all, when ``rows`` holds only the first of them."""
    # -- a row with nothing in it (an unnamed node, nothing else known) says nothing, and a
    #    table of such rows alone would have no column at all
    shown = [row for row in islice(rows, APPENDIX_ROWS) if any(safe.line(c) for c in row)]
    if not shown:
        return []
    keep = [n for n in range(len(headers)) if any(safe.line(row[n]) for row in shown)]
    tables = table_pages([headers[n] for n in keep], [[row[n] for n in keep] for row in shown],
                         ctx.geometry, sizes=(TABLE_SIZE,))[:APPENDIX_PAGES]
    left_out = (len(shown) if total is None else total) - sum(len(t.rows) for t in tables)
    note = f"+{left_out:,} more, see the spreadsheet exports" if left_out else ""
    return [Slide("appendix", title, "Title Only", [table],
                  caption=with_note(ctx.geometry, page_caption("Appendix", n + 1, len(tables)),
                                    note if n == len(tables) - 1 else ""))
            for n, table in enumerate(tables)]


def _text(value: object) -> str:
    if isinstance(value, float):
        return safe.number_text(value)
    return safe.line(value)


def appendix_slides(ctx: Context, shown: set[str]) -> list[Slide]:
    """The full registers: those the deck's body slides (``shown``) did not show whole."""
    conn = ctx.conn
    slides: list[Slide] = []
    at = {column: index for index, column in enumerate(REGISTER_COLUMNS)}
    register = ([_text(r[at["id"]]), str(r[at["type"]]).replace("_", " "), _text(r[at["title"]]),
                 str(r[at["parents"]] or "").replace(";", ", "), _text(r[at["node"]]),
                 _text(r[at["owner"]]), _text(r[at["status"]]), _text(r[at["progress"]])]
                for r in register_rows(conn, ctx.anonymous))
    slides += _register(ctx, "Cascade register", ["Ref", "Type", "Title", "Serves", "Node",
                                                  "Owner", "Status", "Progress %"], register,
                        len(ctx.cascade.elements))
    rows = ctx.assessment
    if any(r.current_level is not None or r.target_level is not None for r in rows):
        slides += _register(ctx, "Capability assessment",
                            ["Group", "Capability", "Now", "Target", "Gap", "Confidence",
                             "Evidence"],
                            [[safe.line(r.dimension.group), safe.line(r.dimension.name),
                              safe.number_text(r.current_level), safe.number_text(r.target_level),
                              safe.number_text(r.gap),
                              r.agreed.confidence.value.title() if r.agreed
                              and r.agreed.confidence else "",
                              safe.line(r.agreed.evidence) if r.agreed else ""] for r in rows])
    ranking = ctx.decision.ranking
    if ranking is not None and ranking.initiatives and "ranking" not in shown:
        slides += _register(ctx, "Prioritised initiatives",
                            ["Rank", "Initiative", "Value", "Cost", "Effort (days)", "Decision"],
                            ([str(n + 1), safe.line(i.label),
                              safe.number_text(float(ranking.values[index])),
                              money(i.budget) if i.budget is not None else "",
                              safe.number_text(i.effort, 0), decision_text(ctx, i.id)]
                             for n, index in enumerate(ranking.order)
                             for i in [ranking.initiatives[index]]), len(ranking.order))
    raid = raid_items(conn)
    if any(f"raid:{i.id}" not in shown for i in raid):
        slides += _register(ctx, "RAID log", ["Kind", "What", "Owner", "Due", "Status"],
                            [[RAID_KINDS[i.kind], safe.line(i.title), ctx.person(i.owner_id),
                              day(i.due_date), RAID_STATUSES[i.status]] for i in raid])
    library = [list(row) for row in documents_sheet(conn, ctx.anonymous).rows]
    if library:
        # -- names and what they support, never their contents
        slides += _register(ctx, "Documents", ["Document", "Supports", "What it shows"],
                            [[safe.line(str(r[0])), safe.line(str(r[2])), safe.line(str(r[3]))]
                             for r in library])
    people = stakeholders_sheet(conn, ctx.anonymous)
    slides += _register(ctx, "Participants and stakeholders",
                        ["Name", "Taking part as", "Role", "Influence", "Interest", "Concerns"],
                        [[_text(row[c]) for c in (0, 1, 2, 4, 5, 6)] for row in people.rows])
    cascade = ctx.cascade
    names = {i: safe.line(node.name) for i, node in cascade.nodes.items()}
    if "nodes" not in shown:
        owns: dict[int, list[str]] = {}
        for element in cascade.elements.values():
            if element.node_id is not None and element.type in (ElementType.OBJECTIVE,
                                                                ElementType.KEY_RESULT):
                owns.setdefault(element.node_id, []).append(element.ref or element.title)
        slides += _register(ctx, "Accountability nodes",
                            ["Node", "Part of", "Accountable", "Cadence", "Owns"],
                            [[names[n.id], names.get(n.parent_id, "") if n.parent_id else "",
                              ctx.person(n.accountable_id),
                              CADENCE_NAMES.get(n.cadence, "") if n.cadence else "",
                              ", ".join(owns.get(n.id, []))] for n in cascade.nodes.values()])
    if "flows" not in shown:
        slides += _register(ctx, "Information flows",
                            ["Who needs it", "Information", "Who provides it", "How often"],
                            [[names.get(f.consumer_id, ""), safe.line(f.information),
                              names.get(f.provider_id, "") if f.provider_id is not None
                              else "Nobody yet",
                              CADENCE_NAMES.get(f.cadence, "") if f.cadence else ""]
                             for f in cascade.flows])
    if "points" not in shown:
        points = [[safe.line(group.name), safe.line(p.text)] for group in table_groups(conn)
                  for p in key_points(conn, group.id) if visible_to_room(p) and p.text.strip()]
        points += [["Parking lot", safe.line(p.text)] for p in key_points(conn, None)
                   if visible_to_room(p) and p.text.strip()]
        slides += _register(ctx, "What the tables said", ["Table", "Key point"], points)
    agenda = agenda_sheet(conn)
    slides += _register(ctx, "The session", ["Block", "Planned minutes", "Planned start",
                                             "Actual minutes"],
                        [[_text(row[c]) for c in (0, 3, 4, 5)] for row in agenda.rows])
    if not slides:
        raise Missing("There are no registers to show yet.")
    divider = Slide("appendix", "Appendix", "Section Header",
                    subtitle="The registers behind this deck")
    return [divider, *slides]
