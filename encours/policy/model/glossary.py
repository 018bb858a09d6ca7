"""Chapter 12a, the glossary, in French and English."""

from __future__ import annotations

from pydantic import Field

from .common import GlossaryRef, Id, Model, Text


class GlossaryEntry(Model):
    """Un terme, en français et en anglais, et sa définition."""

    id: Id
    term: Text
    """Le terme : `{fr: Encours, en: Exposure}`."""
    definition: Text
    see_also: list[GlossaryRef] = Field(default_factory=list)
    """Termes liés (ids du glossaire)."""
