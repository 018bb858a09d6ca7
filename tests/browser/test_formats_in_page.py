"""In Chromium, a calculator page writes numbers as Python does: the result written at build time
(Python, ``encours.formatting``) reads exactly as the page's own ``formatValue`` (the browser's
Intl, ``encours-formats.js``) writes the same values once Python in the page takes over, and so
do money in EUR, USD and GBP, decimals, percentages, integers and dates, in French and English.

Only the page's script is needed, not Python in the page: the test reads the page before the
worker's first result and asks its formatter directly.
"""

from __future__ import annotations

import pytest

from encours import formatting
from tests.support.calculator_page import Calculator
from tests.support.formats import AGREED
from tests.support.harness import LANGUAGES

pytestmark = pytest.mark.browser

# The page's own format module, imported from where the page loads its scripts.
FORMAT_IN_PAGE = """async (cases) => {
  const script = document.querySelector('script[src*="encours-calculators.js"]');
  const { formatValue } = await import(new URL("encours-formats.js", script.src).href);
  return cases.map(([value, format, lang, currency]) => formatValue(value, format,
                                                                    { lang, currency }));
}"""
NUMBERS_AND_DATES = {"money", "percent", "decimal", "integer", "date"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_texts_before_and_after_python_starts_are_the_same(
    calculator: Calculator, lang: str
) -> None:
    calculator.open(lang=lang)
    page = calculator.page
    form = page.locator("form[data-calculator]")
    assert form.get_attribute("data-lang") == lang
    currency = form.get_attribute("data-currency")

    shown = [output for output in calculator.shown()["outputs"].values()
             if output["format"] in NUMBERS_AND_DATES and output["value"]]
    assert {output["format"] for output in shown} >= {"money", "percent", "integer"}
    built = [(output["value"], output["format"], lang, currency) for output in shown]
    texts = [output["text"] for output in shown]
    assert texts == [formatting.format_value(*case) for case in built]
    assert page.evaluate(FORMAT_IN_PAGE, built) == texts

    cases = [case for case in AGREED if case[2] == lang]
    in_page = page.evaluate(FORMAT_IN_PAGE, cases)
    assert in_page == [formatting.format_value(*case) for case in cases]
