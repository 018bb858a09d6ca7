"""Rules that cannot both be true: each check names the file and line of both sides."""

from __future__ import annotations

from tests.policy.conftest import PolicyCopy

CLASS_A_TERM = ("      maximum_term: {basis: days_end_of_month, days: 30, "
                "end_of_month_method: end_of_month_then_days}\n      review_months: 12\n"
                "    - id: B")


def test_example_policy_has_no_contradiction(policy_copy: PolicyCopy) -> None:
    assert policy_copy.errors() == []
    assert policy_copy.warnings() == []


def test_class_term_longer_than_standard_without_the_exception(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("credit_limits.yaml", CLASS_A_TERM, CLASS_A_TERM.replace("30", "45"))
    class_line = policy_copy.at("credit_limits.yaml", "days: 45, end")
    standard = policy_copy.at("terms.yaml", "  payment_term:\n")
    exception = policy_copy.at("terms.yaml", "  term_exception:")
    assert policy_copy.errors() == []
    assert policy_copy.warnings() == [
        f"{class_line}: credit_limits.risk_classes.A.maximum_term : le délai maximum de la "
        f"classe A (45 jours fin de mois) dépasse le délai standard (30 jours fin de mois, "
        f"{standard}) sans les conditions du délai dérogatoire ({exception}) : ramenez-le au "
        "délai standard ; le délai dérogatoire reste possible à ses conditions",
    ]


def test_class_term_longer_than_standard_with_no_exception_for_it(
        policy_copy: PolicyCopy) -> None:
    policy_copy.edit("terms.yaml", "    risk_classes: [A, B]\n", "    risk_classes: [B]\n")
    policy_copy.edit("credit_limits.yaml", CLASS_A_TERM, CLASS_A_TERM.replace("30", "45"))
    standard = policy_copy.at("terms.yaml", "  payment_term:\n")
    assert policy_copy.errors() == [
        f"{policy_copy.at('credit_limits.yaml', 'days: 45, end')}: "
        "credit_limits.risk_classes.A.maximum_term : le délai maximum de la classe A (45 jours "
        f"fin de mois) dépasse le délai standard (30 jours fin de mois, {standard}) et aucun "
        "délai dérogatoire ne s'applique à cette classe : ramenez-le au délai standard, ou "
        "ouvrez-lui terms.term_exception",
    ]


def test_class_term_longer_than_the_exception(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("terms.yaml", "    maximum_term: {basis: days_end_of_month, days: 45,",
                     "    maximum_term: {basis: days_end_of_month, days: 40,")
    policy_copy.edit("credit_limits.yaml", CLASS_A_TERM, CLASS_A_TERM.replace("30", "45"))
    exception = policy_copy.at("terms.yaml", "  term_exception:")
    assert policy_copy.errors() == [
        f"{policy_copy.at('credit_limits.yaml', 'days: 45, end')}: "
        "credit_limits.risk_classes.A.maximum_term : le délai maximum de la classe A (45 jours "
        "fin de mois) dépasse le délai dérogatoire maximum (40 jours fin de mois, "
        f"{exception})",
    ]


def test_public_buyer_term_beyond_30_days(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("terms.yaml", "      payment_term: {basis: invoice_date, days: 30}\n"
                     "      public_buyer: true",
                     "      payment_term: {basis: invoice_date, days: 45}\n"
                     "      public_buyer: true")
    assert policy_copy.errors() == []
    assert policy_copy.warnings() == [
        f"{policy_copy.at('terms.yaml', 'days: 45}')}: "
        "terms.customer_type_terms.public_sector.payment_term : 45 jours dépasse le délai de "
        "paiement maximum d'un acheteur public (30 jours, 50 pour les établissements publics de "
        "santé : Code de la commande publique, art. R2192-10)",
    ]
