"""Free text (`Text`) and the `[[path]]` placeholders that quote policy values in it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from pydantic import ValidationError

from encours.policy import (
    LETTER_FIELDS,
    PlaceholderError,
    Text,
    find_placeholders,
    format_value,
    load_policy,
    lookup,
    resolve_placeholders,
)
from encours.policy.model import Policy
from tests.policy.conftest import EXAMPLE


@pytest.fixture(scope="module")
def policy() -> Policy:
    return load_policy(EXAMPLE).policy


def test_text_from_a_string_or_a_mapping() -> None:
    plain = Text.model_validate("Bonjour **client**")
    both = Text.model_validate({"fr": "Encours", "en": "Exposure"})
    assert (plain.get("fr"), plain.get("en"), plain.has("en")) == (
        "Bonjour **client**", "Bonjour **client**", False)
    assert (both.get("fr"), both.get("en"), both.has("en")) == ("Encours", "Exposure", True)


def test_text_knows_only_the_handbook_languages() -> None:
    english = Text.model_validate({"en": "Exposure"})
    assert (english.get("fr"), english.get("en"), english.has("fr")) == (
        "Exposure", "Exposure", False)
    for bad, kind in (({"fr": "Encours", "de": "Forderungen"}, "text_language_undeclared"),
                      ({"fr": "Encours", "english": "Exposure"}, "text_language_code"),
                      (["Encours"], "text_list"), ({}, "text_no_language"),
                      ({"fr": None}, "text_no_language")):
        with pytest.raises(ValidationError) as raised:
            Text.model_validate(bad)
        assert raised.value.errors()[0]["type"] == kind, bad


def test_a_plain_string_is_in_the_main_language() -> None:
    assert Text.model_validate("Exposure", context={"languages": ("en", "fr")}).en == "Exposure"
    assert Text.model_validate("Encours", context={"languages": ("fr", "en")}).fr == "Encours"
    with pytest.raises(ValidationError) as raised:
        Text.model_validate({"fr": "Encours", "en": "Exposure"}, context={"languages": ("fr",)})
    assert raised.value.errors()[0]["type"] == "text_language_undeclared"


def test_find_placeholders_as_written() -> None:
    text = "Délai : [[terms.payment_term]] ; [[ kpis.countback_dso.target ]] {{ 7*7 }} [x](y)"
    assert list(find_placeholders(text)) == [
        ("[[terms.payment_term]]", "terms.payment_term"),
        ("[[ kpis.countback_dso.target ]]", "kpis.countback_dso.target")]


def test_lookup_walks_keys_and_list_items_by_id(policy: Policy) -> None:
    assert lookup(policy, "terms.payment_term.days") == 30
    assert lookup(policy, "credit_limits.risk_classes.B.maximum_limit") == Decimal(80000)
    assert lookup(policy, "terms.customer_type_terms.export.payment_term").label() == (
        "30 jours date de facture")
    assert lookup(policy, "blocked_orders", value=False) is policy.blocked_orders


@pytest.mark.parametrize(("path", "reason"), [
    ("terms.payment_term.dys",
     'terms.payment_term n\'a pas de clé "dys" — vouliez-vous dire "days" ?'),
    ("credit_limits.risk_classes.F.maximum_limit",
     'credit_limits.risk_classes n\'a pas d\'élément "F" (possibles : A, B, C, D, E)'),
    ("terms.payment_term.days.value", 'terms.payment_term.days est une valeur simple, sans '
     '"value"'),
    ("terms.late_penalties.contractual_rate",
     "terms.late_penalties.contractual_rate n'a pas de valeur dans la politique"),
    ("roles", "roles est une section ou une liste, pas une valeur : précisez la clé voulue"),
    ("terms.payment_term.days | upper", '"terms.payment_term.days | upper" n\'est pas un chemin '
     ": écrivez par ex. [[terms.payment_term.days]] (aucune expression n'est permise)"),
    ("__class__.__init__", 'la politique n\'a pas de clé "__class__" (possibles : document, '
     "company, roles, raci, terms, account_opening, credit_limits, credit_insurance, "
     "blocked_orders, recovery, incentives, kpis, training, glossary, rates)"),
])
def test_lookup_says_why_a_path_is_not_a_value(policy: Policy, path: str, reason: str) -> None:
    with pytest.raises(PlaceholderError) as raised:
        lookup(policy, path)
    assert str(raised.value) == reason


def test_model_internals_are_not_reachable(policy: Policy) -> None:
    for path in ("terms.model_fields", "terms.model_config", "document.title.fr"):
        with pytest.raises(PlaceholderError):
            lookup(policy, path)


def test_values_read_as_in_a_sentence(policy: Policy) -> None:
    assert format_value(Decimal("40.00")) == "40,00"
    assert format_value(Decimal("40.00"), "en") == "40.00"
    assert format_value(Decimal("150000")) == "150\u202f000"
    assert format_value(Decimal("1500.5"), "en") == "1,500.5"
    assert format_value(Decimal("-2500")) == "-2\u202f500"
    assert format_value(2026) == "2026"
    assert format_value(dt.date(2026, 9, 1)) == "1er septembre 2026"
    assert format_value(dt.date(2026, 8, 24), "en") == "24 August 2026"
    assert format_value(True) == "oui"
    assert format_value(policy.document.title, "en") == "Customer credit management procedure"


def test_resolve_in_both_languages(policy: Policy) -> None:
    text = "Standard : [[terms.payment_term]], indemnité [[terms.recovery_indemnity]] €."
    assert resolve_placeholders(text, policy) == (
        "Standard : 30 jours fin de mois, indemnité 40,00 €.")
    assert resolve_placeholders(text, policy, "en") == (
        "Standard : 30 days end of month, indemnité 40.00 €.")


def test_training_quotes_the_policy_after_a_change(policy: Policy) -> None:
    question = next(q for q in policy.training.questions if q.id == "standard_term")
    changed = policy.model_copy(update={"terms": policy.terms.model_copy(update={
        "payment_term": policy.terms.payment_term.model_copy(update={"days": 45})})})
    assert resolve_placeholders(question.choices["a"].get(), policy) == "30 jours fin de mois"
    assert resolve_placeholders(question.choices["a"].get(), changed) == "45 jours fin de mois"


def test_letter_fields_come_from_the_case(policy: Policy) -> None:
    template = next(t for t in policy.recovery.letter_templates if t.id == "first_reminder")
    case = {name: f"<{name}>" for name in LETTER_FIELDS}
    case["invoice.number"] = "F-2026-0412"
    body = resolve_placeholders(template.body.get(), policy, values=case)
    assert "la facture F-2026-0412 de <invoice.amount> €" in body
    assert "[[" not in body
    assert body.endswith("<sender.name>, <sender.title> — Brévant Fournitures Industrielles SAS\n")


def test_hostile_text_is_left_as_is(policy: Policy) -> None:
    text = "<script>alert(1)</script> {{ 7*7 }} {% include 'x' %} [[terms.payment_term.days]]"
    assert resolve_placeholders(text, policy) == (
        "<script>alert(1)</script> {{ 7*7 }} {% include 'x' %} 30")
