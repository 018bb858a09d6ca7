"""Load `policy/*.yaml` into a typed `Policy`, reporting every problem of every file in one run.

1. Each file is parsed on its own (a syntax error in one does not hide the others).
2. Their top-level keys (chapters) are merged; a chapter defined twice, or unknown, is an error.
3. Each chapter is validated on its own against its model, so type errors in one chapter do
   not hide those in another; messages point at the file and line of the value.
4. The checks that read only valid chapters run (references, order, consistency, law, texts).
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import TypeAdapter, ValidationError

from calculators.languages import DEFAULT_LANGUAGE, LANGUAGES

from .checks import Context, run_checks
from .checks.rates import RATES_MISSING
from .errors import translate, unknown_key
from .messages import message
from .model import Policy, chapter_file
from .model.common import Text, declared_in
from .paths import display_path, walk
from .problems import Findings, PolicyInvalid, Problem, Severity
from .source import LineIndex, PathKey, YamlFile, load_yaml


@dataclass
class LoadedPolicy:
    """A valid policy, its warnings, and the files it was read from."""

    policy: Policy
    warnings: list[Problem]
    files: list[Path]
    index: LineIndex = field(repr=False, default_factory=LineIndex)
    data: dict[str, Any] = field(repr=False, default_factory=dict)
    rate_warnings: list[Problem] = field(default_factory=list)
    """Half-years of today or of the effective date whose reference rate is missing."""

    def missing_translations(self, lang: str) -> list[Problem]:
        """A warning, with its file and line, for each free text that has no `lang` version
        (:func:`untranslated`)."""
        problems = []
        for path in untranslated(self.policy, lang):
            location = self.index.nearest(path)
            problems.append(Problem(
                location.file if location else chapter_file(str(path[0])),
                location.value_line if location else None,
                message("check.translation_missing", lang,
                        path=display_path(path, self.data), lang=lang),
                Severity.WARNING))
        return problems


def untranslated(policy: Policy, lang: str) -> list[PathKey]:
    """The path of every free text of `policy` that has no `lang` version, in policy order: the
    texts shown in French on a `lang` page (none for French or an unknown language)."""
    if lang not in LANGUAGES or lang == DEFAULT_LANGUAGE:
        return []
    return [path for path, value, _ in walk(policy) if isinstance(value, Text)
            and not value.has(lang)]


@dataclass
class Validation(Findings):
    """Everything one validation run found; `policy` is None when there are errors."""

    problems: list[Problem]
    files: list[Path]
    policy: Policy | None = None
    index: LineIndex = field(default_factory=LineIndex)
    data: dict[str, Any] = field(default_factory=dict)
    chapters: dict[str, Any] = field(repr=False, default_factory=dict)
    """The chapters that validated, even when others did not."""

    def text_counts(self) -> dict[str, int]:
        """How many free texts each language has (`"total"`: how many texts), over the chapters
        that validated."""
        return text_counts(self.chapters)


def load_policy(policy_dir: Path, lang: str = "fr", today: dt.date | None = None
                ) -> LoadedPolicy:
    """Load and validate the policy in `policy_dir`; raise `PolicyInvalid` on any error.

    `lang` is the language of the messages (fr or en). Warnings do not stop loading: they are
    returned in `LoadedPolicy.warnings` (and with the errors in `PolicyInvalid.problems`), except
    the missing current rates, which the handbook shows on its pages (`rate_warnings`): a
    strict build stops on a warning, and a rate not yet published must not stop the handbook.
    """
    result = validate_policy(policy_dir, lang, today)
    if result.errors or result.policy is None:
        raise PolicyInvalid(result.problems)
    warnings = [p for p in result.warnings if p.code != RATES_MISSING]
    loaded = LoadedPolicy(result.policy, warnings, result.files, result.index, result.data)
    loaded.rate_warnings = [p for p in result.warnings if p.code == RATES_MISSING]
    return loaded


def validate_policy(policy_dir: Path, lang: str = "fr", today: dt.date | None = None
                    ) -> Validation:
    """Run every stage and return all problems, sorted by file and line; never raises.

    `today` is the date the current-rates check takes as today (the real date by default).

    Files are named relative to the folder holding the policy (`policy/terms.yaml`), wherever
    that folder is, so messages read the same in a checkout, in CI and in a build.
    """
    if not policy_dir.is_dir():
        return Validation([Problem(policy_dir.as_posix(), None, message("load.no_dir", lang))],
                          [])
    base = policy_dir.resolve().name
    files = sorted(policy_dir.glob("*.yaml"))
    problems = [Problem(f"{base}/{p.name}", None, message("load.yml_ignored", lang),
                        Severity.WARNING) for p in sorted(policy_dir.glob("*.yml"))]
    if not files:
        return Validation([Problem(base, None, message("load.no_files", lang))], [])

    data, index, unreadable, misspelt = _merge(files, base, problems, lang)
    declared = declared_in(data)
    valid: dict[str, Any] = {}
    for chapter, info in Policy.model_fields.items():
        if chapter in data:
            try:
                valid[chapter] = _adapter(chapter).validate_python(
                    data[chapter], context={"languages": declared})
            except ValidationError as exc:
                file = f"{base}/{chapter_file(chapter)}"
                problems += translate(exc, (chapter,), info.annotation, data, index, file, lang)
        elif not info.is_required():
            valid[chapter] = info.get_default(call_default_factory=True)
        elif chapter_file(chapter) not in unreadable and chapter not in misspelt:
            expected = f"{base}/{chapter_file(chapter)}"
            exists = (policy_dir / chapter_file(chapter)).exists()
            problems.append(Problem(expected, 1 if exists else None, message(
                "load.chapter_missing", lang, chapter=chapter, file=expected)))

    complete = len(valid) == len(Policy.model_fields)
    policy = Policy.model_validate(valid) if complete else Policy.model_construct(**valid)
    context = Context(policy, frozenset(valid), data, index, base, lang,
                      today=today or dt.date.today(),
                      stopped=any(p.is_error for p in problems))
    problems += run_checks(context)
    problems.sort(key=Problem.sort_key)
    ok = complete and not any(p.is_error for p in problems)
    return Validation(problems, files, policy if ok else None, index, data, valid)


def text_counts(chapters: dict[str, Any]) -> dict[str, int]:
    """How many free texts of the (valid) `chapters` exist in each language, and in all
    (`"total"`)."""
    texts = [value for _, value, _ in walk(list(chapters.values())) if isinstance(value, Text)]
    counts = {lang: sum(1 for text in texts if text.has(lang)) for lang in LANGUAGES}
    return {**counts, "total": len(texts)}


def _merge(files: list[Path], base: str, problems: list[Problem], lang: str
           ) -> tuple[dict[str, Any], LineIndex, set[str], set[str]]:
    """Parse each file and gather their chapters into one mapping and one line index.

    Also returns the files that could not be read and the chapters an unknown top-level key
    looks like a misspelling of (their absence is already explained).
    """
    data: dict[str, Any] = {}
    index = LineIndex()
    unreadable: set[str] = set()
    misspelt: set[str] = set()
    chapters = list(Policy.model_fields)
    found: dict[str, list[tuple[Path, YamlFile]]] = {}
    for path in files:
        parsed = load_yaml(path, lang, f"{base}/{path.name}")
        problems += parsed.problems
        if parsed.data is None:
            unreadable.add(path.name)
            continue
        for chapter in parsed.data:
            if chapter in chapters:
                found.setdefault(chapter, []).append((path, parsed))
            else:
                line = parsed.index.get((chapter,))
                problems.append(Problem(parsed.file, line.line if line else 1,
                                        unknown_key(chapter, chapters, lang)))
                misspelt.update(difflib.get_close_matches(chapter, chapters, n=1, cutoff=0.6))
    for chapter, places in found.items():
        # The chapter's own file wins (terms.yaml for `terms`), then the first file found.
        places.sort(key=lambda place: place[0].name != chapter_file(chapter))
        (_, kept), *others = places
        data[chapter] = kept.data[chapter]
        index.locations.update(
            (key, loc) for key, loc in kept.index.locations.items() if key[0] == chapter)
        index.sources.update(kept.index.sources)
        first = kept.index.get((chapter,))
        for _, other in others:
            again = other.index.get((chapter,))
            problems.append(Problem(other.file, again.line if again else 1, message(
                "load.chapter_twice", lang, chapter=chapter,
                first=f"{first.file}:{first.line}" if first else kept.file)))
    return data, index, unreadable, misspelt


@cache
def _adapter(chapter: str) -> TypeAdapter[Any]:
    """A validator for one chapter, with the field's own constraints (e.g. at least one role)."""
    info = Policy.model_fields[chapter]
    annotation: Any = info.annotation
    if info.metadata:
        annotation = Annotated[(annotation, *info.metadata)]
    return TypeAdapter(annotation)
