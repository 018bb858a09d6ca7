"""What the handbook says about the law: every legal deadline shown with its article, next to
the internal target that never replaces it; figures derived from the policy computed, not typed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from encours.policy import load_policy
from encours.render import Runtime, render_pages

ROOT = Path(__file__).resolve().parents[2]
RUNTIME = Runtime(pyodide_version="314.0.7", bundle_name="calculators-test.zip")


@pytest.fixture(scope="module")
def policy():
    return load_policy(ROOT / "policy").policy


@pytest.fixture(scope="module")
def french(policy):
    return render_pages(policy, lang="fr", runtime=RUNTIME)


@pytest.fixture(scope="module")
def english(policy):
    return render_pages(policy, lang="en", runtime=RUNTIME)


def section(page: str, anchor: str) -> str:
    """The Markdown of the section whose heading carries `{ #anchor }`, up to the next `## `."""
    start = page.index(f"{{ #{anchor} }}")
    end = page.find("\n## ", start)
    return page[start:] if end < 0 else page[start:end]


def test_insolvency_shows_legal_deadlines_beside_internal_targets(french, english) -> None:
    insolvency = section(french.pages["recovery.md"], "recovery-insolvency")
    assert ("| Déclarer la créance au mandataire judiciaire | 2 mois à compter de la publication "
            "du jugement d&#39;ouverture au BODACC (Code de commerce, art. L622-24 et R622-24) "
            "| 30 jours après la publication |") in insolvency
    assert ("3 mois à compter de la publication du jugement d&#39;ouverture (Code de commerce, "
            "art. L624-9) | 30 jours après la publication |") in insolvency
    assert "date du jugement d&#39;ouverture, pas à celle de sa publication" in insolvency
    assert "art. L622-21" in insolvency
    for article in ("R624-13", "L622-13", "L622-17", "L624-16", "L624-18", "L641-11-1"):
        assert article in insolvency, article
    assert "dans les 30 jours" not in insolvency
    assert "dès la publication du jugement" not in insolvency
    english_part = section(english.pages["recovery.md"], "recovery-insolvency")
    assert "| Legal deadline | Our internal target |" in english_part


def test_public_buyers_have_their_own_term_interest_and_route(french, english) -> None:
    terms = french.pages["terms.md"]
    assert ("| **Secteur public** | 30 jours à compter de la réception de la facture sur "
            "Chorus Pro |") in terms
    public = section(terms, "terms-public-buyers")
    for article in ("R2192-10", "R2192-31", "D2192-35", "L2192-13"):
        assert article in public, article
    assert "**majoré de 8 points**" in public
    recovery = section(french.pages["recovery.md"], "recovery-public-buyers")
    assert "référé-provision devant le tribunal administratif" in recovery
    assert "R541-1" in recovery
    assert "art. R541-1" in section(english.pages["recovery.md"], "recovery-public-buyers")
