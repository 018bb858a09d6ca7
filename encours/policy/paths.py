"""Paths into the policy: how they are shown, which type sits at one, walking a model.

One syntax everywhere (messages, placeholders, training links): keys joined by dots, and a list
item named by its identifier, e.g. `recovery.dunning_steps.formal_notice.day`. An item without
an identifier is shown by its 1-based position: `credit_limits.approval_bands[2].up_to`.
"""

from __future__ import annotations

import re
import types
from collections.abc import Iterator
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from .model.common import ID_PATTERN
from .source import PathKey

NATURAL_KEYS = ("id", "step", "customer_type", "risk_class")
_ID = re.compile(ID_PATTERN)
"""Fields that name a list item, in order of preference."""


def item_name(item: Any) -> str | None:
    """The identifier that names a list item (plain data or model), if it has a valid one."""
    for key in NATURAL_KEYS:
        value = item.get(key) if isinstance(item, dict) else getattr(item, key, None)
        if isinstance(value, str) and _ID.match(value):
            return value
    return None


def display_path(path: PathKey, data: Any) -> str:
    """`("recovery", "dunning_steps", 3, "day")` → `recovery.dunning_steps.formal_notice.day`."""
    text = ""
    node = data
    for segment in path:
        if isinstance(segment, int):
            item = node[segment] if isinstance(node, list) and segment < len(node) else None
            name = item_name(item)
            text += f".{name}" if name else f"[{segment + 1}]"
            node = item
        else:
            text += f".{segment}" if text else str(segment)
            node = node.get(segment) if isinstance(node, dict) else None
    return text


def unwrap(annotation: Any) -> Any:
    """Strip `Annotated[...]` and `X | None` down to the type that matters."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation


def annotation_at(root: Any, path: PathKey) -> Any:
    """The type expected at `path` below the type `root`, or None if the path leaves the model."""
    annotation = root
    for segment in path:
        annotation = unwrap(annotation)
        origin = get_origin(annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            field = annotation.model_fields.get(str(segment))
            if field is None:
                return None
            annotation = field.annotation
        elif origin is list and isinstance(segment, int):
            annotation = get_args(annotation)[0]
        elif origin is dict:
            annotation = get_args(annotation)[1]
        else:
            return None
    return annotation


def field_names(annotation: Any) -> list[str]:
    """The keys a model accepts (empty if `annotation` is not a model)."""
    annotation = unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return list(annotation.model_fields)
    return []


def literal_values(annotation: Any) -> list[Any]:
    """The values a `Literal[...]` accepts (empty if it is not one)."""
    annotation = unwrap(annotation)
    return list(get_args(annotation)) if get_origin(annotation) is Literal else []


def walk(value: Any, path: PathKey = ()) -> Iterator[tuple[PathKey, Any, Any]]:
    """Every (path, value, annotation) inside a validated model, depth first.

    The annotation is the declared type of the field or list item holding the value (None for
    the root), so callers can read markers attached with `Annotated`.
    """
    yield from _walk(value, path, None)


def _walk(value: Any, path: PathKey, annotation: Any) -> Iterator[tuple[PathKey, Any, Any]]:
    yield path, value, annotation
    if isinstance(value, BaseModel):
        for name, field in type(value).model_fields.items():
            child = getattr(value, name, None)
            if child is not None:
                yield from _walk(child, (*path, name), _with_metadata(field))
    elif isinstance(value, list):
        inner = _inner(annotation, 0)
        for i, item in enumerate(value):
            yield from _walk(item, (*path, i), inner)
    elif isinstance(value, dict):
        inner = _inner(annotation, 1)
        for key, item in value.items():
            yield from _walk(item, (*path, key), inner)


def _with_metadata(field: Any) -> Any:
    """A field's annotation with its `Annotated` metadata put back (pydantic moves it)."""
    if field.metadata:
        return Annotated[(field.annotation, *field.metadata)]
    return field.annotation


def _inner(annotation: Any, position: int) -> Any:
    annotation = unwrap(annotation)
    args = get_args(annotation)
    return args[position] if len(args) > position else None
