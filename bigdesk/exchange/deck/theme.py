"""The house colours of the deck, shared with the assessment and prioritisation charts."""

from __future__ import annotations

from bigdesk.exchange.figures_assessment import CURRENT_COLOUR, TARGET_COLOUR
from bigdesk.exchange.figures_prioritisation import LEFT_OUT_COLOUR, SELECTED_COLOUR

# -- theme slots of the shipped template; a corporate template brings its own
PALETTE = {
    "dk2": "1F2A44",
    "lt2": "EEF1F6",
    "accent1": CURRENT_COLOUR.lstrip("#").upper(),
    "accent2": TARGET_COLOUR.lstrip("#").upper(),
    "accent3": "5B9A68",
    "accent4": "B04A5A",
    "accent5": "7D6AB0",
    "accent6": "3E9BB0",
}

# -- what each kind of box in the diagrams is filled with: a theme slot, so a
#    corporate template recolours the diagrams along with everything else
BOX_STYLES = {
    "purpose": "tx2",
    "objective": "accent1",
    "key_result": "accent6",
    "initiative": "accent3",
    "enabler": "accent2",
    "node": "accent1",
    "governance": "tx2",
    "more": "bg2",
    "quarter": "tx2",
}
SELECTED = SELECTED_COLOUR
WAITING = LEFT_OUT_COLOUR


def theme_colour(slot: str) -> object:
    """Return python-pptx's theme colour for a slot name such as "accent1" or "tx2"."""
    from pptx.enum.dml import MSO_THEME_COLOR

    names = {"tx1": "TEXT_1", "tx2": "TEXT_2", "bg1": "BACKGROUND_1", "bg2": "BACKGROUND_2"}
    return getattr(MSO_THEME_COLOR, names.get(slot) or f"ACCENT_{slot[-1]}")
