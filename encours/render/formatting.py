"""Number, money and date formats for the handbook, in French and English.

They reproduce what the browser's ``Intl.NumberFormat`` prints for ``fr-FR`` and ``en-GB``
(``docs/assets/javascripts/encours-calculators.js``), so a result written into a page at build
time reads exactly like the same result recomputed in the browser.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

NARROW_NBSP = "\u202f"  # fr-FR digit group separator
NBSP = "\u00a0"  # fr-FR space before the currency sign and the percent sign
CURRENCY_SIGNS = {"EUR": "€", "GBP": "£", "USD": "$", "CHF": "CHF"}


def _grouped(value: Decimal, decimals: int, lang: str) -> str:
    quantum = Decimal(1).scaleb(-decimals)
    rounded = value.quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    text = f"{abs(rounded):,.{decimals}f}"  # 1,234.56
    if lang == "fr":
        text = text.replace(",", NARROW_NBSP).replace(".", ",")
    return sign + text


def format_decimal(value: Decimal | str | int, lang: str, decimals: int = 2) -> str:
    """``1234.5`` → ``1 234,50`` (fr) or ``1,234.50`` (en)."""
    return _grouped(Decimal(str(value)), decimals, lang)


def format_integer(value: Decimal | str | int, lang: str) -> str:
    return _grouped(Decimal(str(value)), 0, lang)


def format_percent(value: Decimal | str | int, lang: str) -> str:
    """``12.15`` → ``12,15 %`` (fr) or ``12.15%`` (en): the value is already in percent."""
    return format_decimal(value, lang) + ("%" if lang == "en" else NBSP + "%")


def format_money(value: Decimal | str | int, currency: str, lang: str) -> str:
    """``10000`` EUR → ``10 000,00 €`` (fr) or ``€10,000.00`` (en)."""
    amount = format_decimal(value, lang)
    sign = CURRENCY_SIGNS.get(currency, currency)
    if lang == "fr":
        return f"{amount}{NBSP}{sign}"
    negative = amount.startswith("-")
    return f"{'-' if negative else ''}{sign}{amount.lstrip('-')}"


def format_date(value: dt.date | str, lang: str) -> str:
    """``2025-09-30`` → ``30/09/2025`` (fr and en-GB short dates)."""
    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(value)
    return day.strftime("%d/%m/%Y")


def format_long_date(value: dt.date | str, lang: str) -> str:
    """``2026-09-01`` → ``1er septembre 2026`` (fr) or ``1 September 2026`` (en)."""
    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(value)
    if lang == "en":
        return f"{day.day} {_EN_MONTHS[day.month - 1]} {day.year}"
    first = "1er" if day.day == 1 else str(day.day)
    return f"{first} {_FR_MONTHS[day.month - 1]} {day.year}"


def format_value(value: object, kind: str, lang: str, currency: str = "EUR") -> str:
    """Format one calculator output by its kind (the ``data-format`` of the page element)."""
    if value is None:
        return ""
    match kind:
        case "money":
            return format_money(str(value), currency, lang)
        case "percent":
            return format_percent(str(value), lang)
        case "decimal":
            return format_decimal(str(value), lang)
        case "integer":
            return format_integer(str(value), lang)
        case "date":
            return format_date(str(value), lang)
        case "list":
            return " ".join(str(item) for item in value) if isinstance(value, list) else str(value)
        case _:
            return str(value)


_FR_MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)
_EN_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
