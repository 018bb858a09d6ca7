"""Build-time formats must read exactly like the browser's Intl formats (fr-FR, en-GB)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from encours.render import formatting

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


def test_percent_and_integers() -> None:
    assert formatting.format_percent(Decimal("12.15"), "fr") == f"12,15{NBSP}%"
    assert formatting.format_percent("12.15", "en") == "12.15%"
    assert formatting.format_integer(61, "fr") == "61"
    assert formatting.format_integer(10000, "fr") == f"10{NNBSP}000"


def test_dates() -> None:
    assert formatting.format_date("2025-09-30", "fr") == "30/09/2025"
    assert formatting.format_long_date(dt.date(2026, 9, 1), "fr") == "1er septembre 2026"
    assert formatting.format_long_date(dt.date(2026, 9, 2), "fr") == "2 septembre 2026"
    assert formatting.format_long_date(dt.date(2026, 9, 1), "en") == "1 September 2026"


def test_format_value_by_kind() -> None:
    assert formatting.format_value("243.05", "money", "fr") == f"243,05{NBSP}€"
    assert formatting.format_value(None, "money", "fr") == ""
    assert formatting.format_value(["a", "b"], "list", "fr") == "a b"
