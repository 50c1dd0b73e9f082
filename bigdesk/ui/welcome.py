"""The welcome screen shown when no workshop is open."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from bigdesk import APP_NAME
from bigdesk.analysis.progress import StepState
from bigdesk.app.recent import RecentWorkshop, recent_entry
from bigdesk.exchange.templates import Template, available_templates, step_titles

from bigdesk.ui.step_list import STATE_WORDS

PATH_ROLE = Qt.ItemDataRole.UserRole
CARD_COLUMNS = 2


def _label(text: str, parent: QWidget, name: str = "") -> QLabel:
    label = QLabel(text, parent)
    # -- plain text only: names and descriptions come from files anyone may have written
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


def _scaled(label: QLabel, factor: float, bold: bool = True) -> QLabel:
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    label.setFont(font)
    return label


def _heading(text: str, parent: QWidget) -> QLabel:
    heading = _scaled(_label(text, parent), 1.2)
    heading.setWordWrap(False)
    return heading


def duration_words(minutes: int) -> str:
    """Return a length of time as the welcome screen says it ("2 h 40 min")."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def recent_words(recent: RecentWorkshop) -> str:
    """Return the second line a recent workshop shows: client, date and how far it got."""
    if recent.problem:
        return recent.problem
    parts = [recent.client] if recent.client else []
    if recent.session_date is not None:
        parts.append(f"{recent.session_date.day} {recent.session_date:%B %Y}")
    if recent.furthest is None:
        parts.append("Nothing entered yet" if not recent.notes else "")
    else:
        state = recent.furthest_state or StepState.STARTED
        parts.append(f"Reached {recent.furthest} ({STATE_WORDS[state].lower()})")
    return " · ".join(p for p in (*parts, *recent.notes) if p)


class _Card(QFrame):
    """A template or the sample: what it is for, how long it takes, and one button."""

    def __init__(self, title: str, text: str, facts: str, button: str,
                 parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("welcomeCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # -- a card stands out from the window in the palette's own colours, light or dark
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)
        self.button = QPushButton(button, self)
        self.button.setAccessibleName(f"{button.rstrip('…')}: {title}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(_scaled(_label(title, self), 1.2))
        layout.addWidget(_label(facts, self, "cardFacts"))
        layout.addWidget(_label(text, self), 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.button)
        layout.addLayout(row)


class WelcomePage(QWidget):
    """Start here: a template, the sample, a recent workshop, or a file dropped on it.

    Recent workshops that follow one another are listed as a chain: each follow-up
    session, then the sessions before it.
    """

    new_requested = Signal()
    open_requested = Signal()
    sample_requested = Signal()
    # -- the key of the template to start a workshop from
    template_chosen = Signal(str)
    # -- a workshop to open: chosen from the recent ones or dropped on the screen
    path_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.paths: list[str] = []
        title = _scaled(_label(APP_NAME, self, "welcomeTitle"), 2.2)
        intro = _label(
            self.tr(
                "BIG Desk guides a strategy-delivery workshop from preparation and a "
                "current-state assessment to objectives, accountability and priorities. "
                "Everything is saved as you go in one workshop file, and the session ends "
                "with a First Steps deck the executives can edit."
            ),
            self,
        )
        intro.setMaximumWidth(760)
        buttons = QHBoxLayout()
        for label, signal in (
            (self.tr("New blank workshop…"), self.new_requested),
            (self.tr("Open…"), self.open_requested),
        ):
            button = QPushButton(label, self)
            button.setAccessibleName(label.rstrip("…"))
            button.clicked.connect(signal.emit)
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.templates, _problems = available_templates()
        # -- the cards scroll, so a small window stays small
        holder = QWidget(self)
        cards = QGridLayout(holder)
        cards.setContentsMargins(0, 0, 0, 0)
        cards.setSpacing(16)
        cards.setRowStretch(len(self.templates) // CARD_COLUMNS + 1, 1)
        self.cards: list[_Card] = []
        for template in self.templates:
            card = self._template_card(template, holder)
            cards.addWidget(card, len(self.cards) // CARD_COLUMNS, len(self.cards) % CARD_COLUMNS)
            self.cards.append(card)
        sample = _Card(
            self.tr("The sample workshop"),
            self.tr("Northgate, a regional freight company, part-way through a First Steps "
                    "Conversation: every step has work in it to look at and change. Opened "
                    "as a copy of its own, so nothing you try is lost or kept."),
            self.tr("To try BIG Desk before a real session"),
            self.tr("Open the sample workshop"), holder)
        sample.button.clicked.connect(self.sample_requested.emit)
        cards.addWidget(sample, len(self.cards) // CARD_COLUMNS, len(self.cards) % CARD_COLUMNS)
        self.cards.append(sample)

        self.recent_label = _heading(self.tr("Recent workshops"), self)
        self.recent = QListWidget(self)
        self.recent.setAccessibleName(self.tr("Recent workshops"))
        self.recent.setWordWrap(True)
        self.recent.setSpacing(4)
        self.recent.itemActivated.connect(
            lambda item: self.path_requested.emit(item.data(PATH_ROLE)))
        self.no_recent = _label(self.tr("Workshops you open appear here."), self)
        # -- holds the recent list's place while there is none
        self.filler = QWidget(self)
        self.filler.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.drop_hint = _label(self.tr("Drop a workshop file anywhere here to open it."), self)

        left = QVBoxLayout()
        left.addWidget(_heading(self.tr("Start from a template"), self))
        scroller = QScrollArea(self)
        scroller.setAccessibleName(self.tr("Templates"))
        scroller.setWidget(holder)
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        left.addWidget(scroller, 1)
        right = QVBoxLayout()
        right.addWidget(self.recent_label)
        right.addWidget(self.no_recent)
        right.addWidget(self.recent, 1)
        right.addWidget(self.filler, 1)
        right.addWidget(self.drop_hint)
        columns = QHBoxLayout()
        columns.setSpacing(32)
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 40, 48, 40)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addSpacing(8)
        layout.addLayout(buttons)
        layout.addSpacing(24)
        layout.addLayout(columns, 1)

    def _template_card(self, template: Template, parent: QWidget) -> _Card:
        length = duration_words(template.total_minutes)
        facts = (self.tr("About %s of work, alone") % length if not template.participants
                 else self.tr("About %s with the room") % length)
        facts += " · " + step_titles(template.steps)
        name = template.name if template.shipped else self.tr("%s (yours)") % template.name
        card = _Card(name, template.description, facts, self.tr("Start from this…"), parent)
        card.button.clicked.connect(lambda: self.template_chosen.emit(template.key))
        return card

    def show_recent(self, paths: list[str]) -> None:
        """List the recent workshops, newest first, each followed by the sessions it follows."""
        self.paths = list(paths)
        # -- hidden behind an open workshop, the list is read when the screen comes back
        if self.isVisible():
            self._fill()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # -- read again each time the screen comes back, once the workshop that hid it is
        #    closed (it would still be marked as open): files may have moved meanwhile
        QTimer.singleShot(0, self._fill)

    def _fill(self) -> None:
        from bigdesk.store.chain import chains

        paths = self.paths
        self.recent.clear()
        for chain in chains(paths):
            for depth, path in enumerate(chain):
                recent = recent_entry(path)
                title = recent.title or Path(path).stem
                if depth:
                    title = "      " * depth + self.tr("↳ follows %s") % title
                item = QListWidgetItem(f"{title}\n{recent_words(recent)}")
                item.setData(PATH_ROLE, path)
                item.setToolTip(path if not depth else self.tr(
                    "An earlier session of this chain: %s") % path)
                self.recent.addItem(item)
        self.recent.setVisible(bool(paths))
        self.no_recent.setVisible(not paths)
        self.filler.setVisible(not paths)

    # -- a workshop file dropped on the screen is opened

    @staticmethod
    def _dropped(event: QDragEnterEvent | QDropEvent) -> str | None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        files = [url.toLocalFile() for url in urls if url.isLocalFile()]
        return files[0] if len(files) == 1 else None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped(event)
        if path:
            event.acceptProposedAction()
            self.path_requested.emit(path)
