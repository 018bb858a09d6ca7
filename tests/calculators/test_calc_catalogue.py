"""The calculators' message catalogue as the package reads it, under CPython and under Pyodide:
every text in French and English with the same placeholders, in memory once imported, looked up
with the fall-backs the code relies on (another language, an outer scope)."""

from __future__ import annotations

import string

import pytest

from calculators.catalogue import Texts, load
from calculators.languages import LANGUAGES
from calculators.messages import TEXTS, Catalogue


def test_catalogue_has_both_languages_with_the_same_placeholders() -> None:
    formatter = string.Formatter()
    assert set(TEXTS.by_language["en"]) == set(TEXTS.by_language["fr"])
    for key in TEXTS:
        french, english = (TEXTS.by_language[lang].get(key) for lang in ("fr", "en"))
        assert french and english, key
        names = [{field for _, field, _, _ in formatter.parse(text) if field}
                 for text in (french, english)]
        assert names[0] == names[1], key


def test_every_language_is_in_memory_once_imported() -> None:
    """A Pyodide memory snapshot restores memory, not files: import reads every catalogue."""
    assert tuple(TEXTS.by_language) == LANGUAGES and TEXTS.fallback == "fr"
    assert all(type(texts) is dict and texts for texts in TEXTS.by_language.values())
    assert load("calculators", "calculators", ("en", "fr")).by_language == {
        "en": TEXTS.by_language["en"], "fr": TEXTS.by_language["fr"]}


def test_a_text_missing_in_a_language_is_the_first_language_s() -> None:
    texts = Texts({"fr": {"hello": "Bonjour {name}", "brace": "{{x}}"}, "en": {"brace": "{{y}}"}})
    assert texts.text("hello", "en", name="Ada") == "Bonjour Ada"
    assert texts.text("hello", "de", name="Ada") == "Bonjour Ada"
    assert not texts.has("hello", "en") and texts.has("brace", "en")
    assert texts.raw("brace", "en") == "{{y}}" and texts.text("brace", "en") == "{y}"
    assert list(texts) == ["hello", "brace"] and "brace" in texts and "bye" not in texts
    with pytest.raises(KeyError):
        texts.raw("bye", "fr")


def test_field_texts_fall_back_from_the_list_to_the_calculator_then_to_common() -> None:
    t = Catalogue("en")
    assert t("error.required", noun="the date") == "Enter the date."
    assert t.field("penalty.invoices", "id", "label") == t("penalty.invoices.id.label")
    assert t.field("penalty.invoices", "amount", "label") == t("penalty.amount.label")
    assert t.field("dso", "basis", "label") == t("common.basis.label")
    assert t.output("penalty.invoices", "id") == t("penalty.out.invoices.id")
    with pytest.raises(KeyError):
        t.field("penalty", "no_such_field", "label")
    with pytest.raises(ValueError):
        Catalogue("de")
