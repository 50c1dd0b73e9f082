"""How far each step of the workflow has gone, and how many findings each one has."""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable

from sqlalchemy import Connection, text

from bigdesk.analysis.findings import RULE_STEPS, Finding, Rule, Severity, rules_from
from bigdesk.domain.steps import STEPS, FirstStep, Step
from bigdesk.model import Base


class StepState(enum.Enum):
    """Where a step's work stands."""

    EMPTY = "empty"
    STARTED = "started"
    DONE = "done"


_TABLE_STEPS = {str(table.__tablename__): s.key for s in STEPS for table in s.tables}


def filled_tables(conn: Connection,
                  tables: Iterable[type[Base]] | None = None) -> set[type[Base]]:
    """Return which of ``tables`` (by default, every step's) have at least one row."""
    if tables is None:
        tables = {table for s in STEPS for table in (*s.tables, *s.done_when, *step_needs(s))}
    ordered = sorted(set(tables), key=lambda table: str(table.__tablename__))
    quote = conn.dialect.identifier_preparer.quote
    # -- one statement for all of them: the step list asks at start-up and after edits, and
    #    forty small queries cost more in compiling than in reading
    query = " UNION ALL ".join(
        f"SELECT {number} WHERE EXISTS (SELECT 1 FROM {quote(str(table.__tablename__))})"
        for number, table in enumerate(ordered))
    return {ordered[number] for (number,) in conn.execute(text(query))} if ordered else set()


def step_state(step: Step, filled: set[type[Base]]) -> StepState | None:
    """Return where ``step`` stands given the tables with rows (None: it holds no work)."""
    if not step.tables:
        return None
    if not filled.intersection(step.tables):
        return StepState.EMPTY
    if filled.issuperset(step.done_when):
        return StepState.DONE
    return StepState.STARTED


def step_needs(step: Step) -> tuple[type[Base], ...]:
    """Return the tables other steps hold that decide what ``step``'s page says while empty."""
    return tuple(table for first in step.first_steps for table in first.missing)


def first_step(step: Step, filled: set[type[Base]]) -> FirstStep | None:
    """Return what ``step``'s page says instead of its work (None: show the work)."""
    if filled.intersection(step.tables):
        return None
    return next((first for first in step.first_steps if not filled.intersection(first.missing)),
                None)


def finding_step(finding: Finding, default: str) -> str:
    """Return the key of the step whose work ``finding`` is about."""
    table = (finding.element or "").partition(":")[0]
    return _TABLE_STEPS.get(table, default)


def count_by_step(groups: Iterable[tuple[str, Iterable[Finding]]]) -> Counter[str]:
    """Count the findings to look at (not the notes) by step, from (default step, findings)."""
    return Counter(finding_step(f, default) for default, found in groups for f in found
                   if f.severity is not Severity.INFO)


def rules_of(step_key: str) -> list[Rule]:
    """Return the rules whose findings belong to ``step_key`` unless their element says."""
    # -- only that step's modules: the planning and prioritisation rules are slow to import
    #    and the step list counts the fast steps' findings at start-up
    return rules_from(module for module, key in RULE_STEPS.items() if key == step_key)
