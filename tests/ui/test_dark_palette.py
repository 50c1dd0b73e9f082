"""With a dark system palette every step of the sample stays readable."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import QAbstractItemView, QApplication

from bigdesk.domain.steps import STEPS

from bigdesk.ui.main_window import MainWindow
from bigdesk.ui.palette import contrast, ink, is_dark, tint

# -- WCAG's minimum for large text and interface parts; cell text in a tint must reach it
MINIMUM_CONTRAST = 3.0
ROWS_CHECKED = 60


def dark_palette() -> QPalette:
    """Return a dark palette like a desktop's dark mode (Fusion's dark colours)."""
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#2b2b2b", QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1e1e1e", QPalette.ColorRole.AlternateBase: "#262626",
        QPalette.ColorRole.Text: "#e6e6e6", QPalette.ColorRole.Button: "#353535",
        QPalette.ColorRole.ButtonText: "#e6e6e6", QPalette.ColorRole.Highlight: "#3d6fb4",
        QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.ToolTipBase: "#353535",
        QPalette.ColorRole.ToolTipText: "#e6e6e6", QPalette.ColorRole.PlaceholderText: "#8c8c8c",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    return palette


@pytest.fixture
def dark(qapp: QApplication) -> Iterator[QPalette]:
    """Switch the application to a dark palette for one test."""
    before = qapp.palette()
    qapp.setPalette(dark_palette())
    yield qapp.palette()
    qapp.setPalette(before)


def _colour(value: Any) -> QColor | None:
    if isinstance(value, QBrush):
        return value.color()
    if isinstance(value, QColor):
        return value
    if isinstance(value, Qt.GlobalColor):
        return QColor(value)
    return None


def _columns(model: Any, parent: QModelIndex) -> int:
    try:
        return int(model.columnCount(parent))
    except TypeError:  # -- list models hide columnCount: they have one column
        return 1


def _unreadable_cells(view: QAbstractItemView, palette: QPalette) -> list[str]:
    model = view.model()
    if model is None:
        return []
    found = []

    def walk(parent: QModelIndex, depth: int) -> None:
        for row in range(min(model.rowCount(parent), ROWS_CHECKED)):
            for column in range(_columns(model, parent)):
                index = model.index(row, column, parent)
                text = model.data(index, Qt.ItemDataRole.DisplayRole)
                background = _colour(model.data(index, Qt.ItemDataRole.BackgroundRole))
                foreground = _colour(model.data(index, Qt.ItemDataRole.ForegroundRole))
                if text in (None, "") or (background is None and foreground is None):
                    continue
                back = background or palette.color(QPalette.ColorRole.Base)
                fore = foreground or palette.color(QPalette.ColorRole.Text)
                ratio = contrast(back, fore)
                if ratio < MINIMUM_CONTRAST:
                    found.append(f"{type(model).__name__} ({row}, {column}) {str(text)[:20]!r}: "
                                 f"{fore.name()} on {back.name()} = {ratio:.1f}")
            if depth < 2 and model.rowCount(model.index(row, 0, parent)) > 0:
                walk(model.index(row, 0, parent), depth + 1)

    walk(QModelIndex(), 0)
    return found


def test_every_step_of_the_sample_is_readable_in_a_dark_palette(
    dark: QPalette, window: MainWindow, sample_path: Any, qtbot: Any,
) -> None:
    assert window.open_path(sample_path)
    workspace = window.workspace
    assert workspace is not None
    problems: dict[str, list[str]] = {}
    for row, step in enumerate(STEPS):
        workspace.steps.setCurrentRow(row)
        qtbot.wait(1)
        for view in workspace.current_page().findChildren(QAbstractItemView):
            unreadable = _unreadable_cells(view, dark)
            if unreadable:
                problems.setdefault(step.key, []).extend(unreadable[:3])
    assert not problems, "\n".join(f"{key}: {line}" for key, lines in problems.items()
                                    for line in lines)


def test_tints_and_inks_keep_their_colour_in_light_and_adapt_in_dark(dark: QPalette) -> None:
    light = QPalette(QColor("#efefef"))
    assert not is_dark(light) and is_dark(dark)
    assert tint("#fbf1c7", light) == QColor("#fbf1c7")
    assert ink("#1b1b1b", light) == QColor("#1b1b1b")
    text = dark.color(QPalette.ColorRole.Text)
    assert contrast(tint("#fbf1c7", dark), text) >= 4.5
    assert contrast(ink("#1b1b1b", dark), dark.color(QPalette.ColorRole.Base)) >= 4.5
    assert ink("#ffb000", dark) == QColor("#ffb000")  # -- already light: left alone
