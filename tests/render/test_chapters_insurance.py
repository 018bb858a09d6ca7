"""Credit insurance, the credit team's letters, contacts and current rates as the chapters show
them: figures computed from the policy, the insurer's deadlines beside ours, letters printed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from encours.formatting import format_money
from encours.i18n import Catalogue
from encours.render import PRINT_PAGE, examples, render_pages
from encours.render.chapters.common import rate_notices
from encours.render.chapters.recovery import plan_schedule
from tests.render.test_chapters import policy_with, section
from tests.support.rendering import RUNTIME


def day(n: int) -> str:
    return f"J+{n}"


def test_recovery_shows_the_insurer_deadlines_beside_our_steps(french, policy) -> None:
    insurance = policy.credit_insurance
    part = section(french.pages["recovery.md"], "recovery-insurance")
    step = next(s for s in policy.recovery.dunning_steps if s.id == insurance.declaration_step)
    assert (f"| **{day(insurance.overdue_declaration_days)}** | {day(step.day)} · "
            in part)
    assert f"**{day(insurance.claim_filing_days)}**" in part
    assert f"**{day(insurance.overdue_declaration_days + insurance.extension.days)}**" in part
    assert "Délai du contrat" in part and "objectif interne" in part
    diagram = french.pages["recovery.md"].split("```mermaid", 1)[1].split("```", 1)[0]
    assert f"{day(insurance.overdue_declaration_days)} · Limite de déclaration" in diagram


def test_credit_limits_compute_the_covered_share(french, policy) -> None:
    insurance = policy.credit_insurance
    part = section(french.pages["credit-limits.md"], "limits-insurance")
    paid = examples.SAMPLE_AMOUNT * insurance.covered_share / 100
    assert f"indemnise {format_money(paid, 'EUR', 'fr').replace(',00', '')}" in part
    limit = format_money(insurance.discretionary_limit, "EUR", "fr").replace(",00", "")
    assert f"**{limit}**" in part


def test_english_pages_speak_of_the_insurer(english) -> None:
    assert "Credit insurer: **Allianz Trade**" in english.pages["credit-limits.md"]
    assert "Our dunning and the credit insurer&#39;s deadlines" in english.pages["recovery.md"]


def test_letters_of_the_credit_team_are_filled_and_printed(french, policy) -> None:
    letters = section(french.pages["recovery.md"], "recovery-letters")
    for name in ("Reconnaissance de dette et échéancier", "Déclaration de créance au "
                 "mandataire judiciaire", "Revendication des marchandises sous réserve de "
                 "propriété", "Déclaration de menace de sinistre"):
        assert f'=== "{name}"' in letters
        assert f"### {name}" in french.pages[PRINT_PAGE]
    assert "[[" not in letters
    assert "art. 2240" in letters and "R624-13" in letters and "L622-25" in letters


def test_claim_declaration_amount_is_computed_at_the_judgment_date(french) -> None:
    letters = section(french.pages["recovery.md"], "recovery-letters")
    claim = letters.split('=== "Déclaration de créance', 1)[1].split('=== "', 1)[0]
    assert "12\u202f450,00 €" not in claim.split("Créance échue au jour du jugement** : ")[1][:12]


def test_payment_plan_schedule_adds_up(policy) -> None:
    plans = policy.recovery.payment_plans
    total = Decimal("12490.00")
    schedule = plan_schedule(total, policy, dt.date(2026, 4, 11))
    assert sum(i.amount for i in schedule) == total
    assert len(schedule) <= plans.maximum_months
    assert all(i.amount >= plans.minimum_instalment for i in schedule)
    assert schedule[0].date == dt.date(2026, 5, 5)


def test_contacts_and_erp_where_the_reader_needs_them(french) -> None:
    blocked = french.pages["blocked-orders.md"]
    assert "[credit@example.com](mailto:credit@example.com)" in blocked
    assert "Encours du client (ERP Brévant)" in blocked
    assert "Créer le compte (ERP Brévant)" in french.pages["account-opening.md"]
    assert "Historique des relances (ERP Brévant)" in french.pages["recovery.md"]


def test_without_insurance_nothing_is_said_of_it(tmp_path: Path) -> None:
    def drop(chapters: dict) -> None:
        chapters["credit_insurance"] = {}
        recovery = chapters["recovery"]["recovery"]
        recovery["dunning_steps"] = [s for s in recovery["dunning_steps"]
                                     if s["id"] != "insurer_declaration"]
        recovery["letter_templates"] = [t for t in recovery["letter_templates"]
                                        if t["id"] != "insurer_declaration"]
        chapters["roles"]["raci"] = [r for r in chapters["roles"]["raci"]
                                     if r["step"] != "insurer_declaration"]
        for check in chapters["account_opening"]["account_opening"]["checks"]:
            if check["id"] == "insurer_cover":
                check["method"] = "Demande d'agrément selon le contrat."
        for provider in chapters["company"]["company"]["credit_information_providers"]:
            if provider["id"] == "allianz_trade":
                provider["usage"] = "Assurance-crédit."

    pages = render_pages(policy_with(tmp_path, drop), lang="fr", runtime=RUNTIME).pages
    assert "recovery-insurance" not in pages["recovery.md"]
    assert "limits-insurance" not in pages["credit-limits.md"]


def test_rate_notice_names_the_owner_and_goes_when_the_rate_is_added(policy) -> None:
    labels = Catalogue("fr")
    notices = rate_notices(policy, labels, dt.date(2026, 12, 6))
    assert len(notices) == 2 and all("**Credit manager**" in n and "policy/rates.yaml" in n
                                     for n in notices)
    assert rate_notices(policy, labels, dt.date(2026, 3, 1)) != []  # effective date: 2026-H2
