"""Health of the strategy cascade: gaps between purpose, objectives, delivery and accountability.

Every finding has a stable code (the findings panel and ``bigdesk check --json``
rely on it) and names the element, node or information flow it is about.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from operator import attrgetter

from sqlalchemy import Connection

from bigdesk.analysis.cascade import (
    Cascade,
    CascadeSettings,
    ElementRow,
    load_cascade,
    loop_text,
)
from bigdesk.analysis.findings import Finding, Severity, rule
from bigdesk.domain.cascade import NOUNS, link_problem
from bigdesk.domain.fields import applicable_field, dates_problem, value_problem
from bigdesk.domain.words import a
from bigdesk.model import ElementType

# -- the stored values the rules check again, in case a file was written elsewhere
CHECKED_FIELDS = ("progress", "baseline", "target", "current", "budget", "effort")
_checked_values = attrgetter(*CHECKED_FIELDS)
# -- for each kind of element, each checked field with its rules (None where the kind
#    has no such field, so any value there breaks them)
_CHECKS = {kind: tuple((key, applicable_field(kind, key)) for key in CHECKED_FIELDS)
           for kind in ElementType}
OWNED = frozenset({ElementType.OBJECTIVE, ElementType.KEY_RESULT, ElementType.INITIATIVE})
# -- statuses that mean the work is finished, whatever the case
DONE_STATUSES = frozenset({"done", "complete", "completed", "closed", "achieved", "delivered"})

# -- every code this module can report, in the order the findings come out
CODES = (
    "alignment-cycle",
    "dependency-cycle",
    "cascade-rule-broken",
    "objective-without-key-result",
    "objective-without-node",
    "objective-without-initiative",
    "objective-without-owner",
    "key-result-without-target",
    "key-result-without-baseline",
    "key-result-without-current",
    "key-result-without-owner",
    "initiative-unaligned",
    "initiative-without-owner",
    "element-overdue",
    "alignment-weights-not-100",
    "progress-mismatch",
    "placeholder-element",
    "node-overloaded",
    "node-without-objective",
    "node-without-accountable",
    "information-need-unprovided",
    "alignment-index",
)


def _at(element_id: int) -> str:
    return f"element:{element_id}"


def cascade_findings(
    source: Connection | Cascade, settings: CascadeSettings | None = None
) -> list[Finding]:
    """Return every health finding about the cascade, with ``settings`` or the defaults."""
    cascade = source if isinstance(source, Cascade) else load_cascade(source)
    settings = settings or CascadeSettings()
    if not cascade.elements and not cascade.nodes:
        return []
    return [
        *_cycles(cascade),
        *_broken_rules(cascade),
        *_objectives(cascade),
        *_key_results(cascade),
        *_initiatives(cascade),
        *_owners(cascade),
        *_overdue(cascade),
        *_weights(cascade, settings),
        *_progress(cascade, settings),
        *_placeholders(cascade),
        *_nodes(cascade, settings),
        *_flows(cascade),
        *_alignment_index(cascade),
    ]


@rule
def cascade_health(conn: Connection) -> list[Finding]:
    """Report the cascade's health with the default settings."""
    return cascade_findings(conn)


def _cycles(cascade: Cascade) -> Iterator[Finding]:
    for kind, code in (("alignment", "alignment-cycle"), ("dependency", "dependency-cycle")):
        cycle = cascade.find_cycle(kind)  # type: ignore[arg-type]
        if cycle:
            # -- a file written elsewhere can hold a loop the editors would have refused
            links = "alignment links" if kind == "alignment" else "dependencies"
            yield Finding(
                code, Severity.ERROR,
                f"The {links} go round in a circle: {loop_text(cascade.labels(cycle))}.",
                _at(cycle[0]),
            )  # fmt: skip


def _broken_rules(cascade: Cascade) -> Iterator[Finding]:
    """Report what a file written elsewhere or by an older version holds against the rules."""
    # -- a few kinds of element make few pairs: each pair is judged once
    problems: dict[tuple[ElementType, ElementType], str | None] = {}
    for link in cascade.links:
        parent, child = cascade.elements[link.parent_id], cascade.elements[link.child_id]
        pair = (parent.type, child.type)
        if pair not in problems:
            problems[pair] = link_problem(*pair)
        problem = problems[pair]
        if problem:
            yield Finding(
                "cascade-rule-broken", Severity.ERROR,
                f"{problem} {child.label} sits under {parent.label}; move it or change its "
                "kind.", _at(child.id),
            )  # fmt: skip
    for element, messages in cascade.per_element(_value_problems):
        for message in messages:
            yield Finding("cascade-rule-broken", Severity.ERROR, f"{element.label}: {message}",
                          _at(element.id))


def _value_problems(element: ElementRow) -> tuple[str, ...]:
    """Return why the values stored in one element break the rules of its fields."""
    found = []
    for (key, field), value in zip(_CHECKS[element.type], _checked_values(element),
                                   strict=True):
        # -- an empty value breaks no rule of these fields, and most values keep to them
        if value is None or (field is not None and field.holds(value)):
            continue
        message = value_problem(element.type, key, value)
        if message:
            found.append(message)
    if element.starts_on is not None and element.ends_on is not None:
        message = dates_problem(element.starts_on, element.ends_on)
        if message:
            found.append(message)
    return tuple(found)


def _objectives(cascade: Cascade) -> Iterator[Finding]:
    delivered = cascade.delivered()
    for objective in cascade.of_type(ElementType.OBJECTIVE):
        if objective.placeholder:
            continue
        kinds = {cascade.elements[c].type for c in cascade.down[objective.id]}
        if ElementType.KEY_RESULT not in kinds:
            yield Finding(
                "objective-without-key-result", Severity.WARNING,
                f"Objective {objective.label} has no key result: nothing measures it.",
                _at(objective.id),
            )  # fmt: skip
        if objective.node_id is None:
            yield Finding(
                "objective-without-node", Severity.WARNING,
                f"Objective {objective.label} has no accountable node: nobody answers for it.",
                _at(objective.id),
            )  # fmt: skip
        if objective.id not in delivered:
            yield Finding(
                "objective-without-initiative", Severity.WARNING,
                f"No initiative delivers objective {objective.label}, directly or through "
                "its key results.",
                _at(objective.id),
            )  # fmt: skip


def _key_results(cascade: Cascade) -> Iterator[Finding]:
    for key_result in cascade.of_type(ElementType.KEY_RESULT):
        if key_result.placeholder:
            continue
        if key_result.target is None:
            yield Finding(
                "key-result-without-target", Severity.WARNING,
                f"Key result {key_result.label} has no target: success is not defined.",
                _at(key_result.id),
            )  # fmt: skip
        if key_result.baseline is None:
            yield Finding(
                "key-result-without-baseline", Severity.WARNING,
                f"Key result {key_result.label} has no baseline: progress cannot be measured "
                "from where it started.",
                _at(key_result.id),
            )  # fmt: skip
        if key_result.current is None:
            yield Finding(
                "key-result-without-current", Severity.WARNING,
                f"Key result {key_result.label} has no current value: nobody knows where it "
                "stands.",
                _at(key_result.id),
            )  # fmt: skip


def _owners(cascade: Cascade) -> Iterator[Finding]:
    for element in cascade.elements.values():
        if element.type in OWNED and element.owner_id is None and not element.placeholder:
            noun = NOUNS[element.type]
            yield Finding(
                f"{noun.replace(' ', '-')}-without-owner", Severity.WARNING,
                f"{a(noun).capitalize()} without an owner: {element.label}. Name the person "
                "who answers for it.", _at(element.id),
            )  # fmt: skip


def _overdue(cascade: Cascade) -> Iterator[Finding]:
    today = cascade.session_date
    if today is None:
        return
    for element in cascade.elements.values():
        due = element.due or (element.ends_on if element.type is ElementType.INITIATIVE
                              else None)
        if due is None or due >= today or _done(element):
            continue
        yield Finding(
            "element-overdue", Severity.WARNING,
            f"{NOUNS[element.type].capitalize()} {element.label} was due on {due:%d %b %Y}, "
            f"before the session on {today:%d %b %Y}, and is not done.", _at(element.id),
        )  # fmt: skip


def _done(element: ElementRow) -> bool:
    return (element.progress is not None and element.progress >= 100) or \
        element.status.strip().casefold() in DONE_STATUSES


def _initiatives(cascade: Cascade) -> Iterator[Finding]:
    for initiative in cascade.of_type(ElementType.INITIATIVE):
        if not cascade.up[initiative.id]:
            yield Finding(
                "initiative-unaligned", Severity.WARNING,
                f"Initiative {initiative.label} is aligned to nothing: a project looking for "
                "an objective to serve.",
                _at(initiative.id),
            )  # fmt: skip


def _weights(cascade: Cascade, settings: CascadeSettings) -> Iterator[Finding]:
    # -- most parents carry no weighted link at all: only the others are added up
    weighted = {link.parent_id for link in cascade.links if link.weight is not None}
    for parent_id, children in cascade.down.items():
        if parent_id not in weighted:
            continue
        weights = [cascade.weights[parent_id, child] for child in children]
        given = [w for w in weights if w is not None]
        total = sum(given)
        if abs(total - 100.0) > settings.weight_tolerance:
            missing = len(weights) - len(given)
            unweighted = f"; {missing} of its links carry no weight" if missing else ""
            yield Finding(
                "alignment-weights-not-100", Severity.WARNING,
                f"The weights of the links under {cascade.elements[parent_id].label} add up "
                f"to {total:g}%, not 100%{unweighted}.",
                _at(parent_id),
            )  # fmt: skip


def _progress(cascade: Cascade, settings: CascadeSettings) -> Iterator[Finding]:
    for objective in cascade.of_type(ElementType.OBJECTIVE):
        if objective.progress is None:
            continue
        expected = cascade.expected_progress(objective.id)
        if expected is None:
            continue
        if abs(objective.progress - expected) > settings.progress_tolerance:
            yield Finding(
                "progress-mismatch", Severity.WARNING,
                f"Objective {objective.label} reports {objective.progress:.0f}% progress but "
                f"its key results add up to {expected:.0f}%.",
                _at(objective.id),
            )  # fmt: skip


def _placeholders(cascade: Cascade) -> Iterator[Finding]:
    for element in cascade.elements.values():
        if element.placeholder:
            yield Finding(
                "placeholder-element", Severity.INFO,
                f"{element.label} stands in for a parent missing from an imported file; "
                "complete it or re-align its children.",
                _at(element.id),
            )  # fmt: skip


def _nodes(cascade: Cascade, settings: CascadeSettings) -> Iterator[Finding]:
    objectives: dict[int, int] = defaultdict(int)
    owns: set[int] = set()
    for element in cascade.elements.values():
        if element.node_id is None:
            continue
        if element.type is ElementType.OBJECTIVE:
            objectives[element.node_id] += 1
        if element.type in (ElementType.OBJECTIVE, ElementType.KEY_RESULT):
            owns.add(element.node_id)
    for node in cascade.nodes.values():
        count = objectives.get(node.id, 0)
        if count > settings.max_objectives_per_node:
            yield Finding(
                "node-overloaded", Severity.WARNING,
                f"Node {node.label} is accountable for {count} objectives, more than "
                f"{settings.max_objectives_per_node}: focus or share them.",
                f"accountability_node:{node.id}",
            )  # fmt: skip
        if node.id not in owns:
            yield Finding(
                "node-without-objective", Severity.INFO,
                f"Node {node.label} owns no objective or key result yet.",
                f"accountability_node:{node.id}",
            )  # fmt: skip
        if node.accountable_id is None:
            yield Finding(
                "node-without-accountable", Severity.WARNING,
                f"Node {node.label} has no accountable person: a point of accountability "
                "needs one name.",
                f"accountability_node:{node.id}",
            )  # fmt: skip


def _flows(cascade: Cascade) -> Iterator[Finding]:
    for flow in cascade.flows:
        if flow.provider_id is None:
            consumer = cascade.nodes.get(flow.consumer_id)
            who = consumer.label if consumer else "a node"
            what = f"“{flow.information.strip()}”" if flow.information.strip() else "information"
            yield Finding(
                "information-need-unprovided", Severity.WARNING,
                f"Node {who} needs {what} and no node provides it.",
                f"information_flow:{flow.id}",
            )  # fmt: skip


def _alignment_index(cascade: Cascade) -> Iterator[Finding]:
    index = cascade.alignment_index()
    if index.initiatives == 0:
        return
    parts = []
    if index.budget_share is not None:
        parts.append(f"{index.budget_share:.0%} of initiative budget")
    if index.effort_share is not None:
        parts.append(f"{index.effort_share:.0%} of effort")
    shares = " and ".join(parts) if parts else "no budget or effort is recorded, but"
    yield Finding(
        "alignment-index", Severity.INFO,
        f"Alignment index: {shares} trace to a purpose through objectives "
        f"({index.traced_initiatives} of {index.initiatives} initiatives).",
    )  # fmt: skip
