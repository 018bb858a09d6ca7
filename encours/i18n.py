"""The handbook's message catalogue: every heading and label, in French (default) and English.

All labels live in the ``labels/`` folder beside this module (one YAML file per part of the
site, merged into one catalogue; a key defined twice is an error), one entry per key with its
translations.
A label missing in the requested language falls back to French and is recorded in ``missing``
so the build can list it as a warning.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from importlib import resources

import yaml

from calculators.languages import DEFAULT_LANGUAGE, LANGUAGES


@cache
def _entries() -> dict[str, dict[str, str]]:
    entries: dict[str, dict[str, str]] = {}
    folder = resources.files(__package__).joinpath("labels")
    for source in sorted(folder.iterdir(), key=lambda item: item.name):
        if not source.name.endswith(".yaml"):
            continue
        for key, translations in (yaml.safe_load(source.read_text(encoding="utf-8")) or {}).items():
            if key in entries:
                raise ValueError(f"label {key!r} is defined twice (again in labels/{source.name})")
            entries[key] = translations
    return entries


class Catalogue:
    """Labels in one language: ``labels("home.title")`` or ``labels("x", count=3)``."""

    def __init__(self, lang: str = DEFAULT_LANGUAGE) -> None:
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}: choose one of {', '.join(LANGUAGES)}")
        self.lang = lang
        self.missing: set[str] = set()

    def __call__(self, key: str, **values: object) -> str:
        try:
            translations = _entries()[key]
        except KeyError:
            raise KeyError(f"label {key!r} is not in encours/labels/*.yaml") from None
        text = translations.get(self.lang)
        if text is None:
            self.missing.add(key)
            text = translations[DEFAULT_LANGUAGE]
        return text.format(**values) if values else text

    def group(self, prefix: str) -> dict[str, str]:
        """Every label under ``prefix.`` (without the prefix): for data handed to JavaScript."""
        start = prefix + "."
        return {key[len(start):]: self(key) for key in _entries() if key.startswith(start)}


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
