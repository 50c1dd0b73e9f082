"""The Prepare step: workshop details, participants and stakeholders, agenda and notes."""

from bigdesk.ui.steps.prepare.page import PreparePage

Page = PreparePage
__all__ = ["Page", "PreparePage"]
