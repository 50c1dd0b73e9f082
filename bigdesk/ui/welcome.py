"""The welcome screen shown when no workshop is open."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bigdesk import APP_NAME


class WelcomePage(QWidget):
    """Start here: a new workshop, an existing one, a recent one, or the sample.

    Recent workshops that follow one another are listed as a chain: each follow-up
    session, then the sessions before it.
    """

    new_requested = Signal()
    template_requested = Signal()
    open_requested = Signal()
    sample_requested = Signal()
    recent_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(APP_NAME, self)
        title.setObjectName("welcomeTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        title.setFont(font)
        intro = QLabel(
            self.tr(
                "BIG Desk guides a strategy-delivery workshop from preparation and a "
                "current-state assessment to objectives, accountability and priorities. "
                "Everything is saved as you go in one workshop file, and the session ends "
                "with a First Steps deck the executives can edit."
            ),
            self,
        )
        intro.setWordWrap(True)
        intro.setMaximumWidth(640)

        buttons = QHBoxLayout()
        for label, signal in (
            (self.tr("New workshop…"), self.new_requested),
            (self.tr("New from template…"), self.template_requested),
            (self.tr("Open…"), self.open_requested),
            (self.tr("Open the sample workshop"), self.sample_requested),
        ):
            button = QPushButton(label, self)
            button.setAccessibleName(label.rstrip("…"))
            button.clicked.connect(signal.emit)
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.recent_label = QLabel(self.tr("Recent workshops"), self)
        self.recent = QListWidget(self)
        self.recent.setAccessibleName(self.tr("Recent workshops"))
        self.recent.setMaximumWidth(640)
        self.recent.itemActivated.connect(
            lambda item: self.recent_requested.emit(item.data(Qt.ItemDataRole.UserRole))
        )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addSpacing(16)
        layout.addLayout(buttons)
        layout.addSpacing(24)
        layout.addWidget(self.recent_label)
        layout.addWidget(self.recent, 1)

    def show_recent(self, paths: list[str]) -> None:
        """List the recent workshops, newest first, each followed by the sessions it follows."""
        from bigdesk.store.chain import chains

        self.recent.clear()
        for chain in chains(paths):
            for depth, path in enumerate(chain):
                text = f"{Path(path).stem}    —    {path}"
                if depth:
                    text = "      " * depth + self.tr("↳ follows %s") % text
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, path)
                item.setToolTip(path if not depth else self.tr(
                    "An earlier session of this chain: %s") % path)
                self.recent.addItem(item)
        self.recent_label.setVisible(bool(paths))
        self.recent.setVisible(bool(paths))
