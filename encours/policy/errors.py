"""Turn pydantic's validation errors into plain messages at the right file and line.

pydantic reports an error as a type code (`int_parsing`), a location tuple and the input. Here
each one becomes a sentence a finance person can act on: what is wrong, the value received as it
was typed, and the expected form or a close valid name.
"""

from __future__ import annotations

import datetime as dt
import difflib
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from .messages import message
from .model.common import LANGUAGES, Text, declared_in
from .model.roles import EMAIL_PATTERN, PHONE_PATTERN
from .paths import annotation_at, display_path, field_names, literal_values, unwrap
from .problems import Problem
from .source import LineIndex, Location, PathKey

_INTEGER = {"int_type", "int_parsing", "int_from_float", "int_parsing_size"}
_DECIMAL = {"decimal_type", "decimal_parsing", "decimal_max_digits", "decimal_max_places",
            "decimal_whole_digits", "float_type", "float_parsing", "finite_number"}
_DATE = {"date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact",
         "date_future", "date_past"}
_BOOL = {"bool_type", "bool_parsing"}
_SECTION = {"dict_type", "model_type", "model_attributes_type", "mapping_type"}
_BOUNDS = {"greater_than_equal": "ge", "greater_than": "gt", "less_than_equal": "le",
           "less_than": "lt"}
_PATTERNS = {
    r"^[A-Za-z0-9][A-Za-z0-9_-]*$": "type.pattern_id",
    r"^\d{4}-H[12]$": "type.pattern_half_year",
    r"^[A-Z]{2}$": "type.pattern_country",
    r"^[A-Z]{3}$": "type.pattern_currency",
    r"^[a-z]$": "type.pattern_letter",
    r"^[a-z_]+(\.[A-Za-z0-9_-]+)*$": "type.pattern_path",
    EMAIL_PATTERN: "type.pattern_email",
    PHONE_PATTERN: "type.pattern_phone",
}


def translate(exc: ValidationError, prefix: PathKey, root: Any, data: Any, index: LineIndex,
              file: str, lang: str) -> list[Problem]:
    """One `Problem` per pydantic error of a chapter validated at `prefix` with type `root`.

    `data` is the whole policy as plain data (to name list items by their id), `index` the line
    index, and `file` the file to blame when nothing better is known.
    """
    errors = exc.errors(include_url=False)
    problems = []
    for error in errors:
        if _explained_by_typo(error, errors, root, prefix):
            continue
        loc = prefix + tuple(error["loc"])
        if error["type"] in _TAGGED:
            # A tagged union (`ask: …` chooses the kind of item): blame the tag, not the item.
            error = _tag_error(error)
            loc = (*loc, error["loc"][-1])
        is_key = bool(loc) and loc[-1] == "[key]"
        if is_key:
            loc = loc[:-1]
        relative = loc[len(prefix):]
        text = _message(error, loc, relative, root, data, index, is_key, lang)
        key = (error.get("ctx") or {}).get("key")
        if error["type"].startswith("text_language") and (*loc, key) in index:
            loc = (*loc, key)  # the line of the wrong language key, not of the text
        location = _where(error["type"], loc, index)
        if location is None:
            problems.append(Problem(file, 1, text))
        else:
            line = location.line if error["type"] in ("extra_forbidden", "missing") or is_key \
                else location.value_line
            problems.append(Problem(location.file, line, text))
    return problems


def _explained_by_typo(error: dict[str, Any], errors: list[dict[str, Any]], root: Any,
                      prefix: PathKey) -> bool:
    """A missing key that an unknown key beside it is a misspelling of: one problem, not two."""
    if error["type"] != "missing":
        return False
    parent, key = tuple(error["loc"][:-1]), str(error["loc"][-1])
    allowed = field_names(annotation_at(root, parent))
    for other in errors:
        if other["type"] == "extra_forbidden" and tuple(other["loc"][:-1]) == parent:
            close = difflib.get_close_matches(str(other["loc"][-1]), allowed, n=1, cutoff=0.6)
            if close == [key]:
                return True
    return False


_TAGGED = ("union_tag_invalid", "union_tag_not_found")


def _tag_error(error: dict[str, Any]) -> dict[str, Any]:
    """A tagged-union error as the error on its tag: a missing key, or a value outside the
    tags (``ctx.expected_tags``, listed in the message as a fixed choice is)."""
    ctx = error.get("ctx") or {}
    tag = str(ctx.get("discriminator", "")).strip("'")
    loc = (*error["loc"], tag)
    if error["type"] == "union_tag_not_found":
        return {"type": "missing", "loc": loc, "msg": error.get("msg", "")}
    expected = [t.strip().strip("'") for t in str(ctx.get("expected_tags", "")).split(",")]
    return {"type": "tag_choice", "loc": loc, "input": ctx.get("tag"),
            "ctx": {"expected": expected}}


def _where(error_type: str, loc: PathKey, index: LineIndex) -> Location | None:
    if error_type == "missing":
        return index.nearest(loc[:-1])
    return index.nearest(loc)


def _message(error: dict[str, Any], loc: PathKey, relative: PathKey, root: Any, data: Any,
             index: LineIndex, is_key: bool, lang: str) -> str:
    kind = error["type"]
    path = display_path(loc, data)
    name = next((str(s) for s in reversed(loc) if isinstance(s, str)), "")
    location = index.get(loc)
    value = error.get("input")
    got = str(loc[-1]) if is_key else received(value, location, lang)
    got = f'"{got}"' if is_key else got
    ctx = error.get("ctx") or {}

    if kind == "missing":
        parent = display_path(loc[:-1], data)
        return message("type.missing", lang, key=loc[-1], path=parent)
    if kind == "extra_forbidden":
        return unknown_key(str(loc[-1]), field_names(annotation_at(root, relative[:-1])), lang)
    if kind in _INTEGER:
        return message("type.int", lang, path=path, unit=unit(name, lang), got=got)
    if kind in _DECIMAL:
        hint = message("type.decimal_comma", lang) if isinstance(value, str) and "," in value \
            else ""
        return message("type.decimal", lang, path=path, unit=unit(name, lang), got=got, hint=hint)
    if kind in _BOUNDS:
        limit = next(iter(ctx.values()), "")
        return message(f"type.{_BOUNDS[kind]}", lang, path=path, limit=limit, got=got)
    if kind == "string_type":
        return message("type.string", lang, path=path, got=got) + _quote_hint(value, location, lang)
    if kind == "string_pattern_mismatch":
        key = _PATTERNS.get(ctx.get("pattern", ""), "type.pattern_other")
        return message(key, lang, path=path, got=got, pattern=ctx.get("pattern", ""))
    if kind == "string_too_short" and loc and loc[-1] in LANGUAGES:
        return message("type.text_empty", lang, path=path)
    if kind == "string_too_short":
        return message("type.empty", lang, path=path)
    if kind == "string_too_long":
        return message("type.too_long", lang, path=path, max=ctx.get("max_length", ""))
    if kind == "too_short":
        return message("type.too_few", lang, path=path, min=ctx.get("min_length", 1))
    if kind in _DATE:
        return message("type.date", lang, path=path, got=got)
    if kind in _BOOL:
        return message("type.bool", lang, path=path, got=got)
    if kind in ("literal_error", "enum"):
        allowed = literal_values(annotation_at(root, relative)) or [ctx.get("expected", "")]
        return choice(path, value, allowed, got, lang)
    if kind == "tag_choice":
        return choice(path, value, ctx["expected"], got, lang)
    if kind == "text_colon":
        return message("type.text_colon", lang, path=path, key=ctx.get("key", ""))
    if kind.startswith("text_") or kind == "languages_twice":
        return _text_message(kind, path, str(ctx.get("key", "")), data, lang)
    if kind == "list_type":
        return message("type.list", lang, path=path, got=got)
    if kind in _SECTION and unwrap(annotation_at(root, relative)) is Text:
        return message("type.string", lang, path=path, got=got) + _quote_hint(value, location, lang)
    if kind in _SECTION:
        return message("type.section", lang, path=path, got=got)
    return message("type.other", lang, path=path, detail=error.get("msg", kind))


LANGUAGE_NAMES = {"french": "fr", "français": "fr", "francais": "fr", "english": "en",
                  "anglais": "en", "fra": "fr", "fre": "fr", "eng": "en", "gb": "en", "uk": "en"}
"""What people write for a language instead of its code."""


def _text_message(kind: str, path: str, key: str, data: Any, lang: str) -> str:
    """A text whose languages are wrong: which key, and the languages it may use."""
    declared = declared_in(data) if isinstance(data, dict) else None
    allowed = declared or LANGUAGES
    shown = ", ".join(f"{code}:" for code in allowed)
    if kind == "text_language_code":
        code = LANGUAGE_NAMES.get(key.lower()) or (key.lower() if key.lower() in allowed else "")
        hint = message("placeholder.suggest", lang, suggestion=code) if code else ""
        return message("type.text_language_code", lang, path=path, key=key, allowed=shown,
                       hint=hint)
    if kind == "text_language_undeclared":
        if key not in LANGUAGES:
            return message("type.text_language_unsupported", lang, path=path, key=key,
                           allowed=", ".join(LANGUAGES))
        return message("type.text_language_undeclared", lang, path=path, key=key,
                       declared=", ".join(declared or ()))
    if kind == "text_no_language":
        return message("type.text_empty", lang, path=path)
    if kind == "languages_twice":
        return message("type.languages_twice", lang, path=path)
    return message("type.text_list", lang, path=path)


def unknown_key(key: str, allowed: list[str], lang: str) -> str:
    """`clé inconnue "paymnt_term" — vouliez-vous dire "payment_term" ?`"""
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    if close:
        return message("type.unknown_key_suggest", lang, key=key, suggestion=close[0])
    return message("type.unknown_key", lang, key=key, allowed=", ".join(allowed))


def choice(path: str, value: Any, allowed: list[Any], got: str, lang: str) -> str:
    """A value outside a fixed list, with the closest allowed value if there is one."""
    shown = ", ".join(str(a) for a in allowed)
    close = difflib.get_close_matches(str(value), [str(a) for a in allowed], n=1, cutoff=0.6)
    if close:
        return message("type.choice_suggest", lang, path=path, got=got, suggestion=close[0],
                       allowed=shown)
    return message("type.choice", lang, path=path, got=got, allowed=shown)


def received(value: Any, location: Location | None, lang: str) -> str:
    """The value as the person typed it: `"trente"` for text, `2026.2` for a number."""
    if isinstance(value, dict):
        return message("got.section", lang)
    if isinstance(value, list):
        return message("got.list", lang)
    if value is None:
        return message("got.empty", lang)
    raw = location.raw if location is not None and location.raw is not None else str(value)
    return f'"{raw}"' if isinstance(value, str) else raw


def unit(name: str, lang: str) -> str:
    """The unit a field's name announces: `days`, `*_days` → " de jours"."""
    for suffix, key in (("days", "unit.days"), ("day", "unit.days"), ("months", "unit.months"),
                        ("hours", "unit.hours"), ("rate", "unit.percent"),
                        ("share", "unit.percent"), ("weight", "unit.percent"),
                        ("payout", "unit.percent")):
        if name == suffix or name.endswith("_" + suffix):
            return message(key, lang)
    return ""


def _quote_hint(value: Any, location: Location | None, lang: str) -> str:
    """Why YAML did not read a text as text, and the fix: quotes."""
    raw = location.raw if location is not None and location.raw is not None else str(value)
    if isinstance(value, bool):
        return message("type.string_bool_hint", lang, raw=raw)
    if isinstance(value, int | float | Decimal):
        return message("type.string_number_hint", lang, raw=raw)
    if isinstance(value, dt.date):
        return message("type.string_date_hint", lang, raw=raw)
    return ""
