"""Shared by the calculator tests: the reference examples and the property-test settings.

Named ``calc_support`` (not ``conftest``) so that the same files import the same way under
CPython and inside Pyodide; test modules are prefixed ``test_calc_`` to stay unique in ``tests/``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings

from calculators import run

HERE = Path(__file__).parent
EXAMPLES: dict[str, Any] = json.loads((HERE / "reference_examples.json").read_text("utf-8"))

PROPERTY = settings(
    max_examples=int(os.environ.get("ENCOURS_HYPOTHESIS_MAX_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
"""Moderate by default so the whole suite stays quick inside Pyodide; raise it with
``ENCOURS_HYPOTHESIS_MAX_EXAMPLES`` for a deeper search."""


def example(group: str, example_id: str) -> dict[str, Any]:
    """One worked example of ``reference_examples.json`` by its id."""
    for candidate in EXAMPLES[group]:
        if candidate["id"] == example_id:
            return candidate
    raise KeyError(example_id)


def computed(name: str, payload: dict[str, Any]) -> dict[str, Any]:
    """``run(name, payload)``, which must succeed."""
    result = run(name, payload)
    assert "errors" not in result, result
    return result


def field_errors(name: str, payload: dict[str, Any]) -> dict[str, str]:
    """``run(name, payload)``, which must fail: ``{field: message}``, one entry per field."""
    result = run(name, payload)
    assert set(result) <= {"errors", "missing_rates"} and "errors" in result, result
    fields = [error["field"] for error in result["errors"]]
    assert len(fields) == len(set(fields)), "one entry per field"
    return {error["field"]: error["message"] for error in result["errors"]}
