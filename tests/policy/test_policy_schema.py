"""The JSON Schema editors use: valid, up to date, and in agreement with the example files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from encours.policy import SCHEMA_FILE, policy_schema
from encours.policy.model import Policy
from encours.policy.schema import declared_languages, schema_text
from tests.policy.conftest import EXAMPLE


def as_editor_sees(path: Path) -> Any:
    """A policy file as a JSON tool sees it: dates and decimals are strings or numbers."""
    return json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))


def validator() -> Any:
    """A Draft 2020-12 validator of the schema for the example (in its declared languages),
    skipping when `jsonschema` is not installed."""
    jsonschema = pytest.importorskip("jsonschema")
    schema = policy_schema(declared_languages(EXAMPLE))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_committed_schema_is_up_to_date() -> None:
    assert (EXAMPLE / SCHEMA_FILE).read_text(encoding="utf-8") == schema_text(
        declared_languages(EXAMPLE)), (
        "run `python -m encours schema` to refresh policy/policy.schema.json")


def test_schema_describes_every_chapter_and_requires_none() -> None:
    schema = policy_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(schema["properties"]) == set(Policy.model_fields)
    assert "required" not in schema  # each file holds only some chapters
    assert schema["additionalProperties"] is False
    terms = schema["$defs"]["PaymentTerm"]["properties"]
    assert terms["basis"]["enum"] == ["invoice_date", "end_of_month", "days_end_of_month",
                                      "prepayment"]
    assert terms["days"]["description"] == "Nombre de jours (sauf pour `prepayment`)."


def test_every_reference_in_the_schema_resolves() -> None:
    schema = policy_schema()
    refs = set(_refs(schema))
    assert refs, "the schema uses $defs"
    for ref in refs:
        assert ref.startswith("#/$defs/") and ref.removeprefix("#/$defs/") in schema["$defs"]


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if "$ref" in node else []
        return own + [r for v in node.values() for r in _refs(v)]
    if isinstance(node, list):
        return [r for v in node for r in _refs(v)]
    return []


@pytest.mark.parametrize("path", sorted(EXAMPLE.glob("*.yaml")), ids=lambda p: p.name)
def test_example_files_validate_against_the_schema(path: Path) -> None:
    errors = [error.message for error in validator().iter_errors(as_editor_sees(path))]
    assert errors == []


def test_schema_flags_what_an_editor_should_underline() -> None:
    check = validator()
    data = as_editor_sees(EXAMPLE / "terms.yaml")
    data["terms"]["paymnt_term"] = data["terms"].pop("payment_term")
    data["terms"]["late_penalties"]["mode"] = "splitted"
    data["terms"]["dispute_window_days"] = "quinze"
    messages = sorted(error.message for error in check.iter_errors(data))
    assert messages == [
        "'payment_term' is a required property",
        "'quinze' is not of type 'integer'",
        "'splitted' is not one of ['split', 'fixed']",
        "Additional properties are not allowed ('paymnt_term' was unexpected)",
    ]


def text_errors(languages: tuple[str, ...] | None, text: Any) -> list[str]:
    """What an editor underlines in one free text of a policy written in `languages`."""
    jsonschema = pytest.importorskip("jsonschema")
    schema = policy_schema(languages)
    one_text = {"$defs": schema["$defs"], "$ref": "#/$defs/Text"}
    return [error.message for error in jsonschema.Draft202012Validator(one_text).iter_errors(text)]


def test_text_accepts_a_string_or_a_language_mapping() -> None:
    """No languages declared: a French string, or a mapping whose English is optional."""
    for good in ("DSO", {"fr": "DSO"}, {"fr": "DSO", "en": "DSO"}):
        assert text_errors(None, good) == [], good
    for bad in ("", {"fr": "DSO", "de": "DSO"}, {}, ["DSO"], {"fr": ""}):
        assert text_errors(None, bad) != [], bad


def test_text_with_two_languages_declared_needs_both() -> None:
    """`languages: [fr, en]`: an editor offers `fr:` and `en:` and underlines a missing one (a
    plain string holds only the main language, so it lacks `en:`)."""
    schema = policy_schema(("fr", "en"))
    assert schema["$defs"]["Text"]["required"] == ["fr", "en"]
    assert set(schema["$defs"]["Text"]["properties"]) == {"fr", "en"}
    assert text_errors(("fr", "en"), {"fr": "Délai", "en": "Term"}) == []
    assert text_errors(("fr", "en"), {"fr": "Délai"}) == ["'en' is a required property"]
    assert text_errors(("fr", "en"), "Délai") == ["'Délai' is not of type 'object'"]
    assert text_errors(("fr", "en"), {"fr": "Délai", "en": ""}) != []


def test_text_with_one_language_declared_is_a_string() -> None:
    assert text_errors(("fr",), "DSO") == []
    assert text_errors(("fr",), {"fr": "DSO"}) == []
    assert text_errors(("fr",), {"fr": "DSO", "en": "DSO"}) != []
