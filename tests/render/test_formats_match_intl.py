"""Python's formats read exactly like the page's, which Node's Intl computes here.

A calculator page shows the result formatted by Python at build time, then the result the
browser recomputes, formatted by the page's own ``formatValue``
(``docs/assets/javascripts/encours-formats.js``, ``Intl`` with fr-FR and en-GB). This imports
that very module under Node (full ICU, as in Chromium) and compares its texts with
``encours.formatting`` for EUR, USD and GBP amounts, decimals, percentages, integers and dates
in both languages. The same comparison inside Chromium, on a built page:
``tests/browser/test_formats_in_page.py``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from encours import formatting
from tests.support.formats import AGREED, Case

MODULE = Path(__file__).resolve().parents[2] / "docs/assets/javascripts/encours-formats.js"

# Imports the page's own format module, then formats each [value, format, lang, currency] read
# on stdin with its formatValue.
FORMAT_IN_NODE = """
import { readFileSync } from "node:fs";
const { formatValue } = await import(process.argv.at(-1));
const cases = JSON.parse(readFileSync(0, "utf8"));
const texts = cases.map(([value, format, lang, currency]) => formatValue(value, format,
                                                                         { lang, currency }));
console.log(JSON.stringify(texts));
"""

@pytest.fixture(scope="module")
def in_node() -> dict[Case, str]:
    """Every case formatted by the page's script, in one Node process."""
    if shutil.which("node") is None:
        pytest.skip("needs Node.js")
    cases = AGREED
    completed = subprocess.run(["node", "--input-type=module", "-e", FORMAT_IN_NODE,
                                MODULE.as_uri()],
                               input=json.dumps(cases), capture_output=True, text=True,
                               check=True, timeout=60)
    return dict(zip(cases, json.loads(completed.stdout), strict=True))


@pytest.mark.parametrize(("value", "kind", "lang", "currency"), [
    pytest.param(*case, id="-".join(case)) for case in AGREED
])
def test_python_writes_what_the_page_writes(
    in_node: dict[Case, str], value: str, kind: str, lang: str, currency: str
) -> None:
    assert formatting.format_value(value, kind, lang, currency) == in_node[
        (value, kind, lang, currency)]
