"""Screenshots of every page of the built handbook, desktop and phone (``make screenshots``).

    python -m tools.screenshots [--site site] [--out screenshots]

Serves the built site on localhost and captures each page whole (full height) in Debian's
Chromium at 1280 px (desktop) and 390 px (phone) wide, after its diagrams are drawn:
``OUT/desktop/<page>.png`` and ``OUT/phone/<page>.png``. Look at them before a release.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

from tools.chromium import launch_chromium
from tools.serve import serve
from tools.site_pages import site_pages, wait_until_drawn

SCREENSHOT_TIMEOUT_MS = 180_000  # the print page is very tall on a phone
VIEWPORTS = {
    "desktop": {"width": 1280, "height": 900},
    "phone": {"width": 390, "height": 844},
}


def file_name(path: str) -> str:
    """``/credit-limits/`` → ``credit-limits.png``; ``/`` → ``home.png``."""
    return (path.strip("/").replace("/", "--") or "home") + ".png"


def take_screenshots(site: Path, out: Path, pages: list[str] | None = None) -> list[Path]:
    """Capture ``pages`` (default: every page) at each width; returns the files written."""
    pages = pages or site_pages(site)
    written = []
    with serve(site) as url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            for kind, viewport in VIEWPORTS.items():
                context = browser.new_context(
                    viewport=viewport,
                    device_scale_factor=1,
                    is_mobile=kind == "phone",
                    has_touch=kind == "phone",
                )
                page = context.new_page()
                (out / kind).mkdir(parents=True, exist_ok=True)
                for path in pages:
                    page.goto(url + path)
                    wait_until_drawn(page)
                    target = out / kind / file_name(path)
                    page.screenshot(path=str(target), full_page=True, timeout=SCREENSHOT_TIMEOUT_MS)
                    written.append(target)
                context.close()
        finally:
            browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.screenshots",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, default=Path("site"), help="the built site (site/)")
    parser.add_argument("--out", type=Path, default=Path("screenshots"),
                        help="folder for the PNG files (default: screenshots/)")
    parser.add_argument("pages", nargs="*", help="pages to capture (default: every page)")
    args = parser.parse_args(argv)
    written = take_screenshots(args.site.resolve(), args.out, args.pages or None)
    print(f"{len(written)} screenshots in {args.out}/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
