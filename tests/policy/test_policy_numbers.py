"""Numbers in free text that copy a policy value are written `[[path]]` (checks/numbers.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from encours.policy.checks.numbers import quantities
from tests.policy.conftest import PolicyCopy

EQUITY = "[[credit_limits.limit_method.equity_share]] % des capitaux"
MARGIN = "[[credit_limits.limit_method.margin_days]] jours de marge"
LAW_NOTE = " (un chiffre fixé par la loi reste tel quel si la phrase cite son article)"


def test_example_prose_quotes_no_value_by_hand(policy_copy: PolicyCopy) -> None:
    assert [w for w in policy_copy.warnings() if "recopie la valeur" in w] == []


def test_a_percentage_written_by_hand_is_flagged_with_both_lines(
        policy_copy: PolicyCopy) -> None:
    policy_copy.edit("credit_limits.yaml", EQUITY, "10 % des capitaux")
    assert policy_copy.errors() == []
    assert policy_copy.warnings() == [
        f"{policy_copy.at('credit_limits.yaml', '1. 10 %')}: "
        "credit_limits.limit_method.description.fr : « 10 % » recopie la valeur "
        "credit_limits.limit_method.equity_share "
        f"({policy_copy.at('credit_limits.yaml', 'equity_share: 10')}) : écrivez "
        f"[[credit_limits.limit_method.equity_share]] au lieu de 10{LAW_NOTE}",
    ]


def test_days_written_by_hand_are_flagged_in_english(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("credit_limits.yaml", MARGIN, "15 jours de marge")
    assert policy_copy.warnings("en") == [
        f"{policy_copy.at('credit_limits.yaml', '15 jours de marge')}: "
        "credit_limits.limit_method.description.fr: \"15 jours\" repeats the value "
        "credit_limits.limit_method.margin_days "
        f"({policy_copy.at('credit_limits.yaml', 'margin_days: 15')}): write "
        "[[credit_limits.limit_method.margin_days]] instead of 15 (a figure set by law stays "
        "as written if its sentence cites the article)",
    ]


def test_an_english_text_is_read_the_english_way(policy_copy: PolicyCopy) -> None:
    """`€5,000` in the `en:` version: the line is that of the English text."""
    policy_copy.edit("recovery.yaml", "Undisputed claim up to "
                     "€[[recovery.legal_action.routes.small_claims.maximum_amount]] —",
                     "Undisputed claim up to €5,000 —")
    warnings = policy_copy.warnings()
    assert warnings == [
        f"{policy_copy.at('recovery.yaml', 'Undisputed claim up to €5,000')}: "
        "recovery.legal_action.routes.small_claims.when.en : « €5,000 » recopie la valeur "
        "recovery.legal_action.routes.small_claims.maximum_amount "
        f"({policy_copy.at('recovery.yaml', 'maximum_amount: 5000')}) : écrivez "
        "[[recovery.legal_action.routes.small_claims.maximum_amount]] au lieu de 5,000 (ou, "
        "selon le sens : [[recovery.legal_action.routes.payment_order.minimum_amount]])"
        f"{LAW_NOTE}",
    ]


def test_a_value_of_a_section_the_text_quotes_is_named_after_the_closest(
        policy_copy: PolicyCopy) -> None:
    """The temporary increase's conditions quote the blocking rules: a "30 jours" there may be
    the increase's own 30 days (closest, named first) or the old-dispute threshold."""
    policy_copy.edit("credit_limits.yaml",
                     "[[credit_limits.temporary_increase.maximum_days]] jours,", "30 jours,")
    assert policy_copy.warnings() == [
        f"{policy_copy.at('credit_limits.yaml', '30 jours,')}: "
        "credit_limits.temporary_increase.conditions.fr : « 30 jours » recopie la valeur "
        "credit_limits.temporary_increase.maximum_days "
        f"({policy_copy.at('credit_limits.yaml', 'maximum_days: 30')}) : écrivez "
        "[[credit_limits.temporary_increase.maximum_days]] au lieu de 30 (ou, selon le sens : "
        f"[[blocked_orders.blocking_rules.old_dispute.threshold_days]]){LAW_NOTE}",
    ]


def test_articles_dates_years_lists_and_law_are_not_flagged(policy_copy: PolicyCopy) -> None:
    """Numbers equal to values of the section (10, 15, 1 000, 45, 420 000) but without a unit,
    glued to an article, in a date, in another unit, or in a sentence citing the law."""
    policy_copy.edit(
        "credit_limits.yaml",
        "        dépasse jamais le plafond de la classe de risque du client.\n",
        "        dépasse jamais le plafond de la classe de risque du client.\n\n"
        "        10. Voir les articles L441-10 et R622-15, le bilan du 15/10/2015, la note "
        "2026-10-15 et le 15 octobre 1015 ; score de 15 points, 10 pièces, 1 000 unités, 15 %, "
        "10 mois.\n"
        "        Le plafond légal est de 45 jours fin de mois (Code de commerce, art. L441-10 I),\n"
        "        et le capital de 420 000 € relève de l'article 1832 du Code civil.\n"
        "        Code : `15 jours`, [lien](https://exemple.fr/15%20jours).\n")
    policy_copy.edit("kpis.yaml", "Factures échues depuis plus de 30 jours",
                     "Factures échues depuis plus de 15 jours")
    assert policy_copy.errors() == []
    assert policy_copy.warnings() == []


@pytest.mark.parametrize(("text", "lang", "found"), [
    ("150 000 € puis 150\u202f000 €", "fr",
     [("150 000 €", Decimal(150000), "money"), ("150\u202f000 €", Decimal(150000), "money")]),
    ("au taux de 12,15 % l'an", "fr", [("12,15 %", Decimal("12.15"), "percent")]),
    ("at 12.15 % a year, €40 per invoice, 1,500 EUR, 15 000 € and EUR 2 500", "en",
     [("12.15 %", Decimal("12.15"), "percent"), ("€40", Decimal(40), "money"),
      ("1,500 EUR", Decimal(1500), "money"), ("15 000 €", Decimal(15000), "money"),
      ("EUR 2 500", Decimal(2500), "money")]),
    ("sous 5 jours ouvrés, 3 mois, 4 heures, 30 jours", "fr",
     [("5 jours ouvrés", Decimal(5), "working_days"), ("3 mois", Decimal(3), "months"),
      ("4 heures", Decimal(4), "hours"), ("30 jours", Decimal(30), "days")]),
    ("within 5 working days, 2 months, 10 days", "en",
     [("5 working days", Decimal(5), "working_days"), ("2 months", Decimal(2), "months"),
      ("10 days", Decimal(10), "days")]),
    ("L441-10, R. 622-24 et 2026-03-02, le 1er janvier 2026, 1. liste", "fr", []),
    ("[[terms.payment_term.days]] jours, 30jours", "fr", [("30jours", Decimal(30), "days")]),
    ("Le délai de 2 mois court (R622-24). Mais 3 mois ici.", "fr",
     [("3 mois", Decimal(3), "months")]),
])
def test_quantities(text: str, lang: str, found: list[tuple[str, Decimal, str]]) -> None:
    assert [(q.written, q.number, q.unit) for q in quantities(text, lang)] == found
