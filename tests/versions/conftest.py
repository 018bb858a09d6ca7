"""A git repository with three released versions of the example policy, built once per session.

- ``policy-v2026.1`` (annotated tag): the example policy as version 2026.1 (effective
  1 February 2026, no 2026.2 entry in its history).
- ``policy-v2026.2`` (plain tag): the example policy as it is, plus known edits: a changed term
  (export: 30 → 45 days), an added dunning step (J+25, with its RACI row), a removed role
  (``legal``, whose tasks go to the credit manager), a reordered list (payment methods), edited
  free texts (the formal notice gives 15 days instead of 8; a word of the purpose) and a text
  only re-wrapped.
- ``policy-v2026.3`` (annotated tag): the top approval band approved by the CEO alone, a shorter
  dispute window, an added ECB rate, one responsibility edited and one added, an English-only
  change of a role title.
- branch ``broken``: version 2026.3 with a validation error (a number written in words).

Projects around it (``tests.support.harness.copy_project``) have what ``build_handbook`` and
MkDocs need besides the installed packages: the policy, mkdocs.yml and docs/ (copied),
node_modules (linked). ``working_copy`` is one clone per test module, put back as cloned before
each test.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.harness import copy_project

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "policy"

def _between(name: str, start: str, stop: str) -> str:
    """The example's lines of ``name`` from the one starting ``start`` up to ``stop``."""
    text = (EXAMPLE / name).read_text(encoding="utf-8")
    begin = text.index(start)
    return text[begin:text.index(stop, begin + len(start))]


V1_REVISION = _between("document.yaml", '    - version: "2026.2"\n', '    - version: "2026.1"')
LEGAL_ROLE = _between("roles.yaml", "  - id: legal\n", "  - id: ceo\n")
CARD = _between("terms.yaml", "    - id: card\n", "    - id: documentary_credit\n")
THIRD_REMINDER = """    - id: third_reminder
      day: 25
      name: {fr: Troisième relance, en: Third reminder}
      action:
        fr: Appel du dirigeant du client par le credit manager.
        en: The credit manager calls the customer's managing director.
      channel: phone
      owner: credit_manager
"""
PRINCIPLE = _between("blocked_orders.yaml", "  principle:\n", "    en: >-\n")
PRINCIPLE_REWRAPPED = """  principle:
    fr: >-
      Une commande bloquée n'est pas une commande refusée.
      Le blocage protège l'entreprise et le client ; il ouvre une recherche de solution en deux
      temps : comprendre la cause, puis proposer une solution adaptée.
      Le commercial reçoit une réponse dans la demi-journée.
"""
ECB_RATE = """rates:
  ecb_main_refinancing_rate:
    "2026-H2":
      value: "2.15"
      source: Banque de France
      date: 2026-07-01
"""


def git(cwd: Path, *args: str, date: str = "2026-01-01T09:00:00+01:00") -> str:
    """Run git with a fixed identity and date, and no user or system configuration."""
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Finance", "GIT_AUTHOR_EMAIL": "finance@example.com",
        "GIT_COMMITTER_NAME": "Finance", "GIT_COMMITTER_EMAIL": "finance@example.com",
        "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
        "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
    }
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, f"git {' '.join(args)}: {done.stderr}"
    return done.stdout


def edit(policy: Path, name: str, old: str, new: str, count: int = 1) -> None:
    """Replace ``old`` (found exactly ``count`` times) by ``new`` in ``policy/name``."""
    path = policy / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == count, f"{old!r} occurs {text.count(old)} times in {name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def write_v1(policy: Path) -> None:
    edit(policy, "document.yaml", 'version: "2026.2"               #',
         'version: "2026.1"               #')
    edit(policy, "document.yaml", "effective_date: 2026-09-01", "effective_date: 2026-02-01")
    edit(policy, "document.yaml", V1_REVISION, "")


def write_v2(policy: Path) -> None:
    shutil.copy2(EXAMPLE / "document.yaml", policy / "document.yaml")
    edit(policy, "terms.yaml", "payment_term: {basis: invoice_date, days: 30}\n"
         "      payment_methods: [transfer, documentary_credit]",
         "payment_term: {basis: invoice_date, days: 45}\n"
         "      payment_methods: [transfer, documentary_credit]")
    edit(policy, "recovery.yaml", "    - id: formal_notice\n      day: 30\n",
         THIRD_REMINDER + "    - id: formal_notice\n      day: 30\n")
    edit(policy, "recovery.yaml", "donnant\n          8 jours pour payer",
         "donnant\n          15 jours pour payer")
    edit(policy, "recovery.yaml", "giving 8\n          days", "giving 15\n          days")
    edit(policy, "roles.yaml", "  - {step: formal_notice,", "  - {step: third_reminder, "
         "responsible: [credit_manager], accountable: credit_manager, consulted: [], "
         "informed: [sales_rep]}\n  - {step: formal_notice,")
    edit(policy, "roles.yaml", LEGAL_ROLE, "")
    edit(policy, "roles.yaml", "responsible: [credit_manager, legal]",
         "responsible: [credit_manager]")
    edit(policy, "recovery.yaml", "    owner: legal\n", "    owner: credit_manager\n", count=2)
    edit(policy, "terms.yaml", CARD, "")
    edit(policy, "terms.yaml", "  payment_methods:\n", "  payment_methods:\n" + CARD)
    edit(policy, "document.yaml", "marge de nombreuses ventes", "marge de dizaines de ventes")
    edit(policy, "document.yaml", "the margin of many sales", "the margin of dozens of sales")
    edit(policy, "blocked_orders.yaml", PRINCIPLE, PRINCIPLE_REWRAPPED)


def write_v3(policy: Path) -> None:
    edit(policy, "document.yaml", 'version: "2026.2"               #',
         'version: "2026.3"               #')
    edit(policy, "document.yaml", "effective_date: 2026-09-01", "effective_date: 2026-12-01")
    edit(policy, "document.yaml", "  revisions:\n", '  revisions:\n    - version: "2026.3"\n'
         "      date: 2026-11-20\n"
         "      summary:\n        fr: Les plus grandes limites sont approuvées par le directeur "
         "général.\n        en: The largest limits are approved by the chief executive officer.\n")
    edit(policy, "credit_limits.yaml", "{above: 150000, approvers: [cfo, ceo]}",
         "{above: 150000, approvers: [ceo]}")
    edit(policy, "terms.yaml", "dispute_window_days: 15", "dispute_window_days: 10")
    edit(policy, "rates.yaml", "rates:\n", ECB_RATE)
    edit(policy, "roles.yaml", "Relayer les litiges sans attendre",
         "Relayer les litiges le jour même")
    edit(policy, "roles.yaml", "Pass on disputes without delay", "Pass on disputes the same day")
    offer = "        en: Offer the customer a solution when an order is blocked.\n"
    edit(policy, "roles.yaml", offer, offer + "      - fr: Vérifier l'encours disponible avant "
         "de confirmer une commande.\n        en: Check the available credit before confirming "
         "an order.\n")
    edit(policy, "roles.yaml", "en: Chief executive officer", "en: Chief Executive Officer")


@dataclass(frozen=True)
class PolicyRepo:
    """The repository (``root``) and the short commits of its three releases."""

    root: Path
    commits: dict[str, str]

    @property
    def policy(self) -> Path:
        return self.root / "policy"


def commit_all(root: Path, message: str, date: str) -> str:
    git(root, "add", "policy")
    git(root, "commit", "-q", "-m", message, date=date)
    return git(root, "rev-parse", "--short", "HEAD").strip()


@pytest.fixture(scope="session")
def policy_repo(tmp_path_factory: pytest.TempPathFactory) -> PolicyRepo:
    root = copy_project(tmp_path_factory.mktemp("repo") / "project")
    policy = root / "policy"
    git(root, "init", "-q", "-b", "main")
    commits = {}
    write_v1(policy)
    commits["2026.1"] = commit_all(root, "Politique 2026.1", "2026-01-15T10:00:00+01:00")
    git(root, "tag", "-a", "policy-v2026.1", "-m", "2026.1", date="2026-01-15T10:00:00+01:00")
    write_v2(policy)
    commits["2026.2"] = commit_all(root, "Politique 2026.2", "2026-08-26T10:00:00+02:00")
    git(root, "tag", "policy-v2026.2")
    write_v3(policy)
    commits["2026.3"] = commit_all(root, "Politique 2026.3", "2026-11-20T10:00:00+01:00")
    git(root, "tag", "-a", "policy-v2026.3", "-m", "2026.3", date="2026-11-20T10:00:00+01:00")
    git(root, "switch", "-q", "-c", "broken")
    edit(policy, "terms.yaml", "dispute_window_days: 10", "dispute_window_days: dix")
    commits["broken"] = commit_all(root, "Délai en lettres", "2026-11-21T10:00:00+01:00")
    git(root, "switch", "-q", "main")
    return PolicyRepo(root, commits)


@pytest.fixture(scope="module")
def module_clone(policy_repo: PolicyRepo,
                 tmp_path_factory: pytest.TempPathFactory) -> tuple[PolicyRepo, set[str]]:
    """A clone of the repository (with its tags), once per module, and its tags."""
    folder = tmp_path_factory.mktemp("clone")
    root = folder / "copy"
    git(folder, "clone", "-q", str(policy_repo.root), str(root))
    copy_project(root, policy=None)
    return PolicyRepo(root, policy_repo.commits), set(git(root, "tag", "-l").split())


@pytest.fixture
def working_copy(module_clone: tuple[PolicyRepo, set[str]]) -> PolicyRepo:
    """A clone of the repository (with its tags) that a test may change: the module's clone,
    put back as it was cloned (commits, files, tags) before the test."""
    clone, tags = module_clone
    root = clone.root
    git(root, "switch", "-q", "-f", "main")
    git(root, "reset", "-q", "--hard", "origin/main")
    git(root, "clean", "-q", "-f", "-d", "-e", "/docs", "-e", "/mkdocs.yml", "-e", "/node_modules")
    for tag in set(git(root, "tag", "-l").split()) - tags:
        git(root, "tag", "-d", tag)
    return clone
