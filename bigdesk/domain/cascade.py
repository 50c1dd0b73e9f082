"""The cascade's rules: what may sit under what, where a top-level element shows, its nouns."""

from __future__ import annotations

import enum

from bigdesk.domain.words import a, plural
from bigdesk.model import (
    Benefit,
    Driver,
    Element,
    ElementType,
    Initiative,
    KeyResult,
    Objective,
    Purpose,
    Vision,
)

# -- the mapped class of each kind of element
CLASSES: dict[ElementType, type[Element]] = {
    ElementType.PURPOSE: Purpose,
    ElementType.VISION: Vision,
    ElementType.DRIVER: Driver,
    ElementType.OBJECTIVE: Objective,
    ElementType.KEY_RESULT: KeyResult,
    ElementType.INITIATIVE: Initiative,
    ElementType.BENEFIT: Benefit,
}
NOUNS: dict[ElementType, str] = {kind: cls.noun for kind, cls in CLASSES.items()}
TYPE_LABELS: dict[ElementType, str] = {kind: noun[0].upper() + noun[1:]
                                       for kind, noun in NOUNS.items()}

# -- why before how: the strategic elements, then objectives, key results and initiatives
RANK = {
    ElementType.PURPOSE: 0,
    ElementType.VISION: 0,
    ElementType.DRIVER: 0,
    ElementType.OBJECTIVE: 1,
    ElementType.KEY_RESULT: 2,
    ElementType.INITIATIVE: 3,
    ElementType.BENEFIT: 4,
}
STRATEGIC = frozenset({ElementType.PURPOSE, ElementType.VISION, ElementType.DRIVER})
# -- the kinds whose progress is followed by check-ins after the workshop
CHECKED_IN = frozenset({ElementType.KEY_RESULT, ElementType.INITIATIVE, ElementType.BENEFIT})
# -- the kinds measured by a metric against a baseline and a target (their check-in is a
#    reading of it); an initiative's check-in is its percent complete
MEASURED = frozenset({ElementType.KEY_RESULT, ElementType.BENEFIT})


def percent_problem(kind: ElementType, value: float | None) -> str | None:
    """Say why a check-in of a ``kind`` that reports percent complete cannot hold ``value``."""
    if kind in MEASURED or value is None or 0 <= value <= 100:
        return None
    return f"an initiative's check-in is its percent complete, from 0 to 100 (not {value:g})."


# -- what a kind of element is for, where two are easily confused: strategic outcomes come
#    from change and business as usual together, benefits are realised in Run
KIND_NOTES = {
    ElementType.KEY_RESULT: "A key result measures a strategic outcome, which change and "
                            "business as usual bring about together.",
    ElementType.BENEFIT: "A benefit is realised in Run, once initiatives have changed how the "
                         "business works; its owner is the business change manager. Link it "
                         "under the initiatives that realise it and the objectives it serves.",
}

# -- what may sit under what, from why to how; an objective may have sub-objectives and a
#    programme its projects; nothing sits above a purpose
ALLOWED_CHILDREN: dict[ElementType, frozenset[ElementType]] = {
    ElementType.PURPOSE: frozenset(
        {ElementType.VISION, ElementType.DRIVER, ElementType.OBJECTIVE}
    ),
    ElementType.VISION: frozenset({ElementType.DRIVER, ElementType.OBJECTIVE}),
    ElementType.DRIVER: frozenset({ElementType.OBJECTIVE}),
    ElementType.OBJECTIVE: frozenset(
        {ElementType.OBJECTIVE, ElementType.KEY_RESULT, ElementType.INITIATIVE,
         ElementType.BENEFIT}
    ),
    ElementType.KEY_RESULT: frozenset({ElementType.INITIATIVE}),
    # -- a benefit is realised by initiatives and contributes to objectives: both are parents
    ElementType.INITIATIVE: frozenset({ElementType.INITIATIVE, ElementType.BENEFIT}),
    ElementType.BENEFIT: frozenset(),
}
# -- the kind an element becomes when the outline moves it under a parent that cannot hold it
DEFAULT_CHILD = {
    ElementType.PURPOSE: ElementType.OBJECTIVE,
    ElementType.VISION: ElementType.OBJECTIVE,
    ElementType.DRIVER: ElementType.OBJECTIVE,
    ElementType.OBJECTIVE: ElementType.KEY_RESULT,
    ElementType.KEY_RESULT: ElementType.INITIATIVE,
    ElementType.INITIATIVE: ElementType.INITIATIVE,
    ElementType.BENEFIT: ElementType.BENEFIT,
}


class Section(enum.Enum):
    """The top-level groups of the outline, each holding elements with no parent."""

    PURPOSES = "purposes"
    DRIVERS = "drivers"
    UNALIGNED = "unaligned"


SECTION_TYPES = {
    Section.PURPOSES: frozenset({ElementType.PURPOSE}),
    Section.DRIVERS: frozenset({ElementType.VISION, ElementType.DRIVER}),
    Section.UNALIGNED: frozenset(
        {ElementType.OBJECTIVE, ElementType.KEY_RESULT, ElementType.INITIATIVE,
         ElementType.BENEFIT}
    ),
}
SECTION_DEFAULT = {
    Section.PURPOSES: ElementType.PURPOSE,
    Section.DRIVERS: ElementType.DRIVER,
    Section.UNALIGNED: ElementType.OBJECTIVE,
}
SECTION_TITLES = {
    Section.PURPOSES: "Purposes",
    Section.DRIVERS: "Vision and business drivers",
    Section.UNALIGNED: "Not aligned to anything yet",
}


def section_of(kind: ElementType) -> Section:
    """Return the outline section an element of ``kind`` sits in when it has no parent."""
    return next(s for s, kinds in SECTION_TYPES.items() if kind in kinds)


def link_problem(parent: ElementType, child: ElementType) -> str | None:
    """Return why ``child`` may not sit under ``parent``, in plain words, or None if it may."""
    if child in ALLOWED_CHILDREN[parent]:
        return None
    allowed = [plural(NOUNS[k]) for k in ElementType if k in ALLOWED_CHILDREN[parent]]
    if not allowed:
        return f"Nothing sits under {a(NOUNS[parent])}; link {a(NOUNS[child])} elsewhere."
    listed = ", ".join(allowed[:-1]) + f" and {allowed[-1]}" if len(allowed) > 1 else allowed[0]
    text = f"{a(NOUNS[child])} cannot sit under {a(NOUNS[parent])}; only {listed} can"
    return text[0].upper() + text[1:] + "."
