"""Read numbers and dates as people write them, in a cell or a field, and write numbers back."""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal

_SPACES = re.compile(r"[\s\u00a0\u202f']")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
# -- longer than any amount a workshop holds, shorter than a digit string that stalls float()
MAX_NUMBER_TEXT = 40


def parse_number(text: str) -> float:
    """Return the number ``text`` holds; raise ValueError when it is not one.

    Accepts spaces and apostrophes between digit groups, a currency sign in
    front, a percent sign behind, and a decimal comma (``1,5``); ``1,500`` and
    ``1,500.25`` read as thousands.
    """
    cleaned = _SPACES.sub("", text).lstrip("£$€").rstrip("%")
    if len(cleaned) > MAX_NUMBER_TEXT:
        raise ValueError(text)
    if "," in cleaned:
        if _THOUSANDS.match(cleaned):
            cleaned = cleaned.replace(",", "")
        elif "." not in cleaned and cleaned.count(",") == 1:
            cleaned = cleaned.replace(",", ".")
    value = float(cleaned)
    if not math.isfinite(value):
        raise ValueError(text)
    return value


_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y")


def parse_date(text: str) -> dt.date:
    """Return the date ``text`` holds (ISO, or day first); raise ValueError otherwise."""
    cleaned = text.strip()
    # -- a spreadsheet date cell may come with a midnight time
    cleaned = re.sub(r"[T ]00:00(:00)?(\.0+)?$", "", cleaned)
    for pattern in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(cleaned, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


# -- units written straight before the number ("£2,500") or straight after it ("45%")
_UNIT_BEFORE = frozenset("£$€¥")
_UNIT_AFTER = frozenset({"%", "pp"})
# -- nothing a workshop measures is smaller; beyond it a value would read as a row of zeros
_MOST_PLACES = 9


def number_text(value: float, places: int = 2) -> str:
    """Return ``value`` as a reader writes it: thousands separated, never an exponent.

    At most ``places`` decimals and no trailing zeros; a value too small to show in
    ``places`` keeps two significant figures (down to a billionth) instead of becoming 0.
    """
    if value and abs(value) < 10**-places:
        places = min(1 - math.floor(math.log10(abs(value))), _MOST_PLACES)
    text = f"{value:,.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def field_number(value: float) -> str:
    """Return ``value`` as a field shows it for editing: twelve significant figures,
    thousands separated, no exponent, and read back by ``parse_number`` as the same number."""
    text = f"{Decimal(f'{value:.12g}'):,f}" if value else "0"
    # -- a value beyond any amount would not read back from a row of digits that long
    return text if len(text) <= MAX_NUMBER_TEXT else f"{value:.12g}"


def measure_text(value: float, unit: str | None, places: int = 2) -> str:
    """Return ``value`` with its unit where a reader expects it: "£2,500", "45%", "12 days"."""
    text = number_text(value, places)
    unit = (unit or "").strip()
    if not unit:
        return text
    if unit in _UNIT_BEFORE:
        if "." in text:
            # -- pence and cents in full: £11.50, not £11.5
            text = f"{value:,.2f}"
        return f"-{unit}{text[1:]}" if text.startswith("-") else f"{unit}{text}"
    return f"{text}{unit}" if unit in _UNIT_AFTER else f"{text} {unit}"
