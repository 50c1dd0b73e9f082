"""The dialog that maps a project list's columns onto the register's, remembered by header."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from bigdesk.app.settings import remember_mapping, remembered_mapping
from bigdesk.exchange.project_list import (
    RAID_HEADERS,
    TARGETS,
    ColumnMapping,
    DateOrder,
    headers_signature,
    suggest_mapping,
)
from bigdesk.exchange.tabular import Table


class ColumnMapDialog(QDialog):
    """Say which column of a list holds each field; OK keeps the choice for such lists."""

    def __init__(self, table: Table, parent: QWidget | None = None,
                 ask_dates: bool = False) -> None:  # fmt: skip
        super().__init__(parent)
        self.table = table
        self.signature = headers_signature(table.headers)
        self.setWindowTitle(self.tr("Map the columns of %s") % table.source)
        labels = {
            "title": self.tr("Title"), "id": self.tr("Id (the element's ref)"),
            "owner": self.tr("Owner"), "node": self.tr("Accountability node"),
            "start": self.tr("Start"), "end": self.tr("End"), "due": self.tr("Due"),
            "budget": self.tr("Budget"), "effort": self.tr("Effort (person-days)"),
            "progress": self.tr("Progress (%)"), "status": self.tr("Status"),
            "portfolio": self.tr("Run, Grow or Transform"), "kind": self.tr("Kind"),
            "period": self.tr("Period"), "depends_on": self.tr("Depends on (ids)"),
            "parents": self.tr("Parents (ids)"), "description": self.tr("Description"),
            "type": self.tr("Type (else every row is an initiative)"),
            "probability": self.tr("Probability (1 to 5)"), "impact": self.tr("Impact (1 to 5)"),
            "mitigation": self.tr("Mitigation or response"), "review": self.tr("Review date"),
            "concerns": self.tr("Concerns (names, separated by ;)"),
        }  # fmt: skip
        intro = QLabel(self.tr(
            "%s is not a register BIG Desk knows. Say which of its columns holds each field; "
            "columns left out are not imported. The choice is remembered for lists with the "
            "same columns.") % table.source, self)
        intro.setWordWrap(True)
        remembered = remembered_mapping(self.signature)
        chosen = dict(remembered.columns) if remembered else suggest_mapping(table.headers)
        first = table.rows[0] if table.rows else []
        form = QFormLayout()
        self.form = form
        self.rows_are = QComboBox(self)
        self.rows_are.setAccessibleName(self.tr("The rows are"))
        self.rows_are.addItem(self.tr("Initiatives (a project list)"), False)
        self.rows_are.addItem(self.tr("RAID items (risks, actions, issues, decisions)"), True)
        self.rows_are.setCurrentIndex(1 if remembered and remembered.raid_items else 0)
        self.rows_are.currentIndexChanged.connect(self._show_targets)
        form.addRow(self.tr("The rows are"), self.rows_are)
        self.combos: dict[str, QComboBox] = {}
        for target in dict.fromkeys([*TARGETS, *RAID_HEADERS]):
            combo = QComboBox(self)
            combo.setAccessibleName(labels[target])
            combo.addItem(self.tr("(not imported)"), "")
            for position, header in enumerate(table.headers):
                if header.strip():
                    sample = first[position].strip() if position < len(first) else ""
                    shown = f"{header}  —  {sample[:30]}" if sample else header
                    combo.addItem(shown, header)
            wanted = chosen.get(target, "")
            combo.setCurrentIndex(max(combo.findData(wanted), 0))
            combo.currentIndexChanged.connect(self._check)
            self.combos[target] = combo
            form.addRow(labels[target], combo)
        self.dates = QComboBox(self)
        self.dates.setAccessibleName(self.tr("Dates written as"))
        self.dates.addItem(self.tr("Detect from the dates"), "")
        self.dates.addItem(self.tr("Day first (31/03/2026)"), DateOrder.DAY_FIRST.value)
        self.dates.addItem(self.tr("Month first (03/31/2026)"), DateOrder.MONTH_FIRST.value)
        if remembered and remembered.dates:
            self.dates.setCurrentIndex(self.dates.findData(remembered.dates.value))
        self.dates.currentIndexChanged.connect(self._check)
        form.addRow(self.tr("Dates written as"), self.dates)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        if ask_dates:
            self.note.setText(self.tr(
                "Every date in the list could be day first or month first (such as "
                "03/04/2026): say which."))
        self.ask_dates = ask_dates
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self._show_targets()

    @property
    def raid(self) -> bool:
        """Return whether the rows are read as RAID items."""
        return bool(self.rows_are.currentData())

    def _targets(self) -> tuple[str, ...]:
        return tuple(RAID_HEADERS) if self.raid else TARGETS

    def _show_targets(self) -> None:
        for target, combo in self.combos.items():
            self.form.setRowVisible(combo, target in self._targets())
        label = self.form.labelForField(self.combos["type"])
        if isinstance(label, QLabel):
            label.setText(self.tr("Type (risk, action, issue or decision)") if self.raid
                          else self.tr("Type (else every row is an initiative)"))
        self._check()

    def mapping(self) -> ColumnMapping:
        """Return the mapping the dialog shows."""
        columns = {t: str(c.currentData()) for t, c in self.combos.items()
                   if c.currentData() and t in self._targets()}
        dates = str(self.dates.currentData() or "")
        return ColumnMapping(columns, DateOrder(dates) if dates else None, self.raid)

    def _check(self) -> None:
        mapping = self.mapping()
        used = list(mapping.columns.values())
        problem = ""
        if "title" not in mapping.columns:
            problem = self.tr("Choose the column that holds the title.")
        elif self.raid and "type" not in mapping.columns:
            problem = self.tr("Choose the column that holds the type.")
        elif len(set(used)) != len(used):
            problem = self.tr("A column can fill one field only.")
        elif self.ask_dates and mapping.dates is None:
            problem = self.tr("Say how the dates are written.")
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not problem)
        ok.setToolTip(problem)

    def _accept(self) -> None:
        remember_mapping(self.signature, self.mapping())
        self.accept()
