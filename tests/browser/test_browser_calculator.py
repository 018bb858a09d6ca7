"""The penalty calculator page in Chromium: its result before Python is ready, then Python's
result, always equal to what CPython's ``calculators`` compute for the same inputs.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from tests.support.harness import LANGUAGES

pytestmark = pytest.mark.browser

# Reference examples (../shared/reference/examples.yaml), rule L441-10 II.
FR_1 = {"amount": "10000", "due_date": "2025-09-30", "payment_date": "2025-11-30"}
FR_1_EXPECTED = {"interest": "203.05", "indemnity": "40.00", "total": "243.05"}
FR_2 = {"amount": "10000", "due_date": "2025-03-31", "payment_date": "2025-05-15"}
FR_2_INTEREST = Decimal("162.12")
LARGE_AMOUNT = "1234567.89"


def texts(shown: dict) -> dict:
    """Only what a reader sees of a result: the text of every output, cell and list item."""
    return {
        "outputs": {name: output["text"] for name, output in shown["outputs"].items()},
        "rows": {
            name: [{column: cell["text"] for column, cell in row.items()} for row in rows]
            for name, rows in shown["rows"].items()
        },
        "lists": shown["lists"],
    }


@pytest.mark.parametrize("lang", LANGUAGES)
def test_default_result_is_shown_before_python_and_python_agrees(calculator, lang: str) -> None:
    """The page's own result, then Python's: the same values, read the same way (the build's
    formats are the browser's ``Intl`` formats)."""
    calculator.open(lang=lang)
    before = calculator.shown()
    assert not calculator.python_ready(), "Python was ready before the page could be read"
    assert {name: calculator.field(name) for name in FR_1} == FR_1, "the defaults are not FR-1"
    for name, expected in FR_1_EXPECTED.items():
        assert Decimal(before["outputs"][name]["value"]) == Decimal(expected), name
    default = calculator.cpython()
    calculator.assert_shows(default, before)
    calculator.assert_reads(default, before)

    calculator.wait_ready()
    calculator.set("amount", LARGE_AMOUNT)  # thousands separators in the browser's formats
    large = calculator.cpython()
    calculator.assert_shows(large)
    calculator.assert_reads(large)
    assert Decimal(large["interest"]) >= 1000

    calculator.set("amount", FR_1["amount"])
    after = calculator.shown()
    calculator.assert_shows(default, after)
    assert texts(after) == texts(before), "Python's result reads differently from the page's"


def test_fr2_inputs_give_its_interest(calculator) -> None:
    calculator.open()
    calculator.wait_ready()
    for name, value in FR_2.items():
        calculator.set(name, value)
    assert calculator.output("interest") == FR_2_INTEREST
    calculator.assert_shows(calculator.cpython())


@pytest.mark.parametrize(
    ("name", "value"),
    [("amount", "abc"), ("amount", ""), ("due_date", "")],
    ids=["amount-not-a-number", "amount-missing", "due-date-missing"],
)
def test_bad_input_gets_a_message_next_to_its_field(
    calculator, page: Page, name: str, value: str
) -> None:
    calculator.open()
    calculator.wait_ready()
    good = calculator.field(name)
    calculator.set(name, value)

    expected = calculator.cpython()
    messages = [error["message"] for error in expected.get("errors", [])
                if error["field"] == name]
    assert messages, f"CPython accepts {name}={value!r}: {expected}"
    box = page.locator(f'[data-error-for="{name}"]')
    expect(box).to_be_visible()
    expect(box).to_have_text(" ".join(messages))
    expect(page.locator(f'form[data-calculator] [name="{name}"]')).to_have_attribute(
        "aria-invalid", "true"
    )
    expect(page.locator("[data-general-error]")).to_be_hidden()
    for other in page.locator("[data-error-for]").all():
        if other.get_attribute("data-error-for") != name:
            expect(other).to_be_hidden()
    assert "Traceback" not in page.content()

    calculator.set(name, good)
    expect(box).to_be_hidden()
    expect(box).to_have_text("")
    calculator.assert_shows(calculator.cpython())


def test_shareable_link_fills_the_form_and_computes(calculator) -> None:
    inputs = {"amount": "20000", "due_date": "2025-09-30", "payment_date": "2025-11-30"}
    calculator.open("?" + "&".join(f"{name}={value}" for name, value in inputs.items()))
    assert {name: calculator.field(name) for name in inputs} == inputs
    calculator.wait_computed(0)
    expected = calculator.cpython()
    assert calculator.output("interest") == Decimal(expected["interest"])
    calculator.assert_shows(expected)
