"""The policy tools' reader of ``assets/policy.json``, and the copy the tests use.

``policy_document.json`` is the example policy's ``assets/policy.json``, so that the tools'
tests also run inside Pyodide (which cannot load ``policy/*.yaml``). Where the policy can be
loaded (CPython with the project installed), check that every figure the tools read from the
copy is still the policy's: texts may differ (translations come and go without changing a
result), figures may not. To refresh it:
``python -m encours policy-json --out tests/calculators/policy_document.json``.
"""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from calc_support import POLICY

from calculators.policy_values import (
    PolicyUnreadable,
    PolicyValues,
    Words,
    average_term_days,
    read_policy,
)

REPOSITORY = Path(__file__).resolve().parents[2]


def _figures(values: PolicyValues) -> Any:
    """The values without their texts, version or letters: what a result depends on."""
    def strip(value: Any) -> Any:
        if isinstance(value, Words):
            return None
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return {field.name: strip(getattr(value, field.name))
                    for field in dataclasses.fields(value)}
        if isinstance(value, dict):
            return {key: strip(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return [strip(item) for item in value]
        return value

    figures = strip(values)
    for key in ("version", "letters", "roles"):
        figures.pop(key)
    figures["effective_date"] = values.effective_date.year
    return figures


def test_the_copy_still_has_the_policys_figures() -> None:
    try:
        import yaml  # noqa: F401  # the policy's loader needs it

        from encours.handbook import policy_json
        from encours.policy import load_policy
    except ImportError:
        pytest.skip("PyYAML is not available (e.g. inside Pyodide): the policy cannot be loaded")
    fresh = json.loads(json.dumps(policy_json(load_policy(REPOSITORY / "policy").policy)))
    assert _figures(read_policy(POLICY)) == _figures(read_policy(fresh)), (
        "tests/calculators/policy_document.json is out of date: run python -m encours "
        "policy-json --out tests/calculators/policy_document.json")
    assert set(read_policy(POLICY).roles) == set(read_policy(fresh).roles)


def test_the_values_of_the_example_policy() -> None:
    values = read_policy(POLICY)
    assert [c.id for c in values.risk_classes] == ["A", "B", "C", "D", "E"]
    assert (values.score_minimum, values.score_maximum) == (0, 100)
    assert values.limit_method.rounding == Decimal(1000)
    assert [band.approvers for band in values.approval_bands] == [
        ("credit_manager",), ("cfo",), ("cfo", "ceo")]
    assert values.payment_plans.minimum_instalment == Decimal(500)
    assert values.incentives.periods_per_year == 4
    assert [c.better for c in values.incentives.criteria] == ["lower"] * 3
    assert values.role("cfo", "en") == "Chief financial officer"
    assert values.role("nobody", "fr") == "nobody"


@pytest.mark.parametrize(("path", "value", "named"), [
    ("score", None, "policy.credit_limits.score.minimum"),
    ("risk_classes", [{"id": "A"}], "policy.credit_limits.risk_classes[0].name"),
    ("risk_classes", "A", "policy.credit_limits.risk_classes"),
    ("limit_method", {"equity_share": "ten"},
     "policy.credit_limits.limit_method.equity_share"),
    ("usage_alert_rate", "ignored", None),
])
def test_a_document_that_is_not_a_policy_names_what_is_wrong(path: str, value: Any,
                                                             named: str | None) -> None:
    document = json.loads(json.dumps(POLICY))
    document["policy"]["credit_limits"][path] = value
    if named is None:
        read_policy(document)
        return
    with pytest.raises(PolicyUnreadable) as raised:
        read_policy(document)
    assert raised.value.path == named


def test_not_a_document_at_all() -> None:
    for document in (None, [], "policy", {"policy": {}}, {"version": 1}):
        with pytest.raises(PolicyUnreadable):
            read_policy(document)


def test_the_standard_term_in_days_on_average() -> None:
    term = {"basis": "days_end_of_month", "days": 30,
            "end_of_month_method": "end_of_month_then_days"}
    assert average_term_days(term, 2026) == 45
    assert average_term_days({"basis": "invoice_date", "days": 60}, 2026) == 60
    assert average_term_days({"basis": "prepayment"}, 2026) == 0
    assert average_term_days({"basis": "end_of_month", "days": 10}, 2024) == 25
