"""The policy's languages (`document.languages`): every free text in each of them, reported as
`policy/FILE.yaml:LINE:` with the field and the missing language, and texts whose languages are
wrong (an undeclared language, something that is not a language code, an empty text, a list)."""

from __future__ import annotations

import re
from typing import Any

import yaml

from encours import cli
from encours.policy import validate_policy
from tests.policy.conftest import PolicyCopy

TERM = "    term: {fr: Encours, en: Credit exposure}"
"""A glossary term the example writes in both languages, on one line."""


def declare(policy_copy: PolicyCopy, languages: str | None) -> None:
    """Set `document.languages` of the copy (None: take the key away)."""
    text = policy_copy.text("document.yaml")
    text = re.sub(r"(?m)^  languages: .*\n", "", text)
    if languages is not None:
        text = text.replace("document:\n", f"document:\n  languages: {languages}\n", 1)
    policy_copy.write("document.yaml", text)


def only_french(value: Any) -> Any:
    """The policy data with every `{fr: …, en: …}` text reduced to its French string."""
    if isinstance(value, dict):
        if value and set(value) <= {"fr", "en"} and "fr" in value:
            return value["fr"]
        return {key: only_french(item) for key, item in value.items()}
    if isinstance(value, list):
        return [only_french(item) for item in value]
    return value


def test_a_missing_text_is_reported_at_its_line_with_field_and_language(
        policy_copy: PolicyCopy) -> None:
    declare(policy_copy, "[fr, en]")
    policy_copy.edit("glossary.yaml",
                     "      en: Amount whose due date has passed without payment.\n", "")
    policy_copy.edit("glossary.yaml", TERM, "    term: {en: Credit exposure}")
    errors = policy_copy.errors("en")
    overdue = policy_copy.at("glossary.yaml", "fr: Montant dont la date d'échéance est passée")
    exposure = policy_copy.at("glossary.yaml", "    term: {en: Credit exposure}")
    # Both at once, each at the line of the text, naming the field and the missing language.
    assert f"{overdue}: glossary.overdue.definition: no English text — document.languages " \
        'declares en: write the text under "en:" beside "fr:"' in errors
    assert f"{exposure}: glossary.exposure.term: no French text — document.languages declares " \
        'fr: write the text under "fr:" beside "en:"' in errors
    french = policy_copy.errors("fr")
    assert f"{overdue}: glossary.overdue.definition : pas de texte en anglais — " \
        "document.languages déclare en : écrivez le texte sous « en: » à côté de « fr: »" in french


def test_a_policy_in_french_only_needs_no_translation(policy_copy: PolicyCopy) -> None:
    for path in sorted((policy_copy.root / "policy").glob("*.yaml")):
        data = only_french(yaml.safe_load(path.read_text(encoding="utf-8")))
        data.get("document", {}).pop("languages", None)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
    declare(policy_copy, "[fr]")
    result = validate_policy(policy_copy.folder, "en")
    assert [str(p) for p in result.errors] == []
    counts = result.text_counts()
    assert counts["en"] == 0 and counts["fr"] == counts["total"] > 400
    declare(policy_copy, None)  # no declaration: French, and no translation asked for
    assert policy_copy.errors() == []


def test_a_language_the_policy_does_not_declare(policy_copy: PolicyCopy) -> None:
    declare(policy_copy, "[fr]")
    errors = policy_copy.errors("en")
    assert f"{policy_copy.at('glossary.yaml', TERM)}: glossary.exposure.term: language \"en\" " \
        "is not declared in document.languages (fr) — add it there, or remove this text" in errors


def test_a_text_in_a_language_the_handbook_does_not_have(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("glossary.yaml", TERM, "    term: {fr: Encours, de: Forderungen}")
    assert policy_copy.errors("en") == [
        f"{policy_copy.at('glossary.yaml', 'de: Forderungen')}: glossary.exposure.term: the "
        'handbook has no "de" edition (its languages: fr, en) — remove this text']


def test_a_key_that_is_not_a_language_code(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("glossary.yaml", TERM, "    term:\n      fr: Encours\n"
                     "      English: Credit exposure")
    assert policy_copy.errors("en") == [
        f"{policy_copy.at('glossary.yaml', 'English: Credit')}: glossary.exposure.term: "
        '"English" is not a language code — write the text under fr:, en: — did you mean "en"?']


def test_an_empty_text(policy_copy: PolicyCopy) -> None:
    empty_english = '    term: {fr: Encours, en: ""}'
    policy_copy.edit("glossary.yaml", TERM, empty_english)
    assert policy_copy.errors("en") == [
        f"{policy_copy.at('glossary.yaml', empty_english)}: glossary.exposure.term.en: empty "
        "text — write the text, or remove the key"]
    empty = '    term: ""'
    policy_copy.edit("glossary.yaml", empty_english, empty)
    assert policy_copy.errors() == [
        f"{policy_copy.at('glossary.yaml', empty)}: glossary.exposure.term.fr : texte vide — "
        "écrivez le texte, ou retirez la clé"]
    policy_copy.edit("glossary.yaml", '    term: ""', "    term: {fr: }")
    assert policy_copy.errors("en") == [
        f"{policy_copy.at('glossary.yaml', 'term: {fr: }')}: glossary.exposure.term: empty text "
        "— write the text, or remove the key"]


def test_a_text_given_as_a_list(policy_copy: PolicyCopy) -> None:
    policy_copy.edit("glossary.yaml", TERM, "    term: [Encours, Credit exposure]")
    assert policy_copy.errors("en") == [
        f"{policy_copy.at('glossary.yaml', 'term: [Encours')}: glossary.exposure.term: a text is "
        'one string, not a list — join the lines into one text ("|" keeps paragraphs), or write '
        "{fr: …, en: …}"]


def test_languages_must_be_languages_of_the_handbook_each_once(policy_copy: PolicyCopy) -> None:
    declare(policy_copy, "[fr, de]")
    (error,) = [e for e in policy_copy.errors("en") if "document.languages" in e.split(": ")[1]]
    assert error.startswith(f"{policy_copy.at('document.yaml', 'languages: [fr, de]')}: ")
    assert '"de"' in error and "fr, en" in error
    declare(policy_copy, "[fr, fr]")
    assert f"{policy_copy.at('document.yaml', 'languages: [fr, fr]')}: document.languages: a " \
        "language is listed twice — list each language once, the main one first" in \
        policy_copy.errors("en")


def test_validate_prints_how_many_texts_each_language_has(policy_copy: PolicyCopy,
                                                          capsys) -> None:
    declare(policy_copy, "[fr, en]")
    policy_copy.edit("glossary.yaml", TERM, "    term: Encours")
    before = validate_policy(policy_copy.folder).text_counts()
    assert cli.main(["validate", "--lang", "en"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert f"{policy_copy.at('glossary.yaml', 'term: Encours')}: glossary.exposure.term: no " \
        "English text — document.languages declares en: write the text under \"en:\" beside " \
        '"fr:"' in out
    assert (f"Texts per language: fr {before['fr']}, en {before['en']} "
            f"(of {before['total']} texts).") in out
    assert before["fr"] == before["total"]
