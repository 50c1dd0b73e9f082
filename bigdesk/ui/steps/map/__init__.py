"""The Map step: purposes to initiatives as an outline, a map and their dependencies."""

from bigdesk.ui.steps.map.page import MapPage

Page = MapPage
__all__ = ["MapPage", "Page"]
