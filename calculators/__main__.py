"""Command line: ``python -m calculators NAME`` (JSON on stdin, JSON on stdout) and
``python -m calculators --list [--lang en]`` (every calculator and field, in words).

Exit status: 0 with a result, 2 with ``{"errors": [...]}`` (bad input, bad JSON) or on a
usage mistake.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from .api import describe, run_text
from .messages import LANGS, Catalogue
from .specs import CALCULATORS


def main(argv: Sequence[str] | None = None, stdin: TextIO | None = None,
         stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    stdin, stdout, stderr = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
    lang = "fr"
    if args[-2:-1] == ["--lang"] and args[-1] in LANGS:
        lang, args = args[-1], args[:-2]
    if args == ["--list"]:
        stdout.write(listing(lang))
        return 0
    if len(args) != 1 or args[0].startswith("-"):
        stderr.write(Catalogue(lang)("cli.usage", names=", ".join(CALCULATORS)) + "\n")
        return 2
    result = run_text(args[0], stdin.read())
    stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    return 2 if "errors" in result else 0


def listing(lang: str = "fr") -> str:
    """Every calculator with its fields and results, as plain text, from :func:`describe`."""
    t = Catalogue(lang)
    lines: list[str] = []
    for entry in describe(lang).values():
        lines += [f"{entry['name']} — {entry['title']}", f"  {entry['summary']}",
                  f"  {t('list.legal_basis', text=entry['legal_basis'])}", f"  {t('list.fields')}"]
        for field in entry["fields"]:
            lines += _field_lines(field, t, "    ")
        lines.append(f"  {t('list.outputs')}")
        lines += _output_lines(entry["outputs"], "    ")
        if "rate_tables" in entry:
            lines.append(f"  {t('list.rates')}")
            for table in entry["rate_tables"]:
                halves = sorted(table["values"])
                lines.append("    " + t("list.rate_table", name=table["name"], first=halves[0],
                                            last=halves[-1], source=table["source"],
                                            as_of=table["as_of"]))
        lines.append("")
    lines.append(t("list.common"))
    return "\n".join(lines) + "\n"


def _field_lines(field: dict[str, Any], t: Catalogue, indent: str) -> list[str]:
    facts = [t(f"kind.{field['kind']}")]
    if field["choices"]:
        facts[0] += " (" + ", ".join(
            f"{choice} = {label}" for choice, label in zip(field["choices"],
                                                           field["choice_labels"], strict=True)
        ) + ")"
    if field["required"]:
        facts.append(t("list.required"))
    if field["default"] is not None:
        default = field["default"]
        if isinstance(default, bool):
            default = json.dumps(default)
        facts.append(t("list.default", value=default))
    lines = [f"{indent}{field['name']} — {field['label']} [{'; '.join(facts)}]",
             f"{indent}    {field['help']}"]
    for item in field.get("items", []):
        lines += _field_lines(item, t, indent + "    ")
    return lines


def _output_lines(outputs: list[dict[str, Any]], indent: str) -> list[str]:
    lines = []
    for output in outputs:
        lines.append(f"{indent}{output['name']} — {output['label']}")
        lines += _output_lines(output.get("items", []), indent + "    ")
    return lines


if __name__ == "__main__":
    sys.exit(main())
