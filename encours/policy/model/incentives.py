"""Chapter 9, sales incentives tied to collection: criteria, weights, scales, rules."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field

from .common import Id, KpiRef, Model, Money, Percent, Text


class ScaleStep(Model):
    """Un palier : résultat atteint → part de la prime versée."""

    threshold: Decimal
    """Résultat à atteindre (au plus pour un indicateur à faire baisser, au moins sinon)."""
    payout: Percent
    """Part de la prime du critère versée, en %."""


class Criterion(Model):
    """Un critère de la prime, mesuré par un indicateur."""

    id: Id
    name: Text
    kpi: KpiRef
    """Id de l'indicateur qui le mesure (kpis)."""
    weight: Percent
    """Poids dans la prime, en % (la somme des poids fait 100)."""
    target: Decimal
    """Objectif, dans l'unité de l'indicateur."""
    scale: list[ScaleStep] = Field(min_length=1)
    """Paliers, du meilleur résultat au moins bon."""


class IncentiveRule(Model):
    """Une règle de calcul ou de versement."""

    id: Id
    name: Text
    description: Text
    caution: Text | None = None
    """Réserve juridique à lever avant d'appliquer la règle (validation RH ou juridique…),
    affichée avec elle."""


class IncentiveExample(Model):
    """Exemple chiffré pour un commercial fictif, calculé à la génération du manuel."""

    sales_rep: str
    """Nom (fictif) du commercial."""
    target_bonus: Money
    """Prime cible annuelle à 100 %."""
    results: dict[str, Decimal]
    """Résultat obtenu par critère (id du critère → valeur)."""


class Incentives(Model):
    """Rémunération variable des commerciaux liée à l'encaissement."""

    principle: Text
    period: Literal["monthly", "quarterly", "half_yearly", "yearly"]
    """Période de calcul."""
    criteria: list[Criterion] = Field(min_length=1)
    rules: list[IncentiveRule] = Field(min_length=1)
    example: IncentiveExample | None = None
