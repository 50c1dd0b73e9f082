"""Chart data whose embedded workbook holds every label as text, never as a formula.

python-pptx writes each chart's data into an Excel workbook inside the deck with
XlsxWriter, whose ``write`` turns text starting with ``=`` or ``{=`` into a
formula and ``http://…`` into a link. These classes hand it a sheet that writes
every piece of text as text; labels are also neutralised (``safe.chart_label``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from pptx.chart.data import BubbleChartData, CategoryChartData
from pptx.chart.xlsx import BubbleWorkbookWriter, CategoryWorkbookWriter


class _TextSheet:
    """An XlsxWriter sheet through which text can only be written as text."""

    def __init__(self, sheet: Any) -> None:
        self._sheet = sheet

    def write(self, row: int, column: int, value: Any, *style: Any) -> Any:
        if isinstance(value, str):
            return self._sheet.write_string(row, column, value, *style)
        return self._sheet.write(row, column, value, *style)

    def write_column(self, row: int, column: int, values: Sequence[Any], *style: Any) -> None:
        for offset, value in enumerate(values):
            self.write(row + offset, column, value, *style)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sheet, name)


class _TextOnly:
    """Open the chart's workbook with a sheet that writes text as text."""

    @contextmanager
    def _open_worksheet(self, xlsx_file: Any) -> Iterator[tuple[Any, _TextSheet]]:
        with super()._open_worksheet(xlsx_file) as (workbook, sheet):  # type: ignore[misc]
            yield workbook, _TextSheet(sheet)


class _CategoryWriter(_TextOnly, CategoryWorkbookWriter):
    pass


class _BubbleWriter(_TextOnly, BubbleWorkbookWriter):
    pass


class TextCategoryChartData(CategoryChartData):
    """Category chart data (bars, columns, radar) with a text-only workbook."""

    @property
    def _workbook_writer(self) -> Any:
        return _CategoryWriter(self)  # type: ignore[no-untyped-call]


class TextBubbleChartData(BubbleChartData):
    """Bubble chart data with a text-only workbook."""

    @property
    def _workbook_writer(self) -> Any:
        return _BubbleWriter(self)  # type: ignore[no-untyped-call]
