"""The handbook chapters, rendered from the example policy (and from variants of it) without MkDocs:
every chapter in both languages, rules linked to where they are defined, worked examples that
follow the policy, letters whose figures are the calculators', policy text shown as text.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

import calculators
from calculators import terms as payment_terms
from calculators.rates import half_of
from encours.formatting import format_decimal, format_money
from encours.i18n import Catalogue
from encours.policy import load_policy, validate_policy
from encours.policy.model import Policy
from encours.render import CHAPTERS, PRINT_PAGE, examples, render_pages
from encours.render.links import ITEMS, SECTIONS, rule_url
from encours.render.policy_document import policy_json
from encours.render.printing import strip_front_matter
from tests.support.hostile import make_hostile
from tests.support.rendering import RUNTIME

ROOT = Path(__file__).resolve().parents[2]
CHAPTER_PATHS = [chapter.path for chapter in CHAPTERS] + [PRINT_PAGE]
EXPLICIT_ID = re.compile(r"\{ #([\w-]+) \}")
LINK = re.compile(r"\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
MERMAID = re.compile(r"```mermaid\n(.*?)```", re.S)



def policy_with(tmp_path: Path, change, *, checked: bool = True) -> object:
    """The example policy after ``change(chapters)`` edits its YAML (``{file stem: data}``).

    ``checked=False``: the typed policy even if validation reports errors (HTML in a text), to
    test what the renderer does with what validation refuses.
    """
    folder = tmp_path / "policy"
    shutil.copytree(ROOT / "policy", folder)
    chapters = {
        path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in folder.glob("*.yaml")
    }
    change(chapters)
    for stem, data in chapters.items():
        (folder / f"{stem}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True),
                                            encoding="utf-8")
    if not checked:
        return Policy.model_validate(validate_policy(folder).data)
    return load_policy(folder).policy


def section(markdown: str, anchor: str) -> str:
    """The Markdown of the section whose heading carries ``{ #anchor }``, up to the next heading
    of the same or a higher level."""
    match = re.search(rf"^(#+) .*\{{ #{re.escape(anchor)} \}}$", markdown, re.M)
    assert match, f"no heading with the anchor {anchor!r}"
    level = len(match.group(1))
    end = re.compile(rf"^#{{1,{level}}} ", re.M).search(markdown, match.end())
    return markdown[match.end(): end.start() if end else len(markdown)]


def table_rows(markdown: str) -> list[list[str]]:
    """The cells of every Markdown table row (header and separator rows included)."""
    return [
        [cell.strip() for cell in line.strip().strip("|").split(" | ")]
        for line in markdown.splitlines()
        if line.startswith("|")
    ]


# --- pages and navigation ------------------------------------------------------------------
def test_every_chapter_exists_in_both_languages(french, english) -> None:
    for rendered in (french, english):
        for path in CHAPTER_PATHS:
            assert strip_front_matter(rendered.pages[path]).lstrip().startswith("# "), path


def test_navigation_has_sections_and_ends_with_the_calculators(french) -> None:
    labels = Catalogue("fr")
    titles = [next(iter(entry)) for entry in french.nav]
    assert titles[0] == labels("nav.home")
    assert titles[-1] == labels("nav.calculators")
    for section_label in ("nav.procedure", "nav.steering", "nav.playbook_section",
                          "nav.reference"):
        assert labels(section_label) in titles
    procedure = next(entry for entry in french.nav if labels("nav.procedure") in entry)
    paths = [next(iter(item.values())) for item in procedure[labels("nav.procedure")]]
    assert paths == ["organisation.md", "terms.md", "account-opening.md", "credit-limits.md",
                     "blocked-orders.md", "recovery.md"]


def test_no_placeholder_is_left_unresolved(french, english) -> None:
    for rendered in (french, english):
        for path in CHAPTER_PATHS:
            assert "[[" not in rendered.pages[path], path


def test_english_labels_are_complete(english) -> None:
    """Every label has its English text: tests/test_catalogues.py checks the catalogues."""
    assert english.warnings == []


def test_untranslated_policy_texts_are_one_info_line(tmp_path, caplog) -> None:
    """A policy that declares no languages may leave texts untranslated: the English pages show
    them in French, and the build says so once (the example itself is wholly translated)."""
    shutil.copytree(ROOT / "policy", tmp_path / "policy")
    document = tmp_path / "policy" / "document.yaml"
    document.write_text(re.sub(r"(?m)^  languages: .*\n", "", document.read_text("utf-8")),
                        "utf-8")
    kpis = tmp_path / "policy" / "kpis.yaml"
    kpis.write_text(kpis.read_text("utf-8").replace("      en: Bad debt ratio\n", ""), "utf-8")
    policy = load_policy(tmp_path / "policy").policy
    with caplog.at_level(logging.INFO, logger="mkdocs.encours"):
        render_pages(policy, lang="en", runtime=RUNTIME)
    lines = [record for record in caplog.records if "translation" in record.getMessage()]
    assert len(lines) == 1 and lines[0].levelno == logging.INFO
    count = int(lines[0].getMessage().split()[0])
    missing = sum(1 for path in _texts(policy) if not path.has("en"))
    assert count == missing == 1
    assert "kpis.bad_debt_rate.name" in lines[0].getMessage()
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="mkdocs.encours"):
        render_pages(policy, lang="fr", runtime=RUNTIME)
    assert not [r for r in caplog.records if "translation" in r.getMessage()]


def _texts(policy):
    from encours.policy import Text
    from encours.policy.paths import walk

    return [value for _, value, _ in walk(policy) if isinstance(value, Text)]


# --- rules link to where they are defined --------------------------------------------------
def test_every_rule_anchor_is_on_its_page(french, policy) -> None:
    paths = list(SECTIONS)
    for list_path in ITEMS:
        node = policy
        for part in list_path.split("."):
            node = getattr(node, part)
        paths += [f"{list_path}.{item.id}" for item in node]
    for path in paths:
        page, _, anchor = rule_url(path).partition("#")
        assert anchor in EXPLICIT_ID.findall(french.pages[page]), path


def test_every_internal_link_reaches_a_page_and_an_anchor(french, english) -> None:
    hand_written = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")}
    for rendered in (french, english):
        ids = {path: set(EXPLICIT_ID.findall(text)) for path, text in rendered.pages.items()}
        for path in CHAPTER_PATHS:
            for target in LINK.findall(rendered.pages[path]):
                if "://" in target or target.startswith(("mailto:", "tel:")):
                    continue
                page, _, anchor = target.partition("#")
                page = page or path
                assert page in rendered.pages or page in hand_written, (path, target)
                if anchor and page in rendered.pages:
                    assert anchor in ids[page], (path, target)


def test_scenario_cards_link_their_rules(french, policy) -> None:
    playbook = french.pages["playbook.md"]
    for scenario in policy.training.scenarios:
        card = section(playbook, f"scenario-{scenario.id}")
        for rule in scenario.rules:
            assert f"]({rule_url(rule)})" in card, (scenario.id, rule)


def test_french_legal_terms_kept_in_english_are_explained(french, english) -> None:
    """The English glossary keeps *mise en demeure* in French with its English explanation, and
    does not repeat "In French: Mise en demeure" under a heading that already says it."""
    page = english.pages["glossary.md"]
    heading = page.index("## Mise en demeure (formal notice)")
    entry = page[heading:page.index("\n## ", heading + 1)]
    assert "In French" not in entry and "Formal notice — a registered letter" in entry
    assert "## Redressement judiciaire (court-supervised reorganisation)" in page
    assert "## Injonction de payer (order for payment)" in page
    assert "In French: <span lang=\"fr\">Échéancier</span>" in page  # a translated term
    french_entry = french.pages["glossary.md"].split("## Mise en demeure {")[1].split("\n## ")[0]
    assert "Mise en demeure (formal notice)" in french_entry  # "En anglais : …"


def test_chapters_link_their_terms_to_the_glossary(french, policy) -> None:
    linked = set()
    for path in CHAPTER_PATHS:
        linked |= set(re.findall(r"\]\(glossary\.md#glossary-([\w-]+) ", french.pages[path]))
    assert linked <= {entry.id for entry in policy.glossary}
    assert len(linked) >= len(policy.glossary) // 2
    assert "](glossary.md#" not in french.pages["glossary.md"]


# --- organisation --------------------------------------------------------------------------
def test_raci_tables_mark_each_role_of_each_step(french, policy) -> None:
    page = french.pages["organisation.md"]
    rows = {row[0]: row[1:] for row in table_rows(section(page, "raci"))}
    steps = {step.id: step for step in [*policy.account_opening.steps,
                                        *policy.blocked_orders.steps,
                                        *policy.recovery.dunning_steps]}
    for assignment in policy.raci:
        name = steps[assignment.step].name.get("fr").replace("'", "&#39;")
        row = next(cells for first, cells in rows.items() if first.startswith(f"[{name}]"))
        for role, cell in zip(policy.roles, row, strict=True):
            letters = set(cell.replace(",", " ").split())
            where = (assignment.step, role.id)
            assert ("R" in letters) == (role.id in assignment.responsible), where
            assert ("A" in letters) == (role.id == assignment.accountable), where
            assert ("C" in letters) == (role.id in assignment.consulted), where
            assert ("I" in letters) == (role.id in assignment.informed), where


def test_delegation_table_names_each_approver(french, policy) -> None:
    table = section(french.pages["organisation.md"], "delegation")
    titles = {role.id: role.title.get("fr") for role in policy.roles}
    rows = table_rows(table)[2:]
    approvers = [
        *[a for band in policy.credit_limits.approval_bands for a in band.approvers],
        policy.credit_limits.temporary_increase.approver,
        policy.blocked_orders.decision.owner,
        policy.recovery.payment_plans.approver,
        policy.recovery.legal_action.approver,
        policy.recovery.provisions.write_off.approver,
    ]
    for approver in approvers:
        assert any(titles[approver] in row[1] for row in rows), approver
    assert len(rows) >= len(policy.credit_limits.approval_bands) + 6


# --- account opening -----------------------------------------------------------------------
def test_opening_flowchart_follows_the_steps_in_order(french, policy) -> None:
    chart = MERMAID.findall(french.pages["account-opening.md"])[0].replace("<br>", " ")
    positions = []
    elapsed = 0
    for number, step in enumerate(policy.account_opening.steps, start=1):
        elapsed += step.deadline_working_days
        position = chart.find(f"{number}. {step.name.get('fr')}")
        assert position >= 0, step.id
        assert f"J+{elapsed} ouvrés" in chart[position:], step.id
        positions.append(position)
    assert positions == sorted(positions)
    assert chart.count("-->") == len(policy.account_opening.steps) - 1


def test_decision_chart_has_one_branch_per_risk_class(french, policy) -> None:
    chart = MERMAID.findall(french.pages["account-opening.md"])[1]
    classes = {risk.id: risk for risk in policy.credit_limits.risk_classes}
    for decision in policy.account_opening.decisions:
        risk = classes[decision.risk_class]
        assert f'|"{risk.score_min} à {risk.score_max}"|' in chart
    assert chart.count("-->") == 2 * len(policy.account_opening.decisions)


# --- credit limits: the worked example -----------------------------------------------------
def _method_example(**change):
    def edit(chapters):
        chapters["credit_limits"]["credit_limits"]["limit_method"]["example"].update(change)
    return edit


@pytest.mark.parametrize("change", [
    {},                                              # the example policy: purchases are smallest
    {"insurer_cover": 23456},                        # the insurer's cover is the smallest
    {"equity": 150000},                              # 10 % of equity is the smallest
    {"monthly_purchases": 250000, "term_days": 60},  # a limit above every class ceiling but A's
])
def test_limit_example_is_the_smallest_ceiling_rounded_down(tmp_path, change) -> None:
    policy = policy_with(tmp_path, _method_example(**change))
    limits = policy.credit_limits
    example = examples.credit_limit_example(policy)
    method = limits.limit_method
    smallest = min(ceiling.amount for ceiling in example.ceilings)
    assert example.smallest.amount == smallest
    assert example.limit <= smallest < example.limit + method.rounding
    assert example.limit % method.rounding == 0
    for row in example.by_class:
        assert row.limit == min(example.limit, row.risk_class.maximum_limit)
    band = next(b for b in limits.approval_bands
                if example.limit > b.above and (b.up_to is None or example.limit <= b.up_to))
    assert example.approvers == list(band.approvers)
    page = render_pages(policy, lang="fr", runtime=RUNTIME).pages["credit-limits.md"]
    shown = format_money(example.limit.quantize(Decimal(1)), "EUR", "fr").replace(",00", "")
    assert f"**{shown}**" in section(page, "limits-method")


# --- incentives ----------------------------------------------------------------------------
def test_incentive_example_is_the_bonus_tools_result(french, policy) -> None:
    example = examples.incentive_example(policy)
    assert example is not None
    results = policy.incentives.example.results
    tool = calculators.run("bonus", {
        "target_bonus": str(policy.incentives.example.target_bonus),
        "results": {key: str(value) for key, value in results.items()}},
        json.loads(json.dumps(policy_json(policy))))
    assert [(line.criterion.id, str(line.payout), str(line.amount)) for line in example.lines] \
        == [(line["id"], line["payout"], line["amount"]) for line in tool["criteria"]]
    assert (str(example.total), example.total) == (tool["total"], Decimal("700.00"))
    assert example.period_target * 4 == policy.incentives.example.target_bonus
    shown = format_money(example.total, "EUR", "fr")
    assert f"**{shown}**" in section(french.pages["incentives.md"], "incentives-example")


# --- recovery: the sample letters ----------------------------------------------------------
def _date(text: str) -> dt.date:
    day, month, year = map(int, text.split("/"))
    return dt.date(year, month, day)


def test_letters_show_the_penalties_the_calculator_computes(french, policy) -> None:
    page = french.pages["recovery.md"]
    letters = section(page, "recovery-letters")
    invoice_date, due = (
        _date(found) for found in re.findall(r"\d\d/\d\d/\d{4}", letters.split("\n\n")[1])[:2]
    )
    assert due == examples.due_date(invoice_date, policy.terms.payment_term)
    if policy.terms.payment_term.end_of_month_method == "end_of_month_then_days":
        assert due == payment_terms.end_of_month_then_days(invoice_date,
                                                           policy.terms.payment_term.days)
    steps = [step for step in policy.recovery.dunning_steps if step.template and step.day > 0]
    assert steps
    tabs = re.split(r'^=== "', letters, flags=re.M)
    for step in steps:
        name = next(t for t in policy.recovery.letter_templates if t.id == step.template).name
        tab = next(tab for tab in tabs if tab.startswith(name.get("fr")))
        sent = _date(re.search(r"\(ici le (\d\d/\d\d/\d{4})\)", tab).group(1))
        assert sent == due + dt.timedelta(days=step.day)
        late = policy.terms.late_penalties
        result = calculators.run("penalty", {
            "amount": "12450.00", "due_date": due.isoformat(), "as_of": sent.isoformat(),
            "regime": late.regime, "mode": late.mode, "basis": str(late.basis),
            "reference_rates": policy.rates.reference_rates(),
        })
        interest = format_money(result["interest"], "EUR", "fr")
        indemnity = format_money(result["indemnity"], "EUR", "fr")
        assert f"soit {interest} de pénalités, plus {indemnity}" in tab, step.id
        if "[[penalty.amount]]" in next(
                t for t in policy.recovery.letter_templates if t.id == step.template).body.fr:
            assert f"soit {format_decimal(result['interest'], 'fr')} €" in tab


def test_sample_case_moves_back_until_the_rates_are_known(policy) -> None:
    case = examples.sample_case(policy, [120], "fr")
    last = case.due_date + dt.timedelta(days=120)
    known = examples.known_halves(policy, policy.terms.late_penalties.regime)
    assert half_of(last) in known
    assert case.penalties[120].days_late == 120


# --- policy text is shown as text ----------------------------------------------------------
def test_hostile_policy_text_is_shown_as_text(tmp_path) -> None:
    policy = policy_with(tmp_path, make_hostile, checked=False)  # validation refuses the HTML
    for lang in ("fr", "en"):
        rendered = render_pages(policy, lang=lang, runtime=RUNTIME)
        for path in CHAPTER_PATHS:
            page = rendered.pages[path]
            assert "<script>" not in page, (lang, path)
            for chart in MERMAID.findall(page):
                assert "%%{" not in chart and "<script" not in chart, (lang, path)
                for line in chart.splitlines():
                    labels = re.findall(r'"([^"]*)"', line)
                    assert line.count('"') % 2 == 0, line
                    assert all("<" not in label.replace("<br>", "") for label in labels), line
        pages = rendered.pages
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages["organisation.md"]
        assert "{{ 7*7 }}" in pages["organisation.md"]
        assert "{% if 1 %}y{% endif %}" in pages["quiz.md"]
        assert "#lt;script#gt;" in MERMAID.findall(pages["account-opening.md"])[0]
        assert "#lt;script#gt;" in MERMAID.findall(pages["blocked-orders.md"])[0]
        assert "&lt;script&gt;" in section(pages["recovery.md"], "recovery-letters")


# --- the print page ------------------------------------------------------------------------
def test_print_page_holds_every_printed_chapter_once(french) -> None:
    page = french.pages[PRINT_PAGE]
    printed = [chapter for chapter in CHAPTERS if chapter.printed]
    assert len(re.findall(r"^# ", page, re.M)) == 1
    labels = Catalogue("fr")
    for chapter in printed:
        anchor = "chapter-" + ("home" if chapter.path == "index.md" else chapter.path[:-3])
        assert len(re.findall(rf"^## .*\{{ #{anchor} \}}$", page, re.M)) == 1, chapter.path
        assert f"]({'#' + anchor})" in page
        assert labels(chapter.title_label) in page
    assert "<form" not in page and "=== " not in page
    for chapter in printed:
        assert f"]({chapter.path}" not in page, chapter.path
    ids = EXPLICIT_ID.findall(page)
    assert len(ids) == len(set(ids)), "an anchor appears twice on the print page"


# --- blocked orders: the worked example ------------------------------------------------------
def test_blocked_order_example_is_the_order_tools_result(french, policy) -> None:
    example = examples.blocked_order_example(policy)
    assert example is not None
    document = json.loads(json.dumps(policy_json(policy)))
    blocked = calculators.run("order", {"limit": "36000", "outstanding": "36000",
                                        "order_amount": "3600"}, document)
    passes = calculators.run("order", {"limit": "36000", "outstanding": "36000",
                                       "order_amount": "1800"}, document)
    assert (example.limit, example.order, example.at_tolerance) == (
        Decimal(36000), Decimal(3600), Decimal(1800))
    assert (str(example.exposure), str(example.deposit), blocked["blocked"],
            example.at_tolerance_blocked, passes["blocked"]) == (
        blocked["exposure"], blocked["deposit_needed"], True, False, False)
    assert example.increase_approvers == blocked["temporary_increase"]["approvers"]
    page = french.pages["blocked-orders.md"]
    assert "exactement à la tolérance : elle passe" in section(page, "blocked-rules")
    assert format_money(Decimal(39600), "EUR", "fr").replace(",00", "") in page


def test_a_policy_tools_page_is_computed_with_the_policy(policy, monkeypatch) -> None:
    from encours.render import calculator_pages

    monkeypatch.setitem(calculator_pages.LAYOUTS, "limit", calculator_pages.Layout(
        summary=(("limit", "money"),),
        example_inputs={"score": "75", "equity": "420000", "insurer_cover": "50000",
                        "monthly_purchases": "18000", "term_days": "45"}))
    page = calculator_pages.calculator_page_context("limit", policy, lang="fr",
                                                    labels=Catalogue("fr"))
    assert (page.result["limit"], page.result["approvers"]) == ("36000.00", ["credit_manager"])
