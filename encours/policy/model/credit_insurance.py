"""Chapter 6b, credit insurance: the insurer, its discretionary limit and covered share, the
contract's deadlines to declare an overdue and to file a claim, and when its consent is needed."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .common import Days, Model, Money, Percent, ProviderRef, RoleRef, StepRef, Text

ConsentCase = Literal["payment_plan", "legal_action"]


class DeclarationExtension(Model):
    """Prorogation du délai de déclaration accordée par l'assureur sur demande."""

    days: Days
    """Jours ajoutés au délai de déclaration quand l'assureur accorde la prorogation."""
    conditions: Text
    """Comment la demander (avant l'expiration du délai) et à quelles conditions."""


class InsurerConsent(Model):
    """Ce qui demande l'accord préalable de l'assureur tant que la garantie court."""

    required_for: list[ConsentCase] = Field(min_length=1)
    """Décisions soumises à l'accord de l'assureur : `payment_plan` (échéancier, délai de grâce),
    `legal_action` (action en justice, mandat à une société de recouvrement)."""
    rule: Text
    """La règle du contrat, en une ou deux phrases."""


class CreditInsurance(Model):
    """Assurance-crédit : assureur, limite discrétionnaire, quotité garantie, délais du contrat."""

    insurer: ProviderRef
    """Id de l'assureur-crédit (company.credit_information_providers, de nature
    `credit_insurer`)."""
    policy_number: str | None = None
    """Numéro de la police d'assurance-crédit."""
    owner: RoleRef
    """Rôle qui demande les agréments et fait les déclarations à l'assureur."""
    discretionary_limit: Money
    """Limite discrétionnaire : jusqu'à ce montant d'encours, nous fixons la limite sans
    l'agrément de l'assureur (selon le contrat) ; au-delà, l'agrément est demandé."""
    covered_share: Percent
    """Quotité garantie : part de la perte que l'assureur indemnise, en %."""
    overdue_declaration_days: Days
    """Délai du contrat pour déclarer un impayé (menace de sinistre), en jours après
    l'échéance."""
    declaration_step: StepRef
    """Id de l'étape de relance (recovery.dunning_steps) qui fait la déclaration."""
    claim_filing_days: Days
    """Délai du contrat pour déposer la demande d'indemnisation (sinistre), en jours après
    l'échéance."""
    extension: DeclarationExtension | None = None
    """Prorogation du délai de déclaration, si le contrat la prévoit."""
    consent: InsurerConsent
    """Accord préalable de l'assureur."""
