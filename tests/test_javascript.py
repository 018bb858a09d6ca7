"""The JavaScript: ESLint on the site's scripts, the snapshot maker and the Node helpers
(``eslint.config.mjs``), and the ``node --test`` unit tests of ``tests/js`` (form ↔ payload,
field conditions, formats against Python's, the runtime's boot message). A failure shows the
tool's own output."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from encours import formatting

ROOT = Path(__file__).resolve().parents[1]
ESLINT = ROOT / "node_modules" / "eslint" / "bin" / "eslint.js"
NODE = shutil.which("node")

pytestmark = pytest.mark.skipif(NODE is None, reason="needs Node.js")

# Values the calculators answer, formatted by Python (the build-time result written into a page)
# and by the page's encours-formats.js: the same text, EUR in both languages.
FORMAT_CASES = [
    ("1234.5", "money"), ("-1234567.891", "money"), ("0", "money"), ("203.05", "money"),
    ("12.15", "percent"), ("0.5", "percent"), ("82.426", "decimal"), ("1000000", "decimal"),
    ("61", "integer"), ("1000000", "integer"), ("2025-09-30", "date"), ("2026-01-01", "date"),
]


def run(command: list[str], env: dict[str, str] | None = None) -> None:
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False,
                          env={**os.environ, **(env or {})}, timeout=300)
    if done.returncode != 0:
        pytest.fail(f"{' '.join(command[1:])} failed:\n{done.stdout}{done.stderr}",
                    pytrace=False)


def test_eslint() -> None:
    assert ESLINT.exists(), "ESLint is not installed: run npm ci (make setup does)"
    run([NODE, str(ESLINT), "--max-warnings", "0"])


def test_node_unit_tests(tmp_path: Path) -> None:
    cases = [
        {"value": value, "format": kind, "lang": lang, "currency": "EUR",
         "text": formatting.format_value(value, kind, lang, "EUR")}
        for value, kind in FORMAT_CASES for lang in ("fr", "en")
    ]
    path = tmp_path / "format-cases.json"
    path.write_text(json.dumps(cases, ensure_ascii=False), encoding="utf-8")
    tests = sorted(str(test) for test in (ROOT / "tests" / "js").glob("*.test.mjs"))
    assert tests, "no tests/js/*.test.mjs"
    run([NODE, "--test", *tests], env={"ENCOURS_FORMAT_CASES": str(path)})
