"""The line under a form or a dialog that says why what was typed was refused."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from bigdesk.ui.palette import ink

ERROR_COLOUR = "#b3261e"


def refusal_label(parent: QWidget) -> QLabel:
    """Return a hidden, wrapping label in the error colour, for a refusal's message."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {ink(ERROR_COLOUR).name()};")
    label.hide()
    return label
