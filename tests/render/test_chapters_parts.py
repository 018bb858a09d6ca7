"""The pieces the chapters are made of, on their own: Mermaid escaping, glossary links, the print
page's assembly, rule links, policy figures in words."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from encours.i18n import Catalogue
from encours.render.chapters.common import figure, joined, lower_first, sort_key
from encours.render.diagrams import Flowchart, mermaid_label, mermaid_text
from encours.render.glossary import glossary_terms, link_terms, term_names
from encours.render.links import rule_url
from encours.render.printing import (
    SEARCH_EXCLUDED,
    PrintedChapter,
    demote,
    local_links,
    print_page,
)

# --- Mermaid -------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    '"]; click n1 call alert(1); n2["',
    "<img src=x onerror=alert(1)>",
    "%%{init: {'theme': 'dark'}}%%",
    "a --> b | c",
    "`**markdown**` #35; {x}",
])
def test_mermaid_text_leaves_no_syntax(text: str) -> None:
    escaped = mermaid_text(text)
    assert not set('"<>`|%{}:') & set(escaped), escaped
    outside_entities = re.sub(r"#\w+;", "", escaped)
    assert "#" not in outside_entities and ";" not in outside_entities, escaped


def test_mermaid_label_wraps_and_keeps_no_break_spaces() -> None:
    label = mermaid_label("Étape 1\u00a0: quelle est la cause\u00a0?", width=20)
    assert label.startswith('"') and label.endswith('"')
    assert "<br>" in label
    assert "cause\u00a0?" in label, "a no-break space must not be a line break"


def test_flowchart_ids_never_come_from_the_policy() -> None:
    chart = Flowchart("TD", "Title: with colon", "Description; with semicolon")
    first = chart.node("end")
    second = chart.node("subgraph")
    chart.edge(first, second, "a|b")
    source = str(chart)
    assert (first, second) == ("n1", "n2")
    assert 'n1["end"]' in source and '-->|"a#124;b"| n2' in source
    assert "accTitle: Title, with colon" in source
    assert "accDescr: Description, with semicolon" in source


def test_flowchart_wrapping_width_goes_into_its_front_matter() -> None:
    chart = Flowchart("TD", "T", wrapping_width=340)
    assert str(chart).startswith("---\nconfig:\n  flowchart:\n    wrappingWidth: 340\n---\n")


# --- glossary links ------------------------------------------------------------------------
TERMS = glossary_terms([
    ("exposure", "Encours", "Total dû par un client."),
    ("not_yet_due", "Non échu", "Pas encore dû."),
    ("overdue", "Échu", "Dû & \"passé\" <b>."),
    ("dso", "DSO (délai moyen de recouvrement)", "Jours de ventes."),
])


def test_term_names_include_the_short_form() -> None:
    assert term_names("DSO (délai moyen de recouvrement)") == (
        "DSO (délai moyen de recouvrement)", "DSO")
    assert term_names("Encours") == ("Encours",)


def test_only_the_first_use_in_prose_is_linked() -> None:
    markdown = "\n".join([
        "---", "title: Encours", "---",
        "# Encours et échu",
        "| Encours | Échu |",
        "```mermaid", "Encours", "```",
        "!!! note \"Encours\"",
        "    L'encours du client, puis les encours.",
        "Le DSO baisse ; le non échu aussi, puis l'échu.",
    ])
    linked = link_terms(markdown, TERMS)
    lines = linked.split("\n")
    assert lines[:8] == markdown.split("\n")[:8], "front matter, headings, tables, fences"
    assert lines[8] == '!!! note "Encours"'
    assert lines[9].count("](glossary.md#glossary-exposure") == 1
    assert "[encours](glossary.md#glossary-exposure" in lines[9]
    assert "[DSO](glossary.md#glossary-dso" in lines[10]
    assert "[non échu](glossary.md#glossary-not_yet_due" in lines[10]
    assert "[échu](glossary.md#glossary-overdue" in lines[10]
    assert linked.count("glossary-overdue") == 1


def test_links_codes_and_entities_are_left_alone() -> None:
    markdown = ("Voir [l'encours](terms.md) et `encours` puis &amp; d&#39;encours "
                '<b title="encours">.')
    linked = link_terms(markdown, TERMS)
    assert "[l'encours](terms.md)" in linked and "`encours`" in linked
    assert 'title="encours"' in linked
    assert "d&#39;[encours](glossary.md#glossary-exposure" in linked


def test_the_definition_in_the_link_title_is_escaped() -> None:
    linked = link_terms("Un montant échu.", TERMS)
    assert '(glossary.md#glossary-overdue "Dû &amp; &#34;passé&#34; &lt;b&gt;.")' in linked
    assert "<b>" not in linked


# --- print page ----------------------------------------------------------------------------
def test_demote_moves_headings_down_and_anchors_the_title() -> None:
    markdown = "# Titre\n\n## Partie { #terms-x }\n\n```mermaid\n# not a heading\n```\n"
    demoted = demote(markdown, "credit-limits.md")
    assert demoted.startswith("## Titre { #chapter-credit-limits }\n")
    assert "### Partie { #terms-x }" in demoted
    assert "\n# not a heading\n" in demoted


def test_links_to_printed_chapters_stay_on_the_page() -> None:
    markdown = ("[a](terms.md#terms-penalties) [b](terms.md) [c](quiz.md#quiz-terms) "
                '[d](glossary.md#glossary-x "def") [e](calculators/penalty.md)')
    local = local_links(markdown, {"terms.md", "glossary.md"})
    assert "[a](#terms-penalties)" in local and "[b](#chapter-terms)" in local
    assert "[c](quiz.md#quiz-terms)" in local
    assert '[d](#glossary-x "def")' in local
    assert "[e](calculators/penalty.md)" in local


def test_print_page_has_a_table_of_contents() -> None:
    chapters = [PrintedChapter("index.md", "Accueil", "---\ntitle: x\n---\n# Accueil\n"),
                PrintedChapter("terms.md", "Conditions", "# Conditions\n\n[x](index.md)\n")]
    page = print_page("Tout", "Intro", "Sommaire", chapters)
    assert page.startswith(SEARCH_EXCLUDED + "\n# Tout { #print-top }")
    assert "1. [Accueil](#chapter-home)\n2. [Conditions](#chapter-terms)" in page
    assert "title: x" not in page
    assert "## Conditions { #chapter-terms }" in page and "[x](#chapter-home)" in page


# --- rule links ----------------------------------------------------------------------------
@pytest.mark.parametrize(("path", "url"), [
    ("terms.late_penalties.mode", "terms.md#terms-penalties"),
    ("account_opening.steps.credit_check", "account-opening.md#opening-step-credit_check"),
    ("account_opening.steps", "account-opening.md#opening-steps"),
    ("roles.cfo.title", "organisation.md#role-cfo"),
    ("kpis.countback_dso.target", "kpis.md#kpi-countback_dso"),
    ("blocked_orders", "blocked-orders.md"),
    ("company.currency", "index.md"),
])
def test_rule_url_points_at_the_most_precise_section(path: str, url: str) -> None:
    assert rule_url(path) == url


# --- words and figures ---------------------------------------------------------------------
def test_lists_are_joined_the_way_each_language_writes_them() -> None:
    assert joined(["A", "B", "C"], Catalogue("fr")) == "A, B et C"
    assert joined(["A", "B"], Catalogue("en"), "list.or") == "A or B"
    assert joined(["A"], Catalogue("fr")) == "A"


def test_policy_figures_keep_only_their_real_decimals() -> None:
    assert str(figure(Decimal("30.00"))) == "30"
    assert str(figure(Decimal("12.150"))) == "12.15"
    assert lower_first("Clients export") == "clients export"
    assert lower_first("ADV") == "ADV"
    assert sorted(["Échu", "Encours", "Acompte"], key=sort_key) == ["Acompte", "Échu", "Encours"]
