"""Number, money and date formats for the handbook, in French and English, from CLDR (Babel).

The page's JavaScript (``docs/assets/javascripts/encours-calculators.js``) formats the results
the browser computes with ``Intl.NumberFormat`` and ``Intl.DateTimeFormat`` for ``fr-FR`` and
``en-GB``; both read CLDR, so a result written into a page at build time reads exactly like the
same result recomputed in the browser, for every currency (``US$1,234.50``, ``1 234,50 $US``).
The options match the page's: money with two decimals, decimals and percentages with two,
integers with none, short dates (``30/09/2025``).

Numbers are ``Decimal`` (or ``int``, or a string holding a decimal) and never ``float``. They
are rounded once, half-up to the last digit shown, as the calculators and ``Intl`` round
(Babel alone would round half-even), and a rounded zero has no sign. The one rule CLDR lacks is
French's ordinal first day of the month: ``1er septembre 2026``.

This module sits beside the policy and the renderer, which both use it, and imports neither.
"""

from __future__ import annotations

import copy
import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import Literal

from babel import Locale, dates, numbers

LOCALES = {"fr": Locale.parse("fr_FR"), "en": Locale.parse("en_GB")}
"""The page's locales: ``en-GB`` for English, ``fr-FR`` for French and any other language."""

Number = Decimal | int | str


def locale(lang: str) -> Locale:
    """The locale the page formats ``lang`` with (``lang === "en" ? "en-GB" : "fr-FR"``)."""
    return LOCALES["en"] if lang == "en" else LOCALES["fr"]


def format_decimal(value: Number, lang: str, decimals: int = 2) -> str:
    """``1234.5`` → ``1 234,50`` (fr, narrow no-break space) or ``1,234.50`` (en)."""
    return numbers.format_decimal(rounded(value, decimals), _pattern("decimal", lang, decimals),
                                  locale(lang))


def format_integer(value: Number, lang: str) -> str:
    """``10000`` → ``10 000`` (fr) or ``10,000`` (en): rounded half-up to a whole number."""
    return format_decimal(value, lang, 0)


def format_percent(value: Number, lang: str, decimals: int | None = 2) -> str:
    """``12.15`` → ``12,15 %`` (fr, no-break space) or ``12.15%`` (en): the value is already in
    percent. ``decimals=None``: as many as written (``12.5`` → ``12,5 %``)."""
    number = _decimal(value)
    places = _places(number) if decimals is None else decimals
    fraction = rounded(number, places).scaleb(-2)  # exact: Babel multiplies it back by 100
    return numbers.format_percent(fraction, _pattern("percent", lang, places), locale(lang))


def format_money(value: Number, currency: str, lang: str) -> str:
    """``10000`` EUR → ``10 000,00 €`` (fr) or ``€10,000.00`` (en); always to the cent, with the
    currency's CLDR symbol: ``1 234,50 $US``, ``US$1,234.50``, ``£1,234.50``."""
    return numbers.format_currency(rounded(value, 2), currency, _pattern("money", lang, 2),
                                   locale(lang), currency_digits=False)


def format_number(value: Decimal | int, lang: str) -> str:
    """A policy figure in a sentence: ``7500`` → ``7 500`` (fr) or ``7,500`` (en), its decimals
    as written (``40.00`` → ``40,00``).

    Amounts (``Decimal``) are grouped from 1 000 up; whole numbers (``int``, e.g. days or a
    year) from 10 000, so ``2026`` stays ``2026``.
    """
    number = _decimal(value)
    decimals = _places(number)
    grouped = not isinstance(value, int) or abs(value) >= 10_000
    return numbers.format_decimal(rounded(number, decimals), _pattern("decimal", lang, decimals),
                                  locale(lang), group_separator=grouped)


def format_date(value: dt.date | str, lang: str) -> str:
    """``2025-09-30`` → ``30/09/2025`` (fr and en-GB short dates)."""
    return dates.format_date(_date(value), "short", locale(lang))


def format_long_date(value: dt.date | str, lang: str) -> str:
    """``2026-09-01`` → ``1er septembre 2026`` (fr) or ``1 September 2026`` (en)."""
    day = _date(value)
    text = dates.format_date(day, "long", locale(lang))
    if lang == "fr" and day.day == 1:
        # CLDR writes "1 septembre 2026"; French writes the first of the month as an ordinal.
        text = text.replace("1", "1er", 1)
    return text


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
        case "names":
            return ", ".join(str(item) for item in value) if isinstance(value, list) else str(value)
        case _:
            return str(value)


def rounded(value: Number, decimals: int) -> Decimal:
    """``value`` rounded half-up (away from zero) to ``decimals`` places; a zero without sign."""
    number = _decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return abs(number) if number.is_zero() else number


def _decimal(value: Number) -> Decimal:
    if isinstance(value, float):
        raise TypeError(f"{value!r} is a float: pass a Decimal, an int or a string")
    return value if isinstance(value, Decimal) else Decimal(value)


def _places(number: Decimal) -> int:
    """The decimals ``number`` is written with: 2 for ``40.00``, 0 for ``1E+3``."""
    return max(0, -int(number.as_tuple().exponent))


@cache
def _pattern(kind: Literal["decimal", "percent", "money"], lang: str,
             decimals: int) -> numbers.NumberPattern:
    """The locale's standard pattern for ``kind``, showing exactly ``decimals`` places (as the
    page's ``minimumFractionDigits`` and ``maximumFractionDigits`` do)."""
    here = locale(lang)
    standard = {
        "decimal": here.decimal_formats[None],
        "percent": here.percent_formats[None],
        "money": here.currency_formats["standard"],
    }[kind]
    pattern = copy.copy(standard)
    pattern.frac_prec = (decimals, decimals)
    return pattern


def _date(value: dt.date | str) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)
