"""The ``encours`` plugin's options in mkdocs.yml, typed and checked by MkDocs.

.. code-block:: yaml

    plugins:
      - encours:
          policy_dir: policy        # the policy folder, relative to mkdocs.yml
          languages: [fr, en]       # the first at the site's root, each other under <lang>/
          cache_dir: .cache         # Pyodide snapshot and compiled templates
          snapshot: true            # make the calculators' Python memory snapshot
      - search

``encours`` must come before ``search``: it sets the theme's language, which the search index
follows.
"""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from encours import LANGUAGES


class EncoursConfig(base.Config):
    enabled = c.Type(bool, default=True)
    policy_dir = c.Dir(exists=True, default="policy")
    languages = c.ListOfItems(c.Choice(LANGUAGES), default=list(LANGUAGES))
    cache_dir = c.Dir(exists=False, default=".cache")
    snapshot = c.Type(bool, default=True)
