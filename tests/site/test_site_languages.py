"""The whole handbook in each language: no French policy text on the English site, no English
one on the French site, and a missing translation stops the build with its file and line."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from encours.policy import PlaceholderError, Text, load_policy
from encours.policy.paths import walk
from encours.render.policy_text import PolicyText
from tests.support.harness import ROOT, build, mini_project

MIN_WORDS = 6
"""A fragment of policy text this long is a sentence of it, not a shared word or a name."""


class _PageText(HTMLParser):
    """The text a reader of the page reads in its language: without scripts and styles, and
    without what the page marks as another language (`lang="fr"` on the English glossary's "in
    French" line)."""

    def __init__(self, lang: str) -> None:
        super().__init__(convert_charrefs=True)
        self.lang, self.parts, self.stack = lang, [], []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "img", "input", "meta", "link", "hr", "wbr", "source"):
            return
        other = dict(attrs).get("lang") not in (None, self.lang)
        self.stack.append(tag in ("script", "style") or other)

    def handle_endtag(self, tag: str) -> None:
        if self.stack and tag not in ("br", "img", "input", "meta", "link", "hr", "wbr"):
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not any(self.stack):
            self.parts.append(data)


def normalized(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")
    return " ".join(text.split())


def page_text(path: Path, lang: str) -> str:
    parser = _PageText(lang)
    parser.feed(path.read_text(encoding="utf-8"))
    return normalized(" ".join(parser.parts))


def shown(policy, value: Text, lang: str) -> str:
    """The text as a `lang` page writes it; a letter's own fields (`[[invoice.number]]`) cut
    the text into pieces, since the page fills them with an example."""
    try:
        return PolicyText(policy, lang)(value)
    except PlaceholderError:
        return re.sub(r"\[\[[^\]]*\]\]", "\n", value.get(lang))


def sentences(text: str) -> list[str]:
    """The fragments of a text a page would show whole: split at sentence and clause ends, list
    items and dashes, Markdown marks taken out; only those of `MIN_WORDS` words or more."""
    text = re.sub(r"[*_`#>|]", " ", text)
    parts = re.split(r"(?<=[.;:!?»\"”])\s+|\n|\s[—–-]\s", text)
    found = [normalized(part.strip(" -•«»\"“”()")) for part in parts]
    return [part for part in found if len(part.split()) >= MIN_WORDS]


def leaks(site: Path, lang: str) -> list[str]:
    """Each sentence of a policy text in the other language found on a `lang` page."""
    other = "fr" if lang == "en" else "en"
    policy = load_policy(ROOT / "policy").policy
    pages = {}
    for path in sorted(site.rglob("*.html")):
        parts = path.relative_to(site).parts
        if parts[0] == "assets" or (parts[0] == "en") != (lang == "en"):
            continue
        pages[path.relative_to(site).as_posix()] = page_text(path, lang)
    assert len(pages) > 15
    found = []
    for path, value, _ in walk(policy):
        if not isinstance(value, Text):
            continue
        own = normalized(shown(policy, value, lang))
        for sentence in sentences(shown(policy, value, other)):
            if sentence in own:  # the same words in both (a law's name, a quoted mention)
                continue
            where = [page for page, text in pages.items() if sentence in text]
            if where:
                dotted = ".".join(map(str, path))
                found.append(f"{dotted}: {sentence!r} on {', '.join(where[:3])}")
    return found


def test_no_french_policy_text_on_the_english_site(built_site: Path) -> None:
    assert leaks(built_site, "en") == []


def test_no_english_policy_text_on_the_french_site(built_site: Path) -> None:
    assert leaks(built_site, "fr") == []


def test_the_walk_finds_a_sentence_left_in_french(built_site: Path, tmp_path: Path) -> None:
    """The check can fail: an English page that shows a French sentence of the policy is
    caught (here the French purpose copied into the English home page)."""
    site = tmp_path / "site"
    (site / "en").mkdir(parents=True)
    for page in ("index.html", "terms/index.html", "recovery/index.html"):
        for copy in range(6):
            target = site / "en" / str(copy) / page
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text((built_site / "en" / page).read_text(encoding="utf-8"),
                              encoding="utf-8")
    home = site / "en" / "0" / "index.html"
    policy = load_policy(ROOT / "policy").policy
    french = PolicyText(policy, "fr")(policy.document.purpose)
    home.write_text(home.read_text(encoding="utf-8").replace(
        "</article>", f"<p>{french}</p></article>"), encoding="utf-8")
    found = leaks(site, "en")
    assert found and all(line.startswith("document.purpose: ") for line in found), found


@pytest.mark.parametrize("languages", [("en",)], ids=["en"])
def test_a_missing_english_text_stops_the_english_build(tmp_path: Path,
                                                        languages: tuple[str, ...]) -> None:
    project = mini_project(tmp_path / "project", languages=languages)
    glossary = project / "policy" / "glossary.yaml"
    text = glossary.read_text(encoding="utf-8")
    removed = "      en: Amount whose due date has passed without payment.\n"
    assert text.count(removed) == 1
    glossary.write_text(text.replace(removed, ""), encoding="utf-8")
    line = text[: text.index("fr: Montant dont la date d'échéance est passée")].count("\n") + 1
    done = build(tmp_path / "site", root=project, languages=languages)
    assert done.returncode != 0, done.output
    assert f"policy/glossary.yaml:{line}: glossary.overdue.definition: " in done.output, \
        done.output
    assert not (tmp_path / "site").exists()
