"""Capability frameworks as files: load and check them, copy one into a workshop, export it.

A framework file is JSON (see docs/framework.md); consultants may also keep one as a
CSV or XLSX table with one row per dimension. Every problem in a file is reported
with where it is, and nothing is imported unless the whole file is good.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, func, insert, select

from bigdesk import paths
from bigdesk.exchange.atomic import atomic_path
from bigdesk.exchange.incoming import IncomingFileError, read_incoming
from bigdesk.exchange.limits import MAX_DEFINITION_BYTES
from bigdesk.exchange.tabular import Sheet, TableFileError, read_table, write_csv, write_xlsx
from bigdesk.model import Consensus, Dimension, DimensionGroup, Score
from bigdesk.store import Batch, DeleteRow, Edit, InsertRow, OpenWorkshop, SetValues

FORMAT = "bigdesk-framework"
FORMAT_VERSION = 1
DEFAULT_FILE = ("frameworks", "big-default.json")
LEVEL_KEYS = ("1", "2", "3", "4", "5")
TABLE_COLUMNS = ("group", "key", "name", "description", *(f"level_{n}" for n in LEVEL_KEYS))
# -- the longest texts the workshop file's columns hold
KEY_LENGTH, NAME_LENGTH = 100, 200

_TOP_FIELDS = {"format", "version", "name", "groups"}
_GROUP_FIELDS = {"name", "dimensions"}
_DIMENSION_FIELDS = {"key", "name", "description", "levels"}


class FrameworkError(ValueError):
    """A framework file cannot be used; the message lists every problem and where it is."""


@dataclass(frozen=True)
class FrameworkDimension:
    """One dimension of a framework: a stable key, a name, a description and five descriptors."""

    key: str
    name: str
    description: str = ""
    levels: tuple[str, str, str, str, str] = ("", "", "", "", "")


@dataclass(frozen=True)
class FrameworkGroup:
    """A named group of dimensions."""

    name: str
    dimensions: tuple[FrameworkDimension, ...] = ()


@dataclass(frozen=True)
class Framework:
    """A capability framework: groups of dimensions, in order."""

    name: str
    groups: tuple[FrameworkGroup, ...]

    def dimensions(self) -> list[FrameworkDimension]:
        """Return every dimension in order."""
        return [d for g in self.groups for d in g.dimensions]


# ---------------------------------------------------------------- reading files


class _Problems:
    """Collects problems so the user sees all of them at once."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.items: list[str] = []

    def add(self, where: str, message: str) -> None:
        self.items.append(f"{where}: {message}")

    def raise_if_any(self) -> None:
        if self.items:
            shown = self.items[:20]
            more = len(self.items) - len(shown)
            lines = "\n".join(f"  {item}" for item in shown)
            tail = f"\n  … and {more} more" if more else ""
            raise FrameworkError(
                f"{self.source} is not a usable framework; nothing was imported.\n{lines}{tail}"
            )


def _text(value: Any, where: str, label: str, problems: _Problems, required: bool,
          limit: int | None = None) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        problems.add(where, f"{label} must be text, not {type(value).__name__}")
        return ""
    text: str = value.strip()
    if required and not text:
        problems.add(where, f"{label} is missing")
    if limit is not None and len(text) > limit:
        problems.add(where, f"{label} is longer than {limit} characters")
    return text


def _levels(value: Any, where: str, problems: _Problems) -> tuple[str, str, str, str, str]:
    texts = dict.fromkeys(LEVEL_KEYS, "")
    if value is None:
        return ("", "", "", "", "")
    if not isinstance(value, Mapping):
        problems.add(where, 'levels must be an object such as {"1": "…", …, "5": "…"}')
        return ("", "", "", "", "")
    for level, text in value.items():
        if str(level) not in LEVEL_KEYS:
            problems.add(where, f"level {level!r} is out of range (levels run from 1 to 5)")
            continue
        texts[str(level)] = _text(text, where, f"level {level}", problems, required=False)
    one, two, three, four, five = (texts[k] for k in LEVEL_KEYS)
    return (one, two, three, four, five)


def _unknown(data: Mapping[str, Any], known: set[str], where: str, problems: _Problems) -> None:
    for name in data:
        if name not in known:
            expected = ", ".join(sorted(known))
            problems.add(where, f"unknown field {name!r} (expected {expected})")


def framework_from_data(data: Any, source: str = "framework") -> Framework:
    """Check the decoded JSON ``data`` of a framework file and return the framework."""
    problems = _Problems(source)
    if not isinstance(data, Mapping):
        problems.add("top level", "the file must hold one JSON object with a list of groups")
        problems.raise_if_any()
    _unknown(data, _TOP_FIELDS, "top level", problems)
    if "format" in data and data["format"] != FORMAT:
        problems.add("top level", f"format is {data['format']!r}; expected {FORMAT!r}")
    if "version" in data and data["version"] != FORMAT_VERSION:
        problems.add("top level", f"version {data['version']!r} is not one this BIG Desk "
                     f"reads (expected {FORMAT_VERSION})")
    name = _text(data.get("name"), "top level", "name", problems, required=False)
    raw_groups = data.get("groups")
    if not isinstance(raw_groups, list) or not raw_groups:
        problems.add("top level", "groups must be a non-empty list")
        problems.raise_if_any()
    groups: list[FrameworkGroup] = []
    for number, raw in enumerate(raw_groups, start=1):
        where = f"group {number}"
        if not isinstance(raw, Mapping):
            problems.add(where, "must be an object with a name and dimensions")
            continue
        group_name = _text(raw.get("name"), where, "name", problems, True, NAME_LENGTH)
        if group_name:
            where = f"group {number} ({group_name})"
        _unknown(raw, _GROUP_FIELDS, where, problems)
        raw_dimensions = raw.get("dimensions", [])
        if not isinstance(raw_dimensions, list):
            problems.add(where, "dimensions must be a list")
            raw_dimensions = []
        dimensions = []
        for index, item in enumerate(raw_dimensions, start=1):
            place = f"{where}, dimension {index}"
            if not isinstance(item, Mapping):
                problems.add(place, "must be an object with a key and a name")
                continue
            key = _text(item.get("key"), place, "key", problems, True, KEY_LENGTH)
            if key:
                place = f"{where}, dimension {index} ({key})"
            _unknown(item, _DIMENSION_FIELDS, place, problems)
            dimensions.append(FrameworkDimension(
                key=key,
                name=_text(item.get("name"), place, "name", problems, True, NAME_LENGTH),
                description=_text(item.get("description"), place, "description", problems, False),
                levels=_levels(item.get("levels"), place, problems),
            ))  # fmt: skip
        groups.append(FrameworkGroup(group_name, tuple(dimensions)))
    framework = Framework(name, tuple(groups))
    _check_unique(framework, problems)
    problems.raise_if_any()
    return framework


def _check_unique(framework: Framework, problems: _Problems) -> None:
    seen_groups: dict[str, int] = {}
    for number, group in enumerate(framework.groups, start=1):
        folded = group.name.casefold()
        if folded and folded in seen_groups:
            problems.add(f"group {number} ({group.name})",
                         f"duplicate group name (also group {seen_groups[folded]})")
        seen_groups.setdefault(folded, number)
    seen_keys: dict[str, str] = {}
    for group in framework.groups:
        for dimension in group.dimensions:
            if not dimension.key:
                continue
            if dimension.key in seen_keys:
                problems.add(f"dimension {dimension.key}",
                             f"duplicate key (also used in group {seen_keys[dimension.key]})")
            seen_keys.setdefault(dimension.key, group.name)


def _framework_from_table(path: Path) -> Framework:
    try:
        table = read_table(path)
    except TableFileError as error:
        raise FrameworkError(str(error)) from None
    problems = _Problems(table.source)
    headers = [h.strip().lower() for h in table.headers]
    for number, header in enumerate(headers, start=1):
        if header and header not in TABLE_COLUMNS:
            problems.add(f"column {number}",
                         f"unknown column {header!r} (expected {', '.join(TABLE_COLUMNS)})")
    for needed in ("group", "key", "name"):
        if needed not in headers:
            problems.add("header row", f"the column {needed!r} is missing")
    problems.raise_if_any()
    column = {name: headers.index(name) for name in TABLE_COLUMNS if name in headers}
    order: list[str] = []
    members: dict[str, list[FrameworkDimension]] = {}
    for line, row in enumerate(table.rows, start=2):
        where = f"row {line}"

        def cell(name: str, row: list[str] = row) -> str:
            return row[column[name]].strip() if name in column and column[name] < len(row) else ""

        group = cell("group")
        key, name = cell("key"), cell("name")
        for label, value, limit in (("group", group, NAME_LENGTH), ("key", key, KEY_LENGTH),
                                    ("name", name, NAME_LENGTH)):
            if not value:
                problems.add(where, f"{label} is missing")
            elif len(value) > limit:
                problems.add(where, f"{label} is longer than {limit} characters")
        levels = tuple(cell(f"level_{n}") for n in LEVEL_KEYS)
        if group.casefold() not in members:
            order.append(group)
            members[group.casefold()] = []
        members[group.casefold()].append(
            FrameworkDimension(key, name, cell("description"), levels)  # type: ignore[arg-type]
        )
    if not table.rows:
        problems.add("the table", "there are no dimensions")
    problems.raise_if_any()
    groups = tuple(FrameworkGroup(g, tuple(members[g.casefold()])) for g in order)
    framework = Framework(path.stem, groups)
    _check_unique(framework, problems)
    problems.raise_if_any()
    return framework


def load_framework(path: Path | str) -> Framework:
    """Read and check a framework file (.json, .csv or .xlsx); raise FrameworkError if unusable."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt", ".xlsx", ".xlsm"):
        return _framework_from_table(path)
    if suffix != ".json":
        raise FrameworkError(f"{path.name}: choose a .json, .csv or .xlsx framework file.")
    try:
        text = read_incoming(path, MAX_DEFINITION_BYTES).decode("utf-8-sig")
    except IncomingFileError as error:
        raise FrameworkError(str(error)) from None
    except UnicodeDecodeError as error:
        raise FrameworkError(
            f"{path.name}: byte {error.start} is not valid UTF-8 text; save the file as UTF-8."
        ) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise FrameworkError(
            f"{path.name} is not valid JSON: {error.msg} at line {error.lineno}, "
            f"column {error.colno}; nothing was imported."
        ) from None
    except (ValueError, RecursionError) as error:
        raise FrameworkError(f"{path.name} cannot be read ({error}); nothing was imported.") \
            from None  # fmt: skip
    return framework_from_data(data, path.name)


def default_framework() -> Framework:
    """Return the BIG capability framework that ships with BIG Desk."""
    return load_framework(paths.resource(*DEFAULT_FILE))


# ---------------------------------------------------------------- writing files


def framework_to_data(framework: Framework) -> dict[str, Any]:
    """Return ``framework`` as the JSON object of a framework file."""
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "name": framework.name,
        "groups": [
            {
                "name": group.name,
                "dimensions": [
                    {
                        "key": d.key,
                        "name": d.name,
                        "description": d.description,
                        "levels": dict(zip(LEVEL_KEYS, d.levels, strict=True)),
                    }
                    for d in group.dimensions
                ],
            }
            for group in framework.groups
        ],
    }


def framework_sheet(framework: Framework) -> Sheet:
    """Return the framework as a table with one row per dimension."""
    return Sheet(
        "Framework",
        list(TABLE_COLUMNS),
        [[g.name, d.key, d.name, d.description, *d.levels]
         for g in framework.groups for d in g.dimensions],
    )


def save_framework(framework: Framework, target: Path | str) -> None:
    """Write ``framework`` to ``target`` as JSON, CSV or XLSX, chosen by the file's suffix."""
    target = Path(target)
    suffix = target.suffix.lower()
    if suffix == ".json":
        text = json.dumps(framework_to_data(framework), ensure_ascii=False, indent=2) + "\n"
        with atomic_path(target) as partial:
            partial.write_text(text, encoding="utf-8")
    elif suffix == ".csv":
        write_csv(target, framework_sheet(framework))
    elif suffix == ".xlsx":
        write_xlsx(target, [framework_sheet(framework)])
    else:
        raise FrameworkError(f"{target.name}: choose a .json, .csv or .xlsx file.")


# ---------------------------------------------------------------- the workshop's copy


def workshop_framework(conn: Connection, name: str = "") -> Framework:
    """Return the workshop's own copy of its framework."""
    groups = conn.execute(
        select(DimensionGroup.id, DimensionGroup.name)
        .order_by(DimensionGroup.position, DimensionGroup.id)
    ).all()
    rows = conn.execute(
        select(Dimension.__table__).order_by(Dimension.position, Dimension.id)
    ).mappings().all()
    members: dict[int, list[FrameworkDimension]] = {group_id: [] for group_id, _ in groups}
    for row in rows:
        members.setdefault(row["group_id"], []).append(FrameworkDimension(
            row["key"], row["name"], row["description"],
            (row["level_1"], row["level_2"], row["level_3"], row["level_4"], row["level_5"]),
        ))  # fmt: skip
    return Framework(name, tuple(FrameworkGroup(n, tuple(members[i])) for i, n in groups))


def export_framework(conn: Connection, target: Path | str) -> None:
    """Write the workshop's framework to a file (.json, .csv or .xlsx)."""
    save_framework(workshop_framework(conn, Path(target).stem), target)


def _dimension_values(dimension: FrameworkDimension) -> dict[str, Any]:
    values: dict[str, Any] = {"key": dimension.key, "name": dimension.name,
                              "description": dimension.description}
    values.update({f"level_{n}": text
                   for n, text in zip(LEVEL_KEYS, dimension.levels, strict=True)})
    return values


def populate_framework(conn: Connection, framework: Framework | None = None) -> None:
    """Copy a framework (the default one unless given) into a workshop that has none yet."""
    framework = framework or default_framework()
    for group_position, group in enumerate(framework.groups):
        group_id = conn.execute(
            insert(DimensionGroup).values(position=group_position, name=group.name)
        ).inserted_primary_key[0]  # type: ignore[index]
        if group.dimensions:
            conn.execute(insert(Dimension), [
                {**_dimension_values(d), "group_id": group_id, "position": position}
                for position, d in enumerate(group.dimensions)
            ])  # fmt: skip


@dataclass(frozen=True)
class RemovedDimension:
    """A dimension an import would remove, with what would be lost with it."""

    dimension_id: int
    key: str
    name: str
    scores: int
    consensus: bool


@dataclass(frozen=True)
class FrameworkImport:
    """What importing a framework would do, and the one edit that does it."""

    edit: Batch
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[RemovedDimension] = field(default_factory=list)

    @property
    def scores_lost(self) -> int:
        """Return how many participants' scores the import would delete."""
        return sum(r.scores for r in self.removed)

    def summary(self) -> str:
        """Return one line saying what the import changes."""
        parts = [f"{len(self.added)} added", f"{len(self.updated)} updated",
                 f"{len(self.unchanged)} unchanged", f"{len(self.removed)} removed"]
        line = "Framework imported: dimensions " + ", ".join(parts)
        if self.removed:
            line += f" (with {self.scores_lost} scores)"
        return line + "."


def plan_framework_import(conn: Connection, framework: Framework,
                          replace: bool = True) -> FrameworkImport:
    """Work out the one edit that brings ``framework`` into the workshop.

    Dimensions match by key: a matched dimension keeps its scores and consensus and
    takes the file's name, description, descriptors, group and place. With ``replace``
    the workshop's framework becomes the file's, so dimensions missing from the file
    are removed with their scores and consensus (``removed`` lists them, so the app
    can ask first); otherwise (merge) they are kept after the file's dimensions.
    Groups match by name, ignoring case.
    """
    label = "Import framework" if replace else "Merge framework"
    groups = {r.id: dict(r._mapping) for r in conn.execute(select(DimensionGroup.__table__))}
    dims = {r.id: dict(r._mapping) for r in conn.execute(
        select(Dimension.__table__).order_by(Dimension.position, Dimension.id))}
    group_by_name = {g["name"].strip().casefold(): gid for gid, g in
                     sorted(groups.items(), key=lambda item: (item[1]["position"], item[0]))}
    dim_by_key = {d["key"]: did for did, d in dims.items() if d["key"]}
    next_group = int(conn.execute(select(func.coalesce(func.max(DimensionGroup.id), 0)))
                     .scalar_one()) + 1
    next_dim = int(conn.execute(select(func.coalesce(func.max(Dimension.id), 0))).scalar_one()) + 1

    edits: list[Edit] = []
    # -- deletions come last, after matched dimensions have left a group that goes
    deletions: list[Edit] = []
    result = FrameworkImport(Batch((), label))
    kept_groups: list[int] = []
    placed: dict[int, list[int]] = {}  # group id -> dimension ids in order
    for group in framework.groups:
        gid = group_by_name.get(group.name.casefold())
        if gid is None:
            gid, next_group = next_group, next_group + 1
            edits.append(InsertRow("dimension_group", {"id": gid, "name": group.name,
                                                       "position": len(kept_groups)}, label))
        elif groups[gid]["name"] != group.name:
            edits.append(SetValues("dimension_group", gid, {"name": group.name}, label))
        kept_groups.append(gid)
        placed[gid] = []
        for dimension in group.dimensions:
            values = _dimension_values(dimension)
            did = dim_by_key.get(dimension.key)
            if did is None:
                did, next_dim = next_dim, next_dim + 1
                edits.append(InsertRow("dimension", {**values, "id": did, "group_id": gid,
                                                     "position": len(placed[gid])}, label))
                result.added.append(dimension.key)
            else:
                old = dims[did]
                if any(old[k] != v for k, v in values.items()):
                    result.updated.append(dimension.key)
                else:
                    result.unchanged.append(dimension.key)
                # -- group and place are set below, with every other move
                changed = {k: v for k, v in values.items() if old[k] != v}
                if changed:
                    edits.append(SetValues("dimension", did, changed, label))
            placed[gid].append(did)
    matched = {did for ids in placed.values() for did in ids}
    leftovers = [did for did in dims if did not in matched]
    if replace:
        counts = _score_counts(conn, leftovers)
        agreed = set(conn.execute(select(Consensus.dimension_id)
                                  .where(Consensus.dimension_id.in_(leftovers))).scalars())
        for did in leftovers:
            dim = dims[did]
            result.removed.append(RemovedDimension(did, dim["key"], dim["name"],
                                                   counts.get(did, 0), did in agreed))
            deletions.append(DeleteRow("dimension", did, label))
        deletions += [DeleteRow("dimension_group", gid, label)
                      for gid in groups if gid not in kept_groups]
    else:
        for did in leftovers:
            gid = dims[did]["group_id"]
            if gid not in placed:
                kept_groups.append(gid)
                placed[gid] = []
            placed[gid].append(did)
        kept_groups += [gid for gid in sorted(groups, key=lambda g: groups[g]["position"])
                        if gid not in kept_groups]
    # -- finally give every kept group and dimension its place in the new order
    for position, gid in enumerate(kept_groups):
        if gid in groups and groups[gid]["position"] != position:
            edits.append(SetValues("dimension_group", gid, {"position": position}, label))
    for gid, ids in placed.items():
        for position, did in enumerate(ids):
            if did in dims and (dims[did]["position"] != position or dims[did]["group_id"] != gid):
                edits.append(SetValues("dimension", did, {"position": position,
                                                          "group_id": gid}, label))
    return FrameworkImport(Batch((*edits, *deletions), label), result.added, result.updated,
                           result.unchanged, result.removed)


def _score_counts(conn: Connection, dimension_ids: Iterable[int]) -> dict[int, int]:
    ids = list(dimension_ids)
    if not ids:
        return {}
    rows = conn.execute(
        select(Score.dimension_id, func.count())
        .where(Score.dimension_id.in_(ids))
        .where((Score.current.is_not(None)) | (Score.target.is_not(None)))
        .group_by(Score.dimension_id)
    ).all()
    return {did: int(count) for did, count in rows}


def import_framework_file(store: OpenWorkshop, source: Path) -> str:
    """Import a framework file into an open workshop store, replacing its framework."""
    framework = load_framework(source)
    with store.read() as conn:
        plan = plan_framework_import(conn, framework, replace=True)
    store.apply(plan.edit)
    return plan.summary()
