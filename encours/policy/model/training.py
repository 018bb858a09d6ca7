"""Chapter 11, training: scenarios for sales staff and self-check questions."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from .common import Days, Id, Model, Percent, RoleRef, Text

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
    steps: list[Text] = Field(min_length=1)
    """Que faire, dans l'ordre."""
    say: list[Text] = Field(min_length=1)
    """Ce qu'on peut dire au client."""
    avoid: list[Text] = Field(min_length=1)
    """Ce qu'il ne faut pas faire."""
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


class Training(Model):
    """Formation des commerciaux."""

    scenarios: list[Scenario] = Field(min_length=1)
    questions: list[Question] = Field(min_length=1)
