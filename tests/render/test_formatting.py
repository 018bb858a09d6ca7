"""Build-time formats: CLDR's, as the browser's Intl writes them (fr-FR, en-GB), rounded half-up.

That Python and the browser agree is checked against Node's Intl in ``test_formats_match_intl.py``
and in a calculator page in ``tests/browser/test_formats_in_page.py``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from encours import formatting

NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        ("203.05", "fr", f"203,05{NBSP}€"),
        ("10000", "fr", f"10{NNBSP}000,00{NBSP}€"),
        ("1234567.891", "fr", f"1{NNBSP}234{NNBSP}567,89{NBSP}€"),
        ("0.005", "fr", f"0,01{NBSP}€"),  # half-up, not banker's rounding
        ("203.05", "en", "€203.05"),
        ("10000", "en", "€10,000.00"),
        ("-40", "en", "-€40.00"),
        ("-40", "fr", f"-40,00{NBSP}€"),
    ],
)
def test_money(value: str, lang: str, expected: str) -> None:
    assert formatting.format_money(value, "EUR", lang) == expected


def test_money_other_currency() -> None:
    assert formatting.format_money("70", "GBP", "en") == "£70.00"


@pytest.mark.parametrize(
    ("currency", "lang", "expected"),
    [
        ("USD", "en", "US$1,234.50"),
        ("USD", "fr", f"1{NNBSP}234,50{NBSP}$US"),
        ("GBP", "en", "£1,234.50"),
        ("GBP", "fr", f"1{NNBSP}234,50{NBSP}£GB"),
    ],
)
def test_money_in_dollars_and_pounds_reads_as_cldr(currency: str, lang: str, expected: str) -> None:
    assert formatting.format_money(Decimal("1234.5"), currency, lang) == expected
    assert formatting.format_money("-1234.5", currency, lang) == "-" + expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0.005", "0.01"), ("2.675", "2.68"), ("1.125", "1.13"), ("2.665", "2.67"),
        ("-2.675", "-2.68"), ("-0.001", "0.00"), ("0.0049", "0.00"),
    ],
)
def test_rounding_is_half_up_to_the_cent(value: str, expected: str) -> None:
    """Babel alone rounds half-even (2.665 → 2.66); the calculators and Intl round half-up."""
    assert formatting.format_money(value, "USD", "en") == formatting.format_money(
        expected, "USD", "en")
    assert formatting.format_decimal(Decimal(value), "en") == expected
    assert formatting.rounded(value, 2) == Decimal(expected)


def test_no_float_is_formatted() -> None:
    with pytest.raises(TypeError, match="float"):
        formatting.format_money(2.675, "EUR", "fr")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="float"):
        formatting.format_decimal(0.1, "fr")  # type: ignore[arg-type]


def test_percent_and_integers() -> None:
    assert formatting.format_percent(Decimal("12.15"), "fr") == f"12,15{NBSP}%"
    assert formatting.format_percent("12.15", "en") == "12.15%"
    assert formatting.format_percent(Decimal("30"), "fr", 0) == f"30{NBSP}%"
    assert formatting.format_percent("1234.5", "fr", 1) == f"1{NNBSP}234,5{NBSP}%"
    assert formatting.format_percent("0.125", "en") == "0.13%"
    assert formatting.format_percent(Decimal("12.5"), "fr", None) == f"12,5{NBSP}%"  # as written
    assert formatting.format_percent(Decimal("8"), "en", None) == "8%"
    assert formatting.format_integer(61, "fr") == "61"
    assert formatting.format_integer(10000, "fr") == f"10{NNBSP}000"
    assert formatting.format_integer("2.5", "en") == "3"


def test_numbers_in_sentences_keep_their_decimals() -> None:
    assert formatting.format_number(Decimal("40.00"), "fr") == "40,00"
    assert formatting.format_number(Decimal("1500.5"), "en") == "1,500.5"
    assert formatting.format_number(Decimal("1500"), "fr") == f"1{NNBSP}500"
    assert formatting.format_number(Decimal("-2500"), "fr") == f"-2{NNBSP}500"
    assert formatting.format_number(1500, "en") == "1500"  # a count of four digits stays whole
    assert formatting.format_number(12345, "fr") == f"12{NNBSP}345"


def test_dates() -> None:
    assert formatting.format_date("2025-09-30", "fr") == "30/09/2025"
    assert formatting.format_date(dt.date(2025, 9, 1), "en") == "01/09/2025"
    assert formatting.format_long_date(dt.date(2026, 9, 1), "fr") == "1er septembre 2026"
    assert formatting.format_long_date(dt.date(2026, 9, 2), "fr") == "2 septembre 2026"
    assert formatting.format_long_date(dt.date(2026, 9, 11), "fr") == "11 septembre 2026"
    assert formatting.format_long_date(dt.date(2026, 9, 1), "en") == "1 September 2026"
    assert formatting.format_long_date("2026-08-01", "fr") == "1er août 2026"


def test_format_value_by_kind() -> None:
    assert formatting.format_value("243.05", "money", "fr") == f"243,05{NBSP}€"
    assert formatting.format_value("243.05", "money", "en", "GBP") == "£243.05"
    assert formatting.format_value(None, "money", "fr") == ""
    assert formatting.format_value(["a", "b"], "list", "fr") == "a b"
