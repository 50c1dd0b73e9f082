"""The plan's calendar: quarters from the session onwards, and the financial years they fall in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, select

from bigdesk.model import PlanningSettings, Workshop

SETTINGS_ID = 1
# -- five years of quarters: a First Steps plan looks no further
MAX_QUARTERS = 20
DEFAULT_QUARTERS = 8
DEFAULT_YEAR_START = 4
YEAR_STARTS = (1, 4, 7, 10)


def quarter_start(day: dt.date) -> dt.date:
    """Return the first day of the calendar quarter holding ``day``."""
    return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def first_quarter_from(day: dt.date) -> dt.date:
    """Return the first day of the first calendar quarter that begins on or after ``day``."""
    start = quarter_start(day)
    return start if start == day else add_quarters(start, 1)


def add_quarters(first_day: dt.date, count: int) -> dt.date:
    """Return the first day of the quarter ``count`` quarters after ``first_day``'s."""
    months = first_day.year * 12 + first_day.month - 1 + 3 * count
    return dt.date(months // 12, months % 12 + 1, 1)


@dataclass(frozen=True)
class Horizon:
    """Quarters numbered from 0, starting on ``first``, and the month financial years start."""

    first: dt.date
    quarters: int = DEFAULT_QUARTERS
    year_start_month: int = DEFAULT_YEAR_START

    def start(self, quarter: int) -> dt.date:
        """Return the first day of quarter ``quarter``."""
        return add_quarters(self.first, quarter)

    def end(self, quarter: int) -> dt.date:
        """Return the last day of quarter ``quarter``."""
        return add_quarters(self.first, quarter + 1) - dt.timedelta(days=1)

    def label(self, quarter: int) -> str:
        """Return the calendar name of quarter ``quarter``, such as 2027-Q1."""
        day = self.start(quarter)
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"

    def index(self, day: dt.date) -> int:
        """Return the number of the quarter holding ``day`` (negative before the horizon)."""
        start = quarter_start(day)
        return ((start.year - self.first.year) * 12 + start.month - self.first.month) // 3

    def year(self, quarter: int) -> int:
        """Return the financial year of quarter ``quarter``: the calendar year it starts in."""
        day = self.start(quarter)
        return day.year if day.month >= self.year_start_month else day.year - 1

    def years(self) -> list[int]:
        """Return the financial years the horizon touches, in order."""
        return sorted({self.year(q) for q in range(self.quarters)})

    def year_label(self, year: int) -> str:
        """Return a financial year's name: FY2027 when it is the calendar year, else FY2027/28."""
        if self.year_start_month == 1:
            return f"FY{year}"
        return f"FY{year}/{(year + 1) % 100:02d}"


def load_horizon(conn: Connection, today: dt.date | None = None) -> Horizon:
    """Return the workshop's horizon: from its start (or session date, or today) onwards."""
    row = conn.execute(select(PlanningSettings.horizon_start, PlanningSettings.horizon_quarters,
                              PlanningSettings.year_start_month)
                       .where(PlanningSettings.id == SETTINGS_ID)).first()  # fmt: skip
    start = row.horizon_start if row is not None else None
    if start is None:
        start = conn.execute(select(Workshop.session_date)).scalar()
    if start is None:
        start = today or dt.date.today()
    if row is None:
        return Horizon(first_quarter_from(start))
    return Horizon(first_quarter_from(start), row.horizon_quarters, row.year_start_month)
