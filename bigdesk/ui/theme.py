"""BIG Desk's look: the Inter typeface, the deck's palette, and light or dark as the system is.

The window's colours come from the same palette as the deck (``exchange/deck/palette.py``),
so the app and what it exports look like one product. Every text colour meets 4.5:1 on
the background it is drawn on, in both schemes (``TEXT_PAIRS``, checked by a test).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from bigdesk import paths
from bigdesk.exchange.deck import palette

FAMILY = "Inter"
FONT_FILES = ("Inter-Regular.otf", "Inter-Bold.otf", "Inter-Italic.otf")
Role = QPalette.ColorRole

# -- the light scheme: the deck's ink on its paper, the objective's blue for what is chosen
LIGHT = {
    Role.Window: "EEF1F6", Role.WindowText: palette.INK, Role.Base: palette.PAPER,
    Role.AlternateBase: "F5F7FA", Role.Text: palette.INK, Role.Button: "E1E6EE",
    Role.ButtonText: palette.INK, Role.Highlight: palette.OBJECTIVE,
    Role.HighlightedText: palette.PAPER, Role.ToolTipBase: palette.INK,
    Role.ToolTipText: palette.PAPER, Role.PlaceholderText: palette.MUTED,
    Role.Link: palette.OBJECTIVE, Role.LinkVisited: palette.VISION, Role.BrightText: palette.PAPER,
    Role.Mid: palette.RULE, Role.Midlight: "D4DAE4", Role.Dark: "8A94A6", Role.Shadow: "5A6478",
    Role.Light: palette.PAPER,
}  # fmt: skip
# -- the dark scheme: the same hues, light on a deep ink
DARK = {
    Role.Window: "1A2030", Role.WindowText: "E8ECF3", Role.Base: "121826",
    Role.AlternateBase: "182033", Role.Text: "E8ECF3", Role.Button: "2A3349",
    Role.ButtonText: "E8ECF3", Role.Highlight: "8DB4EA", Role.HighlightedText: "0B1020",
    Role.ToolTipBase: "E8ECF3", Role.ToolTipText: "121826", Role.PlaceholderText: "A3AEC2",
    Role.Link: "8DB4EA", Role.LinkVisited: "C3B1E1", Role.BrightText: "FFFFFF",
    Role.Mid: "4A5568", Role.Midlight: "343E57", Role.Dark: "0B1020", Role.Shadow: "000000",
    Role.Light: "3A4560",
}  # fmt: skip
# -- each text role and the background it is drawn on
TEXT_PAIRS = (
    (Role.WindowText, Role.Window), (Role.Text, Role.Base), (Role.Text, Role.AlternateBase),
    (Role.ButtonText, Role.Button), (Role.HighlightedText, Role.Highlight),
    (Role.ToolTipText, Role.ToolTipBase), (Role.PlaceholderText, Role.Base),
    (Role.Link, Role.Base), (Role.LinkVisited, Role.Base), (Role.WindowText, Role.Button),
)  # fmt: skip
# -- icons are drawn in one slate that reads on either scheme's window (3:1 for shapes)
ICON_COLOUR = "6B7A93"


def scheme_colours(dark: bool) -> dict[QPalette.ColorRole, str]:
    """Return the colour of every palette role, for the dark or the light scheme."""
    return DARK if dark else LIGHT


def build_palette(dark: bool) -> QPalette:
    """Return the window palette of one scheme, the same in every colour group."""
    built = QPalette()
    for role, colour in scheme_colours(dark).items():
        built.setColor(role, QColor(f"#{colour}"))
    # -- disabled text is quieter, yet still readable (the placeholder's colour)
    quiet = QColor(f"#{scheme_colours(dark)[Role.PlaceholderText]}")
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        built.setColor(QPalette.ColorGroup.Disabled, role, quiet)
    return built


def system_is_dark() -> bool:
    """Return whether the operating system asks for dark colours."""
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def load_fonts() -> str:
    """Register the bundled Inter faces; return the family to use (the system's if they fail)."""
    families: set[str] = set()
    for name in FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(paths.resource("fonts", name)))
        if font_id >= 0:
            families.update(QFontDatabase.applicationFontFamilies(font_id))
    return FAMILY if FAMILY in families else QApplication.font().family()


def apply_theme(app: QApplication, dark: bool | None = None) -> None:
    """Give ``app`` BIG Desk's typeface and palette, following the system's scheme."""
    app.setStyle("Fusion")
    font = QFont(app.font())
    font.setFamily(load_fonts())
    app.setFont(font)
    app.setPalette(build_palette(system_is_dark() if dark is None else dark))


def follow_system(app: QApplication) -> None:
    """Switch between light and dark whenever the operating system does."""
    app.styleHints().colorSchemeChanged.connect(
        lambda scheme: app.setPalette(build_palette(scheme == Qt.ColorScheme.Dark))
    )
