"""Generate a large assessment for benchmarks: 30 participants scoring 40 dimensions."""

from __future__ import annotations

import random

from sqlalchemy import Connection, func, insert, select

from bigdesk.model import (
    Consensus,
    Dimension,
    DimensionGroup,
    Person,
    PersonKind,
    Score,
)

PARTICIPANTS, DIMENSIONS = 30, 40


def populate(conn: Connection, rng: random.Random, participants: int = PARTICIPANTS,
             dimensions: int = DIMENSIONS) -> None:
    """Bring the workshop to ``dimensions`` dimensions scored by ``participants`` participants.

    Adds generated dimensions (in a group of their own) and participants when the
    workshop has fewer; scores are spread around a per-dimension centre so some
    dimensions disagree, with a few not applicable and a few left unscored.
    """
    have = conn.execute(select(func.count()).select_from(Dimension)).scalar_one()
    if have < dimensions:
        position = conn.execute(select(func.count()).select_from(DimensionGroup)).scalar_one()
        group_id = conn.execute(insert(DimensionGroup).values(
            name="Generated", position=position)).inserted_primary_key[0]  # type: ignore[index]
        conn.execute(insert(Dimension), [
            {"group_id": group_id, "position": i, "key": f"generated-{i:03d}",
             "name": f"Generated capability {i:03d}", "description": "Generated for benchmarks.",
             **{f"level_{n}": f"Level {n} of generated capability {i:03d}." for n in range(1, 6)}}
            for i in range(dimensions - have)
        ])  # fmt: skip
    people = list(conn.execute(select(Person.id).where(Person.kind == PersonKind.PARTICIPANT)
                               .order_by(Person.position, Person.id)).scalars())
    if len(people) < participants:
        start = conn.execute(select(func.coalesce(func.max(Person.position), 0))).scalar_one()
        conn.execute(insert(Person), [
            {"name": f"Scorer {i:02d}", "kind": PersonKind.PARTICIPANT, "position": start + 1 + i}
            for i in range(participants - len(people))
        ])  # fmt: skip
        people = list(conn.execute(select(Person.id)
                                   .where(Person.kind == PersonKind.PARTICIPANT)
                                   .order_by(Person.position, Person.id)).scalars())
    people = people[:participants]
    dims = list(conn.execute(select(Dimension.id).order_by(Dimension.id)).scalars())[:dimensions]
    scored = {(p, d) for p, d in conn.execute(select(Score.person_id, Score.dimension_id))}
    rows = []
    for dimension in dims:
        centre, spread = rng.randint(1, 4), rng.choice((0, 1, 1, 2))
        for person in people:
            if (person, dimension) in scored or rng.random() < 0.04:
                continue
            current = 0 if rng.random() < 0.03 else \
                max(1, min(5, centre + rng.randint(-spread, spread)))
            target = max(1, min(5, (current or centre) + rng.randint(0, 2)))
            rows.append({"person_id": person, "dimension_id": dimension, "current": current,
                         "target": target})
    if rows:
        conn.execute(insert(Score), rows)
    agreed = set(conn.execute(select(Consensus.dimension_id)).scalars())
    fresh = [d for d in dims[::2] if d not in agreed]
    if fresh:
        conn.execute(insert(Consensus), [
            {"dimension_id": d, "current": rng.randint(1, 3), "target": rng.randint(3, 5),
             "evidence": "Generated evidence."} for d in fresh
        ])  # fmt: skip
