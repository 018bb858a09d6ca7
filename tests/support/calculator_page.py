"""The penalty calculator page in Chromium, read back as data, and a recorder of what a page
does: helpers for the browser tests (``tests/browser``).

- :class:`Recorder` records a page's requests, console errors, uncaught exceptions and workers;
- :class:`Calculator` opens the calculator page, types into it, reads its result and compares
  it with what CPython's ``calculators`` compute for the inputs in the form, and reads or
  writes the inputs it keeps in the browser's storage;
- ``COUNT_COMPUTATIONS`` is an init script that counts the ``encours:computed`` events.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from playwright.sync_api import ConsoleMessage, Page

import calculators
from encours import formatting
from encours.render.calculator_pages import output_at
from tests.support.harness import LANGUAGES
from tools.chromium import BOOT_TIMEOUT_MS, PYTHON_READY

CALCULATOR_PATH = "/calculators/penalty/"
WORKER_SCRIPT = "encours-worker.mjs"

# Runs before the page's own scripts, in every document: counts finished computations.
COUNT_COMPUTATIONS = """
window.__encoursComputed = 0;
document.addEventListener("encours:computed", () => { window.__encoursComputed += 1; });
"""

# The form's inputs as the page sends them to the calculators, read by the page's own function
# (formPayload of encours-core.js: enabled named fields, trimmed, blanks left out).
FORM_PAYLOAD = """
async () => {
  const script = document.querySelector('script[src*="encours-calculators.js"]');
  const { formPayload } = await import(new URL("encours-core.js", script.src).href);
  return formPayload(document.querySelector("form[data-calculator]"));
}
"""
# What the result area shows: each output's value and text, each table's rows, each list.
RESULT_SHOWN = """
() => {
  const result = document.querySelector("[data-result-for]");
  const cell = (node) => ({
    value: node.dataset.value, text: node.textContent, format: node.dataset.format,
  });
  return {
    outputs: Object.fromEntries(
      [...result.querySelectorAll("[data-output]")].map((node) => [node.dataset.output, cell(node)])
    ),
    rows: Object.fromEntries(
      [...result.querySelectorAll("[data-output-rows]")].map((body) => [
        body.dataset.outputRows,
        [...body.querySelectorAll("tr")].map((row) =>
          Object.fromEntries([...row.querySelectorAll("[data-field]")].map(
            (node) => [node.dataset.field, cell(node)]
          ))
        ),
      ])
    ),
    lists: Object.fromEntries(
      [...result.querySelectorAll("[data-output-list]")].map((list) => [
        list.dataset.outputList, [...list.querySelectorAll("li")].map((item) => item.textContent),
      ])
    ),
  };
}
"""

# The reader's inputs the calculator pages keep in localStorage (keys "encours:inputs:…").
KEPT_INPUTS = """
() => Object.fromEntries(
  Object.keys(localStorage).filter((key) => key.startsWith("encours:inputs:"))
    .map((key) => [key, localStorage.getItem(key)])
)
"""


@dataclass
class Recorder:
    """What a page did: every request URL, console errors and page errors, workers started."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    workers: list[str] = field(default_factory=list)

    def watch(self, page: Page) -> Recorder:
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("worker", lambda worker: self.workers.append(worker.url))
        page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))
        page.on("console", self._console)
        return self

    def clear(self) -> None:
        """Forget what was recorded: the next page opened in the same tab starts afresh."""
        self.requests.clear()
        self.errors.clear()
        self.workers.clear()

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text} ({message.location.get('url')})")

    def calculator_workers(self) -> list[str]:
        return [url for url in self.workers if url.endswith(WORKER_SCRIPT)]


def same_value(shown: str, expected: Any) -> bool:
    """Whether a ``data-value`` (text, JSON for anything else) is the CPython value ``expected``."""
    if isinstance(expected, str):
        return shown == expected
    try:
        return json.loads(shown) == json.loads(json.dumps(expected))
    except ValueError:
        return False


def cell_value(value: Any) -> str:
    """A CPython table value as a cell's ``data-value`` holds it (``String(v ?? "")``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class Calculator:
    """The penalty calculator page: open it, change its inputs, read what it shows."""

    def __init__(self, page: Page, reference_rates: dict[str, Any]) -> None:
        self.page = page
        self.reference_rates = reference_rates

    def open(self, query: str = "", *, lang: str = LANGUAGES[0]) -> None:
        """Navigate to the page in ``lang``; returns as soon as its HTML is parsed, before
        Python is ready."""
        prefix = "" if lang == LANGUAGES[0] else f"/{lang}"
        self.page.goto(prefix + CALCULATOR_PATH + query, wait_until="domcontentloaded")

    def python_ready(self) -> bool:
        return self.page.evaluate("() => Boolean(window.encoursCalculators?.ready)")

    def wait_ready(self) -> None:
        self.page.wait_for_function(PYTHON_READY, timeout=BOOT_TIMEOUT_MS)

    def computations(self) -> int:
        return self.page.evaluate("() => window.__encoursComputed")

    def wait_computed(self, after: int) -> None:
        """Wait until the page announces a computation beyond the first ``after`` ones."""
        self.page.wait_for_function(
            f"() => window.__encoursComputed > {after}", timeout=BOOT_TIMEOUT_MS
        )

    def set(self, name: str, value: str) -> None:
        """Type ``value`` into the field ``name`` and wait for Python's result."""
        before = self.computations()
        self.page.fill(f'form[data-calculator] [name="{name}"]', value)
        self.wait_computed(before)

    def field(self, name: str) -> str:
        return self.page.input_value(f'form[data-calculator] [name="{name}"]')

    def payload(self) -> dict[str, Any]:
        return self.page.evaluate(FORM_PAYLOAD)

    def shown(self) -> dict[str, Any]:
        return self.page.evaluate(RESULT_SHOWN)

    def cpython(self) -> dict[str, Any]:
        """CPython's result for the inputs now in the form, with the rates the worker adds."""
        payload = {"reference_rates": self.reference_rates, **self.payload()}
        return calculators.run("penalty", payload)

    def assert_reads(self, expected: dict[str, Any], shown: dict[str, Any] | None = None) -> None:
        """Every output and cell reads as the build formats ``expected`` (a CPython result)."""
        form = self.page.locator("form[data-calculator]")
        lang, currency = form.get_attribute("data-lang"), form.get_attribute("data-currency")
        currency = expected.get("currency") or currency

        def formatted(value: Any, kind: str) -> str:
            return formatting.format_value(value, kind, lang, currency)

        shown = shown or self.shown()
        for name, output in shown["outputs"].items():
            assert output["text"] == formatted(expected[name], output["format"]), name
        for name, rows in shown["rows"].items():
            for row, expected_row in zip(rows, expected[name], strict=True):
                for column, cell in row.items():
                    assert cell["text"] == formatted(expected_row[column], cell["format"]), column

    def kept_inputs(self) -> dict[str, str]:
        """What the page keeps of the reader's inputs in the browser (``localStorage``): key →
        query string."""
        return self.page.evaluate(KEPT_INPUTS)

    def keep(self, key: str, query: str) -> None:
        """Write ``query`` under ``key`` in the page's ``localStorage``, as an older page did."""
        self.page.evaluate("([key, query]) => localStorage.setItem(key, query)", [key, query])

    def output(self, name: str) -> Decimal:
        return Decimal(self.shown()["outputs"][name]["value"])

    def assert_shows(self, expected: dict[str, Any], shown: dict[str, Any] | None = None) -> None:
        """Every value, row and list in the result area (or in ``shown``, read earlier) equals
        ``expected``, a CPython result."""
        shown = shown or self.shown()
        assert shown["outputs"], "the result area has no outputs"
        assert_result(shown, expected)


def assert_result(shown: dict[str, Any], expected: dict[str, Any], *,
                  empty_hidden: bool = False) -> None:
    """Every value, row and list of a result area as read by :data:`RESULT_SHOWN` equals
    ``expected``, a CPython result. ``empty_hidden``: an output CPython leaves empty (``None``
    or absent) is one the page hides, so its element is not compared; otherwise every output
    shown must be one CPython returns."""
    assert "errors" not in expected, expected
    for name, output in shown["outputs"].items():
        value = output_at(expected, name)
        if empty_hidden and value is None:
            continue  # an output this input does not produce: its row is hidden
        head = name.split(".")[0]
        assert head in expected, f"the page shows {name!r}, which CPython does not return"
        assert same_value(output["value"], value), (name, output, value)
    for name, rows in shown["rows"].items():
        expected_rows = expected.get(name) or []
        assert len(rows) == len(expected_rows), name
        for row, expected_row in zip(rows, expected_rows, strict=True):
            for column, cell in row.items():
                assert cell["value"] == cell_value(expected_row.get(column)), (name, column)
    for name, items in shown["lists"].items():
        assert items == (output_at(expected, name) or []), name
