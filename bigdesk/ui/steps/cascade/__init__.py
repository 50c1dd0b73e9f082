"""The Map and Accountability steps: the strategy cascade and the nodes that own it."""

from bigdesk.ui.steps.cascade.accountability import AccountabilityPage
from bigdesk.ui.steps.cascade.page import MapPage

__all__ = ["AccountabilityPage", "MapPage"]
