"""Lay out the deck's diagrams as boxes and connectors: purpose, cascade, nodes, governance.

Pure geometry in fractions of the slide's content area. Every box is sized from
its text at one size per kind of box, the same on every page, so text is never
shrunk or cut; what does not fit a page continues on the next. The renderer turns
boxes into shapes and connectors into glued PowerPoint connectors, one per link,
so moving a box in PowerPoint drags its lines along.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from bigdesk.analysis.cascade import Cascade, ElementRow, NodeRow
from bigdesk.analysis.mandate import ProposedBody
from bigdesk.exchange.deck import palette, safe
from bigdesk.exchange.deck.metrics import Font, line_height, wrap
from bigdesk.exchange.deck.plan import Box, Connector, Diagram, Geometry
from bigdesk.model import Cadence, ElementType, NodeKind

# -- one size per level of the cascade, descending from why to what
SIZES = {ElementType.PURPOSE: 14.0, ElementType.OBJECTIVE: 13.0, ElementType.KEY_RESULT: 12.0,
         ElementType.INITIATIVE: 11.0}  # fmt: skip
FILLS = {ElementType.PURPOSE: palette.PURPOSE, ElementType.OBJECTIVE: palette.OBJECTIVE,
         ElementType.KEY_RESULT: palette.KEY_RESULT, ElementType.INITIATIVE: palette.INITIATIVE}
# -- the cascade's columns: heading, left edge and width as fractions of the content area
COLUMNS = {ElementType.PURPOSE: ("Purpose", 0.0, 0.19),
           ElementType.OBJECTIVE: ("Objectives", 0.255, 0.23),
           ElementType.KEY_RESULT: ("Key results", 0.515, 0.23),
           ElementType.INITIATIVE: ("Initiatives", 0.77, 0.23)}  # fmt: skip
HEADING = 0.34
# -- inches between boxes stacked in a column, and between objective bands
GAP, BAND_GAP = 0.08, 0.16
MAX_CASCADE_PAGES = 12
NODE_NAME, NODE_DETAIL = 12.0, 10.0
MIN_NODE_WIDTH, MAX_NODE_WIDTH = 1.55, 2.4
NODE_LEVELS, MAX_NODE_PAGES = 4, 6
# -- how many owned references a node box lists before "+N more"
OWNED_SHOWN = 4
# -- a box's text margins (left and right, top and bottom) and some air, in inches
MARGIN_X, MARGIN_Y, AIR = 0.06, 0.03, 0.05
# -- a rounded box's corner, as a share of its shorter side, and the share of the corner a
#    renderer keeps clear of text on every side (the preset's text rectangle)
CORNER, CORNER_INSET = 0.08, 0.2929


def detail_size(size: float) -> float:
    """Return the size of a box's detail and kicker lines: smaller, never below 10 points."""
    return max(size - 2.0, 10.0)


def box_height(width: float, size: float, font: Font, text: str, detail: str = "",
               kicker: str = "", rounded: bool = True) -> float:
    """Return the height in inches a box ``width`` inches wide needs for its text."""
    small = detail_size(size)
    # -- a rounded box keeps its corners clear of text on every side, by a share of its
    #    shorter side: the first pass guesses that side, the second uses the height found
    side = min(width, 1.0)
    need = 0.0
    for _ in range(2):
        corner = CORNER * CORNER_INSET * side if rounded else 0.0
        room = max(width - 2 * MARGIN_X - 2 * corner, 0.2)
        need = len(wrap(text, room, size, True, font)) * line_height(size, font)
        for extra in (detail, kicker):
            if extra:
                need += len(wrap(extra, room, small, False, font)) * line_height(small, font)
        need += 2 * MARGIN_Y + 2 * corner + AIR
        side = min(width, need)
    return need


def _label(row: ElementRow) -> str:
    title = safe.line(row.title) or "(untitled)"
    return f"{row.ref} {title}" if row.ref else title


def _key_result_detail(row: ElementRow) -> str:
    if row.target is None:
        return "No target yet"
    start = f"{safe.measure_text(row.baseline, row.unit)} → " if row.baseline is not None else ""
    now = f" (now {safe.measure_text(row.current, row.unit)})" if row.current is not None else ""
    return f"{start}{safe.measure_text(row.target, row.unit)}{now}"


def _headings(names: Sequence[tuple[str, float, float]], height: float) -> list[Box]:
    return [Box(f"h{n}", text, x, 0.0, w, height, palette.INK, 12.0, plain=True)
            for n, (text, x, w) in enumerate(names)]


# ---------------------------------------------------------------- purpose and vision


def purpose_diagram(purposes: Sequence[ElementRow], visions: Sequence[str], pitched: str,
                    geometry: Geometry, per_row: int = 4) -> tuple[Diagram, int]:
    """Return the purposes side by side over the vision, and how many purposes did not fit."""
    width, height = geometry.region("body")
    font = geometry.body_font
    shown = list(purposes[:per_row])
    vision = "\n".join(visions[:3]) or pitched
    gap = 0.3
    count = max(len(shown), 1)
    box_width = (width - gap * (count - 1)) / count
    for size in (22.0, 20.0, 18.0, 16.0, 14.0):
        tops = max((box_height(box_width, size, font, safe.line(p.title), kicker="Purpose")
                    for p in shown), default=0.0)
        below = box_height(width, size - 2, font, vision, kicker="Vision") if vision else 0.0
        if tops + below + (gap if shown and vision else 0.0) <= height:
            break
    boxes = [Box(f"p{p.id}", safe.line(p.title), n * (box_width + gap) / width, 0.0,
                 box_width / width, tops / height, palette.PURPOSE, size, kicker="Purpose")
             for n, p in enumerate(shown)]
    if vision:
        top = (tops + gap) / height if shown else 0.0
        boxes.append(Box("vision", vision, 0.0, top, 1.0, below / height, palette.VISION,
                         size - 2, kicker="Vision"))
    return Diagram(boxes), len(purposes) - len(shown)


# ---------------------------------------------------------------- the cascade


@dataclass
class _Band:
    """One objective with the key results and initiatives drawn beside it."""

    objective: ElementRow
    key_results: list[ElementRow]
    initiatives: list[ElementRow]
    # -- key results and initiatives that did not fit, counted in a "+N more" box
    more_krs: int = 0
    more_initiatives: int = 0


def cascade_pages(cascade: Cascade, geometry: Geometry
                  ) -> tuple[list[tuple[Diagram, list[str]]], int]:
    """Return the cascade by purpose, one page after another, and how many objectives did not
    fit; each page with the references of its objectives."""
    objectives = cascade.of_type(ElementType.OBJECTIVE)
    if not objectives:
        return [], 0
    width, height = geometry.region("body")
    font = geometry.body_font
    room = height - HEADING
    sized = _Sizer(cascade, width, font)

    order = {p.id: n for n, p in enumerate(cascade.of_type(ElementType.PURPOSE))}

    def primary(objective: ElementRow) -> int:
        return min((order[p] for p in cascade.up[objective.id] if p in order),
                   default=len(order))

    position = {o.id: n for n, o in enumerate(objectives)}
    ordered = sorted(objectives, key=lambda o: (primary(o), position[o.id]))
    pages: list[list[_Band]] = [[]]
    used, group = 0.0, None
    for count, objective in enumerate(ordered):
        if len(pages) > MAX_CASCADE_PAGES:
            # -- the rest is counted, not laid out: it is in the cascade register
            pages.append([_Band(o, [], []) for o in ordered[count:]])
            break
        band = sized.band(objective, room)
        need = sized.band_height(band)
        key = primary(objective)
        starts_group = pages[-1] and key != group
        if pages[-1] and (used + BAND_GAP + need > room
                          or (starts_group and not sized.group_fits(
                              [o for o in ordered if primary(o) == key], room - used))):
            pages.append([])
            used = 0.0
        used += need + (BAND_GAP if pages[-1] else 0.0)
        pages[-1].append(band)
        group = key
    omitted = sum(len(p) for p in pages[MAX_CASCADE_PAGES:])
    return [(sized.diagram(page, room, height),
             [b.objective.ref or safe.line(b.objective.title) for b in page])
            for page in pages[:MAX_CASCADE_PAGES]], omitted


class _Sizer:
    """Box sizes for one template: each kind of element at its one size."""

    def __init__(self, cascade: Cascade, width: float, font: Font) -> None:
        self.cascade = cascade
        self.width = width
        self.font = font
        self.heights: dict[int, float] = {}

    def box_width(self, kind: ElementType) -> float:
        return COLUMNS[kind][2] * self.width

    def height(self, row: ElementRow, detail: str = "") -> float:
        return box_height(self.box_width(row.type), SIZES[row.type], self.font, _label(row),
                          detail)

    def detail(self, row: ElementRow) -> str:
        if row.type is ElementType.KEY_RESULT:
            return _key_result_detail(row)
        if row.type is ElementType.OBJECTIVE and row.progress is not None:
            return f"{row.progress:.0f}% progress"
        return ""

    def size_of(self, row: ElementRow) -> float:
        if row.id not in self.heights:
            self.heights[row.id] = self.height(row, self.detail(row))
        return self.heights[row.id]

    def more_height(self, kind: ElementType) -> float:
        return box_height(self.box_width(kind), SIZES[kind], self.font,
                          "+ 00 more, see the cascade register")

    def children(self, element_id: int, kind: ElementType) -> list[ElementRow]:
        return [self.cascade.elements[c] for c in self.cascade.down[element_id]
                if self.cascade.elements[c].type is kind]

    def band(self, objective: ElementRow, room: float) -> _Band:
        """Return an objective's band, cut with a "+N more" box where a column overflows."""
        krs = self.children(objective.id, ElementType.KEY_RESULT)
        initiatives = list({i.id: i for kr in krs
                            for i in self.children(kr.id, ElementType.INITIATIVE)}.values())
        initiatives += [i for i in self.children(objective.id, ElementType.INITIATIVE)
                        if i not in initiatives]
        kept_krs, more_krs = self._cut(krs, ElementType.KEY_RESULT, room)
        kept, more = self._cut(initiatives, ElementType.INITIATIVE, room)
        return _Band(objective, kept_krs, kept, more_krs, more)

    def _cut(self, rows: list[ElementRow], kind: ElementType,
             room: float) -> tuple[list[ElementRow], int]:
        if self._column(rows, 0) <= room:
            return rows, 0
        # -- as many as fit above a "+N more" box
        used = self.more_height(kind)
        kept = 0
        for row in rows:
            used += self.size_of(row) + GAP
            if used > room:
                break
            kept += 1
        return rows[:kept], len(rows) - kept

    def _column(self, rows: Sequence[ElementRow], more: int,
                kind: ElementType | None = None) -> float:
        heights = [self.size_of(r) for r in rows]
        if more and kind is not None:
            heights.append(self.more_height(kind))
        return sum(heights) + GAP * max(len(heights) - 1, 0)

    def band_height(self, band: _Band) -> float:
        columns = [self.size_of(band.objective),
                   self._column(band.key_results, band.more_krs, ElementType.KEY_RESULT),
                   self._column(band.initiatives, band.more_initiatives,
                                ElementType.INITIATIVE)]
        return max(columns)

    def group_fits(self, objectives: Sequence[ElementRow], room: float) -> bool:
        need = sum(self.band_height(self.band(o, 1e9)) for o in objectives)
        return need + BAND_GAP * len(objectives) <= room

    def diagram(self, page: Sequence[_Band], room: float, height: float) -> Diagram:
        boxes: list[Box] = _headings([COLUMNS[k] for k in COLUMNS], HEADING / height)
        placed: dict[int, Box] = {}
        top = HEADING

        def put(row: ElementRow, y: float) -> float:
            kind = row.type
            _, x, w = COLUMNS[kind]
            h = self.size_of(row)
            placed[row.id] = Box(f"e{row.id}", _label(row), x, y / height, w, h / height,
                                 FILLS[kind], SIZES[kind], self.detail(row))
            return h

        def more(key: str, kind: ElementType, count: int, y: float) -> float:
            _, x, w = COLUMNS[kind]
            h = self.more_height(kind)
            boxes.append(Box(key, f"+{count} more, see the cascade register", x, y / height, w,
                             h / height, palette.TINT, SIZES[kind]))
            return h

        for band in page:
            band_top = top
            y = band_top
            for kr in band.key_results:
                y += put(kr, y) + GAP
            if band.more_krs:
                more(f"mk{band.objective.id}", ElementType.KEY_RESULT, band.more_krs, y)
            y = band_top
            for initiative in band.initiatives:
                if initiative.id not in placed:
                    y += put(initiative, y) + GAP
            if band.more_initiatives:
                more(f"mi{band.objective.id}", ElementType.INITIATIVE, band.more_initiatives, y)
            objective_height = self.size_of(band.objective)
            band_height = self.band_height(band)
            put(band.objective, band_top + max(band_height - objective_height, 0.0) / 2)
            top += band_height + BAND_GAP
        objectives = [b.objective.id for b in page]
        purposes = list(dict.fromkeys(
            p for o in objectives for p in self.cascade.up[o]
            if self.cascade.elements[p].type is ElementType.PURPOSE))
        self._place_purposes(purposes, objectives, placed, height)
        boxes += list(placed.values())
        connectors = [Connector(f"e{link.parent_id}", f"e{link.child_id}")
                      for link in self.cascade.links
                      if link.parent_id in placed and link.child_id in placed]
        return Diagram(boxes, connectors)

    def _place_purposes(self, purposes: list[int], objectives: list[int],
                        placed: dict[int, Box], height: float) -> None:
        """Stack the purposes level with the objectives they anchor, never overlapping."""
        rows = [self.cascade.elements[p] for p in purposes]
        heights = [self.size_of(r) / height for r in rows]
        wanted = []
        for p in purposes:
            served = [placed[o] for o in objectives if p in self.cascade.up[o]]
            centre = sum(b.y + b.h / 2 for b in served) / max(len(served), 1)
            wanted.append(centre)
        gap = GAP / height
        floor = HEADING / height
        tops = []
        for centre, h in zip(wanted, heights, strict=True):
            top = max(centre - h / 2, floor)
            tops.append(top)
            floor = top + h + gap
        overflow = floor - gap - 1.0
        if overflow > 0:
            tops = [max(t - overflow, HEADING / height) for t in tops]
        _, x, w = COLUMNS[ElementType.PURPOSE]
        for row, top, h in zip(rows, tops, heights, strict=True):
            placed[row.id] = Box(f"e{row.id}", _label(row), x, top, w, h, FILLS[row.type],
                                 SIZES[row.type])


# ---------------------------------------------------------------- accountability nodes


def node_pages(cascade: Cascade, people: Mapping[int, str], geometry: Geometry
               ) -> tuple[list[Diagram], int]:
    """Return the tree of accountability nodes, a few top-level nodes per slide, and how many
    nodes did not fit."""
    width, height = geometry.region("body")
    font = geometry.body_font
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
    across = max(int((width + 0.15) // (MIN_NODE_WIDTH + 0.15)), 2)

    def leaves(node_id: int, depth: int = 1) -> int:
        below = kids.get(node_id, [])
        if not below or depth >= NODE_LEVELS:
            return 1
        return sum(leaves(k, depth + 1) for k in below)

    pages: list[list[int]] = [[]]
    for root in kids.get(None, []):
        need = min(leaves(root), across)
        if pages[-1] and sum(min(leaves(r), across) for r in pages[-1]) + need > across:
            pages.append([])
        pages[-1].append(root)
    tree = _Tree(kids, nodes, owns, people, leaves, across, width, height, font)
    shown = [tree.diagram(page) for page in pages[:MAX_NODE_PAGES] if page]
    drawn = sum(tree.drawn)
    return shown, max(len(nodes) - drawn, 0)


class _Tree:
    """Lays out one page of the node tree: leaves side by side, parents over them."""

    def __init__(self, kids: Mapping[int | None, list[int]], nodes: Mapping[int, NodeRow],
                 owns: Mapping[int, list[str]], people: Mapping[int, str],
                 leaves: Callable[..., int], across: int, width: float, height: float,
                 font: Font) -> None:
        self.kids, self.nodes, self.owns, self.people = kids, nodes, owns, people
        self.leaves = leaves
        self.across, self.width, self.height, self.font = across, width, height, font
        self.drawn: list[int] = []

    def text(self, node_id: int) -> tuple[str, str, str]:
        node = self.nodes[node_id]
        who = (self.people.get(node.accountable_id, "") if node.accountable_id
               else "Nobody accountable yet")
        cadence = node.cadence.value.capitalize() if node.cadence else ""
        owned = self.owns.get(node_id, [])
        listed = ", ".join(owned[:OWNED_SHOWN]) + (f" +{len(owned) - OWNED_SHOWN} more"
                                                   if len(owned) > OWNED_SHOWN else "")
        detail = " · ".join(p for p in (who, cadence) if p)
        detail += f"\nOwns {listed}" if owned else "\nOwns nothing yet"
        governs = node.kind in (NodeKind.GOVERNANCE_BODY, NodeKind.SUPPORT_OFFICE)
        name = safe.line(node.name) or "(unnamed node)"
        return name, detail, palette.GOVERNANCE if governs else palette.NODE

    def diagram(self, roots: list[int]) -> Diagram:
        leaves = self.leaves
        total = sum(min(leaves(r), self.across) for r in roots)
        slot = 1.0 / max(total, 3)
        box_width = min(MAX_NODE_WIDTH / self.width, slot * 0.92)
        placed: list[tuple[int | str, int, float, str]] = []
        connectors: list[Connector] = []
        cursor = 0.0 if total >= 3 else (1.0 - total * slot) / 2
        depth_used = 1

        def place(node_id: int, depth: int, budget: int) -> float:
            nonlocal cursor, depth_used
            depth_used = max(depth_used, depth)
            below = list(self.kids.get(node_id, [])) if depth < NODE_LEVELS else []
            if not below:
                centre = cursor + slot / 2
                cursor += slot
            else:
                centres: list[float] = []
                need = sum(leaves(c, depth + 1) for c in below)
                room = budget - (1 if need > budget else 0)
                shown = 0
                for child in below:
                    if room <= 0:
                        break
                    take = min(leaves(child, depth + 1), room)
                    centres.append(place(child, depth + 1, take))
                    connectors.append(Connector(f"n{node_id}", f"n{child}", "down",
                                                straight=False))
                    room -= take
                    shown += 1
                if shown < len(below):
                    key = f"more{node_id}"
                    centres.append(cursor + slot / 2)
                    hidden = len(below) - shown
                    placed.append((key, depth + 1, cursor + slot / 2,
                                   f"+{hidden} more, see the appendix"))
                    connectors.append(Connector(f"n{node_id}", key, "down", straight=False))
                    cursor += slot
                centre = (centres[0] + centres[-1]) / 2
            placed.append((node_id, depth, centre, ""))
            self.drawn.append(1)
            return centre

        for root in roots:
            place(root, 1, min(leaves(root), self.across))
        inches = box_width * self.width
        tallest = 0.0
        for key, _, _, text in placed:
            if isinstance(key, str):
                tallest = max(tallest, box_height(inches, NODE_NAME, self.font, text))
            else:
                name, detail, _ = self.text(key)
                tallest = max(tallest, box_height(inches, NODE_NAME, self.font, name, detail))
        gap = 0.32
        levels = depth_used
        box_h = tallest / self.height
        level_h = (tallest + gap) / self.height
        if levels * level_h - gap / self.height > 1.0:
            level_h = (1.0 - box_h) / max(levels - 1, 1)
        boxes = []
        for key, depth, centre, text in placed:
            top = (depth - 1) * level_h
            if isinstance(key, str):
                boxes.append(Box(key, text, centre - box_width / 2, top, box_width, box_h,
                                 palette.TINT, NODE_NAME))
                continue
            name, detail, fill = self.text(key)
            boxes.append(Box(f"n{key}", name, centre - box_width / 2, top, box_width, box_h,
                             fill, NODE_NAME, detail))
        return Diagram(boxes, connectors)


# ---------------------------------------------------------------- the governance model


CADENCE_WORDS = {Cadence.DAILY: "daily", Cadence.WEEKLY: "weekly", Cadence.MONTHLY: "monthly",
                 Cadence.QUARTERLY: "quarterly"}  # fmt: skip
HUBS = (("raid", "One RAID log", "Risks, actions, issues and decisions"),
        ("okr", "One set of objectives and key results", "The cascade every body steers by"))


def governance_diagram(bodies: Sequence[ProposedBody], geometry: Geometry
                       ) -> tuple[Diagram, int]:
    """Return the governance bodies, slowest first, each joined to the one RAID log and the one
    set of objectives and key results; and how many bodies did not fit."""
    width, height = geometry.region("body")
    font = geometry.body_font
    left_w, hub_x, hub_w = 0.58, 0.7, 0.3

    def detail(body: ProposedBody) -> str:
        meets = f"Meets {CADENCE_WORDS[body.cadence]}" if body.cadence else "Cadence to agree"
        return f"{meets} · {safe.line(body.remit)}" if safe.line(body.remit) else meets

    for size in (16.0, 14.0, 12.0):
        heights = [box_height(left_w * width, size, font, safe.line(b.name) or "(unnamed)",
                              detail(b)) for b in bodies]
        shown = len(bodies)
        while shown and sum(heights[:shown]) + GAP * 2 * (shown - 1) > height:
            shown -= 1
        if shown == len(bodies):
            break
    boxes: list[Box] = []
    y = 0.0
    spare = (height - sum(heights[:shown])) / max(shown - 1, 1) if shown > 1 else 0.0
    step = min(spare, 0.35)
    for n, body in enumerate(bodies[:shown]):
        boxes.append(Box(f"b{n}", safe.line(body.name) or "(unnamed)", 0.0, y / height, left_w,
                         heights[n] / height, palette.GOVERNANCE, size, detail(body),
                         align="left"))
        y += heights[n] + step
    hub_size = 16.0
    hub_heights = [box_height(hub_w * width, hub_size, font, name, note)
                   for _, name, note in HUBS]
    hub_gap = 0.6
    top = max((height - sum(hub_heights) - hub_gap) / 2, 0.0)
    for (key, name, note), h in zip(HUBS, hub_heights, strict=True):
        boxes.append(Box(key, name, hub_x, top / height, hub_w, h / height, palette.PURPOSE,
                         hub_size, note))
        top += h + hub_gap
    connectors = [Connector(f"b{n}", key) for n in range(shown) for key, _, _ in HUBS]
    return Diagram(boxes, connectors), len(bodies) - shown
