"""The typed policy: one model per chapter, assembled into `Policy`."""

from __future__ import annotations

from pydantic import Field

from .account_opening import AccountOpening, CreditCheck, OpeningDecision, OpeningStep
from .blocked_orders import BlockedOrders, BlockedOrderStep
from .common import Id, Model, PaymentTerm, Percent, Text
from .company import Company
from .credit_insurance import CreditInsurance
from .credit_limits import ApprovalBand, CreditLimits, RiskClass
from .document import Document
from .glossary import GlossaryEntry
from .incentives import Incentives
from .kpis import Kpi
from .rates import Rates
from .recovery import DunningStep, LetterTemplate, Recovery
from .roles import RaciAssignment, Role
from .terms import Terms
from .training import Training

# The file each chapter is expected in when it is missing (`raci` lives beside the roles).
CHAPTER_FILES = {"raci": "roles.yaml"}


class Policy(Model):
    """Politique de gestion du crédit clients : un chapitre par fichier dans policy/."""

    document: Document
    company: Company
    roles: list[Role] = Field(min_length=1)
    """Rôles de la procédure."""
    raci: list[RaciAssignment] = Field(min_length=1)
    """Matrice RACI : une ligne par étape de processus."""
    terms: Terms
    account_opening: AccountOpening
    credit_limits: CreditLimits
    credit_insurance: CreditInsurance | None = None
    """Assurance-crédit (facultative : sans elle, aucune règle d'assureur ne s'applique)."""
    blocked_orders: BlockedOrders
    recovery: Recovery
    incentives: Incentives
    kpis: list[Kpi] = Field(min_length=1)
    """Indicateurs suivis."""
    training: Training
    glossary: list[GlossaryEntry] = Field(min_length=1)
    """Glossaire français-anglais."""
    rates: Rates = Rates()
    """Taux de référence ajoutés par l'entreprise."""


def chapter_file(chapter: str) -> str:
    """The file name a chapter is expected in: `terms` → `terms.yaml`."""
    return CHAPTER_FILES.get(chapter, f"{chapter}.yaml")


__all__ = [
    "AccountOpening", "ApprovalBand", "BlockedOrderStep", "BlockedOrders", "Company",
    "CreditCheck", "CreditInsurance", "CreditLimits", "Document", "DunningStep",
    "GlossaryEntry", "Id",
    "Incentives", "Kpi", "LetterTemplate", "Model", "OpeningDecision", "OpeningStep",
    "PaymentTerm", "Percent", "Policy", "RaciAssignment", "Rates", "Recovery", "RiskClass",
    "Role", "Terms", "Text", "Training", "chapter_file",
]
