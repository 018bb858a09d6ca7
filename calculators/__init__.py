"""Encours calculators: late-payment penalties, DSO, CEI, discount cost, cost of an unpaid invoice.

Standard library only, so that the same code runs in CPython (the handbook build, the command
line) and in Pyodide (the browser). Exact to the cent: ``Decimal`` inputs, exact quotients,
one half-up rounding per reported figure.

>>> fr1 = {"amount": "10000", "due_date": "2025-09-30", "payment_date": "2025-11-30"}
>>> run("penalty", fr1)["total"]
'243.05'
"""

from .api import describe, run, run_json
from .specs import CALCULATORS

__all__ = ["CALCULATORS", "describe", "run", "run_json"]
