"""Read policy YAML files keeping the line of every key and value, and rejecting duplicate keys.

PyYAML silently keeps the last of two identical keys and forgets where anything came from. Here
the file is composed into nodes with PyYAML's `SafeLoader` (so only plain YAML types are ever
built: no Python objects), then walked by hand: every key and list item gets a `Location`, keys
are taken exactly as typed (so `no:` is the key "no", not False), numbers with a decimal point
become `Decimal` exactly as typed (`40.00`, never the float 40.0), and a key seen twice in one
mapping is reported with both lines.

Hostile input is refused, never followed, and never hangs or exhausts memory. The limits:

- Only regular files are read, and only when their real path (links resolved) is inside the
  policy folder: a link to a file elsewhere, a directory, a FIFO or a device is reported, never
  opened (checked with `os.stat` before opening, and again on the open file).
- At most `MAX_FILE_BYTES` (2 MB) per file, checked before reading; the example's largest file
  is about 9 KB.
- At most `MAX_DEPTH` (50) nested lists and sections, checked on the parser's event stream (the
  example nests 6 deep), so nothing downstream recurses deeper.
- At most `MAX_VALUES` (50,000) values per file (keys, texts, numbers, lists, sections; the
  example's largest file has a few hundred): reading costs time and memory per value, and 2 MB of
  one-character items would be a million of them.
- No anchors (`&name`) or aliases (`*name`): each line using one is reported ("repeat the value
  instead"). Refused rather than expanded under a budget, because an alias makes one value
  appear at several places with the line of another (messages would point at the wrong line),
  and a policy edited by hand gains little from them; a budget would also make a 540-byte file
  cost as much as the budget allows.
- Every failure to read or parse (bad UTF-8, with the line of the bad byte; a NUL or other
  character YAML forbids; bad syntax) is a `FILE:LINE` problem, never an exception.

Files are parsed with libyaml (PyYAML's `CSafeLoader`) when it is available, four to five times
faster (the nodes are still built in Python); when libyaml finds an error, the file is parsed
again with the pure-Python parser, so the messages and their positions are the same with or
without libyaml.
"""

from __future__ import annotations

import os
import stat
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
NULL_TAG = "tag:yaml.org,2002:null"

MAX_FILE_BYTES = 2_000_000
"""The largest policy file read, in bytes (checked before reading)."""
MAX_DEPTH = 50
"""The deepest nesting of lists and sections accepted."""
MAX_VALUES = 50_000
"""The most values (keys, texts, numbers, lists and sections) read from one file."""

_FAST_LOADER = getattr(yaml, "CSafeLoader", None)
"""libyaml's loader, when PyYAML was built with it."""

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

    The file must be a regular file inside its folder (`path.parent`), of at most
    `MAX_FILE_BYTES`. Never raises on bad input: problems are returned instead.
    """
    name = name or path.as_posix()
    try:
        data = _read(path, lang)
    except _Refused as refused:
        return _unreadable(name, 1, str(refused))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:  # what precedes the first bad byte is good UTF-8
        line, column = _line_and_column(data[:exc.start].decode("utf-8"))
        return _unreadable(name, line, message("yaml.encoding", lang, position=exc.start), column)
    return parse_yaml(text, name, lang)


class _Refused(Exception):
    """A file that is not read, and the message saying why."""


def _read(path: Path, lang: str) -> bytes:
    """The bytes of a regular file inside `path.parent` of at most `MAX_FILE_BYTES`.

    Everything is decided on the path before opening (opening a FIFO waits for a writer, a
    device never ends), then checked again on the open file, in case it changed in between.
    """
    try:
        real = path.resolve()
        if not real.is_relative_to(path.parent.resolve()):
            raise _Refused(message("yaml.outside", lang, target=real.as_posix()))
        link = real if path.is_symlink() else None
        status = os.stat(real)
        _check_kind(status.st_mode, link, lang)
        _check_size(status.st_size, lang)
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
        with os.fdopen(os.open(real, flags), "rb") as file:
            status = os.fstat(file.fileno())
            _check_kind(status.st_mode, link, lang)
            _check_size(status.st_size, lang)
            data = file.read(MAX_FILE_BYTES + 1)
    except (OSError, RuntimeError) as exc:  # RuntimeError: a loop of links (Python < 3.13)
        reason = getattr(exc, "strerror", None) or str(exc)
        raise _Refused(message("yaml.unreadable", lang, reason=reason)) from exc
    _check_size(len(data), lang)
    return data


_KINDS = ((stat.S_ISDIR, "yaml.kind.directory"), (stat.S_ISFIFO, "yaml.kind.fifo"),
          (stat.S_ISCHR, "yaml.kind.device"), (stat.S_ISBLK, "yaml.kind.device"))


def _check_kind(mode: int, link_target: Path | None, lang: str) -> None:
    """Refuse anything but a regular file, saying what it is (and where a link leads)."""
    if stat.S_ISREG(mode):
        return
    kind = message(next((key for test, key in _KINDS if test(mode)), "yaml.kind.other"), lang)
    if link_target is not None:
        kind += f" {link_target.as_posix()}"
    raise _Refused(message("yaml.not_regular", lang, kind=kind))


def _check_size(size: int, lang: str) -> None:
    if size > MAX_FILE_BYTES:
        megabytes = (Decimal(size) / 1_000_000).quantize(Decimal("0.1"))
        raise _Refused(message("yaml.too_large", lang, size=megabytes,
                               limit=Decimal(MAX_FILE_BYTES) / 1_000_000))


def _line_and_column(before: str) -> tuple[int, int]:
    """The 1-based line and column of the character that follows `before`."""
    return before.count("\n") + 1, len(before) - before.rfind("\n")


def _unreadable(name: str, line: int, text: str, column: int | None = None) -> YamlFile:
    return YamlFile(name, None, LineIndex(), [Problem(name, line, text, column=column)])


def parse_yaml(text: str, name: str, lang: str = "fr") -> YamlFile:
    """Parse YAML text read from the file `name` (used in locations and messages).

    With libyaml for speed when PyYAML has it; on an error, again with the pure-Python parser,
    whose messages and positions are the ones users see (and the tests check).
    """
    if _FAST_LOADER is not None:
        try:
            return _parse(_FAST_LOADER(text), text, name, lang)
        except yaml.YAMLError:
            pass
    try:
        return _parse(yaml.SafeLoader(text), text, name, lang)
    except yaml.reader.ReaderError as exc:  # a character YAML forbids, e.g. a NUL byte
        line, column = _line_and_column(text[:exc.position])
        character = f"U+{exc.character:04X}" if isinstance(exc.character, int) else exc.character
        return _unreadable(name, line, message("yaml.character", lang, character=character),
                           column)
    except yaml.MarkedYAMLError as exc:
        return YamlFile(name, None, LineIndex(), [_syntax_problem(exc, name, lang)])
    except yaml.YAMLError as exc:  # errors without a position (e.g. an unreadable stream)
        return _unreadable(name, 1, str(exc))


def _parse(loader: yaml.SafeLoader, text: str, name: str, lang: str) -> YamlFile:
    """Compose `loader`'s document, then build the data; raises YAMLError on bad syntax."""
    try:
        node, problems = _compose(loader, name, lang)
    finally:
        loader.dispose()
    if problems:
        return YamlFile(name, None, LineIndex(), problems)
    walker = _Walker(loader, name, lang)
    data = {} if node is None else walker.value(node, ())
    walker.index.sources[name] = text.splitlines()
    if not isinstance(data, dict):
        walker.problems.append(Problem(name, 1, message("yaml.not_mapping", lang)))
        data = None
    return YamlFile(name, data, walker.index, walker.problems)


def _compose(loader: yaml.SafeLoader, name: str, lang: str) -> tuple[Node | None, list[Problem]]:
    """PyYAML's composer without its recursion: the document's nodes, built from the parser's
    events with a stack, refusing anchors, aliases, nesting deeper than `MAX_DEPTH` and more
    than `MAX_VALUES` values.

    Returns the root node (None for an empty file) and the problems; on a problem the node is
    not used. Nesting too deep or too many values stops at once (one problem); every anchor or
    alias is reported once per line (unless a syntax error further on stops the parser: it is
    then reported alone).
    """
    loader.get_event()  # stream start
    if loader.check_event(yaml.StreamEndEvent):
        return None, []
    loader.get_event()  # document start
    problems: list[Problem] = []
    lines_with_anchors: set[int] = set()
    stack: list[SequenceNode | MappingNode] = []
    keys: list[Node | None] = []  # per open mapping: its key waiting for a value
    root: Node | None = None
    values = 0
    while root is None:
        event = loader.get_event()
        node: Node
        if isinstance(event, yaml.CollectionEndEvent):
            node = stack.pop()
            keys.pop()
            node.end_mark = event.end_mark
        else:
            line = event.start_mark.line + 1
            values += 1
            if values > MAX_VALUES:
                return None, [Problem(name, line, message(
                    "yaml.too_many_values", lang, limit=Decimal(MAX_VALUES)))]
            if event.anchor is not None and line not in lines_with_anchors:
                lines_with_anchors.add(line)
                problems.append(Problem(name, line, message("yaml.anchor", lang)))
            if isinstance(event, yaml.AliasEvent):
                node = ScalarNode(NULL_TAG, "", event.start_mark, event.end_mark)
            elif isinstance(event, yaml.ScalarEvent):
                node = ScalarNode(_tag(loader, ScalarNode, event.tag, event.value, event.implicit),
                                  event.value, event.start_mark, event.end_mark,
                                  style=event.style or None)  # libyaml's plain style is ""
            else:
                if len(stack) == MAX_DEPTH:
                    return None, [Problem(name, line, message("yaml.too_deep", lang,
                                                              limit=MAX_DEPTH))]
                kind = SequenceNode if isinstance(event, yaml.SequenceStartEvent) else MappingNode
                stack.append(kind(_tag(loader, kind, event.tag, None, event.implicit), [],
                                  event.start_mark, None, flow_style=event.flow_style))
                keys.append(None)
                continue
        if not stack:
            root = node
        elif isinstance(stack[-1], SequenceNode):
            stack[-1].value.append(node)
        elif keys[-1] is None:
            keys[-1] = node
        else:
            stack[-1].value.append((keys[-1], node))
            keys[-1] = None
    loader.get_event()  # document end
    if not loader.check_event(yaml.StreamEndEvent):
        event = loader.get_event()
        raise yaml.composer.ComposerError("expected a single document in the stream",
                                          root.start_mark, "but found another document",
                                          event.start_mark)
    return root, problems


def _tag(loader: yaml.SafeLoader, kind: type[Node], tag: str | None, value: str | None,
         implicit: Any) -> str:
    """The node's tag: as written, or resolved from the value as PyYAML's composer does."""
    if tag is None or tag == "!":
        return loader.resolve(kind, value, implicit)
    return tag


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

