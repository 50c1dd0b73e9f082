"""Errors of the prioritisation maths, each with a message a facilitator can act on."""

from __future__ import annotations


class PrioritisationError(ValueError):
    """The inputs cannot give an answer; the message says which input and why."""


class InfeasiblePortfolioError(PrioritisationError):
    """No portfolio satisfies every constraint; ``conflicts`` names the ones that clash."""

    def __init__(self, conflicts: list[str]) -> None:
        self.conflicts = conflicts
        super().__init__("No portfolio meets every constraint: " + " ".join(conflicts))
