"""The cascade map: boxes in layers from purpose to initiatives, coloured by node, with links.

Drag from one box to another to link them; select a link and press Delete to
remove it. Ctrl+wheel zooms; the layout stays put between edits. The map is drawn
when its tab is first shown, and zoomed far out it draws boxes without their words.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QBrush,
    QColor,
    QContextMenuEvent,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
    QShowEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QStyleOptionGraphicsItem,
    QVBoxLayout,
    QWidget,
)

from bigdesk.analysis.cascade import ElementRow, Link
from bigdesk.app import accountability, cascade
from bigdesk.app.document import WorkshopDocument
from bigdesk.domain.cascade import NOUNS, TYPE_LABELS
from bigdesk.model import AccountabilityNode, Alignment, Element, ElementType
from bigdesk.store import Changes, EditRejectedError, WorkshopFileError

from bigdesk.ui.palette import ink
from bigdesk.ui.steps.map.map_layout import BOX_HEIGHT, BOX_WIDTH, Graph, MapLayout
from bigdesk.ui.steps.map.outline_model import TYPE_COLOURS
from bigdesk.ui.watching import WatchingView

# -- one colour per accountability node, told apart on a projector
NODE_COLOURS = ("#cfe2f3", "#d9ead3", "#fce5cd", "#ead1dc", "#fff2cc", "#d0e0e3",
                "#f4cccc", "#d9d2e9", "#e6f4c6", "#f9d9b8", "#c9daf8", "#e0e0c8")  # fmt: skip
NO_NODE_COLOUR = "#f3f3f3"
# -- below this scale a box's words are too small to read: it is drawn without them
READABLE_SCALE = 0.4
BOX_RECT = QRectF(0, 0, BOX_WIDTH, BOX_HEIGHT)
BOUNDS = QRectF(-1, -1, BOX_WIDTH + 2, BOX_HEIGHT + 2)
# -- looked up once: thousands of items are made and drawn, and each lookup of a Qt enum
#    member runs Python code
SELECTABLE = QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
NO_PEN = Qt.PenStyle.NoPen
NO_BRUSH = Qt.BrushStyle.NoBrush
SMOOTH = QPainter.RenderHint.Antialiasing
WRAPPED = int(Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap)
# -- never drawn (paint draws the line): its width makes the band a click hits, since a
#    thin line is hard to hit, and the rectangle redrawn around the line
LINK_BAND = QPen(Qt.GlobalColor.transparent, 8)


@functools.cache
def _metrics() -> QFontMetricsF:
    return QFontMetricsF(QFont())


class ElementBox(QGraphicsItem):
    """One element of the cascade on the map."""

    def __init__(self, element_id: int) -> None:
        super().__init__()
        self.element_id = element_id
        self.kind = ElementType.OBJECTIVE
        self.title = ""
        self.fill = QColor(NO_NODE_COLOUR)
        self.placeholder = False
        # -- the title as it fits the box, worked out when the box is first drawn readable
        self._text: str | None = None
        self.setFlag(SELECTABLE)
        self.setAcceptHoverEvents(True)
        self.setZValue(1)

    def show_element(self, row: ElementRow, fill: str, node: str) -> None:
        """Show the element's current title, kind and node."""
        self.kind = row.type
        self.title = row.title or f"New {NOUNS[self.kind]}"
        self.fill = QColor(fill)
        self.placeholder = bool(row.placeholder)
        self._text = None
        tip = [self.title, TYPE_LABELS[self.kind]]
        if node:
            tip.append(f"Node: {node}")
        self.setToolTip("\n".join(tip))
        self.update()

    def boundingRect(self) -> QRectF:
        return BOUNDS

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        rect = BOX_RECT
        pen = QPen(QColor("#1a1a1a") if self.isSelected() else QColor("#8a8a8a"),
                   2.5 if self.isSelected() else 1.0)
        if self.placeholder:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(QBrush(self.fill))
        painter.drawRoundedRect(rect, 6, 6)
        painter.setPen(NO_PEN)
        painter.setBrush(QColor(TYPE_COLOURS[self.kind]))
        painter.drawRoundedRect(QRectF(0, 0, 7, BOX_HEIGHT), 3, 3)
        if option.levelOfDetailFromTransform(painter.worldTransform()) < READABLE_SCALE:
            # -- the whole of a large cascade in view: thousands of unreadable words
            #    would take seconds to lay out
            return
        if self._text is None:
            # -- two lines at most; the tooltip has the whole title
            self._text = _metrics().elidedText(self.title, Qt.TextElideMode.ElideRight,
                                               (BOX_WIDTH - 16) * 2 - 20)
        painter.setPen(QColor("#1a1a1a"))
        painter.drawText(rect.adjusted(12, 4, -6, -4), WRAPPED, self._text)

    def bottom_centre(self) -> QPointF:
        return self.pos() + QPointF(BOX_WIDTH / 2, BOX_HEIGHT)


class LinkLine(QGraphicsPathItem):
    """An alignment link from a parent down to a child, with its weight if any."""

    def __init__(self, parent_id: int, child_id: int, tip: str) -> None:
        super().__init__()
        self.parent_id = parent_id
        self.child_id = child_id
        self.setFlag(SELECTABLE)
        self.setZValue(0)
        self.setPen(LINK_BAND)
        # -- made only for a link with a weight: most links have none
        self.label: QGraphicsSimpleTextItem | None = None
        self.setToolTip(tip)

    def connect(self, upper: ElementBox, lower: ElementBox, weight: float | None) -> None:
        """Draw the link between two boxes."""
        top, bottom = upper.pos(), lower.pos()
        x0, y0 = top.x() + BOX_WIDTH / 2, top.y() + BOX_HEIGHT
        x1, y1 = bottom.x() + BOX_WIDTH / 2, bottom.y()
        middle = (y0 + y1) / 2
        path = QPainterPath(QPointF(x0, y0))
        path.cubicTo(QPointF(x0, middle), QPointF(x1, middle), QPointF(x1, y1))
        self.setPath(path)
        if weight is None and self.label is None:
            return
        if self.label is None:
            self.label = QGraphicsSimpleTextItem(self)
            self.label.setBrush(ink("#333333"))
        self.label.setText("" if weight is None else f"{weight:g}%")
        # -- halfway along the curve, which its symmetry puts halfway between its ends
        self.label.setPos((x0 + x1) / 2 + 3, middle - 8)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        if option.levelOfDetailFromTransform(painter.worldTransform()) < READABLE_SCALE:
            # -- thousands of curves a pixel apart: smoothing them costs more than it shows
            painter.setRenderHint(SMOOTH, False)
        selected = self.isSelected()
        painter.setPen(QPen(QColor("#c0392b") if selected else QColor("#7a7a7a"),
                            2.5 if selected else 1.2))
        painter.setBrush(NO_BRUSH)
        painter.drawPath(self.path())


class MapView(QGraphicsView):
    """The graphics view: zoom with Ctrl+wheel, drag from box to box to link."""

    link_requested = Signal(int, int)
    delete_requested = Signal()

    def __init__(self, scene: QGraphicsScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        # -- every item sets the pen and brush it draws with: saving and restoring the
        #    painter around each of thousands costs more than drawing them
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self._source: ElementBox | None = None
        self._rubber: QGraphicsLineItem | None = None

    def box_at(self, point: Any) -> ElementBox | None:
        """Return the box under a point of the viewport, if any."""
        for item in self.items(point):
            if isinstance(item, ElementBox):
                return item
        return None

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            factor = 1.15 if event.angleDelta().y() > 0 else 1 / 1.15
            self.zoom(factor)
            return
        super().wheelEvent(event)

    def zoom(self, factor: float) -> None:
        """Zoom in (factor above 1) or out, within readable limits."""
        scale = self.transform().m11() * factor
        if 0.05 <= scale <= 4:
            self.scale(factor, factor)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        box = self.box_at(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and box is not None:
            self._source = box
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._source is not None and event.buttons() & Qt.MouseButton.LeftButton:
            end = self.mapToScene(event.position().toPoint())
            start = self._source.bottom_centre()
            if self._rubber is None:
                if (end - start).manhattanLength() < 12:
                    return
                self._rubber = QGraphicsLineItem()
                self._rubber.setPen(QPen(QColor("#c0392b"), 2, Qt.PenStyle.DashLine))
                self.scene().addItem(self._rubber)
            self._rubber.setLine(start.x(), start.y(), end.x(), end.y())
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        source, rubber = self._source, self._rubber
        self._source = self._rubber = None
        if rubber is not None:
            self.scene().removeItem(rubber)
            target = self.box_at(event.position().toPoint())
            if source is not None and target is not None and target is not source:
                self.link_requested.emit(source.element_id, target.element_id)
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_requested.emit()
            return
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier and \
                event.key() in (Qt.Key.Key_Plus, Qt.Key.Key_Equal, Qt.Key.Key_Minus):
            self.zoom(1.15 if event.key() != Qt.Key.Key_Minus else 1 / 1.15)
            return
        super().keyPressEvent(event)


class CascadeMap(WatchingView, QWidget):
    """The map of the cascade with its toolbar and legend."""

    watches = (Element, Alignment)
    # -- boxes take their node's colour, and the legend names the nodes
    reads = (AccountabilityNode,)
    # -- thousands of boxes take a while to make: only once the map is looked at
    lazy = True

    element_selected = Signal(int)
    # -- the ids of every selected box, whenever the selection changes (not on reveal)
    selection_changed = Signal(list)

    def __init__(self, document: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        # -- the scene has a parent: kept only in a local variable it would be collected
        self.scene = QGraphicsScene(self)
        # -- links span the map: indexing them took seconds at thousands of elements,
        #    and finding the few items under the mouse needs no index
        self.scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.view = MapView(self.scene, self)
        self.view.setAccessibleName(self.tr("Cascade map"))
        self.layout_engine = MapLayout()
        self.boxes: dict[int, ElementBox] = {}
        self.lines: dict[tuple[int, int], LinkLine] = {}
        self.elements: dict[int, ElementRow] = {}
        self.links: list[Link] = []
        # -- an element to select once the map is drawn
        self._to_reveal: int | None = None
        self.node_colours: dict[int, str] = {}
        self.node_names: dict[int, str] = {}
        self._fitted = False
        self.legend = QLabel(self)
        self.legend.setAccessibleName(self.tr("Map legend"))
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)

        buttons = QHBoxLayout()
        for label, tip, slot in (
            ("Fit to view", "Show the whole map (Ctrl+0)", self.fit),
            ("Zoom in", "Ctrl+wheel or Ctrl+plus", lambda: self.view.zoom(1.25)),
            ("Zoom out", "Ctrl+wheel or Ctrl+minus", lambda: self.view.zoom(0.8)),
            ("Tidy layout", "Lay the whole map out afresh", self.tidy),
            ("Link to…", "Link the selected element to another", self.link_selected),
        ):
            button = QPushButton(self.tr(label), self)
            button.setAccessibleName(self.tr(label))
            button.setToolTip(self.tr(tip))
            button.clicked.connect(lambda _=False, slot=slot: slot())
            buttons.addWidget(button)
        buttons.addStretch(1)
        fit = QAction(self.tr("Fit to view"), self)
        fit.setShortcut("Ctrl+0")
        fit.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        fit.triggered.connect(self.fit)
        self.addAction(fit)
        note = QLabel(self.tr("Drag from one box to another to link them; select a link and "
                              "press Delete to remove it. Right-click for more."), self)
        note.setObjectName("hint")
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.legend)
        layout.addWidget(self.view, 1)
        layout.addWidget(note)

        self.view.link_requested.connect(self.link)
        self.view.delete_requested.connect(self.delete_selected)
        self.scene.selectionChanged.connect(self._selection_changed)
        self.watch(document)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # -- the first fit needs the view's real size, known only once it is shown
        if not self._fitted:
            self._fitted = True
            self.fit()

    # -- loading

    def _graph(self) -> Graph:
        parents: dict[int, list[int]] = {}
        for link in self.links:
            parents.setdefault(link.child_id, []).append(link.parent_id)
        return Graph({i: r.type for i, r in self.elements.items()},
                     list(self.elements), parents)

    def _load_nodes(self, conn: Any) -> None:
        nodes = accountability.nodes(conn)
        self.node_names = {n.id: n.name or "(unnamed node)" for n in nodes}
        self.node_colours = {n.id: NODE_COLOURS[i % len(NODE_COLOURS)]
                             for i, n in enumerate(nodes)}
        used = {r.node_id for r in self.elements.values()}
        chips = [f"<span style='background:{self.node_colours[n]};'>&nbsp;&nbsp;&nbsp;&nbsp;"
                 f"</span>&nbsp;{_escape(self.node_names[n])}"
                 for n in self.node_names if n in used]
        if None in used:
            chips.append(f"<span style='background:{NO_NODE_COLOUR};'>&nbsp;&nbsp;&nbsp;&nbsp;"
                         f"</span>&nbsp;{self.tr('no node yet')}")
        self.legend.setText(self.tr("Accountability nodes: ") + " &nbsp; ".join(chips)
                            if chips else self.tr("No accountability nodes yet."))

    def reload(self, full: bool = False) -> None:
        """Fetch the cascade and redraw; keep every box that stays in its layer where it is."""
        shown = self.document.cascade()
        self.elements, self.links = shown.elements, shown.links
        with self.document.read() as conn:
            self._load_nodes(conn)
        graph = self._graph()
        positions = self.layout_engine.full(graph) if full else self.layout_engine.update(graph)
        for element_id in list(self.boxes):
            if element_id not in self.elements:
                self.scene.removeItem(self.boxes.pop(element_id))
        for element_id, row in self.elements.items():
            box = self.boxes.get(element_id)
            if box is None:
                box = self.boxes[element_id] = ElementBox(element_id)
                self.scene.addItem(box)
            self._paint_box(box, row)
            box.setPos(*positions[element_id])
        self._draw_links()
        self.scene.setSceneRect(_around(positions.values()))
        if full:
            self.fit()
        if self._to_reveal is not None:
            self.reveal(self._to_reveal)

    def _paint_box(self, box: ElementBox, row: ElementRow) -> None:
        node = row.node_id
        box.show_element(row, self.node_colours.get(node, NO_NODE_COLOUR) if node else
                         NO_NODE_COLOUR, self.node_names.get(node, "") if node else "")

    def _draw_links(self) -> None:
        wanted = {(link.parent_id, link.child_id): link for link in self.links
                  if link.parent_id in self.boxes and link.child_id in self.boxes}
        for key in list(self.lines):
            if key not in wanted:
                self.scene.removeItem(self.lines.pop(key))
        tip = self.tr("Alignment link: select it and press Delete to remove it")
        for key, link in wanted.items():
            line = self.lines.get(key)
            if line is None:
                line = self.lines[key] = LinkLine(*key, tip)
                self.scene.addItem(line)
            line.connect(self.boxes[key[0]], self.boxes[key[1]], link.weight)

    def repaint_rows(self, changes: Changes) -> None:
        if changes.touches(AccountabilityNode):
            self.reload()
            return
        shown = self.document.cascade()
        fresh = [i for i in changes.rows_of(Element) if i in shown.elements]
        if any(i not in self.elements or shown.elements[i].type is not self.elements[i].type
               for i in fresh):
            # -- an element changed kind: it may move to another layer
            self.reload()
            return
        self.elements = shown.elements
        if changes.rows_of(Alignment):
            self.links = shown.links
            self._draw_links()
        for element_id in fresh:
            if element_id in self.boxes:
                self._paint_box(self.boxes[element_id], self.elements[element_id])

    # -- actions

    def fit(self) -> None:
        """Show the whole map."""
        self.view.fitInView(self.scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def tidy(self) -> None:
        """Lay the whole map out afresh."""
        self.reload(full=True)

    def _guard(self, action: Any) -> Any:
        try:
            return action()
        except (EditRejectedError, WorkshopFileError) as error:
            QMessageBox.warning(self, self.tr("Not changed"), str(error))
            return None

    def link(self, first_id: int, second_id: int) -> None:
        """Link two elements, the higher one in the cascade as the parent."""
        self._guard(lambda: cascade.link_either_way(self.document, first_id, second_id))

    def selected_ids(self) -> list[int]:
        """Return the ids of the selected boxes."""
        return [item.element_id for item in self.scene.selectedItems()
                if isinstance(item, ElementBox)]

    def link_selected(self) -> None:
        """Ask which element to link the selected one to, and link them."""
        ids = self.selected_ids()
        if len(ids) != 1:
            QMessageBox.information(self, self.tr("Link to…"),
                                    self.tr("Select one box on the map first."))
            return
        source = ids[0]
        choices = {f"{NOUNS[r.type].capitalize()}: {r.title or '(untitled)'}"
                   f"  [{i}]": i for i, r in self.elements.items() if i != source}
        picked, ok = QInputDialog.getItem(self, self.tr("Link to…"),
                                          self.tr("Link the selected element to:"),
                                          list(choices), 0, False)
        if ok and picked in choices:
            self.link(source, choices[picked])

    def delete_selected(self) -> None:
        """Remove the selected links; with no link selected, delete the selected elements."""
        lines = [item for item in self.scene.selectedItems() if isinstance(item, LinkLine)]
        if lines:
            for line in lines:
                if self._guard(lambda line=line: cascade.unlink(
                        self.document, line.parent_id, line.child_id)) is None and \
                        (line.parent_id, line.child_id) in self.lines:
                    break
            return
        ids = self.selected_ids()
        if ids:
            self._guard(lambda: cascade.delete_elements(self.document, ids))

    def reveal(self, element_id: int) -> None:
        """Select the box of ``element_id`` and bring it into view (once drawn, if not yet)."""
        box = self.boxes.get(element_id)
        self._to_reveal = element_id if box is None else None
        if box is None or (box.isSelected() and len(self.scene.selectedItems()) == 1):
            return
        self.scene.blockSignals(True)
        self.scene.clearSelection()
        box.setSelected(True)
        self.scene.blockSignals(False)
        self.view.ensureVisible(box)

    def _selection_changed(self) -> None:
        ids = self.selected_ids()
        self.selection_changed.emit(ids)
        if len(ids) == 1:
            self.element_selected.emit(ids[0])

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        point = self.view.mapFromGlobal(event.globalPos())
        menu = QMenu(self)
        items = self.view.items(point)
        box = next((i for i in items if isinstance(i, ElementBox)), None)
        line = next((i for i in items if isinstance(i, LinkLine)), None)
        if box is not None:
            self.scene.clearSelection()
            box.setSelected(True)
            menu.addAction(self.tr("Link to…"), self.link_selected)
            for link in self.links:
                if box.element_id in (link.parent_id, link.child_id):
                    other = link.parent_id if link.child_id == box.element_id else \
                        link.child_id
                    found = self.elements.get(other)
                    title = (found.title if found else "") or "(untitled)"
                    menu.addAction(self.tr("Remove link with “%s”") % title,
                                   self._unlinker(link.parent_id, link.child_id))
        elif line is not None:
            menu.addAction(self.tr("Set weight…"), lambda: self._ask_weight(line))
            menu.addAction(self.tr("Remove link"), self._unlinker(line.parent_id, line.child_id))
        else:
            menu.addAction(self.tr("Fit to view"), self.fit)
            menu.addAction(self.tr("Tidy layout"), self.tidy)
        menu.exec(event.globalPos())

    def _unlinker(self, parent_id: int, child_id: int) -> Callable[[], None]:
        def unlink() -> None:
            self._guard(lambda: cascade.unlink(self.document, parent_id, child_id))

        return unlink

    def _ask_weight(self, line: LinkLine) -> None:
        link = next((x for x in self.links if (x.parent_id, x.child_id) ==
                     (line.parent_id, line.child_id)), None)
        current = link.weight if link and link.weight is not None else 0.0
        value, ok = QInputDialog.getDouble(self, self.tr("Weight"),
                                           self.tr("Share of the parent this link carries (%):"),
                                           current, 0, 100, 1)
        if ok:
            self._guard(lambda: cascade.set_weight(self.document, line.parent_id, line.child_id,
                                                   value))


def _around(corners: Collection[tuple[float, float]]) -> QRectF:
    """Return the rectangle around boxes at ``corners``, with a margin."""
    xs, ys = zip(*corners, strict=True) if corners else ((0.0,), (0.0,))
    return QRectF(min(xs) - 40, min(ys) - 40, max(xs) - min(xs) + BOX_WIDTH + 80,
                  max(ys) - min(ys) + BOX_HEIGHT + 80)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
