"""Blocked order: whether the policy's blocking rules stop an order, and what can release it
(chapter "Commandes hors encours" of the handbook).

- ``exposure = outstanding + order_amount`` (invoices not due, overdue, orders in progress,
  and the new order);
- the ``exposure`` rule blocks when ``exposure > limit × (1 + tolerance / 100)``: only *more*
  than the tolerance blocks, an exposure exactly at it passes;
- the ``overdue`` rule blocks when the oldest overdue invoice is ``threshold_days`` days late
  or more;
- the ``dispute`` rule blocks when the oldest dispute is open for *more* than
  ``threshold_days`` days without an action plan;
- ``excess = max(exposure − limit, 0)``: the deposit on the order that brings the exposure
  back to the limit;
- the temporary increase covers the excess when ``exposure <= limit × (1 + maximum_share /
  100)`` and the customer has no invoice overdue by the blocking threshold and no open
  dispute (the policy's conditions); it is granted by its approver within that role's own
  approval band, beyond it by the approvers of the band of the increased limit.

Source: the policy (``blocked_orders.blocking_rules``, ``causes``, ``alternatives``,
``decision``; ``credit_limits.temporary_increase``, ``approval_bands``). Worked example, on
the limit of the policy's credit-limit example (36 000) and its 5 % tolerance: with 36 000
outstanding, an order of 1 800 brings the exposure to exactly 37 800 and passes; an order of
1 800.01 is blocked, with 1 800.01 to cover by a deposit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .limit import approvers_for
from .money import EXACT
from .policy_values import ApprovalBand, BlockingRule, TemporaryIncrease


def exposure_of(outstanding: Decimal, order_amount: Decimal) -> Decimal:
    """``outstanding + order_amount``, exact.

    >>> exposure_of(Decimal("36000"), Decimal("1800.01"))
    Decimal('37800.01')
    """
    return EXACT.add(outstanding, order_amount)


def tolerated(limit: Decimal, tolerance_rate: Decimal) -> Fraction:
    """The highest exposure that passes: ``limit × (1 + tolerance_rate / 100)``.

    >>> tolerated(Decimal(36000), Decimal(5))
    Fraction(37800, 1)
    """
    return Fraction(limit) * (1 + Fraction(tolerance_rate) / 100)


def over_tolerance(exposure: Decimal, limit: Decimal, tolerance_rate: Decimal) -> bool:
    """Whether ``exposure`` is *more* than the limit plus the tolerance (exactly at it passes).

    >>> over_tolerance(Decimal(37800), Decimal(36000), Decimal(5))
    False
    >>> over_tolerance(Decimal("37800.01"), Decimal(36000), Decimal(5))
    True
    """
    return Fraction(exposure) > tolerated(limit, tolerance_rate)


def overdue_blocks(oldest_overdue_days: int | None, threshold_days: int) -> bool:
    """Whether an invoice ``threshold_days`` days late or more blocks (``None``: none overdue).

    >>> overdue_blocks(15, 15), overdue_blocks(14, 15), overdue_blocks(None, 15)
    (True, False, False)
    """
    return oldest_overdue_days is not None and oldest_overdue_days >= threshold_days


def dispute_blocks(oldest_dispute_days: int | None, threshold_days: int,
                   action_plan: bool) -> bool:
    """Whether a dispute open *more* than ``threshold_days`` days without an action plan blocks
    (``None`` or 0: no dispute).

    >>> dispute_blocks(31, 30, False), dispute_blocks(30, 30, False), dispute_blocks(31, 30, True)
    (True, False, False)
    """
    if not oldest_dispute_days:
        return False
    return oldest_dispute_days > threshold_days and not action_plan


def excess_over(exposure: Decimal, limit: Decimal) -> Decimal:
    """``max(exposure − limit, 0)``: what a deposit on the order must cover.

    >>> excess_over(Decimal("37800.01"), Decimal(36000)), excess_over(Decimal(1), Decimal(2))
    (Decimal('1800.01'), Decimal('0'))
    """
    return max(EXACT.subtract(exposure, limit), Decimal(0))


def own_limit(bands: Sequence[ApprovalBand], role: str) -> Decimal:
    """The highest amount ``role`` approves alone: the top of the last band it approves alone
    (0 if none; infinite when that band has no top).

    >>> bands = [ApprovalBand(Decimal(0), Decimal(50000), ("credit_manager",)),
    ...          ApprovalBand(Decimal(50000), None, ("cfo",))]
    >>> own_limit(bands, "credit_manager"), own_limit(bands, "ceo")
    (Decimal('50000'), Decimal('0'))
    """
    top = Decimal(0)
    for band in bands:
        if tuple(band.approvers) == (role,):
            top = band.up_to if band.up_to is not None else Decimal("Infinity")
    return top


@dataclass(frozen=True)
class RuleCheck:
    """One blocking rule on this order: ``blocks`` is ``None`` for a rule the tool cannot test."""

    rule: BlockingRule
    blocks: bool | None


@dataclass(frozen=True)
class Increase:
    """The temporary increase for this order: whether it is needed (the exposure rule blocks),
    whether it is possible and why not (``reasons``: ``share``, ``overdue``, ``dispute``), how
    far it may go and who grants it."""

    needed: bool
    possible: bool
    reasons: tuple[str, ...]
    up_to: Fraction
    share_needed: Fraction
    approvers: tuple[str, ...]


def check_rules(rules: Sequence[BlockingRule], limit: Decimal, exposure: Decimal,
                oldest_overdue_days: int | None, oldest_dispute_days: int | None,
                action_plan: bool) -> list[RuleCheck]:
    """Each rule of the policy, in its order, tested on the order (see the module)."""
    checks = []
    for rule in rules:
        blocks: bool | None = None
        if rule.kind == "exposure" and rule.tolerance_rate is not None:
            blocks = over_tolerance(exposure, limit, rule.tolerance_rate)
        elif rule.kind == "overdue" and rule.threshold_days is not None:
            blocks = overdue_blocks(oldest_overdue_days, rule.threshold_days)
        elif rule.kind == "dispute" and rule.threshold_days is not None:
            blocks = dispute_blocks(oldest_dispute_days, rule.threshold_days, action_plan)
        checks.append(RuleCheck(rule, blocks))
    return checks


def temporary_increase(checks: Sequence[RuleCheck], limit: Decimal, exposure: Decimal,
                       oldest_dispute_days: int | None, increase: TemporaryIncrease,
                       bands: Sequence[ApprovalBand]) -> Increase:
    """Whether the policy's temporary increase can cover the excess (see the module)."""
    needed = any(check.blocks and check.rule.kind == "exposure" for check in checks)
    up_to = Fraction(limit) * (1 + Fraction(increase.maximum_share) / 100)
    share = (Fraction(exposure) / Fraction(limit) - 1) * 100 if limit > 0 else Fraction(0)
    reasons = []
    if Fraction(exposure) > up_to:
        reasons.append("share")
    if any(check.blocks and check.rule.kind == "overdue" for check in checks):
        reasons.append("overdue")
    if oldest_dispute_days:
        reasons.append("dispute")
    approvers: tuple[str, ...] = (increase.approver,)
    if increase.through_bands and exposure > own_limit(bands, increase.approver):
        approvers = approvers_for(exposure, bands)
    return Increase(needed, needed and not reasons, tuple(reasons), up_to, max(share, Fraction(0)),
                    approvers)
