"""Whole workshops for Hypothesis, built through the app's own services.

A recipe is a sequence of service calls, each naming the rows it works on by their
kind and an index counted round the rows that exist when it is made. So every
workshop holds only what the window itself could make: a call the app refuses
(``EditRejectedError``) changes nothing, as it does for a user; a call on a kind of
row that does not exist yet is left out, as a user could not make it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from sqlalchemy import Select, select

from bigdesk.app import (
    accountability,
    assessment,
    cascade,
    pitch,
    prepare,
    prioritisation,
    room,
)
from bigdesk.domain.cascade import ALLOWED_CHILDREN, STRATEGIC
from bigdesk.domain.errors import EditRejectedError
from bigdesk.domain.fields import (
    AGENDA_FIELDS,
    NODE_FIELDS,
    NOTE_FIELDS,
    PERSON_FIELDS,
    RAID_FIELDS,
    TABLE_GROUP_FIELDS,
    Field,
    FieldKind,
    fields_of,
)
from bigdesk.exchange.sample import populate_blank
from bigdesk.model import (
    LEVELS,
    NOT_APPLICABLE,
    AccountabilityNode,
    AgendaItem,
    Confidence,
    Criterion,
    CriterionDirection,
    Dimension,
    DimensionGroup,
    Element,
    ElementType,
    MoSCoW,
    NodeKind,
    Note,
    Person,
    PersonKind,
    RaidItem,
    RaidKind,
    ResourceType,
    ScoreScale,
    SelectionRule,
    TableGroup,
)
from bigdesk.store import WorkshopStore, create_workshop

# -- the rows a call may name, each kind in the order the file holds them
ROWS: dict[str, Select[Any]] = {
    "person": select(Person.id),
    "participant": select(Person.id).where(Person.kind == PersonKind.PARTICIPANT),
    "agenda item": select(AgendaItem.id),
    "note": select(Note.id),
    "node": select(AccountabilityNode.id),
    "element": select(Element.id),
    **{kind.value: select(Element.id).where(Element.type == kind) for kind in ElementType},
    "group": select(DimensionGroup.id),
    "dimension": select(Dimension.id),
    "criterion": select(Criterion.id),
    "resource": select(ResourceType.id),
    "table group": select(TableGroup.id),
    "RAID item": select(RaidItem.id),
}


class Missing(Exception):
    """A call names a kind of row the workshop has none of yet."""


@dataclass(frozen=True)
class Row:
    """The ``n``-th row of ``kind`` when the call is made, counting round."""

    kind: str
    n: int

    def __repr__(self) -> str:
        return f"{self.kind}[{self.n}]"

    def resolve(self, store: WorkshopStore) -> int:
        """Return the id of the row this names."""
        with store.read() as conn:
            statement = ROWS[self.kind]
            ids = list(conn.execute(statement.order_by(*statement.selected_columns)).scalars())
        if not ids:
            raise Missing(self.kind)
        return ids[self.n % len(ids)]


@dataclass(frozen=True)
class Call:
    """One service call as a user's action makes it."""

    service: Callable[..., Any]
    args: tuple[Any, ...]

    def __repr__(self) -> str:
        owner = getattr(self.service, "__self__", None)
        where = (f"OrderedTable({owner.model.__name__})" if owner is not None
                 else self.service.__module__.rsplit(".", 1)[-1])
        return f"{where}.{self.service.__name__}({', '.join(map(repr, self.args))})"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        # -- Hypothesis prints failing recipes with this
        printer.text(repr(self))

    def make(self, store: WorkshopStore) -> None:
        """Call the service on ``store``; a refusal or a missing row leaves it unchanged."""
        try:
            args = [_resolve(arg, store) for arg in self.args]
            self.service(store, *args)
        except (Missing, EditRejectedError):
            pass


def _resolve(arg: Any, store: WorkshopStore) -> Any:
    if isinstance(arg, Row):
        return arg.resolve(store)
    if isinstance(arg, list):
        # -- a choice of several rows, as a list of check boxes gives it: each one once
        return list(dict.fromkeys(_resolve(item, store) for item in arg))
    return arg


Recipe = tuple[Call, ...]


def build(recipe: Sequence[Call], path: Path) -> WorkshopStore:
    """Create a blank workshop at ``path``, make every call of ``recipe`` and return it open."""
    store = create_workshop(path, populate_blank)
    try:
        for call in recipe:
            call.make(store)
    except BaseException:
        store.close()
        raise
    return store


# ---------------------------------------------------------------- values


def rows(kind: str) -> st.SearchStrategy[Row]:
    """Name one row of ``kind``."""
    return st.builds(Row, st.just(kind), st.integers(0, 7))


# -- what people type: nothing, blanks, any character a file can hold, a full field
_TYPED = st.text(st.characters(exclude_categories=("Cs",)), max_size=24)
_WORDS = st.sampled_from(["Grow", "Live tracking", "Ahmad's depot", "Café £5m", "=1+1",
                          "línea\nnueva", "\u202eevil", "📦"])


def text(limit: int | None = None) -> st.SearchStrategy[str]:
    """Return typed text, empty or up to ``limit`` characters (long when there is none)."""
    full = "W" * limit if limit else "Lorem ipsum dolor sit amet. " * 80
    return st.one_of(st.sampled_from(["", " ", full]), _WORDS,
                     _TYPED.map(lambda t: t[:limit] if limit else t))


# -- far apart: the year 1900 and the year 2999 are both dates a form accepts
DATES = st.dates(dt.date(1900, 1, 1), dt.date(2999, 12, 31))
_HUGE = 1.7976931348623157e308


def numbers(low: float | None = None, high: float | None = None,
            whole: bool = False) -> st.SearchStrategy[float]:
    """Return numbers from ``low`` to ``high``: their limits, zero, round and huge ones."""
    low = -_HUGE if low is None else low
    high = _HUGE if high is None else high
    if whole:
        return st.integers(int(low), int(high)).map(float)
    edges = [v for v in (low, high, 0.0, 1.0, 100.0, 1e12, _HUGE, -1.0) if low <= v <= high]
    return st.one_of(st.sampled_from(edges),
                     st.floats(low, high, allow_nan=False, allow_infinity=False))


def value_of(field: Field) -> st.SearchStrategy[Any]:
    """Return what a form could send for ``field``: empty, at its limits, or anything between."""
    # -- a check box is never empty
    blank = field.required or field.kind is FieldKind.FLAG
    empty = st.nothing() if blank else st.sampled_from(["", None])
    kinds: dict[FieldKind, Callable[[], st.SearchStrategy[Any]]] = {
        FieldKind.TEXT: lambda: text(field.max_length),
        FieldKind.LONG_TEXT: lambda: text(),
        FieldKind.NUMBER: lambda: numbers(field.minimum, field.maximum, field.whole),
        FieldKind.FLAG: st.booleans,
        FieldKind.DATE: lambda: DATES,
        FieldKind.CHOICE: lambda: st.sampled_from(list(field.choices or ())),
        FieldKind.PERSON: lambda: rows("person"),
        FieldKind.NODE: lambda: rows("node"),
        FieldKind.DIMENSION: lambda: rows("dimension"),
        # -- periods come only from imports
        FieldKind.PERIOD: st.none,
    }
    return st.one_of(empty, kinds[field.kind]())


def set_value(service: Callable[..., Any], kind: str,
              fields: Sequence[Field]) -> st.SearchStrategy[Call]:
    """Return calls of ``service(row, key, value)`` setting one of ``fields`` of a row."""
    return st.sampled_from(list(fields)).flatmap(
        lambda field: st.tuples(rows(kind), st.just(field.key), value_of(field))
    ).map(lambda args: Call(service, args))


def calls(service: Callable[..., Any], *args: st.SearchStrategy[Any],
          most: int = 3) -> st.SearchStrategy[list[Call]]:
    """Return up to ``most`` calls of ``service`` with arguments drawn from ``args``."""
    return st.lists(st.tuples(*args).map(lambda drawn: Call(service, drawn)), max_size=most)


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


# ---------------------------------------------------------------- the workshop, part by part


def _details() -> st.SearchStrategy[list[Call]]:
    texts = [st.tuples(st.just(column), text(200))
             for column in ("title", "client_organisation", "facilitator", "sponsor", "venue")]
    others = [st.tuples(st.just("session_date"), _maybe(DATES)),
              st.tuples(st.just("start_time"), _maybe(st.times().map(
                  lambda t: t.replace(second=0, microsecond=0)))),
              st.tuples(st.just("anonymous"), st.booleans())]
    return st.lists(st.one_of(*texts, *others), max_size=4).map(
        lambda pairs: [Call(prepare.set_detail, (column, value, "Change"))
                       for column, value in pairs])


@st.composite
def _prepare(draw: st.DrawFn) -> list[Call]:
    made = [Call(prepare.add_person, (kind,))
            for kind in draw(st.lists(st.sampled_from(PersonKind), max_size=4))]
    made += draw(st.lists(set_value(prepare.PEOPLE.set_value, "person", PERSON_FIELDS),
                          max_size=4))
    made += [Call(prepare.add_agenda_item, ())] * draw(st.integers(0, 2))
    made += draw(st.lists(set_value(prepare.AGENDA.set_value, "agenda item", AGENDA_FIELDS),
                          max_size=3))
    made += draw(calls(prepare.add_note, st.booleans(), most=2))
    made += draw(st.lists(set_value(prepare.NOTES.set_value, "note", NOTE_FIELDS), max_size=2))
    return made


@st.composite
def _accountability(draw: st.DrawFn) -> list[Call]:
    made = draw(calls(accountability.add_node, _maybe(rows("node")), text(200),
                      st.sampled_from(NodeKind), st.none()))
    made += draw(st.lists(set_value(accountability.set_node_field, "node", NODE_FIELDS),
                          max_size=3))
    made += draw(calls(accountability.add_node_dependency, rows("node"), rows("node"),
                       text(40), text(), most=2))
    made += draw(calls(accountability.add_flow, rows("node"), _maybe(rows("node")),
                       text(200), most=2))
    return made


# -- each kind of element with the kinds of parent that may hold it
_PARENTS = {child: [parent for parent, allowed in ALLOWED_CHILDREN.items() if child in allowed]
            for child in ElementType}


@st.composite
def _element(draw: st.DrawFn, kind: ElementType) -> Call:
    parents = _PARENTS[kind]
    parent = draw(_maybe(rows(draw(st.sampled_from(parents)).value))) if parents else None
    if parent is not None and draw(st.booleans()):
        # -- what Add child makes: the natural kind under its parent, no title, no reference
        return Call(cascade.add_child, (parent, kind))
    return Call(cascade.add_element, (kind, parent, None, draw(text(200))))


@st.composite
def _element_field(draw: st.DrawFn) -> Call:
    kind = draw(st.sampled_from(ElementType))
    field = draw(st.sampled_from(fields_of(kind)))
    value = draw(st.sampled_from(["", "O1", "KR1.2", "I1", "I2"]) if field.key == "ref"
                 else value_of(field))
    return Call(cascade.set_field, (draw(rows(kind.value)), field.key, value))


@st.composite
def _link(draw: st.DrawFn) -> Call:
    child = draw(st.sampled_from(ElementType))
    parents = _PARENTS[child] or [ElementType.PURPOSE]
    parent = draw(st.sampled_from(parents))
    weight = draw(_maybe(numbers(0.0, 100.0)))
    return Call(cascade.link, (draw(rows(parent.value)), draw(rows(child.value)), weight))


@st.composite
def _cascade(draw: st.DrawFn) -> list[Call]:
    # -- from why to how, so that most elements find a parent made before them
    made = [call for kind in ElementType
            for call in draw(st.lists(_element(kind), max_size=2 if kind in STRATEGIC else 4))]
    made += draw(st.lists(_element_field(), max_size=10))
    made += draw(st.lists(_link(), max_size=3))
    made += draw(calls(cascade.add_dependency, rows("element"), rows("element"),
                       st.sampled_from(["finish-to-start", "", "start-to-start"]), text()))
    # -- the inspector's kind: the element becomes another kind where its links allow it
    made += draw(calls(cascade.set_field, rows("element"), st.just("type"),
                       st.sampled_from(ElementType), most=2))
    return made


@st.composite
def _assessment(draw: st.DrawFn) -> list[Call]:
    made = draw(st.sampled_from([
        [],  # -- the default framework
        [Call(assessment.remove_group, (Row("group", 0),))] * 3,  # -- no framework at all
        [Call(assessment.remove_dimension, (Row("dimension", 0),))] * 17,  # -- one dimension
    ]))
    made += draw(calls(assessment.add_group, text(200), most=1))
    made += draw(calls(assessment.add_dimension, rows("group"), text(200), st.none(), most=2))
    # -- some examples score nothing but "not applicable"
    levels = st.sampled_from([NOT_APPLICABLE]) if draw(st.booleans()) else _maybe(
        st.sampled_from([*LEVELS, NOT_APPLICABLE]))
    made += draw(calls(assessment.set_score, rows("participant"), rows("dimension"),
                       st.sampled_from(assessment.LEVEL_FIELDS), levels, most=8))
    consensus = st.one_of(
        st.tuples(st.sampled_from(assessment.LEVEL_FIELDS), levels),
        st.tuples(st.just("evidence"), text()),
        st.tuples(st.just("confidence"), _maybe(st.sampled_from(Confidence))))
    made += draw(st.lists(st.tuples(rows("dimension"), consensus).map(
        lambda drawn: Call(assessment.set_consensus, (drawn[0], *drawn[1]))), max_size=3))
    made += draw(calls(assessment.make_enabler_initiatives, st.integers(0, 3), most=1))
    return made


_CRITERION_VALUES = st.one_of(
    st.tuples(st.just("name"), text(200)),
    st.tuples(st.just("unit"), text(40)),
    st.tuples(st.just("anchors"), text()),
    st.tuples(st.just("weight"), numbers(0.0)),
    st.tuples(st.just("direction"), st.sampled_from(CriterionDirection)),
    st.tuples(st.just("scale"), st.sampled_from(ScoreScale)),
)


@st.composite
def _prioritisation(draw: st.DrawFn) -> list[Call]:
    # -- the method's default criteria, none, one, or several of the user's own
    kept = draw(st.sampled_from([None, 0, 1]))
    made = [] if kept is None else [
        Call(prioritisation.remove_criteria, ([Row("criterion", kept)],))] * 8
    made += [Call(prioritisation.add_criterion, ())] * draw(st.integers(0, 3))
    made += draw(st.lists(st.tuples(rows("criterion"), _CRITERION_VALUES).map(
        lambda drawn: Call(prioritisation.set_criterion, (drawn[0], *drawn[1]))), max_size=4))
    made += draw(calls(prioritisation.allocate_evenly, most=1))
    made += draw(calls(prioritisation.set_comparison, rows("criterion"), rows("criterion"),
                       st.sampled_from([1 / 9, 1 / 3, 1.0, 5.0, 9.0]), most=2))
    scores = st.one_of(st.none(), st.integers(1, 5).map(float), numbers())
    made += draw(calls(prioritisation.set_score, rows("initiative"), rows("criterion"),
                       scores, most=8))
    made += draw(calls(prioritisation.set_budget, rows("initiative"), _maybe(numbers(0.0)),
                       most=2))
    settings = st.sampled_from(sorted(prioritisation.SETTING_LIMITS)).flatmap(
        lambda key: st.tuples(st.just(key), _setting(key)))
    made += draw(st.lists(settings.map(
        lambda pair: Call(prioritisation.set_setting, (*pair, "Change"))), max_size=3))
    made += draw(calls(prioritisation.set_dots, rows("participant"), rows("initiative"),
                       st.integers(0, 5), most=4))
    made += draw(calls(prioritisation.set_moscow, rows("initiative"),
                       _maybe(st.sampled_from(MoSCoW))))
    made += draw(calls(prioritisation.set_rule, rows("initiative"),
                       _maybe(st.sampled_from(SelectionRule)), most=2))
    made += [Call(prioritisation.add_resource_type, ())] * draw(st.integers(0, 1))
    made += draw(calls(prioritisation.set_resource, rows("resource"),
                       st.just("capacity"), _maybe(numbers(0.0)), most=1))
    made += draw(calls(prioritisation.set_demand, rows("initiative"), rows("resource"),
                       _maybe(numbers(0.0)), most=2))
    made += draw(calls(prioritisation.save_scenario, text(100), st.none(), most=1))
    return made


def _setting(key: str) -> st.SearchStrategy[Any]:
    low, high, optional = prioritisation.SETTING_LIMITS[key]
    whole = key in ("dots_per_participant", "top_n", "samples", "seed")
    # -- up to 100,000 samples are allowed, but beyond a few hundred they only cost time
    high = min(high, 200) if key == "samples" else high
    drawn = numbers(low, high, whole).map(int) if whole else numbers(low, high)
    return _maybe(drawn) if optional else drawn


@st.composite
def _room(draw: st.DrawFn) -> list[Call]:
    made = draw(calls(room.add_table_group, text(200), text(), most=2))
    made += draw(st.lists(set_value(room.GROUPS.set_value, "table group", TABLE_GROUP_FIELDS),
                          max_size=2))
    made += draw(calls(room.set_members, rows("table group"),
                       st.lists(rows("person"), max_size=3), most=2))
    made += draw(calls(room.add_key_point, _maybe(rows("table group")), text(),
                       st.booleans(), most=4))
    made += draw(calls(room.reveal_points, _maybe(rows("table group")), most=1))
    made += draw(calls(room.add_raid_item, st.sampled_from(RaidKind), text(200),
                       _maybe(rows("person")), _maybe(DATES), text(), most=3))
    made += draw(st.lists(set_value(room.RAID.set_value, "RAID item", RAID_FIELDS), max_size=2))
    made += draw(st.lists(st.tuples(st.sampled_from(pitch.PITCH_PARTS), _pitch_value()).map(
        lambda pair: Call(pitch.save_pitch, (*pair, "Change pitch"))), max_size=2))
    made += draw(st.lists(st.tuples(st.sampled_from(pitch.MANDATE_PARTS), text(200)).map(
        lambda pair: Call(pitch.save_mandate, (*pair, "Change mandate"))), max_size=2))
    made += draw(calls(pitch.start_services, most=1))
    made += draw(calls(pitch.start_governance, most=1))
    return made


def _pitch_value() -> st.SearchStrategy[Any]:
    """Return text for any part of the pitch, or a date, which only its due date takes."""
    return st.one_of(text(200), DATES)


def _second_thoughts() -> st.SearchStrategy[list[Call]]:
    """Return removals and moves made once the rest is in place, leaving rows that pointed
    at what went."""
    return st.lists(st.one_of(
        st.tuples(st.lists(rows("person"), min_size=1, max_size=2)).map(
            lambda args: Call(prepare.PEOPLE.remove, args)),
        st.tuples(rows("node")).map(lambda args: Call(accountability.delete_node, args)),
        st.tuples(rows("node"), _maybe(rows("node")), st.none()).map(
            lambda args: Call(accountability.move_node, args)),
        st.tuples(st.lists(rows("element"), min_size=1, max_size=2)).map(
            lambda args: Call(cascade.delete_elements, args)),
        st.tuples(rows("dimension")).map(lambda args: Call(assessment.remove_dimension, args)),
        st.tuples(st.lists(rows("criterion"), min_size=1, max_size=2)).map(
            lambda args: Call(prioritisation.remove_criteria, args)),
        st.tuples(st.lists(rows("resource"), min_size=1)).map(
            lambda args: Call(prioritisation.remove_resource_types, args)),
        st.tuples(st.lists(rows("table group"), min_size=1)).map(
            lambda args: Call(room.GROUPS.remove, args)),
    ), max_size=3)


@st.composite
def workshops(draw: st.DrawFn) -> Recipe:
    """Return the recipe of a whole workshop: details, people, assessment, cascade,
    accountability, prioritisation and the session's outcomes, any of them empty, and
    some of it removed again."""
    parts = [_details(), _prepare(), _assessment(), _accountability(), _cascade(),
             _prioritisation(), _room(), _second_thoughts()]
    return tuple(call for part in parts for call in draw(part))


# ---------------------------------------------------------------- workshops every run tries

# -- a new workshop as it is created: the default framework and criteria, nothing else
BLANK: Recipe = ()
# -- what Add child makes under a key result: an initiative with no title and no reference
UNTITLED_INITIATIVE: Recipe = (
    Call(cascade.add_element, (ElementType.OBJECTIVE, None, None, "Grow")),
    Call(cascade.add_child, (Row("objective", 0), ElementType.KEY_RESULT)),
    Call(cascade.add_child, (Row("key_result", 0), ElementType.INITIATIVE)),
)
