"""The scoring grid: dimensions down, participants across, typed at the speed of the room."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent, QPainter, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QStyle,
    QStyleOptionHeader,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from bigdesk.analysis.assessment import (
    Assessment,
    DimensionRef,
    DimensionStatistics,
    by_disagreement,
    dimension_statistics,
    load_assessment,
    load_consensus,
    load_scores,
)
from bigdesk.analysis.people import participant_labels
from bigdesk.app import assessment as service
from bigdesk.app.document import WorkshopDocument
from bigdesk.model import (
    NOT_APPLICABLE,
    Consensus,
    Dimension,
    DimensionGroup,
    Person,
    Score,
    Workshop,
)
from bigdesk.store import Changes, EditRejectedError, WorkshopFileError

from bigdesk.ui.delegates import ComboDelegate
from bigdesk.ui.palette import ink, tint
from bigdesk.ui.watching import WatchingView

Index = QModelIndex | QPersistentModelIndex

# -- pale tints of the heat map's colours, so a glance at the grid shows the pattern
LEVEL_TINTS = {1: "#fbf1c7", 2: "#e2f0d0", 3: "#cde9e2", 4: "#bdd9ee", 5: "#a9c5e8"}
NOT_APPLICABLE_TEXT = "N/A"
GROUP_TINT = "#e4e7ec"
FLAG_TINT = "#f6c98f"
CONFIDENCE_LABELS = (("", "—"), ("low", "Low"), ("medium", "Medium"), ("high", "High"))


@dataclass(frozen=True)
class GridColumn:
    """What one column of the grid shows."""

    # -- name, participant (one participant's level), stat, agreed, confidence or evidence
    kind: str
    header: str
    # -- score and agreed: "current" or "target"; stat: which statistic
    which: str = ""
    person_id: int | None = None
    tooltip: str = ""

    @property
    def is_level(self) -> bool:
        """Return whether the column holds a maturity level typed with digits."""
        return self.kind in ("participant", "agreed")


@dataclass(frozen=True)
class GridRow:
    """A group heading (``dimension`` None) or one dimension."""

    group_id: int
    title: str
    dimension: DimensionRef | None = None


def level_text(level: int | None) -> str:
    """Return how a level shows in a cell."""
    if level is None:
        return ""
    return NOT_APPLICABLE_TEXT if level == NOT_APPLICABLE else str(level)


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


class ScoreGridModel(WatchingView, QAbstractTableModel):
    """Participants' scores, live statistics and the facilitator's consensus per dimension."""

    # -- the grid's shape: rows, columns and headers (participants' labels follow anonymous
    #    mode); any change to them reloads the grid
    watches = (Dimension, DimensionGroup, Person, Workshop)
    # -- typed at the speed of the room: only the cells and statistics they touch repaint
    reads = (Score, Consensus)

    # -- an edit was refused; carries the message for the user
    rejected = Signal(str)
    # -- scores or consensus changed: statistics and charts are stale
    statistics_changed = Signal()

    def __init__(self, document: WorkshopDocument) -> None:
        super().__init__(document)
        self.document = document
        self.assessment = Assessment([], [], [])
        self.labels: dict[int, str] = {}
        self.names: dict[int, str] = {}
        # -- each dimension's description and level descriptors, for the tooltips
        self.details: dict[int, Dimension] = {}
        self.stats: dict[int, DimensionStatistics] = {}
        self.columns: list[GridColumn] = []
        self.rows: list[GridRow] = []
        self._row_of: dict[int, int] = {}
        self.sorted_by_disagreement = False
        self.watch(document)
        self.reload()

    # -- loading

    def reload(self) -> None:
        """Read the framework, participants, scores and consensus again."""
        self.beginResetModel()
        with self.document.read() as conn:
            self.assessment = load_assessment(conn)
            self.labels = participant_labels(conn)
            self.names = participant_labels(conn, anonymous=False)
            self.details = {d.id: d for d in service.dimensions(conn)}
        self._recompute_all()
        self.columns = self._build_columns()
        self.rows = self._build_rows()
        self.endResetModel()
        self.statistics_changed.emit()

    def _recompute_all(self) -> None:
        self.stats = {d.id: dimension_statistics(self.assessment, d)
                      for d in self.assessment.dimensions}

    def _build_columns(self) -> list[GridColumn]:
        columns = [GridColumn("name", self.tr("Dimension"))]
        for person in self.assessment.participants:
            label = self.labels.get(person, "")
            columns.append(GridColumn("participant", label, "current", person,
                                      self.tr("%s: current level") % label))
            columns.append(GridColumn("participant", label, "target", person,
                                      self.tr("%s: target level") % label))
        arrow = self.tr("current → target")
        columns += [
            GridColumn("stat", self.tr("n"), "n",
                       tooltip=self.tr("Number of current scores (not applicable left out)")),
            GridColumn("stat", self.tr("Median"), "median", tooltip=arrow),
            GridColumn("stat", self.tr("Range"), "range", tooltip=arrow),
            GridColumn("stat", self.tr("IQR"), "iqr",
                       tooltip=self.tr("Interquartile range, %s") % arrow),
            GridColumn("stat", self.tr("Discuss"), "flag",
                       tooltip=self.tr("Scores differ by two levels or more")),
            GridColumn("agreed", self.tr("Agreed\nnow"), "current",
                       tooltip=self.tr("The level the room agreed for today")),
            GridColumn("agreed", self.tr("Agreed\ntarget"), "target",
                       tooltip=self.tr("The level the room agreed to aim for")),
            GridColumn("confidence", self.tr("Confidence"),
                       tooltip=self.tr("How sure the room is (L, M or H)")),
            GridColumn("evidence", self.tr("Evidence"),
                       tooltip=self.tr("What the agreed level rests on")),
        ]
        return columns

    def _build_rows(self) -> list[GridRow]:
        dims = self.assessment.dimensions
        if self.sorted_by_disagreement:
            ordered = by_disagreement([self.stats[d.id] for d in dims])
            rows = [GridRow(s.dimension.group_id, s.dimension.name, s.dimension) for s in ordered]
        else:
            rows = []
            for group_id, name in self.assessment.groups:
                rows.append(GridRow(group_id, name))
                rows += [GridRow(group_id, d.name, d) for d in dims if d.group_id == group_id]
        self._row_of = {r.dimension.id: i for i, r in enumerate(rows) if r.dimension}
        return rows

    def set_sorted_by_disagreement(self, on: bool) -> None:
        """Show dimensions widest disagreement first (a snapshot), or grouped in framework order.

        The order is taken when sorting is switched on, so rows never jump while scores
        are typed; switch it on again to re-sort.
        """
        self.beginResetModel()
        self.sorted_by_disagreement = on
        self.rows = self._build_rows()
        self.endResetModel()

    # -- keeping up with edits

    def repaint_rows(self, changes: Changes) -> None:
        if changes.touches(*self.watches):
            self.reload()
            return
        touched: set[int] = set()
        with self.document.read() as conn:
            if changes.reshapes(Score):
                # -- a score added or removed names no row: find the dimensions whose
                #    scores differ, so a phone's score repaints one row, not the grid
                old, fresh = self.assessment.scores, load_scores(conn)
                touched |= {key[1] for key in old.keys() | fresh.keys()
                            if old.get(key) != fresh.get(key)}
                self.assessment.scores = fresh
            elif ids := changes.rows_of(Score):
                fresh = load_scores(conn, ids)
                self.assessment.scores.update(fresh)
                touched |= {dimension for _, dimension in fresh}
            if changes.touches(Consensus):
                self.assessment.consensus = load_consensus(conn)
                touched |= {d.id for d in self.assessment.dimensions}
        if not touched:
            return
        refs = {d.id: d for d in self.assessment.dimensions}
        for dimension_id in touched:
            if dimension_id in refs:
                self.stats[dimension_id] = dimension_statistics(self.assessment,
                                                                refs[dimension_id])
        rows = [self._row_of[d] for d in touched if d in self._row_of]
        if rows:
            last = self.columnCount() - 1
            self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), last))
        self.statistics_changed.emit()

    # -- queries for the view

    def column(self, number: int) -> GridColumn:
        """Return the spec of column ``number``."""
        return self.columns[number]

    def row(self, number: int) -> GridRow:
        """Return what row ``number`` shows."""
        return self.rows[number]

    def row_of(self, dimension_id: int) -> int | None:
        """Return the row that shows a dimension."""
        return self._row_of.get(dimension_id)

    def column_of(self, person_id: int, which: str) -> int | None:
        """Return the column of a participant's current or target level."""
        for number, column in enumerate(self.columns):
            if (column.kind, column.person_id, column.which) == ("participant", person_id, which):
                return number
        return None

    def statistics(self) -> list[DimensionStatistics]:
        """Return every dimension's statistics in framework order."""
        return [self.stats[d.id] for d in self.assessment.dimensions if d.id in self.stats]

    def level_at(self, index: Index) -> int | None:
        """Return the level stored in a level cell."""
        row, column = self.rows[index.row()], self.columns[index.column()]
        if row.dimension is None:
            return None
        slot = 0 if column.which == "current" else 1
        if column.kind == "participant" and column.person_id is not None:
            return self.assessment.scores.get((column.person_id, row.dimension.id),
                                              (None, None))[slot]
        if column.kind == "agreed":
            agreed = self.assessment.consensus.get(row.dimension.id)
            return None if agreed is None else (agreed.current, agreed.target)[slot]
        return None

    # -- edits

    def set_level(self, index: Index, level: int | None) -> bool:
        """Store a level in a score or consensus cell as one undoable edit."""
        row, column = self.rows[index.row()], self.columns[index.column()]
        if row.dimension is None or not column.is_level or self.document.read_only:
            return False
        try:
            if column.kind == "participant" and column.person_id is not None:
                return service.set_score(self.document, column.person_id, row.dimension.id,
                                         column.which, level)
            return service.set_consensus(self.document, row.dimension.id, column.which, level)
        except (EditRejectedError, WorkshopFileError) as error:
            self.rejected.emit(str(error))
            return False

    def set_consensus_value(self, index: Index, value: Any) -> bool:
        """Store a confidence or an evidence note."""
        row, column = self.rows[index.row()], self.columns[index.column()]
        if row.dimension is None or self.document.read_only:
            return False
        try:
            return service.set_consensus(self.document, row.dimension.id, column.kind, value)
        except (EditRejectedError, WorkshopFileError, ValueError) as error:
            self.rejected.emit(str(error))
            return False

    # -- Qt API

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.header
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip or None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        row, column = self.rows[index.row()], self.columns[index.column()]
        if row.dimension is None:
            # -- not enabled, so the view's cursor moves past group headings
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self.document.read_only and (column.is_level or
                                            column.kind in ("confidence", "evidence")):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row, column = self.rows[index.row()], self.columns[index.column()]
        if row.dimension is None:
            return self._group_data(row, index.column(), role)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(row.dimension, column)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(index, row.dimension, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(index, row.dimension, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(index, row.dimension, column)
        if role == Qt.ItemDataRole.ForegroundRole and column.kind == "participant" \
                and self.level_at(index) == NOT_APPLICABLE:
            return QBrush(QColor("#777777"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column.kind not in ("name",
                                                                             "evidence"):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole and column.kind == "agreed":
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _group_data(self, row: GridRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and column == 0:
            return row.title
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(tint(GROUP_TINT))
        if role == Qt.ItemDataRole.ForegroundRole:
            # -- a heading is not enabled, but must not look greyed out
            return QBrush(ink("#1f2933"))
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _display(self, dimension: DimensionRef, column: GridColumn) -> str:
        if column.kind == "name":
            return dimension.name
        if column.kind == "participant" and column.person_id is not None:
            current, target = self.assessment.scores.get((column.person_id, dimension.id),
                                                         (None, None))
            return level_text(current if column.which == "current" else target)
        agreed = self.assessment.consensus.get(dimension.id)
        if column.kind == "agreed":
            if agreed is None:
                return ""
            return level_text(agreed.current if column.which == "current" else agreed.target)
        if column.kind == "confidence":
            confidence = agreed.confidence if agreed else None
            return dict(CONFIDENCE_LABELS)[confidence.value] if confidence else ""
        if column.kind == "evidence":
            return (agreed.evidence if agreed else "").split("\n", 1)[0]
        return self._stat_text(self.stats.get(dimension.id), column.which)

    def _stat_text(self, stat: DimensionStatistics | None, which: str) -> str:
        if stat is None:
            return ""
        now, aim = stat.current, stat.target
        if which == "n":
            return str(now.n) if now.n or aim.n else ""
        if which == "median":
            return self._pair(_number(now.median), _number(aim.median))
        if which == "range":
            low_high = [f"{s.low}–{s.high}" if s.low is not None and s.low != s.high
                        else _number(s.low) for s in (now, aim)]
            return self._pair(*low_high)
        if which == "iqr":
            return self._pair(_number(now.iqr), _number(aim.iqr))
        if which == "flag":
            return f"⚑ {stat.disagreement}" if stat.flagged else ""
        return ""

    @staticmethod
    def _pair(now: str, aim: str) -> str:
        if not now and not aim:
            return ""
        return f"{now or '–'} → {aim or '–'}"

    def _edit_value(self, index: Index, dimension: DimensionRef, column: GridColumn) -> Any:
        if column.is_level:
            return self.level_at(index)
        agreed = self.assessment.consensus.get(dimension.id)
        if column.kind == "confidence":
            return agreed.confidence.value if agreed and agreed.confidence else ""
        if column.kind == "evidence":
            return agreed.evidence if agreed else ""
        return self._display(dimension, column)

    def _tooltip(self, index: Index, dimension: DimensionRef, column: GridColumn) -> str | None:
        details = self.details.get(dimension.id)
        if column.kind == "name":
            description = details.description if details else ""
            return f"{dimension.group}: {dimension.name}\n{description}".strip()
        if column.is_level:
            level = self.level_at(index)
            who = self.names.get(column.person_id or 0, "") if column.kind == "participant" else \
                self.tr("Agreed")
            heading = f"{who} · {dimension.name} · {column.which}"
            if level is None:
                return heading
            if level == NOT_APPLICABLE:
                return f"{heading}\n{self.tr('Not applicable')}"
            descriptor = getattr(details, f"level_{level}") if details else ""
            return f"{heading}\n{level}: {descriptor}"
        if column.kind == "evidence":
            agreed = self.assessment.consensus.get(dimension.id)
            return agreed.evidence if agreed and agreed.evidence else None
        if column.kind == "stat" and column.which == "flag":
            stat = self.stats.get(dimension.id)
            if stat is not None and stat.flagged:
                return self.tr("Scores differ by %d levels: discuss before agreeing") \
                    % stat.disagreement
        return column.tooltip or None

    def _background(self, index: Index, dimension: DimensionRef, column: GridColumn) -> Any:
        if column.is_level:
            level = self.level_at(index)
            if level in LEVEL_TINTS:
                return QBrush(tint(LEVEL_TINTS[level]))
            return None
        if column.kind == "stat" and column.which == "flag":
            stat = self.stats.get(dimension.id)
            if stat is not None and stat.flagged:
                return QBrush(tint(FLAG_TINT))
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or \
                not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        column = self.columns[index.column()]
        if column.is_level:
            if value in ("", None):
                return self.set_level(index, None)
            try:
                level = int(value)
            except (TypeError, ValueError):
                self.rejected.emit(self.tr("Type a level from 1 to 5, or N for not applicable."))
                return False
            return self.set_level(index, level)
        if column.kind == "confidence":
            return self.set_consensus_value(index, value or None)
        return self.set_consensus_value(index, str(value))


class GridDelegate(ComboDelegate):
    """Edit levels and confidence from a list (for the mouse); text for evidence."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        model = index.model()
        assert isinstance(model, ScoreGridModel)
        column = model.column(index.column())
        if column.is_level:
            combo = QComboBox(parent)
            combo.setAccessibleName(self.tr("Level"))
            combo.addItem("", None)
            for level in range(1, 6):
                combo.addItem(str(level), level)
            combo.addItem(self.tr("N/A"), NOT_APPLICABLE)
            return combo
        if column.kind == "confidence":
            combo = QComboBox(parent)
            combo.setAccessibleName(self.tr("Confidence"))
            for value, label in CONFIDENCE_LABELS:
                combo.addItem(self.tr(label), value)
            return combo
        return super().createEditor(parent, option, index)


class ParticipantHeader(QHeaderView):
    """A two-row header: each participant's name above their current and target columns."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        hint.setHeight(2 * self.fontMetrics().height() + 14)
        return hint

    def _column(self, logical: int) -> GridColumn | None:
        model = self.model()
        if isinstance(model, ScoreGridModel) and 0 <= logical < len(model.columns):
            return model.column(logical)
        return None

    def _draw(self, painter: QPainter, rect: QRect, logical: int, text: str) -> None:
        option = QStyleOptionHeader()
        self.initStyleOption(option)
        option.rect = rect
        option.section = logical
        option.text = text
        option.textAlignment = Qt.AlignmentFlag.AlignCenter
        option.position = QStyleOptionHeader.SectionPosition.Middle
        self.style().drawControl(QStyle.ControlElement.CE_Header, option, painter, self)

    def paintSection(self, painter: QPainter, rect: QRect, logicalIndex: int) -> None:
        column = self._column(logicalIndex)
        if column is None or column.kind != "participant":
            super().paintSection(painter, rect, logicalIndex)
            return
        half = rect.height() // 2
        sub = self.tr("now") if column.which == "current" else self.tr("target")
        self._draw(painter, QRect(rect.left(), rect.top() + half, rect.width(),
                                  rect.height() - half), logicalIndex, sub)
        # -- the name spans both of the participant's columns; either section may be
        #    repainted alone, so each draws the whole span
        first = logicalIndex if column.which == "current" else logicalIndex - 1
        left = self.sectionViewportPosition(first)
        width = self.sectionSize(first) + self.sectionSize(first + 1)
        span = QRect(left, rect.top(), width, half)
        name = self.fontMetrics().elidedText(column.header, Qt.TextElideMode.ElideRight,
                                             width - 8)
        self._draw(painter, span, first, name)


class ScoreGridView(QTableView):
    """The grid's view: digits set a level and move on, N is not applicable, Delete clears."""

    LEVEL_KEYS: ClassVar[dict[Qt.Key, int]] = {
        Qt.Key.Key_1: 1, Qt.Key.Key_2: 2, Qt.Key.Key_3: 3, Qt.Key.Key_4: 4, Qt.Key.Key_5: 5,
        Qt.Key.Key_N: NOT_APPLICABLE,
    }
    CONFIDENCE_KEYS: ClassVar[dict[Qt.Key, str]] = {
        Qt.Key.Key_L: "low", Qt.Key.Key_M: "medium", Qt.Key.Key_H: "high",
    }

    def __init__(self, model: ScoreGridModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = model
        self.setHorizontalHeader(ParticipantHeader(self))
        self.setModel(model)
        self.setItemDelegate(GridDelegate(self))
        self.setAccessibleName(self.tr("Scoring grid"))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.horizontalHeader().setHighlightSections(False)
        self.horizontalHeader().setStretchLastSection(True)
        model.modelReset.connect(self._after_reset)
        self._after_reset()

    def _after_reset(self) -> None:
        self.clearSpans()
        columns = self.grid.columnCount()
        for number, row in enumerate(self.grid.rows):
            if row.dimension is None and columns > 1:
                self.setSpan(number, 0, 1, columns)
        width = self.fontMetrics().horizontalAdvance("0")
        for number, column in enumerate(self.grid.columns):
            size = {"name": 27 * width, "participant": 5 * width, "agreed": 6 * width,
                    "confidence": 8 * width, "evidence": 30 * width}.get(column.kind)
            if column.kind == "stat":
                size = {"n": 3 * width, "median": 8 * width, "flag": 7 * width}.get(
                    column.which, 9 * width)
            if size:
                self.setColumnWidth(number, size)
        if not self.currentIndex().isValid():
            self.go_to_first()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # -- the first current cell was chosen before the view had its size; start at the left
        self.horizontalScrollBar().setValue(0)

    def go_to_first(self) -> None:
        """Make the first participant's current score for the first dimension current."""
        row = next((i for i, r in enumerate(self.grid.rows) if r.dimension), None)
        column = next((i for i, c in enumerate(self.grid.columns) if c.kind == "participant"), 0)
        if row is not None:
            self.setCurrentIndex(self.grid.index(row, column))

    # -- keyboard

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        plain = modifiers in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier)
        if index.isValid() and plain and \
                self.state() != QAbstractItemView.State.EditingState:
            column = self.grid.column(index.column())
            key = Qt.Key(event.key())
            if column.is_level and key in self.LEVEL_KEYS:
                if self.grid.set_level(index, self.LEVEL_KEYS[key]) or \
                        self.grid.level_at(index) == self.LEVEL_KEYS[key]:
                    self.move_to_next_level(index)
                return
            if column.is_level and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.grid.set_level(index, None)
                return
            if column.kind == "confidence" and key in self.CONFIDENCE_KEYS:
                self.grid.set_consensus_value(index, self.CONFIDENCE_KEYS[key])
                return
            if column.kind == "confidence" and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.grid.set_consensus_value(index, None)
                return
            if column.is_level and event.text().isprintable() and event.text().strip():
                # -- any other character on a level cell is a slip of the finger
                return
        super().keyPressEvent(event)

    def move_to_next_level(self, index: QModelIndex) -> None:
        """Move to the next level cell of the same kind: right, then the next dimension."""
        kind = self.grid.column(index.column()).kind
        columns = [i for i, c in enumerate(self.grid.columns) if c.kind == kind]
        later = [c for c in columns if c > index.column()]
        row = index.row()
        if later:
            self.setCurrentIndex(self.grid.index(row, later[0]))
            return
        for next_row in range(row + 1, self.grid.rowCount()):
            if self.grid.row(next_row).dimension is not None:
                self.setCurrentIndex(self.grid.index(next_row, columns[0]))
                return
