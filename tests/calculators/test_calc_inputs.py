"""Reading typed values: French and English numbers, dates, whole numbers, yes/no, choices."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from calculators.inputs import (
    Invalid,
    parse_boolean,
    parse_choice,
    parse_date,
    parse_integer,
    parse_month,
    parse_number,
)


@pytest.mark.parametrize(("typed", "value"), [
    ("10000", "10000"),
    ("10 000,50", "10000.50"),
    ("10\u00a0000,50", "10000.50"),
    ("10\u202f000,50", "10000.50"),
    ("10,000.50", "10000.50"),
    ("10.000,50", "10000.50"),
    ("1 234 567", "1234567"),
    ("1.234.567", "1234567"),
    ("1,234,567", "1234567"),
    ("12,15", "12.15"),
    ("12.15", "12.15"),
    (",5", "0.5"),
    ("  42  ", "42"),
    ("+7", "7"),
    ("\u22123,5", "-3.5"),
    (12, "12"),
    (Decimal("12.150"), "12.150"),
    (12.15, "12.15"),
])
def test_numbers(typed: object, value: str) -> None:
    parsed = parse_number(typed)
    assert parsed == Decimal(value) and str(parsed) == value


@pytest.mark.parametrize(("typed", "value"), [("12,15 %", "12.15"), ("12.15%", "12.15"),
                                              ("2 %", "2")])
def test_percentages(typed: str, value: str) -> None:
    assert parse_number(typed, percent=True) == Decimal(value)


@pytest.mark.parametrize(("typed", "value"), [("1 250 €", "1250"), ("1250 EUR", "1250"),
                                              ("99,90£", "99.90")])
def test_amounts_with_a_currency(typed: str, value: str) -> None:
    assert parse_number(typed, money=True) == Decimal(value)


@pytest.mark.parametrize("typed", [
    "", "abc", "1 2", "12,3,4.5", "1.2.3,4,5", "12,15 %", "1e5", "NaN", "Infinity", "--5",
    "1 000 00", "١٢", True, None, [1], {"a": 1}, Decimal("NaN"), float("inf"),
])
def test_not_numbers(typed: object) -> None:
    with pytest.raises(Invalid) as raised:
        parse_number(typed)
    assert raised.value.key == "error.number"


def test_too_long_numbers_are_refused_plainly() -> None:
    with pytest.raises(Invalid) as raised:
        parse_number("1" * 101)
    assert raised.value.key == "error.too_long"
    with pytest.raises(Invalid):
        parse_number("0," + "1" * 21)
    with pytest.raises(Invalid):
        parse_number(Decimal("1E+999999"))
    assert parse_number("9" * 100 + "," + "9" * 20) > 0


def test_negative_zero_is_zero() -> None:
    assert str(parse_number("-0,00")) == "0.00"


@pytest.mark.parametrize(("typed", "value"), [
    ("2025-09-30", date(2025, 9, 30)), (" 2024-02-29 ", date(2024, 2, 29)),
    ("30/09/2025", date(2025, 9, 30)), ("1/2/2025", date(2025, 2, 1)),
    (date(2025, 1, 1), date(2025, 1, 1)),
])
def test_dates(typed: object, value: date) -> None:
    assert parse_date(typed) == value


@pytest.mark.parametrize(("typed", "key"), [
    ("2025-02-29", "error.date_impossible"), ("2025-13-01", "error.date_impossible"),
    ("20250930", "error.date"), ("2025-9-30", "error.date"), ("30.09.2025", "error.date"),
    ("2025-09-30T10:00", "error.date"), (20250930, "error.date"), ("", "error.date"),
])
def test_not_dates(typed: object, key: str) -> None:
    with pytest.raises(Invalid) as raised:
        parse_date(typed)
    assert raised.value.key == key


def test_months() -> None:
    assert parse_month("2025-01") == (2025, 1)
    for typed in ("2025-1", "2025-00", "2025-13", "01-2025", 202501):
        with pytest.raises(Invalid):
            parse_month(typed)


@pytest.mark.parametrize(("typed", "value"), [(30, 30), ("30", 30), (" 1 000 ", 1000),
                                              ("-3", -3), (Decimal("30.0"), 30), (30.0, 30)])
def test_whole_numbers(typed: object, value: int) -> None:
    assert parse_integer(typed) == value


@pytest.mark.parametrize("typed", ["3,5", "3.5", Decimal("3.5"), 3.5, True, "trente", "",
                                   "1" * 19, Decimal("Infinity")])
def test_not_whole_numbers(typed: object) -> None:
    with pytest.raises(Invalid):
        parse_integer(typed)


@pytest.mark.parametrize(("typed", "value"), [(True, True), ("oui", True), ("Non", False),
                                              ("false", False), (1, True), (0, False)])
def test_yes_no(typed: object, value: bool) -> None:
    assert parse_boolean(typed) is value


@pytest.mark.parametrize("typed", ["peut-être", 2, None, "vrai ou faux"])
def test_not_yes_no(typed: object) -> None:
    with pytest.raises(Invalid):
        parse_boolean(typed)


def test_choices_match_whatever_the_case_and_numbers_as_text() -> None:
    assert parse_choice("fr", ("FR", "EU")) == "FR"
    assert parse_choice("360", (365, 360)) == 360
    assert parse_choice(360, (365, 360)) == 360
    for typed in ("FRANCE", 364, True, None):
        with pytest.raises(Invalid):
            parse_choice(typed, ("FR", "EU", 365))
