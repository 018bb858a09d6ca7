"""`python -m encours ...`: see `encours.cli`."""

from encours.cli import main

raise SystemExit(main())
