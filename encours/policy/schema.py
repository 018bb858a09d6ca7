"""The policy's JSON Schema, so editors (VS Code with the YAML extension) complete and check keys.

Every policy file starts with `# yaml-language-server: $schema=./policy.schema.json` and is
checked against the same schema: each file holds some of the chapters, so at the top level no
chapter is required (the loader reports a missing chapter).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from calculators.languages import LANGUAGES

from .model import Policy
from .model.common import declared_in
from .source import load_yaml

SCHEMA_FILE = "policy.schema.json"
SCHEMA_COMMENT = f"# yaml-language-server: $schema=./{SCHEMA_FILE}"


def text_schema(languages: tuple[str, ...] | None) -> dict[str, Any]:
    """The free-text type for a policy written in `languages` (None: none declared).

    One language: a string, or a mapping with that language. Several: a mapping that requires
    each one (so an editor offers `fr:` and `en:` and flags a missing one); a plain string,
    which holds only the main language, is refused. No declaration: a string (French) or
    `{fr: …, en: …}`, the translation optional."""
    codes = languages or LANGUAGES
    names = {"fr": "Texte en français.", "en": "Texte en anglais (English text)."}
    mapping: dict[str, Any] = {
        "type": "object",
        "properties": {code: {"type": "string", "minLength": 1, "description": names[code]}
                       for code in codes},
        "additionalProperties": False,
        "minProperties": 1,
    }
    if languages:
        mapping["required"] = list(languages)
    described = {"description": "Texte libre en Markdown : "
                 + ("une chaîne (en français) ou `{fr: ..., en: ...}`." if not languages else
                    f"un texte par langue de document.languages ({', '.join(languages)})."
                    if len(languages) > 1 else f"une chaîne ({languages[0]}).")}
    if languages and len(languages) > 1:
        return {**mapping, **described}
    return {"anyOf": [{"type": "string", "minLength": 1}, mapping], **described}


def declared_languages(policy_dir: Path | None) -> tuple[str, ...] | None:
    """`document.languages` of the policy in `policy_dir`, if `document.yaml` declares them."""
    if policy_dir is None or not (policy_dir / "document.yaml").is_file():
        return None
    parsed = load_yaml(policy_dir / "document.yaml")
    return declared_in(parsed.data) if isinstance(parsed.data, dict) else None


def policy_schema(languages: tuple[str, ...] | None = None) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one policy file written in `languages`."""
    schema = Policy.model_json_schema(mode="validation")
    schema.pop("required", None)
    schema["$defs"]["Text"] = text_schema(languages)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
    }


def schema_text(languages: tuple[str, ...] | None = None) -> str:
    """The schema as written to disk: stable key order, UTF-8, final newline."""
    return json.dumps(policy_schema(languages), ensure_ascii=False, indent=2) + "\n"


def write_schema(policy_dir: Path) -> Path:
    """Write `policy.schema.json` into `policy_dir`; return its path."""
    target = policy_dir / SCHEMA_FILE
    target.write_text(schema_text(declared_languages(policy_dir)), encoding="utf-8")
    return target
