"""The pieces: every rule has a name in both languages, excerpts of long texts, where the box and
markers go, release order and tags."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal, get_args, get_origin

import pytest

from encours.i18n import Catalogue
from encours.policy import Policy
from encours.policy.paths import unwrap
from encours.versions.describe import (
    Describer,
    field_annotation,
    is_atomic_model,
    is_model,
    item_type,
    key_field,
    plain_decimal,
)
from encours.versions.diff import excerpts
from encours.versions.git import Repository
from encours.versions.page import changed_pages, insert_after_title, link, with_versions_nav
from encours.versions.releases import releases, tag_name, version_key
from encours.versions.report import markdown_text
from tests.versions.conftest import EXAMPLE


def model_patterns() -> tuple[list[tuple[str, ...]], list[tuple[str, ...]], set[tuple[str, Any]]]:
    """Every value the diff can name (leaf patterns), every keyed list, every fixed choice."""
    leaves: list[tuple[str, ...]] = []
    keyed: list[tuple[str, ...]] = []
    choices: set[tuple[str, Any]] = set()

    def walk(annotation: Any, pattern: tuple[str, ...], key: str | None = None) -> None:
        base = unwrap(annotation)
        if is_model(annotation) and not is_atomic_model(annotation):
            for name in base.model_fields:
                if name != key:
                    walk(field_annotation(base, name), (*pattern, name))
        elif get_origin(base) in (list, dict):
            inner = item_type(annotation)
            item_key = key_field(inner)
            if item_key and get_origin(base) is list:
                keyed.append(pattern)
            if is_model(inner) and not is_atomic_model(inner):
                if item_key is None and get_origin(base) is list:
                    leaves.append(pattern)  # items without a key: the list is one value
                else:
                    walk(inner, pattern, item_key)
            else:
                leaves.append(pattern)
                walk_choices(inner, pattern)
        else:
            leaves.append(pattern)
            walk_choices(annotation, pattern)

    def walk_choices(annotation: Any, pattern: tuple[str, ...]) -> None:
        base = unwrap(annotation)
        if get_origin(base) is Literal:
            choices.update((pattern[-1], value) for value in get_args(base))

    for chapter in Policy.model_fields:
        walk(field_annotation(Policy, chapter), (chapter,))
    return leaves, keyed, choices


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_rule_item_and_choice_has_a_label(lang: str) -> None:
    labels = Catalogue(lang)
    leaves, keyed, choices = model_patterns()
    assert len(leaves) > 200 and len(keyed) > 30
    unnamed = []
    for pattern in leaves:
        specific, generic = f"versions.field.{'.'.join(pattern)}", f"versions.field.{pattern[-1]}"
        if not any(_has(labels, key) for key in (specific, generic)):
            unnamed.append(".".join(pattern))
    assert unnamed == [], "rules without a versions.field label"
    lists = [f"versions.list.{'.'.join(p)}.{part}" for p in keyed for part in ("added", "removed")]
    assert [key for key in lists if not _has(labels, key)] == []
    unlabelled = []
    for name, value in sorted(choices, key=str):
        keys = [f"versions.chapter.{value}"] if name == "chapter" else [
            f"versions.enum.{name}.{value}", f"versions.enum.{value}"]
        if not any(_has(labels, key) for key in keys):
            unlabelled.append(f"{name}={value}")
    assert unlabelled == []
    assert labels.missing == set(), f"labels without a {lang} translation"


def _has(labels: Catalogue, key: str) -> bool:
    try:
        labels(key)
    except KeyError:
        return False
    return True


def test_values_in_words() -> None:
    from encours.policy import load_policy

    policy = load_policy(EXAMPLE).policy
    french = Describer(policy, Catalogue("fr"))
    dunning = policy.recovery.dunning_steps[0]
    day = field_annotation(type(dunning), "day")
    assert french.value(-5, day, ("recovery", "dunning_steps", "day")) == "J-5"
    assert french.value(0, day, ("recovery", "dunning_steps", "day")) == "J"
    assert french.reference("role", "cfo") == "Directeur administratif et financier"
    assert french.reference("risk_class", "B") == "B — Risque faible"
    assert french.reference("role", "nobody") == "nobody"
    english = Describer(policy, Catalogue("en"))
    terms = policy.terms
    rate = field_annotation(type(terms.late_penalties), "contractual_rate")
    assert english.value(Decimal("12.50"), rate, ("terms", "late_penalties", "contractual_rate")) \
        == "12.5%"
    indemnity = field_annotation(type(terms), "recovery_indemnity")
    assert english.value(Decimal("40"), indemnity, ("terms", "recovery_indemnity")) == "€40.00"
    days = field_annotation(type(terms), "dispute_window_days")
    assert english.value(1, days, ("terms", "dispute_window_days")) == "1 day"
    assert french.value(1, days, ("terms", "dispute_window_days")) == "1 jour"
    assert plain_decimal(Decimal("1250.50"), "fr") == "1\u202f250,5"
    assert plain_decimal(Decimal("-45.00"), "en") == "-45"


def test_long_texts_are_cut_around_what_changed() -> None:
    before = " ".join(f"mot{i}" for i in range(60))
    after = before.replace("mot30", "MOT30 inséré")
    assert excerpts(before, after) == (
        "… mot25 mot26 mot27 mot28 mot29 mot30 mot31 mot32 mot33 mot34 mot35 …",
        "… mot25 mot26 mot27 mot28 mot29 MOT30 inséré mot31 mot32 mot33 mot34 mot35 …",
    )
    start = before.replace("mot0 ", "")
    assert excerpts(before, start)[1] == "mot1 mot2 mot3 mot4 mot5 …"
    assert excerpts("court texte", "texte court") == ("court texte", "texte court")


def test_box_and_marker_go_after_the_title() -> None:
    page = "---\ntitle: Délais\n---\n# Délais\n\nTexte.\n"
    assert insert_after_title(page, "MARK") == "---\ntitle: Délais\n---\n# Délais\n\nMARK\n\n\n" \
        "Texte.\n"
    assert insert_after_title("Sans titre.\n", "MARK") == "\nMARK\n\nSans titre.\n"
    assert link("calculators/penalty.md", "versions.md#draft") == "../versions.md#draft"
    assert link("index.md", "versions.md") == "versions.md"


def test_chapter_pages_that_do_not_exist_are_skipped() -> None:
    from encours.versions.diff import Change

    def change(path: str, routine: bool = False) -> Change:
        return Change(path.split(".")[0], "changed", path, "r", "a", "b", "s", routine)

    changes = [change("terms.late_penalties.regime"), change("recovery.dunning_steps.x.day"),
               change("document.version", routine=True), change("rates.ecb.2026-H2")]
    assert changed_pages(changes, ["index.md", "terms.md", "calculators/penalty.md"]) == [
        "calculators/penalty.md", "terms.md"]
    assert changed_pages(changes, ["index.md", "terms.md", "recovery.md"]) == [
        "recovery.md", "terms.md"]


def test_versions_entries_go_before_the_calculators() -> None:
    labels = Catalogue("fr")
    nav = [{"Accueil": "index.md"}, {"Calculateurs": [{"Pénalités": "calculators/penalty.md"}]}]
    assert with_versions_nav(nav, labels) == [
        {"Accueil": "index.md"}, {"Versions": "versions.md"},
        {"Publier la politique": "publishing.md"}, nav[1]]
    assert with_versions_nav([{"Accueil": "index.md"}], labels)[-1] == {
        "Publier la politique": "publishing.md"}


def test_releases_in_order(policy_repo) -> None:
    found = releases(Repository.find(policy_repo.policy))
    assert [release.tag for release in found] == [
        "policy-v2026.1", "policy-v2026.2", "policy-v2026.3"]
    assert [release.commit.short for release in found] == [
        policy_repo.commits[v] for v in ("2026.1", "2026.2", "2026.3")]
    assert tag_name("2026.2") == "policy-v2026.2"
    assert version_key("2026.10") > version_key("2026.9") > version_key("2025.12")


def test_markdown_text_is_inert() -> None:
    assert markdown_text("<script>*gras* [lien](x) `code`_") == \
        "&lt;script&gt;\\*gras\\* \\[lien\\](x) \\`code\\`\\_"
