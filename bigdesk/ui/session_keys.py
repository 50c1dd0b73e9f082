"""Keyboard shortcuts of the session commands, shared by the menu and the console."""

PRESENTER_KEYS = "F5"
QUICK_CAPTURE_KEYS = "Ctrl+K"
