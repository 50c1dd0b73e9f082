"""The strategy cascade as a graph: load it once, ask it questions, refuse cycles.

A typed wrapper over networkx. Alignment edges point from a parent down to the
child that serves it; dependency edges point from a prerequisite to the element
that depends on it. Every question the health rules, the map and the deck ask is
answered from one load: one query per table.
"""

from __future__ import annotations

import copy
import datetime as dt
import gc
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from sqlalchemy import Boolean, Connection, String, select, type_coerce

from bigdesk.model import (
    AccountabilityNode,
    Alignment,
    Cadence,
    Dependency,
    ElementType,
    InformationFlow,
    NodeDependency,
    NodeKind,
    Workshop,
)
from bigdesk.model.cascade import Element
from bigdesk.store import Changes

if TYPE_CHECKING:
    import networkx as nx

T = TypeVar("T")
LinkKind = Literal["alignment", "dependency"]
# -- the two kinds of link between elements: serving (alignment) and waiting (dependency)
ALIGNMENT: LinkKind = "alignment"
DEPENDENCY: LinkKind = "dependency"


@dataclass(frozen=True)
class CascadeSettings:
    """The thresholds the health rules use; callers pass their own or take these defaults."""

    # -- a node accountable for more objectives than this is overloaded
    max_objectives_per_node: int = 5
    # -- percentage points an objective's reported progress may differ from its key results'
    progress_tolerance: float = 5.0
    # -- percentage points by which weights under one parent may miss 100 (rounding)
    weight_tolerance: float = 0.5


# ---------------------------------------------------------------- errors


class CascadeError(ValueError):
    """A question about the cascade cannot be answered; the message says why."""


class UnknownElementError(CascadeError):
    """An element id that the cascade does not hold."""


class CycleError(CascadeError):
    """Links that loop back on themselves; ``cycle`` holds the element ids in order."""

    def __init__(self, message: str, cycle: Sequence[int]) -> None:
        super().__init__(message)
        self.cycle = list(cycle)


# ---------------------------------------------------------------- rows


@dataclass(slots=True)
class ElementRow:
    """What the analysis needs of one element of the cascade."""

    id: int
    type: ElementType
    ref: str | None
    title: str
    node_id: int | None
    owner_id: int | None
    progress: float | None
    placeholder: bool
    baseline: float | None = None
    target: float | None = None
    current: float | None = None
    budget: float | None = None
    effort: float | None = None
    status: str = ""
    due: dt.date | None = None
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    # -- what a key result's or benefit's values count: "£", "%", "days"
    unit: str | None = None

    @property
    def label(self) -> str:
        """Return how messages name the element: its ref and title."""
        title = f"“{self.title.strip()}”" if self.title.strip() else "(untitled)"
        return f"{self.ref} {title}" if self.ref else title


@dataclass(frozen=True)
class NodeRow:
    """An accountability node as the analysis sees it."""

    id: int
    name: str
    kind: NodeKind
    parent_id: int | None
    accountable_id: int | None
    cadence: Cadence | None

    @property
    def label(self) -> str:
        """Return how messages name the node."""
        return f"“{self.name.strip()}”" if self.name.strip() else "(unnamed node)"


@dataclass(frozen=True)
class FlowRow:
    """Information one node needs, and the node that provides it (None: nobody)."""

    id: int
    consumer_id: int
    provider_id: int | None
    information: str
    cadence: Cadence | None


@dataclass(frozen=True)
class AlignmentIndex:
    """How much of the initiative budget and effort traces to a purpose through objectives."""

    initiatives: int
    traced_initiatives: int
    budget_total: float
    budget_traced: float
    effort_total: float
    effort_traced: float

    @property
    def budget_share(self) -> float | None:
        """Return the traced share of budget (0 to 1), or None when no budget is given."""
        return self.budget_traced / self.budget_total if self.budget_total > 0 else None

    @property
    def effort_share(self) -> float | None:
        """Return the traced share of effort (0 to 1), or None when no effort is given."""
        return self.effort_traced / self.effort_total if self.effort_total > 0 else None


# ---------------------------------------------------------------- the cascade


@dataclass(frozen=True, slots=True)
class Link:
    """An alignment link (child serves parent) or a dependency (dependent waits on prerequisite)."""

    id: int
    parent_id: int
    child_id: int
    weight: float | None = None


@dataclass
class Cascade:
    """The whole cascade in memory: elements, links, nodes and flows.

    The rules walk plain adjacency dicts (fast at thousands of elements); the
    networkx graphs ``alignment`` and ``dependencies`` are built on first use. What
    is worked out once and kept (the adjacency, the graphs, the loops, what traces to
    what) depends on the links and the kinds of element alone, so ``refresh_cascade``
    shares it while they stay the same. Rows are never changed in place.
    """

    elements: dict[int, ElementRow]
    # -- parent_id is the element served; child_id the one serving it
    links: list[Link] = field(default_factory=list)
    # -- parent_id is the prerequisite; child_id the dependent
    dependency_links: list[Link] = field(default_factory=list)
    nodes: dict[int, NodeRow] = field(default_factory=dict)
    flows: list[FlowRow] = field(default_factory=list)
    # -- the day of the workshop: what is due before it and not done is overdue
    session_date: dt.date | None = None

    def __post_init__(self) -> None:
        self.down: dict[int, list[int]] = {i: [] for i in self.elements}
        self.up: dict[int, list[int]] = {i: [] for i in self.elements}
        self.weights: dict[tuple[int, int], float | None] = {}
        for link in self.links:
            self.down[link.parent_id].append(link.child_id)
            self.up[link.child_id].append(link.parent_id)
            self.weights[link.parent_id, link.child_id] = link.weight
        self.waits_down: dict[int, list[int]] = {i: [] for i in self.elements}
        for link in self.dependency_links:
            self.waits_down[link.parent_id].append(link.child_id)
        # -- what per_element found, by work and element id, shared with the cascades
        #    refreshed from this one
        self._kept: dict[Callable[[ElementRow], Any], dict[int, tuple[ElementRow, Any]]] = {}

    # -- the graphs

    @cached_property
    def alignment(self) -> nx.DiGraph:
        """Return the alignment links as a graph, parent → child, edge attribute ``weight``."""
        import networkx as nx

        graph = nx.DiGraph()
        graph.add_nodes_from(self.elements)
        graph.add_edges_from((k.parent_id, k.child_id, {"weight": k.weight, "id": k.id})
                             for k in self.links)  # fmt: skip
        return graph

    @cached_property
    def dependencies(self) -> nx.DiGraph:
        """Return the dependencies as a graph, prerequisite → dependent."""
        import networkx as nx

        graph = nx.DiGraph()
        graph.add_nodes_from(self.elements)
        graph.add_edges_from((k.parent_id, k.child_id, {"id": k.id})
                             for k in self.dependency_links)  # fmt: skip
        return graph

    def _adjacency(self, kind: LinkKind) -> dict[int, list[int]]:
        return self.down if kind == "alignment" else self.waits_down

    # -- navigation

    def element(self, element_id: int) -> ElementRow:
        """Return the element with this id, or raise UnknownElementError."""
        try:
            return self.elements[element_id]
        except KeyError:
            raise UnknownElementError(f"There is no element {element_id} in the cascade.") from None

    def parents(self, element_id: int) -> list[int]:
        """Return the ids of the elements this one serves."""
        self.element(element_id)
        return list(self.up[element_id])

    def children(self, element_id: int) -> list[int]:
        """Return the ids of the elements that serve this one."""
        self.element(element_id)
        return list(self.down[element_id])

    def weight(self, parent_id: int, child_id: int) -> float | None:
        """Return the weight of the link from child up to parent (None: no weight given)."""
        return self.weights.get((parent_id, child_id))

    def per_element(self, work: Callable[[ElementRow], T]) -> Iterator[tuple[ElementRow, T]]:
        """Yield each element, in outline order, with what ``work`` finds in its row alone.

        Worked out again only for rows read since it last ran on this cascade or one it
        was refreshed from: rows never change in place, so a row seen is a result kept.
        ``work`` must be one module-level function, the same each time.
        """
        kept = self._kept.setdefault(work, {})
        for row in self.elements.values():
            seen = kept.get(row.id)
            if seen is None or seen[0] is not row:
                seen = kept[row.id] = (row, work(row))
            yield row, seen[1]

    def of_type(self, kind: ElementType) -> list[ElementRow]:
        """Return every element of one kind, in outline order."""
        return [e for e in self.elements.values() if e.type is kind]

    def labels(self, ids: Iterable[int]) -> list[str]:
        """Return the labels (ref and title) of elements, in the order given."""
        return [self.element(i).label for i in ids]

    # -- cycles

    def creates_cycle(
        self, parent_id: int, child_id: int, kind: LinkKind = "alignment"
    ) -> list[int] | None:
        """Return the loop a new link would close, or None when the link is safe.

        For alignment, ``parent_id`` is the element served and ``child_id`` the one
        serving it; for dependencies, ``parent_id`` is the prerequisite and
        ``child_id`` the dependent. The loop starts at ``parent_id`` and follows
        the links in their direction until it would come back to it.
        """
        return _closing_path(self._adjacency(kind), parent_id, child_id)

    def check_link(self, parent_id: int, child_id: int, kind: LinkKind = "alignment") -> None:
        """Raise CycleError naming the loop when the new link would close one."""
        cycle = self.creates_cycle(parent_id, child_id, kind)
        if cycle is not None:
            raise CycleError(cycle_message(self.labels(cycle), kind), cycle)

    @cached_property
    def _looping(self) -> dict[LinkKind, set[int]]:
        """Return, for each kind of link, the elements some loop of them runs through."""
        return {kind: _not_peeled(self._adjacency(kind)) for kind in (ALIGNMENT, DEPENDENCY)}

    def find_cycle(self, kind: LinkKind = "alignment") -> list[int] | None:
        """Return one loop already in the links, or None when they form a DAG."""
        looping = self._looping[kind]
        if not looping:
            return None
        import networkx as nx

        graph = self.alignment if kind == "alignment" else self.dependencies
        return [u for u, _ in nx.find_cycle(graph.subgraph(looping))]

    def topological_order(self, kind: LinkKind = "alignment") -> list[int]:
        """Return element ids parents first; raise CycleError when the links loop."""
        import networkx as nx

        # -- networkx's DAG functions assume there is no loop: check first
        cycle = self.find_cycle(kind)
        if cycle is not None:
            raise CycleError(cycle_message(self.labels(cycle), kind), cycle)
        graph = self.alignment if kind == "alignment" else self.dependencies
        order: list[int] = list(nx.lexicographical_topological_sort(graph))
        return order

    # -- reach

    def below(self, starts: Iterable[int]) -> set[int]:
        """Return every element reachable down the alignment links from ``starts``."""
        return _reach(starts, self.down)

    def above(self, starts: Iterable[int]) -> set[int]:
        """Return every element reachable up the alignment links from ``starts``."""
        return _reach(starts, self.up)

    def traced_initiatives(self) -> set[int]:
        """Return the initiatives that trace up to a purpose through at least one objective."""
        return set(self._traced)

    def delivered(self) -> set[int]:
        """Return every element some initiative serves, directly or through others."""
        return set(self._delivered)

    # -- worked out from the links and the kinds of element: refresh_cascade forgets
    #    them when an element changes kind
    @cached_property
    def _traced(self) -> frozenset[int]:
        purposes = [e.id for e in self.of_type(ElementType.PURPOSE)]
        anchored = [
            i for i in self.below(purposes) if self.elements[i].type is ElementType.OBJECTIVE
        ]
        return frozenset(
            i for i in self.below(anchored) if self.elements[i].type is ElementType.INITIATIVE
        )

    @cached_property
    def _delivered(self) -> frozenset[int]:
        return frozenset(self.above(e.id for e in self.of_type(ElementType.INITIATIVE)))

    def alignment_index(self) -> AlignmentIndex:
        """Return the share of initiative budget and effort that traces to a purpose."""
        traced = self._traced
        count = 0
        budget = effort = budget_traced = effort_traced = 0.0
        # -- one pass: the rules ask for this after every edit
        for e in self.of_type(ElementType.INITIATIVE):
            count += 1
            budget += e.budget or 0.0
            effort += e.effort or 0.0
            if e.id in traced:
                budget_traced += e.budget or 0.0
                effort_traced += e.effort or 0.0
        return AlignmentIndex(count, len(traced), budget, budget_traced, effort, effort_traced)

    # -- progress

    def key_result_progress(self, element_id: int) -> float | None:
        """Return a key result's progress: as reported, else from baseline, target and current."""
        row = self.element(element_id)
        if row.progress is not None:
            return row.progress
        return measured_progress(row.baseline, row.target, row.current)

    def expected_progress(self, objective_id: int) -> float | None:
        """Return the progress an objective's key results imply, or None without any.

        A weighted mean when every key result link under the objective carries a
        weight (and they are not all zero); a plain mean otherwise.
        """
        pairs: list[tuple[float, float | None]] = []
        for child in self.down[objective_id]:
            if self.elements[child].type is not ElementType.KEY_RESULT:
                continue
            progress = self.key_result_progress(child)
            if progress is not None:
                pairs.append((progress, self.weights[objective_id, child]))
        if not pairs:
            return None
        weights = [w for _, w in pairs]
        if all(w is not None for w in weights) and sum(w or 0.0 for w in weights) > 0:
            total = sum(w or 0.0 for w in weights)
            return sum(p * (w or 0.0) for p, w in pairs) / total
        return sum(p for p, _ in pairs) / len(pairs)


def measured_progress(
    baseline: float | None, target: float | None, current: float | None
) -> float | None:
    """Return how far ``current`` has moved from ``baseline`` to ``target``, 0 to 100."""
    if baseline is None or target is None or current is None or target == baseline:
        return None
    share = (current - baseline) / (target - baseline) * 100.0
    return min(100.0, max(0.0, share))


def loop_text(labels: Sequence[str]) -> str:
    """Return a loop written out, back to where it starts: “A → B → A”."""
    return " → ".join([*labels, labels[0]]) if labels else ""


def cycle_message(labels: Sequence[str], kind: LinkKind = "alignment") -> str:
    """Return the sentence that refuses a link because it would close ``labels`` into a loop."""
    loop = loop_text(labels)
    if kind == "alignment":
        return f"That link would make the cascade go round in a circle: {loop}."
    return f"That dependency would make the work wait on itself: {loop}."


def _not_peeled(adjacency: Mapping[int, Sequence[int]]) -> set[int]:
    """Return the vertices left after peeling off all that no loop runs through (Kahn)."""
    incoming = dict.fromkeys(adjacency, 0)
    for targets in adjacency.values():
        for target in targets:
            incoming[target] = incoming.get(target, 0) + 1
    ready = [v for v, n in incoming.items() if n == 0]
    while ready:
        for target in adjacency.get(ready.pop(), ()):
            incoming[target] -= 1
            if incoming[target] == 0:
                ready.append(target)
    return {v for v, n in incoming.items() if n > 0}


def _reach(starts: Iterable[int], adjacency: Mapping[int, Sequence[int]]) -> set[int]:
    """Return every vertex reachable from ``starts`` (excluded unless reached again)."""
    seen: set[int] = set()
    queue = deque(starts)
    while queue:
        for nxt in adjacency.get(queue.popleft(), ()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def _closing_path(
    adjacency: Mapping[int, Iterable[int]], parent_id: int, child_id: int
) -> list[int] | None:
    """Return [parent, child, …] when a path child → … → parent exists, else None."""
    if parent_id == child_id:
        return [parent_id]
    # -- breadth first from the child, so the loop named is the shortest one
    came_from: dict[int, int] = {child_id: child_id}
    queue = deque([child_id])
    while queue:
        current = queue.popleft()
        if current == parent_id:
            path = [current]
            while path[-1] != child_id:
                path.append(came_from[path[-1]])
            path.reverse()  # child … parent
            return [parent_id, *path[:-1]]
        for nxt in adjacency.get(current, ()):
            if nxt not in came_from:
                came_from[nxt] = current
                queue.append(nxt)
    return None


# ---------------------------------------------------------------- loading


# -- the tables the cascade is read from: a change to any other leaves it as it was
CASCADE_TABLES = (Element, Alignment, Dependency, AccountabilityNode, InformationFlow, Workshop)
# -- what a cascade keeps that depends on the kinds of its elements as well as its links
KIND_DEPENDENT = ("_traced", "_delivered")
# -- more new or changed rows than this after a reshape (an import): the whole table is
#    read, quicker than a long list of ids
REREAD_LIMIT = 500
_TYPES = {t.value: t for t in ElementType}


@contextmanager
def _bulk_allocation() -> Iterator[None]:
    """Pause the cycle collector while thousands of acyclic rows are made.

    Each young-generation pass would otherwise rescan the rows made so far; at
    5,000 elements that doubled the time of a load.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_cascade(conn: Connection) -> Cascade:
    """Read the cascade behind ``conn``: one query per table."""
    with _bulk_allocation():
        links, dependency_links = _links(conn)
        return Cascade(element_rows(conn), links, dependency_links, _nodes(conn), _flows(conn),
                       _session_date(conn))


def refresh_cascade(conn: Connection, cascade: Cascade, changes: Changes) -> Cascade:
    """Return ``cascade`` as it stands after ``changes``, reading again only what they touched.

    Rows changed in place, and rows that arrived, are read one by one; links that changed
    are read whole. The cascade given is left as it was: views holding it keep a
    consistent one.
    """
    fresh = copy.copy(cascade)
    if changes.reshapes(Element):
        elements = _elements_after_reshape(conn, cascade, changes)
        if elements is None:
            return load_cascade(conn)
        fresh.elements = elements
    else:
        changed = changes.rows_of(Element)
        if changed:
            rows = element_rows(conn, changed)
            if rows.keys() != set(changed) or not rows.keys() <= cascade.elements.keys():
                return load_cascade(conn)
            fresh.elements = {**cascade.elements, **rows}
            if any(row.type is not cascade.elements[i].type for i, row in rows.items()):
                for name in KIND_DEPENDENT:
                    fresh.__dict__.pop(name, None)
    if changes.reshapes(Element) or changes.touches(Alignment, Dependency):
        # -- elements came or went, or links changed: the adjacency and the graphs are
        #    made afresh, while what each row alone gave is kept (rows never change)
        links, dependency_links = _links(conn)
        fresh = Cascade(fresh.elements, links, dependency_links, fresh.nodes, fresh.flows,
                        fresh.session_date)
        fresh._kept = cascade._kept
    if changes.touches(AccountabilityNode):
        fresh.nodes = _nodes(conn)
    if changes.touches(InformationFlow):
        fresh.flows = _flows(conn)
    if changes.touches(Workshop):
        fresh.session_date = _session_date(conn)
    return fresh


def _elements_after_reshape(conn: Connection, cascade: Cascade,
                            changes: Changes) -> dict[int, ElementRow] | None:
    """Return the elements, in outline order, after rows came or went: only the new rows
    and those changed in place are read (None: so many that reading all is quicker)."""
    order = conn.execute(select(Element.id).order_by(Element.position, Element.id)
                         ).scalars().all()
    known = cascade.elements
    present = set(order)
    wanted = [i for i in order if i not in known]
    wanted += [i for i in set(changes.rows_of(Element)) if i in known and i in present]
    if len(wanted) > REREAD_LIMIT:
        return None
    rows = element_rows(conn, wanted) if wanted else {}
    if rows.keys() != set(wanted):
        return None
    return {i: rows.get(i) or known[i] for i in order}


class LiveCascade:
    """The cascade of an open workshop: read when first asked for, then kept up to date.

    Told of every edit's changes, it reads again only what they touched, and only when
    the cascade is next asked for; the views of one workshop share it.
    """

    def __init__(self) -> None:
        self._cascade: Cascade | None = None
        self._pending: Changes | None = None

    def note(self, changes: Changes) -> None:
        """Take note of what an edit changed."""
        if self._cascade is not None and changes.touches(*CASCADE_TABLES):
            self._pending = changes if self._pending is None else self._pending | changes

    def current(self, conn: Connection) -> Cascade:
        """Return the cascade as it stands, reading on ``conn`` what changed since last asked."""
        if self._cascade is None:
            self._cascade = load_cascade(conn)
        elif self._pending is not None:
            self._cascade = refresh_cascade(conn, self._cascade, self._pending)
        self._pending = None
        return self._cascade


def element_rows(conn: Connection, ids: Collection[int] | None = None) -> dict[int, ElementRow]:
    """Return the elements (those of ``ids``, or all of them in outline order) by id."""
    e = Element.__table__.c
    # -- the type is read as text and looked up: at thousands of rows the enum
    #    conversion would cost more than the whole analysis
    statement = select(
        e.id, type_coerce(e.type, String), e.ref, e.title, e.node_id, e.owner_id, e.progress,
        type_coerce(e.placeholder, Boolean), e.baseline, e.target, e.current, e.budget,
        e.effort, e.status, e.due, e.starts_on, e.ends_on, e.unit)
    statement = statement.order_by(e.position, e.id) if ids is None else \
        statement.where(e.id.in_(list(ids)))
    rows = conn.execute(statement).all()
    unknown = next((row for row in rows if row[1] not in _TYPES), None)
    if unknown is not None:
        raise CascadeError(f"Element {unknown[0]} has an unknown type {unknown[1]!r}.")
    return {row[0]: ElementRow(row[0], _TYPES[row[1]], *row[2:]) for row in rows}


def _links(conn: Connection) -> tuple[list[Link], list[Link]]:
    """Return the alignment links in outline order, and the dependencies."""
    a = Alignment
    links = [
        Link(*row) for row in conn.execute(
            select(a.id, a.parent_id, a.child_id, a.weight).order_by(a.position, a.id)
        ).all()
    ]  # fmt: skip
    d = Dependency
    dependency_links = [
        Link(*row)
        for row in conn.execute(select(d.id, d.prerequisite_id, d.dependent_id)).all()
    ]
    return links, dependency_links


def _nodes(conn: Connection) -> dict[int, NodeRow]:
    n = AccountabilityNode
    return {
        row.id: NodeRow(row.id, row.name or "", row.kind, row.parent_id, row.accountable_id,
                        row.cadence)
        for row in conn.execute(
            select(n.id, n.name, n.kind, n.parent_id, n.accountable_id, n.cadence)
            .order_by(n.position, n.id)
        ).all()
    }  # fmt: skip


def _flows(conn: Connection) -> list[FlowRow]:
    f = InformationFlow
    return [
        FlowRow(row.id, row.consumer_id, row.provider_id, row.information or "", row.cadence)
        for row in conn.execute(
            select(f.id, f.consumer_id, f.provider_id, f.information, f.cadence)
            .order_by(f.consumer_id, f.position, f.id)
        ).all()
    ]


def _session_date(conn: Connection) -> dt.date | None:
    return conn.execute(select(Workshop.session_date)).scalar()


def _edges(conn: Connection, kind: LinkKind) -> dict[int, list[int]]:
    if kind == "alignment":
        query = select(Alignment.parent_id, Alignment.child_id)
    else:
        query = select(Dependency.prerequisite_id, Dependency.dependent_id)
    adjacency: dict[int, list[int]] = {}
    for parent, child in conn.execute(query):
        adjacency.setdefault(parent, []).append(child)
    return adjacency


def creates_cycle(
    source: Connection | Cascade | nx.DiGraph,
    parent_id: int,
    child_id: int,
    kind: LinkKind = "alignment",
) -> list[int] | None:
    """Return the element ids of the loop a new link would close, or None when it is safe.

    ``source`` is an open connection, a loaded Cascade, or a graph whose edges
    point from parent (or prerequisite) to child (or dependent). For alignment,
    ``parent_id`` is the element served and ``child_id`` the one serving it; for
    dependencies (``kind="dependency"``), ``parent_id`` is the prerequisite and
    ``child_id`` the dependent. The loop starts at ``parent_id``: name it with
    ``cycle_labels`` and refuse the link with ``cycle_message``.
    """
    if isinstance(source, Cascade):
        return source.creates_cycle(parent_id, child_id, kind)
    if isinstance(source, Connection):
        return _closing_path(_edges(source, kind), parent_id, child_id)
    return _closing_path(source.succ, parent_id, child_id)


def cycle_labels(conn: Connection, cycle: Sequence[int]) -> list[str]:
    """Return the ref and title of each element of ``cycle``, in order."""
    e = Element.__table__.c
    rows = conn.execute(select(e.id, e.ref, e.title).where(e.id.in_(list(cycle)))).all()
    found = {
        row.id: ElementRow(row.id, ElementType.OBJECTIVE, row.ref, row.title or "", None, None,
                           None, False).label
        for row in rows
    }  # fmt: skip
    return [found.get(i, f"element {i}") for i in cycle]


def node_dependency_cycle(
    conn: Connection, prerequisite_id: int, dependent_id: int
) -> list[int] | None:
    """Return the node ids of the loop a new node dependency would close, or None when safe.

    Like ``creates_cycle`` for elements: the loop starts at the prerequisite and
    follows the dependencies from prerequisite to dependent; name it with
    ``node_labels`` and refuse it with ``cycle_message(..., "dependency")``.
    """
    waits_down: dict[int, list[int]] = {}
    d = NodeDependency
    for prerequisite, dependent in conn.execute(select(d.prerequisite_id, d.dependent_id)):
        waits_down.setdefault(prerequisite, []).append(dependent)
    return _closing_path(waits_down, prerequisite_id, dependent_id)


def node_labels(conn: Connection, ids: Sequence[int]) -> list[str]:
    """Return how messages name each accountability node of ``ids``, in order."""
    n = AccountabilityNode
    rows = conn.execute(select(n.id, n.name).where(n.id.in_(list(ids)))).all()
    found = {row.id: NodeRow(row.id, row.name or "", NodeKind.DEPARTMENT, None, None, None).label
             for row in rows}  # fmt: skip
    return [found.get(i, f"node {i}") for i in ids]
