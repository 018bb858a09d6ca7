"""The languages of the calculators and of the handbook: one list for the whole project.

The generator (``encours``) reads it from here, since it imports ``calculators`` and never the
other way round.
"""

from __future__ import annotations

from typing import Any

LANGUAGES: tuple[str, ...] = ("fr", "en")
"""Every language of messages and pages; the first is the default."""
DEFAULT_LANGUAGE = LANGUAGES[0]


def language(value: Any) -> str:
    """``value`` if it names a language of :data:`LANGUAGES`, else the default (French): the
    language in which to word an answer, even one that says the language asked for is unknown.

    >>> language("en"), language("de"), language(None)
    ('en', 'fr', 'fr')
    """
    return value if value in LANGUAGES else DEFAULT_LANGUAGE
