"""The deck's colours, named by what they mean: each colour means one thing on every slide.

Colours are written as RGB, not as a template's theme slots, so a corporate
template cannot make two meanings look alike. Text and rules use the ink
colours; everything that carries data uses exactly one of the colours below.
"""

from __future__ import annotations

# -- text, captions, lines and the quiet fills behind them
INK = "1F2A44"
MUTED = "5A6478"
RULE = "8A94A6"
TINT = "EEF1F6"
PAPER = "FFFFFF"

# -- the assessment: where the business stands today and where it must be
CURRENT = "3F7CAC"
TARGET = "E08E2B"
# -- a choice: in the portfolio, or in scope now; and what waits for later
CHOSEN = "2E8B57"
WAITS = "B8BFCA"
# -- the class of work
RUN = "8E6C4A"
GROW = "D4B106"
TRANSFORM = "8E44AD"
# -- the cascade, from why to what
PURPOSE = "22315A"
VISION = "3C4F76"
OBJECTIVE = "2D5F9A"
KEY_RESULT = "17808A"
INITIATIVE = "5E7F3A"
ENABLER = "B5472F"
# -- accountability: a node, and a body that governs
NODE = "4A5568"
GOVERNANCE = "6B2F5B"
# -- something the reader must look at: views that differ, a need nobody meets
ALERT = "C0392B"

# -- the current level 1 to 5 in the heat map: light to dark steps of the current colour
LEVELS = ("E3EDF6", "C3D7EA", "93B6D7", "5F8FBE", "2F6296")

# -- fills whose text is dark; every other fill carries white text
LIGHT_FILLS = frozenset({TINT, PAPER, WAITS, GROW, *LEVELS[:3]})

MEANINGS = {
    "current": CURRENT, "target": TARGET, "chosen": CHOSEN, "waits": WAITS, "run": RUN,
    "grow": GROW, "transform": TRANSFORM, "purpose": PURPOSE, "vision": VISION,
    "objective": OBJECTIVE, "key result": KEY_RESULT, "initiative": INITIATIVE,
    "enabler": ENABLER, "node": NODE, "governance": GOVERNANCE, "alert": ALERT,
}  # fmt: skip


def text_on(fill: str) -> str:
    """Return the text colour readable on ``fill``."""
    return INK if fill in LIGHT_FILLS else PAPER
