"""A chart area that loads matplotlib's Qt canvas only when first drawn."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QVBoxLayout, QWidget


class ChartArea(QWidget):
    """Holds one matplotlib figure; ``show_chart`` redraws it from plain numbers."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.canvas: Any = None
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.setMinimumHeight(260)

    def _ensure(self) -> Any:
        if self.canvas is None:
            # -- matplotlib's Qt canvas loads only when a chart is first drawn
            from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
            from matplotlib.figure import Figure

            self.canvas = FigureCanvasQTAgg(Figure(layout="constrained"))  # type: ignore[no-untyped-call]
            self.canvas.setParent(self)
            self.canvas.setAccessibleName(self.accessibleName())
            self.layout_.addWidget(self.canvas)
        return self.canvas

    def show_chart(self, draw: Callable[[Any, Any], Any], data: Any) -> None:
        """Draw ``data`` with ``draw(data, figure)`` and repaint."""
        canvas = self._ensure()
        draw(data, canvas.figure)
        canvas.draw_idle()
