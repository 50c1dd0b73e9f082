"""Every interactive widget on every step of the sample workshop can be named by a screen reader."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QTabBar,
    QTabWidget,
    QWidget,
)

from bigdesk.domain.steps import STEPS

from bigdesk.ui.main_window import MainWindow


def _spoken_name(widget: QWidget) -> str:
    """Return what assistive technology would announce for the widget."""
    if widget.accessibleName():
        return widget.accessibleName()
    if isinstance(widget, QAbstractButton):
        return widget.text().replace("&", "").strip() or widget.toolTip()
    if isinstance(widget, QLineEdit):
        return widget.placeholderText()
    return ""


def _unnamed(root: QWidget) -> list[str]:
    found = []
    for widget in root.findChildren(QWidget):
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isEnabledTo(root):
            continue
        # -- the line edit inside a combo box or spin box, and a view's viewport, speak
        #    through their owner; a tab bar is announced by its tabs' texts
        parent = widget.parentWidget()
        if isinstance(parent, QComboBox | QAbstractSpinBox):
            continue
        if isinstance(parent, QAbstractScrollArea) and widget is parent.viewport():
            continue
        if parent is not None and parent.metaObject().className() == "QComboBoxPrivateContainer":
            continue
        tabs = widget.tabBar() if isinstance(widget, QTabWidget) else widget
        if isinstance(tabs, QTabBar) and all(tabs.tabText(i).strip() for i in range(tabs.count())):
            continue
        if not _spoken_name(widget):
            found.append(f"{type(widget).__name__} {widget.objectName() or ''} in "
                         f"{type(parent).__name__ if parent else '-'}".strip())
    return found


def test_every_focusable_widget_on_every_step_has_a_name(
    window: MainWindow, sample_path: Any, qtbot: Any,
) -> None:
    assert window.open_path(sample_path)
    workspace = window.workspace
    assert workspace is not None
    problems = {}
    for row, step in enumerate(STEPS):
        workspace.steps.setCurrentRow(row)
        qtbot.wait(1)
        page = workspace.current_page()
        unnamed = _unnamed(page)
        if unnamed:
            problems[step.key] = sorted(set(unnamed))
    assert problems == {}


def test_welcome_screen_and_window_chrome_are_named(window: MainWindow) -> None:
    assert _unnamed(window.welcome) == []
    assert window.workspace is None
