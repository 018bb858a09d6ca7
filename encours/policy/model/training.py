"""Chapter 11, training: scenarios for sales staff and self-check questions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field

from .common import Days, Id, Model, Money, Percent, RiskClassRef, RoleRef, Text

Chapter = Literal[
    "document", "roles", "terms", "account_opening", "credit_limits", "blocked_orders",
    "recovery", "incentives", "kpis",
]
PolicyPath = Annotated[str, Field(pattern=r"^[a-z_]+(\.[A-Za-z0-9_-]+)*$")]


class DiscountRequest(Model):
    """Un escompte demandé par le client : le manuel en calcule le coût à nos conditions."""

    rate: Percent
    """Escompte demandé, en %."""
    days: Days
    """Paiement à N jours de la facture pour en bénéficier."""


class Scenario(Model):
    """Une situation commerciale et la conduite à tenir."""

    id: Id
    title: Text
    audience: list[RoleRef] = Field(min_length=1)
    """Rôles concernés."""
    situation: Text
    customer_says: list[Text] = Field(default_factory=list)
    """Ce que dit le client, mot pour mot (facultatif)."""
    steps: list[Text] = Field(min_length=1)
    """Que faire, dans l'ordre."""
    say: list[Text] = Field(min_length=1)
    """Ce qu'on peut dire au client."""
    avoid: list[Text] = Field(min_length=1)
    """Ce qu'il ne faut pas faire."""
    decides: list[RoleRef] = Field(default_factory=list)
    """Qui décide dans cette situation (facultatif : rôles)."""
    rules: list[PolicyPath] = Field(default_factory=list)
    """Règles de la politique concernées, par chemin (ex. terms.payment_term)."""
    discount_request: DiscountRequest | None = None
    """Escompte demandé dans la situation : son coût annuel, à notre délai standard, est calculé
    par le calculateur d'escompte et affiché avec la fiche (jamais recopié dans le texte)."""


class Question(Model):
    """Une question d'auto-évaluation."""

    id: Id
    chapter: Chapter
    """Chapitre dont elle relève."""
    question: Text
    choices: dict[Annotated[str, Field(pattern=r"^[a-z]$")], Text] = Field(min_length=2)
    """Réponses proposées, par lettre (a, b, c…)."""
    answer: str
    """Lettre de la bonne réponse."""
    explanation: Text


# --- Cas chiffrés : des questions dont la réponse est calculée par les outils de la politique --
Amount = Annotated[Decimal, Field(gt=0)]
"""A positive amount in the company's currency."""
CriterionRef = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$")]


class PenaltyInputs(Model):
    """Une facture payée en retard : les pénalités et l'indemnité dues."""

    amount: Amount
    """Montant TTC de la facture."""
    days_late: Annotated[int, Field(ge=1, le=365)]
    """Jours de retard à la date du paiement."""


class DueDateInputs(Model):
    """Une facture émise à une date : son échéance au délai standard."""

    invoice_date: dt.date


class DiscountInputs(Model):
    """Un escompte demandé par le client : son coût annuel."""

    rate: Annotated[Decimal, Field(gt=0, lt=100)]
    """Escompte demandé, en %."""
    days: Days
    """Paiement à N jours de la facture pour en bénéficier."""


class ScoreInputs(Model):
    """Un score de crédit : la classe de risque et son plafond."""

    score: Annotated[int, Field(ge=0)]


class LimitInputs(Model):
    """La méthode de calcul de la limite appliquée à un client."""

    score: Annotated[int, Field(ge=0)]
    equity: Money
    """Capitaux propres du dernier bilan."""
    insurer_cover: Money | None = None
    """Garantie de l'assureur-crédit (absente : pas de garantie demandée)."""
    monthly_purchases: Amount
    """Achats mensuels attendus TTC."""
    term_days: Days
    """Délai de paiement moyen du client, en jours."""


class ApprovalInputs(Model):
    """Une limite de crédit proposée : qui l'approuve."""

    limit: Amount


class OrderInputs(Model):
    """Une commande et le compte du client : bloquée ou non, et par quelle règle."""

    limit: Money
    """Limite de crédit du client."""
    outstanding: Money
    """Encours avant la commande : factures non échues, échues, commandes en cours."""
    order_amount: Amount
    oldest_overdue_days: Days = 0
    """Retard de la plus ancienne facture échue (0 : aucune)."""
    oldest_dispute_days: Days = 0
    """Âge du plus ancien litige ouvert (0 : aucun)."""
    dispute_action_plan: bool = False
    """Le litige a un plan d'action."""


class FirstOrderInputs(Model):
    """La première commande d'un nouveau client : ce que couvre l'encours de première commande."""

    risk_class: RiskClassRef
    order_amount: Amount


class TemporaryIncreaseInputs(Model):
    """Un dépassement temporaire demandé pour une commande identifiée."""

    limit: Amount
    increase: Amount
    """Dépassement demandé au-delà de la limite."""
    days: Annotated[int, Field(ge=1)]
    """Durée du dépassement, en jours."""
    oldest_overdue_days: Days = 0


class DunningInputs(Model):
    """Une facture échue depuis N jours : où en est la relance."""

    days_overdue: Annotated[int, Field(ge=1)]


class PlanInputs(Model):
    """Un échéancier demandé pour un arriéré."""

    arrears: Amount
    months: Annotated[int, Field(ge=1)]


class ProvisionInputs(Model):
    """Une créance échue depuis N jours : la provision à passer."""

    amount: Amount
    days_overdue: Annotated[int, Field(ge=1)]


class BonusInputs(Model):
    """Les résultats d'un commercial sur la période : sa prime."""

    target_bonus: Amount
    """Prime cible annuelle."""
    results: dict[CriterionRef, Decimal] = Field(min_length=1)
    """Résultat par critère (identifiant du critère → résultat)."""


class TierInputs(Model):
    """Le résultat d'un commercial sur un critère : le taux de prime atteint."""

    criterion: CriterionRef
    result: Decimal


class CaseBase(Model):
    id: Id
    story: Text | None = None
    """Quelques mots sur le client, pour donner vie au cas (facultatif) : les chiffres viennent
    des données du cas et de la politique, jamais de ce texte."""


class PenaltyCase(CaseBase):
    ask: Literal["penalty_due"]
    inputs: PenaltyInputs


class DueDateCase(CaseBase):
    ask: Literal["due_date"]
    inputs: DueDateInputs


class DiscountCase(CaseBase):
    ask: Literal["discount_cost"]
    inputs: DiscountInputs


class ScoreCase(CaseBase):
    ask: Literal["risk_class"]
    inputs: ScoreInputs


class LimitCase(CaseBase):
    ask: Literal["credit_limit"]
    inputs: LimitInputs


class ApprovalCase(CaseBase):
    ask: Literal["limit_approvers"]
    inputs: ApprovalInputs


class FirstOrderCase(CaseBase):
    ask: Literal["first_order"]
    inputs: FirstOrderInputs


class TemporaryIncreaseCase(CaseBase):
    ask: Literal["temporary_increase"]
    inputs: TemporaryIncreaseInputs


class OrderCase(CaseBase):
    ask: Literal["order_blocked", "order_deposit"]
    inputs: OrderInputs


class DunningCase(CaseBase):
    ask: Literal["dunning_step"]
    inputs: DunningInputs


class PlanCase(CaseBase):
    ask: Literal["payment_plan"]
    inputs: PlanInputs


class ProvisionCase(CaseBase):
    ask: Literal["provision"]
    inputs: ProvisionInputs


class BonusCase(CaseBase):
    ask: Literal["bonus_period"]
    inputs: BonusInputs


class TierCase(CaseBase):
    ask: Literal["bonus_tier"]
    inputs: TierInputs


Case = Annotated[
    PenaltyCase | DueDateCase | DiscountCase | ScoreCase | LimitCase | ApprovalCase
    | FirstOrderCase | TemporaryIncreaseCase | OrderCase | DunningCase | PlanCase
    | ProvisionCase | BonusCase | TierCase,
    Field(discriminator="ask"),
]
"""Un cas chiffré : `ask` dit la question posée, `inputs` les chiffres du cas ; la bonne réponse
et les réponses erronées sont calculées au moment de la construction du manuel, avec les valeurs
de la politique."""


class Session(Model):
    """Session de formation : un tirage de cas chiffrés, notée contre une note de réussite."""

    questions: Annotated[int, Field(ge=1)]
    """Nombre de questions tirées par session (au plus le nombre de cas chiffrés)."""
    pass_mark: Percent
    """Part de bonnes réponses, en %, qu'il faut atteindre pour obtenir le certificat."""


class Training(Model):
    """Formation des commerciaux."""

    scenarios: list[Scenario] = Field(min_length=1)
    questions: list[Question] = Field(min_length=1)
    cases: list[Case] = Field(default_factory=list)
    """Cas chiffrés de la session de formation."""
    session: Session | None = None
    """La session de formation (absente : pas de page de session ni de certificat)."""
