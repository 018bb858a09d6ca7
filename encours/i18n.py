"""The words of ``encours``, in French (default) and English: the handbook's headings and labels
and the policy's validation messages, one gettext catalogue per language
(``locale/<lang>/LC_MESSAGES/encours.po``, compiled to the ``.mo`` beside it by ``make locale``),
read once, at import, by the calculators' reader (:mod:`calculators.catalogue`).

A label missing in the requested language falls back to French and is recorded in ``missing``
so the build can list it as a warning.
"""

from __future__ import annotations

from collections.abc import Sequence

from calculators.catalogue import load
from calculators.languages import DEFAULT_LANGUAGE, LANGUAGES

TEXTS = load(__package__, "encours", LANGUAGES)


class Catalogue:
    """Labels in one language: ``labels("home.title")`` or ``labels("x", count=3)``."""

    def __init__(self, lang: str = DEFAULT_LANGUAGE) -> None:
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}: choose one of {', '.join(LANGUAGES)}")
        self.lang = lang
        self.missing: set[str] = set()

    def __call__(self, key: str, **values: object) -> str:
        if key not in TEXTS:
            raise KeyError(f"label {key!r} is not in encours/locale/*/LC_MESSAGES/encours.po")
        if not TEXTS.has(key, self.lang):
            self.missing.add(key)
        text = TEXTS.raw(key, self.lang)
        return text.format(**values) if values else text

    def group(self, prefix: str) -> dict[str, str]:
        """Every label under ``prefix.`` (without the prefix): for data handed to JavaScript."""
        start = prefix + "."
        return {key[len(start):]: self(key) for key in TEXTS if key.startswith(start)}


LANGUAGE_NAMES = {"fr": "Français", "en": "English"}


def language_switch(lang: str, languages: Sequence[str]) -> list[dict[str, str]]:
    """The language switch of the build of ``lang`` (Material's ``extra.alternate``): links
    relative to its root, the first language at the site's root, each other under ``<lang>/``."""
    root = "./" if lang == languages[0] else "../"

    def link(other: str) -> str:
        if other == lang:
            return "./"
        return root if other == languages[0] else f"{root}{other}/"

    return [
        {"name": LANGUAGE_NAMES[other], "lang": other, "link": link(other)} for other in languages
    ]
