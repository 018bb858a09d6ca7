"""Encours: a company's credit-management policy (YAML) turned into an online handbook.

This package never imports MkDocs; `hooks/` adapts MkDocs events to it.
"""
