"""How long the handbook takes to build, against a plain MkDocs site of as many hand-written pages.

In one run, interleaved so that drift on the machine hits every row, the median of ``--runs``
(at least 5) ``mkdocs build`` runs of:

- the handbook (French): the policy is loaded and validated, every chapter rendered from its
  template, the glossary linked, the print page assembled, then MkDocs builds the site;
- a baseline: a throwaway MkDocs project in a temporary folder with the same theme, the same
  Markdown extensions and the same number of pages, written by hand (no hook), each page of the
  same size as the handbook's average page.

Both build into temporary folders; nothing is asserted: see the table. The difference is what
generating the pages from the policy costs; the last row times that generation alone
(``build_handbook``: load and validate the policy, render every page, list the assets), in
process, so the rest of the difference is MkDocs handling the shipped assets and diagrams.

Run: ``.venv/bin/python -m bench.handbook_build [--runs N]`` (or ``make bench``).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from encours import build_handbook

ROOT = Path(__file__).resolve().parents[1]

PARAGRAPH = (
    "Cette procédure fixe les règles communes aux équipes commerciales, à l'administration des "
    "ventes, à la comptabilité et à la direction financière pour vendre plus, à des clients qui "
    "paient, aux conditions convenues.\n\n"
)


def top_level_block(config: str, key: str) -> str:
    """The ``key:`` block of a YAML text, as written (its line and the indented ones after)."""
    lines = config.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end][0] in " -#"):
        end += 1
    return "\n".join(lines[start:end]) + "\n"


def baseline_project(folder: Path, pages: int, page_bytes: int) -> Path:
    """A MkDocs project of ``pages`` hand-written pages of about ``page_bytes`` each, with the
    handbook's theme, plugins and Markdown extensions, but no hook and no custom templates."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    theme = "\n".join(line for line in top_level_block(config, "theme").splitlines()
                      if "custom_dir" not in line)
    docs = folder / "docs"
    docs.mkdir(parents=True)
    nav = ["nav:"]
    for number in range(pages):
        name = "index.md" if number == 0 else f"page-{number}.md"
        body = [f"# Page {number}\n\n"]
        section = 0
        while sum(map(len, body)) < page_bytes:
            section += 1
            body.append(f"## Section {section}\n\n{PARAGRAPH}| A | B |\n|---|---|\n| 1 | 2 |\n\n")
        (docs / name).write_text("".join(body), encoding="utf-8")
        nav.append(f"  - Page {number}: {name}")
    (folder / "mkdocs.yml").write_text(
        "site_name: Baseline\nstrict: true\n"
        + theme + "\n"
        + "plugins:\n  - search\n"
        + top_level_block(config, "markdown_extensions")
        + "\n".join(nav) + "\n",
        encoding="utf-8",
    )
    return folder


def timed_build(command: list[str], project: Path, site: Path, env: dict[str, str]) -> float:
    """Seconds for one strict build of ``project`` into ``site`` by ``command``."""
    command = [*command, "--site-dir", str(site)]
    start = time.perf_counter()
    done = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True,
                          check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"build of {project} failed:\n{done.stdout}{done.stderr}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="builds per row (at least 5)")
    args = parser.parse_args(argv)
    runs = max(args.runs, 5)

    handbook = build_handbook(ROOT)
    pages = len(handbook.pages)
    average = sum(len(text.encode()) for text in handbook.pages.values()) // pages
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    encours = [sys.executable, "-m", "encours", "build", "--lang", "fr"]
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]
    rows: dict[str, list[float]] = {"handbook (generated from the policy)": [],
                                    "baseline (hand-written pages)": []}
    with tempfile.TemporaryDirectory(prefix="encours-bench-") as tmp:
        temp = Path(tmp)
        baseline = baseline_project(temp / "baseline", pages, average)
        for run in range(runs):
            rows["handbook (generated from the policy)"].append(
                timed_build(encours, ROOT, temp / f"site-handbook-{run}", env))
            rows["baseline (hand-written pages)"].append(
                timed_build(mkdocs, baseline, temp / f"site-baseline-{run}", env))

    print(f"strict build of the French handbook (encours build --lang fr) and of a plain MkDocs "
          f"site, median of {runs} runs, {pages} pages "
          f"(average {average:,} bytes of Markdown a page)")
    print(f"{'site':40} {'median (s)':>11} {'min (s)':>9} {'max (s)':>9}")
    for name, times in rows.items():
        print(f"{name:40} {statistics.median(times):11.2f} {min(times):9.2f} {max(times):9.2f}")
    handbook_median = statistics.median(rows["handbook (generated from the policy)"])
    baseline_median = statistics.median(rows["baseline (hand-written pages)"])
    print(f"{'difference':40} {handbook_median - baseline_median:11.2f}")
    generate = []
    for _ in range(runs):
        start = time.perf_counter()
        build_handbook(ROOT)
        generate.append(time.perf_counter() - start)
    print(f"{'of which: policy + pages (in-process)':40} {statistics.median(generate):11.2f} "
          f"{min(generate):9.2f} {max(generate):9.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
