"""Chapter 6, credit limits: score, risk classes, the limit method, approvals, guarantees."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import Field

from .common import (
    BlockingRuleRef,
    Days,
    GuaranteeRef,
    Id,
    Model,
    Money,
    Months,
    PaymentTerm,
    Percent,
    ProviderRef,
    RoleRef,
    Text,
)

Score = Annotated[int, Field(ge=0)]


class ScoreScale(Model):
    """Le score utilisé pour classer les clients."""

    provider: ProviderRef
    """Id du fournisseur du score (company.credit_information_providers)."""
    minimum: Score
    """Score le plus bas (risque le plus élevé)."""
    maximum: Score
    """Score le plus haut (risque le plus faible)."""
    description: Text | None = None


class RiskClass(Model):
    """Une classe de risque : plage de score, plafond d'encours, délai maximum, garanties."""

    id: Id
    name: Text
    """Nom de la classe."""
    score_min: Score
    """Score minimum de la classe (inclus)."""
    score_max: Score
    """Score maximum de la classe (inclus)."""
    description: Text
    maximum_limit: Money
    """Encours maximum pour un client de cette classe."""
    maximum_term: PaymentTerm
    """Délai de paiement maximum pour cette classe."""
    guarantees: list[GuaranteeRef] = Field(default_factory=list)
    """Garanties exigées, au moins une d'elles (ids de guarantees)."""
    review_months: Months
    """Revue de la limite tous les N mois."""


class LimitExample(Model):
    """Exemple chiffré de la méthode, calculé à la génération du manuel."""

    customer: str
    """Nom (fictif) du client de l'exemple."""
    equity: Money
    """Capitaux propres du client."""
    insurer_cover: Money | None = None
    """Garantie accordée par l'assureur-crédit."""
    monthly_purchases: Money
    """Achats mensuels attendus, TTC."""
    term_days: Days
    """Délai de paiement accordé, en jours."""


class LimitMethod(Model):
    """Méthode de calcul de la limite : le plus petit de trois plafonds."""

    equity_share: Percent
    """Part des capitaux propres du client, en %."""
    use_insurer_cover: bool
    """La limite ne dépasse pas la garantie de l'assureur-crédit."""
    margin_days: Days
    """Jours ajoutés au délai de paiement : achats mensuels × (délai + marge) / 30."""
    rounding: Money
    """Arrondi à ce montant, vers le bas (ex. 1000)."""
    description: Text
    example: LimitExample


class ApprovalBand(Model):
    """Une tranche de la grille d'approbation : au-dessus de `above`, jusqu'à `up_to` inclus."""

    above: Money
    """Borne basse (exclue) ; 0 pour la première tranche."""
    up_to: Money | None = None
    """Borne haute (incluse) ; vide pour la dernière tranche."""
    approvers: list[RoleRef] = Field(min_length=1)
    """Rôles qui approuvent ensemble une limite dans cette tranche."""


class TemporaryIncrease(Model):
    """Dépassement temporaire de limite."""

    maximum_share: Percent
    """Dépassement maximum, en % de la limite."""
    maximum_days: Annotated[int, Field(ge=1)]
    """Durée maximum, en jours."""
    approver: RoleRef
    """Rôle qui l'accorde, dans la limite de sa propre délégation (grille d'approbation)."""
    beyond_approver_band: Literal["approval_bands"] | None = None
    """Quand la limite augmentée du dépassement dépasse ce que `approver` approuve seul :
    `approval_bands`, les approbateurs de la tranche où tombe la limite augmentée."""
    conditions: Text


class ReviewTrigger(Model):
    """Un événement qui impose de revoir la limite sans attendre la revue périodique."""

    id: Id
    event: Text
    """L'événement."""
    action: Text
    """Ce qu'il faut faire."""
    owner: RoleRef
    """Rôle qui agit."""
    overdue_days: Days | None = None
    """Pour un déclencheur fondé sur le retard : le nombre de jours de retard qui le déclenche."""
    blocking_rule: BlockingRuleRef | None = None
    """La règle de blocage des commandes fondée sur le même retard (blocked_orders.blocking_rules),
    comparée à `overdue_days`."""
    why_distinct: Text | None = None
    """Pourquoi le seuil de revue diffère du seuil de blocage, quand il en diffère."""


class Guarantee(Model):
    """Une garantie acceptée."""

    id: Id
    name: Text
    description: Text
    minimum_cover: Percent | None = None
    """Couverture minimum exigée, en % de l'encours."""


class CreditLimits(Model):
    """Limites de crédit (encours autorisés)."""

    score: ScoreScale
    risk_classes: list[RiskClass] = Field(min_length=1)
    """Classes de risque, de la meilleure à la moins bonne."""
    limit_method: LimitMethod
    approval_bands: list[ApprovalBand] = Field(min_length=1)
    """Grille d'approbation des limites, par montant croissant."""
    temporary_increase: TemporaryIncrease
    review_triggers: list[ReviewTrigger] = Field(min_length=1)
    guarantees: list[Guarantee] = Field(min_length=1)
    """Catalogue des garanties."""
    usage_alert_rate: Percent | None = None
    """Alerte quand l'encours atteint ce % de la limite."""


def own_band(bands: list[Any], role: str) -> tuple[int | None, Decimal]:
    """The highest band `role` approves alone, and its upper bound (0 when `role` approves no
    band alone; infinite when that band is open-ended)."""
    last: int | None = None
    for i, band in enumerate(bands):
        if list(band.approvers) == [role]:
            last = i
    if last is None:
        return None, Decimal(0)
    top = bands[last].up_to
    return last, top if top is not None else Decimal("Infinity")
