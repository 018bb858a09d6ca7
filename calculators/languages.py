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
    """The language in which to word an answer, even one that says the language asked for is
    unknown.

    Parameters
    ----------
    value : Any
        What a payload, a form or an option gives as ``lang`` (perhaps nothing, or nonsense).

    Returns
    -------
    str
        ``value`` if it is one of :data:`LANGUAGES`, else :data:`DEFAULT_LANGUAGE`.

    Examples
    --------
    >>> language("en"), language("de"), language(None)
    ('en', 'fr', 'fr')
    """
    return value if value in LANGUAGES else DEFAULT_LANGUAGE
