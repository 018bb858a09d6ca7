"""Chapter 8, recovery: dunning, disputes, payment plans, legal action, insolvency, provisions."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .common import (
    BlockingRuleRef,
    Days,
    Id,
    Model,
    Money,
    Months,
    Percent,
    RoleRef,
    TemplateRef,
    Text,
)

Channel = Literal["email", "phone", "letter", "registered_letter", "visit", "internal",
                  "insurer_portal"]


class DunningStep(Model):
    """Une étape de relance, datée par rapport à l'échéance."""

    id: Id
    day: int
    """Jour par rapport à l'échéance : -5 = 5 jours avant, 15 = 15 jours après."""
    name: Text
    action: Text
    """Ce qui est fait."""
    channel: Channel
    """Canal : email, phone, letter, registered_letter, visit, internal, insurer_portal (espace
    en ligne de l'assureur-crédit)."""
    owner: RoleRef
    """Rôle qui fait la relance."""
    template: TemplateRef | None = None
    """Id du modèle de lettre (letter_templates)."""
    blocking_rule: BlockingRuleRef | None = None
    """Règle de blocage des commandes que l'étape applique (blocked_orders.blocking_rules) : le
    jour de l'étape est le seuil de la règle."""
    litigation: bool = False
    """`true` : l'étape transmet le dossier au contentieux (action en justice ou mandat de
    recouvrement) ; avec une assurance-crédit, elle attend l'accord de l'assureur."""


LetterKind = Literal["dunning", "debt_acknowledgement", "claim_declaration", "goods_reclaim",
                     "insurer_declaration"]


class LetterTemplate(Model):
    """Un modèle de lettre ou de courriel de relance."""

    id: Id
    kind: LetterKind = "dunning"
    """Usage : `dunning` (relance), `debt_acknowledgement` (reconnaissance de dette d'un
    échéancier), `claim_declaration` (déclaration de créance au mandataire judiciaire),
    `goods_reclaim` (revendication des marchandises), `insurer_declaration` (déclaration d'impayé
    à l'assureur-crédit) : fixe la date et les chiffres de l'exemple rempli."""
    name: Text
    subject: Text
    """Objet ; variables entre [[ ]]."""
    body: Text
    """Corps en Markdown ; variables entre [[ ]] (valeurs de la politique ou du dossier)."""


class DisputeCategory(Model):
    """Une catégorie de litige."""

    id: Id
    name: Text
    owner: RoleRef
    """Rôle qui traite le litige."""
    resolution_days: Days
    """Délai de résolution, en jours calendaires."""


class Disputes(Model):
    """Traitement des litiges."""

    registration: Text
    """Comment un litige est enregistré."""
    categories: list[DisputeCategory] = Field(min_length=1)
    effect_on_dunning: Text
    suspends_dunning: bool
    """`true` : la relance est suspendue sur le montant en litige seulement."""
    escalation: RoleRef
    """Rôle saisi quand le délai de résolution est dépassé."""


class PaymentPlans(Model):
    """Échéanciers de paiement."""

    maximum_months: Months
    minimum_instalment: Money
    approver: RoleRef
    """Rôle qui approuve jusqu'à `approval_limit`."""
    approval_limit: Money
    escalation: RoleRef
    """Rôle qui approuve au-delà."""
    conditions: Text
    default_clause: Text
    """Ce qui se passe si une échéance n'est pas payée."""


class LegalRoute(Model):
    """Une voie de recouvrement contentieux."""

    id: Id
    kind: Literal["simplified_procedure", "payment_order", "summary_proceedings",
                  "collection_agency", "court_action"]
    """Procédure simplifiée (petites créances), injonction de payer, référé-provision,
    société de recouvrement, assignation au fond."""
    name: Text
    minimum_amount: Money | None = None
    maximum_amount: Money | None = None
    when: Text
    """Quand choisir cette voie."""


class LegalAction(Model):
    """Recouvrement contentieux."""

    approver: RoleRef
    """Rôle qui décide d'engager une action."""
    owner: RoleRef
    """Rôle qui la conduit."""
    routes: list[LegalRoute] = Field(min_length=1)


class Insolvency(Model):
    """Procédures collectives du client."""

    owner: RoleRef
    claim_filing_days: Days
    """Objectif interne : déclaration de créance dans les N jours suivant la publication du
    jugement d'ouverture au BODACC. Le délai légal (2 mois, art. R622-24 du Code de commerce)
    est rappelé à côté ; l'objectif ne le remplace pas."""
    retention_of_title_claim_days: Days
    """Objectif interne : revendication des marchandises sous réserve de propriété dans les N
    jours suivant la publication. Le délai légal (3 mois, art. L624-9) est rappelé à côté."""
    stop_dunning: bool
    """`true` : la relance et les poursuites s'arrêtent à la date du jugement d'ouverture
    (art. L622-21), non à sa publication."""
    actions: list[Text] = Field(min_length=1)


class ProvisionBucket(Model):
    """Une tranche d'ancienneté : au-delà de `above` jours de retard, jusqu'à `up_to` inclus."""

    id: Id
    above: Days
    up_to: Days | None = None
    rate: Percent
    """Provision en % du montant HT."""


class WriteOff(Model):
    """Passage en perte."""

    approver: RoleRef
    conditions: Text
    vat_recovery: Text
    """Récupération de la TVA sur la créance irrécouvrable."""


class Provisions(Model):
    """Provisions pour créances douteuses et pertes."""

    buckets: list[ProvisionBucket] = Field(min_length=1)
    insolvency_rate: Percent
    """Provision en % du HT dès l'ouverture d'une procédure collective."""
    approver: RoleRef
    write_off: WriteOff


class Recovery(Model):
    """Recouvrement."""

    dunning_steps: list[DunningStep] = Field(min_length=1)
    """Relances, dans l'ordre des jours."""
    letter_templates: list[LetterTemplate] = Field(default_factory=list)
    disputes: Disputes
    payment_plans: PaymentPlans
    legal_action: LegalAction
    insolvency: Insolvency
    provisions: Provisions



