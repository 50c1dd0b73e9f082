"""The Criteria and weights tab: criteria, and their weights given directly, as 100 points
or by pairwise comparison."""

# mypy: disable-error-code="misc"
# -- column specs are lambdas binding loop variables as defaults, which mypy cannot infer

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from bigdesk.analysis.prioritisation import (
    ALIGNMENT_KEY,
    CR_LIMIT,
    INITIATIVE_FIELDS,
    MAX_PAIRWISE,
    PrioritisationError,
    pairwise_result,
    points_remaining,
)
from bigdesk.analysis.prioritisation.weights import format_judgement
from bigdesk.app import prioritisation as service
from bigdesk.app.prioritisation import Snapshot
from bigdesk.model import CriterionDirection, ScoreScale

from bigdesk.ui.steps.prioritise.grid import Col
from bigdesk.ui.steps.prioritise.tab import PrioritiseTab, warning_style

if TYPE_CHECKING:
    from bigdesk.ui.steps.prioritise.page import PrioritisePage

# -- Saaty's scale as offered in the pairwise matrix
JUDGEMENTS = tuple((v, format_judgement(v)) for v in
                   (1 / 9, 1 / 7, 1 / 5, 1 / 3, 1.0, 3.0, 5.0, 7.0, 9.0))  # fmt: skip
DIRECTIONS = ((CriterionDirection.BENEFIT.value, "Benefit (more is better)"),
              (CriterionDirection.COST.value, "Cost (less is better)"))
SCALES = ((ScoreScale.ANCHORED.value, "1 to 5 with anchors"),
          (ScoreScale.RAW.value, "Raw number"))


class CriteriaTab(PrioritiseTab):
    """The criteria table above, the three ways of weighting them below."""

    def __init__(self, page: PrioritisePage) -> None:
        super().__init__(page)
        self.model, self.view = self.grid("Criteria table")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        buttons = QHBoxLayout()
        for text, slot in (("Add criterion", self.add_criterion),
                           ("Remove criterion", self.remove_criterion),
                           ("Move up", lambda: self.move_criterion(-1)),
                           ("Move down", lambda: self.move_criterion(1)),
                           ("Share points equally", lambda: service.allocate_evenly(
                               self.document))):  # fmt: skip
            buttons.addWidget(self.button(text, slot))
        buttons.addStretch(1)
        self.weight_modes = QTabWidget(self)
        self.weight_modes.setAccessibleName(self.tr("Weighting method"))
        direct = QLabel(self.tr("Type any non-negative weight in the Weight column; each "
                                "criterion counts in proportion to its weight (the Share "
                                "column)."), self)  # fmt: skip
        direct.setWordWrap(True)
        direct.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.points_label = QLabel(self)
        self.points_label.setAccessibleName(self.tr("Points remaining"))
        self.points_label.setWordWrap(True)
        self.points_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        pairwise = QWidget(self)
        self.pair_model, self.pair_view = self.grid("Pairwise comparison matrix")
        self.pair_view.horizontalHeader().setStretchLastSection(False)
        self.cr_label = QLabel(pairwise)
        self.cr_label.setAccessibleName(self.tr("Consistency ratio"))
        self.cr_warning = QLabel(pairwise)
        self.cr_warning.setAccessibleName(self.tr("Consistency warning"))
        self.cr_warning.setWordWrap(True)
        self.cr_warning.setStyleSheet(warning_style())
        pair_layout = QVBoxLayout(pairwise)
        hint = QLabel(self.tr("Each cell says how much more important the row's criterion is "
                              "than the column's (1 equal, 3 moderately, 5 strongly, 7 very "
                              "strongly, 9 extremely; 1/3 … 1/9 the other way round). The "
                              "weights follow at once."), pairwise)  # fmt: skip
        hint.setWordWrap(True)
        pair_layout.addWidget(hint)
        pair_layout.addWidget(self.pair_view, 1)
        pair_layout.addWidget(self.cr_label)
        pair_layout.addWidget(self.cr_warning)
        self.weight_modes.addTab(direct, self.tr("Direct"))
        self.weight_modes.addTab(self.points_label, self.tr("100-point allocation"))
        self.weight_modes.addTab(pairwise, self.tr("Pairwise (AHP)"))
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        upper = QWidget(splitter)
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addLayout(buttons)
        upper_layout.addWidget(self.view, 1)
        splitter.addWidget(upper)
        splitter.addWidget(self.weight_modes)
        splitter.setSizes([360, 360])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def show_snapshot(self, snapshot: Snapshot) -> None:
        super().show_snapshot(snapshot)
        criteria = snapshot.analysis.data.criteria
        total = sum(c.weight for c in criteria)
        fixed_scale = {ALIGNMENT_KEY, *INITIATIVE_FIELDS}
        anchors = {i: c.anchors for i, c in snapshot.criteria.items()}
        edit = service.set_criterion
        doc = self.document
        columns = [
            Col("Name", lambda c: c.name, lambda c, v: edit(doc, c.id, "name", v)),
            Col("Direction", lambda c: dict(DIRECTIONS)[c.direction.value],
                lambda c, v: edit(doc, c.id, "direction", v), "choice", DIRECTIONS,
                value=lambda c: c.direction.value, editable=lambda c: not c.computed),
            Col("Weight", lambda c: f"{c.weight:g}", lambda c, v: edit(doc, c.id, "weight", v),
                "number", value=lambda c: c.weight),
            Col("Share", lambda c: f"{100 * c.weight / total:.1f} %" if total else "—",
                numeric=True),
            Col("Scale", lambda c: "Computed from the cascade" if c.computed else
                dict(SCALES)[c.scale.value], lambda c, v: edit(doc, c.id, "scale", v), "choice",
                SCALES, value=lambda c: c.scale.value,
                editable=lambda c: c.key not in fixed_scale and not c.computed),
            Col("Unit", lambda c: c.unit, lambda c, v: edit(doc, c.id, "unit", v)),
            Col("Anchors", lambda c: anchors.get(c.id, "").replace("\n", "  ·  "),
                lambda c, v: edit(doc, c.id, "anchors", v),
                value=lambda c: anchors.get(c.id, ""), tooltip=lambda c: anchors.get(c.id, "")),
        ]  # fmt: skip
        self.model.set_content(criteria, columns, key=lambda c: c.id)
        self.view.resizeColumnsToContents()
        self.view.setColumnWidth(6, 420)
        remaining = points_remaining([c.weight for c in criteria])
        if abs(remaining) < 0.005:
            text = self.tr("All 100 points are allocated.")
        elif remaining > 0:
            text = self.tr("%s of 100 points left to allocate.") % f"{remaining:g}"
        else:
            text = self.tr("%s points too many: take some back.") % f"{-remaining:g}"
        self.points_label.setText(self.tr("Give each criterion points out of 100 in the "
                                          "Weight column. ") + text)
        self._show_pairwise(snapshot)

    def _show_pairwise(self, snapshot: Snapshot) -> None:
        data = snapshot.analysis.data
        criteria = data.criteria
        if len(criteria) > MAX_PAIRWISE:
            self.pair_model.set_content([], [])
            self.cr_label.setText(self.tr("Pairwise comparison takes at most %d criteria; "
                                          "there are %d.") % (MAX_PAIRWISE, len(criteria)))
            self.cr_warning.setText("")
            return
        judgements = data.comparisons

        def value(row: Any, column: Any) -> float:
            if row.id == column.id:
                return 1.0
            if (row.id, column.id) in judgements:
                return judgements[(row.id, column.id)]
            if (column.id, row.id) in judgements:
                return 1 / judgements[(column.id, row.id)]
            return 1.0

        def setter(column: Any) -> Any:
            return lambda row, v: service.set_comparison(self.document, row.id, column.id,
                                                         float(v))

        columns = [Col(c.name or c.key,
                       lambda r, c=c: format_judgement(value(r, c)), setter(c), "choice",
                       JUDGEMENTS, value=lambda r, c=c: min(
                           (j for j, _ in JUDGEMENTS), key=lambda j: abs(j - value(r, c))),
                       editable=lambda r, c=c: r.id != c.id)
                   for c in criteria]  # fmt: skip
        self.pair_model.set_content(criteria, columns, key=lambda c: c.id)
        for n, criterion in enumerate(criteria):
            self.pair_model.setHeaderData(n, Qt.Orientation.Vertical, criterion.name)
        self.pair_view.verticalHeader().setVisible(True)
        self.pair_view.resizeColumnsToContents()
        try:
            result = pairwise_result(data)
        except PrioritisationError as error:
            self.cr_label.setText(str(error))
            return
        if result is None:
            self.cr_label.setText(self.tr("No comparisons yet: every pair counts as equal."))
            self.cr_warning.setText("")
            return
        names = [c.name or c.key for c in criteria]
        self.cr_label.setText(self.tr("Consistency ratio: %.2f (acceptable up to %.2f)") % (
            result.consistency_ratio, CR_LIMIT))
        if result.inconsistent:
            worst = "; ".join(
                self.tr("%s against %s: entered %s, the others imply about %s") % (
                    names[w.first], names[w.second], format_judgement(w.given),
                    format_judgement(w.implied))
                for w in result.worst)  # fmt: skip
            self.cr_warning.setText(self.tr("The judgements contradict each other. Revisit "
                                            "first: ") + worst + ".")
        else:
            self.cr_warning.setText("")

    # -- actions

    def select_criterion(self, criterion: int, edit: bool = False) -> None:
        """Make a criterion current (and start editing its name)."""
        ids = [c.id for c in self.model.rows]
        if criterion in ids:
            index = self.model.index(ids.index(criterion), 0)
            self.view.setCurrentIndex(index)
            if edit:
                self.view.edit(index)

    def add_criterion(self) -> None:
        """Add a criterion and start naming it."""
        criterion = service.add_criterion(self.document)
        self.page.catch_up()
        self.select_criterion(criterion, edit=True)

    def current_criterion(self) -> Any:
        """Return the criterion of the current row, if any."""
        index = self.view.currentIndex()
        return self.model.rows[index.row()] if index.isValid() else None

    def remove_criterion(self) -> None:
        """Remove the current criterion with its scores and comparisons."""
        criterion = self.current_criterion()
        if criterion is not None:
            service.remove_criteria(self.document, [criterion.id])

    def move_criterion(self, offset: int) -> None:
        """Move the current criterion up (negative) or down, keeping it current."""
        criterion = self.current_criterion()
        if criterion is not None and service.move_criterion(self.document, criterion.id, offset):
            self.page.catch_up()
            self.select_criterion(criterion.id)
