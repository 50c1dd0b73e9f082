"""The Prioritise step: criteria and weights, scores and votes, the portfolio and its tests."""

from bigdesk.ui.steps.prioritise.page import PrioritisePage

Page = PrioritisePage
__all__ = ["Page", "PrioritisePage"]
