"""Words for the things in a workshop: articles, plurals and counts, in British English."""

from __future__ import annotations

import re

# -- nouns whose plural is not the noun with an "s"
_PLURALS = {
    "person": "people",
    "criterion": "criteria",
    "business driver": "business drivers",
    "RAID item": "RAID items",
    "vision": "visions",
    "key result": "key results",
    "check-in": "check-ins",
    "capability": "capabilities",
    "accountability node": "accountability nodes",
    "node dependency": "node dependencies",
    "dependency": "dependencies",
    "strategy": "strategies",
    "activity": "activities",
    "body": "bodies",
}
# -- words whose first letter and first sound disagree ("a unit", "an hour")
_CONSONANT_SOUND = re.compile(r"^(?:uni|use|usu|eu|one\b|once)", re.IGNORECASE)
_VOWEL_SOUND = re.compile(r"^(?:hour|honour|honest)", re.IGNORECASE)


def article(noun: str) -> str:
    """Return "a" or "an" for ``noun`` ("an objective", "a key result", "a unit")."""
    word = noun.strip()
    if _VOWEL_SOUND.match(word):
        return "an"
    if word[:1].lower() in ("a", "e", "i", "o", "u") and not _CONSONANT_SOUND.match(word):
        return "an"
    return "a"


def a(noun: str) -> str:
    """Return ``noun`` with its indefinite article: "an initiative"."""
    return f"{article(noun)} {noun}"


def plural(noun: str) -> str:
    """Return the plural of ``noun``."""
    if noun in _PLURALS:
        return _PLURALS[noun]
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "o", "u"):
        return noun[:-1] + "ies"
    return noun + "s"


def count(number: int, noun: str) -> str:
    """Return "1 objective" or "3 objectives"."""
    return f"{number:,} {noun if number == 1 else plural(noun)}"


def quoted(title: str, fallback: str) -> str:
    """Return a title in curly quotes for messages, or ``fallback`` when it is blank."""
    text = (title or "").strip()
    if not text:
        return fallback
    short = text if len(text) <= 60 else text[:59] + "…"
    return f"“{short}”"
