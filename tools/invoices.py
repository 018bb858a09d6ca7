"""Invoice files made up for the batch import: the benchmark's 10,000 lines and the tests' files.

``invoices_csv(count)`` is a CSV file as the calculator pages and ``python -m calculators batch
penalty`` read it (French header, ``;``), with reproducible random invoices (10 % still open).
Standard library only: it also runs inside Pyodide, with the calculators' tests.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

HEADER = "facture;client;montant;échéance;date de paiement"


def invoices_csv(count: int, seed: int = 7) -> tuple[str, list[dict[str, str]]]:
    """A file of ``count`` invoices, and its lines as dicts (id, customer, amount, due_date,
    payment_date)."""
    rng = random.Random(seed)
    rows = []
    for number in range(count):
        due = date(2023, 1, 1) + timedelta(days=rng.randrange(0, 1000))
        paid = "" if rng.random() < 0.1 else (due + timedelta(days=rng.randrange(-20, 200))
                                               ).isoformat()
        amount = f"{rng.randrange(100, 5_000_000) / 100:.2f}"
        rows.append({"id": f"F{number}", "customer": f"C{rng.randrange(20)}", "amount": amount,
                     "due_date": due.isoformat(), "payment_date": paid})
    lines = [HEADER] + [";".join(row.values()) for row in rows]
    return "\n".join(lines) + "\n", rows
