"""Chapter 1, the document: title, version, effective date, owner, approvals, scope, revisions."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from .common import Id, Language, Model, Months, NonEmptyText, RoleRef, Text

Version = Annotated[str, Field(min_length=1, max_length=32)]


class Approval(Model):
    """Une approbation de cette version."""

    role: RoleRef
    """Rôle de l'approbateur (id d'un rôle)."""
    name: NonEmptyText
    """Nom de la personne qui approuve."""
    date: dt.date
    """Date d'approbation (AAAA-MM-JJ)."""


class CustomerType(Model):
    """Un type de clients couvert par la procédure."""

    id: Id
    name: Text
    """Nom du type de clients."""
    description: Text | None = None


class Scope(Model):
    """Périmètre : entités et types de clients couverts."""

    entities: list[NonEmptyText] = Field(min_length=1)
    """Sociétés (raisons sociales) auxquelles la procédure s'applique."""
    customer_types: list[CustomerType] = Field(min_length=1)
    """Types de clients (France B2B, export, secteur public…), référencés par les conditions."""
    exclusions: Text | None = None
    """Ce que la procédure ne couvre pas."""


class Revision(Model):
    """Une version publiée de la procédure."""

    version: Version
    """Numéro de version, entre guillemets (ex. "2026.2")."""
    date: dt.date
    """Date de la version."""
    summary: Text
    """Ce qui a changé, en une ou deux phrases."""


class Document(Model):
    """Le document : titre, version, date d'effet, propriétaire, approbations, périmètre."""

    languages: list[Language] | None = Field(default=None, min_length=1)
    """Langues de la procédure, la principale d'abord (ex. `[fr, en]`) : chaque texte libre
    existe dans chacune (une chaîne seule est dans la langue principale). Sans cette clé : textes
    en français, traductions anglaises facultatives."""
    title: Text
    """Titre de la procédure."""
    version: Version
    """Version en vigueur, entre guillemets (ex. "2026.2") : sans guillemets YAML lit un nombre."""
    effective_date: dt.date
    """Date d'entrée en vigueur (AAAA-MM-JJ)."""
    owner: RoleRef
    """Rôle propriétaire de la procédure (id d'un rôle)."""
    approvers: list[Approval] = Field(min_length=1)
    """Qui a approuvé cette version."""
    review_cycle_months: Months
    """Périodicité de revue de la procédure, en mois."""
    purpose: Text
    """Pourquoi cette procédure : objectifs, équilibre entre ventes et encaissement."""
    scope: Scope
    revisions: list[Revision] = Field(min_length=1)
    """Historique des versions, de la plus récente à la plus ancienne."""

    @field_validator("languages")
    @classmethod
    def _each_once(cls, languages: list[str] | None) -> list[str] | None:
        if languages is not None and len(set(languages)) != len(languages):
            raise PydanticCustomError("languages_twice", "a language is declared twice")
        return languages
