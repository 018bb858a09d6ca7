"""Chapter 3, roles and responsibilities, and who does what at each process step (RACI)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .common import Id, Model, NonEmptyText, RoleRef, StepRef, Text

EMAIL_PATTERN = r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$"
PHONE_PATTERN = r"^\+?[0-9][0-9 .()-]{5,}$"
Email = Annotated[str, Field(pattern=EMAIL_PATTERN)]
Phone = Annotated[str, Field(pattern=PHONE_PATTERN)]


class Contact(Model):
    """La personne à joindre pour un rôle (tous les champs sont facultatifs)."""

    name: NonEmptyText | None = None
    """Nom de la personne."""
    email: Email | None = None
    """Adresse électronique (nom@domaine.fr)."""
    phone: Phone | None = None
    """Téléphone (+33 1 00 00 00 00)."""


class Role(Model):
    """Un rôle de la procédure."""

    id: Id
    title: Text
    """Intitulé du rôle."""
    mission: Text
    """Sa mission, en une ou deux phrases."""
    responsibilities: list[Text] = Field(min_length=1)
    """Ses responsabilités dans la gestion du crédit."""
    contact: Contact | None = None
    """Qui joindre pour ce rôle : nom, courriel, téléphone."""


class RaciAssignment(Model):
    """Qui est Responsable, Approbateur (Accountable), Consulté, Informé pour une étape."""

    step: StepRef
    """Id de l'étape (ouverture de compte, commande bloquée, relance)."""
    responsible: list[RoleRef] = Field(min_length=1)
    """Rôles qui réalisent l'étape."""
    accountable: RoleRef
    """Le rôle qui en répond (un seul)."""
    consulted: list[RoleRef] = Field(default_factory=list)
    """Rôles consultés avant."""
    informed: list[RoleRef] = Field(default_factory=list)
    """Rôles informés après."""
