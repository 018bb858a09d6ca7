"""The policy's versions in git: what changed between two versions, in words. No MkDocs here.

- ``git``: the few git questions asked (through the ``git`` command, no library);
- ``releases``: release tags ``policy-v<version>`` and where the policy being built comes from;
- ``snapshot``: a version of the policy (the working tree, or the policy folder at a revision),
  validated like the build's own;
- ``describe`` and ``diff``: the semantic diff, one sentence per change of a rule;
- ``compare`` and ``report``: two revisions compared, as text, Markdown or JSON
  (``python -m encours diff``);
- ``history`` and ``page``: the Versions page, the home-page box, chapter markers and stamp.
"""
