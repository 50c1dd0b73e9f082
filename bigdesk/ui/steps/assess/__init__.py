"""The Assess step: score capability with the room, see disagreement and gaps."""

from bigdesk.ui.steps.assess.page import AssessPage

Page = AssessPage
__all__ = ["AssessPage", "Page"]
