"""Colours that follow the system's light or dark palette.

Views tint cells and draw marks in fixed colours chosen on a light background. Passed
through ``tint`` (backgrounds) and ``ink`` (text and lines), they stay readable when the
desktop uses a dark palette, and are unchanged in a light one.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette


def _palette() -> QPalette:
    return QGuiApplication.palette()


def is_dark(palette: QPalette | None = None) -> bool:
    """Return whether the palette draws light text on a dark background."""
    palette = palette or _palette()
    return palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5


def tint(colour: str | QColor, palette: QPalette | None = None) -> QColor:
    """Return a background tint designed for a light palette, adapted to the current one."""
    palette = palette or _palette()
    wanted = QColor(colour)
    if not is_dark(palette):
        return wanted
    # -- keep the hue, sink it into the dark base so the palette's light text stays readable
    base = palette.color(QPalette.ColorRole.Base)
    share = 0.32
    return QColor.fromRgbF(
        base.redF() * (1 - share) + wanted.redF() * share,
        base.greenF() * (1 - share) + wanted.greenF() * share,
        base.blueF() * (1 - share) + wanted.blueF() * share,
    )


def ink(colour: str | QColor, palette: QPalette | None = None) -> QColor:
    """Return a text or line colour designed for a light palette, adapted to the current one."""
    palette = palette or _palette()
    wanted = QColor(colour)
    if not is_dark(palette) or wanted.lightnessF() >= 0.5:
        return wanted
    # -- mirror the lightness: dark ink on white becomes light ink on near-black
    return QColor.fromHslF(max(wanted.hslHueF(), 0.0), wanted.hslSaturationF(),
                           1.0 - wanted.lightnessF(), wanted.alphaF())


def contrast(first: QColor, second: QColor) -> float:
    """Return the WCAG contrast ratio of two colours (1 to 21)."""

    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

        return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
                + 0.0722 * channel(colour.blueF()))

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
