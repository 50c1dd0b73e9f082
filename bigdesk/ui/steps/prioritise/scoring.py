"""The Scoring tab: each initiative against each criterion, typed at the speed of the room."""

# mypy: disable-error-code="misc"
# -- column specs are lambdas binding loop variables as defaults, which mypy cannot infer

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QLabel, QVBoxLayout

from bigdesk.analysis.prioritisation import ALIGNMENT_KEY, INITIATIVE_FIELDS, money
from bigdesk.app import prioritisation as service
from bigdesk.app.prioritisation import Snapshot
from bigdesk.domain.values import number_text
from bigdesk.model import ScoreScale

from bigdesk.ui.steps.prioritise.grid import Col
from bigdesk.ui.steps.prioritise.tab import PrioritiseTab

if TYPE_CHECKING:
    from bigdesk.ui.steps.prioritise.page import PrioritisePage


class ScoringTab(PrioritiseTab):
    """Initiatives down, criteria across; a digit scores and moves to the next initiative."""

    def __init__(self, page: PrioritisePage) -> None:
        super().__init__(page)
        self.model, self.view = self.grid("Scoring grid")
        hint = QLabel(self.tr("Type 1 to 5 on a scored criterion and the cursor moves to the "
                              "next initiative; Delete clears. Cost and effort are the "
                              "initiatives' own budget and effort; strategic alignment is "
                              "computed from the cascade (shaded, read-only)."), self)
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.view, 1)

    def show_snapshot(self, snapshot: Snapshot) -> None:
        super().show_snapshot(snapshot)
        data = snapshot.analysis.data
        doc = self.document
        columns = [Col("Initiative", lambda i: i.label)]
        for criterion in data.criteria:
            computed = criterion.computed or criterion.key == ALIGNMENT_KEY
            raw = criterion.scale is ScoreScale.RAW or criterion.key in INITIATIVE_FIELDS

            def shown(i: Any, c: Any = criterion, computed: bool = computed) -> str:
                v = data.raw_value(i, c)
                if v is None:
                    return ""
                if c.key == ALIGNMENT_KEY:
                    return f"{100 * v:.1f} %"
                if computed:
                    return f"{v:g}"
                if c.key == "cost":
                    return money(v)
                return number_text(v)

            header = criterion.name or criterion.key
            if criterion.unit and criterion.key != ALIGNMENT_KEY:
                header += f" ({criterion.unit})"
            columns.append(Col(
                header, shown,
                lambda i, v, c=criterion: service.set_score(doc, i.id, c.id, v),
                "number" if raw else "digit",
                value=lambda i, c=criterion: data.raw_value(i, c),
                editable=lambda i, computed=computed: not computed,
                tooltip=(lambda i: self.tr("Share of the strategy this initiative serves, "
                                           "through weighted alignment links")) if computed
                else "",
            ))  # fmt: skip
        self.model.set_content(data.initiatives, columns, key=lambda i: i.id)
        self.view.resizeColumnsToContents()
