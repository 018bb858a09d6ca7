"""The semantic diff: what changed in the rules between two valid versions of the policy.

Both versions are walked side by side through the policy model:

- a list whose items have an identifier (``id``, or a natural key: ``step`` of a RACI row,
  ``customer_type``, ``risk_class`` of an opening decision, ``above`` of an approval band,
  ``version`` of a revision) is matched item by item on it: moving an item is not a change, a
  new identifier is an added item, a missing one a removed item, and one edited field of one
  item is one change;
- a list of free texts (responsibilities, mandatory mentions…) is compared as a set: each text
  added or removed is a change, and a text that was edited (still mostly the same words) is one
  change from the old wording to the new;
- any other list (references such as the approvers of a band, the steps of a bonus scale) is
  one value, compared regardless of order;
- a payment term, a free text, a number, a date, a choice is one value. Re-wrapping the lines of
  a text is not a change.

Each change is a sentence naming the rule and both values, in the handbook's language:
``Délai de paiement standard (Clients export) : 30 jours date de facture → 45 jours date de
facture``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from difflib import SequenceMatcher
from typing import Any, get_origin

from pydantic import BaseModel

from calculators.languages import LANGUAGES
from encours.i18n import Catalogue
from encours.policy import Policy, Text
from encours.policy.checks.references import ref_kind
from encours.policy.paths import unwrap

from .describe import (
    Describer,
    Pattern,
    field_annotation,
    is_atomic_model,
    is_model,
    item_type,
    key_field,
    normalized,
    words,
)

ROUTINE = ("document.version", "document.effective_date", "document.approvers",
           "document.revisions")
"""What every release changes: reported, but not counted as a change of the procedure's rules
(no "modified" marker on the home page for them)."""
EXCERPT_WORDS = 30
"""A text longer than this is shown around what changed, with this many words at most."""
EXCERPT_CONTEXT = 5
"""Unchanged words kept on each side of a change in a long text."""
SIMILAR = 0.6
"""Two texts of a list this similar (difflib ratio) are one text edited, not one removed and
one added."""


@dataclass(frozen=True)
class Change:
    """One change of the rules, ready to print.

    ``kind`` is ``added``, ``removed`` or ``changed``; ``path`` the value's place in the policy
    (list items named by identifier: ``recovery.dunning_steps.formal_notice.day``); ``rule`` what
    the rule is called; ``before`` and ``after`` the values in words (texts in full; None for
    an item that did not exist); ``sentence`` the whole change in one sentence.
    """

    chapter: str
    kind: str
    path: str
    rule: str
    before: str | None
    after: str | None
    sentence: str
    routine: bool = False
    language: str | None = None
    """Set when only the text in this language changed (its translation, or the main text
    while the translation stayed): the wording changed, not the rule."""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def diff_policies(old: Policy, new: Policy, lang: str = "fr") -> list[Change]:
    """Every change from ``old`` to ``new``, chapter by chapter, in the order of the policy."""
    return _Differ(old, new, Catalogue(lang)).run()


def canonical(value: Any) -> str:
    """A text that is equal for two values exactly when they mean the same."""
    return json.dumps(_plain(value), sort_keys=True, ensure_ascii=False)


def _plain(value: Any) -> Any:
    if isinstance(value, Text):
        return {"fr": normalized(value.fr), "en": normalized(value.en) if value.en else None}
    if isinstance(value, BaseModel):
        return {name: _plain(getattr(value, name)) for name in type(value).model_fields}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    return value if isinstance(value, bool | int | None) else str(value)


def excerpts(old: str, new: str) -> tuple[str, str]:
    """Two long texts cut down to what changed, with a few words around it (``…`` for the rest).

    Short texts are returned whole.
    """
    a, b = words(old), words(new)
    if len(a) <= EXCERPT_WORDS and len(b) <= EXCERPT_WORDS:
        return " ".join(a), " ".join(b)
    edits = [op for op in SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
             if op[0] != "equal"]
    first, last = edits[0], edits[-1]
    # What comes before the first edit and after the last one is the same in both texts.
    start = max(0, first[1] - EXCERPT_CONTEXT)
    tail = min(len(a) - last[2], EXCERPT_CONTEXT)
    return (_window(a, start, first[1], last[2], tail), _window(b, start, first[3], last[4], tail))


def _window(text: list[str], start: int, changed_from: int, changed_to: int, tail: int) -> str:
    changed = text[changed_from:changed_to]
    if len(changed) > EXCERPT_WORDS:
        changed = [*changed[:EXCERPT_WORDS], "…"]
    end = changed_to + tail
    parts = (["…"] if start > 0 else []) + text[start:changed_from] + changed \
        + text[changed_to:end] + (["…"] if end < len(text) else [])
    return " ".join(parts)


class _Differ:
    def __init__(self, old: Policy, new: Policy, labels: Catalogue) -> None:
        currency = new.company.currency
        self.old = Describer(old, labels, currency)
        self.new = Describer(new, labels, currency)
        self.labels = labels
        self.lang = labels.lang
        self.changes: list[Change] = []

    def run(self) -> list[Change]:
        for chapter in Policy.model_fields:
            self.node(getattr(self.old.policy, chapter), getattr(self.new.policy, chapter),
                      field_annotation(Policy, chapter), (chapter,), (chapter,), ())
        return self.changes

    # --- walking -----------------------------------------------------------------------------
    def node(self, a: Any, b: Any, annotation: Any, pattern: Pattern, path: tuple[Any, ...],
             context: tuple[str, ...]) -> None:
        if a is None and b is None:
            return
        origin = get_origin(unwrap(annotation))
        if is_model(annotation) and not is_atomic_model(annotation):
            if canonical(a) == canonical(b):
                return
            model = unwrap(annotation)
            for name in model.model_fields:
                self.node(getattr(a, name, None), getattr(b, name, None),
                          field_annotation(model, name), (*pattern, name), (*path, name), context)
        elif origin is dict:
            self.collection(list((a or {}).items()), list((b or {}).items()), item_type(annotation),
                            pattern, path, context)
        elif origin is list:
            inner = item_type(annotation)
            key = key_field(inner)
            old_items = [(getattr(item, key), item) for item in a or []] if key else []
            new_items = [(getattr(item, key), item) for item in b or []] if key else []
            if key and _unique(old_items) and _unique(new_items):
                self.collection(old_items, new_items, inner, pattern, path, context)
            elif unwrap(inner) in (Text, str) and ref_kind(inner) is None:
                self.texts(a or [], b or [], inner, pattern, path, context)
            else:
                self.leaf(a, b, annotation, pattern, path, context)
        else:
            self.leaf(a, b, annotation, pattern, path, context)

    def collection(self, old_items: list[tuple[Any, Any]], new_items: list[tuple[Any, Any]],
                   inner: Any, pattern: Pattern, path: tuple[Any, ...],
                   context: tuple[str, ...]) -> None:
        """Items matched on their key: changed items field by field, then added, then removed."""
        old = dict(old_items)
        new = dict(new_items)
        for key, item in new_items:
            if key in old:
                inside = (*context, self.item_context(self.new, item, pattern, key))
                self.node(old[key], item, inner, pattern, (*path, key), inside)
            else:
                self.item(self.new, "added", item, pattern, (*path, key), context, key)
        for key, item in old_items:
            if key not in new:
                self.item(self.old, "removed", item, pattern, (*path, key), context, key)

    def texts(self, a: Sequence[Any], b: Sequence[Any], inner: Any, pattern: Pattern,
              path: tuple[Any, ...], context: tuple[str, ...]) -> None:
        """A list of texts compared as a set; an edited text is paired with its old wording."""
        removed = list(a)
        added = []
        for text in b:
            match = next((i for i, old in enumerate(removed) if canonical(old) == canonical(text)),
                         None)
            if match is None:
                added.append(text)
            else:
                removed.pop(match)
        rule = self.rule(pattern, context)
        for text in added:
            pair = max(removed, key=lambda old, new=text: self.similarity(old, new), default=None)
            if pair is not None and self.similarity(pair, text) >= SIMILAR:
                removed.remove(pair)
                self.leaf(pair, text, inner, pattern, path, context)
            else:
                value = self.new.value(text, inner, pattern)
                self.emit("added", path, rule, None, value, self.labels(
                    "versions.sentence.list_added", rule=rule,
                    value=self.shown(self.new, text, value)))
        for text in removed:
            value = self.old.value(text, inner, pattern)
            self.emit("removed", path, rule, value, None, self.labels(
                "versions.sentence.list_removed", rule=rule,
                value=self.shown(self.old, text, value)))

    # --- sentences ---------------------------------------------------------------------------
    def leaf(self, a: Any, b: Any, annotation: Any, pattern: Pattern, path: tuple[Any, ...],
             context: tuple[str, ...]) -> None:
        """One value that changed: ``rule : before → after``."""
        if isinstance(a, list) and isinstance(b, list):
            if sorted(map(canonical, a)) == sorted(map(canonical, b)):
                return
        elif canonical(a) == canonical(b):
            return
        rule = self.rule(pattern, context)
        before = self.old.value(a, annotation, pattern)
        after = self.new.value(b, annotation, pattern)
        if isinstance(a, Text) and isinstance(b, Text):
            changed = [lang for lang in LANGUAGES
                       if a.has(lang) and b.has(lang) and normalized(a.get(lang))
                       != normalized(b.get(lang))]
            same = [lang for lang in LANGUAGES
                    if a.has(lang) and b.has(lang) and lang not in changed]
            if len(changed) == 1 and same:
                self.language_only(changed[0], a, b, path, rule)
                return
            if not changed:  # a translation added or removed
                gained = [lang for lang in LANGUAGES if a.has(lang) != b.has(lang)]
                self.language_only(gained[0], a, b, path, rule)
                return
            old_text, new_text = normalized(a.get(self.lang)), normalized(b.get(self.lang))
            old_shown, new_shown = excerpts(old_text, new_text)
            shown = (self.old.quote(old_shown), self.new.quote(new_shown))
        else:
            if before == after:  # e.g. two roles with the same title: tell them apart by id
                before, after = f"{before} ({a})", f"{after} ({b})"
            shown = (self.shown(self.old, a, before), self.shown(self.new, b, after))
        self.emit("changed", path, rule, before, after, self.labels(
            "versions.sentence.changed", rule=rule, before=shown[0], after=shown[1]))

    def language_only(self, lang: str, a: Text, b: Text, path: tuple[Any, ...],
                      rule: str) -> None:
        """Only the ``lang`` text of a rule changed: ``English text of … changed: "…" → "…"``."""
        language = self.labels(f"versions.language.{lang}")
        if not a.has(lang) or not b.has(lang):
            kind = "added" if b.has(lang) else "removed"
            sentence = self.labels(f"versions.sentence.language_{kind}", rule=rule,
                                   language=language)
            self.emit("changed", path, rule, None, None, sentence, language=lang)
            return
        old_shown, new_shown = excerpts(normalized(a.get(lang)), normalized(b.get(lang)))
        before, after = self.old.quote(old_shown), self.new.quote(new_shown)
        sentence = self.labels("versions.sentence.language_changed", rule=rule,
                               language=language, before=before, after=after)
        self.emit("changed", path, rule, a.get(lang), b.get(lang), sentence, language=lang)

    def item(self, side: Describer, kind: str, item: Any, pattern: Pattern,
             path: tuple[Any, ...], context: tuple[str, ...], key: Any) -> None:
        """An item added to, or removed from, a list: ``Nouvelle étape de relance : …``."""
        what = side.list_label(pattern, kind)
        summary = side.summary(item, pattern, key)
        if what is None:
            rule = self.rule(pattern, context)
            sentence = self.labels(f"versions.sentence.list_{kind}", rule=rule,
                                   value=self.short(summary))
        else:
            rule = self.with_context(what, context)
            sentence = self.labels("versions.sentence.item", what=rule, summary=summary)
        before, after = (None, summary) if kind == "added" else (summary, None)
        self.emit(kind, path, rule, before, after, sentence)

    def item_context(self, side: Describer, item: Any, pattern: Pattern, key: Any) -> str:
        """How an item is named after a rule: ``étape de relance « Mise en demeure »``."""
        name = side.item_name(item, pattern, key)
        kind = side.list_label(pattern, "kind")
        return self.labels("versions.context", kind=kind, name=name) if kind else name

    def rule(self, pattern: Pattern, context: tuple[str, ...]) -> str:
        return self.with_context(self.new.field_label(pattern), context)

    def with_context(self, text: str, context: tuple[str, ...]) -> str:
        if not context:
            return text
        return self.labels("versions.rule", rule=text, context=", ".join(context))

    def short(self, value: str) -> str:
        """A value cut to ``EXCERPT_WORDS`` words for a sentence."""
        found = words(value)
        return value if len(found) <= EXCERPT_WORDS else " ".join(found[:EXCERPT_WORDS]) + " …"

    def shown(self, side: Describer, value: Any, words: str) -> str:
        """A value as a sentence shows it: ``words`` cut short, a text cut inside its quotes."""
        if isinstance(value, Text):
            return side.quote(self.short(normalized(value.get(self.lang))))
        return self.short(words)

    def similarity(self, a: Any, b: Any) -> float:
        def text(value: Any) -> str:
            return normalized(value.get(self.lang) if isinstance(value, Text) else str(value))

        return SequenceMatcher(None, text(a), text(b), autojunk=False).ratio()

    def emit(self, kind: str, path: tuple[Any, ...], rule: str, before: str | None,
             after: str | None, sentence: str, language: str | None = None) -> None:
        dotted = ".".join(str(part) for part in path)
        routine = any(dotted == prefix or dotted.startswith(prefix + ".") for prefix in ROUTINE)
        self.changes.append(Change(str(path[0]), kind, dotted, rule, before, after, sentence,
                                   routine, language))


def _unique(items: list[tuple[Any, Any]]) -> bool:
    keys = [key for key, _ in items]
    return len(set(keys)) == len(keys)
