"""Bring OKRs in from Microsoft Viva Goals: the explorer export and the full-data ZIP.

Viva Goals was retired at the end of 2025; its users keep their objectives, key
results, projects, teams and check-ins by importing the files it let them
download. Teams become accountability nodes, every alignment is kept (with its
weight), the latest check-in sets the current value, progress and status, and a
parent missing from the export becomes a clearly marked placeholder instead of
an error. What was checked against Microsoft's documentation and what was
assumed is written down in docs/register.md.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import re
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Connection, func, select

from bigdesk.domain.cascade import CHECKED_IN
from bigdesk.domain.values import parse_date, parse_number
from bigdesk.domain.words import count
from bigdesk.exchange.archive import open_archive, read_entry
from bigdesk.exchange.cascade_import import (
    CascadeImport,
    ImportedElement,
    ImportedNode,
    ParentLink,
    Problem,
    RegisterError,
    plan_cascade_import,
)
from bigdesk.exchange.checkins import same_check_in
from bigdesk.exchange.incoming import IncomingFileError, open_incoming
from bigdesk.exchange.limits import MAX_JSON_VALUES, MAX_PACKED_BYTES, MAX_ROWS, MAX_TEAM_DEPTH
from bigdesk.exchange.tabular import Table
from bigdesk.model import CheckIn, Direction, Element, ElementType, InitiativeKind
from bigdesk.store import Batch, InsertRow, InsertRows, fetch

IMPORT_LABEL = "Import Viva Goals OKRs"
# -- refs of imported elements carry the Viva Goals id behind this prefix
REF_PREFIX = "VG-"


class VivaGoalsError(RegisterError):
    """A Viva Goals export that cannot be imported; the message lists every problem."""


class VivaGoalsFileError(VivaGoalsError):
    """The export as a whole cannot be read; ``str(error)`` says why in one line."""

    def __init__(self, source: str, message: str) -> None:
        super().__init__(source, [Problem(message)])
        self.args = (message,)


def _key(name: str) -> str:
    # -- "Object Type", "object_type" and "objectType" are the same field
    return re.sub(r"[^a-z0-9]", "", name.casefold())


OBJECT_TYPES = {
    "objective": ElementType.OBJECTIVE,
    "keyresult": ElementType.KEY_RESULT,
    "kr": ElementType.KEY_RESULT,
    "project": ElementType.INITIATIVE,
    "initiative": ElementType.INITIATIVE,
}

# -- each field the importer reads, and the names Viva Goals files may give it
FIELDS: dict[str, tuple[str, ...]] = {
    "id": ("id", "okrid", "objectid", "entityid"),
    "title": ("title", "name", "okrtitle"),
    "object_type": ("objecttype", "okrtype", "kind"),
    "parent_ids": ("parentids", "parentid", "alignedtoid", "alignedtoids", "parentokrid",
                   "alignments", "parentobjectiveid", "objectiveid"),
    "parent_titles": ("parent", "parents", "parenttitle", "alignedto", "parentokr"),
    "weights": ("weight", "weights", "parentweight", "alignmentweight", "contribution"),
    "owner": ("owner", "ownername", "owners"),
    "team": ("team", "teamname", "entity", "entityname", "belongsto"),
    "period": ("timeperiod", "period", "timeperiodname"),
    "status": ("status",),
    "progress": ("progress", "progresspercent", "progresspercentage", "score"),
    "start_value": ("startvalue", "start", "baseline", "initialvalue"),
    "target_value": ("targetvalue", "target"),
    "current_value": ("currentvalue", "current", "value"),
    "unit": ("unit", "metric", "metricunit", "measure"),
    "due": ("duedate", "enddate", "due", "targetdate"),
    "starts": ("startdate",),
    "description": ("description", "notes"),
}  # fmt: skip


def _field(record: Mapping[str, Any], name: str) -> Any:
    for alias in FIELDS[name]:
        if alias in record and record[alias] not in (None, ""):
            return record[alias]
    return None


def looks_like_explorer(headers: Sequence[str]) -> bool:
    """Return whether a table's headers are those of a Viva Goals explorer export."""
    keys = {_key(h) for h in headers}
    return (
        bool(keys & set(FIELDS["object_type"]) - {"kind"})
        and bool(keys & {"title", "name"})
        and bool(keys & {"timeperiod", "owner", "progress", "team", "entity"})
        and "parents" not in keys
    )


# ---------------------------------------------------------------- one OKR, whatever the file


@dataclass
class _Okr:
    """One objective, key result or project as Viva Goals described it."""

    key: str
    type: ElementType
    title: str
    place: str
    row: int | None
    parent_ids: list[str] = field(default_factory=list)
    parent_titles: list[str] = field(default_factory=list)
    weights: list[float | None] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)
    owner: str | None = None
    team: str | None = None
    period: str | None = None
    # -- every dated check-in, as the check-in table's values, earliest first
    check_ins: list[dict[str, Any]] = field(default_factory=list)


def _split(value: Any, separators: str = ";,\n") -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in re.split(f"[{separators}]", str(value)) if part.strip()]


class _Reader:
    """Collects problems while turning raw values into typed ones."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def problem(self, message: str, row: int | None, column: str | None, place: str | None
                ) -> None:  # fmt: skip
        self.problems.append(Problem(message, row, column, None if row is not None else place))

    def number(self, value: Any, row: int | None, column: str, place: str) -> float | None:
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            self.problem(f"{value!r} is not a number.", row, column, place)
            return None
        try:
            number = float(value) if isinstance(value, int | float) else parse_number(str(value))
        except (ValueError, OverflowError):
            number = math.nan
        if not math.isfinite(number):
            shown = str(value) if len(str(value)) <= 40 else f"{str(value)[:37]}…"
            self.problem(f"{shown!r} is not a number.", row, column, place)
            return None
        return number

    def date(self, value: Any, row: int | None, column: str, place: str) -> dt.date | None:
        if value is None or value == "":
            return None
        text = str(value).strip()
        try:
            # -- ISO timestamps ("2025-03-31T17:00:00Z") keep their date
            return dt.date.fromisoformat(text[:10]) if re.match(r"\d{4}-\d\d-\d\d", text) \
                else parse_date(text)  # fmt: skip
        except ValueError:
            self.problem(f"{text!r} is not a date.", row, column, place)
            return None

    def okr(self, record: Mapping[str, Any], row: int | None, place: str,
            names: Mapping[str, str], default_type: ElementType | None = None) -> _Okr | None:
        """Read one OKR record whose keys are already normalised with ``_key``."""
        def column(name: str) -> str:
            return names.get(name, name)

        key = str(_field(record, "id") or "").strip()
        title = str(_field(record, "title") or "").strip()
        type_text = str(_field(record, "object_type") or "").strip()
        kind = OBJECT_TYPES.get(_key(type_text)) if type_text else default_type
        if not key:
            self.problem("the id is empty.", row, column("id"), place)
        if not title:
            self.problem("the title is empty.", row, column("title"), place)
        if kind is None:
            self.problem(f"{type_text!r} is not an objective, key result or project."
                         if type_text else "the object type is empty.", row,
                         column("object_type"), place)  # fmt: skip
        parent_ids = _split(_field(record, "parent_ids"))
        weights: list[float | None] = []
        raw_parents = _field(record, "parent_ids")
        if isinstance(raw_parents, list) and raw_parents and isinstance(raw_parents[0], dict):
            # -- JSON alignments: [{"id": …, "weight": …}]
            parent_ids = []
            for number, link in enumerate(raw_parents, start=1):
                if not isinstance(link, dict):
                    self.problem(f"alignment {number} is not an object with an id.", row,
                                 column("parent_ids"), place)  # fmt: skip
                    continue
                link = {_key(k): v for k, v in link.items()}
                parent_ids.append(str(_field(link, "id") or link.get("parentid") or ""))
                weights.append(self.number(_field(link, "weights"), row, column("weights"),
                                           place))  # fmt: skip
        else:
            for text in _split(_field(record, "weights")):
                weights.append(self.number(text, row, column("weights"), place))
        if weights and len(weights) != len(parent_ids):
            self.problem(f"{len(weights)} weights for {len(parent_ids)} parents.", row,
                         column("weights"), place)  # fmt: skip
            weights = []
        values: dict[str, Any] = {}
        progress = self.number(_field(record, "progress"), row, column("progress"), place)
        if progress is not None and not 0 <= progress <= 100:
            self.problem(f"progress {progress:g} is outside 0 to 100.", row, column("progress"),
                         place)  # fmt: skip
            progress = None
        values["progress"] = progress
        values["status"] = str(_field(record, "status") or "").strip()
        values["description"] = str(_field(record, "description") or "").strip()
        values["due"] = self.date(_field(record, "due"), row, column("due"), place)
        if kind is ElementType.KEY_RESULT:
            baseline = self.number(_field(record, "start_value"), row, column("start_value"),
                                   place)  # fmt: skip
            target = self.number(_field(record, "target_value"), row, column("target_value"),
                                 place)  # fmt: skip
            values["baseline"], values["target"] = baseline, target
            values["current"] = self.number(_field(record, "current_value"), row,
                                            column("current_value"), place)  # fmt: skip
            values["unit"] = str(_field(record, "unit") or "").strip() or None
            if baseline is not None and target is not None and baseline != target:
                values["direction"] = (
                    Direction.INCREASE if target > baseline else Direction.DECREASE
                )
        if kind is ElementType.INITIATIVE:
            values["initiative_kind"] = InitiativeKind.PROJECT
            values["starts_on"] = self.date(_field(record, "starts"), row, column("starts"),
                                            place)  # fmt: skip
            values["ends_on"] = values.pop("due")
        if not key or kind is None:
            return None
        return _Okr(
            key=key, type=kind, title=title, place=place, row=row, parent_ids=parent_ids,
            parent_titles=_split(_field(record, "parent_titles"), ";\n"), weights=weights,
            values={k: v for k, v in values.items() if v not in (None, "")},
            owner=_name(_field(record, "owner")), team=_name(_field(record, "team")),
            period=_name(_field(record, "period")),
        )  # fmt: skip


def _name(value: Any) -> str | None:
    """Return a display name from a plain string or an object such as {"name": …}."""
    if isinstance(value, list):
        # -- the first of several owners
        value = value[0] if value else None
    if isinstance(value, dict):
        record = {_key(k): v for k, v in value.items()}
        value = record.get("displayname") or record.get("name") or record.get("email")
    if value is None or isinstance(value, list | dict):
        return None
    text = str(value).strip()
    return text or None


# ---------------------------------------------------------------- into the cascade


def _plan(
    conn: Connection,
    okrs: Sequence[_Okr],
    problems: list[Problem],
    source: str,
    nodes: Sequence[ImportedNode] = (),
    warnings: Sequence[str] = (),
) -> CascadeImport:
    """Turn OKRs into cascade elements, placeholders for missing parents, and one edit."""
    known = {okr.key for okr in okrs}
    elements: list[ImportedElement] = []
    placeholders: dict[str, ImportedElement] = {}
    for okr in okrs:
        parents = []
        for index, parent in enumerate(okr.parent_ids):
            weight = okr.weights[index] if index < len(okr.weights) else None
            parents.append(ParentLink(REF_PREFIX + parent, weight))
            if parent not in known and parent not in placeholders:
                title = okr.parent_titles[index] if index < len(okr.parent_titles) else ""
                named = f"“{title}”" if title else f"Viva Goals item {parent}"
                placeholders[parent] = ImportedElement(
                    key=REF_PREFIX + parent, type=ElementType.OBJECTIVE,
                    title=f"Placeholder: {named} (missing from the Viva Goals export)",
                    placeholder=True,
                    values={"description": "Created by the Viva Goals import because an "
                            "imported item is aligned to it but the export did not include it."},
                )  # fmt: skip
        elements.append(ImportedElement(
            key=REF_PREFIX + okr.key, type=okr.type, title=okr.title, row=okr.row,
            parents=parents, names={"node": okr.team, "owner": okr.owner, "period": okr.period},
            values=okr.values,
        ))  # fmt: skip
    notes = list(warnings)
    if placeholders:
        notes.append(f"{len(placeholders)} parent{'s' if len(placeholders) > 1 else ''} missing "
                     "from the export became placeholders marked as such: "
                     f"{', '.join(REF_PREFIX + k for k in placeholders)}.")  # fmt: skip
    try:
        planned = plan_cascade_import(
            conn, [*placeholders.values(), *elements], source=source, label=IMPORT_LABEL,
            problems=problems, nodes=nodes, warnings=notes,
        )  # fmt: skip
    except RegisterError as error:
        raise VivaGoalsError(error.source, error.problems) from None
    return _with_check_ins(conn, planned, okrs)


def _with_check_ins(conn: Connection, planned: CascadeImport,
                    okrs: Sequence[_Okr]) -> CascadeImport:  # fmt: skip
    """Add every OKR's check-ins to the planned edit, leaving out those already stored."""
    wanted = {REF_PREFIX + okr.key: okr.check_ins for okr in okrs if okr.check_ins}
    if not wanted:
        return planned
    # -- the element each ref will be: created by the edit, or already in the workshop
    ids = {r: i for r, i in conn.execute(select(Element.ref, Element.id)
                                         .where(Element.ref.in_(list(wanted))))}
    for edit in planned.edit.edits:
        if (isinstance(edit, InsertRow) and edit.table == Element.__tablename__
                and edit.values.get("ref") in wanted):
            ids[edit.values["ref"]] = edit.values["id"]
    stored = {same_check_in(r) for r in fetch(
        conn, select(CheckIn).where(CheckIn.element_id.in_(list(ids.values()))))}
    first = int(conn.execute(select(func.max(CheckIn.id))).scalar() or 0) + 1
    inserts: list[dict[str, Any]] = []
    for ref, history in wanted.items():
        for values in history:
            row = {**values, "element_id": ids[ref], "id": first + len(inserts)}
            if same_check_in(SimpleNamespace(**row)) not in stored:
                stored.add(same_check_in(SimpleNamespace(**row)))
                inserts.append(row)
    if not inserts:
        return planned
    summary = planned.summary.removesuffix(".") + f", with {count(len(inserts), 'check-in')}."
    added = InsertRows(CheckIn, tuple(inserts), IMPORT_LABEL)
    return dataclasses.replace(planned, edit=Batch((*planned.edit.edits, added), IMPORT_LABEL),
                               summary=summary)


def plan_explorer_table(conn: Connection, table: Table) -> CascadeImport:
    """Return the edit that adds a Viva Goals explorer export already read from its file."""
    reader = _Reader()
    names: dict[str, str] = {}
    keys = [_key(h) for h in table.headers]
    for header, key in zip(table.headers, keys, strict=True):
        for name, aliases in FIELDS.items():
            if key in aliases and name not in names:
                names[name] = header
    okrs = []
    for number, cells in enumerate(table.rows, start=2):
        record = {k: (cells[i] if i < len(cells) else "") for i, k in enumerate(keys) if k}
        okr = reader.okr(record, number, table.source, names)
        if okr is not None:
            okrs.append(okr)
    return _plan(conn, okrs, reader.problems, table.source)


# ---------------------------------------------------------------- the full-data ZIP


def _records(data: Any) -> list[dict[str, Any]] | None:
    """Return the list of records a JSON document holds, with normalised keys."""
    if isinstance(data, dict):
        for value in data.values():
            if isinstance(value, list):
                data = value
                break
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        return None
    return [{_key(k): v for k, v in item.items()} for item in data]


FILES = {
    "objectives": ("objectives", "objective", "okrs"),
    "key_results": ("keyresults", "keyresult", "krs"),
    "projects": ("projects", "project", "initiatives"),
    "teams": ("teams", "team"),
    "check_ins": ("checkins", "checkin", "updates"),
    "users": ("users", "user", "members"),
    "time_periods": ("timeperiods", "timeperiod", "periods"),
}


def _json_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, source: str) -> Any:
    """Return one JSON file of the export, refusing one too big for memory in one line."""
    data = read_entry(archive, info, source)
    # -- every value after the first in a list or object follows a comma: counting them
    #    bounds what parsing would build, before anything is built
    values = data.count(b",") + data.count(b"{") + data.count(b"[")
    if values > MAX_JSON_VALUES:
        raise VivaGoalsFileError(source, f"{source}: {info.filename} holds more than "
                                 f"{MAX_JSON_VALUES:,} values, the most BIG Desk reads from one "
                                 "file; nothing was imported.")  # fmt: skip
    return json.loads(data.decode("utf-8-sig"))


def _read_zip(path: Path) -> tuple[dict[str, list[dict[str, Any]]], list[Problem]]:
    source = Path(path).name
    found: dict[str, list[dict[str, Any]]] = {}
    problems: list[Problem] = []
    try:
        with open_incoming(Path(path), MAX_PACKED_BYTES) as handle, \
                open_archive(handle, source, "ZIP file") as archive:  # fmt: skip
            for info in archive.infolist():
                name = PurePosixPath(info.filename)
                if info.is_dir() or name.suffix.lower() != ".json" or name.name.startswith("."):
                    continue
                kind = next((k for k, stems in FILES.items() if _key(name.stem) in stems), None)
                if kind is None:
                    continue
                try:
                    data = _json_entry(archive, info, source)
                except UnicodeDecodeError:
                    problems.append(Problem("is not UTF-8 text.", place=info.filename))
                    continue
                except json.JSONDecodeError as error:
                    problems.append(Problem(f"is not valid JSON (line {error.lineno}, column "
                                            f"{error.colno}: {error.msg}).", place=info.filename))
                    continue
                except RecursionError:
                    problems.append(Problem("nests lists or objects too deeply to be read.",
                                            place=info.filename))  # fmt: skip
                    continue
                except ValueError as error:  # -- a number too long to convert, and the like
                    problems.append(Problem(f"cannot be read ({error}).", place=info.filename))
                    continue
                records = _records(data)
                if records is None:
                    problems.append(Problem("does not hold a list of records.",
                                            place=info.filename))  # fmt: skip
                    continue
                found.setdefault(kind, []).extend(records)
    except IncomingFileError as error:
        raise VivaGoalsFileError(source, str(error)) from None
    count = sum(len(found.get(k, [])) for k in ("objectives", "key_results", "projects", "teams"))
    if count > MAX_ROWS:
        raise VivaGoalsFileError(source, f"{source} holds {count:,} objectives, key results, "
                                 f"projects and teams, more than the {MAX_ROWS:,} BIG Desk "
                                 "imports at once.")  # fmt: skip
    if not any(k in found for k in ("objectives", "key_results", "projects")) and not problems:
        problems.append(Problem("the archive holds no objectives.json, key_results.json or "
                                "projects.json; is it a Viva Goals data export?"))  # fmt: skip
    return found, problems


def _lookup(records: Iterable[Mapping[str, Any]], name: Callable[[Mapping[str, Any]], Any]
            ) -> dict[str, Any]:  # fmt: skip
    return {str(r.get("id")): name(r) for r in records if r.get("id") is not None}


def plan_vivagoals_zip(conn: Connection, path: Path) -> CascadeImport:
    """Read a Viva Goals full-data export (ZIP of JSON files) and return the edit that adds it."""
    source = Path(path).name
    found, problems = _read_zip(path)
    if problems:
        raise VivaGoalsError(source, problems)
    users = _lookup(found.get("users", []), lambda r: _name(r))
    periods = _lookup(found.get("time_periods", []), lambda r: _name(r.get("name")))
    teams = found.get("teams", [])
    team_names = _lookup(teams, lambda r: _name(r.get("name")))

    def resolve(record: dict[str, Any]) -> dict[str, Any]:
        # -- references by id become names the cascade matches
        resolved = dict(record)
        if record.get("ownerid") is not None and "owner" not in record:
            resolved["owner"] = users.get(str(record["ownerid"])) or str(record["ownerid"])
        if record.get("teamid") is not None and "team" not in record:
            resolved["team"] = team_names.get(str(record["teamid"]))
        if record.get("timeperiodid") is not None and "timeperiod" not in record:
            resolved["timeperiod"] = periods.get(str(record["timeperiodid"]))
        for key in ("owner", "team", "timeperiod"):
            if isinstance(resolved.get(key), dict):
                resolved[key] = _name(resolved[key])
        return resolved

    reader = _Reader()
    okrs: list[_Okr] = []
    for kind, default in (("objectives", ElementType.OBJECTIVE),
                          ("key_results", ElementType.KEY_RESULT),
                          ("projects", ElementType.INITIATIVE)):  # fmt: skip
        for index, record in enumerate(found.get(kind, []), start=1):
            place = f"{kind}.json, item {index}"
            record = resolve(record)
            if default is not ElementType.OBJECTIVE and "objecttype" not in record:
                record["objecttype"] = default.value
            okr = reader.okr(record, None, place, {}, default)
            if okr is not None:
                okrs.append(okr)
    _apply_check_ins(okrs, found.get("check_ins", []), reader)
    nodes = []
    for index, team in enumerate(teams, start=1):
        name = str(team.get("name") or "").strip()
        if not name:
            reader.problem("the team has no name.", None, None, f"teams.json, item {index}")
            continue
        parent = team.get("parentteamid") or team.get("parentid")
        owner = team.get("owner") or users.get(str(team.get("ownerid")))
        nodes.append(ImportedNode(
            name=name, parent=team_names.get(str(parent)) if parent else None,
            accountable=_name(owner), description=str(team.get("description") or ""),
        ))  # fmt: skip
    tree = _team_tree_problem(nodes)
    if tree:
        reader.problem(tree, None, None, "teams.json")
        nodes = []
    return _plan(conn, okrs, reader.problems, source, nodes)


def _keep_check_in(okr: _Okr, check_in: dict[str, Any], when: str, place: str,
                   reader: _Reader) -> bool:  # fmt: skip
    """Add one check-in to an OKR's history and say so; one with no readable date is not."""
    if okr.type not in CHECKED_IN:
        return False
    try:
        # -- a timestamp's first ten characters are its ISO date
        day = parse_date(when[:10]) if when else None
    except ValueError:
        day = None
    if day is None:
        return False
    value = reader.number(
        next((check_in[k] for k in ("value", "currentvalue") if k in check_in), None),
        None, "value", place)
    progress = reader.number(check_in.get("progress"), None, "progress", place)
    if progress is not None and not 0 <= progress <= 100:
        reader.problem(f"progress {progress:g} is outside 0 to 100.", None, None, place)
        progress = None
    if okr.type is not ElementType.KEY_RESULT:
        # -- a project's reading is its percent complete
        value, progress = (progress if progress is not None else value), None
        value = value if value is not None and 0 <= value <= 100 else None
    note = next((str(check_in[k]) for k in ("note", "comment", "notes", "text")
                 if check_in.get(k) not in (None, "")), "")  # fmt: skip
    okr.check_ins.append({
        "checked_on": day, "value": value,
        "progress": progress,
        "status": str(check_in.get("status") or "").strip()[:100], "confidence": None,
        "note": note, "made_by": (_name(check_in.get("createdby") or check_in.get("author"))
                                  or "")[:200],
    })  # fmt: skip
    return True


def _team_tree_problem(nodes: Sequence[ImportedNode]) -> str | None:
    """Say what is wrong when the teams loop or nest deeper than any organisation does."""
    parents = {node.name.casefold(): (node.parent or "").casefold() for node in nodes}
    depths: dict[str, int] = {}
    for node in nodes:
        # -- walk up to a team whose depth is known (or the top), then count back down
        chain = [node.name.casefold()]
        seen = set(chain)
        while (parent := parents.get(chain[-1], "")) and chain[-1] not in depths:
            if parent in seen:
                loop = chain[chain.index(parent):]
                return f"the teams are each other's parents: {' → '.join([*loop, parent])}."
            chain.append(parent)
            seen.add(parent)
        top = depths.get(chain[-1], 0)
        for steps, name in enumerate(reversed(chain)):
            depths.setdefault(name, top + steps)
        if depths[chain[0]] > MAX_TEAM_DEPTH:
            return (f"the team {node.name!r} sits more than {MAX_TEAM_DEPTH} levels deep; "
                    "BIG Desk reads trees of teams up to that depth.")  # fmt: skip
    return None


def _apply_check_ins(okrs: Sequence[_Okr], check_ins: Sequence[dict[str, Any]],
                     reader: _Reader) -> None:  # fmt: skip
    """Keep each OKR's dated check-ins, and let its latest set its current value, progress
    and status."""
    by_key = {okr.key: okr for okr in okrs}
    latest: dict[str, tuple[str, int, dict[str, Any]]] = {}
    # -- check-ins kept in the history have had their problems reported already
    kept: set[int] = set()
    for index, check_in in enumerate(check_ins, start=1):
        target = next((check_in[k] for k in ("okrid", "objectid", "targetid", "entityid",
                                              "keyresultid", "objectiveid", "projectid")
                       if check_in.get(k) is not None), None)  # fmt: skip
        when = next((str(check_in[k]) for k in ("createdat", "checkindate", "date",
                                                 "updatedat") if check_in.get(k)), "")  # fmt: skip
        if target is None or str(target) not in by_key:
            continue
        if _keep_check_in(by_key[str(target)], check_in, when,
                          f"check_ins.json, item {index}", reader):
            kept.add(index)
        # -- ISO timestamps sort as text; the later item wins a tie
        if str(target) not in latest or (when, index) >= latest[str(target)][:2]:
            latest[str(target)] = (when, index, check_in)
    for key, (_, index, check_in) in latest.items():
        okr = by_key[key]
        place = f"check_ins.json, item {index}"
        told = _Reader() if index in kept else reader
        value = told.number(
            next((check_in[k] for k in ("value", "currentvalue") if k in check_in), None),
            None, "value", place,
        )
        if value is not None and okr.type is ElementType.KEY_RESULT:
            okr.values["current"] = value
        progress = told.number(check_in.get("progress"), None, "progress", place)
        if progress is not None:
            if 0 <= progress <= 100:
                okr.values["progress"] = progress
            else:
                told.problem(f"progress {progress:g} is outside 0 to 100.", None, None, place)
        status = str(check_in.get("status") or "").strip()
        if status:
            okr.values["status"] = status
