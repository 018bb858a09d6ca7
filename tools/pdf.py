"""Print a page of the built handbook to PDF with headless Chromium (``make pdf``).

    python -m tools.pdf [--site site] [--page /print/] [--out site/procedure.pdf]

Serves the built site on localhost, opens the page in Debian's Chromium, waits until its
diagrams are drawn, and prints it on A4 with the handbook's print stylesheet, a footer giving
the procedure's version and the page number. ``--page /quick-reference/ --out
site/fiche-reflexe.pdf`` prints the one-page quick reference card.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

from tools.chromium import launch_chromium
from tools.serve import serve
from tools.site_pages import wait_until_drawn

FOOTER = """
<div style="width:100%;font-size:7pt;color:#555;padding:0 13mm;display:flex;
            justify-content:space-between;font-family:sans-serif">
  <span>{stamp}</span>
  <span><span class="pageNumber"></span> / <span class="totalPages"></span></span>
</div>
"""


def print_pdf(site: Path, page_path: str, out: Path) -> int:
    """Serve the site in ``site`` and print its page ``page_path`` to ``out``; returns the number
    of pages of the PDF."""
    if not (site / page_path.strip("/") / "index.html").exists():
        raise FileNotFoundError(f"{site}{page_path} does not exist: build the handbook first")
    with serve(site) as url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            return print_with(browser, url + page_path, out)
        finally:
            browser.close()


def print_with(browser: Any, url: str, out: Path) -> int:
    """Print the page at ``url`` to ``out`` with an open Chromium ``browser``: A4, the print
    stylesheet, a footer with the version stamp and the page number. Returns the page count."""
    out.parent.mkdir(parents=True, exist_ok=True)
    page = browser.new_page()
    try:
        page.goto(url)
        wait_until_drawn(page)
        page.emulate_media(media="print")
        stamp = page.locator("[data-encours-stamp]").first.text_content() or ""
        page.pdf(
            path=str(out),
            format="A4",
            print_background=True,
            prefer_css_page_size=True,
            display_header_footer=True,
            header_template="<span></span>",
            footer_template=FOOTER.format(stamp=_escape(stamp.strip())),
        )
    finally:
        page.close()
    return count_pages(out)


def count_pages(pdf: Path) -> int:
    """Pages of a PDF written by Chromium (one ``/Type /Page`` object per page)."""
    data = pdf.read_bytes()
    return data.count(b"/Type /Page") - data.count(b"/Type /Pages")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.pdf", description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, default=Path("site"), help="the built site (site/)")
    parser.add_argument("--page", default="/print/", help="page to print (default /print/)")
    parser.add_argument("--out", type=Path, help="PDF to write (default SITE/procedure.pdf)")
    args = parser.parse_args(argv)
    out = args.out or args.site / "procedure.pdf"
    try:
        pages = print_pdf(args.site.resolve(), "/" + args.page.strip("/") + "/", out)
    except FileNotFoundError as missing:
        print(missing, file=sys.stderr)
        return 1
    print(f"{out}: {pages} pages")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
