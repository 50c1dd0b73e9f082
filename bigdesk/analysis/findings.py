"""Findings: problems and gaps that analysis rules spot in a workshop."""

from __future__ import annotations

import enum
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


def registered_rules() -> list[Rule]:
    """Return every rule, importing the modules that register them."""
    # -- importing the rule modules registers them
    from bigdesk.analysis import (
        assessment,  # noqa: F401
        cascade_health,  # noqa: F401
        preparation,  # noqa: F401
        raid,  # noqa: F401
        tracking,  # noqa: F401
    )
    from bigdesk.analysis.planning import rules as _planning  # noqa: F401
    from bigdesk.analysis.prioritisation import rules as _prioritisation  # noqa: F401

    return list(_RULES)


def run_rules(conn: Connection) -> list[Finding]:
    """Run every registered rule on the workshop behind ``conn``."""
    return [finding for check in registered_rules() for finding in check(conn)]
