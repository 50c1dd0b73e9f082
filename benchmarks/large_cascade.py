"""Generate a large strategy cascade for benchmarks: 5,000 elements, links, nodes and flows.

The shape follows a real cascade: a few purposes and drivers, hundreds of
objectives, key results under them, thousands of initiatives under those, with
multi-parent links, weights, dependencies, and some gaps for the rules to find.
"""

from __future__ import annotations

import random

from sqlalchemy import Connection, func, insert, select

from bigdesk.model import (
    AccountabilityNode,
    Alignment,
    Cadence,
    Dependency,
    ElementType,
    InformationFlow,
    InitiativeKind,
    NodeKind,
    Person,
    PersonKind,
    Portfolio,
)
from bigdesk.store.edits import table_of

ELEMENTS = 5_000
# -- the share of each kind among the generated elements
SHAPE = [
    (ElementType.PURPOSE, 4),
    (ElementType.VISION, 1),
    (ElementType.DRIVER, 40),
    (ElementType.OBJECTIVE, 450),
    (ElementType.KEY_RESULT, 1_500),
]
NODES, FLOWS, DEPENDENCIES = 300, 900, 1_500
STATUSES = ["On track", "At risk", "Behind", ""]
_WORDS = [
    "depot", "fleet", "route", "warehouse", "customer", "tracking", "capacity", "margin",
    "safety", "driver", "charging", "portfolio", "governance", "data", "service", "cost",
]  # fmt: skip
PREFIX = {
    ElementType.PURPOSE: "GP", ElementType.VISION: "GV", ElementType.DRIVER: "GD",
    ElementType.OBJECTIVE: "GO", ElementType.KEY_RESULT: "GK", ElementType.INITIATIVE: "GI",
}  # fmt: skip


def _title(rng: random.Random) -> str:
    return " ".join(rng.choices(_WORDS, k=rng.randint(3, 7))).capitalize()


def populate(conn: Connection, rng: random.Random, elements: int = ELEMENTS) -> None:
    """Add a generated cascade of ``elements`` elements to the workshop behind ``conn``."""
    start = int(conn.execute(select(func.max(Person.position))).scalar() or 0) + 1
    conn.execute(insert(Person), [
        {"position": start + i, "name": f"Accountable {i:03d}", "kind": PersonKind.STAKEHOLDER}
        for i in range(NODES)
    ])  # fmt: skip
    people = [i for (i,) in conn.execute(select(Person.id))]
    node_ids: list[int] = []
    for i in range(NODES):
        node_ids.append(conn.execute(insert(AccountabilityNode).values(
            position=1_000 + i, name=f"Node {i:03d} {rng.choice(_WORDS)}",
            kind=rng.choice(list(NodeKind)), accountable_id=rng.choice(people),
            parent_id=rng.choice(node_ids[: max(1, i // 4)]) if i > 4 else None,
            cadence=rng.choice(list(Cadence)),
        )).inserted_primary_key[0])  # type: ignore[index]  # fmt: skip

    counts = list(SHAPE)
    counts.append((ElementType.INITIATIVE, elements - sum(n for _, n in SHAPE)))
    table = table_of("element")
    rows: list[dict[str, object]] = []
    for kind, count in counts:
        for i in range(count):
            row = {"type": kind, "ref": f"{PREFIX[kind]}{i + 1}", "position": 10_000 + len(rows),
                   "title": _title(rng), "node_id": rng.choice(node_ids),
                   "owner_id": rng.choice(people), "status": rng.choice(STATUSES)}  # fmt: skip
            if kind in (ElementType.OBJECTIVE, ElementType.KEY_RESULT, ElementType.INITIATIVE):
                row["progress"] = float(rng.randint(0, 100))
            if kind is ElementType.OBJECTIVE and rng.random() < 0.05:
                row["node_id"] = None
            if kind is ElementType.KEY_RESULT:
                baseline = float(rng.randint(0, 50))
                row.update(metric=_title(rng), unit="%", baseline=baseline,
                           target=baseline + rng.randint(10, 50),
                           current=baseline + rng.randint(0, 30))  # fmt: skip
                if rng.random() < 0.05:
                    row["baseline"] = None
            if kind is ElementType.INITIATIVE:
                row.update(initiative_kind=rng.choice(list(InitiativeKind)),
                           portfolio=rng.choice(list(Portfolio)),
                           budget=float(rng.randint(10, 5_000) * 1_000),
                           effort=float(rng.randint(20, 3_000)))  # fmt: skip
            rows.append(row)
    # -- every column named in every row, so one executemany inserts them all
    columns = {key for row in rows for key in row}
    conn.execute(table.insert(), [{c: row.get(c) for c in columns} for row in rows])
    by_kind: dict[ElementType, list[int]] = {kind: [] for kind, _ in counts}
    for element_id, kind in conn.execute(
        select(table.c.id, table.c.type).where(table.c.position >= 10_000).order_by(table.c.id)
    ):
        by_kind[kind].append(element_id)

    links: dict[tuple[int, int], float | None] = {}

    def link(children: list[int], parents: list[int], most: int, unaligned: float = 0.0,
             weighted: bool = False) -> None:  # fmt: skip
        kids: dict[int, list[int]] = {}
        for child in children:
            if rng.random() < unaligned:
                continue
            chosen = rng.sample(parents, k=min(len(parents), rng.randint(1, most)))
            for parent in chosen:
                links[parent, child] = None
                kids.setdefault(parent, []).append(child)
        if weighted:
            # -- equal weights under each parent, adding up to 100 give or take rounding
            for parent, group in kids.items():
                for kid in group:
                    links[parent, kid] = round(100 / len(group), 2)

    link(by_kind[ElementType.VISION], by_kind[ElementType.PURPOSE], 4)
    link(by_kind[ElementType.DRIVER], by_kind[ElementType.VISION], 1)
    link(by_kind[ElementType.OBJECTIVE], by_kind[ElementType.PURPOSE] + by_kind[
        ElementType.DRIVER], 3, unaligned=0.02)  # fmt: skip
    link(by_kind[ElementType.KEY_RESULT], by_kind[ElementType.OBJECTIVE], 2, weighted=True)
    link(by_kind[ElementType.INITIATIVE], by_kind[ElementType.KEY_RESULT], 3, unaligned=0.05)
    positions: dict[int, int] = {}
    alignment_rows = []
    for (parent, child), weight in links.items():
        positions[parent] = positions.get(parent, -1) + 1
        alignment_rows.append({"parent_id": parent, "child_id": child, "weight": weight,
                               "position": positions[parent]})  # fmt: skip
    conn.execute(insert(Alignment), alignment_rows)

    initiatives = by_kind[ElementType.INITIATIVE]
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < min(DEPENDENCIES, len(initiatives) * 2):
        # -- always from an earlier initiative to a later one: no loops
        a, b = sorted(rng.sample(range(len(initiatives)), 2))
        pairs.add((initiatives[b], initiatives[a]))
    conn.execute(insert(Dependency), [
        {"dependent_id": d, "prerequisite_id": p, "kind": "finish-to-start", "note": ""}
        for d, p in sorted(pairs)
    ])  # fmt: skip
    conn.execute(insert(InformationFlow), [
        {"consumer_id": rng.choice(node_ids),
         "provider_id": rng.choice(node_ids) if rng.random() > 0.1 else None,
         "position": i, "information": _title(rng), "cadence": rng.choice(list(Cadence))}
        for i in range(FLOWS)
    ])  # fmt: skip
