"""Turn cascade elements read from any file into one all-or-nothing edit.

The register and the Viva Goals importers read their files into
``ImportedElement`` rows; this module checks them against each other, the
workshop and the method's rules (``bigdesk.domain``): ids, kinds under kinds,
field limits, parents, dependencies and loops. It lists every problem at once, or
else builds a single ``Batch`` that adds the new elements and updates those whose
id the workshop already holds. The app pushes it as one undoable step (after a
preview); the command line applies it in one transaction or, with ``--dry-run``,
only prints what it would do.

Ids are chosen here, above the largest in use, so that links can point at rows
the same batch creates; apply the edit straight after planning it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, func, select

from bigdesk.domain.cascade import NOUNS, link_problem
from bigdesk.domain.errors import EditRejectedError
from bigdesk.domain.fields import (
    MILESTONE_FIELDS,
    clean_element_value,
    element_field,
    element_problems,
)
from bigdesk.domain.words import a, count, plural
from bigdesk.model import (
    AccountabilityNode,
    Alignment,
    Dependency,
    Dimension,
    Element,
    ElementType,
    Milestone,
    MilestoneStatus,
    NodeKind,
    Period,
    Person,
    PersonKind,
)
from bigdesk.store import Batch, DeleteRow, Edit, InsertRow, SetValues, fetch

DEFAULT_DEPENDENCY = "finish-to-start"
# -- names an import resolves into references: the column each fills
NAMED = {"node": "node_id", "owner": "owner_id", "period": "period_id",
         "closes": "closes_dimension_id"}  # fmt: skip


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an imported file, and where it is."""

    message: str
    row: int | None = None
    column: str | None = None
    # -- where the problem is when the file has no rows, such as "objectives.json, item 3"
    place: str | None = None

    def __str__(self) -> str:
        if self.place:
            return f"{self.place}: {self.message}"
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.message}" if where else self.message


class RegisterError(ValueError):
    """A file that cannot be imported; the message lists every problem with its row and column."""

    def __init__(self, source: str, problems: Sequence[Problem]) -> None:
        self.source = source
        self.problems = list(problems)
        number = len(self.problems)
        lines = "\n".join(f"  - {problem}" for problem in self.problems)
        super().__init__(
            f"{source} was not imported ({number} problem{'s' if number != 1 else ''}; "
            f"nothing was changed):\n{lines}"
        )


@dataclass(frozen=True)
class ParentLink:
    """A link from an imported element up to a parent, by the parent's id in the file."""

    key: str
    weight: float | None = None


@dataclass(frozen=True)
class DependencyLink:
    """An imported element waits on another, by the other's id in the file."""

    key: str
    kind: str = DEFAULT_DEPENDENCY


@dataclass(frozen=True)
class ImportedMilestone:
    """A milestone of an imported initiative; matched to the initiative's own by name."""

    name: str
    due: dt.date | None = None
    status: MilestoneStatus = MilestoneStatus.PLANNED


@dataclass
class ImportedElement:
    """One element read from a file, before it is checked against the workshop."""

    # -- the id in the file; becomes the element's ref
    key: str
    type: ElementType
    title: str
    # -- where the element was read, for messages (None: not from a row, such as a placeholder)
    row: int | None = None
    # -- None: the file says nothing about its parents (or dependencies); an update keeps them
    parents: list[ParentLink] | None = field(default_factory=list)
    depends_on: list[DependencyLink] | None = None
    # -- names of the node, owner, period and the assessed capability it builds ("closes")
    names: dict[str, str | None] = field(default_factory=dict)
    # -- other columns of the element table, by column name; None clears a value
    values: dict[str, Any] = field(default_factory=dict)
    # -- made up for a parent the file lacks: added when missing, never updates an element
    placeholder: bool = False
    # -- None: the file says nothing of milestones; a list replaces the initiative's own
    milestones: list[ImportedMilestone] | None = None


@dataclass(frozen=True)
class ImportedNode:
    """An accountability node a file defines explicitly (such as a Viva Goals team)."""

    name: str
    kind: NodeKind = NodeKind.DEPARTMENT
    parent: str | None = None
    accountable: str | None = None
    description: str = ""


@dataclass(frozen=True)
class Change:
    """One field of an existing element that an import changes."""

    ref: str
    field: str
    before: str
    after: str

    def __str__(self) -> str:
        return f"{self.ref} {self.field}: {self.before or '—'} → {self.after or '—'}"


@dataclass(frozen=True)
class CascadeImport:
    """The planned import: the one edit to apply, what it adds and changes, and its report."""

    edit: Batch
    summary: str
    # -- how many rows of each kind the edit creates
    created: dict[str, int]
    warnings: tuple[str, ...] = ()
    added: tuple[str, ...] = ()
    changed: tuple[Change, ...] = ()
    # -- refs of file elements the workshop already holds exactly as the file says
    unchanged: tuple[str, ...] = ()

    def preview(self) -> list[str]:
        """Return one line per element added and per field changed."""
        return [f"add {line}" for line in self.added] + [f"change {c}" for c in self.changed]


def _fold(name: str) -> str:
    # -- names match whatever their case and spacing
    return " ".join(name.split()).casefold()


def _next_id(conn: Connection, column: Any) -> int:
    return int(conn.execute(select(func.max(column))).scalar() or 0) + 1


def _cycles(edges: Iterable[tuple[str, str]], touched: set[str]) -> list[list[str]]:
    """Return one loop per knot of links that loops through a ``touched`` key."""
    import networkx as nx

    graph = nx.DiGraph(edges)
    loops = []
    for component in nx.strongly_connected_components(graph):
        if len(component) > 1 and component & touched:
            loop = [u for u, _ in nx.find_cycle(graph.subgraph(component))]
            # -- start at the smallest key, so the same loop always reads the same
            first = loop.index(min(loop))
            loops.append(loop[first:] + loop[:first])
    return sorted(loops)


@dataclass
class _Existing:
    """The workshop's cascade, keyed as the import sees it (refs, or ``#id`` without one)."""

    rows: dict[str, Element]
    parents: dict[str, list[tuple[str, float | None, int]]]
    depends: dict[str, list[tuple[str, str, int]]]
    milestones: dict[int, list[Milestone]] = field(default_factory=dict)

    @classmethod
    def load(cls, conn: Connection) -> _Existing:
        rows = {e.ref or f"#{e.id}": e for e in fetch(conn, select(Element))}
        key_of = {e.id: key for key, e in rows.items()}
        parents: dict[str, list[tuple[str, float | None, int]]] = defaultdict(list)
        for link in fetch(conn, select(Alignment).order_by(Alignment.position, Alignment.id)):
            parents[key_of[link.child_id]].append((key_of[link.parent_id], link.weight, link.id))
        depends: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
        for dep in fetch(conn, select(Dependency).order_by(Dependency.id)):
            depends[key_of[dep.dependent_id]].append(
                (key_of[dep.prerequisite_id], dep.kind, dep.id))
        milestones: dict[int, list[Milestone]] = defaultdict(list)
        for milestone in fetch(conn, select(Milestone).order_by(Milestone.position, Milestone.id)):
            milestones[milestone.initiative_id].append(milestone)
        return cls(rows, parents, depends, milestones)


def plan_cascade_import(
    conn: Connection,
    elements: Sequence[ImportedElement],
    *,
    source: str,
    label: str,
    problems: Sequence[Problem] = (),
    nodes: Sequence[ImportedNode] = (),
    warnings: Sequence[str] = (),
    parents_column: str = "parents",
    id_column: str = "id",
    depends_column: str = "depends_on",
) -> CascadeImport:
    """Check ``elements`` against each other, the workshop and the rules; return the edit
    that adds the new ones and updates those the workshop already holds.

    Raises RegisterError listing ``problems`` and every problem found here when there
    is any; nothing is changed then.
    """
    found = list(problems)
    existing = _Existing.load(conn)
    file_rows: dict[str, ImportedElement] = {}
    for element in elements:
        if element.key in file_rows:
            earlier = file_rows[element.key].row
            also = f" (also on row {earlier})" if earlier is not None else ""
            found.append(Problem(f"the id {element.key!r} is used twice{also}.", element.row,
                                 id_column))
            continue
        old = existing.rows.get(element.key)
        if old is not None and element.placeholder:
            continue
        if old is not None and old.type is not element.type:
            found.append(Problem(
                f"{element.key!r} is {a(NOUNS[old.type])} in this workshop, not "
                f"{a(NOUNS[element.type])}; change its type in the app first.",
                element.row, "type"))
        file_rows[element.key] = element
        found += _value_problems(element)

    capabilities = {_fold(name) for row in conn.execute(select(Dimension.key, Dimension.name))
                    for name in row}
    for element in file_rows.values():
        closes = element.names.get("closes")
        if closes and _fold(closes) not in capabilities:
            found.append(Problem(f"{closes!r} is not an assessed capability of this workshop.",
                                 element.row, "closes"))

    def kind_of(key: str) -> ElementType | None:
        if key in file_rows:
            return file_rows[key].type
        row = existing.rows.get(key)
        return None if row is None else row.type

    for element in file_rows.values():
        found += _link_problems(element, kind_of, parents_column, depends_column)
    if not found:
        found += _loop_problems(existing, file_rows, parents_column, depends_column)
    if found:
        # -- a reader and the rules may both notice one fault: say it once
        unique = dict.fromkeys(found)
        raise RegisterError(source, sorted(unique, key=lambda p: (p.place or "", p.row or 0,
                                                                p.column or "")))
    return _Builder(conn, existing, source, label).build(list(file_rows.values()), nodes,
                                                         warnings)


def _value_problems(element: ImportedElement) -> list[Problem]:
    """Check an element's own values against its kind's fields, as a safety net for readers."""
    if not element.title.strip():
        return [Problem("the title is empty.", element.row, "title")]
    problems = []
    longest = element_field("title").max_length
    if longest is not None and len(element.title) > longest:
        problems.append(Problem(f"the title is {len(element.title):,} characters long, more "
                                f"than the {longest} a title holds.", element.row, "title"))
    values = {k: v for k, v in element.values.items() if v is not None}
    for key, message in element_problems(element.type, values):
        problems.append(Problem(message, element.row, element_field(key).label.lower()))
    if element.milestones and element.type is not ElementType.INITIATIVE:
        problems.append(Problem("only initiatives have milestones.", element.row, "milestones"))
    names: set[str] = set()
    limit = next(f for f in MILESTONE_FIELDS if f.key == "name").max_length
    for milestone in element.milestones or ():
        if not milestone.name.strip():
            problems.append(Problem("a milestone has no name.", element.row, "milestones"))
        elif limit is not None and len(milestone.name) > limit:
            problems.append(Problem(f"the milestone name {milestone.name[:40]!r}… is longer than "
                                    f"{limit} characters.", element.row, "milestones"))
        elif _fold(milestone.name) in names:
            problems.append(Problem(f"the milestone {milestone.name!r} is listed twice.",
                                    element.row, "milestones"))
        names.add(_fold(milestone.name))
    return problems


def _link_problems(element: ImportedElement, kind_of: Any, parents_column: str,
                   depends_column: str) -> list[Problem]:
    problems = []
    for links, column in ((element.parents or [], parents_column),
                          (element.depends_on or [], depends_column)):
        seen: set[str] = set()
        what = "parent" if column == parents_column else "prerequisite"
        for link in links:
            if link.key == element.key:
                problems.append(Problem(f"{element.key!r} cannot be its own {what}.",
                                        element.row, column))
            elif link.key in seen:
                problems.append(Problem(f"the {what} {link.key!r} is listed twice.",
                                        element.row, column))
            elif kind_of(link.key) is None:
                problems.append(Problem(
                    f"the {what} {link.key!r} is neither in the file nor in the workshop.",
                    element.row, column))
            elif column == parents_column:
                rule = link_problem(kind_of(link.key), element.type)
                if rule is not None:
                    problems.append(Problem(f"{rule} ({element.key!r} under {link.key!r})",
                                            element.row, column))
            seen.add(link.key)
    return problems


def _loop_problems(existing: _Existing, file_rows: Mapping[str, ImportedElement],
                   parents_column: str, depends_column: str) -> list[Problem]:
    """Refuse links that would go round in a circle once the import is applied."""
    problems = []
    for column, kept, given in (
        (parents_column,
         {c: [p for p, _, _ in links] for c, links in existing.parents.items()},
         {k: [p.key for p in e.parents] for k, e in file_rows.items() if e.parents is not None}),
        (depends_column,
         {c: [p for p, _, _ in links] for c, links in existing.depends.items()},
         {k: [d.key for d in e.depends_on] for k, e in file_rows.items()
          if e.depends_on is not None}),
    ):
        final = {**kept, **given}
        edges = [(parent, child) for child, parents in final.items() for parent in parents]
        touched = {key for key, links in given.items() if links}
        for loop in _cycles(edges, touched):
            rows = sorted({r for k in loop if k in file_rows
                           and (r := file_rows[k].row) is not None})
            where = f" (rows {', '.join(map(str, rows))})" if len(rows) > 1 else ""
            links = "links" if column == parents_column else "dependencies"
            problems.append(Problem(
                f"the {links} go round in a circle: {' → '.join([*loop, loop[0]])}{where}.",
                rows[0] if rows else None, column))
    return problems


class _Builder:
    """Build the one edit of a checked import: new rows, changed fields, links."""

    def __init__(self, conn: Connection, existing: _Existing, source: str, label: str) -> None:
        self.conn = conn
        self.existing = existing
        self.source = source
        self.label = label
        self.edits: list[Edit] = []
        self.created: Counter[str] = Counter()
        self.people = {_fold(n): i for i, n in conn.execute(select(Person.id, Person.name)) if n}
        self.next_person = _next_id(conn, Person.id)
        self.person_position = _next_id(conn, Person.position)
        n = AccountabilityNode
        self.node_ids = {_fold(name): i for i, name in conn.execute(select(n.id, n.name)) if name}
        self.next_node = _next_id(conn, n.id)
        self.node_position = _next_id(conn, n.position)
        self.periods = {_fold(name): i
                        for i, name in conn.execute(select(Period.id, Period.name))}
        self.next_period = _next_id(conn, Period.id)
        self.period_position = _next_id(conn, Period.position)
        self.dimensions: dict[str, int] = {}
        for i, key, name in conn.execute(select(Dimension.id, Dimension.key, Dimension.name)):
            self.dimensions[_fold(key)] = self.dimensions[_fold(name)] = i
        self.defined: dict[str, ImportedNode] = {}
        self.next_milestone = _next_id(conn, Milestone.id)

    # -- names become references, created when missing

    def person(self, name: str | None) -> int | None:
        if not name or not name.strip():
            return None
        key = _fold(name)
        if key not in self.people:
            self.people[key] = self.next_person
            self.edits.append(InsertRow(Person, {
                "id": self.next_person, "name": " ".join(name.split()),
                "position": self.person_position, "kind": PersonKind.STAKEHOLDER,
                "role": "", "organisation_unit": "", "concerns": f"Named in {self.source}.",
            }, self.label))  # fmt: skip
            self.created["people"] += 1
            self.next_person += 1
            self.person_position += 1
        return self.people[key]

    def node(self, name: str | None) -> int | None:
        if not name or not name.strip():
            return None
        key = _fold(name)
        if key not in self.node_ids:
            self.node_ids[key] = self.next_node
            values: dict[str, Any] = {
                "id": self.next_node, "name": " ".join(name.split()),
                "position": self.node_position, "kind": NodeKind.DEPARTMENT,
                "challenges": "", "description": "",
            }  # fmt: skip
            self.next_node += 1
            self.node_position += 1
            definition = self.defined.get(key)
            if definition is not None:
                # -- the parent first, so the tree is whole inside the batch
                values["parent_id"] = self.node(definition.parent)
                values["kind"] = definition.kind
                values["accountable_id"] = self.person(definition.accountable)
                values["description"] = definition.description
            self.edits.append(InsertRow(AccountabilityNode, values, self.label))
            self.created["accountability nodes"] += 1
        return self.node_ids[key]

    def period(self, name: str | None) -> int | None:
        if not name or not name.strip():
            return None
        key = _fold(name)
        if key not in self.periods:
            self.periods[key] = self.next_period
            self.edits.append(InsertRow(Period, {
                "id": self.next_period, "name": name.strip(), "position": self.period_position,
            }, self.label))  # fmt: skip
            self.created["periods"] += 1
            self.next_period += 1
            self.period_position += 1
        return self.periods[key]

    def references(self, element: ImportedElement) -> dict[str, Any]:
        """Return the element's named references as ids, for the names the file gives."""
        resolved: dict[str, Any] = {}
        for name, column in NAMED.items():
            if name not in element.names:
                continue
            text = element.names[name]
            if name == "closes":
                resolved[column] = self.dimensions.get(_fold(text)) if text else None
            elif name == "owner":
                resolved[column] = self.person(text)
            else:
                resolved[column] = self.node(text) if name == "node" else self.period(text)
        return resolved

    # -- the edit

    def build(self, elements: list[ImportedElement], nodes: Sequence[ImportedNode],
              warnings: Sequence[str]) -> CascadeImport:
        self.defined = {_fold(d.name): d for d in nodes}
        for definition in nodes:
            self.node(definition.name)
        ids = {key: row.id for key, row in self.existing.rows.items()}
        next_element = _next_id(self.conn, Element.id)
        position = _next_id(self.conn, Element.position)
        added: list[str] = []
        changed: list[Change] = []
        unchanged: list[str] = []
        for element in elements:
            values = {**element.values, **self.references(element)}
            old = self.existing.rows.get(element.key)
            if old is None:
                ids[element.key] = next_element
                self.edits.append(InsertRow(Element, {
                    "id": next_element, "type": element.type, "ref": element.key,
                    "position": position, "title": element.title, "description": "",
                    "status": "", "placeholder": element.placeholder,
                    **{k: v for k, v in values.items() if v is not None},
                }, self.label))  # fmt: skip
                self.created[plural(NOUNS[element.type])] += 1
                added.append(f"{element.key} {NOUNS[element.type]} “{element.title}”")
                self._milestones(element, next_element)
                next_element += 1
                position += 1
                continue
            before = len(changed)
            updates = {"title": element.title, **values}
            differing = {k: v for k, v in updates.items() if getattr(old, k) != _stored(k, v)}
            for key, value in differing.items():
                changed.append(Change(element.key, element_field(key).label.lower(),
                                      _shown(getattr(old, key)), _shown(value)))
            if differing:
                self.edits.append(SetValues(Element, old.id, {k: _stored(k, v) for k, v
                                                              in differing.items()}, self.label))
                self.created["updated"] += 1
            changed += self._relink(element)
            changed += self._milestones(element, old.id)
            if len(changed) == before:
                unchanged.append(element.key)
        self._links(elements, ids)
        return CascadeImport(
            Batch(tuple(self.edits), self.label),
            _summary(self.source, self.created, len({c.ref for c in changed}), len(unchanged),
                     warnings),
            dict(self.created), tuple(warnings), tuple(added), tuple(changed), tuple(unchanged),
        )

    def _milestones(self, element: ImportedElement, initiative: int) -> list[Change]:
        """Make the initiative's milestones those the file gives, matched by name."""
        if element.milestones is None:
            return []
        kept = {_fold(m.name): m for m in self.existing.milestones.get(initiative, [])}
        wanted = {_fold(m.name): m for m in element.milestones}
        changes = []
        for key, old in kept.items():
            if key not in wanted:
                self.edits.append(DeleteRow(Milestone, old.id, self.label))
                changes.append(Change(element.key, "milestone", old.name, ""))
        position = max((m.position for m in kept.values()), default=0) + 1
        for key, new in wanted.items():
            values = {"name": new.name.strip(), "due": new.due, "status": new.status}
            old_row = kept.get(key)
            if old_row is None:
                self.edits.append(InsertRow(Milestone, {
                    "id": self.next_milestone, "initiative_id": initiative,
                    "position": position, **values}, self.label))  # fmt: skip
                self.next_milestone += 1
                position += 1
                self.created["milestones"] += 1
                if element.key in self.existing.rows:
                    changes.append(Change(element.key, "milestone", "", _milestone_text(new)))
                continue
            differing = {k: v for k, v in values.items() if getattr(old_row, k) != v}
            if differing:
                self.edits.append(SetValues(Milestone, old_row.id, differing, self.label))
                changes.append(Change(element.key, f"milestone {old_row.name}",
                                      _milestone_text(old_row), _milestone_text(new)))
        return changes

    def _relink(self, element: ImportedElement) -> list[Change]:
        """Note how an existing element's parents and dependencies change (links follow)."""
        changes = []
        if element.parents is not None:
            old = [(p, w) for p, w, _ in self.existing.parents.get(element.key, [])]
            new = [(p.key, p.weight) for p in element.parents]
            if sorted(old, key=str) != sorted(new, key=str):
                changes.append(Change(element.key, "parents", _links_text(old),
                                      _links_text(new)))
        if element.depends_on is not None:
            old_deps = [(p, k) for p, k, _ in self.existing.depends.get(element.key, [])]
            new_deps = [(d.key, d.kind) for d in element.depends_on]
            if sorted(old_deps) != sorted(new_deps):
                changes.append(Change(element.key, "depends on", _deps_text(old_deps),
                                      _deps_text(new_deps)))
        return changes

    def _links(self, elements: list[ImportedElement], ids: Mapping[str, int]) -> None:
        """Add, remove and reweigh alignment links and dependencies as the file says."""
        siblings: defaultdict[int, int] = defaultdict(int)
        siblings.update(self.conn.execute(
            select(Alignment.parent_id, func.max(Alignment.position) + 1)
            .group_by(Alignment.parent_id)).all())
        next_link = _next_id(self.conn, Alignment.id)
        next_dependency = _next_id(self.conn, Dependency.id)
        for element in elements:
            child = ids[element.key]
            if element.parents is not None:
                old = {p: (w, link_id) for p, w, link_id
                       in self.existing.parents.get(element.key, [])}
                wanted = {p.key: p.weight for p in element.parents}
                for parent, (_, link_id) in old.items():
                    if parent not in wanted:
                        self.edits.append(DeleteRow(Alignment, link_id, self.label))
                for parent_key, weight in wanted.items():
                    if parent_key in old:
                        if old[parent_key][0] != weight:
                            self.edits.append(SetValues(Alignment, old[parent_key][1],
                                                        {"weight": weight}, self.label))
                        continue
                    parent_id = ids[parent_key]
                    self.edits.append(InsertRow(Alignment, {
                        "id": next_link, "parent_id": parent_id, "child_id": child,
                        "weight": weight, "position": siblings[parent_id]}, self.label))
                    siblings[parent_id] += 1
                    next_link += 1
                    self.created["alignment links"] += 1
            if element.depends_on is not None:
                old_deps = {p: (k, dep_id) for p, k, dep_id
                            in self.existing.depends.get(element.key, [])}
                wanted_deps = {d.key: d.kind for d in element.depends_on}
                for prerequisite, (_, dep_id) in old_deps.items():
                    if prerequisite not in wanted_deps:
                        self.edits.append(DeleteRow(Dependency, dep_id, self.label))
                for prerequisite, kind in wanted_deps.items():
                    if prerequisite in old_deps:
                        if old_deps[prerequisite][0] != kind:
                            self.edits.append(SetValues(Dependency, old_deps[prerequisite][1],
                                                        {"kind": kind}, self.label))
                        continue
                    self.edits.append(InsertRow(Dependency, {
                        "id": next_dependency, "dependent_id": child,
                        "prerequisite_id": ids[prerequisite], "kind": kind, "note": ""},
                        self.label))
                    next_dependency += 1
                    self.created["dependencies"] += 1


def _stored(key: str, value: Any) -> Any:
    """Return ``value`` as the element table stores it (texts are never None)."""
    if value is None and key in ("title", "description", "status"):
        return ""
    return value


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "value"):
        return str(value.value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _milestone_text(milestone: Milestone | ImportedMilestone) -> str:
    due = f" {milestone.due.isoformat()}" if milestone.due else ""
    return f"{milestone.name}{due} ({milestone.status.value.replace('_', ' ')})"


def _links_text(links: Sequence[tuple[str, float | None]]) -> str:
    return ";".join(p if w is None else f"{p}={_shown(w)}" for p, w in links)


def _deps_text(links: Sequence[tuple[str, str]]) -> str:
    return ";".join(p if k == DEFAULT_DEPENDENCY else f"{p}:{k}" for p, k in links)


def check_value(kind: ElementType, key: str, value: Any) -> Any:
    """Return a value read from a file checked for an element of ``kind``; raise ValueError."""
    try:
        return clean_element_value(kind, key, value)
    except EditRejectedError as error:
        raise ValueError(str(error)) from None


def _summary(source: str, created: Counter[str], changed: int, unchanged: int,
             warnings: Sequence[str]) -> str:
    kinds = [count(created[plural(NOUNS[k])], NOUNS[k]) for k in ElementType
             if created[plural(NOUNS[k])]]
    total = sum(created[plural(NOUNS[k])] for k in ElementType)
    if not total and (changed or unchanged):
        line = f"Nothing new from {source}"
    else:
        line = f"Imported {count(total, 'element')} from {source}"
    if kinds:
        line += f" ({', '.join(kinds)})"
    extras = [count(created[k], singular) for k, singular in
              (("alignment links", "alignment link"), ("dependencies", "dependency"),
               ("milestones", "milestone"))
              if created[k]]
    extras += [f"{created[k]} new {singular if created[k] == 1 else k}"
               for k, singular in (("accountability nodes", "accountability node"),
                                   ("people", "person"), ("periods", "period"))
               if created[k]]
    if extras:
        line += " with " + ", ".join(extras)
    line += "."
    if changed or unchanged:
        line += (f" Updated {count(changed, 'existing element')}; "
                 f"{count(unchanged, 'element')} already as the file says.")
    return "\n".join([line, *(f"Warning: {w}" for w in warnings)])
