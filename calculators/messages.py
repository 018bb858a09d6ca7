"""Every human text of the calculators, in French and English: the gettext catalogue
``locale/<lang>/LC_MESSAGES/calculators.po``, read once, at import (:mod:`.catalogue`).

Field texts are keyed ``<scope>.<field>.label|noun|help`` (``noun`` is the label as it reads
inside a sentence, with its article); output labels ``<scope>.out.<name>``. A scope is a
calculator (``penalty``) or a list inside it (``penalty.invoices``); look-ups fall back from the
innermost scope to the calculator, then to ``common``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .catalogue import load
from .languages import DEFAULT_LANGUAGE, LANGUAGES

TEXTS = load(__package__, "calculators", LANGUAGES)


class Catalogue:
    """The texts of one language: ``t("error.required", noun="la date")``."""

    def __init__(self, lang: str = DEFAULT_LANGUAGE) -> None:
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}")
        self.lang = lang

    def __call__(self, key: str, **params: Any) -> str:
        return TEXTS.text(key, self.lang, **params)

    def field(self, scope: str, name: str, part: str) -> str:
        """``label``, ``noun`` or ``help`` of a field, from the innermost scope outwards."""
        return self(_find(scope, f"{name}.{part}"))

    def output(self, scope: str, name: str) -> str:
        """Label of a result field."""
        return self(_find(scope, f"out.{name}", nested=True))

    def grouped(self, value: str | int | Decimal) -> str:
        """A figure as a table shows it, digits grouped by three: ``12 345,67`` in French (a
        plain space, which every terminal and encoding shows), ``12,345.67`` in English; a text
        such as ``"12345.67"`` keeps its decimals as they are.

        >>> Catalogue("fr").grouped("-1234567.50"), Catalogue("en").grouped(9998)
        ('-1 234 567,50', '9,998')
        """
        text = format(value, "f") if isinstance(value, Decimal) else str(value)
        sign, text = ("-", text[1:]) if text.startswith("-") else ("", text)
        whole, _, fraction = text.partition(".")
        if not whole.isdigit():
            return sign + text
        whole = f"{int(whole):,}"
        if self.lang == "fr":
            return sign + whole.replace(",", " ") + ("," + fraction if fraction else "")
        return sign + whole + ("." + fraction if fraction else "")

    def number(self, value: int | Decimal) -> str:
        """A number as written in prose: ``12,15`` in French, ``12.15`` in English."""
        text = format(value, "f") if isinstance(value, Decimal) else str(value)
        return text.replace(".", ",") if self.lang == "fr" else text

    def half(self, half: int) -> str:
        """``2e semestre 2026`` / ``second half of 2026``."""
        return self(f"half.{half % 2 + 1}", year=half // 2)


def _find(scope: str, suffix: str, *, nested: bool = False) -> str:
    """The first key that exists: ``penalty.invoices.X``, ``penalty.X``, ``common.X``.

    For outputs (``nested``), the list name goes after ``out``: ``penalty.out.invoices.X``.
    """
    calculator, *lists = scope.split(".")
    candidates = []
    for start in range(len(lists) + 1):
        inner = ".".join(lists[start:])
        if nested and inner:
            head, _, tail = suffix.partition(".")
            candidates.append(f"{calculator}.{head}.{inner}.{tail}")
        elif inner:
            candidates.append(f"{calculator}.{inner}.{suffix}")
        else:
            candidates.append(f"{calculator}.{suffix}")
    candidates.append(f"common.{suffix}")
    for key in candidates:
        if key in TEXTS:
            return key
    raise KeyError(f"no text for {suffix!r} in {scope!r}")
