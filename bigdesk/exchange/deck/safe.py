"""Text and numbers made safe for the deck, in one place.

Everything the plan puts on a slide passes through here: characters XML 1.0
forbids (control characters, lone surrogates, non-characters) are removed,
numbers that are not finite become gaps, and chart category labels cannot turn
into formulas in the chart's embedded workbook.
"""

from __future__ import annotations

import math
import re

from bigdesk.domain import values
from bigdesk.exchange.tabular import XML_FORBIDDEN, neutralise

# -- vertical tab and form feed read as line breaks to the people who typed them
_BREAKS = re.compile("[\v\f\u2028\u2029]")


def text(value: object) -> str:
    """Return ``value`` as text that any XML part of the deck can hold."""
    if value is None:
        return ""
    if isinstance(value, float):
        return number_text(value)
    raw = value if isinstance(value, str) else str(value)
    return XML_FORBIDDEN.sub("", _BREAKS.sub("\n", raw.replace("\r\n", "\n")))


def line(value: object) -> str:
    """Return ``value`` as safe text on one line (line breaks become spaces)."""
    return " ".join(text(value).split())


def number(value: object) -> float | None:
    """Return ``value`` as a finite float, or None (a gap) when it is missing or not finite."""
    if value is None or isinstance(value, bool):
        return None
    try:
        result = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return result if math.isfinite(result) else None


def number_text(value: object, digits: int = 1) -> str:
    """Return a number as a reader wants it (no trailing zeros), or "" for a gap."""
    result = number(value)
    return "" if result is None else values.number_text(result, digits)


def measure_text(value: object, unit: str | None) -> str:
    """Return a key result's or benefit's value with its unit ("£2,500", "45%"), or "—"."""
    result = number(value)
    return "—" if result is None else values.measure_text(result, line(unit))


def chart_label(value: object) -> str:
    """Return a category or series name that stays text in the chart's embedded workbook."""
    # -- cleaned first, neutralised last; the workbook writer also writes it as text
    return str(neutralise(line(value) or " "))
