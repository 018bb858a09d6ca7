"""The gettext catalogues of both domains, ``encours`` (the handbook's labels and the policy's
messages) and ``calculators``: each key once and in every language, with the same placeholders
in each, and every committed ``.mo`` file compiled from the ``.po`` beside it (``make locale``).
"""

from __future__ import annotations

import io
import re
import string
from functools import cache
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from calculators.catalogue import read_mo
from calculators.languages import LANGUAGES

ROOT = Path(__file__).resolve().parents[1]
DOMAINS = {"encours": ROOT / "encours" / "locale", "calculators": ROOT / "calculators" / "locale"}
CATALOGUES = [(domain, lang) for domain in DOMAINS for lang in LANGUAGES]


def path(domain: str, lang: str, suffix: str) -> Path:
    return DOMAINS[domain] / lang / "LC_MESSAGES" / f"{domain}{suffix}"


@cache
def catalogue(domain: str, lang: str) -> Catalog:
    with path(domain, lang, ".po").open("rb") as file:
        return read_po(file, locale=lang, domain=domain)


def texts(domain: str, lang: str) -> dict[str, str]:
    """The translated messages of a ``.po`` file (a fuzzy or empty one counts as missing)."""
    return {message.id: message.string for message in catalogue(domain, lang)
            if message.id and message.string and not message.fuzzy}


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("domain", DOMAINS)
def test_each_domain_has_a_catalogue_for_every_language(domain: str) -> None:
    assert sorted(folder.name for folder in DOMAINS[domain].iterdir()) == sorted(LANGUAGES)
    for lang in LANGUAGES:
        assert path(domain, lang, ".po").is_file() and path(domain, lang, ".mo").is_file()


@pytest.mark.parametrize(("domain", "lang"), CATALOGUES)
def test_each_key_is_written_once(domain: str, lang: str) -> None:
    keys = re.findall(r'^msgid "(.+)"$', path(domain, lang, ".po").read_text(encoding="utf-8"),
                      re.M)
    assert sorted(key for key in set(keys) if keys.count(key) > 1) == []
    assert len(keys) == len(catalogue(domain, lang))  # the header (msgid "") is not counted


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_language_has_every_key_and_no_other(domain: str) -> None:
    french = set(texts(domain, "fr"))
    assert french == {message.id for message in catalogue(domain, "fr") if message.id}
    for lang in LANGUAGES[1:]:
        keys = set(texts(domain, lang))
        assert sorted(french - keys) == [], f"keys without a text in {lang}"
        assert sorted(keys - french) == [], f"keys in {lang} only"


@pytest.mark.parametrize("domain", DOMAINS)
def test_each_key_takes_the_same_values_in_every_language(domain: str) -> None:
    french = {key: fields(text) for key, text in texts(domain, "fr").items()}
    for lang in LANGUAGES[1:]:
        other = {key: fields(text) for key, text in texts(domain, lang).items()}
        assert sorted(key for key in french if other.get(key, french[key]) != french[key]) == []


@pytest.mark.parametrize(("domain", "lang"), CATALOGUES)
def test_the_committed_mo_file_is_compiled_from_the_po_file(domain: str, lang: str) -> None:
    compiled = io.BytesIO()
    write_mo(compiled, catalogue(domain, lang))
    compiled.seek(0)
    with path(domain, lang, ".mo").open("rb") as file:
        committed = read_mo(file)
    expected = read_mo(compiled)
    stale = sorted(key for key in committed.keys() | expected.keys()
                   if committed.get(key) != expected.get(key))
    assert stale == [], f"{path(domain, lang, '.mo')} is out of date: run `make locale`"
