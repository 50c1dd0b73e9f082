"""Numbers written back for people: no exponent, no trailing zeros, units where readers expect."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from bigdesk.domain.values import field_number, measure_text, number_text, parse_number


def test_numbers_read_as_people_write_them() -> None:
    assert number_text(2_500_000.0) == "2,500,000"
    assert number_text(12_345.0) == "12,345"
    assert number_text(3.14159) == "3.14"
    assert number_text(0.5) == "0.5"
    assert number_text(100.0) == "100"
    assert number_text(-0.001) == "-0.001"  # -- too small for two places: two figures kept
    assert number_text(-0.0) == "0"
    assert number_text(1e15) == "1,000,000,000,000,000"


def test_units_sit_where_readers_expect_them() -> None:
    assert measure_text(2_500_000.0, "£") == "£2,500,000"
    assert measure_text(-2.5, "£") == "-£2.50"
    assert measure_text(11.5, "£") == "£11.50"
    assert measure_text(1_450.0, "€") == "€1,450"
    assert measure_text(45.0, "%") == "45%"
    assert measure_text(12.0, " days ") == "12 days"
    assert measure_text(7.0, None) == measure_text(7.0, "") == "7"


@given(st.floats(min_value=-1e15, max_value=1e15, allow_nan=False))
def test_any_amount_reads_back_as_itself(value: float) -> None:
    text = number_text(value)
    assert "e" not in text.lower()
    # -- two decimals, or two significant figures for what is smaller than a hundredth
    assert math.isclose(parse_number(text), value, rel_tol=0.05, abs_tol=0.005)


def test_a_field_shows_its_number_without_an_exponent() -> None:
    assert field_number(2.5e12) == "2,500,000,000,000"
    assert field_number(0.1 + 0.2) == "0.3"
    assert field_number(0.00015) == "0.00015"
    assert field_number(-1234.5) == "-1,234.5"
    assert field_number(1e300) == "1e+300"
    assert field_number(-0.0) == "0"


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_a_field_reads_back_what_it_shows(value: float) -> None:
    assert math.isclose(parse_number(field_number(value)), value, rel_tol=1e-11, abs_tol=0)
