"""The RACI matrix covers each process step once, and agrees with the step's owner."""

from __future__ import annotations

from .references import process_steps
from .registry import Context, check


@check("raci", "account_opening", "blocked_orders", "recovery")
def raci_covers_steps(context: Context) -> None:
    """One RACI row per step; the step's owner is responsible (or accountable) in that row."""
    rows: dict[str, int] = {}
    for i, row in enumerate(context.policy.raci):
        if row.step in rows:
            _, line = context.where(("raci", rows[row.step]))
            context.error(("raci", i, "step"), "check.duplicate_entry", value=row.step,
                          first=line)
        else:
            rows[row.step] = i
    for path, steps in process_steps(context.policy):
        for i, step in enumerate(steps):
            if step.id not in rows:
                context.warning((*path, i, "id"), "check.raci_missing", step=step.id)
                continue
            row = context.policy.raci[rows[step.id]]
            if step.owner not in (*row.responsible, row.accountable):
                context.error(("raci", rows[step.id], "responsible"), "check.raci_owner",
                              step=step.id, owner=step.owner,
                              owner_path=context.path((*path, i, "owner")))
