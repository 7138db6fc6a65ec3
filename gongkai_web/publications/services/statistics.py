"""Table 2's figures from other systems: entered (or imported) per agency and year, with their source."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai_web.accounts.access import WORKING_ROLES, has_role
from gongkai_web.audit.services import log
from gongkai_web.clocks import Clock, now

from ..errors import refuse
from ..models import StatisticItem, YearStatistic

FIRST_YEAR = 2008  # the first year of the 2007 Regulations' annual reports


def enter_statistic(
    agency, *, year: int, item: str, value, source: str, actor, clock: Clock | None = None
) -> YearStatistic:
    """Set ``agency``'s figure for ``item`` in ``year`` (a count of decisions, or fees in 万元); the
    audit entry keeps the value it replaced."""
    if item not in StatisticItem.values:
        raise refuse("unknown_statistic", _("Choose which figure of table 2 this is."))
    try:
        amount = Decimal(str(value).strip())
    except InvalidOperation:
        raise refuse("statistic_not_a_number", _("“%(value)s” is not a number.") % {"value": value}) from None
    if not amount.is_finite() or amount < 0:
        raise refuse("statistic_negative", _("The figure cannot be negative."))
    if item != StatisticItem.FEES and amount != amount.to_integral_value():
        raise refuse("statistic_not_whole", _("A number of decisions is a whole number."))
    if amount != amount.quantize(Decimal("0.0001")):
        raise refuse(
            "statistic_too_precise",
            _("Fees are given in 10,000 yuan with at most four decimals (whole yuan)."),
        )
    if not FIRST_YEAR <= year <= now(clock).year:
        raise refuse("statistic_year", _("%(year)s is not a reporting year.") % {"year": year})
    if not source.strip():
        raise refuse(
            "statistic_source_missing", _("Say where the figure comes from (the system or document).")
        )
    if not has_role(actor, agency, *WORKING_ROLES):
        raise refuse(
            "not_allowed", _("Only staff of %(agency)s may enter its figures.") % {"agency": agency.name}
        )
    with transaction.atomic():
        existing = (
            YearStatistic.objects.select_for_update().filter(agency=agency, year=year, item=item).first()
        )
        before = existing.value if existing else None
        stat = existing or YearStatistic(agency=agency, year=year, item=item)
        stat.value, stat.source, stat.entered_by, stat.entered_at = amount, source.strip(), actor, now(clock)
        stat.save()
        log(
            agency,
            "publications.statistic_entered",
            actor=actor,
            clock=clock,
            data={"year": year, "item": item, "value": amount, "before": before, "source": stat.source},
        )
        return stat
