"""The step registry: the one list the navigation, agenda, templates and deck derive from."""

from __future__ import annotations

from bigdesk.domain.steps import STEP_KEYS, STEPS, agenda_choices, deck_step
from bigdesk.exchange.deck.build import SECTION_KEYS


def test_every_deck_section_belongs_to_exactly_one_step() -> None:
    for key in SECTION_KEYS:
        owners = [s.key for s in STEPS if key in s.deck_sections]
        assert len(owners) == 1, f"deck section {key!r} is drawn from {owners or 'no step'}"
        found = deck_step(key)
        assert found is not None and found.key == owners[0]


def test_steps_name_only_sections_the_deck_has() -> None:
    named = [key for s in STEPS for key in s.deck_sections]
    assert sorted(named) == sorted(SECTION_KEYS)


def test_a_steps_sections_follow_the_decks_storyline() -> None:
    for s in STEPS:
        assert list(s.deck_sections) == sorted(s.deck_sections, key=SECTION_KEYS.index)


def test_steps_have_distinct_keys_and_the_agenda_offers_those_it_may_open() -> None:
    assert len(set(STEP_KEYS)) == len(STEPS)
    offered = [value for value, _ in agenda_choices()][1:]
    assert offered == [s.key for s in STEPS if s.agenda is not None]
