"""The Accountability step: the node tree, what each node owns, flows and node dependencies."""

from bigdesk.ui.steps.accountability.page import AccountabilityPage

Page = AccountabilityPage
__all__ = ["AccountabilityPage", "Page"]
