"""What the handbook says about the law: every legal deadline shown with its article, next to
the internal target that never replaces it; figures derived from the policy computed, not typed.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]



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


def unlinked(markdown: str) -> str:
    """The Markdown with the glossary's links to its terms replaced by the terms' words."""
    return re.sub(r'\[([^\]]+)\]\((?:[^()"]|"[^"]*")*\)\{ \.encours-term \}', r"\1", markdown)


def test_public_buyers_have_their_own_term_interest_and_route(french, english) -> None:
    terms = french.pages["terms.md"]
    assert ("| **Secteur public** | 30 jours à compter de la réception de la facture sur "
            "Chorus Pro |") in terms
    public = section(terms, "terms-public-buyers")
    for article in ("R2192-10", "R2192-31", "D2192-35", "L2192-13"):
        assert article in public, article
    assert "**majoré de 8 points**" in public
    recovery = section(french.pages["recovery.md"], "recovery-public-buyers")
    assert "référé-provision devant le tribunal administratif" in unlinked(recovery)
    assert "R541-1" in recovery
    assert "art. R541-1" in section(english.pages["recovery.md"], "recovery-public-buyers")


def test_discount_cost_is_computed_from_our_standard_term(policy, french) -> None:
    from calculators import discount
    from encours.render.chapters.playbook import average_days

    average = average_days(policy.terms.payment_term, policy.document.effective_date.year)
    assert average == 45  # 30 days end of month: end of the invoice month (15 on average) + 30
    cost = discount.nominal_cost(policy.training.scenarios[2].discount_request.rate, 10, average)
    assert f"{float(cost):.1f}" == "21.3"
    playbook = french.pages["playbook.md"]
    assert "30 jours fin de mois, soit 45 jours en moyenne après la facture" in playbook
    assert "c&#39;est un coût de **21,3\u00a0% par an**" in playbook
    assert "plus de 30 %" not in playbook


def test_statutory_penalty_rate_is_not_the_legal_interest_rate(french) -> None:
    penalties = section(french.pages["terms.md"], "terms-penalties")
    assert "n&#39;est pas le **taux de l&#39;intérêt légal** (2,62\u00a0% au 1er semestre 2026" \
        in penalties
    letters = section(french.pages["recovery.md"], "recovery-letters")
    assert "taux légal de nos conditions" not in letters
    assert "(taux légal des pénalités de retard)" in letters


def test_quick_reference_states_the_ceiling_once_and_agrees_with_class_a(french) -> None:
    card = unlinked(french.pages["quick-reference.md"])
    assert "maximum légal" not in card
    assert card.count("Plafond légal") == 1
    assert ("| **A** | 71–100 | Compte ouvert, 1re commande jusqu&#39;à 30\u202f000\u00a0€ | "
            "30 jours fin de mois |") in card
    assert ("Secteur public\u00a0: **30 jours à compter de la réception de la facture sur "
            "Chorus Pro**") in card


def test_split_delivery_is_an_alternative_decided_by_the_credit_manager(french) -> None:
    alternatives = section(french.pages["blocked-orders.md"], "blocked-alternatives")
    assert "Livraison échelonnée" in alternatives
    playbook = french.pages["playbook.md"]
    assert "livraison en deux fois" not in playbook
    assert "Fractionner la commande" not in playbook


def test_invoice_mentions_are_the_legal_ones(french) -> None:
    invoicing = section(french.pages["terms.md"], "terms-invoicing")
    for needle in ("Nature des opérations", "R123-237", "RCS Lyon",
                   "« Exonération de TVA, article 262 ter I du CGI »",
                   "« Exonération de TVA, article 262 I du CGI »"):
        assert needle in invoicing, needle
    assert "Clause de réserve de propriété" not in invoicing
    retention = section(french.pages["terms.md"], "terms-retention-of-title")
    assert "Ce n&#39;est pas une mention obligatoire de la facture" in retention
    assert "L624-16" in retention
    penalties = section(french.pages["terms.md"], "terms-penalties")
    assert "**sans TVA**" in penalties and "art. 256" in penalties


def test_dispute_window_runs_from_delivery_and_keeps_legal_warranties(french) -> None:
    disputes = section(french.pages["terms.md"], "terms-disputes")
    assert "**15 jours à compter de la livraison**" in disputes
    assert "réputée acceptée" not in disputes
    for article in ("1641 à 1648", "art. 1604", "L133-3"):
        assert article in disputes, article
    assert "**3 jours**" in disputes


def test_litigation_names_the_court_the_service_deadline_and_limitation(french) -> None:
    legal = section(french.pages["recovery.md"], "recovery-legal-action")
    assert "(tribunal de commerce)" not in legal
    assert "Notre siège relève du **tribunal des activités économiques de Lyon**" in legal
    for needle in ("loi n° 2023-1059", "art. 1406", "dans les **6 mois**", "art. 1411",
                   "**5 ans** (Code de commerce, art. L110-4)"):
        assert needle in legal, needle


def test_provisions_tax_note_vat_on_write_off_and_bonus_caution(french) -> None:
    provisions = section(french.pages["recovery.md"], "recovery-provisions")
    assert "**client par client**" in provisions and "art. 39, 1-5°" in provisions
    assert "art. 272" in provisions
    assert "passage en perte d&#39;une petite créance" in provisions
    incentives = french.pages["incentives.md"]
    assert "!!! warning \"À faire valider avant application\"" in incentives
    assert "L1331-2" in incentives


def test_delegations_say_how_the_top_band_and_the_increase_fit(french) -> None:
    approval = section(french.pages["credit-limits.md"], "limits-approval")
    assert "(seulement par un dépassement temporaire : aucune classe n&#39;autorise une limite " \
           "au-delà de 150\u202f000\u00a0€)" in approval
    increase = section(french.pages["credit-limits.md"], "limits-temporary-increase")
    assert "l&#39;accorde seul tant que la limite augmentée du dépassement reste dans sa " \
           "délégation (jusqu&#39;à 50\u202f000\u00a0€)" in increase
    review = section(french.pages["credit-limits.md"], "limits-review")
    assert "Les commandes, elles, sont bloquées dès 15 jours de retard" in review


def test_delegation_table_agrees_with_the_credit_limits_chapter(french) -> None:
    organisation = french.pages["organisation.md"]
    assert "tant que la limite augmentée ne dépasse pas 50\u202f000\u00a0€" in organisation
    assert "| Credit manager | Au-delà : la grille d&#39;approbation |" in organisation
    assert "Délai dérogatoire, jusqu&#39;à 45 jours fin de mois, classes A ou B" in organisation


def test_limit_example_shows_its_days_beside_our_average_term(french) -> None:
    method = section(french.pages["credit-limits.md"], "limits-method")
    assert "Délai retenu : **45 jours**. À notre délai standard (30 jours fin de mois), une " \
           "facture arrive à échéance en moyenne 45 jours après son émission" in method
