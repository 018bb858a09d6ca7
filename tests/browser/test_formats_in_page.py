"""In Chromium, a calculator page writes numbers as Python does: the result written at build
time (Python, ``encours.formatting``) reads exactly as the page's own ``formatValue`` (the
browser's Intl) writes the same values once Python in the page takes over, and so do money in
EUR, USD and GBP, decimals, percentages, integers and dates, in French and English.

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

FORMATTER_READY = "() => typeof window.encoursCalculators?.formatValue === 'function'"
FORMAT_IN_PAGE = "(cases) => cases.map((args) => window.encoursCalculators.formatValue(...args))"
NUMBERS_AND_DATES = {"money", "percent", "decimal", "integer", "date"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_texts_before_and_after_python_starts_are_the_same(
    calculator: Calculator, lang: str
) -> None:
    calculator.open(lang=lang)
    page = calculator.page
    page.wait_for_function(FORMATTER_READY)
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
