"""The assessment's charts in the app: radar, gap chart and heat map, redrawn as scores change."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from bigdesk.exchange import figures_assessment as figures

from bigdesk.ui.steps.assess.grid import ScoreGridModel

# -- scores arrive a few a second in the room; one redraw after the typing pauses
REDRAW_DELAY_MS = 300


class ChartsPanel(QWidget):
    """Three charts over the grid's numbers; matplotlib's Qt canvas loads when first shown."""

    def __init__(self, model: ScoreGridModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.setAccessibleName(self.tr("Assessment charts"))
        self.canvases: dict[str, Any] = {}
        self.data: dict[str, Any] = {}
        self._stale = True
        self._drawn: set[str] = set()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(REDRAW_DELAY_MS)
        self.timer.timeout.connect(self.redraw)
        model.statistics_changed.connect(self._schedule)
        model.modelReset.connect(self._schedule)

        self.heat_choice = QComboBox(self)
        self.heat_choice.setAccessibleName(self.tr("Heat map shows"))
        self.heat_choice.addItem(self.tr("Current levels"), "current")
        self.heat_choice.addItem(self.tr("Target levels"), "target")
        self.heat_choice.currentIndexChanged.connect(self._schedule)
        self.note = QLabel(self.tr("Current and target use the agreed level where the room "
                                   "has agreed one, and the median otherwise."), self)
        self.note.setWordWrap(True)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Charts"))
        top = QHBoxLayout()
        top.addWidget(self.note, 1)
        top.addWidget(QLabel(self.tr("Heat map:"), self))
        top.addWidget(self.heat_choice)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

    def _ensure_canvases(self) -> None:
        if self.canvases:
            return
        # -- the Qt canvas (and matplotlib with it) loads only when the charts are first shown
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        for key, title in (("radar", self.tr("Radar")), ("gaps", self.tr("Gaps")),
                           ("heatmap", self.tr("Heat map"))):
            figure = Figure(layout="constrained")
            canvas = FigureCanvasQTAgg(figure)  # type: ignore[no-untyped-call]
            canvas.setParent(self.tabs)
            canvas.setAccessibleName(title)
            self.tabs.addTab(canvas, title)
            self.canvases[key] = canvas
        self.tabs.currentChanged.connect(self._draw_current)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._ensure_canvases()
        if self._stale:
            self.redraw()

    def _schedule(self) -> None:
        self._stale = True
        self._drawn.clear()
        if self.isVisible():
            self.timer.start()

    def rebuild_data(self) -> None:
        """Work out the numbers the three charts draw, from the grid's live statistics."""
        rows = self.model.statistics()
        which = self.heat_choice.currentData() or "current"
        self.data = {
            "radar": figures.radar_data(rows),
            "gaps": figures.gap_data(rows),
            "heatmap": figures.heatmap_data(self.model.assessment, self.model.labels, which),
        }

    def redraw(self) -> None:
        """Rebuild the numbers and redraw the chart on show; the others redraw when opened."""
        self.timer.stop()
        self._ensure_canvases()
        self.rebuild_data()
        self._stale = False
        self._drawn.clear()
        self._draw_current()

    def current_key(self) -> str:
        """Return which chart is on show."""
        return ("radar", "gaps", "heatmap")[max(0, self.tabs.currentIndex())]

    def draw_chart(self, key: str) -> None:
        """Draw one chart from the current numbers onto its canvas."""
        if not self.data:
            self.rebuild_data()
        canvas = self.canvases[key]
        if key == "radar":
            figures.draw_radar(self.data[key], canvas.figure)
        elif key == "gaps":
            figures.draw_gaps(self.data[key], canvas.figure)
        else:
            figures.draw_heatmap(self.data[key], canvas.figure)
        canvas.draw_idle()
        self._drawn.add(key)

    def _draw_current(self) -> None:
        # -- drawing takes a while on a slow laptop, so only the chart on show is drawn
        if self.canvases and self.current_key() not in self._drawn:
            self.draw_chart(self.current_key())
