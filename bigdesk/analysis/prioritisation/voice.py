"""The room's voice: MoSCoW classes as selection rules, and where they clash with other rules.

A Must is a must-do and a Won't a must-not, each while its switch is on. A rule the
facilitator set on an initiative always wins over its MoSCoW class. A Won't that a
must-do needs first is pulled in: the dependency is the stronger fact.
"""

from __future__ import annotations

from dataclasses import dataclass

from bigdesk.analysis.prioritisation.data import PrioritisationData
from bigdesk.model import MoSCoW, SelectionRule

RULE_WORDS = {SelectionRule.MUST_DO: "a must-do", SelectionRule.MUST_NOT: "a must-not"}


@dataclass(frozen=True)
class Clash:
    """Two things the room said that cannot both hold, in plain words."""

    initiative_id: int
    message: str


@dataclass(frozen=True)
class Voice:
    """The rule each initiative is chosen under, and what clashed on the way."""

    rules: dict[int, SelectionRule]
    clashes: list[Clash]


def _prerequisites(data: PrioritisationData) -> dict[int, list[int]]:
    direct: dict[int, list[int]] = {}
    for dependent, prerequisite in data.dependencies:
        direct.setdefault(dependent, []).append(prerequisite)
    closure: dict[int, list[int]] = {}
    for start in direct:
        seen: list[int] = []
        stack = list(direct[start])
        while stack:
            item = stack.pop()
            if item not in seen and item != start:
                seen.append(item)
                stack.extend(direct.get(item, []))
        closure[start] = seen
    return closure


def voice(data: PrioritisationData) -> Voice:
    """Return the rule every initiative is chosen under, and every clash, in listed order."""
    settings = data.settings
    labels = {i.id: i.label for i in data.initiatives}
    rules: dict[int, SelectionRule] = {}
    derived: set[int] = set()
    clashes: list[Clash] = []
    for initiative in data.initiatives:
        from_moscow = None
        if initiative.moscow is MoSCoW.MUST and settings.must_is_must_do:
            from_moscow = SelectionRule.MUST_DO
        elif initiative.moscow is MoSCoW.WONT and settings.wont_is_must_not:
            from_moscow = SelectionRule.MUST_NOT
        if initiative.rule is not None:
            rules[initiative.id] = initiative.rule
            if from_moscow is not None and from_moscow is not initiative.rule:
                said = "a Must" if from_moscow is SelectionRule.MUST_DO else "a Won't"
                clashes.append(Clash(initiative.id, (
                    f"{initiative.label} is {said} for the room but "
                    f"{RULE_WORDS[initiative.rule]} for the facilitator; the facilitator's "
                    "rule holds. Change one of them.")))
        elif from_moscow is not None:
            rules[initiative.id] = from_moscow
            derived.add(initiative.id)
    closure = _prerequisites(data)
    for initiative in data.initiatives:
        if rules.get(initiative.id) is not SelectionRule.MUST_DO:
            continue
        for prerequisite in closure.get(initiative.id, []):
            if rules.get(prerequisite) is not SelectionRule.MUST_NOT:
                continue
            if prerequisite in derived:
                # -- the dependency pulls the Won't in
                del rules[prerequisite]
                clashes.append(Clash(initiative.id, (
                    f"{initiative.label} is {RULE_WORDS[SelectionRule.MUST_DO]} but needs "
                    f"{labels[prerequisite]} first, which the room marked Won't; "
                    f"{labels[prerequisite]} is pulled into the portfolio.")))
            else:
                clashes.append(Clash(initiative.id, (
                    f"{initiative.label} is {RULE_WORDS[SelectionRule.MUST_DO]} but needs "
                    f"{labels[prerequisite]} first, which the facilitator excluded: no "
                    "portfolio can hold both. Change one of the rules.")))
    return Voice(rules, clashes)
