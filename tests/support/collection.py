"""What this pytest run collected, kept before ``-m``/``-k`` deselect anything: the calculators'
tests, which the Pyodide suite (``tests/test_pyodide_suite.py``) must find passing or skipped
for a known reason inside Pyodide, test for test (``tests/conftest.py`` records them)."""

from __future__ import annotations

import pytest

CALCULATOR_TESTS = pytest.StashKey[list[str]]()
CALCULATORS_FOLDER = "tests/calculators/"


def record(session: pytest.Session, items: list[pytest.Item]) -> None:
    session.stash[CALCULATOR_TESTS] = [item.nodeid for item in items
                                       if item.nodeid.startswith(CALCULATORS_FOLDER)]
