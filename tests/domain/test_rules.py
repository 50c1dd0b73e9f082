"""The method's rules, in one place: kinds under kinds, field limits, steps."""

from __future__ import annotations

import datetime as dt

import pytest

from bigdesk.domain.cascade import ALLOWED_CHILDREN, link_problem
from bigdesk.domain.errors import EditRejectedError
from bigdesk.domain.fields import (
    ELEMENT_FIELDS,
    NODE_FIELDS,
    clean_element_value,
    element_problems,
    field_of,
    fields_of,
)
from bigdesk.domain.steps import STEP_KEYS, STEPS, agenda_choices, agenda_step
from bigdesk.model import (
    AccountabilityNode,
    AgendaItem,
    Direction,
    ElementType,
    InitiativeKind,
    NodeKind,
    Person,
    Portfolio,
)

E = ElementType


def test_every_pair_of_kinds_is_either_allowed_or_refused_in_plain_words() -> None:
    for parent in E:
        for child in E:
            problem = link_problem(parent, child)
            assert (problem is None) == (child in ALLOWED_CHILDREN[parent])
            if problem:
                assert problem[0].isupper() and problem.endswith(".")
                assert " a objective" not in problem and " a initiative" not in problem
    assert link_problem(E.INITIATIVE, E.PURPOSE) == (
        "A purpose cannot sit under an initiative; only initiatives and benefits can.")
    assert link_problem(E.BENEFIT, E.INITIATIVE) == (
        "Nothing sits under a benefit; link an initiative elsewhere.")


def test_each_kind_has_the_fields_the_method_gives_it() -> None:
    keys = {kind: {f.key for f in fields_of(kind)} for kind in E}
    assert {"metric", "unit", "direction", "baseline", "target", "current", "due",
            "period_id"} <= keys[E.KEY_RESULT]
    assert {"initiative_kind", "portfolio", "budget", "effort", "starts_on", "ends_on",
            "owner_id", "node_id"} <= keys[E.INITIATIVE]
    assert "driver_kind" in keys[E.DRIVER]
    assert not {"budget", "target", "owner_id"} & keys[E.PURPOSE]
    assert {f.key for f in NODE_FIELDS} == {"name", "kind", "accountable_id", "cadence",
                                            "challenges", "description"}


@pytest.mark.parametrize(("kind", "key", "given", "stored"), [
    (E.KEY_RESULT, "baseline", "£1,250,000.50", 1_250_000.5),
    (E.KEY_RESULT, "direction", "Decrease", Direction.DECREASE),
    (E.INITIATIVE, "initiative_kind", "program", InitiativeKind.PROGRAMME),
    (E.INITIATIVE, "initiative_kind", "business as usual", InitiativeKind.BAU),
    (E.INITIATIVE, "portfolio", "transform", Portfolio.TRANSFORM),
    (E.INITIATIVE, "starts_on", "31/03/2027", dt.date(2027, 3, 31)),
    (E.OBJECTIVE, "title", "  Deliver   on time ", "Deliver on time"),
    (E.OBJECTIVE, "budget", "", None),
])  # fmt: skip
def test_values_are_read_as_people_write_them(kind: ElementType, key: str, given: object,
                                              stored: object) -> None:
    assert clean_element_value(kind, key, given) == stored


@pytest.mark.parametrize(("kind", "key", "given", "message"), [
    (E.INITIATIVE, "budget", -5, "Budget -5 is below 0."),
    (E.OBJECTIVE, "progress", 140, "Progress 140 is outside 0 to 100."),
    (E.KEY_RESULT, "target", "lots", "'lots' is not a number."),
    (E.KEY_RESULT, "due", "next spring", "'next spring' is not a date"),
    (E.OBJECTIVE, "budget", 10, "Budget applies only to initiatives, not to an objective."),
    (E.INITIATIVE, "portfolio", "sideways", "'sideways' is not a run, grow or transform"),
    (E.OBJECTIVE, "title", "x" * 501, "Keep the title to 500 characters (this one has 501)."),
])  # fmt: skip
def test_a_value_that_breaks_a_rule_is_refused_saying_which(kind: ElementType, key: str,
                                                            given: object, message: str) -> None:
    with pytest.raises(EditRejectedError) as refused:
        clean_element_value(kind, key, given)
    assert str(refused.value).startswith(message)


def test_stored_values_are_checked_again_with_the_dates_in_order() -> None:
    problems = element_problems(E.INITIATIVE, {
        "budget": -1.0, "starts_on": dt.date(2027, 6, 1), "ends_on": dt.date(2027, 1, 1)})
    assert problems == [("budget", "Budget -1 is below 0."),
                        ("ends_on", "The end (01 Jan 2027) is before the start (01 Jun 2027).")]
    assert element_problems(E.KEY_RESULT, {"baseline": 3.0, "target": 9.0}) == []


def test_other_tables_have_their_fields_and_limits() -> None:
    assert field_of(Person, "influence").clean("3") == 3
    with pytest.raises(EditRejectedError, match=r"Influence 2\.5 is not a whole number"):
        field_of(Person, "influence").clean(2.5)
    assert field_of(AgendaItem, "step").clean("capture") == "room"
    with pytest.raises(EditRejectedError, match="An agenda block cannot open 'dance'"):
        field_of(AgendaItem, "step").clean("dance")
    with pytest.raises(EditRejectedError, match="has no field called 'colour'"):
        field_of(Person, "colour")
    assert {f.key for f in ELEMENT_FIELDS} >= {"title", "ref", "description", "status"}
    assert field_of(AccountabilityNode, "kind").clean("Governance body") is \
        NodeKind.GOVERNANCE_BODY


def test_the_steps_follow_the_method_and_name_what_the_agenda_opens() -> None:
    assert STEP_KEYS == ("prepare", "review", "room", "assess", "map", "accountability",
                         "prioritise", "deck")
    assert agenda_choices()[0] == ("none", "—")
    assert [value for value, _ in agenda_choices()][1:] == [
        s.key for s in STEPS if s.agenda is not None]
    assert agenda_step(None) == "none"
    sections = [section for s in STEPS for section in s.deck_sections]
    assert len(sections) == len(set(sections))
