"""The Jinja2 environment the handbook templates render in.

Templates produce Markdown. Every value is HTML-escaped unless marked safe, so policy text such as
``<script>`` or ``{{ 7*7 }}`` appears on the page as written: values are data, never template
source. ``StrictUndefined`` turns a missing value into an error instead of an empty string.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from encours import formatting
from encours.i18n import Catalogue


def text_in(lang: str):
    """``{{ role.title | t }}``: a policy free-text value (plain or ``{fr, en}``) in ``lang``."""

    def t(value: Any) -> str:
        if value is None:
            return ""
        if hasattr(value, "get") and not isinstance(value, str):
            return value.get(lang)
        return str(value)

    return t


def table_cell(value: Any) -> Markup:
    """Escape a value for a Markdown table cell: ``|`` and line breaks would break the row."""
    text = escape(value)
    return Markup(text.replace("|", "\\|").replace("\n", "<br>"))


def indent_block(value: Any, spaces: int = 4) -> Markup:
    """Indent every line after the first (content of an admonition, tab or list item)."""
    pad = " " * spaces
    return Markup(escape(value).replace("\n", "\n" + pad))


@cache
def template_cache(cache_dir: Path | None) -> jinja2.BytecodeCache | None:
    """Compiled templates kept in ``cache_dir/jinja``, keyed by each template's source, so a
    build does not compile them again (about half a second a language). None, and no cache,
    without a folder or if it cannot be made."""
    if cache_dir is None:
        return None
    try:
        (cache_dir / "jinja").mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(cache_dir / "jinja"))


def make_environment(
    lang: str, labels: Catalogue, currency: str, cache_dir: Path | None = None
) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("encours", "templates"),
        bytecode_cache=template_cache(cache_dir),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(label=labels, lang=lang, tool_link=_tool_link(labels, lang))
    env.filters.update(
        t=text_in(lang),
        cell=table_cell,
        indent_block=indent_block,
        money=lambda value, cur=currency: formatting.format_money(value, cur, lang),
        percent=lambda value: formatting.format_percent(value, lang),
        decimal=lambda value: formatting.format_decimal(value, lang),
        integer=lambda value: formatting.format_integer(value, lang),
        date=lambda value: formatting.format_date(value, lang),
        long_date=lambda value: formatting.format_long_date(value, lang),
        format_value=lambda value, kind, cur=currency: formatting.format_value(
            value, kind, lang, cur
        ),
    )
    return env


def _tool_link(labels: Catalogue, lang: str) -> Any:
    """``tool_link(name, url)``: a chapter's link to the policy tool that computes its rule
    (the tool's title from the calculators' catalogue, the sentence from the handbook's)."""
    from calculators.messages import Catalogue as CalculatorWords

    words = CalculatorWords(lang)

    def link(name: str, url: str) -> str:
        return labels("calculator.tool_link", title=words(f"{name}.title"), url=url)

    return link
