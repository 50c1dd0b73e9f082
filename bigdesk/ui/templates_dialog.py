"""Choose a workshop template, or save a workshop's agenda as a new one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from bigdesk.exchange.templates import Template, available_templates, step_titles


class TemplateChooser(QDialog):
    """The shipped and saved templates, with what each sets up."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New workshop from a template"))
        self.templates, problems = available_templates()
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Templates"))
        for template in self.templates:
            suffix = "" if template.shipped else self.tr(" (yours)")
            item = QListWidgetItem(template.name + suffix)
            item.setData(Qt.ItemDataRole.UserRole, template.key)
            self.list.addItem(item)
        self.details = QLabel(self)
        self.details.setAccessibleName(self.tr("Template details"))
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setMinimumWidth(420)
        self.problems = QLabel(
            "\n".join(self.tr("Not offered: %s") % problem for problem in problems), self
        )
        self.problems.setTextFormat(Qt.TextFormat.PlainText)
        self.problems.setWordWrap(True)
        self.problems.setVisible(bool(problems))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Create…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.list.currentRowChanged.connect(self._show)
        self.list.itemActivated.connect(lambda _item: self.accept())
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addWidget(self.details, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)
        self.resize(820, 460)
        if self.templates:
            self.list.setCurrentRow(0)
        self._show(self.list.currentRow())

    def chosen(self) -> Template | None:
        """Return the selected template."""
        row = self.list.currentRow()
        return self.templates[row] if 0 <= row < len(self.templates) else None

    def _show(self, row: int) -> None:
        self.ok.setEnabled(0 <= row < len(self.templates))
        if not 0 <= row < len(self.templates):
            self.details.setText(self.tr("No templates found."))
            return
        template = self.templates[row]
        hours, minutes = divmod(template.total_minutes, 60)
        lines = [template.name, "", template.description, "",
                 self.tr("Length: %d h %02d min; steps: %s")
                 % (hours, minutes, step_titles(template.steps))]
        if not template.participants:
            lines.append(self.tr("For one person working alone; no participants."))
        lines += ["", self.tr("Agenda:")]
        lines += [f"  {block.minutes:>3} min  {block.title}" for block in template.agenda]
        if template.table_groups:
            lines += ["", self.tr("Table groups:")]
            lines += [f"  {group.name}" for group in template.table_groups]
        self.details.setText("\n".join(lines))


class SaveTemplateDialog(QDialog):
    """Ask for a name and a description for a template made from this workshop."""

    def __init__(self, suggestion: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Save agenda as template"))
        self.name = QLineEdit(suggestion, self)
        self.name.setAccessibleName(self.tr("Template name"))
        self.name.setMaxLength(200)
        self.description = QPlainTextEdit(self)
        self.description.setAccessibleName(self.tr("Template description"))
        self.description.setTabChangesFocus(True)
        self.description.setPlaceholderText(self.tr("What the session is for"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.name.textChanged.connect(lambda text: save.setEnabled(bool(text.strip())))
        save.setEnabled(bool(suggestion.strip()))
        form = QFormLayout(self)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Description"), self.description)
        form.addRow(QLabel(self.tr("Saves the agenda (with questions and steps) and the table "
                                   "groups; never people, points or notes."), self))
        form.addRow(buttons)
