"""Crash testing: a child that edits a workshop until it is killed, and the parent's check.

Run as a script (``python crash_child.py PATH SEED``) it opens the workshop and
makes random edits for ever. Before each edit it prints ``{"intent": EFFECT}``
and after the commit ``{"done": N}``, flushing each line, so the parent knows
every committed edit and the one that may have been under way when it died.
Imported, it gives the parent's side: ``crash_cycle`` starts the child, kills
it with SIGKILL at a random moment, reopens the file and checks it.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# -- the columns each table's edits touch, and what the parent compares
TRACKED = {
    "person": ("position", "name", "kind", "role", "influence"),
    "agenda_item": ("position", "title", "duration_minutes"),
    "note": ("position", "text", "private"),
}
Rows = dict[str, dict[int, dict[str, Any]]]


def _random_values(rng: random.Random, table: str, serial: int) -> dict[str, Any]:
    word = f"{table} {serial} " + "".join(rng.choices("abcdefghij ", k=rng.randint(0, 60)))
    by_table: dict[str, dict[str, Any]] = {
        "person": {"name": word, "role": word[::-1], "influence": rng.choice([None, 1, 3, 5]),
                   "kind": rng.choice(["participant", "stakeholder"])},
        "agenda_item": {"title": word, "duration_minutes": rng.randint(0, 120)},
        "note": {"text": word * rng.randint(1, 20), "private": rng.random() < 0.5},
    }  # fmt: skip
    choices = by_table[table]
    keys = rng.sample(sorted(choices), rng.randint(1, len(choices)))
    values = {key: choices[key] for key in keys}
    if rng.random() < 0.2:
        values["position"] = rng.randint(0, 99)
    return values


def child_main(path: Path, seed: int) -> None:
    """Edit ``path`` at random until killed, reporting each edit."""
    from sqlalchemy import text

    from bigdesk.store import DeleteRow, Edit, InsertRow, SetValues, open_workshop

    rng = random.Random(seed)
    store = open_workshop(path)
    with store.read() as conn:
        ids = {t: set(conn.execute(text(f"SELECT id FROM {t}")).scalars()) for t in TRACKED}
    print(json.dumps({"ready": True}), flush=True)
    for serial in range(1, 1_000_000):
        table = rng.choice(sorted(TRACKED))
        roll = rng.random()
        edit: Edit
        if roll < 0.25 or len(ids[table]) < 3:
            row_id = max(ids[table] | {0}) + 1
            values = _random_values(rng, table, serial)
            effect = {"op": "insert", "table": table, "id": row_id, "values": values}
            edit = InsertRow(table, {"id": row_id, **values})
            ids[table].add(row_id)
        elif roll < 0.4:
            row_id = rng.choice(sorted(ids[table]))
            effect = {"op": "delete", "table": table, "id": row_id}
            edit = DeleteRow(table, row_id)
            ids[table].discard(row_id)
        else:
            row_id = rng.choice(sorted(ids[table]))
            values = _random_values(rng, table, serial)
            effect = {"op": "set", "table": table, "id": row_id, "values": values}
            edit = SetValues(table, row_id, values)
        print(json.dumps({"intent": effect}), flush=True)
        store.apply(edit)
        print(json.dumps({"done": serial}), flush=True)


# ---------------------------------------------------------------- the parent's side


def read_rows(path: Path) -> tuple[str, Rows]:
    """Reopen ``path`` as the app does; return its integrity verdict and tracked rows."""
    from sqlalchemy import text

    from bigdesk.store import integrity, open_workshop

    store = open_workshop(path)
    try:
        with store.read() as conn:
            verdict = integrity(conn)
            rows: Rows = {}
            for table, columns in TRACKED.items():
                query = text(f"SELECT id, {', '.join(columns)} FROM {table}")
                rows[table] = {r.id: dict(r._mapping) for r in conn.execute(query)}
    finally:
        store.close()
    for found in rows.values():
        for row in found.values():
            del row["id"]
    return verdict, rows


def apply_effect(rows: Rows, effect: dict[str, Any]) -> None:
    """Change ``rows`` as the child's reported edit changed the file."""
    table, row_id = rows[effect["table"]], effect["id"]
    if effect["op"] == "delete":
        del table[row_id]
    elif effect["op"] == "insert":
        defaults: dict[str, Any] = {
            "person": {"position": 0, "name": "", "kind": "participant", "role": "",
                       "influence": None},
            "agenda_item": {"position": 0, "title": "", "duration_minutes": 15},
            "note": {"position": 0, "text": "", "private": True},
        }[effect["table"]]  # fmt: skip
        table[row_id] = {**defaults, **effect["values"]}
    else:
        table[row_id].update(effect["values"])


def _normalise(rows: Rows) -> Rows:
    # -- SQLite stores booleans as 0 and 1
    return {
        t: {i: {k: int(v) if isinstance(v, bool) else v for k, v in r.items()}
            for i, r in table.items()}
        for t, table in rows.items()
    }  # fmt: skip


@dataclass
class CycleResult:
    """What one kill-and-reopen cycle found."""

    committed: int
    in_flight_landed: bool | None
    verdict: str


def crash_cycle(path: Path, seed: int, env: dict[str, str], max_wait: float = 0.4) -> CycleResult:
    """Run the child on ``path``, SIGKILL it at a random moment, reopen and check the file."""
    _, expected = read_rows(path)
    rng = random.Random(seed)
    child = subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), str(path), str(seed)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stderr is not None
    lines: list[str] = []
    ready = threading.Event()

    def drain() -> None:
        assert child.stdout is not None
        for line in child.stdout:
            lines.append(line)
            ready.set()

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    while not ready.wait(timeout=0.05):
        if child.poll() is not None:
            raise AssertionError(f"the crash child never started: {child.stderr.read()}")
    time.sleep(rng.uniform(0, max_wait))
    child.send_signal(signal.SIGKILL)
    child.wait()
    reader.join()
    stderr = child.stderr.read()
    assert child.returncode == -signal.SIGKILL, stderr

    committed, pending = 0, None
    for line in lines:
        if not line.endswith("\n"):
            break  # -- cut off by the kill
        message = json.loads(line)
        if "intent" in message:
            pending = message["intent"]
        elif "done" in message:
            assert pending is not None
            apply_effect(expected, pending)
            committed, pending = committed + 1, None
    verdict, actual = read_rows(path)
    assert verdict == "ok", verdict
    actual = _normalise(actual)
    landed = None
    if actual == _normalise(expected):
        landed = False if pending else None
    else:
        # -- the edit under way may have committed just before the kill, unreported
        assert pending is not None, "a reported edit is missing after the crash"
        apply_effect(expected, pending)
        assert actual == _normalise(expected), "the file matches neither possible state"
        landed = True
    return CycleResult(committed, landed, verdict)


if __name__ == "__main__":
    child_main(Path(sys.argv[1]), int(sys.argv[2]))
