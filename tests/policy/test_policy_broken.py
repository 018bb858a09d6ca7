"""The corpus of broken policies: the example policy with one targeted mistake each.

Every case asserts the complete list of problems: the exact file, line and message, and that
nothing else is reported. Lines are found by searching the edited file for the mistake.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from encours.policy import PolicyInvalid, load_policy, resolve_placeholders
from encours.policy.checks.rates import RATES_MISSING
from tests.policy.conftest import PolicyCopy

NNBSP = "\u202f"  # French thousands separator in messages: 50 000


# --- YAML syntax and loading --------------------------------------------------------------------


NO_DISCOUNT_MENTION = ("    invoice_mention:\n      fr: Pas d'escompte pour paiement anticipé.\n"
                       "      en: No discount for early payment.\n")
"""The early-payment discount's invoice mention, in both languages (some tests take it away)."""


def test_syntax_error_gives_line_column_and_plain_explanation(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("company.yaml", "  currency: EUR", "  currency: EUR\n\tlanguage: fr")
    line = policy_copy.line_of("company.yaml", "\tlanguage")
    assert policy_copy.errors() == [
        f"policy/company.yaml:{line}:1: syntaxe YAML invalide : tabulation interdite en YAML : "
        "indentez avec des espaces",
    ]


def test_french_colon_in_plain_text_is_explained(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("terms.yaml", "  dispute_window_days: 15",
                     "  dispute_window_days: 15\n  note: Délai : 15 jours")
    at = policy_copy.at("terms.yaml", "  note: Délai")
    column = len("  note: Délai :")
    assert policy_copy.errors() == [
        f"{at}:{column}: syntaxe YAML invalide : deux-points inattendu : un texte qui contient "
        '":" suivi d\'une espace se met entre guillemets (ou sur les lignes suivantes, après '
        '">-") ; sinon, vérifiez l\'indentation de la ligne',
    ]


def test_colon_in_a_list_item_becomes_a_mapping_and_is_explained(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("training.yaml", "        - fr: Accuser le service crédit auprès du client.\n"
                     "          en: Blaming the credit department in front of the customer.",
                     "        - Accuser le service crédit : jamais.")
    assert policy_copy.errors() == [
        f"{policy_copy.at('training.yaml', '- Accuser le service crédit : jamais.')}: "
        "training.scenarios.blocked_order.avoid[2] : YAML a lu ce texte comme \"clé: valeur\" à "
        'cause du ":" suivi d\'une espace ("Accuser le service crédit: …") — mettez le texte '
        'entre guillemets, ou sur les lignes suivantes après ">-"',
    ]


def test_unclosed_flow_list_points_at_where_it_was_opened(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("terms.yaml", "      payment_methods: [transfer]\n",
                     "      payment_methods: [transfer\n")
    opened = policy_copy.line_of("terms.yaml", "payment_methods: [transfer\n")
    (error,) = policy_copy.errors()
    assert error.startswith("policy/terms.yaml:")
    assert error.endswith(
        "syntaxe YAML invalide : liste [ ] ou section { } mal fermée : vérifiez les virgules et "
        f"les crochets (élément commencé ligne {opened})")


def test_syntax_error_in_one_file_does_not_hide_type_errors_in_another(
        policy_copy: PolicyCopy) -> None:
    policy_copy.edit("kpis.yaml", "    target: 52\n", "    target: 52\n   frequency: [\n")
    policy_copy.edit("company.yaml", "  employees: 250", "  employees: deux cent cinquante")
    errors = policy_copy.errors()
    assert len(errors) == 2
    assert errors[0] == (f"{policy_copy.at('company.yaml', 'employees:')}: company.employees "
                         'doit être un nombre entier, reçu "deux cent cinquante"')
    assert errors[1].startswith("policy/kpis.yaml:")
    assert "syntaxe YAML invalide" in errors[1]


def test_duplicate_key_names_both_lines(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("terms.yaml", "  dispute_window_days: 15",
                     "  dispute_window_days: 15\n  dispute_window_days: 30")
    first = policy_copy.line_of("terms.yaml", "dispute_window_days: 15")
    assert policy_copy.errors() == [
        f"{policy_copy.at('terms.yaml', 'dispute_window_days: 30')}: clé "
        f'"dispute_window_days" en double : déjà définie ligne {first} — supprimez ou renommez '
        "l'une des deux",
    ]


def test_missing_chapter_file(policy_copy: PolicyCopy) -> None:
    policy_copy.remove("kpis.yaml")
    errors = policy_copy.errors()
    assert errors[0] == ('policy/kpis.yaml: chapitre "kpis" manquant : ajoutez-le dans '
                         'policy/kpis.yaml (première clé : "kpis:")')
    # Checks that read the KPIs do not run; every other chapter is still checked.
    assert errors == errors[:1]


def test_misspelt_chapter_is_one_problem_with_a_suggestion(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("kpis.yaml", "\nkpis:\n", "\nkpi:\n")
    assert policy_copy.errors() == [
        f'{policy_copy.at("kpis.yaml", "kpi:")}: clé inconnue "kpi" — vouliez-vous dire '
        '"kpis" ?',
    ]


def test_chapter_defined_twice_keeps_its_own_file(policy_copy: PolicyCopy) -> None:
    policy_copy.write("extra.yaml", "terms:\n  dispute_window_days: 15\n")
    assert policy_copy.errors() == [
        'policy/extra.yaml:1: chapitre "terms" déjà défini en policy/terms.yaml:3 : un '
        "chapitre ne s'écrit qu'une fois",
    ]


# --- types --------------------------------------------------------------------------------------


def test_unknown_key_with_suggestion(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("terms.yaml", "  payment_term:\n    basis", "  paymnt_term:\n    basis")
    assert policy_copy.errors() == [
        f'{policy_copy.at("terms.yaml", "paymnt_term:")}: clé inconnue "paymnt_term" — '
        'vouliez-vous dire "payment_term" ?',
    ]


def test_unknown_key_in_english(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("terms.yaml", "  payment_term:\n    basis", "  paymnt_term:\n    basis")
    assert policy_copy.errors("en") == [
        f'{policy_copy.at("terms.yaml", "paymnt_term:")}: unknown key "paymnt_term" — '
        'did you mean "payment_term"?',
    ]


def test_unknown_key_without_close_match_lists_the_keys(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("terms.yaml", "  retention_of_title:\n    applies: true",
                     "  retention_of_title:\n    applies: true\n    colour: blue")
    assert policy_copy.errors() == [
        f'{policy_copy.at("terms.yaml", "colour:")}: clé inconnue "colour" (clés possibles : '
        "applies, clause)",
    ]


def test_wrong_type_whole_number_of_days(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("terms.yaml", "    days: 30\n    end_of_month_method",
                     "    days: trente\n    end_of_month_method")
    assert policy_copy.errors() == [
        f'{policy_copy.at("terms.yaml", "days: trente")}: terms.payment_term.days doit être un '
        'nombre entier de jours, reçu "trente"',
    ]
    assert policy_copy.errors("en") == [
        f'{policy_copy.at("terms.yaml", "days: trente")}: terms.payment_term.days must be a '
        'whole number of days, got "trente"',
    ]


def test_unquoted_version_asks_for_quotes(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("document.yaml", '  version: "2026.2"  ', "  version: 2026.20  ")
    assert policy_copy.errors() == [
        f"{policy_copy.at('document.yaml', 'version: 2026.20')}: document.version doit être un "
        'texte, reçu 2026.20 : mettez-le entre guillemets ("2026.20"), sinon YAML le lit comme '
        "un nombre",
    ]


def test_norway_is_not_false(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("company.yaml", "  country: FR", "  country: NO")
    assert policy_copy.errors() == [
        f"{policy_copy.at('company.yaml', 'country: NO')}: company.country doit être un texte, "
        'reçu NO : mettez-le entre guillemets ("NO"), sinon YAML le lit comme oui/non',
    ]


def test_decimal_comma_and_bounds(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("company.yaml", "  vat_rate: 20", '  vat_rate: "20,0"')
    policy_copy.edit("company.yaml", "  net_margin_rate: 3.5", "  net_margin_rate: 350")
    assert policy_copy.errors() == [
        f"{policy_copy.at('company.yaml', 'vat_rate')}: company.vat_rate doit être un nombre en "
        'pourcentage (ex. 12.5), reçu "20,0" : écrivez les décimales avec un point (12.5), pas '
        "une virgule",
        f"{policy_copy.at('company.yaml', 'net_margin_rate')}: company.net_margin_rate doit être "
        "inférieur ou égal à 100, reçu 350",
    ]


def test_impossible_date_and_bad_choice(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("document.yaml", "effective_date: 2026-09-01", "effective_date: 2026-02-30")
    policy_copy.edit("recovery.yaml", "      channel: registered_letter",
                     "      channel: registred_letter")
    assert policy_copy.errors() == [
        f"{policy_copy.at('document.yaml', 'effective_date')}: document.effective_date doit être "
        'une date AAAA-MM-JJ (ex. 2026-09-01), reçu "2026-02-30"',
        f"{policy_copy.at('recovery.yaml', 'registred_letter')}: "
        'recovery.dunning_steps.formal_notice.channel : valeur "registred_letter" inconnue — '
        'vouliez-vous dire "registered_letter" ? (valeurs possibles : email, phone, letter, '
        "registered_letter, visit, internal, insurer_portal)",
    ]


def test_missing_required_key_and_bad_id(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("kpis.yaml", "    frequency: quarterly\n", "")
    policy_copy.edit("roles.yaml", "  - id: legal\n", "  - id: juriste en chef\n")
    errors = policy_copy.errors()
    assert errors[0] == (
        f"{policy_copy.at('kpis.yaml', '- id: bad_debt_rate')}: clé obligatoire \"frequency\" "
        "manquante dans kpis.bad_debt_rate")
    assert errors[1] == (
        f"{policy_copy.at('roles.yaml', 'juriste en chef')}: roles[7].id : identifiant "
        '"juriste en chef" invalide — lettres sans accent, chiffres, "_" ou "-", sans espace '
        "(ex. credit_manager)")
    assert len(errors) == 2


def test_text_where_a_number_was_typed(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("document.yaml", "    exclusions:\n", "    exclusions: 2026\n    remarques:\n")
    errors = policy_copy.errors()
    assert errors[0] == (
        f"{policy_copy.at('document.yaml', 'exclusions: 2026')}: document.scope.exclusions doit "
        'être un texte, reçu 2026 : mettez-le entre guillemets ("2026"), sinon YAML le lit comme '
        "un nombre")
    assert errors[1] == (f'{policy_copy.at("document.yaml", "remarques:")}: clé inconnue '
                         '"remarques" (clés possibles : entities, customer_types, exclusions)')


# --- references and identifiers -----------------------------------------------------------------


def test_dangling_role(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("kpis.yaml", "    audience: [cfo]\n", "    audience: [cfo, treasurer]\n")
    assert policy_copy.errors() == [
        f"{policy_copy.at('kpis.yaml', '[cfo, treasurer]')}: "
        'kpis.collection_effectiveness.audience[2] : "treasurer" n\'existe pas dans roles '
        "(identifiants définis : accounting, ceo, cfo, credit_manager, customer_service, legal, "
        "sales_manager, sales_rep)",
    ]


def test_dangling_role_in_raci_also_breaks_the_owner_rule(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("roles.yaml", "{step: formal_notice, responsible: [credit_manager]",
                     "{step: formal_notice, responsible: [credit_manger]")
    at = policy_copy.at("roles.yaml", "{step: formal_notice")
    assert policy_copy.errors() == [
        f'{at}: raci.formal_notice.responsible[1] : "credit_manger" n\'existe pas dans roles — '
        'vouliez-vous dire "credit_manager" ?',
        f'{at}: raci.formal_notice.responsible : l\'étape "formal_notice" est confiée à '
        '"credit_manager" (recovery.dunning_steps.formal_notice.owner), qui doit figurer ici ou '
        "dans accountable",
    ]


def test_dangling_risk_class(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("terms.yaml", "      risk_classes: [D]", "      risk_classes: [F]")
    assert policy_copy.errors() == [
        f"{policy_copy.at('terms.yaml', 'risk_classes: [F]')}: "
        'terms.deposit_rules.class_d_orders.risk_classes[1] : "F" n\'existe pas dans '
        "credit_limits.risk_classes (identifiants définis : A, B, C, D, E)",
    ]


def test_dangling_kpi(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("incentives.yaml", "      kpi: overdue_rate", "      kpi: overdue_ratio")
    assert policy_copy.errors() == [
        f"{policy_copy.at('incentives.yaml', 'overdue_ratio')}: incentives.criteria.overdue.kpi "
        ': "overdue_ratio" n\'existe pas dans kpis — vouliez-vous dire "overdue_rate" ?',
    ]


def test_dangling_template(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("recovery.yaml", "      template: formal_notice",
                     "      template: formal_notise")
    assert policy_copy.errors() == [
        f"{policy_copy.at('recovery.yaml', 'formal_notise')}: "
        'recovery.dunning_steps.formal_notice.template : "formal_notise" n\'existe pas dans '
        'recovery.letter_templates — vouliez-vous dire "formal_notice" ?',
    ]


def test_dangling_guarantee(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("credit_limits.yaml", "guarantees: [deposit, bank_guarantee",
                     "guarantees: [deposits, bank_guarantee")
    assert policy_copy.errors() == [
        f"{policy_copy.at('credit_limits.yaml', '[deposits,')}: "
        'credit_limits.risk_classes.D.guarantees[1] : "deposits" n\'existe pas dans '
        'credit_limits.guarantees — vouliez-vous dire "deposit" ?',
    ]


NAME = chr(10) + '    name:' + chr(10)


def test_duplicate_ids(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("kpis.yaml", "  - id: bad_debt_rate\n", "  - id: overdue_rate\n")
    first = policy_copy.line_of("kpis.yaml", "  - id: overdue_rate\n    name:\n      fr: Part")
    assert policy_copy.errors() == [
        f"{policy_copy.at('kpis.yaml', '- id: overdue_rate' + NAME + '      fr: Pertes')}: "
        f'identifiant "overdue_rate" en double dans kpis (déjà utilisé ligne {first}) : chaque '
        "élément a son propre identifiant",
    ]


def test_step_ids_are_unique_across_procedures(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("blocked_orders.yaml", "    - id: release_decision",
                     "    - id: opening_decision")
    first = policy_copy.line_of("account_opening.yaml", "- id: opening_decision")
    errors = policy_copy.errors()
    assert errors[0] == (
        f"{policy_copy.at('blocked_orders.yaml', 'id: opening_decision')}: identifiant d'étape "
        f'"opening_decision" déjà utilisé dans une autre procédure (policy/account_opening.yaml:'
        f"{first}) : la matrice RACI désigne les étapes par leur seul identifiant")
    # The RACI row of the renamed step now points nowhere.
    assert errors[1].startswith(f"{policy_copy.at('roles.yaml', '{step: release_decision')}: "
                                'raci.release_decision.step : "release_decision" n\'existe pas')
    assert len(errors) == 2


def test_step_without_raci_row_is_a_warning(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("roles.yaml", "  - {step: phone_call, responsible: [accounting], "
                     "accountable: credit_manager, consulted: [sales_rep], informed: []}\n", "")
    assert policy_copy.errors() == []
    assert policy_copy.warnings() == [
        f"{policy_copy.at('recovery.yaml', '- id: phone_call')}: l'étape \"phone_call\" n'a pas "
        "de ligne dans la matrice RACI (raci) : indiquez qui réalise, approuve, est consulté et "
        "informé",
    ]


# --- order, bands, sums --------------------------------------------------------------------------


def test_dunning_steps_out_of_order(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("recovery.yaml", "      day: 20\n", "      day: 12\n")
    assert policy_copy.errors() == [
        f"{policy_copy.at('recovery.yaml', 'day: 12')}: recovery.dunning_steps.second_reminder.day"
        ' : la relance "second_reminder" (J+12) vient après "sales_alert" (J+15) : classez les '
        "étapes de relance par jour",
    ]


def test_overlapping_approval_bands(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("credit_limits.yaml", "{above: 50000, up_to: 150000",
                     "{above: 40000, up_to: 150000")
    assert policy_copy.errors() == [
        f"{policy_copy.at('credit_limits.yaml', 'above: 40000')}: "
        "credit_limits.approval_bands[2].above : les tranches se chevauchent — celle-ci "
        f"commence à 40{NNBSP}000 alors que la précédente va jusqu'à 50{NNBSP}000 ; "
        f"commencez-la à 50{NNBSP}000",
    ]


def test_gap_between_approval_bands(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("credit_limits.yaml", "{above: 50000, up_to: 150000",
                     "{above: 60000, up_to: 150000")
    assert policy_copy.errors("en") == [
        f"{policy_copy.at('credit_limits.yaml', 'above: 60000')}: "
        "credit_limits.approval_bands[2].above: gap in the bands — no band covers amounts "
        "between 50,000 and 60,000; this band must start at 50,000",
    ]


def test_approval_bands_must_cover_every_amount(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("credit_limits.yaml", "{above: 0, up_to: 50000", "{above: 1000, up_to: 50000")
    policy_copy.edit("credit_limits.yaml", "{above: 150000, approvers",
                     "{above: 150000, up_to: 500000, approvers")
    assert policy_copy.errors() == [
        f"{policy_copy.at('credit_limits.yaml', 'above: 1000,')}: "
        f"credit_limits.approval_bands[1].above : la première tranche doit commencer à 0, pas à "
        f"1{NNBSP}000",
        f"{policy_copy.at('credit_limits.yaml', 'up_to: 500000')}: "
        f"credit_limits.approval_bands[3].up_to : la dernière tranche s'arrête à 500{NNBSP}000 et "
        "rien n'est prévu au-delà ; retirez up_to pour couvrir tous les montants supérieurs",
    ]


def test_score_ranges_gap_and_overlap(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("credit_limits.yaml", "      score_min: 51\n", "      score_min: 55\n")
    assert policy_copy.errors() == [
        f"{policy_copy.at('credit_limits.yaml', 'score_min: 55')}: "
        "credit_limits.risk_classes.B.score_min : aucune classe de risque ne couvre les scores "
        "51 à 54",
    ]
    policy_copy.edit("credit_limits.yaml", "      score_min: 55\n", "      score_min: 45\n")
    assert policy_copy.errors() == [
        f"{policy_copy.at('credit_limits.yaml', 'score_min: 45')}: "
        "credit_limits.risk_classes.B.score_min : les scores 45 à 50 sont déjà dans la classe "
        '"C" : les classes se chevauchent',
    ]


def test_incentive_weights_must_sum_to_100(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("incentives.yaml", "      weight: 25", "      weight: 30")
    assert policy_copy.errors() == [
        f"{policy_copy.at('incentives.yaml', 'criteria:')}: incentives.criteria : la somme des "
        "poids fait 105 %, elle doit faire 100 %",
    ]


def test_incentive_scale_goes_from_best_result(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("incentives.yaml", "{threshold: 12, payout: 60}", "{threshold: 6, payout: 60}")
    assert policy_copy.errors() == [
        f"{policy_copy.at('incentives.yaml', 'threshold: 6,')}: "
        "incentives.criteria.payment_delay.scale[2].threshold : pour un indicateur à faire "
        "baisser, les paliers vont du résultat le plus bas au plus haut : 6 doit être supérieur "
        "à 8",
    ]


def test_each_risk_class_has_an_opening_decision(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("account_opening.yaml",
                     "    - {risk_class: C, outcome: credit, first_order_limit: 7500}\n", "")
    policy_copy.edit("account_opening.yaml", "{risk_class: B, outcome: credit, "
                     "first_order_limit: 15000}", "{risk_class: B, outcome: credit, "
                     "first_order_limit: 90000}")
    assert policy_copy.errors() == [
        f"{policy_copy.at('account_opening.yaml', 'decisions:')}: account_opening.decisions : "
        'aucune décision d\'ouverture pour la classe de risque "C"',
        f"{policy_copy.at('account_opening.yaml', 'first_order_limit: 90000')}: "
        "account_opening.decisions.B.first_order_limit : l'encours de première commande "
        f"90{NNBSP}000 dépasse le plafond de la classe B (80{NNBSP}000)",
        # Training quotes the class C decision, in both languages: it must not silently lose
        # its figure.
        *(f"{at}: training.scenarios.big_first_order.steps[3].{lang} : la variable "
          "[[account_opening.decisions.C.first_order_limit]] ne désigne aucune valeur de la "
          "politique : account_opening.decisions n'a pas d'élément \"C\" (possibles : A, B, D, E)"
          for at, lang in ((policy_copy.at("training.yaml", "commande est de [[account_opening"),
                            "fr"),
                           (policy_copy.at("training.yaml", "order is €[[account_opening"), "en"))),
    ]


# --- French law ----------------------------------------------------------------------------------


def test_term_beyond_60_days_from_invoice(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("terms.yaml", "      payment_term: {basis: invoice_date, days: 30}\n"
                     "      payment_methods: [transfer, documentary_credit]",
                     "      payment_term: {basis: invoice_date, days: 75}\n"
                     "      payment_methods: [transfer, documentary_credit]")
    assert policy_copy.errors() == [
        f"{policy_copy.at('terms.yaml', 'days: 75')}: "
        "terms.customer_type_terms.export.payment_term.days : 75 jours date de facture dépasse "
        "le maximum légal de 60 jours à compter de la date d'émission de la facture (Code de "
        "commerce, art. L441-10 I)",
    ]


def test_term_beyond_45_days_end_of_month(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("terms.yaml", "    maximum_term: {basis: days_end_of_month, days: 45,",
                     "    maximum_term: {basis: days_end_of_month, days: 60,")
    assert policy_copy.errors() == [
        f"{policy_copy.at('terms.yaml', 'days: 60')}: terms.term_exception.maximum_term.days : "
        '"60 jours fin de mois" dépasse le maximum légal de 45 jours fin de mois (Code de '
        "commerce, art. L441-10 I)",
    ]


def test_end_of_month_term_names_its_computation(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("terms.yaml", "    end_of_month_method: end_of_month_then_days   # fin du "
                     "mois de facture, puis 30 jours\n", "")
    assert policy_copy.errors() == [
        f"{policy_copy.at('terms.yaml', '  payment_term:' + chr(10))}: terms.payment_term : "
        '"end_of_month_method" manquant — pour "N jours fin de mois", précisez '
        "end_of_month_then_days (fin de mois puis N jours) ou days_then_end_of_month (N jours "
        "puis fin de mois) (Code de commerce, art. L441-10 I)",
    ]


def test_contractual_rate_below_the_floor(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("terms.yaml", "    rate_kind: legal ", "    contractual_rate: 7.5\n"
                     "    rate_kind: contractual ")
    policy_copy.edit("document.yaml", "effective_date: 2026-09-01", "effective_date: 2026-03-01")
    assert policy_copy.errors() == [
        f"{policy_copy.at('terms.yaml', 'contractual_rate: 7.5')}: "
        "terms.late_penalties.contractual_rate : le taux contractuel de 7,5 % est inférieur au "
        "minimum légal de 7,86 % (3 × 2,62 %, taux de l'intérêt légal du semestre 2026-H1) "
        "(Code de commerce, art. L441-10 II)",
    ]


def test_contractual_rate_floor_uses_a_rate_the_policy_adds(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("terms.yaml", "    rate_kind: legal ", "    contractual_rate: 8\n"
                     "    rate_kind: contractual ")
    assert policy_copy.errors() == []
    assert policy_copy.warnings() == [
        f"{policy_copy.at('terms.yaml', 'contractual_rate: 8')}: "
        "terms.late_penalties.contractual_rate : taux de l'intérêt légal du semestre 2026-H2 "
        "inconnu — ajoutez-le dans rates.france_legal_interest_rate pour vérifier le minimum de "
        "3 fois ce taux (Code de commerce, art. L441-10 II)",
    ]
    policy_copy.edit("rates.yaml", "  owner: credit_manager\n",
                     "  owner: credit_manager\n  france_legal_interest_rate:\n"
                     '    "2026-H2": {value: "2.70", source: Arrêté (exemple), date: 2026-06-20}\n')
    assert policy_copy.warnings() == []
    assert policy_copy.errors() == [
        f"{policy_copy.at('terms.yaml', 'contractual_rate: 8')}: "
        "terms.late_penalties.contractual_rate : le taux contractuel de 8 % est inférieur au "
        "minimum légal de 8,10 % (3 × 2,70 %, taux de l'intérêt légal du semestre 2026-H2) "
        "(Code de commerce, art. L441-10 II)",
    ]


def test_missing_recovery_indemnity(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("terms.yaml", "  recovery_indemnity: 40.00\n", "")
    errors = policy_copy.errors()
    assert errors[2] == (
        "policy/terms.yaml:3: terms : indemnité forfaitaire pour frais de recouvrement absente — "
        "ajoutez recovery_indemnity: 40.00 ; elle est due pour chaque facture payée en retard "
        "(Code de commerce, art. L441-10 II et D441-5)")
    # The letter and the quiz that quote it are reported too, at the placeholder's line.
    letter = policy_copy.at("recovery.yaml", "indemnité forfaitaire pour frais de recouvrement "
                            "de [[terms")
    assert errors[0] == (
        f"{letter}: recovery.letter_templates.second_reminder.body.fr : la variable "
        "[[terms.recovery_indemnity]] ne désigne ni une valeur de la politique ni une variable "
        "de courrier (customer.name, invoice.number…) : terms.recovery_indemnity n'a pas de "
        "valeur dans la politique")
    assert errors[1].startswith(
        f"{policy_copy.at('recovery.yaml', '€[[terms.recovery_indemnity]] per invoice')}: "
        "recovery.letter_templates.second_reminder.body.en : la variable")
    assert errors[2].startswith("policy/terms.yaml:3: terms : indemnité forfaitaire")
    assert [e.split(": ")[0] for e in errors[3:]] == [
        policy_copy.at("training.yaml", "et de l'indemnité forfaitaire de [[terms"),
        policy_copy.at("training.yaml", "the €[[terms.recovery_indemnity]] fixed"),
        policy_copy.at("training.yaml", 'fr: "Une indemnité forfaitaire'),
        policy_copy.at("training.yaml", "en: A fixed indemnity of"),
        policy_copy.at("training.yaml", "L'indemnité forfaitaire pour frais de recouvrement de"),
        policy_copy.at("training.yaml", "The fixed indemnity for recovery costs of"),
    ]


def test_indemnity_below_40(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("terms.yaml", "  recovery_indemnity: 40.00", "  recovery_indemnity: 15.00")
    assert policy_copy.errors() == [
        f"{policy_copy.at('terms.yaml', 'recovery_indemnity: 15')}: terms.recovery_indemnity : "
        "15,00 est inférieur au montant légal de l'indemnité forfaitaire, 40 € (Code de "
        "commerce, art. D441-5)",
    ]


def test_missing_discount_mention_is_a_warning(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("terms.yaml", NO_DISCOUNT_MENTION,
                     "")
    assert policy_copy.errors() == []
    assert policy_copy.warnings() == [
        f"{policy_copy.at('terms.yaml', 'early_payment_discount:')}: terms.early_payment_discount"
        " : mention d'escompte absente (invoice_mention) — les factures indiquent les conditions "
        "d'escompte, ou \"Pas d'escompte pour paiement anticipé\" (Code de commerce, "
        "art. L441-9 I)",
    ]


def test_insolvency_deadlines_beyond_the_law_are_warnings(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("recovery.yaml", "    claim_filing_days: 30", "    claim_filing_days: 75")
    policy_copy.edit("recovery.yaml", "        maximum_amount: 5000",
                     "        maximum_amount: 8000")
    assert policy_copy.errors() == []
    assert policy_copy.warnings() == [
        f"{policy_copy.at('recovery.yaml', 'kind: simplified_procedure')}: "
        "recovery.legal_action.routes.small_claims.kind : la procédure simplifiée de "
        f"recouvrement des petites créances est limitée à 5{NNBSP}000 € (Code des procédures "
        "civiles d'exécution, art. L125-1 et R125-1) : fixez maximum_amount à "
        f"5{NNBSP}000 au plus",
        f"{policy_copy.at('recovery.yaml', 'claim_filing_days: 75')}: "
        "recovery.insolvency.claim_filing_days : 75 jours dépasse le délai légal de déclaration "
        "de créance, 2 mois à compter de la publication du jugement d'ouverture au BODACC (Code "
        "de commerce, art. R622-24)",
    ]


# --- free text -----------------------------------------------------------------------------------

HOSTILE = "{{ 7*7 }} {% if true %}oui{% endif %}"  # HTML is refused: test_policy_markup.py


def test_hostile_text_loads_and_is_stored_verbatim(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("terms.yaml", "      fr: Pas d'escompte pour paiement anticipé.",
                     f'      fr: "{HOSTILE}"')
    policy_copy.edit("document.yaml", "Première version de la procédure.",
                     "Version {{ config }} ${HOME} `rm -rf`")
    loaded = load_policy(policy_copy.folder)
    assert loaded.warnings == []
    text = loaded.policy.terms.early_payment_discount.invoice_mention
    assert text.get("fr") == HOSTILE
    assert resolve_placeholders(text.get("fr"), loaded.policy) == HOSTILE  # nothing evaluated
    assert loaded.policy.model_dump(mode="json")["terms"]["early_payment_discount"][
        "invoice_mention"]["fr"] == HOSTILE


def test_empty_brackets_are_not_a_placeholder_path(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("training.yaml", '          fr: "[[terms.payment_term]]"',
                     '          fr: "[[ 7*7 ]]"')
    assert policy_copy.errors() == [
        f"{policy_copy.at('training.yaml', '[[ 7*7 ]]')}: "
        "training.questions.standard_term.choices.a.fr : la variable [[7*7]] ne désigne aucune "
        'valeur de la politique : "7*7" n\'est pas un chemin : écrivez par ex. '
        "[[terms.payment_term.days]] (aucune expression n'est permise)",
    ]


def test_placeholder_to_an_unknown_value(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("training.yaml", '          fr: "[[terms.payment_term]]"',
                     '          fr: "[[terms.payment_term.dys]]"')
    assert policy_copy.errors() == [
        f"{policy_copy.at('training.yaml', 'payment_term.dys')}: "
        "training.questions.standard_term.choices.a.fr : la variable [[terms.payment_term.dys]] ne "
        "désigne aucune valeur de la politique : terms.payment_term n'a pas de clé \"dys\" — "
        'vouliez-vous dire "days" ?',
    ]


def test_placeholder_line_inside_a_literal_block(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("recovery.yaml", "[[invoice.amount]] €,\n          échue le",
                     "[[invoice.amont]] €,\n          échue le")
    assert policy_copy.errors() == [
        f"{policy_copy.at('recovery.yaml', '[[invoice.amont]]')}: "
        "recovery.letter_templates.first_reminder.body.fr : la variable [[invoice.amont]] ne "
        "désigne ni une valeur de la politique ni une variable de courrier (customer.name, "
        "invoice.number…) : la politique n'a pas de clé \"invoice\" (possibles : document, "
        "company, roles, raci, terms, account_opening, credit_limits, credit_insurance, "
        "blocked_orders, recovery, "
        "incentives, kpis, training, glossary, rates)",
    ]


def test_placeholder_to_a_whole_section(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("training.yaml", "[[kpis.countback_dso.target]] days",
                     "[[kpis.countback_dso]] days")
    assert policy_copy.errors("en") == [
        f"{policy_copy.at('training.yaml', '[[kpis.countback_dso]]')}: "
        "training.questions.dso_method.explanation.en: placeholder [[kpis.countback_dso]] does "
        "not designate a policy value: kpis.countback_dso is a section or a list, not a value: "
        "name the key you want",
    ]


def test_quiz_answer_must_be_a_choice(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("training.yaml", "      answer: a\n      explanation:\n        fr: >-\n"
                     "          Le délai", "      answer: d\n      explanation:\n        fr: >-\n"
                     "          Le délai")
    assert policy_copy.errors() == [
        f"{policy_copy.at('training.yaml', 'answer: d')}: training.questions.standard_term.answer"
        ' : la réponse "d" n\'est pas parmi les choix (a, b, c)',
    ]


def test_load_policy_raises_with_every_problem(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("incentives.yaml", "      weight: 25", "      weight: 30")
    policy_copy.edit("terms.yaml", NO_DISCOUNT_MENTION,
                     "")
    with pytest.raises(PolicyInvalid) as raised:
        load_policy(Path("policy"), today=dt.date(2026, 12, 6))
    assert [p.severity.value for p in raised.value.problems
            if p.code != RATES_MISSING] == ["error", "warning"]
    assert [str(p) for p in raised.value.errors] == policy_copy.errors()


def test_files_are_named_from_the_policy_folder_wherever_it_is(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("incentives.yaml", "      weight: 25", "      weight: 30")
    absolute = load_problems(policy_copy.root.resolve() / "policy")
    assert absolute == policy_copy.errors()
    assert absolute[0].startswith("policy/incentives.yaml:")


def load_problems(folder: Path) -> list[str]:
    with pytest.raises(PolicyInvalid) as raised:
        load_policy(folder)
    return [str(p) for p in raised.value.errors]


def test_training_link_outside_any_chapter(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("training.yaml", "rules: [recovery.dunning_steps, terms.late_penalties]",
                     "rules: [recovery.dunning_steps, late_fees]")
    assert policy_copy.errors() == [
        f"{policy_copy.at('training.yaml', 'late_fees]')}: "
        'training.scenarios.late_payer_visit.rules[2] : la règle "late_fees" n\'existe pas dans '
        'la politique : la politique n\'a pas de clé "late_fees" (possibles : document, company, '
        "roles, raci, terms, account_opening, credit_limits, credit_insurance, "
        "blocked_orders, recovery, "
        "incentives, kpis, training, glossary, rates)",
    ]


def test_yml_file_is_ignored_with_a_warning(policy_copy: PolicyCopy) -> None:
    policy_copy.write("notes.yml", "terms:\n  dispute_window_days: 90\n")
    assert policy_copy.errors() == []
    assert policy_copy.warnings() == [
        "policy/notes.yml: fichier ignoré : renommez-le en .yaml pour qu'il soit lu"]
