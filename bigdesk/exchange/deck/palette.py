"""BIG Desk's colours, named by what they mean: one palette for the deck, the app and the projector.

Each colour means one thing on every slide and screen. Colours are written as RGB,
not as a template's theme slots, so a corporate template cannot make two meanings
look alike. Text and rules use the ink colours; everything that carries data uses
exactly one of the colours below. Categories the eye must tell apart (current and
target, chosen, Run, Grow and Transform, alerts) take the Okabe–Ito colours, which
stay distinct for the colour-blind and on a washed-out projector; text on any fill
is whichever of ink, white or black reads best, and at least 4.5:1 (a test checks).
"""

from __future__ import annotations

# -- text, captions, lines and the quiet fills behind them
INK = "1F2A44"
MUTED = "5A6478"
RULE = "8A94A6"
TINT = "EEF1F6"
PAPER = "FFFFFF"

# -- the assessment: where the business stands today and where it must be (Okabe–Ito
#    blue and orange)
CURRENT = "0072B2"
TARGET = "E69F00"
# -- a choice: in the portfolio, or in scope now (Okabe–Ito bluish green); and what
#    waits for later
CHOSEN = "009E73"
WAITS = "B8BFCA"
# -- the class of work (Okabe–Ito sky blue, yellow and reddish purple)
RUN = "56B4E9"
GROW = "F0E442"
TRANSFORM = "CC79A7"
# -- the cascade, from why to what
PURPOSE = "22315A"
VISION = "3C4F76"
DRIVER = "A0522D"
OBJECTIVE = "2D5F9A"
KEY_RESULT = "17808A"
INITIATIVE = "5E7F3A"
ENABLER = "B5472F"
# -- accountability: a node, and a body that governs
NODE = "4A5568"
GOVERNANCE = "6B2F5B"
# -- something the reader must look at: views that differ, a need nobody meets
#    (Okabe–Ito vermillion)
ALERT = "D55E00"
BLACK = "000000"
# -- warnings written as text on paper (a projector's timer running out): the amber and
#    vermillion darkened until they read at 4.5:1 on white
WARNING_INK = "995500"
ALERT_INK = "B3261E"

# -- the current level 1 to 5 in the heat map: light to dark steps of the current colour
LEVELS = ("E3EDF6", "C3D7EA", "93B6D7", "5F8FBE", "2F6296")

# -- colours for categories with no meaning of their own (criteria, say), in order: the
#    Okabe–Ito set, with the muted slate in place of its black
CATEGORIES = ("0072B2", "E69F00", "009E73", "D55E00", "CC79A7", "56B4E9", "F0E442", MUTED)

# -- WCAG's minimum for body text, met by every text on every background here
TEXT_CONTRAST = 4.5

MEANINGS = {
    "current": CURRENT, "target": TARGET, "chosen": CHOSEN, "waits": WAITS, "run": RUN,
    "grow": GROW, "transform": TRANSFORM, "purpose": PURPOSE, "vision": VISION,
    "driver": DRIVER, "objective": OBJECTIVE, "key result": KEY_RESULT, "initiative": INITIATIVE,
    "enabler": ENABLER, "node": NODE, "governance": GOVERNANCE, "alert": ALERT,
}  # fmt: skip


def luminance(colour: str) -> float:
    """Return the relative luminance of an RGB colour written as six hex digits (WCAG 2)."""

    def channel(value: int) -> float:
        share = value / 255
        return share / 12.92 if share <= 0.04045 else ((share + 0.055) / 1.055) ** 2.4

    red, green, blue = (int(colour[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(first: str, second: str) -> float:
    """Return the WCAG contrast ratio of two RGB colours (1 to 21)."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_on(fill: str) -> str:
    """Return the text colour readable on ``fill``: ink or white when either reaches 4.5:1."""
    for colour in (PAPER, INK):
        if contrast(colour, fill) >= TEXT_CONTRAST:
            return colour
    return max((PAPER, BLACK), key=lambda colour: contrast(colour, fill))
