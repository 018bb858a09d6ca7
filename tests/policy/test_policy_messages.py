"""The policy's messages: every key the package uses is in the `encours` catalogue (which
tests/test_catalogues.py checks for both languages and the same values in each), unknown
languages fall back to French, numbers follow the language."""

from __future__ import annotations

import re
from pathlib import Path

from encours.formatting import format_number
from encours.i18n import TEXTS
from encours.policy.messages import message

PACKAGE = Path(__file__).resolve().parents[2] / "encours"


def test_every_key_the_code_uses_is_in_the_catalogue() -> None:
    used = set()
    for path in PACKAGE.rglob("*.py"):
        used |= set(re.findall(r'"((?:yaml|load|type|got|unit|check|placeholder|cli|value)'
                               r'\.[a-z_.]+)"', path.read_text(encoding="utf-8")))
    assert used, "the scan found the message keys"
    assert sorted(used - set(TEXTS)) == []


def test_unknown_language_falls_back_to_french() -> None:
    assert message("got.list", "de") == "une liste"


def test_decimal_parameters_follow_the_language() -> None:
    from decimal import Decimal

    assert message("check.weights", "fr", path="p", total=Decimal("99.5")) == (
        "p : la somme des poids fait 99,5 %, elle doit faire 100 %")
    assert message("check.weights", "en", path="p", total=Decimal("99.5")) == (
        "p: the weights add up to 99.5 %, they must add up to 100 %")
    assert format_number(12345, "fr") == "12\u202f345" and format_number(1234, "fr") == "1234"
