"""Any JSON input the command line accepts, opened as a shareable link with the same fields and no
others, shows the command line's result: a property test over random subsets of each calculator's
fields, in Chromium.

For each calculator, hypothesis draws a subset of the fields the page has an input for, and for
each a value the calculators read (a JSON number or a string typed the French or the English way,
a choice in any case, a date as ``YYYY-MM-DD`` or ``DD/MM/YYYY``, a box as ``oui`` or ``1``…);
inputs the command line refuses are not shareable results and are skipped. The input goes to
``python -m calculators NAME`` (:func:`calculators.__main__.main`, in this process) and, as the
query string :func:`link` writes, to the calculator's page, opened by following a link within the
site (Material's instant navigation: one Python per page for every example). Every output, row,
list and text the page shows is then compared with the command line's JSON.

Lists the page has no input for (the penalty's ``payments`` and ``invoices``, which come through
the batch import) are not drawn; the DSO's ``months`` are, as the page's lines of text.
"""

from __future__ import annotations

import io
import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from playwright.sync_api import Page

from calculators.__main__ import main
from calculators.inputs import Field
from calculators.specs import SPECS
from encours import formatting
from encours.i18n import Catalogue
from encours.render.calculator_pages import LAYOUTS
from tests.support.browser import BootedPages, calculator_url
from tests.support.calculator_page import RESULT_SHOWN, assert_result

pytestmark = pytest.mark.browser

FORM = "form[data-calculator]"
EXAMPLES = 8
COMPUTED_TIMEOUT_MS = 20_000  # Python is ready: a computation takes well under a second
# One language per calculator (each page started once), both languages covered.
PAGES = [("penalty", "fr"), ("dso", "en"), ("cei", "fr"), ("discount", "en"), ("unpaid", "fr"),
         ("limit", "en"), ("order", "fr"), ("plan", "en"), ("bonus", "fr")]
# The policy tools' values: the example policy's assets/policy.json, as the tests of the core
# read it (tests/calculators/policy_document.json, checked against policy/ there).
POLICY_FILE = Path(__file__).parents[1] / "calculators" / "policy_document.json"
POLICY = json.loads(POLICY_FILE.read_text("utf-8"))
CAUSES = [cause["id"] for cause in POLICY["policy"]["blocked_orders"]["causes"]]
CRITERIA = [criterion["id"] for criterion in POLICY["policy"]["incentives"]["criteria"]]

# Follows a link to `href` as a reader would, within the site: Material's instant navigation
# swaps the page in, Python is kept, and the calculator form is bound anew with the link.
FOLLOW = """
(href) => {
  const link = document.createElement("a");
  link.href = href;
  link.textContent = "link";
  document.querySelector(".md-content").append(link);
  link.click();
}
"""


def page_fields(name: str) -> list[Field]:
    """The calculator's fields the page has an input for (an object field: one input per
    entry)."""
    texts = LAYOUTS[name].texts
    return [field for field in SPECS[name].fields if field.kind != "list" or field.name in texts]


def link_text(value: Any) -> str:
    """A JSON value as a link writes it: text as it is, a number in plain digits (never
    ``1E+5``), a boolean as ``true``/``false``, the DSO's months as lines ``YYYY-MM sales``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, list):
        return "\n".join(f"{item['month']} {link_text(item['sales'])}" for item in value)
    return str(value)


def link(payload: dict[str, Any]) -> str:
    """The shareable link's query string for a JSON input: its fields, no others (``lang`` is
    the page's own); an object field's entries as ``field.key`` (the bonus's results)."""
    query = {}
    for key, value in payload.items():
        if isinstance(value, dict):
            query.update({f"{key}.{entry}": link_text(item) for entry, item in value.items()})
        elif key != "lang":
            query[key] = link_text(value)
    return urlencode(query)


def to_json(value: Any) -> str:
    """JSON text, decimals written exactly as their digits (``json`` would want floats)."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(str(key))}: {to_json(item)}"
                               for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(map(to_json, value)) + "]"
    return json.dumps(value)


def run_command_line(name: str, payload: dict[str, Any],
                     policy: Path = POLICY_FILE) -> tuple[int, dict[str, Any]]:
    """``python -m calculators NAME`` (``--policy assets/policy.json`` for a policy tool)."""
    out = io.StringIO()
    options = ["--policy", str(policy)] if SPECS[name].uses_policy else []
    status = main([name, *options], stdin=io.StringIO(to_json(payload)), stdout=out,
                  stderr=io.StringIO())
    return status, json.loads(out.getvalue())


# --- values the calculators read ---------------------------------------------------------------

def _decimal(low: int, high: int, places: int) -> st.SearchStrategy[Decimal]:
    scale = 10 ** places
    return st.integers(low * scale, high * scale).map(lambda n: Decimal(n) / scale)


def _french(number: Decimal) -> str:
    """``1 234,5``: thousands by (non-breaking) spaces, a decimal comma."""
    whole, _, fraction = format(number, "f").partition(".")
    sign = "-" if whole.startswith("-") else ""
    digits = whole.lstrip("-")
    groups = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    text = sign + "\u202f".join(groups or ["0"])
    return text + ("," + fraction if fraction else "")


def _english(number: Decimal) -> str:
    return f"{number:,f}"


def numbers(low: int, high: int, *, places: int = 2, suffix: str = "") -> st.SearchStrategy[Any]:
    """A number in the forms the calculators read: JSON number, plain, French, English, with a
    unit (``€``, ``%``)."""
    return _decimal(low, high, places).flatmap(lambda number: st.sampled_from([
        number, format(number, "f"), _french(number), _english(number),
        f"{_french(number)} {suffix}".strip(),
    ]))


def integers(low: int, high: int) -> st.SearchStrategy[Any]:
    return st.integers(low, high).flatmap(
        lambda number: st.sampled_from([number, str(number), f" {number} "]))


def dates(low: date = date(2019, 1, 1), high: date = date(2026, 11, 30)) -> st.SearchStrategy[str]:
    return st.dates(low, high).flatmap(lambda day: st.sampled_from([
        day.isoformat(), day.strftime("%d/%m/%Y"), f"{day.day}/{day.month}/{day.year}",
    ]))


def choices(field: Field) -> st.SearchStrategy[Any]:
    def forms(choice: Any) -> list[Any]:
        text = str(choice)
        return [choice, text, text.lower(), text.upper(), text.capitalize(), f" {text} "]
    return st.sampled_from(field.choices).flatmap(lambda choice: st.sampled_from(forms(choice)))


BOOLEANS = st.sampled_from([True, False, "true", "false", "oui", "non", "yes", "no", "1", "0",
                            "Vrai", "FAUX", 1, 0])


def months() -> st.SearchStrategy[list[dict[str, Any]]]:
    """Consecutive months going back from the latest, each with its sales."""
    def going_back(latest: tuple[int, int], sales: list[Any]) -> list[dict[str, Any]]:
        year, month = latest
        items = []
        for amount in sales:
            items.append({"month": f"{year:04d}-{month:02d}", "sales": amount})
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        return items
    return st.builds(going_back, st.tuples(st.integers(2020, 2026), st.integers(1, 12)),
                     st.lists(numbers(1, 500_000), min_size=1, max_size=6))


def values(field: Field) -> st.SearchStrategy[Any]:
    """Values of ``field`` the calculators read, mostly within its bounds."""
    if field.name == "cause":  # the blocked order's: one of the policy's causes
        return st.sampled_from(CAUSES)
    if field.kind == "object":  # the bonus's results: one per criterion of the policy
        return st.fixed_dictionaries({key: numbers(0, 40, places=1) for key in CRITERIA})
    if field.name == "score":
        return integers(0, 100)
    if field.name == "months":  # a plan of 6 months at most, a CEI over a year
        return integers(1, 12)
    if field.name == "arrears":  # instalments of 500 at least
        return numbers(500, 60_000)
    if field.choices:
        return choices(field)
    if field.kind == "boolean":
        return BOOLEANS
    if field.kind == "date":
        return dates()
    if field.kind == "list":
        return months()
    low = 0 if field.above is None and field.at_least is None else int(
        field.above if field.above is not None else field.at_least)
    if field.kind == "integer":
        high = int(field.at_most) if field.at_most is not None else 400
        return integers(low + (1 if field.above is not None else 0), high)
    if field.kind == "rate":
        high = int(field.below) - 1 if field.below is not None else 30
        high = min(high, int(field.at_most)) if field.at_most is not None else high
        return numbers(low, high, suffix="%")
    return numbers(low, 2_000_000, suffix="€")


@st.composite
def accepted_inputs(draw: st.DrawFn, name: str, lang: str) -> dict[str, Any]:
    """A JSON input of calculator ``name``: some of the page's fields, each with a value. A
    field that applies only for another's choice (the DSO's method, the penalty's regime) is
    drawn only when that choice is made."""
    fields = page_fields(name)
    only_when = LAYOUTS[name].only_when
    controllers = {by for by, _ in only_when.values()}
    payload = {}
    for field in fields:
        if field.name in controllers and draw(st.booleans()):
            payload[field.name] = draw(values(field))
    chosen = {field.name: str(payload.get(field.name, field.default)).strip().lower()
              for field in fields if field.name in controllers}
    def applies(field: Field) -> bool:
        by, value = only_when.get(field.name, (None, None))
        return field.name not in controllers and (by is None or chosen[by] == value)

    applying = [field for field in fields if applies(field)]
    for field in applying:
        if field.required or draw(st.booleans()):
            payload[field.name] = draw(values(field))
    if lang != "fr" or draw(st.booleans()):
        payload["lang"] = lang
    return payload


# --- the page -----------------------------------------------------------------------------------

def open_link(page: Page, name: str, lang: str, query: str) -> dict[str, Any]:
    """Follow a link to the calculator page with ``query`` from the calculators' index; what the
    page then shows. (Material's instant navigation fetches a page only when the path changes:
    a link to the same page with another query would not be followed.)"""
    page.evaluate(FOLLOW, calculator_url("index", lang).replace("index/", ""))
    page.wait_for_function("() => !document.querySelector('form[data-calculator]')",
                           timeout=COMPUTED_TIMEOUT_MS)
    before = page.evaluate("() => window.__encoursComputed")
    page.evaluate(FOLLOW, calculator_url(name, lang, query))
    page.wait_for_function(f"() => window.__encoursComputed > {before}",
                           timeout=COMPUTED_TIMEOUT_MS)
    return page.evaluate(RESULT_SHOWN)


def assert_reads(page: Page, shown: dict[str, Any], expected: dict[str, Any]) -> None:
    """Every text shown is the command line's value as the handbook formats it."""
    form = page.locator(FORM)
    lang = form.get_attribute("data-lang")
    currency = expected.get("currency") or form.get_attribute("data-currency")
    words = Catalogue(lang)

    def formatted(value: Any, kind: str) -> str:
        if kind == "yesno":  # words of the page's catalogue
            return words("calculator.js.yes" if value else "calculator.js.no")
        if kind == "letter":  # its **headings** in bold
            return str(value).replace("**", "")
        return formatting.format_value(value, kind, lang, currency)

    for output, node in shown["outputs"].items():
        if expected.get(output) is not None:
            assert node["text"] == formatted(expected[output], node["format"]), output
    for rows_name, rows in shown["rows"].items():
        for row, expected_row in zip(rows, expected.get(rows_name) or [], strict=True):
            for column, cell in row.items():
                assert cell["text"] == formatted(expected_row[column], cell["format"]), column


@pytest.mark.parametrize(("name", "lang"), PAGES, ids=[f"{n}-{lang}" for n, lang in PAGES])
def test_an_accepted_json_input_opened_as_a_link_shows_the_command_line_s_result(
    booted: BootedPages, built_site: Path, name: str, lang: str
) -> None:
    page = booted.ready(name, lang)
    # The command line reads the very file the page reads: the texts the tools return (class
    # names, the letter) are the policy's, in the payload's language.
    policy = built_site / "assets" / "policy.json"

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
    @given(payload=accepted_inputs(name, lang))
    def opened_as_a_link(payload: dict[str, Any]) -> None:
        status, expected = run_command_line(name, payload, policy)
        assume(status == 0)
        query = link(payload)
        shown = open_link(page, name, lang, query)
        errors = page.locator("[data-error-for]:not([hidden]), [data-general-error]:not([hidden])")
        assert errors.count() == 0, [errors.nth(i).text_content() for i in range(errors.count())]
        assert_result(shown, expected, empty_hidden=True)
        assert_reads(page, shown, expected)

    opened_as_a_link()
