"""Ordered things are in order: dunning days, amount bands, score ranges, ageing, weights."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..source import PathKey
from .registry import Context, check


def day_label(day: int) -> str:
    """Dunning days as credit teams write them: J-5, J, J+15."""
    return "J" if day == 0 else f"J{day:+d}"


@check("recovery")
def dunning_in_day_order(context: Context) -> None:
    """Dunning steps are listed by day relative to the due date."""
    steps = context.policy.recovery.dunning_steps
    for i in range(1, len(steps)):
        previous, step = steps[i - 1], steps[i]
        if step.day < previous.day:
            context.error(("recovery", "dunning_steps", i, "day"), "check.dunning_order",
                          id=step.id, day=day_label(step.day), previous=previous.id,
                          previous_day=day_label(previous.day))


@check("blocked_orders")
def blocked_order_deadlines_in_order(context: Context) -> None:
    """Blocked-order steps happen in the order listed, so their deadlines do not go back."""
    steps = context.policy.blocked_orders.steps
    for i in range(1, len(steps)):
        if steps[i].deadline_working_hours < steps[i - 1].deadline_working_hours:
            context.error(("blocked_orders", "steps", i, "deadline_working_hours"),
                          "check.deadline_order", id=steps[i].id, previous=steps[i - 1].id)


def contiguous(context: Context, path: PathKey, bands: list[Any], *, start: Decimal | None,
               need_top: bool) -> None:
    """Bands `(above, up_to]` follow each other with no gap and no overlap.

    `start`: where the first band must begin (None: anywhere). `need_top`: the last band must be
    open-ended (no `up_to`), so that every amount has a band.
    """
    for i, band in enumerate(bands):
        here = (*path, i)
        if i == 0:
            if start is not None and band.above != start:
                context.error((*here, "above"), "check.band_start", above=band.above,
                              start=start)
        else:
            previous = bands[i - 1]
            if previous.up_to is None:
                context.error((*path, i - 1), "check.band_open_not_last")
            elif band.above > previous.up_to:
                context.error((*here, "above"), "check.band_gap", low=previous.up_to,
                              high=band.above)
            elif band.above < previous.up_to:
                context.error((*here, "above"), "check.band_overlap", above=band.above,
                              previous=previous.up_to)
        if band.up_to is not None and band.up_to <= band.above:
            context.error((*here, "up_to"), "check.band_empty", above=band.above,
                          up_to=band.up_to)
    if need_top and bands and bands[-1].up_to is not None:
        context.error((*path, len(bands) - 1, "up_to"), "check.band_no_top",
                      up_to=bands[-1].up_to)


@check("credit_limits")
def approval_bands_cover_all_amounts(context: Context) -> None:
    """Every credit limit, from 0 up, falls in exactly one approval band."""
    bands = context.policy.credit_limits.approval_bands
    contiguous(context, ("credit_limits", "approval_bands"), bands, start=Decimal(0),
               need_top=True)


@check("recovery")
def provision_buckets_follow(context: Context) -> None:
    """Ageing buckets follow each other, and provisions do not fall as debts age."""
    buckets = context.policy.recovery.provisions.buckets
    path: PathKey = ("recovery", "provisions", "buckets")
    contiguous(context, path, buckets, start=None, need_top=True)
    for i in range(1, len(buckets)):
        if buckets[i].rate < buckets[i - 1].rate:
            context.warning((*path, i, "rate"), "check.bucket_rate_order", id=buckets[i].id,
                            previous=buckets[i - 1].id)


@check("credit_limits")
def risk_classes_cover_the_score(context: Context) -> None:
    """Each score of the scale falls in exactly one risk class."""
    limits = context.policy.credit_limits
    scale = limits.score
    path: PathKey = ("credit_limits", "risk_classes")
    ordered = sorted(enumerate(limits.risk_classes), key=lambda pair: pair[1].score_min)
    expected = scale.minimum
    holder: str | None = None
    for i, risk_class in ordered:
        here = (*path, i)
        if risk_class.score_min > risk_class.score_max:
            context.error((*here, "score_min"), "check.score_inverted", low=risk_class.score_min,
                          high=risk_class.score_max)
            continue
        if risk_class.score_min < scale.minimum or risk_class.score_max > scale.maximum:
            context.error((*here, "score_min"), "check.score_outside", minimum=scale.minimum,
                          maximum=scale.maximum)
        if risk_class.score_min > expected:
            context.error((*here, "score_min"), "check.score_gap", low=expected,
                          high=risk_class.score_min - 1)
        elif risk_class.score_min < expected and holder is not None:
            context.error((*here, "score_min"), "check.score_overlap", low=risk_class.score_min,
                          high=min(expected - 1, risk_class.score_max), other=holder)
        if risk_class.score_max + 1 > expected:
            expected, holder = risk_class.score_max + 1, risk_class.id
    if expected <= scale.maximum:
        context.error(("credit_limits", "score", "maximum"), "check.score_gap", low=expected,
                      high=scale.maximum)


@check("incentives")
def weights_sum_to_100(context: Context) -> None:
    """The weights of the incentive criteria add up to 100 %."""
    total = sum((c.weight for c in context.policy.incentives.criteria), Decimal(0))
    if total != 100:
        context.error(("incentives", "criteria"), "check.weights", total=total.normalize())


@check("incentives", "kpis")
def scales_go_from_best(context: Context) -> None:
    """Scale steps go from the best result to the worst, and pay less as results get worse."""
    better = {kpi.id: kpi.better for kpi in context.policy.kpis}
    for c, criterion in enumerate(context.policy.incentives.criteria):
        direction = better.get(criterion.kpi)
        path: PathKey = ("incentives", "criteria", c, "scale")
        for s in range(1, len(criterion.scale)):
            previous, step = criterion.scale[s - 1], criterion.scale[s]
            worse = step.threshold > previous.threshold if direction == "lower" \
                else step.threshold < previous.threshold
            if direction and not worse:
                key = "check.scale_order_lower" if direction == "lower" \
                    else "check.scale_order_higher"
                context.error((*path, s, "threshold"), key, threshold=step.threshold,
                              previous=previous.threshold)
            if step.payout > previous.payout:
                context.error((*path, s, "payout"), "check.scale_payout", payout=step.payout,
                              previous=previous.payout)
