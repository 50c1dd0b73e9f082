"""BIG Desk's own icon, for the windows, the task bar and the About box."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from bigdesk import paths


def app_icon() -> QIcon:
    """Return BIG Desk's icon, drawn from its SVG source at any size."""
    return QIcon(str(paths.resource("icons", "bigdesk.svg")))
