"""Free text: every `[[placeholder]]` names a policy value; training links name policy rules."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from calculators.languages import DEFAULT_LANGUAGE

from ..messages import message
from ..model import Policy
from ..model.common import LANGUAGES, Text, declared_in
from ..paths import walk
from ..placeholders import LETTER_FIELDS, PlaceholderError, find_placeholders, lookup
from ..problems import Severity
from ..source import PathKey
from .references import valid_chapters
from .registry import Context, check


def texts(value: Any, path: PathKey) -> Iterator[tuple[PathKey, Text]]:
    """Every free text below `value`, with its path."""
    for here, text, _ in walk(value, path):
        if isinstance(text, Text):
            yield here, text


def text_line(context: Context, path: PathKey, lang: str, needle: str,
              occurrence: int) -> tuple[PathKey, int | None]:
    """The path and line of a placeholder in a text written as a string or as `{fr:, en:}`."""
    keyed = (*path, lang)
    at = keyed if keyed in context.index else path
    location = context.index.get(at)
    if location is None:
        return at, None
    return at, context.index.line_of_text(location, needle, occurrence)


@check()
def placeholders_resolve(context: Context) -> None:
    """Each `[[path]]` in a text designates a printable value of the (valid) policy."""
    for chapter, value in valid_chapters(context):
        for path, text in texts(value, (chapter,)):
            in_letter = path[:2] == ("recovery", "letter_templates")
            for lang in LANGUAGES:
                if not text.has(lang):
                    continue
                seen: dict[str, int] = {}
                for raw, name in find_placeholders(text.get(lang)):
                    occurrence = seen.get(raw, 0)
                    seen[raw] = occurrence + 1
                    if in_letter and name in LETTER_FIELDS:
                        continue
                    head = name.split(".")[0]
                    if head in Policy.model_fields and head not in context.valid:
                        continue  # that chapter has its own errors: do not pile on
                    try:
                        lookup(context.policy, name, context.lang)
                    except PlaceholderError as reason:
                        at, line = text_line(context, path, lang, raw, occurrence)
                        key = "check.placeholder_letter" if in_letter else "check.placeholder"
                        context.error(at, key, name=name, reason=reason, line=line)


@check()
def texts_in_every_language(context: Context) -> None:
    """Every free text exists in each language of `document.languages` (without them, in
    French): one error per missing text and language, at the text's line."""
    declared = declared_in(context.data) or (DEFAULT_LANGUAGE,)
    for chapter, value in valid_chapters(context):
        for path, text in texts(value, (chapter,)):
            written = text.languages()
            for lang in declared:
                if not text.has(lang):
                    context.report(Severity.ERROR, path, "check.text_language_missing",
                                   at_value=True, lang=lang, other=written[0],
                                   language=message(f"language.{lang}", context.lang))


@check("training")
def training_rules_exist(context: Context) -> None:
    """The rules a scenario links to exist in the policy."""
    for s, scenario in enumerate(context.policy.training.scenarios):
        for r, rule in enumerate(scenario.rules):
            head = rule.split(".")[0]
            if head in Policy.model_fields and head not in context.valid:
                continue
            try:
                lookup(context.policy, rule, context.lang, value=False)
            except PlaceholderError as reason:
                context.error(("training", "scenarios", s, "rules", r), "check.rule_unknown",
                              rule=rule, reason=reason)
