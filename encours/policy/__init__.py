"""The credit policy: YAML files → a typed, validated `Policy`. Never imports MkDocs.

    from encours.policy import load_policy, PolicyInvalid
    loaded = load_policy(Path("policy"))        # raises PolicyInvalid(problems) on any error
    loaded.policy.terms.payment_term.days       # typed values
    loaded.warnings                             # legal and consistency warnings, file:line
"""

from .loader import LoadedPolicy, Validation, load_policy, validate_policy
from .messages import message
from .model import Policy
from .model.common import PaymentTerm, Text
from .placeholders import (
    LETTER_FIELDS,
    PlaceholderError,
    find_placeholders,
    format_value,
    lookup,
    resolve_placeholders,
)
from .problems import PolicyInvalid, Problem, Severity
from .schema import SCHEMA_COMMENT, SCHEMA_FILE, policy_schema, write_schema

__all__ = [
    "LETTER_FIELDS", "SCHEMA_COMMENT", "SCHEMA_FILE", "LoadedPolicy", "PaymentTerm",
    "PlaceholderError", "Policy", "PolicyInvalid", "Problem", "Severity", "Text", "Validation",
    "find_placeholders", "format_value", "load_policy", "lookup", "message", "policy_schema",
    "resolve_placeholders", "validate_policy", "write_schema",
]
