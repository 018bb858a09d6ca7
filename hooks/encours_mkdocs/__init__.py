"""The MkDocs adapter of Encours: the ``encours`` plugin (``plugins: - encours`` in mkdocs.yml).

It only wires MkDocs events to the :mod:`encours` package, which never imports MkDocs.
"""
