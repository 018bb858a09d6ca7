"""Mermaid diagrams generated from the policy: account opening, blocked orders, dunning calendar.

Diagram source is code that Mermaid parses, so policy text never goes into it as written:
:func:`mermaid_text` turns every character that means something to Mermaid (quotes, brackets of
HTML, ``#``, ``%%`` directives, ``|`` edge labels, braces, backticks, ``:`` and ``;``) into a
Mermaid entity code (``#quot;``, ``#lt;``…), which Mermaid shows as the character itself. Node
ids are generated (``n1``, ``n2``…), never taken from the policy, so a step called ``end`` cannot
break a chart.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field

from markupsafe import Markup

# Characters Mermaid would read as syntax (or HTML), written as entity codes it decodes back.
_ENTITIES = str.maketrans({
    '"': "#quot;",
    "#": "#35;",
    "&": "#amp;",
    "<": "#lt;",
    ">": "#gt;",
    "`": "#96;",
    "|": "#124;",
    "%": "#37;",
    "{": "#123;",
    "}": "#125;",
    ";": "#59;",
    ":": "#58;",
})
_PLAIN = str.maketrans({char: " " for char in '"#&<>`|%{}'} | {";": ",", ":": ","})
_SPACES = re.compile(r"[ \t\r\n]+")  # ASCII only: a no-break space (``cause ?``) stays
LINE_WIDTH = 30
"""Characters per line in a node: Mermaid does not wrap plain labels itself."""


def mermaid_text(text: str) -> str:
    """``text`` on one line, safe inside a quoted Mermaid label."""
    return _SPACES.sub(" ", text).strip().translate(_ENTITIES)


def mermaid_plain(text: str) -> str:
    """``text`` for ``accTitle``/``accDescr``, which Mermaid does not decode: syntax removed."""
    return _SPACES.sub(" ", text.translate(_PLAIN)).replace(" ,", ",").strip()


def mermaid_label(*lines: str, width: int = LINE_WIDTH) -> str:
    """A quoted node label: each of ``lines`` wrapped at ``width``, lines joined by ``<br>``."""
    wrapped = []
    for line in lines:
        if line:
            wrapped += textwrap.wrap(_SPACES.sub(" ", line).strip(), width) or [""]
    return '"' + "<br>".join(mermaid_text(part) for part in wrapped) + '"'


SHAPES = {
    "box": ("[", "]"),
    "round": ("(", ")"),
    "stadium": ("([", "])"),
    "decision": ("{", "}"),
    "circle": ("((", "))"),
}


@dataclass
class Flowchart:
    """A Mermaid flowchart built node by node; ``str()`` is its source."""

    direction: str
    title: str
    description: str = ""
    wrapping_width: int | None = None
    """Widest a label may be, in pixels, before Mermaid wraps it (its default is 200)."""
    lines: list[str] = field(default_factory=list)
    count: int = 0

    def node(self, *lines: str, shape: str = "box", css: str | None = None,
             width: int = LINE_WIDTH) -> str:
        """Add a node showing ``lines`` (each wrapped at ``width``); returns its generated id."""
        self.count += 1
        node_id = f"n{self.count}"
        opening, closing = SHAPES[shape]
        self.lines.append(f"    {node_id}{opening}{mermaid_label(*lines, width=width)}{closing}")
        if css:
            self.lines.append(f"    class {node_id} {css}")
        return node_id

    def edge(self, start: str, end: str, label: str = "", dotted: bool = False) -> None:
        arrow = "-.->" if dotted else "-->"
        text = f'|"{mermaid_text(label)}"|' if label else ""
        self.lines.append(f"    {start} {arrow}{text} {end}")

    def subgraph(self, title: str) -> str:
        """Open a group of nodes (closed by :meth:`end`); returns its id."""
        self.count += 1
        group_id = f"g{self.count}"
        self.lines.append(f"    subgraph {group_id}[{mermaid_label(title, width=60)}]")
        return group_id

    def end(self) -> None:
        self.lines.append("    end")

    def __str__(self) -> str:
        head = [f"flowchart {self.direction}", f"    accTitle: {mermaid_plain(self.title)}"]
        if self.description:
            head.append(f"    accDescr: {mermaid_plain(self.description)}")
        styles = [
            "    classDef due stroke-width:3px",
            "    classDef outcome stroke-dasharray:4 3",
            "    classDef before stroke-dasharray:2 2",
        ]
        config = []
        if self.wrapping_width:
            config = ["---", "config:", "  flowchart:",
                      f"    wrappingWidth: {int(self.wrapping_width)}", "---"]
        return "\n".join([*config, *head, *self.lines, *styles])

    def markup(self) -> Markup:
        """The source, ready for a ```` ```mermaid ```` fence (already escaped for Mermaid)."""
        return Markup(str(self))
