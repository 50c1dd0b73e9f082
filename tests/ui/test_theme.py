"""BIG Desk's look: one palette with the deck, Inter, light and dark, and text that reads."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QFontInfo
from PySide6.QtWidgets import QApplication

from bigdesk.domain.steps import STEP_KEYS
from bigdesk.exchange.deck import palette

from bigdesk.ui import theme
from bigdesk.ui.icon import STEP_ICONS, icon
from bigdesk.ui.steps.room.presenter import PHASE_COLOURS, style_sheet

OKABE_ITO = {"E69F00", "56B4E9", "009E73", "F0E442", "0072B2", "D55E00", "CC79A7", "000000"}


def test_every_text_reads_on_its_background_in_both_schemes() -> None:
    failing = []
    for dark in (False, True):
        colours = theme.scheme_colours(dark)
        for text, background in theme.TEXT_PAIRS:
            ratio = palette.contrast(colours[text], colours[background])
            if ratio < palette.TEXT_CONTRAST:
                failing.append(f"{'dark' if dark else 'light'} {text.name} on "
                               f"{background.name}: {ratio:.2f}")
    # -- the deck's and the charts' fills, each with the text it carries
    for name, fill in [*palette.MEANINGS.items(), *(("level", f) for f in palette.LEVELS),
                       ("tint", palette.TINT), ("paper", palette.PAPER)]:
        ratio = palette.contrast(palette.text_on(fill), fill)
        if ratio < palette.TEXT_CONTRAST:
            failing.append(f"text on {name} ({fill}): {ratio:.2f}")
    # -- the presenter screen's words on its paper, the timer in each of its phases
    quiet = [palette.INK, palette.MUTED, palette.OBJECTIVE]
    for colour in quiet + [c.lstrip("#") for c in PHASE_COLOURS.values()]:
        ratio = palette.contrast(colour, palette.PAPER)
        if ratio < palette.TEXT_CONTRAST:
            failing.append(f"presenter {colour} on paper: {ratio:.2f}")
    for colour in (palette.INK, palette.MUTED):
        if palette.contrast(colour, palette.TINT) < palette.TEXT_CONTRAST:
            failing.append(f"{colour} on the tint")
    assert failing == []


def test_the_presenter_style_uses_only_the_palette() -> None:
    sheet = style_sheet(1.0).upper()
    used = {part[:6] for part in sheet.split("#")[1:] if all(c in "0123456789ABCDEF"
                                                               for c in part[:6])}
    assert used <= {palette.PAPER, palette.INK, palette.MUTED, palette.OBJECTIVE, "000000"}


def test_categories_are_okabe_ito_and_each_colour_means_one_thing() -> None:
    for colour in (palette.CURRENT, palette.TARGET, palette.CHOSEN, palette.RUN,
                   palette.GROW, palette.TRANSFORM, palette.ALERT):
        assert colour in OKABE_ITO
    assert len(set(palette.MEANINGS.values())) == len(palette.MEANINGS)


def test_contrast_is_wcags_ratio() -> None:
    assert palette.contrast("000000", "FFFFFF") == pytest.approx(21.0)
    assert palette.contrast("777777", "777777") == pytest.approx(1.0)
    assert palette.contrast("767676", "FFFFFF") == pytest.approx(4.54, abs=0.01)


def test_the_app_uses_inter_and_the_scheme_of_the_system(qapp: QApplication) -> None:
    before, font = qapp.palette(), qapp.font()
    try:
        # -- as make_application does (another suite may have made the application first)
        theme.apply_theme(qapp)
        theme.follow_system(qapp)
        assert "Inter" in QFontDatabase.families()
        assert QFontInfo(qapp.font()).family() == "Inter"
        for dark, window in ((True, theme.DARK), (False, theme.LIGHT)):
            theme.apply_theme(qapp, dark=dark)
            shown = qapp.palette().color(theme.Role.Window).name().lstrip("#").upper()
            assert shown == window[theme.Role.Window]
        # -- the system switching to dark switches the app
        qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
        assert qapp.palette().color(theme.Role.Base).name().upper() == \
            f"#{theme.DARK[theme.Role.Base]}"
    finally:
        qapp.setPalette(before)
        qapp.setFont(font)


def test_every_step_has_an_icon_from_the_one_set() -> None:
    assert set(STEP_ICONS) == set(STEP_KEYS)
    for name in STEP_ICONS.values():
        made = icon(name)
        assert not made.isNull() and not made.pixmap(24).toImage().isNull()
