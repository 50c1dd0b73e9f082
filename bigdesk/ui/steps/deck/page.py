"""The Deck step: choose the sections and options, write the First Steps deck, open it."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bigdesk.analysis.people import anonymous_mode
from bigdesk.app import deck as deck_actions
from bigdesk.app import settings
from bigdesk.app.document import WorkshopDocument
from bigdesk.domain.steps import STEPS
from bigdesk.exchange.deck.plan import Options, SectionOutline
from bigdesk.model import Base

from bigdesk.ui.watching import WatchingView

KEY_ROLE = Qt.ItemDataRole.UserRole


class DeckPage(WatchingView, QWidget):
    """The slides by step, with a checkbox per section, the deck's options and the export."""

    # -- the deck draws on every part of the workshop
    watches = tuple(mapper.class_ for mapper in Base.registry.mappers)
    # -- edits come in bursts while the room works; the outline follows after a pause,
    #    and only while the step is on show
    refresh_delay_ms = 400
    lazy = True

    def __init__(self, document: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.outline: list[SectionOutline] = []
        self.unchecked: set[str] = set()
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        heading = QLabel(self.tr("Slides"), self)
        heading.setStyleSheet("font-weight: bold")
        left.addWidget(heading)
        self.sections = QTreeWidget(self)
        self.sections.setAccessibleName(self.tr("Deck sections and slides"))
        self.sections.setHeaderHidden(True)
        self.sections.setUniformRowHeights(True)
        self.sections.itemChanged.connect(self._section_toggled)
        left.addWidget(self.sections, 1)
        layout.addLayout(left, 3)
        layout.addWidget(self._options_box(), 2)
        self.watch(document)

    def _options_box(self) -> QWidget:
        box = QGroupBox(self.tr("Options"), self)
        form = QFormLayout(box)
        row = QHBoxLayout()
        self.template = QLineEdit(box)
        self.template.setReadOnly(True)
        self.template.setAccessibleName(self.tr("Deck template"))
        self.template.setPlaceholderText(self.tr("BIG Desk 16:9 (built in)"))
        self.template.setText(settings.DECK_TEMPLATE.get())
        row.addWidget(self.template, 1)
        choose = QPushButton(self.tr("Choose…"), box)
        choose.setAccessibleName(self.tr("Choose a template"))
        choose.clicked.connect(self.choose_template)
        row.addWidget(choose)
        reset = QPushButton(self.tr("Built-in"), box)
        reset.setAccessibleName(self.tr("Use the built-in template"))
        reset.clicked.connect(lambda: self.set_template(""))
        row.addWidget(reset)
        form.addRow(self.tr("Template"), row)
        self.notes = QCheckBox(self.tr("Speaker notes with talking points"), box)
        self.notes.setAccessibleName(self.tr("Speaker notes"))
        self.notes.setChecked(True)
        form.addRow(self.notes)
        self.anonymous = QCheckBox(self.tr("Show participants as P1, P2, …"), box)
        self.anonymous.setAccessibleName(self.tr("Anonymous deck"))
        with self.document.read() as conn:
            self.anonymous.setChecked(anonymous_mode(conn))
        form.addRow(self.anonymous)
        hint = QLabel(self.tr("Private notes never leave the workshop file."), box)
        hint.setWordWrap(True)
        form.addRow(hint)
        self.export_button = QPushButton(self.tr("Export deck…"), box)
        self.export_button.setAccessibleName(self.tr("Export deck"))
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export_dialog)
        form.addRow(self.export_button)
        self.status = QLabel("", box)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Export status"))
        form.addRow(self.status)
        return box

    # -- outline

    def reload(self) -> None:
        """Show every section with its slides under the step whose work it draws; sections
        with no data are disabled, with why."""
        self.outline = deck_actions.deck_outline(self.document)
        self.sections.blockSignals(True)
        self.sections.clear()
        for step in STEPS:
            sections = [s for s in self.outline if s.key in step.deck_sections]
            if not sections:
                continue
            heading = QTreeWidgetItem(self.sections, [self.tr(step.title)])
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = heading.font(0)
            font.setBold(True)
            heading.setFont(0, font)
            for section in sections:
                self._add_section(heading, section)
        self.sections.expandAll()
        self.sections.blockSignals(False)
        self._update_button()

    def _add_section(self, heading: QTreeWidgetItem, section: SectionOutline) -> None:
        item = QTreeWidgetItem(heading)
        item.setData(0, KEY_ROLE, section.key)
        if section.missing:
            item.setText(0, self.tr("%s: left out, %s") % (
                section.title, section.missing[:1].lower() + section.missing[1:]))
            item.setFlags(Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Unchecked)
            item.setToolTip(0, section.missing)
            return
        count = len(section.slides)
        item.setText(0, (self.tr("%s (1 slide)") % section.title) if count == 1
                     else self.tr("%s (%d slides)") % (section.title, count))
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                      | Qt.ItemFlag.ItemIsSelectable)
        state = Qt.CheckState.Unchecked if section.key in self.unchecked \
            else Qt.CheckState.Checked
        item.setCheckState(0, state)
        for title in section.slides:
            child = QTreeWidgetItem(item, [title])
            child.setFlags(Qt.ItemFlag.ItemIsEnabled)

    def _section_toggled(self, item: QTreeWidgetItem, column: int) -> None:
        key = item.data(0, KEY_ROLE)
        if key is None:
            return
        if item.checkState(0) == Qt.CheckState.Checked:
            self.unchecked.discard(key)
        else:
            self.unchecked.add(key)
        self._update_button()

    def chosen_sections(self) -> frozenset[str]:
        """Return the keys of the sections ticked and with something to show."""
        return frozenset(s.key for s in self.outline
                         if not s.missing and s.key not in self.unchecked)

    def _update_button(self) -> None:
        self.export_button.setEnabled(bool(self.chosen_sections()))

    # -- options

    def choose_template(self) -> None:
        """Ask for a corporate template (.pptx or .potx)."""
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a deck template"), self.template.text(),
            self.tr("PowerPoint templates (*.pptx *.potx)"))
        if name:
            self.set_template(name)

    def set_template(self, path: str) -> None:
        """Use ``path`` as the template ("" for the built-in one) and remember it."""
        self.template.setText(path)
        settings.DECK_TEMPLATE.set(path)

    def options(self) -> Options:
        """Return the options as chosen on the page."""
        template = self.template.text().strip()
        return Options(sections=self.chosen_sections(), notes=self.notes.isChecked(),
                       anonymous=self.anonymous.isChecked(),
                       template=Path(template) if template else None)

    # -- export

    def export_dialog(self) -> None:
        """Ask where to write the deck, write it, and offer to open it."""
        folder = settings.DECK_FOLDER.get() or str(self.document.folder)
        suggested = Path(folder) / f"{self.document.title} First Steps.pptx"
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export the First Steps deck"),
                                              str(suggested),
                                              self.tr("PowerPoint presentations (*.pptx)"))
        if not name:
            return
        target = Path(name)
        if target.suffix.lower() != ".pptx":
            target = target.with_name(target.name + ".pptx")
        if self.export_to(target):
            settings.DECK_FOLDER.set(str(target.parent))
            answer = QMessageBox.question(
                self, self.tr("Deck written"),
                self.tr("The deck is written to %s. Open it now?") % target)
            if answer == QMessageBox.StandardButton.Yes:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))

    def export_to(self, target: Path) -> bool:
        """Write the deck to ``target``; say why not when it cannot be written."""
        self.status.setText(self.tr("Writing the deck…"))
        self.status.repaint()
        try:
            deck = deck_actions.export_deck(self.document, target,
                                            dataclasses.replace(self.options()))
        except (ValueError, OSError) as error:
            self.status.setText("")
            QMessageBox.warning(self, self.tr("The deck was not written"), str(error))
            return False
        self.status.setText(self.tr("Wrote %d slides to %s.") % (len(deck.slides), target.name))
        return True
