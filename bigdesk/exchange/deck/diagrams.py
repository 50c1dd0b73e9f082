"""Lay out the deck's diagrams as boxes and connectors: the cascade, the nodes, the roadmap.

Pure geometry in fractions of the slide's content area; the renderer turns boxes
into shapes and connectors into glued PowerPoint connectors, so moving a box in
PowerPoint drags its lines along.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from bigdesk.analysis.cascade import Cascade, ElementRow
from bigdesk.exchange.deck import safe
from bigdesk.exchange.deck.plan import Box, Connector, Diagram
from bigdesk.model import ElementType

# -- boxes per column on one cascade slide; more objectives continue on the next slide
CASCADE_ROWS = 8
MAX_CASCADE_PAGES = 10
# -- leaf boxes across one slide of the node tree, and levels down
NODE_LEAVES, NODE_LEVELS, MAX_NODE_PAGES = 7, 4, 6
ROADMAP_ROWS, MAX_QUARTERS, MAX_ROADMAP_PAGES = 10, 10, 6
TOP = 0.09
COLUMNS = [("Purpose", 0.0, 0.19), ("Objectives", 0.255, 0.23), ("Key results", 0.515, 0.23),
           ("Initiatives", 0.77, 0.23)]  # fmt: skip


def _label(row: ElementRow) -> str:
    title = safe.line(row.title) or "(untitled)"
    return f"{row.ref} {title}" if row.ref else title


def _number(value: float | None) -> str:
    return safe.number_text(value)


def _key_result_detail(row: ElementRow) -> str:
    if row.target is None:
        return "No target yet"
    start = f"{_number(row.baseline)} → " if row.baseline is not None else ""
    now = f" (now {_number(row.current)})" if row.current is not None else ""
    return f"{start}{_number(row.target)}{now}"


def _stack(desired: list[float], slot: float, top: float = TOP, bottom: float = 1.0) -> list[float]:
    """Return positions as close to ``desired`` as possible, at least ``slot`` apart, in bounds."""
    order = sorted(range(len(desired)), key=lambda i: desired[i])
    placed = [0.0] * len(desired)
    previous = top - slot
    for i in order:
        placed[i] = max(desired[i], previous + slot, top)
        previous = placed[i]
    overflow = (previous + slot) - bottom if desired else 0.0
    if overflow > 0:
        for i in order:
            placed[i] -= overflow
        # -- never above the top: the slot count guarantees everything fits
        shift = top - min(placed)
        if shift > 0:
            placed = [p + shift for p in placed]
    return placed


def cascade_pages(cascade: Cascade, people: Mapping[int, str]
                  ) -> tuple[list[tuple[Diagram, list[str]]], int]:
    """Return the cascade diagram split by objective, and how many objectives did not fit."""
    objectives = [o for o in cascade.of_type(ElementType.OBJECTIVE)]
    if not objectives:
        return [], 0

    def children(element_id: int, kind: ElementType) -> list[int]:
        return [c for c in cascade.down[element_id] if cascade.elements[c].type is kind]

    groups = []
    for objective in objectives:
        krs = children(objective.id, ElementType.KEY_RESULT)
        initiatives = list(dict.fromkeys(
            [i for kr in krs for i in children(kr, ElementType.INITIATIVE)]
            + children(objective.id, ElementType.INITIATIVE)))
        groups.append((objective, krs, initiatives))
    pages: list[list[tuple[ElementRow, list[int], list[int]]]] = [[]]
    for group in groups:
        trial = [*pages[-1], group]
        kr_count = sum(len(g[1]) for g in trial)
        initiative_count = len({i for g in trial for i in g[2]})
        if pages[-1] and max(kr_count, initiative_count, len(trial)) > CASCADE_ROWS:
            pages.append([group])
        else:
            pages[-1].append(group)
    omitted = sum(len(p) for p in pages[MAX_CASCADE_PAGES:])
    return [(_cascade_diagram(cascade, page), [g[0].ref or safe.line(g[0].title)
                                               for g in page])
            for page in pages[:MAX_CASCADE_PAGES]], omitted


def _cascade_diagram(cascade: Cascade, page: Sequence[tuple[ElementRow, list[int], list[int]]]
                     ) -> Diagram:
    keys: list[list[int]] = [[], [], []]  # objectives, key results, initiatives
    more: dict[int, int] = {}
    for objective, krs, initiatives in page:
        keys[0].append(objective.id)
        shown = krs[: CASCADE_ROWS - 1] if len(krs) > CASCADE_ROWS else krs
        keys[1] += shown
        if len(shown) < len(krs):
            more[1] = more.get(1, 0) + len(krs) - len(shown)
        for i in initiatives:
            if i not in keys[2]:
                keys[2].append(i)
    if len(keys[2]) > CASCADE_ROWS:
        more[2] = len(keys[2]) - (CASCADE_ROWS - 1)
        keys[2] = keys[2][: CASCADE_ROWS - 1]
    rows = max(5, *(len(k) + (1 if c in more else 0) for c, k in enumerate(keys)))
    slot = (1.0 - TOP) / rows
    height = slot * 0.84
    y: dict[int, float] = {}
    for column in (1, 2):
        for n, element_id in enumerate(keys[column]):
            y.setdefault(element_id, TOP + n * slot)
    # -- objectives sit level with their key results (or their initiatives)
    desired = []
    for _, krs, initiatives in page:
        below = [y[k] for k in krs if k in y] or [y[i] for i in initiatives if i in y]
        desired.append(sum(below) / len(below) if below else TOP)
    for objective_id, top in zip(keys[0], _stack(desired, slot), strict=True):
        y[objective_id] = top
    purposes = list(dict.fromkeys(
        p for o in keys[0] for p in cascade.up[o]
        if cascade.elements[p].type is ElementType.PURPOSE))
    wanted = [sum(y[o] for o in keys[0] if p in cascade.up[o])
              / sum(1 for o in keys[0] if p in cascade.up[o]) for p in purposes]
    for purpose_id, top in zip(purposes, _stack(wanted, slot), strict=True):
        y[purpose_id] = top
    boxes: list[Box] = []
    styles = {ElementType.PURPOSE: "purpose", ElementType.OBJECTIVE: "objective",
              ElementType.KEY_RESULT: "key_result", ElementType.INITIATIVE: "initiative"}
    columns = {ElementType.PURPOSE: 0, ElementType.OBJECTIVE: 1, ElementType.KEY_RESULT: 2,
               ElementType.INITIATIVE: 3}  # fmt: skip
    for element_id in [*purposes, *keys[0], *keys[1], *keys[2]]:
        row = cascade.elements[element_id]
        _, x, width = COLUMNS[columns[row.type]]
        detail = ""
        if row.type is ElementType.KEY_RESULT:
            detail = _key_result_detail(row)
        elif row.type is ElementType.OBJECTIVE and row.progress is not None:
            detail = f"{row.progress:.0f}% progress"
        boxes.append(Box(f"e{element_id}", _label(row), x, y[element_id], width, height,
                         styles[row.type], detail))
    for column, count in more.items():
        _, x, width = COLUMNS[column + 1]
        boxes.append(Box(f"more{column}", f"+ {count} more in the cascade register", x,
                         TOP + len(keys[column]) * slot, width, height, "more"))
    drawn = {b.key for b in boxes}
    connectors = [Connector(f"e{link.parent_id}", f"e{link.child_id}")
                  for link in cascade.links
                  if f"e{link.parent_id}" in drawn and f"e{link.child_id}" in drawn
                  and cascade.elements[link.parent_id].type is not ElementType.VISION
                  and cascade.elements[link.child_id].type is not ElementType.VISION]
    headings = [(title, x, width) for title, x, width in COLUMNS]
    return Diagram(boxes, connectors, "body", headings)


# ---------------------------------------------------------------- accountability nodes


def node_pages(cascade: Cascade, people: Mapping[int, str]) -> list[Diagram]:
    """Return the tree of accountability nodes, a few top-level nodes per slide."""
    nodes = cascade.nodes
    kids: dict[int | None, list[int]] = {}
    for node in nodes.values():
        parent = node.parent_id if node.parent_id in nodes else None
        kids.setdefault(parent, []).append(node.id)
    owns: dict[int, list[str]] = {}
    for element in cascade.elements.values():
        if element.node_id is not None and element.type in (ElementType.OBJECTIVE,
                                                            ElementType.KEY_RESULT):
            owns.setdefault(element.node_id, []).append(element.ref or safe.line(element.title))

    def leaves(node_id: int, depth: int = 1) -> int:
        below = kids.get(node_id, [])
        if not below or depth >= NODE_LEVELS:
            return 1
        return sum(leaves(k, depth + 1) for k in below)

    pages: list[list[int]] = [[]]
    for root in kids.get(None, []):
        width = min(leaves(root), NODE_LEAVES)
        if pages[-1] and sum(min(leaves(r), NODE_LEAVES) for r in pages[-1]) + width > NODE_LEAVES:
            pages.append([])
        pages[-1].append(root)
    return [_node_diagram(page, kids, nodes, owns, people, leaves)
            for page in pages[:MAX_NODE_PAGES] if page]


def _node_diagram(roots: list[int], kids: Mapping[int | None, list[int]], nodes: Mapping[int, Any],
                  owns: Mapping[int, list[str]], people: Mapping[int, str],
                  leaves: Callable[..., int]) -> Diagram:
    from bigdesk.exchange.deck.build import CADENCE_NAMES

    placed: list[tuple[int | str, int, float, str]] = []  # key, depth, centre, text
    connectors: list[Connector] = []
    total = sum(min(leaves(r), NODE_LEAVES) for r in roots)
    slot = 1.0 / max(total, 3)
    cursor = 0.0 if total >= 3 else (1.0 - total * slot) / 2
    depth_used = 1

    def place(node_id: int, depth: int, budget: int) -> float:
        nonlocal cursor, depth_used
        depth_used = max(depth_used, depth)
        below = list(kids.get(node_id, [])) if depth < NODE_LEVELS else []
        centre: float
        if not below:
            centre = cursor + slot / 2
            cursor += slot
        else:
            centres: list[float] = []
            total = sum(leaves(child, depth + 1) for child in below)
            # -- keep one slot for a "+ n more" box when the children do not all fit
            room = budget - (1 if total > budget else 0)
            shown = 0
            for child in below:
                if room <= 0:
                    break
                need = min(leaves(child, depth + 1), room)
                centres.append(place(child, depth + 1, need))
                connectors.append(Connector(f"n{node_id}", f"n{child}", "down"))
                room -= need
                shown += 1
            if shown < len(below):
                key = f"more{node_id}"
                centres.append(cursor + slot / 2)
                placed.append((key, depth + 1, cursor + slot / 2,
                               f"+ {len(below) - shown} more nodes"))
                connectors.append(Connector(f"n{node_id}", key, "down"))
                cursor += slot
            centre = float(centres[0] + centres[-1]) / 2
        placed.append((node_id, depth, centre, ""))
        return centre

    for root in roots:
        place(root, 1, min(leaves(root), NODE_LEAVES))
    level_height = (1.0 - 0.02) / depth_used
    height = min(0.24, level_height * 0.72)
    width = min(0.22, slot * 0.9)
    boxes = []
    for key, depth, centre, text in placed:
        top = 0.02 + (depth - 1) * level_height
        if isinstance(key, str):
            boxes.append(Box(key, text, centre - width / 2, top, width, height, "more"))
            continue
        node = nodes[key]
        who = people.get(node.accountable_id, "") if node.accountable_id else "Nobody yet"
        cadence = CADENCE_NAMES.get(node.cadence, "") if node.cadence else ""
        owned = owns.get(key, [])
        detail = " · ".join(part for part in (who, cadence) if part)
        detail += "\nOwns " + ", ".join(owned) if owned else "\nOwns nothing yet"
        style = "governance" if node.kind.value in ("governance_body", "support_office") \
            else "node"
        boxes.append(Box(f"n{key}", safe.line(node.name) or "(unnamed node)",
                         centre - width / 2, top, width, height, style, detail))
    return Diagram(boxes, connectors, "body")


# ---------------------------------------------------------------- roadmap


def _quarter(day: dt.date) -> int:
    return day.year * 4 + (day.month - 1) // 3


def _quarter_name(index: int) -> str:
    return f"Q{index % 4 + 1} {index // 4}"


def _position(day: dt.date, first: int, count: int) -> float:
    """Return where ``day`` falls on a timeline of ``count`` quarters from ``first``, 0 to 1."""
    quarter = _quarter(day)
    start_month = (quarter % 4) * 3 + 1
    start = dt.date(quarter // 4, start_month, 1)
    end = dt.date(quarter // 4 + (1 if start_month == 10 else 0),
                  1 if start_month == 10 else start_month + 3, 1)
    within = (day - start).days / max((end - start).days, 1)
    return min(1.0, max(0.0, (quarter - first + within) / count))


def roadmap_pages(rows: Sequence[Any], cascade: Cascade) -> tuple[list[Diagram], list[str]]:
    """Return the roadmap by quarter, enablers first, and the initiatives with no dates."""
    dated = [r for r in rows if r.starts_on and r.ends_on and r.ends_on >= r.starts_on]
    ongoing = [r.ref or safe.line(r.title) for r in rows if r not in dated]
    if not dated:
        return [], ongoing
    ids = {r.id for r in dated}
    prerequisites = {link.parent_id for link in cascade.dependency_links
                     if link.child_id in ids and link.parent_id in ids}
    enabler = {r.id for r in dated if r.closes_dimension_id is not None or r.id in prerequisites}
    dated.sort(key=lambda r: (r.id not in enabler, r.starts_on, r.ends_on))
    first = min(_quarter(r.starts_on) for r in dated)
    last = max(_quarter(r.ends_on) for r in dated)
    count = min(last - first + 1, MAX_QUARTERS)
    label_width, left = 0.27, 0.29
    span = 1.0 - left
    pages = [dated[n:n + ROADMAP_ROWS] for n in range(0, len(dated), ROADMAP_ROWS)]
    diagrams = []
    for page in pages[:MAX_ROADMAP_PAGES]:
        slot = (1.0 - TOP) / max(len(page), 6)
        height = slot * 0.7
        boxes, connectors = [], []
        for n, row in enumerate(page):
            top = TOP + n * slot
            style = "enabler" if row.id in enabler else "initiative"
            label = f"{row.ref} {safe.line(row.title)}" if row.ref else safe.line(row.title)
            boxes.append(Box(f"l{row.id}", label, 0.0, top, label_width, height, "label",
                             kicker="Enabler" if row.id in enabler else ""))
            start = _position(row.starts_on, first, count)
            end = _position(row.ends_on, first, count) if _quarter(row.ends_on) < first + count \
                else 1.0
            width = max(end - start, 0.02)
            boxes.append(Box(f"r{row.id}", f"{row.starts_on:%b %Y} – {row.ends_on:%b %Y}",
                             left + start * span, top, width * span, height, style))
        shown = {b.key for b in boxes}
        for link in cascade.dependency_links:
            if f"r{link.parent_id}" in shown and f"r{link.child_id}" in shown:
                connectors.append(Connector(f"r{link.parent_id}", f"r{link.child_id}",
                                            dashed=True))
        headings = [(_quarter_name(first + q), left + q * span / count, span / count)
                    for q in range(count)]
        diagrams.append(Diagram(boxes, connectors, "body", headings))
    return diagrams, ongoing
