"""The About box: version, BIG Desk's licence and the licences of everything it ships."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from bigdesk import APP_NAME, __version__

from bigdesk.ui.icon import app_icon

if TYPE_CHECKING:
    from bigdesk.licences import Licence


def _licence_view(parent: QWidget, name: str) -> QPlainTextEdit:
    view = QPlainTextEdit(parent)
    view.setReadOnly(True)
    view.setAccessibleName(name)
    # -- licence texts are laid out for a fixed-width font
    view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
    return view


class AboutDialog(QDialog):
    """Version and licences, with the full text of every licence one click away."""

    def __init__(self, parent: QWidget | None = None) -> None:
        # -- read only when asked for: importlib.metadata is not needed at start-up
        from bigdesk.licences import bundled_assets, own_licence

        super().__init__(parent)
        self.setWindowTitle(self.tr("About %s") % APP_NAME)
        self.resize(700, 480)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("About"))
        self.tabs.addTab(self._summary(), self.tr("BIG Desk"))
        self.own_licence = _licence_view(self, self.tr("BIG Desk licence"))
        self.own_licence.setPlainText(own_licence())
        self.tabs.addTab(self.own_licence, self.tr("Licence"))
        self.font_licence = _licence_view(self, self.tr("Typeface licence"))
        self.font_licence.setPlainText(bundled_assets()[0].text)
        self.tabs.addTab(self.font_licence, self.tr("Typeface licence"))
        self.tabs.addTab(self._third_party(), self.tr("Third-party licences"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(self.tr("Close"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)

    def _summary(self) -> QWidget:
        page = QWidget(self)
        icon = QLabel(page)
        icon.setPixmap(app_icon().pixmap(QSize(96, 96), self.devicePixelRatioF()))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        text = QLabel(page)
        text.setObjectName("aboutText")
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text.setText(
            self.tr(
                "<h2>%1</h2><p>Version %2</p>"
                "<p>Run Business Integrated Governance workshops, from preparation and a "
                "current-state assessment to objectives, accountability and priorities, and "
                "write the First Steps deck.</p>"
                "<p>Your workshops stay on this computer: BIG Desk never connects to a "
                "network.</p>"
                "<p>BIG Desk is free software under the MIT licence. It is built on Python, "
                "Qt for Python and the other libraries listed under Third-party licences, "
                "each under its own licence.</p>"
                "<p>Its typeface is Inter, under the SIL Open Font Licence 1.1 (the "
                "Typeface licence tab), and its icons are Bootstrap Icons, under the MIT "
                "licence.</p>"
            )
            .replace("%1", APP_NAME)
            .replace("%2", __version__)
        )
        layout = QHBoxLayout(page)
        layout.addWidget(icon)
        layout.addWidget(text, 1)
        layout.setAlignment(text, Qt.AlignmentFlag.AlignTop)
        return page

    def _third_party(self) -> QWidget:
        from bigdesk.licences import third_party_licences

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.components = QListWidget(splitter)
        self.components.setAccessibleName(self.tr("Shipped components"))
        self.component_licence = _licence_view(splitter, self.tr("Licence text"))
        self.licences = third_party_licences()
        for licence in self.licences:
            item = QListWidgetItem(f"{licence.name} {licence.version}")
            item.setToolTip(licence.licence)
            self.components.addItem(item)
        self.components.currentRowChanged.connect(self._show_licence)
        splitter.addWidget(self.components)
        splitter.addWidget(self.component_licence)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([220, 520])
        self.components.setCurrentRow(0)
        return splitter

    def _show_licence(self, row: int) -> None:
        if not 0 <= row < len(self.licences):
            self.component_licence.clear()
            return
        licence: Licence = self.licences[row]
        heading = self.tr("%1 %2, licence: %3")
        heading = (heading.replace("%1", licence.name).replace("%2", licence.version)
                   .replace("%3", licence.licence or self.tr("not stated")))
        body = licence.text or self.tr("The package ships no licence text.")
        self.component_licence.setPlainText(f"{heading}\n\n{body}")
