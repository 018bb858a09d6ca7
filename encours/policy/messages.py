"""Every sentence the policy package says, in French (default) and English.

`message(key, lang, **params)` fills a sentence of the `encours` catalogue, beside the handbook's
labels (`encours/locale/<lang>/LC_MESSAGES/encours.po`, see `encours.i18n`); numbers given as
`Decimal` are written the way the language writes them (`12,5` in French, `12.5` in English).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from encours.formatting import format_number
from encours.i18n import TEXTS


def message(key: str, lang: str = "fr", /, **params: Any) -> str:
    """The sentence `key` in `lang` (French if `lang` is unknown), with `params` filled in."""
    shown = {name: format_number(value, lang) if isinstance(value, Decimal) else value
             for name, value in params.items()}
    return TEXTS.text(key, lang, **shown)
