"""Credit insurance: the contract's deadlines, the discretionary limit and the covered share are
checked against the rest of the policy, each problem at its file and line, with the other side's."""

from __future__ import annotations

from tests.policy.conftest import PolicyCopy

INSURANCE = "credit_insurance.yaml"
RECOVERY = "recovery.yaml"
DECLARATION_DAY = "      day: 45\n      name:\n        fr: Déclaration"
NOTICE_DAY = "      day: 30\n      name:\n        fr: Mise en demeure"


def test_declaration_step_after_the_contract_deadline(policy_copy: PolicyCopy) -> None:
    policy_copy.edit(INSURANCE, "overdue_declaration_days: 60", "overdue_declaration_days: 40")
    policy_copy.edit(INSURANCE, "claim_filing_days: 150", "claim_filing_days: 120")
    deadline = policy_copy.at(INSURANCE, "  overdue_declaration_days:")
    assert policy_copy.errors() == [
        f"{policy_copy.at(RECOVERY, DECLARATION_DAY)}: "
        "recovery.dunning_steps.insurer_declaration.day : l'étape \"insurer_declaration\" "
        "déclare l'impayé à l'assureur à J+45, après le délai du contrat d'assurance-crédit "
        f"(J+40, {deadline}) : la garantie serait perdue ; avancez l'étape avant ce délai",
    ]
    assert policy_copy.errors("en")[0].endswith(
        f"after the credit-insurance contract's deadline (J+40, {deadline}): cover would be "
        "lost; move the step before that deadline")


def test_formal_notice_after_the_declaration_deadline(policy_copy: PolicyCopy) -> None:
    policy_copy.edit(INSURANCE, "overdue_declaration_days: 60", "overdue_declaration_days: 25")
    policy_copy.edit(RECOVERY, DECLARATION_DAY, DECLARATION_DAY.replace("45", "25"))
    errors = policy_copy.errors()
    deadline = policy_copy.at(INSURANCE, "  overdue_declaration_days:")
    assert f"{policy_copy.at(RECOVERY, NOTICE_DAY)}: recovery.dunning_steps.formal_notice.day : " \
           "la mise en demeure (étape \"formal_notice\", J+30) part après le délai de " \
           f"déclaration à l'assureur (J+25, {deadline}) : l'assureur la demande avec la " \
           "déclaration ; avancez-la avant ce délai" in errors


def test_litigation_step_without_the_consent_rule(policy_copy: PolicyCopy) -> None:
    policy_copy.edit(INSURANCE, "required_for: [payment_plan, legal_action]",
                     "required_for: [payment_plan]")
    consent = policy_copy.at(INSURANCE, "    required_for:")
    assert policy_copy.errors() == [
        f"{policy_copy.at(RECOVERY, '      litigation: true')}: "
        "recovery.dunning_steps.litigation_handover.litigation : l'étape "
        "\"litigation_handover\" (J+45) passe le dossier au contentieux, mais la règle "
        "d'accord de l'assureur ne couvre pas les actions en justice "
        f"({consent}) : ajoutez legal_action à credit_insurance.consent.required_for",
    ]


def test_litigation_before_the_declaration_and_plans_without_consent(
        policy_copy: PolicyCopy) -> None:
    policy_copy.edit(INSURANCE, "required_for: [payment_plan, legal_action]",
                     "required_for: [legal_action]")
    policy_copy.edit(RECOVERY, "    - id: litigation_handover\n      day: 45",
                     "    - id: litigation_handover\n      day: 50")
    policy_copy.edit(RECOVERY, DECLARATION_DAY, DECLARATION_DAY.replace("45", "55"))
    errors = policy_copy.errors()
    plans = policy_copy.at(RECOVERY, "  payment_plans:")
    assert f"{policy_copy.at(INSURANCE, '    required_for:')}: " \
           "credit_insurance.consent.required_for : les échéanciers " \
           f"({plans}) ne sont pas soumis à l'accord de l'assureur : un échéancier accordé " \
           "sans son accord peut faire perdre la garantie ; ajoutez payment_plan" in errors
    assert any("recovery.dunning_steps.litigation_handover.day : l'étape "
               "\"litigation_handover\" passe le dossier au contentieux à J+50, avant la "
               "déclaration à l'assureur (étape \"insurer_declaration\", J+55)" in e
               for e in errors)


def test_claim_deadline_before_the_declaration_deadline(policy_copy: PolicyCopy) -> None:
    policy_copy.edit(INSURANCE, "claim_filing_days: 150", "claim_filing_days: 30")
    deadline = policy_copy.at(INSURANCE, "  overdue_declaration_days:")
    assert policy_copy.errors() == [
        f"{policy_copy.at(INSURANCE, '  claim_filing_days:')}: "
        "credit_insurance.claim_filing_days : le délai de demande d'indemnisation (J+30) "
        f"précède le délai de déclaration de l'impayé (J+60, {deadline}) : le sinistre suit la "
        "déclaration ; corrigez l'un des deux délais d'après le contrat",
    ]


def test_declaration_step_that_is_not_a_dunning_step(policy_copy: PolicyCopy) -> None:
    policy_copy.edit(INSURANCE, "declaration_step: insurer_declaration",
                     "declaration_step: credit_check")
    errors = policy_copy.errors()
    assert len(errors) == 1
    assert errors[0].startswith(
        f"{policy_copy.at(INSURANCE, '  declaration_step:')}: credit_insurance.declaration_step "
        ": \"credit_check\" n'est pas une étape de relance (recovery.dunning_steps : "
        "pre_due_reminder, first_reminder,")


def test_discretionary_limit_against_the_limits(policy_copy: PolicyCopy) -> None:
    policy_copy.edit(INSURANCE, "discretionary_limit: 10000", "discretionary_limit: 150000")
    ceiling = policy_copy.at("credit_limits.yaml", "      maximum_limit: 150000")
    band = policy_copy.at("credit_limits.yaml", "    - {above: 0, up_to: 50000")
    here = policy_copy.at(INSURANCE, "  discretionary_limit:")
    assert policy_copy.errors() == []
    assert policy_copy.warnings() == [
        f"{here}: credit_insurance.discretionary_limit : la limite discrétionnaire (150\u202f000) "
        "atteint ou dépasse le plafond le plus haut des classes de risque (150\u202f000, classe A, "
        f"{ceiling}) : l'agrément de l'assureur ne serait jamais demandé ; vérifiez le montant "
        "du contrat",
        f"{here}: credit_insurance.discretionary_limit : la limite discrétionnaire (150\u202f000) "
        "dépasse la première tranche de la grille d'approbation (jusqu'à 50\u202f000, "
        f"{band}) : au-delà de cette tranche, une limite fixée sans l'assureur échappe aussi à "
        "la délégation du credit manager ; vérifiez les deux montants",
    ]


def test_covered_share_over_100_and_unknown_key(policy_copy: PolicyCopy) -> None:
    policy_copy.edit(INSURANCE, "covered_share: 90", "covered_share: 120\n  cover_share: 90")
    share = policy_copy.at(INSURANCE, "  covered_share:")
    unknown = policy_copy.at(INSURANCE, "  cover_share:")
    assert policy_copy.errors() == [
        f"{share}: credit_insurance.covered_share doit être inférieur ou égal à 100, reçu 120",
        f"{unknown}: clé inconnue \"cover_share\" — vouliez-vous dire \"covered_share\" ?",
    ]
    assert policy_copy.errors("en") == [
        f"{share}: credit_insurance.covered_share must be at most 100, got 120",
        f"{unknown}: unknown key \"cover_share\" — did you mean \"covered_share\"?",
    ]


def test_insurer_kind(policy_copy: PolicyCopy) -> None:
    policy_copy.edit(INSURANCE, "insurer: allianz_trade", "insurer: creditsafe")
    kind = policy_copy.at("company.yaml", "      kind: credit_report")
    assert policy_copy.errors() == [
        f"{policy_copy.at(INSURANCE, '  insurer:')}: credit_insurance.insurer : "
        "\"creditsafe\" est un fournisseur de nature \"credit_report\" "
        f"({kind}), pas un assureur-crédit : nommez un fournisseur de nature credit_insurer "
        "ou corrigez sa nature",
    ]


def test_credit_insurance_is_optional(policy_copy: PolicyCopy) -> None:
    """Without the chapter no insurer rule applies; only the texts quoting it are reported, at
    their lines."""
    policy_copy.remove(INSURANCE)
    errors = policy_copy.errors()
    # Each line that quotes the chapter, in French and in English: the subject and body of
    # the insurer's letter, the opening check and the provider's usage.
    quoting = sorted(f"policy/{name}:{number}"
                     for name in (RECOVERY, "account_opening.yaml", "company.yaml")
                     for number, line in enumerate(policy_copy.text(name).splitlines(), 1)
                     if "[[credit_insurance." in line)
    assert len(quoting) == 8
    assert sorted(e.split(": ")[0] for e in errors) == quoting
    assert all("[[credit_insurance." in e for e in errors)


def test_extension_that_reaches_past_the_claim_deadline(policy_copy: PolicyCopy) -> None:
    policy_copy.edit(INSURANCE, "    days: 30\n", "    days: 100\n")
    assert policy_copy.errors() == []
    assert policy_copy.warnings() == [
        f"{policy_copy.at(INSURANCE, '    days: 100')}: credit_insurance.extension.days : avec "
        "la prorogation, la déclaration peut aller jusqu'à J+160, après le délai de demande "
        f"d'indemnisation (J+150, {policy_copy.at(INSURANCE, '  claim_filing_days:')}) : "
        "vérifiez les deux délais dans le contrat",
    ]
