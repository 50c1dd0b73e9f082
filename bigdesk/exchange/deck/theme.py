"""The house template's theme: its colour slots, filled from the deck's palette."""

from __future__ import annotations

from bigdesk.exchange.deck import palette

# -- theme slots of the shipped template; a corporate template brings its own, and the deck
#    draws its data in the palette's colours on any of them
PALETTE = {
    "dk2": palette.INK,
    "lt2": palette.TINT,
    "accent1": palette.OBJECTIVE,
    "accent2": palette.TARGET,
    "accent3": palette.CHOSEN,
    "accent4": palette.ALERT,
    "accent5": palette.TRANSFORM,
    "accent6": palette.KEY_RESULT,
}


def theme_colour(slot: str) -> object:
    """Return python-pptx's theme colour for a slot name such as "accent1" or "tx2"."""
    from pptx.enum.dml import MSO_THEME_COLOR

    names = {"tx1": "TEXT_1", "tx2": "TEXT_2", "bg1": "BACKGROUND_1", "bg2": "BACKGROUND_2"}
    return getattr(MSO_THEME_COLOR, names.get(slot) or f"ACCENT_{slot[-1]}")
