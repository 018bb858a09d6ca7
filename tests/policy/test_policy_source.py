"""The YAML reader: lines, duplicate keys, keys as typed, exact decimals, plain errors."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from encours.policy.source import load_yaml, parse_yaml


def test_lines_of_keys_values_and_items() -> None:
    parsed = parse_yaml("terms:\n  payment_term:\n    days: 30\n  methods:\n    - a\n    - b\n",
                        "policy/terms.yaml")
    assert parsed.problems == []
    days = parsed.index.get(("terms", "payment_term", "days"))
    assert (days.file, days.line, days.value_line, days.raw) == ("policy/terms.yaml", 3, 3, "30")
    assert parsed.index.get(("terms", "methods", 1)).line == 6
    assert parsed.index.nearest(("terms", "payment_term", "basis")).line == 2


def test_duplicate_key_reports_both_lines_and_keeps_the_first() -> None:
    parsed = parse_yaml("a:\n  x: 1\n  y: 2\n  x: 3\n", "f.yaml")
    assert [str(p) for p in parsed.problems] == [
        'f.yaml:4: clé "x" en double : déjà définie ligne 2 — supprimez ou renommez l\'une des '
        "deux"]
    assert parsed.data == {"a": {"x": 1, "y": 2}}


def test_duplicate_key_in_english() -> None:
    parsed = parse_yaml("x: 1\nx: 2\n", "f.yaml", "en")
    assert [str(p) for p in parsed.problems] == [
        'f.yaml:2: duplicate key "x": already defined on line 1 — remove or rename one of them']


def test_keys_are_names_as_typed_values_keep_yaml_meaning() -> None:
    parsed = parse_yaml("no: yes\n2026: 1.10\non: 2026-09-01\n", "f.yaml")
    assert parsed.data == {"no": True, "2026": Decimal("1.10"), "on": dt.date(2026, 9, 1)}


def test_numbers_with_a_point_are_exact_decimals() -> None:
    parsed = parse_yaml("a: 40.00\nb: 0.1\nc: 1_000.5\nd: 12\ne: .inf\n", "f.yaml")
    assert parsed.data["a"] == Decimal("40.00") and str(parsed.data["a"]) == "40.00"
    assert parsed.data["b"] == Decimal("0.1")
    assert parsed.data["c"] == Decimal("1000.5")
    assert parsed.data["d"] == 12 and isinstance(parsed.data["d"], int)
    assert parsed.data["e"] == float("inf")


def test_impossible_date_is_kept_as_text_for_the_model_to_refuse() -> None:
    assert parse_yaml("d: 2026-02-30\n", "f.yaml").data == {"d": "2026-02-30"}


def test_tags_are_refused_and_nothing_is_executed() -> None:
    text = "a: !!python/object/apply:os.system [echo hi]\nb: !!python/name:os.sep ''\n"
    parsed = parse_yaml(text, "f.yaml")
    assert [str(p) for p in parsed.problems] == [
        'f.yaml:1: étiquette YAML "tag:yaml.org,2002:python/object/apply:os.system" non '
        'autorisée : écrivez la valeur sans "!"',
        'f.yaml:2: étiquette YAML "tag:yaml.org,2002:python/name:os.sep" non autorisée : '
        'écrivez la valeur sans "!"']
    assert parsed.data == {"a": ["echo hi"], "b": ""}


def test_syntax_errors_have_line_and_column() -> None:
    parsed = parse_yaml("a:\n  b: 1\n c: 2\n", "f.yaml")
    assert parsed.data is None
    assert [str(p) for p in parsed.problems] == [
        "f.yaml:3:2: syntaxe YAML invalide : indentation incohérente : alignez cette ligne sur "
        "les clés de même niveau (avec des espaces)"]


def test_unclosed_quote() -> None:
    (problem,) = parse_yaml('a: "texte\nb: 1\n', "f.yaml", "en").problems
    assert problem.message.startswith("invalid YAML syntax: unclosed quote: close the text "
                                      "opened above")


def test_two_documents_in_one_file() -> None:
    (problem,) = parse_yaml("a: 1\n---\nb: 2\n", "f.yaml").problems
    assert str(problem) == ('f.yaml:2:1: syntaxe YAML invalide : un seul document par fichier : '
                            'retirez la ligne "---" en trop')


def test_top_level_must_be_chapters() -> None:
    assert [str(p) for p in parse_yaml("- a\n- b\n", "f.yaml").problems] == [
        'f.yaml:1: le fichier doit contenir des chapitres au premier niveau (par ex. "terms:")']
    assert parse_yaml("# rien\n", "f.yaml").data == {}


def test_file_not_in_utf8(tmp_path: Path) -> None:
    path = tmp_path / "terms.yaml"
    path.write_bytes("terms:\n  note: é\n".encode("latin-1"))
    (problem,) = load_yaml(path).problems
    assert (problem.line, problem.column) == (2, 9)  # the line and column of the bad byte
    assert problem.message == ("le fichier n'est pas en UTF-8 (octet invalide en position 15) : "
                               "enregistrez-le en UTF-8")


def test_line_of_text_inside_a_folded_value() -> None:
    parsed = parse_yaml("a: >-\n  one [[x]]\n  two [[y]] and [[x]]\n", "f.yaml")
    location = parsed.index.get(("a",))
    assert parsed.index.line_of_text(location, "[[y]]") == 3
    assert parsed.index.line_of_text(location, "[[x]]") == 2
    assert parsed.index.line_of_text(location, "[[x]]", occurrence=1) == 3
