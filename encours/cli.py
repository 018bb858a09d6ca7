"""Command line: `python -m encours validate`, `schema`, `build` and `diff`.

    python -m encours validate [--policy DIR] [--lang fr|en]
        exit 0 when the policy is valid (warnings printed), 1 with every error as
        `policy/FILE.yaml:LINE: message`.
    python -m encours schema [--policy DIR]
        writes DIR/policy.schema.json, the JSON Schema editors use to check policy files.
    python -m encours build [--config-file FILE] [--site-dir DIR] [--lang fr|en|all]
                            [--site-url URL] [--cache-dir DIR]
        builds the handbook with MkDocs (strict) into a staging folder and swaps it in only on
        success, so a failed build leaves the previous site untouched.
    python -m encours policy-json [--policy DIR] [--out FILE]
        writes the policy's values as the built handbook's assets/policy.json holds them (the
        file `python -m calculators limit|order|plan|bonus --policy FILE` reads), to FILE or
        standard output; exit 1 with every error when the policy is invalid.
    python -m encours diff [--from REV] [--to REV|WORKTREE] [--format text|markdown|json]
                           [--lang fr|en] [--policy DIR]
        what changed in the rules between two versions of the policy in git, in sentences grouped
        by chapter. Defaults: from the latest release tag (policy-v<version>) in the history of
        HEAD (before any release: the commit that first added the policy) to the working tree.
        Exit 0 (changes or not), 1 when a version fails validation (its errors are printed),
        2 when git cannot tell (no repository, unknown revision).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from encours.i18n import LANGUAGES
from encours.policy import message, validate_policy, write_schema


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m encours", description=(
        "Encours: validate the credit policy and build the handbook."))
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="check the policy without building")
    add_policy_option(validate)
    validate.add_argument("--lang", choices=LANGUAGES, default="fr",
                          help="language of the messages (default: fr)")
    validate.set_defaults(run=run_validate)

    schema = commands.add_parser("schema", help="write policy.schema.json for editors")
    add_policy_option(schema)
    schema.set_defaults(run=run_schema)

    build = commands.add_parser("build", help="build the handbook (site/) with MkDocs")
    build.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"), metavar="FILE",
                       help="the MkDocs configuration (default: ./mkdocs.yml)")
    build.add_argument("--site-dir", type=Path, default=None, metavar="DIR",
                       help="where the site goes (default: site/ beside mkdocs.yml)")
    build.add_argument("--site-url", default=None, metavar="URL",
                       help="where the site will be served, instead of mkdocs.yml's site_url")
    build.add_argument("--cache-dir", type=Path, default=None, metavar="DIR",
                       help="cache of the Pyodide snapshot and compiled templates, instead of "
                       "the plugin's cache_dir")
    build.add_argument("--lang", choices=("fr", "en", "all"), default="all",
                       help="fr or en alone, or all: the plugin's languages, the first at the "
                       "root, each other under <lang>/ with a language switch (default)")
    build.set_defaults(run=run_build)

    values = commands.add_parser("policy-json", help="write the policy's values as the "
                                 "handbook's assets/policy.json (for the policy tools)")
    add_policy_option(values)
    values.add_argument("--out", type=Path, default=None, metavar="FILE",
                        help="where to write it (default: standard output)")
    values.set_defaults(run=run_policy_json)

    diff = commands.add_parser("diff", help="what changed in the rules between two versions")
    add_policy_option(diff)
    diff.add_argument("--from", dest="source", metavar="REV", default="",
                      help="git revision of the older version (default: the latest release tag "
                      "policy-v... in the history of HEAD, else the first commit of the policy)")
    diff.add_argument("--to", dest="target", metavar="REV", default="",
                      help="git revision of the newer version, or WORKTREE: the files on disk "
                      "(default)")
    diff.add_argument("--format", choices=("text", "markdown", "json"), default="text",
                      help="text (default), markdown (e.g. a merge request comment) or json")
    diff.add_argument("--lang", choices=LANGUAGES, default="fr",
                      help="language of the sentences (default: fr)")
    diff.set_defaults(run=run_diff)
    return parser


def add_policy_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--policy", type=Path, default=Path("policy"), metavar="DIR",
                        help="the policy folder (default: ./policy)")


def run_validate(args: argparse.Namespace) -> int:
    result = validate_policy(args.policy, args.lang)
    label = message("cli.warning", args.lang)
    for problem in result.problems:
        if problem.is_error:
            print(problem)
        else:
            where, _, text = str(problem).partition(": ")
            print(f"{where}: {label}{text}")
    counts = {"errors": len(result.errors), "warnings": len(result.warnings),
              "files": len(result.files)}
    if result.errors:
        print(message("cli.failed", args.lang, **counts))
        return 1
    print(message("cli.ok", args.lang, **counts))
    return 0


def run_schema(args: argparse.Namespace) -> int:
    path = write_schema(args.policy)
    print(message("cli.schema_written", "fr", path=path.as_posix()), file=sys.stderr)
    return 0


def run_build(args: argparse.Namespace) -> int:
    from encours_mkdocs.build import build_site  # the MkDocs adapter: imported only to build

    return build_site(
        args.config_file,
        site_dir=args.site_dir,
        languages=None if args.lang == "all" else [args.lang],
        site_url=args.site_url,
        cache_dir=args.cache_dir,
    )


def run_policy_json(args: argparse.Namespace) -> int:
    from encours.assets import json_asset
    from encours.handbook import policy_json
    from encours.policy import PolicyInvalid, load_policy

    try:
        loaded = load_policy(args.policy)
    except PolicyInvalid as invalid:
        for problem in invalid.problems:
            print(problem, file=sys.stderr)
        return 1
    content = json_asset("assets/policy.json", policy_json(loaded.policy)).content
    if args.out is None:
        sys.stdout.buffer.write(content)
    else:
        args.out.write_bytes(content)
    return 0


def run_diff(args: argparse.Namespace) -> int:
    from encours.i18n import Catalogue
    from encours.versions.compare import compare
    from encours.versions.git import GitError
    from encours.versions.report import FORMATS
    from encours.versions.snapshot import WORKTREE

    try:
        comparison = compare(args.policy, args.source or None, args.target or WORKTREE, args.lang)
    except GitError as exc:
        print(Catalogue(args.lang)("versions.cli.cannot", reason=exc), file=sys.stderr)
        return 2
    sys.stdout.write(FORMATS[args.format](comparison))
    return 0 if comparison.valid else 1


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)
