"""Chapter 4, standard terms of sale and payment."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field

from .common import (
    CustomerTypeRef,
    Days,
    Id,
    Model,
    Money,
    PaymentMethodRef,
    PaymentTerm,
    Percent,
    RiskClassRef,
    RoleRef,
    Text,
)


class CustomerTypeTerms(Model):
    """Conditions propres à un type de clients."""

    customer_type: CustomerTypeRef
    """Id du type de clients (document.scope.customer_types)."""
    payment_term: PaymentTerm
    """Délai de paiement standard pour ce type de clients."""
    payment_methods: list[PaymentMethodRef] = Field(default_factory=list)
    """Moyens de paiement acceptés (ids de payment_methods ; vide : tous)."""
    note: Text | None = None
    public_buyer: bool = False
    """`true` pour les acheteurs publics : le délai court de la réception de la facture (Chorus
    Pro) et les intérêts moratoires suivent le Code de la commande publique (art. R2192-10 et
    suivants), non le Code de commerce."""


class TermException(Model):
    """Délai dérogatoire : jusqu'où et qui l'accorde."""

    maximum_term: PaymentTerm
    """Délai maximum pouvant être accordé par dérogation."""
    approver: RoleRef
    """Rôle qui approuve une dérogation."""
    conditions: Text
    """Conditions à remplir (écrit au contrat, chiffre d'affaires…)."""
    risk_classes: list[RiskClassRef] = Field(default_factory=list)
    """Classes de risque qui peuvent en bénéficier (vide : toutes)."""


class PaymentMethod(Model):
    """Un moyen de paiement accepté."""

    id: Id
    name: Text
    description: Text | None = None


class EarlyPaymentDiscount(Model):
    """Escompte pour paiement anticipé, ou son absence, et la mention portée sur les factures."""

    offered: bool
    """`true` si un escompte est accordé."""
    rate: Percent | None = None
    """Taux d'escompte, en % (si offert)."""
    days: Days | None = None
    """Paiement dans les N jours suivant la facture pour en bénéficier (si offert)."""
    invoice_mention: Text | None = None
    """Mention imprimée sur les factures (obligatoire, art. L441-9 I du Code de commerce)."""


class LatePenalties(Model):
    """Pénalités de retard : régime, taux, calcul."""

    regime: Literal["FR", "EU", "UK", "DE"]
    """Régime légal : FR (L441-10 II), EU (directive 2011/7/UE), UK (Late Payment Act 1998),
    DE (BGB 288)."""
    rate_kind: Literal["legal", "contractual"]
    """`legal` : taux légal par défaut (France : taux BCE + 10 points) ; `contractual` : taux
    fixé au contrat."""
    contractual_rate: Percent | None = None
    """Taux contractuel annuel en % (obligatoire si rate_kind vaut contractual)."""
    mode: Literal["split", "fixed"] = "split"
    """`split` : chaque semestre à son taux ; `fixed` : taux du semestre du début du retard."""
    basis: Literal[365, 360] = 365
    """Base de calcul des intérêts : 365 ou 360 jours."""
    invoice_mention: Text
    """Mention des pénalités portée sur les factures et les CGV."""
    waiver_approver: RoleRef
    """Rôle qui peut renoncer à facturer des pénalités."""


class RetentionOfTitle(Model):
    """Clause de réserve de propriété."""

    applies: bool
    """`true` si les ventes sont faites sous réserve de propriété."""
    clause: Text | None = None
    """Texte de la clause (obligatoire si elle s'applique)."""


class DepositRule(Model):
    """Une règle d'acompte à la commande."""

    id: Id
    condition: Text
    """Quand l'acompte est exigé."""
    rate: Percent
    """Acompte en % du montant TTC de la commande."""
    minimum_order_amount: Money | None = None
    """Seuil de commande (HT) à partir duquel la règle s'applique."""
    risk_classes: list[RiskClassRef] = Field(default_factory=list)
    """Classes de risque concernées (vide : toutes)."""
    customer_types: list[CustomerTypeRef] = Field(default_factory=list)
    """Types de clients concernés (vide : tous)."""


class Invoicing(Model):
    """Règles de facturation."""

    timing: Text
    """Quand la facture est émise."""
    channel: Text
    """Comment elle est transmise."""
    mandatory_mentions: list[Text] = Field(min_length=1)
    """Mentions obligatoires sur chaque facture."""


class Terms(Model):
    """Conditions générales de vente et de paiement."""

    payment_term: PaymentTerm
    """Délai de paiement standard (par défaut)."""
    customer_type_terms: list[CustomerTypeTerms] = Field(default_factory=list)
    """Délais par type de clients."""
    term_exception: TermException | None = None
    """Délai dérogatoire et qui l'accorde."""
    payment_methods: list[PaymentMethod] = Field(min_length=1)
    """Moyens de paiement acceptés."""
    early_payment_discount: EarlyPaymentDiscount
    late_penalties: LatePenalties
    recovery_indemnity: Annotated[Decimal, Field(ge=0)] | None = None
    """Indemnité forfaitaire pour frais de recouvrement, par facture (40 en France, art. D441-5)."""
    retention_of_title: RetentionOfTitle
    deposit_rules: list[DepositRule] = Field(default_factory=list)
    """Quand un acompte est exigé."""
    invoicing: Invoicing
    dispute_window_days: Days
    """Délai, en jours à compter de la livraison, pour faire des réserves sur une livraison ou
    une facture (manquants, défauts apparents, prix). Il n'éteint ni la garantie des vices
    cachés (C. civ., art. 1641 à 1648) ni l'action pour défaut de conformité."""
