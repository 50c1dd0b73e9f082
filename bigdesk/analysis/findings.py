"""Findings: problems and gaps that analysis rules spot in a workshop."""

from __future__ import annotations

import enum
import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import Connection


class Severity(enum.Enum):
    """How much a finding matters."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True)
class Finding:
    """One thing a rule noticed, with a stable code and the element it is about."""

    code: str
    severity: Severity
    message: str
    # -- "table:id", so the app can jump to the element and check can print it
    element: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        """Return the finding as the JSON object ``bigdesk check --json`` prints."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "element": self.element,
        }


Rule = Callable[[Connection], Iterable[Finding]]
_RULES: list[Rule] = []


def rule(function: Rule) -> Rule:
    """Register ``function`` as a rule that every analysis runs."""
    _RULES.append(function)
    return function


# -- the modules whose rules every analysis runs (importing one registers its rules), and
#    the step their findings belong to when a finding's element does not say
RULE_STEPS = {
    "bigdesk.analysis.preparation": "prepare",
    "bigdesk.analysis.assessment": "assess",
    "bigdesk.analysis.cascade_health": "map",
    "bigdesk.analysis.prioritisation.rules": "prioritise",
    "bigdesk.analysis.planning.rules": "prioritise",
    "bigdesk.analysis.tracking": "review",
    "bigdesk.analysis.raid": "room",
}


def rules_from(modules: Iterable[str]) -> list[Rule]:
    """Return the rules that ``modules`` register, importing only those modules."""
    wanted = set(modules)
    for name in wanted:
        importlib.import_module(name)
    return [r for r in _RULES if r.__module__ in wanted]


def registered_rules() -> list[Rule]:
    """Return every rule, importing the modules that register them."""
    return rules_from(RULE_STEPS)


def run_rules(conn: Connection) -> list[Finding]:
    """Run every registered rule on the workshop behind ``conn``."""
    return [finding for check in registered_rules() for finding in check(conn)]
