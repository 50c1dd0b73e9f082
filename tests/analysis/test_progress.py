"""Where each step stands, read from the workshop's tables, and whose findings are whose."""

from __future__ import annotations

from pathlib import Path

from bigdesk.analysis.findings import Finding, Severity, registered_rules
from bigdesk.analysis.progress import (
    StepState,
    count_by_step,
    filled_tables,
    first_step,
    rules_of,
    step_state,
)
from bigdesk.domain.steps import STEPS, step
from bigdesk.exchange.sample import populate_blank, populate_sample
from bigdesk.model import Alignment, CriterionScore, Element, Person
from bigdesk.store import create_workshop


def _states(path: Path, populate: object) -> dict[str, StepState | None]:
    store = create_workshop(path, populate)  # type: ignore[arg-type]
    try:
        with store.read() as conn:
            filled = filled_tables(conn)
    finally:
        store.close()
    return {s.key: step_state(s, filled) for s in STEPS}


def test_a_blank_workshop_has_every_step_empty_but_the_deck(tmp_path: Path) -> None:
    states = _states(tmp_path / "blank.bigdesk", populate_blank)
    assert states.pop("deck") is None
    assert set(states.values()) == {StepState.EMPTY}


def test_the_sample_has_every_step_with_work_started_or_done(tmp_path: Path) -> None:
    states = _states(tmp_path / "sample.bigdesk", populate_sample)
    assert StepState.EMPTY not in states.values()
    assert states["map"] is StepState.DONE


def test_a_step_is_done_when_each_table_it_needs_has_a_row() -> None:
    cascade = step("map")
    assert step_state(cascade, set()) is StepState.EMPTY
    assert step_state(cascade, {Person}) is StepState.EMPTY
    assert step_state(cascade, {Element}) is StepState.STARTED
    assert step_state(cascade, {Element, Alignment}) is StepState.DONE


def test_every_step_that_holds_work_says_when_it_is_done() -> None:
    for s in STEPS:
        assert set(s.done_when) <= set(s.tables), s.key
        assert bool(s.tables) == bool(s.done_when), s.key


def test_findings_count_against_their_element_s_step_and_notes_do_not_count() -> None:
    found = [
        Finding("a", Severity.WARNING, "m", "element:1"),
        Finding("b", Severity.ERROR, "m", "accountability_node:2"),
        Finding("c", Severity.WARNING, "m", None),
        Finding("d", Severity.INFO, "m", "element:3"),
    ]
    assert count_by_step([("map", found)]) == {"map": 2, "accountability": 1}


def test_every_rule_belongs_to_a_step() -> None:
    keys = [s.key for s in STEPS]
    assert all(rules_of(key) for key in ("prepare", "assess", "map", "prioritise"))
    assert sum(len(rules_of(key)) for key in keys) == len(registered_rules())


def test_an_empty_step_says_what_to_do_first_until_it_holds_work() -> None:
    cascade = step("map")
    first = first_step(cascade, {Person})
    assert first is not None and first.button == "Add the first purpose"
    assert first_step(cascade, {Element}) is None


def test_what_must_come_first_decides_what_an_empty_step_says() -> None:
    prioritise, deck = step("prioritise"), step("deck")
    before = first_step(prioritise, set())
    assert before is not None and before.action == "open-map"
    after = first_step(prioritise, {Element})
    assert after is not None and after.button == "Score the first initiative"
    assert first_step(prioritise, {Element, CriterionScore}) is None
    # -- the deck holds no work of its own: it points to the map only while there is none
    assert first_step(deck, set()) is not None
    assert first_step(deck, {Element}) is None


def test_every_step_with_first_steps_ends_on_one_that_always_applies() -> None:
    for s in STEPS:
        if s.tables:
            assert s.first_steps and not s.first_steps[-1].missing, s.key
        for first in s.first_steps:
            assert first.heading and first.advice.endswith(".") and first.button, s.key
