"""Encours: a company's credit-management policy (YAML) turned into an online handbook.

The pipeline: ``policy/*.yaml`` → :func:`load_policy` (a typed, validated :class:`Policy`, or
:class:`PolicyInvalid` with every problem as ``FILE:LINE``) → :func:`build_handbook` (pages as
Markdown, navigation, assets, page stamp) → a static-site tool. This package never imports
MkDocs: the ``encours`` MkDocs plugin (``hooks/encours_mkdocs``) adapts it.

The names below are the public API, what another tool or a test may rely on; the modules
behind them are internal and may change.
"""

from encours.handbook import Handbook, build_handbook, policy_json
from encours.i18n import DEFAULT_LANGUAGE, LANGUAGES, Catalogue, language_switch
from encours.policy import (
    LoadedPolicy,
    Policy,
    PolicyInvalid,
    Problem,
    Severity,
    Validation,
    load_policy,
    policy_schema,
    validate_policy,
    write_schema,
)

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "Catalogue",
    "Handbook",
    "LoadedPolicy",
    "Policy",
    "PolicyInvalid",
    "Problem",
    "Severity",
    "Validation",
    "build_handbook",
    "language_switch",
    "load_policy",
    "policy_json",
    "policy_schema",
    "validate_policy",
    "write_schema",
]
