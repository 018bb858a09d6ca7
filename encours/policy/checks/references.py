"""Identifiers are unique, and every reference (role, risk class, KPI, template…) exists."""

from __future__ import annotations

import difflib
import types
from collections.abc import Callable, Iterator
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from ..model import Policy
from ..model.common import RefTo
from ..paths import walk
from ..source import PathKey
from .registry import Context, check

ItemList = tuple[PathKey, list[Any]]

# Where each kind of reference points: the chapters it needs and the lists holding the items.
TARGETS: dict[str, tuple[tuple[str, ...], Callable[[Policy], list[ItemList]]]] = {
    "role": (("roles",), lambda p: [(("roles",), p.roles)]),
    "customer_type": (("document",), lambda p: [
        (("document", "scope", "customer_types"), p.document.scope.customer_types)]),
    "provider": (("company",), lambda p: [
        (("company", "credit_information_providers"), p.company.credit_information_providers)]),
    "payment_method": (("terms",), lambda p: [
        (("terms", "payment_methods"), p.terms.payment_methods)]),
    "risk_class": (("credit_limits",), lambda p: [
        (("credit_limits", "risk_classes"), p.credit_limits.risk_classes)]),
    "guarantee": (("credit_limits",), lambda p: [
        (("credit_limits", "guarantees"), p.credit_limits.guarantees)]),
    "alternative": (("blocked_orders",), lambda p: [
        (("blocked_orders", "alternatives"), p.blocked_orders.alternatives)]),
    "blocking_rule": (("blocked_orders",), lambda p: [
        (("blocked_orders", "blocking_rules"), p.blocked_orders.blocking_rules)]),
    "template": (("recovery",), lambda p: [
        (("recovery", "letter_templates"), p.recovery.letter_templates)]),
    "kpi": (("kpis",), lambda p: [(("kpis",), p.kpis)]),
    "glossary": (("glossary",), lambda p: [(("glossary",), p.glossary)]),
    "criterion": (("incentives",), lambda p: [
        (("incentives", "criteria"), p.incentives.criteria)]),
    "step": (("account_opening", "blocked_orders", "recovery"), lambda p: process_steps(p)),
}


def process_steps(policy: Policy) -> list[ItemList]:
    """The three ordered procedures whose steps the RACI matrix assigns."""
    return [
        (("account_opening", "steps"), policy.account_opening.steps),
        (("blocked_orders", "steps"), policy.blocked_orders.steps),
        (("recovery", "dunning_steps"), policy.recovery.dunning_steps),
    ]


def ref_kind(annotation: Any) -> str | None:
    """The kind of item a field refers to (`"role"` for `RoleRef`), or None."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            marks = [m for m in annotation.__metadata__ if isinstance(m, RefTo)]
            if marks:
                return marks[0].kind
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return None
            annotation = args[0]
        else:
            return None


def valid_chapters(context: Context) -> Iterator[tuple[str, Any]]:
    for chapter in Policy.model_fields:
        if context.has(chapter):
            yield chapter, getattr(context.policy, chapter)


@check()
def unique_ids(context: Context) -> None:
    """Within every list of items, each `id` is used once."""
    for chapter, value in valid_chapters(context):
        for path, items, _ in walk(value, (chapter,)):
            if isinstance(items, list) and items and isinstance(items[0], BaseModel) \
                    and "id" in type(items[0]).model_fields:
                duplicates(context, path, items)


def duplicates(context: Context, path: PathKey, items: list[Any]) -> None:
    first: dict[str, int] = {}
    for i, item in enumerate(items):
        if item.id in first:
            _, line = context.where((*path, first[item.id], "id"))
            context.error((*path, i, "id"), "check.duplicate_id", id=item.id,
                          collection=context.path(path), first=line)
        else:
            first[item.id] = i


@check("account_opening", "blocked_orders", "recovery")
def unique_step_ids(context: Context) -> None:
    """Steps of all procedures share one namespace: the RACI matrix names them by id alone."""
    seen: dict[str, PathKey] = {}
    for path, steps in process_steps(context.policy):
        for i, step in enumerate(steps):
            here = (*path, i, "id")
            if step.id in seen and seen[step.id][:-2] != path:
                file, line = context.where(seen[step.id])
                context.error(here, "check.duplicate_step", id=step.id,
                              other=f"{file}:{line}")
            seen.setdefault(step.id, here)


@check()
def references_exist(context: Context) -> None:
    """Every field marked as a reference names an existing item of its kind."""
    known: dict[str, tuple[str, set[str]]] = {}
    for kind, (chapters, items_of) in TARGETS.items():
        if context.has(*chapters):
            lists = items_of(context.policy)
            ids = {item.id for _, items in lists for item in items}
            known[kind] = (" + ".join(context.path(path) for path, _ in lists), ids)
    for chapter, value in valid_chapters(context):
        for path, found, annotation in walk(value, (chapter,)):
            kind = ref_kind(annotation)
            if kind and isinstance(found, str) and kind in known:
                dangling(context, path, found, *known[kind])
    if context.has("incentives") and context.policy.incentives.example and "criterion" in known:
        results = context.policy.incentives.example.results
        for criterion in results:
            path = ("incentives", "example", "results", criterion)
            dangling(context, path, criterion, *known["criterion"])


def dangling(context: Context, path: PathKey, value: str, collection: str, ids: set[str]) -> None:
    if value in ids:
        return
    close = difflib.get_close_matches(value, sorted(ids), n=1, cutoff=0.6)
    if close:
        context.error(path, "check.unknown_ref_suggest", value=value, collection=collection,
                      suggestion=close[0])
    else:
        context.error(path, "check.unknown_ref", value=value, collection=collection,
                      known=", ".join(sorted(ids)[:12]))
