"""The policy's JSON Schema, so editors (VS Code with the YAML extension) complete and check keys.

Every policy file starts with `# yaml-language-server: $schema=./policy.schema.json` and is
checked against the same schema: each file holds some of the chapters, so at the top level no
chapter is required (the loader reports a missing chapter).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .model import Policy

SCHEMA_FILE = "policy.schema.json"
SCHEMA_COMMENT = f"# yaml-language-server: $schema=./{SCHEMA_FILE}"


def policy_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one policy file."""
    schema = Policy.model_json_schema(mode="validation")
    schema.pop("required", None)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
    }


def schema_text() -> str:
    """The schema as written to disk: stable key order, UTF-8, final newline."""
    return json.dumps(policy_schema(), ensure_ascii=False, indent=2) + "\n"


def write_schema(policy_dir: Path) -> Path:
    """Write `policy.schema.json` into `policy_dir`; return its path."""
    target = policy_dir / SCHEMA_FILE
    target.write_text(schema_text(), encoding="utf-8")
    return target
