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


POLICY: dict[str, Any] = json.loads((HERE / "policy_document.json").read_text("utf-8"))
"""The example policy's ``assets/policy.json`` (``python -m encours policy-json --out
tests/calculators/policy_document.json``), for the policy tools; ``test_calc_policy_values``
checks that its figures still match ``policy/``."""


def with_policy(policy: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A copy of the policy document with ``changes`` made inside ``policy``: each key is a
    path of keys and list indexes joined by ``__`` (``credit_limits__limit_method__rounding``)."""
    document = json.loads(json.dumps(policy))
    for path, value in changes.items():
        *parents, last = path.split("__")
        node: Any = document["policy"]
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value
    return document


def tool(name: str, payload: dict[str, Any], policy: dict[str, Any] | None = None
         ) -> dict[str, Any]:
    """A policy tool's result on the example policy (or ``policy``), which must succeed."""
    result = run(name, payload, POLICY if policy is None else policy)
    assert "errors" not in result, result
    return result


def tool_errors(name: str, payload: dict[str, Any], policy: dict[str, Any] | None = None
                ) -> dict[str, str]:
    """A policy tool's errors on the example policy, ``{field: message}``."""
    result = run(name, payload, POLICY if policy is None else policy)
    assert set(result) == {"errors"}, result
    return {error["field"]: error["message"] for error in result["errors"]}
