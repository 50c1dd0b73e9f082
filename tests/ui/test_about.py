"""The About box: version, BIG Desk's licence and every shipped library with its licence."""

from __future__ import annotations

from typing import Any

import pytest

from PySide6.QtWidgets import QDialog, QLabel

from bigdesk import __version__
from bigdesk.licences import BUNDLED_ASSETS, runtime_distributions

from bigdesk.ui.about import AboutDialog
from bigdesk.ui.main_window import MainWindow


def test_help_menu_opens_the_about_box(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[AboutDialog] = []

    def record(dialog: AboutDialog) -> int:
        shown.append(dialog)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(AboutDialog, "exec", record)
    (help_menu,) = [a.menu() for a in window.menuBar().actions() if a.text() == "&Help"]
    (about,) = [a for a in help_menu.actions() if "About" in a.text()]
    about.trigger()
    assert len(shown) == 1


def test_about_box_shows_the_version_and_the_mit_licence(qtbot: Any) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    text = dialog.findChild(QLabel, "aboutText")
    assert f"Version {__version__}" in text.text()
    assert "MIT licence" in text.text()
    assert dialog.own_licence.toPlainText().startswith("MIT License")


def test_every_shipped_library_is_listed_with_its_licence_text(qtbot: Any) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    listed = [dialog.components.item(row).text() for row in range(dialog.components.count())]
    names = {entry.split()[0].lower().replace("_", "-") for entry in listed}
    for required in ("python", "pyside6-essentials", "sqlalchemy", "matplotlib", "python-pptx"):
        assert required in names
    # -- plus Python itself, the typeface and the icons
    assert len(listed) == len(runtime_distributions()) + 1 + len(BUNDLED_ASSETS)
    for row in range(dialog.components.count()):
        dialog.components.setCurrentRow(row)
        shown = dialog.component_licence.toPlainText()
        assert "ships no licence text" not in shown, listed[row]
        assert len(shown) > 200, listed[row]
    # -- Qt for Python ships no licence file: the LGPL text that covers it is shown
    pyside = next(row for row, entry in enumerate(listed) if entry.startswith("PySide6"))
    dialog.components.setCurrentRow(pyside)
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in dialog.component_licence.toPlainText()



def test_about_box_shows_the_typeface_licence(qtbot: Any) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert "SIL Open Font Licence" in dialog.findChild(QLabel, "aboutText").text()
    assert "SIL Open Font License, Version 1.1" in dialog.font_licence.toPlainText()
    names = [dialog.components.item(n).text() for n in range(dialog.components.count())]
    assert any(name.startswith("Inter typeface") for name in names)
    assert any(name.startswith("Bootstrap Icons") for name in names)
