"""Message catalogues in gettext's compiled form, read the same way by CPython and by Pyodide.

A domain's texts are ``<package>/locale/<lang>/LC_MESSAGES/<domain>.mo``, compiled by
``make locale`` from the ``.po`` file beside it: the msgid is the key the code asks for
(``error.required``), the msgstr the text, with ``{name}`` for a value filled in. :func:`load`
reads every language of a domain once, into plain dicts: Pyodide's memory snapshot restores
memory, not files, so nothing is read after import. Standard library only, as the whole
package; ``encours`` reads its own domain with the same code.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from gettext import GNUTranslations
from importlib import resources
from typing import IO, Any


@dataclass(frozen=True)
class Texts:
    """Every text of one domain, ``{language: {key: text}}``; the first language is the one a
    text missing in another language falls back to.

    >>> texts = Texts({"fr": {"hello": "Bonjour {name}"}, "en": {}})
    >>> texts.text("hello", "en", name="Ada"), texts.has("hello", "en")
    ('Bonjour Ada', False)
    """

    by_language: dict[str, dict[str, str]]

    @property
    def fallback(self) -> str:
        return next(iter(self.by_language))

    def __iter__(self) -> Iterator[str]:
        """Every key, as the fallback language has them."""
        return iter(self.by_language[self.fallback])

    def __contains__(self, key: object) -> bool:
        return key in self.by_language[self.fallback]

    def has(self, key: str, lang: str) -> bool:
        """Whether ``key`` has a text of its own in ``lang``."""
        return key in self.by_language.get(lang, {})

    def raw(self, key: str, lang: str) -> str:
        """The text of ``key`` as the catalogue writes it, in ``lang`` or else in the fallback
        language (an unknown language too); ``KeyError`` if the domain has no such key."""
        text = self.by_language.get(lang, {}).get(key)
        return self.by_language[self.fallback][key] if text is None else text

    def text(self, key: str, lang: str, /, **params: Any) -> str:
        """The text of ``key`` in ``lang`` (see :meth:`raw`) with ``params`` filled in."""
        return self.raw(key, lang).format(**params)


def read_mo(file: IO[bytes]) -> dict[str, str]:
    """The messages of one compiled catalogue, ``{msgid: msgstr}``, without its header."""
    # GNUTranslations keeps what it read in `_catalog`: its only way to list the messages.
    messages = GNUTranslations(file)._catalog  # type: ignore[attr-defined]
    return {key: text for key, text in messages.items() if isinstance(key, str) and key}


def load(package: str, domain: str, languages: Iterable[str]) -> Texts:
    """The texts of ``domain`` in ``languages`` (the first is the fallback), from the locale
    folder of ``package``."""
    folder = resources.files(package) / "locale"
    by_language = {}
    for lang in languages:
        with (folder / lang / "LC_MESSAGES" / f"{domain}.mo").open("rb") as file:
            by_language[lang] = read_mo(file)
    return Texts(by_language)
