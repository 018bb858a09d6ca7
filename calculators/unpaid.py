"""Cost of an unpaid invoice: the sales it takes to make good a loss or a late payment.

- Extra sales needed to make good a loss: ``loss / net margin rate``.
- The loss: the amount excluding VAT when the VAT can be recovered (in France only once the
  debt is definitively irrecoverable, e.g. from a liquidation judgment), including VAT
  otherwise, plus the recovery costs.
- A late (not lost) payment costs its financing: ``amount × financing rate × days / B``
  (B = 365 or 360), and the sales needed to pay for it are that cost / net margin rate.

Source: credit-management practice as summarised in ``shared/reference/README.md`` (examples
U1, U2: studylibfr "De la criticité du risque crédit client"; U4: orp-france.com; F1: scribd
"Les coûts des retards de paiement pour financer le BFR"). Rates are in percent.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction


def loss_from_invoice(amount: Decimal, vat_rate: Decimal | None = None,
                      vat_recoverable: bool = False, recovery_costs: Decimal = Decimal(0)
                      ) -> Fraction:
    """Loss on an unpaid invoice of ``amount`` including VAT: ``amount / (1 + vat_rate)`` when
    the VAT is recovered, ``amount`` otherwise, plus ``recovery_costs`` (exact).

    >>> loss_from_invoice(Decimal(1200), Decimal(20), vat_recoverable=True)
    Fraction(1000, 1)
    """
    loss = Fraction(amount)
    if vat_recoverable:
        if vat_rate is None:
            raise ValueError("recovering the VAT needs its rate")
        loss /= 1 + Fraction(vat_rate) / 100
    return loss + Fraction(recovery_costs)


def sales_needed(loss: Fraction | Decimal, net_margin_rate: Decimal) -> Fraction:
    """Extra sales that make good ``loss`` at a net margin (percent): ``loss / margin``.

    Example U1: a 10,000 loss at a 5 % net margin takes 200,000 of new sales.

    >>> from .money import two_places
    >>> two_places(sales_needed(Decimal(10000), Decimal(5)))
    '200000.00'
    """
    return Fraction(loss) / (Fraction(net_margin_rate) / 100)


def financing_cost(amount: Decimal, financing_rate: Decimal, days_late: int,
                   basis: int = 365) -> Fraction:
    """Cost of financing ``amount`` for ``days_late`` days: ``amount × rate × days / B``.

    Example F1: 15,000 late 45 days at 4 % on a 360-day basis.

    >>> financing_cost(Decimal(15000), Decimal(4), 45, 360)
    Fraction(75, 1)
    """
    return Fraction(amount) * Fraction(financing_rate) / 100 * Fraction(days_late, basis)
