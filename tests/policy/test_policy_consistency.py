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


def test_approval_band_no_authorised_exposure_reaches(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("credit_limits.yaml", "      maximum_limit: 150000\n",
                     "      maximum_limit: 100000\n")
    ceiling = policy_copy.at("credit_limits.yaml", "maximum_limit: 100000")
    assert policy_copy.errors() == []
    assert policy_copy.warnings() == [
        f"{policy_copy.at('credit_limits.yaml', '- {above: 150000')}: "
        "credit_limits.approval_bands[3] : la tranche au-delà de 150\u202f000 ne s'applique "
        "jamais : aucun encours autorisé ne dépasse 120\u202f000 (plafond de la classe A, "
        f"{ceiling}, dépassement temporaire compris) : supprimez-la ou fusionnez-la avec la "
        "précédente",
    ]


def test_temporary_increase_beyond_the_approvers_delegation(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("credit_limits.yaml", "    beyond_approver_band: approval_bands   # limite "
                     "augmentée hors délégation : la grille\n", "")
    band = policy_copy.at("credit_limits.yaml", "- {above: 0, up_to: 50000")
    # Without the increase going through the matrix, the top band is unreachable too.
    assert [w.split(":")[1] for w in policy_copy.warnings()] == [
        str(policy_copy.line_of("credit_limits.yaml", "- {above: 150000"))]
    assert policy_copy.errors() == [
        f"{policy_copy.at('credit_limits.yaml', 'approver: credit_manager')}: "
        "credit_limits.temporary_increase.approver : le dépassement temporaire de 20 % accordé "
        "par credit_manager porte l'encours d'un client dont la limite est de 50\u202f000 "
        f"jusqu'à 60\u202f000, alors que credit_manager n'approuve seul une limite que jusqu'à "
        f"50\u202f000 ({band}) : ajoutez beyond_approver_band: approval_bands (au-delà, la grille "
        "d'approbation s'applique à la limite augmentée) ou réduisez le dépassement",
    ]


def test_review_and_blocking_thresholds_differ_without_a_reason(policy_copy: PolicyCopy) -> None:
    text = policy_copy.text("credit_limits.yaml")
    start = text.index("      why_distinct: >-\n")
    end = text.index("    - id: legal_notice")
    policy_copy.write("credit_limits.yaml", text[:start] + text[end:])
    threshold = policy_copy.at("blocked_orders.yaml", "threshold_days: 15")
    assert policy_copy.errors() == []
    assert policy_copy.warnings() == [
        f"{policy_copy.at('credit_limits.yaml', 'overdue_days: 30')}: "
        "credit_limits.review_triggers.payment_incident.overdue_days : le déclencheur "
        "\"payment_incident\" revoit la limite à 30 jours de retard, et la règle de blocage "
        f"\"overdue\" bloque les commandes à 15 jours ({threshold}) : alignez les deux seuils, "
        "ou dites pourquoi ils diffèrent (why_distinct)",
    ]


def test_review_trigger_names_a_blocking_rule_without_days(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("credit_limits.yaml", "      blocking_rule: overdue\n",
                     "      blocking_rule: over_limit\n")
    assert policy_copy.errors() == [
        f"{policy_copy.at('credit_limits.yaml', 'overdue_days: 30')}: "
        "credit_limits.review_triggers.payment_incident.overdue_days : la règle de blocage "
        "\"over_limit\" n'a pas de seuil en jours (threshold_days) à comparer avec overdue_days",
    ]


def test_review_trigger_names_an_unknown_blocking_rule(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("credit_limits.yaml", "      blocking_rule: overdue\n",
                     "      blocking_rule: overdeu\n")
    errors = policy_copy.errors()
    assert len(errors) == 1
    assert errors[0].startswith(
        f"{policy_copy.at('credit_limits.yaml', 'blocking_rule: overdeu')}: "
        "credit_limits.review_triggers.payment_incident.blocking_rule : ")
    assert "overdue" in errors[0]


def test_class_term_beyond_the_legal_ceiling_is_reported_on_both_rules(
        policy_copy: PolicyCopy) -> None:
    policy_copy.edit("credit_limits.yaml", CLASS_A_TERM, CLASS_A_TERM.replace("30", "60"))
    line = policy_copy.at("credit_limits.yaml", "days: 60, end")
    exception = policy_copy.at("terms.yaml", "  term_exception:")
    assert policy_copy.errors() == [
        f"{line}: credit_limits.risk_classes.A.maximum_term : le délai maximum de la classe A "
        "(60 jours fin de mois) dépasse le délai dérogatoire maximum (45 jours fin de mois, "
        f"{exception})",
        f"{line}: credit_limits.risk_classes.A.maximum_term.days : \"60 jours fin de mois\" "
        "dépasse le maximum légal de 45 jours fin de mois (Code de commerce, art. L441-10 I)",
    ]


def test_dunning_step_blocks_on_another_day_than_its_rule(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("recovery.yaml", "      day: 15\n", "      day: 14\n")
    rule = policy_copy.at("blocked_orders.yaml", "threshold_days: 15")
    assert policy_copy.errors() == []
    assert policy_copy.warnings() == [
        f"{policy_copy.at('recovery.yaml', 'day: 14')}: "
        "recovery.dunning_steps.sales_alert.day : l'étape de relance \"sales_alert\" bloque les "
        "commandes à J+14, mais la règle de blocage \"overdue\" les bloque à 15 jours de retard "
        f"({rule}) : alignez le jour de l'étape sur le seuil de la règle",
    ]


def test_blocking_rule_kind_without_its_value_or_twice(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("blocked_orders.yaml", "      tolerance_rate: 5\n", "")
    policy_copy.edit("blocked_orders.yaml", "      kind: dispute\n", "      kind: overdue\n")
    exposure = policy_copy.at("blocked_orders.yaml", "      kind: exposure")
    twice = policy_copy.at("blocked_orders.yaml", "      kind: overdue\n      name: Litige")
    assert policy_copy.errors() == [
        f"{exposure}: blocked_orders.blocking_rules.over_limit.kind : la règle de blocage "
        "\"over_limit\" teste « exposure » mais n'a pas de tolerance_rate : ajoutez-le, ou "
        "retirez kind",
        f"{twice}: blocked_orders.blocking_rules.old_dispute.kind : la règle de blocage "
        "\"old_dispute\" teste « overdue », comme la règle \"overdue\" : une seule règle par kind",
    ]
