"""Python's formats read exactly like the page's, which Node's Intl computes here.

A calculator page shows the result formatted by Python at build time, then the result the
browser recomputes, formatted by the page's own ``formatValue``
(``docs/assets/javascripts/encours-calculators.js``, ``Intl`` with fr-FR and en-GB). This runs
that very script under Node (full ICU, as in Chromium), with a stub of the few page objects it
touches, and compares its texts with ``encours.formatting`` for EUR, USD and GBP amounts,
decimals, percentages, integers and dates in both languages. The same comparison inside
Chromium, on a built page: ``tests/browser/test_formats_in_page.py``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from encours import formatting
from tests.support.formats import AGREED, NEGATIVE_ZEROS, Case

SCRIPT = Path(__file__).resolve().parents[2] / "docs/assets/javascripts/encours-calculators.js"

# Runs the page's script as a browser would (a page without a calculator form, so it binds
# nothing), then formats each [value, format, lang, currency] read on stdin with its formatValue.
FORMAT_IN_NODE = """
const { readFileSync } = require("node:fs");
const { runInThisContext } = require("node:vm");
globalThis.window = globalThis;
globalThis.document = {
  currentScript: { src: "http://localhost/assets/javascripts/encours-calculators.js" },
  readyState: "complete",
  querySelectorAll: () => [],
};
runInThisContext(readFileSync(process.argv.at(-1), "utf8"));
const { formatValue } = window.encoursCalculators;
const cases = JSON.parse(readFileSync(0, "utf8"));
console.log(JSON.stringify(cases.map((args) => formatValue(...args))));
"""

NEGATIVE_ZERO = pytest.mark.xfail(strict=True, reason="Intl keeps the sign of a rounded -0")


@pytest.fixture(scope="module")
def in_node() -> dict[Case, str]:
    """Every case formatted by the page's script, in one Node process."""
    if shutil.which("node") is None:
        pytest.skip("needs Node.js")
    cases = AGREED + NEGATIVE_ZEROS
    completed = subprocess.run(["node", "-e", FORMAT_IN_NODE, str(SCRIPT)],
                               input=json.dumps(cases), capture_output=True, text=True,
                               check=True, timeout=60)
    return dict(zip(cases, json.loads(completed.stdout), strict=True))


@pytest.mark.parametrize(("value", "kind", "lang", "currency"), [
    *(pytest.param(*case, id="-".join(case)) for case in AGREED),
    *(pytest.param(*case, id="-".join(case), marks=NEGATIVE_ZERO) for case in NEGATIVE_ZEROS),
])
def test_python_writes_what_the_page_writes(
    in_node: dict[Case, str], value: str, kind: str, lang: str, currency: str
) -> None:
    assert formatting.format_value(value, kind, lang, currency) == in_node[
        (value, kind, lang, currency)]
