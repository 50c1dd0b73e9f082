"""Time importing a 2,000-task Microsoft Project XML programme into a blank workshop.

Target: the whole import (read, check, build the edit and apply it) under 2 s. The
floor is the standard library parsing the same XML into a tree, measured in the same
run; the ratio says what reading tasks, rolling up and checking the cascade add.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from bigdesk.exchange.imports import plan_import
from bigdesk.exchange.sample import populate_blank
from bigdesk.store import create_workshop

RUNS = 5
TOPS = 200
SUBTASKS = 9  # -- each top-level task and its nine subtasks: 2,000 tasks


def programme(path: Path) -> None:
    """Write a plan of ``TOPS`` top-level tasks, each with subtasks, a milestone and links."""
    tasks = []
    uid = 0
    for top in range(TOPS):
        uid += 1
        top_uid = uid
        tasks.append(f"<Task><UID>{uid}</UID><ID>{uid}</ID><Name>Project {top}</Name>"
                     "<OutlineLevel>1</OutlineLevel><Summary>1</Summary></Task>")
        for sub in range(SUBTASKS):
            uid += 1
            milestone = sub == SUBTASKS - 1
            link = ""
            if sub == 0 and top > 0:
                # -- each project waits on the previous one's milestone
                link = (f"<PredecessorLink><PredecessorUID>{top_uid - 1}</PredecessorUID>"
                        "<Type>1</Type></PredecessorLink>")
            elif sub > 0:
                link = (f"<PredecessorLink><PredecessorUID>{uid - 1}</PredecessorUID>"
                        "<Type>1</Type></PredecessorLink>")
            day = 1 + (top + sub) % 27
            tasks.append(
                f"<Task><UID>{uid}</UID><ID>{uid}</ID><Name>Task {top}.{sub}</Name>"
                f"<OutlineLevel>2</OutlineLevel><Milestone>{int(milestone)}</Milestone>"
                f"<Start>2026-03-{day:02d}T08:00:00</Start>"
                f"<Finish>2026-04-{day:02d}T17:00:00</Finish>"
                f"<Work>PT{0 if milestone else 40}H0M0S</Work><Cost>{0 if milestone else 1250000}"
                f"</Cost><PercentComplete>{(top * 7 + sub) % 101}</PercentComplete>"
                f"<Contact>Owner {top % 40}</Contact>{link}</Task>")
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n'
                    '<Project xmlns="http://schemas.microsoft.com/project">'
                    "<Title>Benchmark programme</Title><MinutesPerDay>480</MinutesPerDay>"
                    f"<Tasks>{''.join(tasks)}</Tasks></Project>", encoding="utf-8")


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        plan = Path(folder) / "programme.xml"
        programme(plan)
        imports, floors = [], []
        for run in range(RUNS):
            store = create_workshop(Path(folder) / f"w{run}.bigdesk", populate_blank)
            try:
                started = time.perf_counter()
                with store.read() as conn:
                    planned = plan_import(conn, plan)
                store.apply(planned.edit)
                imports.append((time.perf_counter() - started) * 1000)
            finally:
                store.close()
            started = time.perf_counter()
            ET.fromstring(plan.read_bytes())
            floors.append((time.perf_counter() - started) * 1000)
        size = plan.stat().st_size
    median, floor = statistics.median(imports), statistics.median(floors)
    print(f"Microsoft Project XML, {TOPS * (SUBTASKS + 1):,} tasks ({size / 1024:,.0f} KB), "
          f"median of {RUNS}:")
    print(f"  import (read, check, apply)   {median:8.0f} ms   target < 2,000 ms: "
          f"{'met' if median < 2000 else 'NOT MET'}")
    print(f"  floor: ElementTree parse      {floor:8.1f} ms   ratio {median / floor:.0f}x")
    print(f"  {planned.summary.splitlines()[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
