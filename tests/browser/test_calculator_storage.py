"""The reader's last inputs, kept in the browser (``localStorage``) under a key made of the
calculator, the policy's version and content hash, and the language: a reload brings them back
and computes them, a shareable link wins over them, both "back to the defaults" buttons forget
them, those kept for another policy are never shown and are removed, and a browser that
refuses storage still computes.

Each test starts from the session's started penalty page (``booted``), its storage emptied and
its form reset; the storage refusals each from a fresh browser context.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qsl, urlsplit

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from encours.i18n import Catalogue
from tests.support.browser import BootedPages
from tests.support.calculator_page import Calculator
from tests.support.harness import LANGUAGES

pytestmark = pytest.mark.browser

NOTE = "[data-restored]"
BOUND = "form[data-calculator][data-bound]"
TYPED = {"amount": "12345,67", "payment_date": "2025-12-15"}

# Storage that refuses, as private browsing, a full quota or a browser setting can make it.
REFUSALS = {
    "storage-denied": """
      Object.defineProperty(window, "localStorage", {
        configurable: true,
        get() { throw new DOMException("storage is disabled", "SecurityError"); },
      });""",
    "storage-failing": """
      for (const name of ["getItem", "setItem", "removeItem", "key", "clear"]) {
        Storage.prototype[name] = function () {
          throw new DOMException("the quota is exceeded", "QuotaExceededError");
        };
      }""",
}


def storage_key(policy_json: dict, lang: str = "fr", *, version: str | None = None,
                content_hash: str | None = None, calculator: str = "penalty") -> str:
    """The key a page uses, for this build's policy unless told otherwise."""
    version = policy_json["version"] if version is None else version
    content_hash = policy_json["content_hash"] if content_hash is None else content_hash
    return f"encours:inputs:{calculator}:{version}:{content_hash}:{lang}"


def query(text: str) -> dict[str, str]:
    return dict(parse_qsl(text))


# The form's inputs as its shareable link names them: those that differ from what a link leaves
# unset (data-unset).
LINKED = """
() => Object.fromEntries([...document.querySelector("form[data-calculator]").elements]
  .filter((field) => field.name && !field.disabled)
  .map((field) => [field, field.type === "checkbox" ? String(field.checked) : field.value.trim()])
  .filter(([field, value]) => value !== (field.dataset.unset ?? ""))
  .map(([field, value]) => [field.name, value]))
"""


def linked(page: Page) -> dict[str, str]:
    """The inputs in the form, as a link to them names them."""
    return page.evaluate(LINKED)


def field(page: Page, name: str):
    return page.locator(f'form[data-calculator] [name="{name}"]')


def default(page: Page, name: str) -> str:
    return field(page, name).get_attribute("data-default") or ""


def typed(calculator: Calculator) -> dict:
    """Type ``TYPED`` (Python is ready); CPython's result for those inputs."""
    for name, value in TYPED.items():
        calculator.set(name, value)
    return calculator.cpython()


def typed_and_kept(booted: BootedPages, policy_json: dict,
                   lang: str = "fr") -> tuple[Calculator, Page, dict]:
    """The started penalty page in ``lang``, storage empty, with ``TYPED`` typed: the page read
    as a calculator, the page, and CPython's result for those inputs."""
    page = booted.ready("penalty", lang)
    calculator = Calculator(page, policy_json.get("reference_rates") or {})
    return calculator, page, typed(calculator)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_last_inputs_come_back_after_a_reload_and_are_computed(
    booted: BootedPages, policy_json: dict, lang: str
) -> None:
    calculator, page, expected = typed_and_kept(booted, policy_json, lang)
    kept = calculator.kept_inputs()
    assert list(kept) == [storage_key(policy_json, lang)]
    inputs = linked(page)
    assert TYPED.items() <= inputs.items()
    assert query(next(iter(kept.values()))) == inputs, "not kept as a link to every input"

    calculator.open(lang=lang)
    expect(page.locator(BOUND)).to_have_count(1)
    for name, value in TYPED.items():
        expect(field(page, name)).to_have_value(value)
    note = page.locator(NOTE)
    expect(note).to_be_visible()
    expect(note).to_contain_text(Catalogue(lang)("calculator.restored.note"))
    calculator.wait_computed(0)
    calculator.assert_shows(expected)
    calculator.assert_reads(expected)
    assert query(urlsplit(page.url).query) == inputs, "the address is not a link to what is shown"

    # Kept for this language's page only.
    other = next(code for code in LANGUAGES if code != lang)
    calculator.open(lang=other)
    expect(page.locator(BOUND)).to_have_count(1)
    expect(field(page, "amount")).to_have_value(default(page, "amount"))
    expect(page.locator(NOTE)).to_be_hidden()


def test_a_shareable_link_wins_over_the_kept_inputs(
    booted: BootedPages, policy_json: dict
) -> None:
    calculator, page, _ = typed_and_kept(booted, policy_json)
    kept = calculator.kept_inputs()[storage_key(policy_json)]
    calculator.open("?amount=777&due_date=2025-09-30&as_of=2025-10-30")
    expect(page.locator(BOUND)).to_have_count(1)
    expect(field(page, "amount")).to_have_value("777")
    # A link is the whole input: what it does not name is not given.
    expect(field(page, "payment_date")).to_have_value("")
    expect(page.locator(NOTE)).to_be_hidden()
    calculator.wait_computed(0)
    calculator.assert_shows(calculator.cpython())
    # Opening a link is not typing: what the reader typed is still kept, and comes back.
    assert calculator.kept_inputs()[storage_key(policy_json)] == kept
    calculator.open()
    expect(field(page, "amount")).to_have_value(TYPED["amount"])


@pytest.mark.parametrize("button", ["[data-restored-reset]", "form [data-reset]"],
                         ids=["note-link", "form-button"])
def test_back_to_the_defaults_forgets_the_kept_inputs(
    booted: BootedPages, policy_json: dict, button: str
) -> None:
    calculator, page, _ = typed_and_kept(booted, policy_json)
    calculator.open()
    expect(page.locator(NOTE)).to_be_visible()
    calculator.wait_computed(0)

    before = calculator.computations()
    page.click(button)
    calculator.wait_computed(before)
    for name in TYPED:
        expect(field(page, name)).to_have_value(default(page, name))
    expect(page.locator(NOTE)).to_be_hidden()
    assert calculator.kept_inputs() == {}
    assert urlsplit(page.url).query == ""
    calculator.assert_shows(calculator.cpython())

    calculator.open()
    expect(page.locator(BOUND)).to_have_count(1)
    expect(field(page, "amount")).to_have_value(default(page, "amount"))
    expect(page.locator(NOTE)).to_be_hidden()


def test_inputs_kept_for_another_policy_are_not_shown_and_are_removed(
    booted: BootedPages, policy_json: dict
) -> None:
    page = booted.ready("penalty")
    calculator = Calculator(page, policy_json.get("reference_rates") or {})
    expect(page.locator(BOUND)).to_have_count(1)
    stale = {
        storage_key(policy_json, version="0.9"): "amount=99999",  # an older version
        storage_key(policy_json, content_hash="0" * 64): "amount=88888",  # same number, edited
    }
    elsewhere = {  # tidied by their own pages, not this one
        storage_key(policy_json, "en"): "amount=55555",
        storage_key(policy_json, version="0.9", calculator="dso"): "receivables=1",
    }
    for key, kept in {**stale, **elsewhere}.items():
        calculator.keep(key, kept)

    calculator.open()
    expect(page.locator(BOUND)).to_have_count(1)
    expect(field(page, "amount")).to_have_value(default(page, "amount"))
    expect(page.locator(NOTE)).to_be_hidden()
    assert calculator.kept_inputs() == elsewhere
    calculator.assert_shows(calculator.cpython())  # the policy's defaults and their result


@pytest.mark.parametrize("refusal", REFUSALS.values(), ids=list(REFUSALS))
def test_a_browser_refusing_storage_still_computes(
    new_context: Callable[..., BrowserContext], policy_json: dict, refusal: str
) -> None:
    """The form is bound, typed inputs are computed and linked, a reload shows the defaults.
    (Material's own inline scripts, which read the colour palette from storage, throw then:
    uncaught errors that are not the calculator's, so they are not counted here.)"""
    context = new_context()
    context.add_init_script(refusal)
    page = context.new_page()
    calculator = Calculator(page, policy_json.get("reference_rates") or {})
    calculator.open()
    calculator.wait_ready()
    expected = typed(calculator)
    calculator.assert_shows(expected)
    assert query(urlsplit(page.url).query) == linked(page)

    calculator.open()
    expect(page.locator(BOUND)).to_have_count(1)
    expect(field(page, "amount")).to_have_value(default(page, "amount"))
    expect(page.locator(NOTE)).to_be_hidden()
    calculator.wait_ready()
    calculator.set("amount", "20000")
    calculator.assert_shows(calculator.cpython())
