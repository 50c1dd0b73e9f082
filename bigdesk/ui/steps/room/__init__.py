"""The Run session step: the facilitator's console, the presenter screen, capture and RAID."""

from bigdesk.ui.steps.room.console import RoomPage

Page = RoomPage
__all__ = ["Page", "RoomPage"]
