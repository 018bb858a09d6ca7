"""The shipped example policy: valid, typed as expected, and usable by the calculators."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from encours.policy import SCHEMA_COMMENT, LoadedPolicy, Policy, load_policy, validate_policy
from encours.policy.checks.rates import RATES_MISSING
from encours.policy.model.rates import Rates
from tests.policy.conftest import EXAMPLE


@pytest.fixture(scope="module")
def loaded() -> LoadedPolicy:
    return load_policy(EXAMPLE)


def test_example_policy_has_no_error_and_no_warning() -> None:
    """No problem but the missing 2026-H2 rates: they are not in our reference data, and a rate
    is never invented (tests/policy/test_policy_rates.py)."""
    result = validate_policy(EXAMPLE)
    assert [str(p) for p in result.problems if p.code != RATES_MISSING] == []
    assert result.policy is not None


def test_every_chapter_has_its_file_starting_with_the_schema_comment(
        loaded: LoadedPolicy) -> None:
    names = {path.name for path in loaded.files}
    assert {f"{chapter}.yaml" for chapter in Policy.model_fields if chapter != "raci"} <= names
    for path in loaded.files:
        assert path.read_text(encoding="utf-8").splitlines()[0] == SCHEMA_COMMENT, path


def test_values_have_their_domain_types(loaded: LoadedPolicy) -> None:
    policy = loaded.policy
    assert policy.document.version == "2026.2"
    assert policy.document.effective_date == dt.date(2026, 9, 1)
    assert policy.terms.recovery_indemnity == Decimal("40.00")
    assert str(policy.terms.recovery_indemnity) == "40.00"  # exact as typed, not the float 40.0
    assert policy.company.vat_rate == Decimal(20)
    assert policy.terms.payment_term.days == 30
    assert policy.terms.late_penalties.basis == 365


def test_payment_term_reads_as_said(loaded: LoadedPolicy) -> None:
    terms = loaded.policy.terms
    assert terms.payment_term.label("fr") == "30 jours fin de mois"
    assert terms.payment_term.label("en") == "30 days end of month"
    export = next(t for t in terms.customer_type_terms if t.customer_type == "export")
    assert export.payment_term.label() == "30 jours date de facture"
    classes = {c.id: c for c in loaded.policy.credit_limits.risk_classes}
    assert classes["E"].maximum_term.label("en") == "payment with order"


def test_reference_rates_in_the_calculators_shape(loaded: LoadedPolicy) -> None:
    # The example adds no rate: it documents how to, and never invents an unpublished value.
    assert loaded.policy.rates.reference_rates() == {}
    rates = Rates.model_validate({"ecb_main_refinancing_rate": {
        "2026-H2": {"value": "2.40", "source": "test", "date": "2026-07-01"}}})
    assert rates.reference_rates() == {"ecb_main_refinancing_rate": {"2026-H2": "2.40"}}


def test_dump_is_json_and_round_trips(loaded: LoadedPolicy) -> None:
    dumped = loaded.policy.model_dump(mode="json")
    text = json.dumps(dumped, ensure_ascii=False)
    assert dumped["terms"]["recovery_indemnity"] == "40.00"
    assert dumped["document"]["effective_date"] == "2026-09-01"
    assert Policy.model_validate(json.loads(text)) == loaded.policy


def test_missing_translations_are_listed_with_their_line(loaded: LoadedPolicy) -> None:
    # The example is written in French and English: nothing falls back to French.
    assert loaded.missing_translations("fr") == []
    assert loaded.missing_translations("en") == []


def test_policy_objects_are_immutable(loaded: LoadedPolicy) -> None:
    with pytest.raises(ValueError, match="frozen"):
        loaded.policy.terms.payment_term.days = 90  # type: ignore[misc]
