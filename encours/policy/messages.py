"""Every sentence the policy package says, in French (default) and English.

`message(key, lang, **params)` fills a sentence of the `encours` catalogue, beside the handbook's
labels (`encours/locale/<lang>/LC_MESSAGES/encours.po`, see `encours.i18n`); numbers given as
`Decimal` are written the way the language writes them (`12,5` in French, `12.5` in English).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from encours.i18n import TEXTS


def message(key: str, lang: str = "fr", /, **params: Any) -> str:
    """The sentence `key` in `lang` (French if `lang` is unknown), with `params` filled in."""
    shown = {name: format_number(value, lang) if isinstance(value, Decimal) else value
             for name, value in params.items()}
    return TEXTS.text(key, lang, **shown)


def format_number(value: Decimal | int, lang: str = "fr") -> str:
    """`7500` → `7 500` (fr, narrow no-break space) or `7,500` (en); decimals as written.

    Amounts (`Decimal`) are grouped from 1 000 up; whole numbers (`int`, e.g. days) from 10 000.
    """
    text = format(value, "f") if isinstance(value, Decimal) else str(value)
    sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, _, fraction = digits.partition(".")
    if len(whole) > (3 if isinstance(value, Decimal) else 4):
        whole = f"{int(whole):,}".replace(",", "\u202f" if lang == "fr" else ",")
    point = "," if lang == "fr" else "."
    return sign + whole + (point + fraction if fraction else "")
