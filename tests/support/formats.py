"""What the page's ``formatValue`` (``encours-calculators.js``, the browser's Intl) and
``encours.formatting`` must write alike: money in EUR, USD and GBP, decimals, percentages,
integers and short dates, in French and English. Used by the Node test
(``tests/render/test_formats_match_intl.py``) and the browser test
(``tests/browser/test_formats_in_page.py``).
"""

from __future__ import annotations

from calculators.languages import LANGUAGES

AMOUNTS = ("0", "0.5", "1234.5", "1234567.891", "-40", "-1234.5", "0.005", "2.675", "1.125",
           "-0.001")  # the last rounds to zero: written with no sign, in Python and the page
DATES = ("2025-09-30", "2026-01-01", "2026-12-31")
CURRENCIES = ("EUR", "USD", "GBP")

Case = tuple[str, str, str, str]
"""The arguments of ``formatValue``: value, format (an output's ``data-format``), language,
currency."""

AGREED: list[Case] = [
    *((value, "money", lang, currency)
      for currency in CURRENCIES for lang in LANGUAGES for value in AMOUNTS),
    *((value, kind, lang, "EUR")
      for kind in ("decimal", "percent", "integer") for lang in LANGUAGES for value in AMOUNTS),
    *((day, "date", lang, "EUR") for lang in LANGUAGES for day in DATES),
]
