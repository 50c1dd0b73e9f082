"""The Review step: what moved since the session this one follows."""

from bigdesk.ui.steps.review.page import ReviewPage

Page = ReviewPage
__all__ = ["Page", "ReviewPage"]
