"""Services of the Assess step: scores, consensus, the workshop's framework, enablers first."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, func, select

from bigdesk.analysis.assessment import (
    assessment_statistics,
    enabler_candidates,
    load_assessment,
)
from bigdesk.app.rows import next_id, next_position
from bigdesk.exchange.framework import Framework, FrameworkImport, plan_framework_import
from bigdesk.model import (
    LEVELS,
    NOT_APPLICABLE,
    Alignment,
    Base,
    Confidence,
    Consensus,
    Dimension,
    DimensionGroup,
    Element,
    ElementType,
    InitiativeKind,
    InitiativeTiming,
    Portfolio,
    Score,
    Spread,
)
from bigdesk.store import (
    Batch,
    DeleteRow,
    Edit,
    InsertRow,
    SetValues,
    Workspace,
    fetch,
    fetch_one,
    reorder,
)
from bigdesk.store.errors import EditRejectedError

LEVEL_FIELDS = ("current", "target")
DIMENSION_TEXT_FIELDS = ("name", "description", "level_1", "level_2", "level_3", "level_4",
                         "level_5")


def _check_level(level: int | None) -> None:
    if level is None or level == NOT_APPLICABLE:
        return
    if not isinstance(level, int) or level not in LEVELS:
        raise EditRejectedError(
            f"A level runs from {LEVELS[0]} to {LEVELS[-1]}, or N for not applicable."
        )


def _level_text(level: int | None) -> str:
    if level is None:
        return "clear"
    return "N/A" if level == NOT_APPLICABLE else str(level)


# ---------------------------------------------------------------- scores and consensus


def _score_edit(conn: Connection, person_id: int, dimension_id: int,
                levels: Mapping[str, int | None], label: str) -> Edit | None:
    """Return the edit giving one participant's score these levels, or None if it has them."""
    row = conn.execute(select(Score.id, Score.current, Score.target)
                       .where(Score.person_id == person_id,
                              Score.dimension_id == dimension_id)).first()
    if row is None:
        given = {which: level for which, level in levels.items() if level is not None}
        if not given:
            return None
        return InsertRow(Score, {"person_id": person_id, "dimension_id": dimension_id, **given},
                         label)
    old = {"current": row.current, "target": row.target}
    changed = {which: level for which, level in levels.items() if old[which] != level}
    if not changed:
        return None
    if all({**old, **changed}[which] is None for which in LEVEL_FIELDS):
        # -- a score row left with neither level is removed
        return DeleteRow(Score, row.id, label)
    return SetValues(Score, row.id, changed, label)


def set_levels(workspace: Workspace, person_id: int, dimension_id: int,
               levels: Mapping[str, int | None]) -> bool:
    """Set one participant's current and/or target level (None clears one), as one edit.

    Returns whether anything changed.
    """
    if not levels or any(which not in LEVEL_FIELDS for which in levels):
        raise ValueError(f"levels are keyed by {LEVEL_FIELDS}")
    for level in levels.values():
        _check_level(level)
    label = "Score " + ", ".join(f"{which} {_level_text(level)}"
                                 for which, level in levels.items())
    with workspace.read() as conn:
        edit = _score_edit(conn, person_id, dimension_id, levels, label)
    if edit is None:
        return False
    workspace.do(edit)
    return True


def set_score(workspace: Workspace, person_id: int, dimension_id: int, which: str,
              level: int | None) -> bool:
    """Set one participant's current or target level (None clears it); return whether it changed.

    One undoable edit; a score row left with neither level is removed.
    """
    if which not in LEVEL_FIELDS:
        raise ValueError(f"which must be one of {LEVEL_FIELDS}")
    return set_levels(workspace, person_id, dimension_id, {which: level})


def set_consensus(workspace: Workspace, dimension_id: int, column: str,
                  value: Any) -> bool:
    """Set the agreed current or target level, the evidence or the confidence of a dimension."""
    if column in LEVEL_FIELDS:
        _check_level(value)
        label = f"Agree {column} level {_level_text(value)}"
    elif column == "evidence":
        value = str(value or "").strip()
        label = "Change evidence"
    elif column == "confidence":
        value = None if value in (None, "") else Confidence(value)
        label = "Change confidence"
    else:
        raise ValueError(f"{column!r} is not part of a consensus")
    with workspace.read() as conn:
        found = fetch(conn, select(Consensus).where(Consensus.dimension_id == dimension_id))
    if not found:
        if value in (None, ""):
            return False
        workspace.do(InsertRow(Consensus, {"dimension_id": dimension_id, column: value}, label))
        return True
    if getattr(found[0], column) == value:
        return False
    workspace.do(SetValues(Consensus, found[0].id, {column: value}, label))
    return True


# ---------------------------------------------------------------- the workshop's framework


def groups(conn: Connection) -> list[DimensionGroup]:
    """Return the framework's groups in order."""
    return fetch(conn, select(DimensionGroup).order_by(DimensionGroup.position,
                                                       DimensionGroup.id))


def dimensions(conn: Connection, group_id: int | None = None) -> list[Dimension]:
    """Return the dimensions of one group (or all), in order."""
    statement = select(Dimension).order_by(Dimension.position, Dimension.id)
    if group_id is not None:
        statement = statement.where(Dimension.group_id == group_id)
    return fetch(conn, statement)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-") or Dimension.noun


def unique_key(conn: Connection, name: str, exclude_id: int | None = None) -> str:
    """Return a key made from ``name`` that no other dimension of the workshop uses."""
    taken = {key for did, key in conn.execute(select(Dimension.id, Dimension.key))
             if did != exclude_id}
    base = _slug(name)[:90]
    key, number = base, 2
    while key in taken:
        key, number = f"{base}-{number}", number + 1
    return key


def add_group(workspace: Workspace, name: str) -> int:
    """Add a group at the end of the framework and return its id."""
    with workspace.read() as conn:
        position = next_position(conn, DimensionGroup)
    inverse = workspace.do(InsertRow(DimensionGroup, {"name": name.strip(),
                                                      "position": position}, "Add group"))
    assert isinstance(inverse, DeleteRow)
    return inverse.row_id


def rename_group(workspace: Workspace, group_id: int, name: str) -> None:
    """Rename a group."""
    name = name.strip()
    if not name:
        raise EditRejectedError("A group needs a name.")
    workspace.do(SetValues(DimensionGroup, group_id, {"name": name}, "Rename group"))


def add_dimension(workspace: Workspace, group_id: int, name: str,
                  after_id: int | None = None) -> int:
    """Add a dimension to a group (after ``after_id``, else at its end) and return its id."""
    name = name.strip()
    with workspace.read() as conn:
        order = [d.id for d in dimensions(conn, group_id)]
        key = unique_key(conn, name)
        new_id = next_id(conn, Dimension)
    index = order.index(after_id) + 1 if after_id in order else len(order)
    order.insert(index, new_id)
    label = "Add dimension"
    insert = InsertRow(Dimension, {"id": new_id, "group_id": group_id, "name": name,
                                   "key": key, "position": index}, label)
    workspace.do(Batch((insert, reorder(Dimension, order, label)), label))
    return new_id


def set_dimension(workspace: Workspace, dimension_id: int, column: str, value: str) -> bool:
    """Change a dimension's key, name, description or a level descriptor; return whether it did."""
    value = value.strip()
    with workspace.read() as conn:
        old = fetch_one(conn, Dimension, dimension_id)
        if old is None:
            raise EditRejectedError("That dimension no longer exists.")
        if column == "key":
            if not value:
                raise EditRejectedError("A dimension needs a key; it matches dimensions across "
                                        "workshops and framework files.")
            clash = conn.execute(select(Dimension.name).where(
                Dimension.key == value, Dimension.id != dimension_id)).first()
            if clash is not None:
                raise EditRejectedError(f"The key {value!r} is already used by “{clash.name}”.")
        elif column not in DIMENSION_TEXT_FIELDS:
            raise ValueError(f"{column!r} is not a dimension text")
        elif column == "name" and not value:
            raise EditRejectedError("A dimension needs a name.")
    if getattr(old, column) == value:
        return False
    noun = column.replace("_", " ") if not column.startswith("level_") else \
        f"level {column[-1]} descriptor"
    workspace.do(SetValues(Dimension, dimension_id, {column: value},
                           "Rename dimension" if column == "name" else f"Change {noun}"))
    return True


def move_dimension_to_group(workspace: Workspace, dimension_id: int, group_id: int) -> None:
    """Move a dimension to the end of another group."""
    with workspace.read() as conn:
        order = [d.id for d in dimensions(conn, group_id) if d.id != dimension_id]
    label = "Move dimension to group"
    workspace.do(Batch((SetValues(Dimension, dimension_id, {"group_id": group_id}, label),
                        reorder(Dimension, [*order, dimension_id], label)), label))


def scores_for(conn: Connection, dimension_ids: Sequence[int]) -> int:
    """Return how many scores (with a level) the given dimensions hold."""
    if not dimension_ids:
        return 0
    return int(conn.execute(
        select(func.count()).select_from(Score)
        .where(Score.dimension_id.in_(list(dimension_ids)))
        .where(Score.current.is_not(None) | Score.target.is_not(None))).scalar_one())


def remove_dimension(workspace: Workspace, dimension_id: int) -> None:
    """Remove a dimension with its scores and consensus, as one undoable edit."""
    workspace.do(DeleteRow(Dimension, dimension_id, "Remove dimension"))


def remove_group(workspace: Workspace, group_id: int) -> None:
    """Remove a group with its dimensions, their scores and consensus, as one undoable edit."""
    workspace.do(DeleteRow(DimensionGroup, group_id, "Remove group"))


def move_group(workspace: Workspace, group_id: int, offset: int) -> bool:
    """Move a group up (negative) or down; return whether it moved."""
    with workspace.read() as conn:
        order = [g.id for g in groups(conn)]
    return _move(workspace, DimensionGroup, order, group_id, offset, "Move group")


def move_dimension(workspace: Workspace, dimension_id: int, offset: int) -> bool:
    """Move a dimension up (negative) or down within its group; return whether it moved."""
    with workspace.read() as conn:
        group_id = conn.execute(select(Dimension.group_id)
                                .where(Dimension.id == dimension_id)).scalar_one()
        order = [d.id for d in dimensions(conn, group_id)]
    return _move(workspace, Dimension, order, dimension_id, offset, "Move dimension")


def _move(workspace: Workspace, table: type[Base], order: list[int], row_id: int, offset: int,
          label: str) -> bool:
    index = order.index(row_id)
    target = max(0, min(len(order) - 1, index + offset))
    if target == index:
        return False
    order.insert(target, order.pop(index))
    workspace.do(reorder(table, order, label))
    return True


def plan_import(workspace: Workspace, framework: Framework,
                replace: bool = True) -> FrameworkImport:
    """Work out what importing ``framework`` would change (nothing is changed yet)."""
    with workspace.read() as conn:
        return plan_framework_import(conn, framework, replace)


def import_framework(workspace: Workspace, plan: FrameworkImport) -> None:
    """Apply a planned framework import as one undoable edit."""
    workspace.do(plan.edit)


# ---------------------------------------------------------------- enablers first


def make_enabler_initiatives(workspace: Workspace, count: int) -> list[int]:
    """Create a project for each of the ``count`` largest gaps that has none yet; return ids.

    The initiatives are Transform projects that remember the dimension they close. Each
    enables the objectives and key results the cascade proposes (an alignment link up
    to each) and starts with estimates (the median project's budget and effort, a
    quarter per level of gap), so it is scored and can be chosen; the facilitator
    confirms both in one dialog. All of it is one undoable edit.
    """
    from bigdesk.app.planning import EnablerContext

    with workspace.read() as conn:
        rows = assessment_statistics(load_assessment(conn))
        chosen = enabler_candidates(conn, rows, count)
        position = next_position(conn, Element)
        first_id = next_id(conn, Element)
        context = EnablerContext(conn)
        link_positions = {target: next_position(conn, Alignment, parent_id=target)
                          for target in context.targets}
    if not chosen:
        return []
    label = "Make enabler initiative" if len(chosen) == 1 else \
        f"Make {len(chosen)} enabler initiatives"
    edits: list[Edit] = []
    ids = []
    for offset, row in enumerate(chosen):
        current = f"{row.current_level:g}" if row.current_level is not None else "?"
        target = f"{row.target_level:g}" if row.target_level is not None else "?"
        ids.append(first_id + offset)
        edits.append(InsertRow(Element, {
            "id": first_id + offset,
            "type": ElementType.INITIATIVE,
            "position": position + offset,
            "title": f"Enabler: {row.dimension.name}",
            "description": f"Raise “{row.dimension.name}” from maturity level {current} to "
                           f"{target} (a gap of {row.gap:g}, from the current-state assessment).",
            "initiative_kind": InitiativeKind.PROJECT,
            "portfolio": Portfolio.TRANSFORM,
            "closes_dimension_id": row.dimension.id,
            "budget": context.budget,
            "effort": context.effort,
        }, label))  # fmt: skip
        edits.append(InsertRow(InitiativeTiming, {
            "initiative_id": first_id + offset, "duration": context.duration(row.gap),
            "spread": Spread.FLAT}, label))  # fmt: skip
        for parent in context.links_for(row.dimension.id, None, first_id + offset):
            edits.append(InsertRow(Alignment, {"parent_id": parent, "child_id": first_id + offset,
                                               "position": link_positions[parent]}, label))
            link_positions[parent] += 1
    workspace.do(Batch(tuple(edits), label))
    return ids
