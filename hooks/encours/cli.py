"""Command line: `python -m encours validate`, `schema` and `build`.

    python -m encours validate [--policy DIR] [--lang fr|en]
        exit 0 when the policy is valid (warnings printed), 1 with every error as
        `policy/FILE.yaml:LINE: message`.
    python -m encours schema [--policy DIR]
        writes DIR/policy.schema.json, the JSON Schema editors use to check policy files.
    python -m encours build [--site-dir DIR] [--lang fr|en]
        builds the handbook into a staging folder and swaps it in only on success, so a failed
        build leaves the previous site untouched.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from encours.policy import message, validate_policy, write_schema


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m encours", description=(
        "Encours: validate the credit policy and build the handbook."))
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="check the policy without building")
    add_policy_option(validate)
    validate.add_argument("--lang", choices=("fr", "en"), default="fr",
                          help="language of the messages (default: fr)")
    validate.set_defaults(run=run_validate)

    schema = commands.add_parser("schema", help="write policy.schema.json for editors")
    add_policy_option(schema)
    schema.set_defaults(run=run_schema)

    build = commands.add_parser("build", help="build the handbook (site/) with MkDocs")
    build.add_argument("--site-dir", type=Path, default=Path("site"), metavar="DIR",
                       help="where the site goes (default: ./site)")
    build.add_argument("--lang", choices=("fr", "en", "all"), default="all",
                       help="fr or en alone, or all: French at the root, English under en/ "
                       "with a language switch (default)")
    build.set_defaults(run=run_build)
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
    from encours.build import build_site

    languages = ("fr", "en") if args.lang == "all" else (args.lang,)
    return build_site(Path.cwd(), site_dir=args.site_dir, languages=languages)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)
