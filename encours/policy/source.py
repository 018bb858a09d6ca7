"""Read policy YAML files keeping the line of every key and value, and rejecting duplicate keys.

PyYAML silently keeps the last of two identical keys and forgets where anything came from. Here
the file is composed into nodes with PyYAML's `SafeLoader` (so only plain YAML types are ever
built: no Python objects), then walked by hand: every key and list item gets a `Location`, keys
are taken exactly as typed (so `no:` is the key "no", not False), numbers with a decimal point
become `Decimal` exactly as typed (`40.00`, never the float 40.0), and a key seen twice in one
mapping is reported with both lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .messages import message
from .problems import Problem

FLOAT_TAG = "tag:yaml.org,2002:float"
MAP_TAG = "tag:yaml.org,2002:map"
SEQ_TAG = "tag:yaml.org,2002:seq"

PathKey = tuple[str | int, ...]
"""A position in the policy: chapter, then keys and 0-based list indices."""


@dataclass(frozen=True)
class Location:
    """Where a key (or list item) and its value are, and the value's text as typed."""

    file: str
    line: int
    value_line: int
    raw: str | None = None
    style: str | None = None



@dataclass
class LineIndex:
    """Every key's location in the policy, by path (`("terms", "payment_term", "days")`)."""

    locations: dict[PathKey, Location] = field(default_factory=dict)
    sources: dict[str, list[str]] = field(default_factory=dict)
    """Each file's lines, to find text inside a multi-line value."""

    def __contains__(self, path: PathKey) -> bool:
        return path in self.locations

    def get(self, path: PathKey) -> Location | None:
        return self.locations.get(path)

    def nearest(self, path: PathKey) -> Location | None:
        """The location of `path`, or of its closest ancestor that is in the files."""
        while path:
            if path in self.locations:
                return self.locations[path]
            path = path[:-1]
        return None

    def line_of_text(self, location: Location, needle: str, occurrence: int = 0) -> int:
        """The line where `needle` appears (its `occurrence`-th time) in the value at `location`.

        Works for every YAML style (plain, quoted, `|`, `>`), since it reads the file itself;
        falls back to the value's first line.
        """
        lines = self.sources.get(location.file, [])
        seen = 0
        for number in range(location.value_line, len(lines) + 1):
            count = lines[number - 1].count(needle)
            if seen + count > occurrence:
                return number
            seen += count
        return location.value_line


@dataclass
class YamlFile:
    """A parsed file: its data (None if it could not be read), its line index, its problems."""

    file: str
    data: Any
    index: LineIndex
    problems: list[Problem]


def load_yaml(path: Path, lang: str = "fr", name: str | None = None) -> YamlFile:
    """Parse one policy file, shown as `name` in messages (default: the path as given).

    Never raises on bad YAML: problems are returned instead.
    """
    name = name or path.as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        problem = Problem(name, 1, message("yaml.encoding", lang, position=exc.start))
        return YamlFile(name, None, LineIndex(), [problem])
    return parse_yaml(text, name, lang)


def parse_yaml(text: str, name: str, lang: str = "fr") -> YamlFile:
    """Parse YAML text read from the file `name` (used in locations and messages)."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        return YamlFile(name, None, LineIndex(), [_syntax_problem(exc, name, lang)])
    except yaml.YAMLError as exc:  # errors without a position (e.g. an unreadable stream)
        return YamlFile(name, None, LineIndex(), [Problem(name, 1, str(exc))])
    walker = _Walker(loader, name, lang)
    data = {} if node is None else walker.value(node, ())
    walker.index.sources[name] = text.splitlines()
    loader.dispose()
    if not isinstance(data, dict):
        walker.problems.append(Problem(name, 1, message("yaml.not_mapping", lang)))
        data = None
    return YamlFile(name, data, walker.index, walker.problems)


class _Walker:
    """Build plain Python data from composed nodes, recording locations as it goes."""

    def __init__(self, loader: yaml.SafeLoader, name: str, lang: str) -> None:
        self.loader = loader
        self.name = name
        self.lang = lang
        self.index = LineIndex()
        self.problems: list[Problem] = []

    def value(self, node: Node, path: PathKey) -> Any:
        if isinstance(node, MappingNode | SequenceNode) and node.tag not in (MAP_TAG, SEQ_TAG):
            self.problems.append(Problem(self.name, node.start_mark.line + 1,
                                         message("yaml.tag", self.lang, tag=node.tag)))
        if isinstance(node, MappingNode):
            return self.mapping(node, path)
        if isinstance(node, SequenceNode):
            items = []
            for i, item in enumerate(node.value):
                self.record((*path, i), item, item)
                items.append(self.value(item, (*path, i)))
            return items
        return self.scalar(node)

    def mapping(self, node: MappingNode, path: PathKey) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, ScalarNode):
                text = message("yaml.complex_key", self.lang)
                self.problems.append(Problem(self.name, line, text))
                continue
            key = key_node.value  # the key exactly as typed: keys are names, never numbers
            if key in first_line:
                self.problems.append(Problem(self.name, line, message(
                    "yaml.duplicate_key", self.lang, key=key, first=first_line[key])))
                continue
            first_line[key] = line
            self.record((*path, key), key_node, value_node)
            result[key] = self.value(value_node, (*path, key))
        return result

    def scalar(self, node: ScalarNode) -> Any:
        if node.tag == FLOAT_TAG:  # 40.00 stays 40.00: amounts and rates are exact decimals
            try:
                return Decimal(node.value.replace("_", ""))
            except InvalidOperation:
                pass  # .inf, .nan: left to YAML, then refused by the model
        try:
            return self.loader.construct_object(node, deep=True)
        except ValueError:  # e.g. 2026-02-30: a date-looking value that is no date
            return node.value
        except yaml.constructor.ConstructorError:
            self.problems.append(Problem(self.name, node.start_mark.line + 1,
                                         message("yaml.tag", self.lang, tag=node.tag)))
            return node.value

    def record(self, path: PathKey, key_node: Node, value_node: Node) -> None:
        raw = value_node.value if isinstance(value_node, ScalarNode) else None
        style = value_node.style if isinstance(value_node, ScalarNode) else None
        self.index.locations[path] = Location(
            self.name, key_node.start_mark.line + 1, value_node.start_mark.line + 1, raw, style)


# PyYAML's wording of the usual mistakes, and what they mean for someone editing by hand.
_SYNTAX_HINTS = (
    ("mapping values are not allowed", "yaml.hint.colon"),
    ("could not find expected ':'", "yaml.hint.missing_colon"),
    ("that cannot start any token", "yaml.hint.tab"),
    ("expected <block end>", "yaml.hint.indent"),
    ("did not find expected key", "yaml.hint.indent"),
    ("did not find expected '-' indicator", "yaml.hint.dash"),
    ("found unexpected end of stream", "yaml.hint.quote"),
    ("found unknown escape character", "yaml.hint.escape"),
    ("found undefined alias", "yaml.hint.alias"),
    ("expected a single document", "yaml.hint.documents"),
    ("did not find expected node content", "yaml.hint.content"),
    ("expected ',' or ']'", "yaml.hint.flow"),
    ("expected ',' or '}'", "yaml.hint.flow"),
)


def _syntax_problem(exc: yaml.MarkedYAMLError, name: str, lang: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else None
    text = f"{exc.context or ''} {exc.problem or ''}"
    hint = next((key for needle, key in _SYNTAX_HINTS if needle in text), None)
    explanation = message(hint, lang) if hint else (exc.problem or str(exc)).strip()
    context = exc.context_mark
    opened = any(word in (exc.context or "") for word in ("flow", "quoted scalar"))
    if opened and context is not None and mark is not None and context.line != mark.line:
        explanation += message("yaml.opened", lang, line=context.line + 1)
    return Problem(name, line, message("yaml.syntax", lang, explanation=explanation), column=column)

