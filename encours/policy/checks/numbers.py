"""Numbers in free text that copy a policy value: write `[[path]]` instead, so they never disagree.

A text that says "10 %" beside `equity_share: 10` is right until someone changes the value; a
text that says `[[credit_limits.limit_method.equity_share]] %` is always right. This check warns
about the first kind, naming the text, the number, the value it repeats (file and line of both)
and the placeholder to write.

It prefers saying nothing to saying something wrong, so a warning is worth acting on. The rule:

1. **Only a number with its unit is read**: `10 %`, `15 jours`/`15 days`, `5 jours ouvrés`/
   `5 working days`, `3 mois`/`3 months`, `4 heures`/`4 hours`, `150 000 €`/`€150,000`/
   `150 000 EUR`. A bare number is never compared, so list numbering (`1.`), years, dates
   (`1er septembre 2026`, `2026-03-02`), scores (`15 points`) and article numbers (`L441-10`,
   `R622-24`: a number glued to a letter or a hyphen is not a number) are left alone.
2. **Only against a value of the same unit**, as the model types it: a percentage against the
   percentages (`Percent`), days against day counts, amounts against amounts (`Money`).
3. **Only against a value nearby**: one in the same section as the text (the chapter's first
   key: `credit_limits.limit_method`), one set at the top of the text's chapter
   (`credit_limits.usage_alert_rate` for every text of that chapter), or one in a section the
   text already quotes with a placeholder. A "30 jours" in the KPI chapter is not taken for the
   payment term of the terms chapter.
4. **Only a value the policy sets and a placeholder can name** (not zero, not negative, in an
   item with an identifier).
5. **Law is not policy**: a sentence that cites an article (`art. L441-10`, `R622-24`, `D441-5`,
   `article 1411`) states the law, and its figures (the €40 indemnity, the 60-day ceiling, the
   3 months of L624-9) are the law's even when the policy holds the same number: none of its
   numbers is compared. To keep a figure as written, cite its source in the same sentence.
6. Numbers inside a placeholder, a code span or a link address are not prose.

When several values nearby match, the message names the one closest to the text in the policy
(longest common path), then the others.
"""

from __future__ import annotations

import re
import types
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, Union, get_args, get_origin

from annotated_types import Ge, Le

from ..messages import message
from ..model.common import LANGUAGES, Text, Unit
from ..paths import walk
from ..placeholders import PLACEHOLDER, PlaceholderError, find_placeholders, lookup
from ..source import PathKey
from .consistency import located
from .references import valid_chapters
from .registry import Context, check
from .texts import text_line

_SPACE = "[ \u00a0\u202f]"
_NUMBER = {
    "fr": rf"(?P<number>\d{{1,3}}(?:{_SPACE}\d{{3}})+|\d+)(?:,(?P<decimals>\d+))?",
    "en": r"(?P<number>\d{1,3}(?:[, \u00a0\u202f]\d{3})+|\d+)(?:\.(?P<decimals>\d+))?",
}
"""A number as each language writes it: `150 000`, `12,15` in French; `150,000`, `12.15` in
English (where a space, plain or narrow, also separates thousands)."""

_UNITS: tuple[tuple[str, str], ...] = (
    ("working_days", r"jours?\s+ouvr[ée]s|jours?\s+ouvrables|(?:working|business)\s+days?"),
    ("days", r"jours?|days?"),
    ("months", r"mois|months?"),
    ("hours", r"heures?(?:\s+ouvr[ée]es)?|(?:working\s+)?hours?"),
    ("percent", r"%|pour\s?cent|per\s?cent"),
    ("money", r"€|EUR|euros?"),
)
_UNIT_AFTER = "|".join(f"(?P<{name}>{pattern})" for name, pattern in _UNITS)
_BEFORE = r"(?<![\w.,\-/\u2011])"
_AFTER = r"(?![\w\-\u2011])"


def _quantity(lang: str) -> re.Pattern[str]:
    """A number with a currency before it (`€40`) or a unit after it (`40 €`, `15 jours`)."""
    return re.compile(
        rf"{_BEFORE}(?P<currency>(?:€|EUR){_SPACE}?)?{_NUMBER[lang]}"
        rf"(?:{_SPACE}*(?:{_UNIT_AFTER}){_AFTER})?",
        re.IGNORECASE)


_QUANTITIES = {lang: _quantity(lang) for lang in _NUMBER}

_ARTICLE = re.compile(
    r"(?<![\w-])[LRDA]\.?\s?\d{3,4}(?:-\d+)+|\barticles?\s+\d|\barts?\.\s*\d", re.IGNORECASE)
"""A citation of the law: `L441-10`, `R. 622-24`, `D441-5`, `article 1411`, `art. 262 ter`."""

_SENTENCE_END = re.compile(
    r"(?<!\bart)(?<!\barts)(?<!\bcf)(?<!\bp)(?<!\d)[.!?](?=\s)|\n\s*\n|\n\s*(?:[-*+]|\d+\.)\s")
"""Where a sentence ends: `.`, `!` or `?` then a space (not the dot of `art.` or `1.`), a blank
line, or the start of a list item."""

_DIGIT = re.compile(r"\d")

_NOT_PROSE = (
    PLACEHOLDER,
    re.compile(r"`[^`\n]*`"),  # code span
    re.compile(r"\]\([^)\n]*\)"),  # link address
    re.compile(r"<[A-Za-z][A-Za-z0-9+.-]*:[^\s<>]*>"),  # <scheme:…>
    re.compile(r"https?://\S+"),
)


@dataclass(frozen=True)
class Value:
    """A number the policy sets: where it is, its value and its unit."""

    path: PathKey
    number: Decimal
    unit: str


@dataclass(frozen=True)
class Quoted:
    """A number with its unit in a text: as written, where it starts, its value and unit."""

    written: str
    needle: str
    start: int
    number: Decimal
    unit: str


def unit_of(path: PathKey, value: Any, annotation: Any) -> str | None:
    """The unit of a policy value, from its declared type (`Percent`, `Money`, `Days`…), or
    from its field name for a plain count (`maximum_days`); None for anything else."""
    if type(value) is not int and type(value) is not Decimal:
        return None  # bool is a subclass of int, not int itself
    metadata = _metadata(annotation)
    units = [m.name for m in metadata if isinstance(m, Unit)]
    if units:
        return units[0]
    name = next((p for p in reversed(path) if isinstance(p, str)), "")
    if isinstance(value, int):
        for suffix, unit in (("working_days", "working_days"), ("working_hours", "hours"),
                             ("days", "days"), ("months", "months"), ("hours", "hours")):
            if name.endswith(suffix):
                return unit
    if isinstance(value, Decimal) and any(isinstance(m, Le) and m.le == 100 for m in metadata) \
            and any(isinstance(m, Ge) and m.ge == 0 for m in metadata):
        return "percent"
    return None


def _metadata(annotation: Any) -> list[Any]:
    """Every `Annotated` marker on a type, looking through `X | None`."""
    found: list[Any] = []
    origin = get_origin(annotation)
    if origin is Annotated:
        found += get_args(annotation)[1:]
        found += _metadata(get_args(annotation)[0])
    elif origin in (Union, types.UnionType):
        for arg in get_args(annotation):
            found += _metadata(arg)
    return found


def _collect(context: Context) -> tuple[list[Value], list[tuple[PathKey, Text]]]:
    """In one walk of the valid chapters: every positive number with a unit (not yet checked
    to be quotable), and every free text, in policy order."""
    values, found = [], []
    for chapter, model in valid_chapters(context):
        for path, value, annotation in walk(model, (chapter,)):
            if isinstance(value, Text):
                found.append((path, value))
                continue
            unit = unit_of(path, value, annotation)
            if unit is not None and value > 0:
                values.append(Value(path, Decimal(value), unit))
    return values, found


def _quotable(context: Context, value: Value, cache: dict[PathKey, str | None]) -> str | None:
    """The placeholder path naming `value`, or None if none can (an item without an
    identifier): there is then nothing to write instead of the number."""
    if value.path not in cache:
        name = context.path(value.path)
        try:
            lookup(context.policy, name, context.lang)
        except PlaceholderError:
            name = None
        cache[value.path] = name
    return cache[value.path]


def _masked(text: str) -> str:
    """`text` with placeholders, code spans and link addresses blanked (same length)."""
    for pattern in _NOT_PROSE:
        text = pattern.sub(lambda m: "\u2060" * len(m.group()), text)
    return text


def _law_spans(text: str) -> list[tuple[int, int]]:
    """The sentences of `text` that cite an article of law, as (start, end)."""
    spans, start = [], 0
    for end in [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]:
        if _ARTICLE.search(text, start, end):
            spans.append((start, end))
        start = end
    return spans


def quantities(text: str, lang: str) -> Iterator[Quoted]:
    """Each number with a unit in `text`, outside placeholders and sentences citing the law."""
    if not _DIGIT.search(text):
        return
    prose = _masked(text)
    law: list[tuple[int, int]] | None = None
    for match in _QUANTITIES.get(lang, _QUANTITIES["fr"]).finditer(prose):
        unit = next((name for name, _ in _UNITS if match.group(name)), None)
        if match.group("currency"):
            unit = "money"
        if unit is None:
            continue
        law = _law_spans(prose) if law is None else law
        if any(start <= match.start() < end for start, end in law):
            continue
        digits = re.sub(r"\D", "", match.group("number"))
        decimals = match.group("decimals")
        number = Decimal(f"{digits}.{decimals}" if decimals else digits)
        yield Quoted(match.group().strip(), match.group("number"), match.start("number"),
                     number, unit)


def _nearby(value: Value, text_path: PathKey, quoted_sections: set[PathKey]) -> bool:
    """Whether `value` is in the text's section, at the top of its chapter, or in a section the
    text quotes."""
    chapter = text_path[0]
    if value.path[0] != chapter:
        return value.path[:2] in quoted_sections
    return len(value.path) == 2 or value.path[:2] == text_path[:2] \
        or value.path[:2] in quoted_sections


def _closeness(value: Value, text_path: PathKey) -> int:
    common = 0
    for a, b in zip(value.path, text_path, strict=False):
        if a != b:
            break
        common += 1
    return common


@check()
def numbers_are_references(context: Context) -> None:
    """A number with a unit in a text that repeats a policy value nearby is written as `[[path]]`
    (see the module's rule)."""
    values, found = _collect(context)
    names: dict[PathKey, str | None] = {}
    for path, text in found:
        for lang in LANGUAGES:
            if not text.has(lang):
                continue
            written = text.get(lang)
            sections: set[PathKey] | None = None
            for quoted in quantities(written, lang):
                if sections is None:
                    sections = {tuple(name.split(".")[:2])
                                for _, name in find_placeholders(written)}
                matches = [(v, name) for v in values if v.unit == quoted.unit
                           and v.number == quoted.number and _nearby(v, path, sections)
                           and (name := _quotable(context, v, names)) is not None]
                if not matches:
                    continue
                matches.sort(key=lambda match: -_closeness(match[0], path))
                (best, name), others = matches[0], matches[1:]
                occurrence = written[:quoted.start].count(quoted.needle)
                at, line = text_line(context, path, lang, quoted.needle, occurrence)
                also = message("check.number_is_value_others", context.lang,
                               names=", ".join(f"[[{other}]]" for _, other in others)) \
                    if others else ""
                context.warning(at, "check.number_is_value", line=line, written=quoted.written,
                                value=name, value_at=located(context, best.path), others=also,
                                number=quoted.needle)
