"""Checks that need the whole typed policy: references, order, consistency, French law, texts."""

from . import (
    consistency,
    insurance,
    legal,
    markup,
    numbers,
    raci,
    rates,
    references,
    sequences,
    texts,
    training,
)
from .registry import CHECKS, Context, check, run_checks

__all__ = ["CHECKS", "Context", "check", "consistency", "insurance", "legal", "markup", "numbers",
           "raci", "rates", "references", "run_checks", "sequences", "texts", "training"]
