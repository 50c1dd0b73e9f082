"""Generate a large workshop for benchmarks: many people, agenda items and notes.

Usage: ``python benchmarks/large_workshop.py OUT.bigdesk [--people N] [--agenda N] [--notes N]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path

import large_assessment
import large_cascade
import large_prioritisation
from sqlalchemy import Connection, delete, insert

from bigdesk.exchange.sample import populate_sample
from bigdesk.exchange.sample_decision import populate_decision
from bigdesk.model import AgendaItem, Note, Person, PersonKind, PlanDecision
from bigdesk.store import WorkshopFileError, create_workshop

PEOPLE, AGENDA, NOTES = 300, 200, 5_000
_WORDS = [
    "board", "objective", "portfolio", "depot", "budget", "roadmap", "capability", "enabler",
    "sponsor", "customer", "tracking", "fleet", "warehouse", "capacity", "priority", "outcome",
    "risk", "accountability", "node", "culture",
]  # fmt: skip


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choices(_WORDS, k=words)).capitalize() + "."


def build_large_workshop(
    path: Path, people: int = PEOPLE, agenda: int = AGENDA, notes: int = NOTES, seed: int = 1
) -> Path:
    """Create a workshop at ``path`` holding the sample plus many generated rows."""
    rng = random.Random(seed)

    def populate(conn: Connection) -> None:
        populate_sample(conn)
        conn.execute(
            insert(Person),
            [
                {"position": 100 + i, "name": f"Person {i:04d}",
                 "kind": rng.choice(list(PersonKind)), "role": _sentence(rng, 3),
                 "organisation_unit": rng.choice(_WORDS).capitalize(),
                 "influence": rng.randint(1, 5), "interest": rng.randint(1, 5),
                 "concerns": _sentence(rng, 25)}
                for i in range(people)
            ],
        )  # fmt: skip
        conn.execute(
            insert(AgendaItem),
            [
                {"position": 100 + i, "title": _sentence(rng, 5),
                 "duration_minutes": rng.randint(5, 60), "description": _sentence(rng, 40)}
                for i in range(agenda)
            ],
        )  # fmt: skip
        start = dt.datetime(2026, 12, 3, 13, 30)
        conn.execute(
            insert(Note),
            [
                {"position": 100 + i, "text": _sentence(rng, rng.randint(5, 80)),
                 "private": rng.random() < 0.3, "created_at": start + dt.timedelta(seconds=i)}
                for i in range(notes)
            ],
        )  # fmt: skip
        large_assessment.populate(conn, rng)
        large_cascade.populate(conn, rng)
        large_prioritisation.populate(conn, rng)
        # -- the plan the room accepted is the large portfolio's, not the sample's: the
        #    solver stops at its time limit, so it is proven only within a gap
        conn.execute(delete(PlanDecision))
        populate_decision(conn)

    create_workshop(path, populate).close()
    return path


def main(argv: list[str] | None = None) -> int:
    """Write a large workshop to the path given on the command line."""
    parser = argparse.ArgumentParser(description="Write a large workshop for benchmarks.")
    parser.add_argument("out", type=Path)
    parser.add_argument("--people", type=int, default=PEOPLE)
    parser.add_argument("--agenda", type=int, default=AGENDA)
    parser.add_argument("--notes", type=int, default=NOTES)
    args = parser.parse_args(argv)
    try:
        build_large_workshop(args.out, args.people, args.agenda, args.notes)
    except WorkshopFileError as error:
        print(f"large_workshop: {error}", file=sys.stderr)
        return 2
    size = args.out.stat().st_size
    print(f"Wrote {args.out} ({size / 1_048_576:.1f} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
