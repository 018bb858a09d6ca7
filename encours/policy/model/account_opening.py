"""Chapter 5, account opening: steps, documents, checks, and the opening decision per risk class."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .common import (
    CustomerTypeRef,
    Id,
    Model,
    Money,
    ProviderRef,
    RiskClassRef,
    RoleRef,
    Text,
    WorkingDays,
)


class OpeningStep(Model):
    """Une étape de l'ouverture de compte, dans l'ordre."""

    id: Id
    name: Text
    """Nom de l'étape."""
    owner: RoleRef
    """Rôle qui réalise l'étape."""
    deadline_working_days: WorkingDays
    """Délai, en jours ouvrés après l'étape précédente."""
    output: Text
    """Ce que l'étape produit."""
    description: Text | None = None


class RequiredDocument(Model):
    """Une pièce à obtenir du client."""

    id: Id
    name: Text
    """Nom de la pièce."""
    required_above_limit: Money | None = None
    """Exigée seulement si l'encours demandé dépasse ce montant (vide : toujours)."""
    customer_types: list[CustomerTypeRef] = Field(default_factory=list)
    """Types de clients concernés (vide : tous)."""
    note: Text | None = None


class CreditCheck(Model):
    """Une vérification faite avant d'ouvrir un compte."""

    id: Id
    name: Text
    """Nom de la vérification."""
    provider: ProviderRef | None = None
    """Id du fournisseur d'information utilisé (company.credit_information_providers)."""
    method: Text
    """Comment la faire."""
    on_failure: Text
    """Que faire si elle échoue."""


class OpeningDecision(Model):
    """Décision d'ouverture pour une classe de risque."""

    risk_class: RiskClassRef
    """Id de la classe de risque (credit_limits.risk_classes)."""
    outcome: Literal["credit", "prepayment", "refusal"]
    """`credit` : compte ouvert avec un encours ; `prepayment` : paiement à la commande ;
    `refusal` : pas d'ouverture."""
    first_order_limit: Money | None = None
    """Encours autorisé pour la première commande (si outcome vaut credit)."""
    note: Text | None = None


class AccountOpening(Model):
    """Ouverture de compte client."""

    steps: list[OpeningStep] = Field(min_length=1)
    """Étapes, dans l'ordre."""
    documents: list[RequiredDocument] = Field(min_length=1)
    """Pièces à obtenir."""
    checks: list[CreditCheck] = Field(min_length=1)
    """Vérifications à faire."""
    decisions: list[OpeningDecision] = Field(min_length=1)
    """Décision d'ouverture par classe de risque (la classe découle du score)."""
