"""Where each box of the cascade map goes: layers from purpose down to initiatives.

A first layout orders each layer by the barycentre of the parents above it; after
that, edits only place what is new (near its parents, in a free spot of its layer)
and forget what is gone, so the map does not reshuffle under the facilitator's eyes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bigdesk.domain.cascade import RANK
from bigdesk.model import ElementType

BOX_WIDTH = 176.0
BOX_HEIGHT = 52.0
GAP_X = 18.0
GAP_ROW = 22.0
GAP_LAYER = 76.0
# -- a layer wider than this many boxes wraps onto more rows, so 300 elements stay readable
MAX_PER_ROW = 18
PITCH = BOX_WIDTH + GAP_X


@dataclass(frozen=True)
class Graph:
    """What the layout needs: each element's kind and order, and its parents."""

    kinds: Mapping[int, ElementType]
    order: Sequence[int]
    parents: Mapping[int, Sequence[int]]


def layers(graph: Graph) -> dict[int, int]:
    """Return each element's layer: below all its parents and never above its kind's rank."""
    found: dict[int, int] = {}
    visiting: set[int] = set()

    def depth(element_id: int) -> int:
        if element_id in found:
            return found[element_id]
        visiting.add(element_id)
        level = RANK[graph.kinds[element_id]]
        for parent in graph.parents.get(element_id, ()):
            if parent in graph.kinds and parent not in visiting:
                level = max(level, depth(parent) + 1)
        visiting.discard(element_id)
        found[element_id] = level
        return level

    for element_id in graph.order:
        depth(element_id)
    return found


class MapLayout:
    """Positions (top-left corners) of the map's boxes, kept stable between edits."""

    def __init__(self) -> None:
        self.positions: dict[int, tuple[float, float]] = {}
        self.layer_of: dict[int, int] = {}
        self.layer_top: dict[int, float] = {}
        self.width = 0.0

    def full(self, graph: Graph) -> dict[int, tuple[float, float]]:
        """Lay every element out afresh."""
        self.positions.clear()
        self.layer_of = layers(graph)
        by_layer: dict[int, list[int]] = defaultdict(list)
        for element_id in graph.order:
            by_layer[self.layer_of[element_id]].append(element_id)
        rank: dict[int, float] = {}
        ordered: dict[int, list[int]] = {}
        for level in sorted(by_layer):
            members = by_layer[level]
            sequence = {e: i for i, e in enumerate(members)}

            def barycentre(element_id: int, sequence: dict[int, int] = sequence) -> float:
                above = [rank[p] for p in graph.parents.get(element_id, ()) if p in rank]
                if not above:
                    return float("inf")
                return sum(above) / len(above)

            members = sorted(members, key=lambda e: (barycentre(e), sequence[e]))
            ordered[level] = members
            for i, element_id in enumerate(members):
                rank[element_id] = (i + 0.5) / len(members)
        widest = max((min(len(m), MAX_PER_ROW) for m in ordered.values()), default=1)
        self.width = widest * PITCH
        y = 0.0
        self.layer_top.clear()
        for level in sorted(ordered):
            members = ordered[level]
            self.layer_top[level] = y
            rows = [members[i:i + MAX_PER_ROW] for i in range(0, len(members), MAX_PER_ROW)]
            for number, row in enumerate(rows):
                pitch = self.width / len(row)
                for i, element_id in enumerate(row):
                    x = i * pitch + (pitch - BOX_WIDTH) / 2
                    self.positions[element_id] = (x, y + number * (BOX_HEIGHT + GAP_ROW))
            y += len(rows) * (BOX_HEIGHT + GAP_ROW) - GAP_ROW + GAP_LAYER
        return dict(self.positions)

    def update(self, graph: Graph) -> dict[int, tuple[float, float]]:
        """Keep every element that stays in its layer where it is; place the rest."""
        if not self.positions:
            return self.full(graph)
        fresh_layers = layers(graph)
        for element_id in list(self.positions):
            if element_id not in graph.kinds or fresh_layers[element_id] != \
                    self.layer_of.get(element_id):
                del self.positions[element_id]
        self.layer_of = fresh_layers
        for element_id in graph.order:
            if element_id not in self.positions:
                self.positions[element_id] = self._place(element_id, graph)
        return dict(self.positions)

    def _top(self, level: int) -> float:
        if level not in self.layer_top:
            bottom = max((y for _, y in self.positions.values()), default=-BOX_HEIGHT - GAP_LAYER)
            self.layer_top[level] = bottom + BOX_HEIGHT + GAP_LAYER
        return self.layer_top[level]

    def _place(self, element_id: int, graph: Graph) -> tuple[float, float]:
        """Return a free spot in the element's layer, as near below its parents as can be."""
        level = self.layer_of[element_id]
        top = self._top(level)
        parents = [self.positions[p][0] for p in graph.parents.get(element_id, ())
                   if p in self.positions]
        rows: dict[float, list[float]] = defaultdict(list)
        for other, (x, y) in self.positions.items():
            if self.layer_of.get(other) == level:
                rows[y].append(x)
        if not rows:
            rows[top] = []
        if parents:
            wanted = sum(parents) / len(parents)
        else:
            wanted = max((max(xs) + PITCH for xs in rows.values() if xs), default=0.0)
        best: tuple[float, float, float] | None = None
        for y, xs in rows.items():
            x = _free_spot(wanted, xs)
            cost = abs(x - wanted) + (y - top)
            if best is None or cost < best[0]:
                best = (cost, x, y)
        assert best is not None
        return best[1], best[2]


def _free_spot(wanted: float, taken: Sequence[float]) -> float:
    """Return the x nearest ``wanted`` where a box overlaps none at ``taken``."""
    def free(x: float) -> bool:
        return all(abs(x - other) >= PITCH - 0.5 for other in taken)

    if free(wanted):
        return wanted
    step = PITCH / 2
    for n in range(1, 4 * len(taken) + 4):
        for x in (wanted + n * step, wanted - n * step):
            if free(x):
                return x
    return max(taken, default=wanted) + PITCH
