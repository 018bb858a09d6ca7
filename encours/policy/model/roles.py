"""Chapter 3, roles and responsibilities, and who does what at each process step (RACI)."""

from __future__ import annotations

from pydantic import Field

from .common import Id, Model, RoleRef, StepRef, Text


class Role(Model):
    """Un rôle de la procédure."""

    id: Id
    title: Text
    """Intitulé du rôle."""
    mission: Text
    """Sa mission, en une ou deux phrases."""
    responsibilities: list[Text] = Field(min_length=1)
    """Ses responsabilités dans la gestion du crédit."""


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
