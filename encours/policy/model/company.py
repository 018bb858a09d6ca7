"""Chapter 2, the company: identity, currency, language, and the rates calculators start from."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from .common import Id, Language, Model, NonEmptyText, Percent, Text

CountryCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
CurrencyCode = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]


class CreditInformationProvider(Model):
    """Un fournisseur d'information crédit, de notation ou d'assurance-crédit."""

    id: Id
    name: NonEmptyText
    """Nom du fournisseur."""
    kind: Literal["credit_report", "credit_insurer", "legal_notices", "sanctions_screening"]
    """Nature : rapports et scores, assureur-crédit, annonces légales, filtrage des sanctions."""
    usage: Text
    """À quoi il sert dans la procédure."""


class ErpGuide(Model):
    """Où regarder dans l'ERP, tâche par tâche (écran ou transaction, nom de l'état)."""

    name: NonEmptyText
    """Nom de l'ERP."""
    customer_exposure: Text | None = None
    """Où voir l'encours d'un client, sa limite et les commandes bloquées."""
    account_creation: Text | None = None
    """Où créer le compte client."""
    class_and_limit: Text | None = None
    """Où voir et saisir la classe de risque et la limite du client."""
    overdue_invoices: Text | None = None
    """Où voir les factures échues (balance âgée)."""
    dunning_history: Text | None = None
    """Où voir l'historique des relances et des promesses de paiement."""


class Company(Model):
    """L'entreprise : identité et valeurs par défaut des calculateurs."""

    legal_name: NonEmptyText
    """Raison sociale."""
    trade_name: NonEmptyText | None = None
    """Nom commercial."""
    activity: Text
    """Activité, en une phrase."""
    employees: Annotated[int, Field(ge=1)] | None = None
    """Effectif."""
    address: NonEmptyText | None = None
    """Adresse du siège (pour les courriers)."""
    commercial_court: Text | None = None
    """Juridiction commerciale du siège : tribunal de commerce, ou tribunal des activités
    économiques là où l'expérimentation de la loi n° 2023-1059 l'a créé (Lyon, Paris…)."""
    country: CountryCode
    """Pays, code ISO 3166 à deux lettres (FR), entre guillemets pour la Norvège ("NO")."""
    currency: CurrencyCode
    """Devise, code ISO 4217 (EUR)."""
    language: Language
    """Langue du manuel : fr ou en."""
    vat_rate: Percent
    """Taux normal de TVA, en %."""
    net_margin_rate: Percent
    """Taux de marge nette, en % du chiffre d'affaires (calcul du CA à refaire après un impayé)."""
    financing_rate: Percent
    """Coût de financement annuel du besoin en fonds de roulement, en %."""
    credit_information_providers: list[CreditInformationProvider] = Field(min_length=1)
    """Fournisseurs d'information crédit utilisés."""
    erp: ErpGuide | None = None
    """L'ERP et où y trouver chaque information."""
