"""Chapter 7, orders over the limit: what blocks an order, causes, alternatives, decision."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from .common import AlternativeRef, BlockingRuleRef, Days, Id, Model, Percent, RoleRef, Text

Hours = Annotated[int, Field(ge=0)]


class BlockingRule(Model):
    """Une raison de bloquer une commande."""

    id: Id
    kind: Literal["exposure", "overdue", "dispute"] | None = None
    """Ce que la règle teste, pour l'outil « commande bloquée » : `exposure` (l'encours augmenté
    de la commande dépasse la limite de plus de `tolerance_rate` % ; exactement à la tolérance,
    la commande passe), `overdue` (une facture est échue depuis `threshold_days` jours ou plus),
    `dispute` (un litige est ouvert depuis plus de `threshold_days` jours sans plan d'action).
    Vide : l'outil ne teste pas la règle et le dit."""
    name: Text
    description: Text
    threshold_days: Days | None = None
    """Seuil en jours (retard ou litige plus ancien que N jours)."""
    tolerance_rate: Percent | None = None
    """Tolérance de dépassement de la limite, en %."""


class BlockedOrderStep(Model):
    """Une étape du traitement d'une commande bloquée."""

    id: Id
    name: Text
    owner: RoleRef
    """Rôle qui réalise l'étape."""
    deadline_working_hours: Hours
    """Délai en heures ouvrées depuis le blocage."""
    description: Text


class Cause(Model):
    """Étape 1 : une cause à examiner, et les solutions qui y répondent."""

    id: Id
    name: Text
    what_to_check: Text
    """Ce qu'il faut vérifier."""
    blocking_rules: list[BlockingRuleRef] = Field(default_factory=list)
    """Règles de blocage qui font penser à cette cause (ids de blocking_rules) : l'outil
    « commande bloquée » propose les causes des règles qui bloquent la commande."""
    alternatives: list[AlternativeRef] = Field(min_length=1)
    """Solutions adaptées (ids d'alternatives)."""


class Alternative(Model):
    """Étape 2 : une solution à proposer au client."""

    id: Id
    name: Text
    description: Text
    approver: RoleRef
    """Rôle qui l'accepte."""


class ReleaseDecision(Model):
    """Qui décide de débloquer, et quand escalader."""

    owner: RoleRef
    """Rôle qui décide."""
    escalation: RoleRef
    """Rôle saisi en cas de désaccord ou au-delà de la délégation."""
    escalation_rule: Text
    response_time_working_hours: Hours
    """Délai de réponse garanti au commercial, en heures ouvrées."""


class BlockedOrders(Model):
    """Commandes hors encours (au-delà de la limite)."""

    principle: Text
    blocking_rules: list[BlockingRule] = Field(min_length=1)
    steps: list[BlockedOrderStep] = Field(min_length=1)
    causes: list[Cause] = Field(min_length=1)
    alternatives: list[Alternative] = Field(min_length=1)
    decision: ReleaseDecision
    customer_message: Text
    """Ce que le commercial dit au client."""
