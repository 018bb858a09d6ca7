"""The "print the whole procedure" page: every chapter in order, in one page, with a table of
contents, for the browser's print dialog or ``page.pdf()``.

Each chapter's Markdown (rendered for print: no quiz, no tabs) is put under the page's own
title: its headings go one level down, its front matter goes, its title gets the chapter's
anchor, and links to a chapter included here become links inside the page (anchors are unique
across the handbook, see ``encours.render.links``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from encours.render.links import chapter_anchor

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^(#{1,5}) ")
_ATTRS = re.compile(r"\{[^}]*#[\w-]+[^}]*\}\s*$")
_LINK_TARGET = re.compile(r"\]\((?P<page>[\w-]+\.md)(?P<anchor>#[\w-]+)?(?=[\s)])")

# The page repeats every chapter: in the search index, each hit would come twice (once from its
# chapter, once from here) and the index, which the theme builds in the reader's browser on every
# page, would be a third larger (Material's search plugin leaves out a page whose front matter
# says so).
SEARCH_EXCLUDED = "---\nsearch:\n  exclude: true\n---\n"


@dataclass(frozen=True)
class PrintedChapter:
    page: str
    title: str
    markdown: str


def strip_front_matter(markdown: str) -> str:
    if markdown.startswith("---\n"):
        end = markdown.find("\n---\n", 4)
        if end != -1:
            return markdown[end + 5:]
    return markdown


def demote(markdown: str, page: str) -> str:
    """Headings one level down (``#`` → ``##``); the first gets the chapter's anchor."""
    lines = markdown.split("\n")
    in_fence = False
    titled = False
    for number, line in enumerate(lines):
        if _FENCE.match(line):
            in_fence = not in_fence
        if in_fence or not _HEADING.match(line):
            continue
        if not titled and line.startswith("# "):
            titled = True
            if not _ATTRS.search(line):
                line += f" {{ #{chapter_anchor(page)} }}"
        lines[number] = "#" + line
    return "\n".join(lines)


def local_links(markdown: str, pages: set[str]) -> str:
    """``](terms.md#terms-penalties)`` → ``](#terms-penalties)`` for chapters on the page."""

    def replace(match: re.Match[str]) -> str:
        page, anchor = match.group("page"), match.group("anchor")
        if page not in pages:
            return match.group(0)
        return "](" + (anchor or f"#{chapter_anchor(page)}")

    return _LINK_TARGET.sub(replace, markdown)


def print_page(title: str, intro: str, contents_title: str,
               chapters: list[PrintedChapter]) -> str:
    """The print page's Markdown: title, introduction, table of contents, then every chapter
    (left out of search: :data:`SEARCH_EXCLUDED`)."""
    pages = {chapter.page for chapter in chapters}
    contents = "\n".join(
        f"{number}. [{chapter.title}](#{chapter_anchor(chapter.page)})"
        for number, chapter in enumerate(chapters, start=1)
    )
    parts = [
        SEARCH_EXCLUDED,
        f"# {title} {{ #print-top }}\n",
        intro + "\n",
        f"## {contents_title} {{ #print-contents }}\n\n{contents}\n",
    ]
    for chapter in chapters:
        body = local_links(demote(strip_front_matter(chapter.markdown), chapter.page), pages)
        parts.append(body.strip() + "\n")
    return "\n".join(parts)
