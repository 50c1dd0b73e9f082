"""Checks of a figure drawn for the projector."""

from __future__ import annotations

from typing import Any

# -- chart labels on the presenter screen are at least this many pixels high
SMALLEST_PX = 20.0


def small_texts(figure: Any) -> list[str]:
    """Return each visible text of ``figure`` drawn under ``SMALLEST_PX`` pixels."""
    from matplotlib.text import Text

    return [f"{text.get_text()!r} at {text.get_fontsize() * figure.dpi / 72:.1f} px"
            for text in figure.findobj(Text)
            if text.get_visible() and text.get_text().strip()
            and text.get_fontsize() * figure.dpi / 72 < SMALLEST_PX]
