"""What the PDF and screenshot commands share: the pages of a built site, and a page that is
ready to be captured (Mermaid diagrams drawn, fonts loaded).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

# Material replaces each ``<pre class="mermaid">`` by the drawn diagram: none left means drawn.
DIAGRAMS_DRAWN = "() => document.querySelectorAll('pre.mermaid').length === 0"
DIAGRAM_TIMEOUT_MS = 60_000
SKIPPED = ("assets/", "404.html")


def site_pages(site: Path) -> list[str]:
    """URL paths of the handbook pages of a built site (``/``, ``/terms/``…), no 404 page, no
    assets, and no pages of another language's sub-site (``en/``) unless ``site`` is that one."""
    pages = []
    languages = {child.name for child in site.iterdir() if (child / "sitemap.xml").exists()}
    for html in sorted(site.rglob("index.html")):
        relative = html.relative_to(site).as_posix()
        if relative.startswith(SKIPPED) or relative.split("/", 1)[0] in languages:
            continue
        pages.append("/" + relative.removesuffix("index.html"))
    return pages


def wait_until_drawn(page: Any) -> None:
    """Wait for the page's diagrams and fonts, so that what is captured is what a reader sees."""
    page.wait_for_load_state("networkidle")
    page.wait_for_function(DIAGRAMS_DRAWN, timeout=DIAGRAM_TIMEOUT_MS)
    page.evaluate("() => document.fonts.ready")
