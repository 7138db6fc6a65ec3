"""信息处理费: the fee from the records (按件) or the page count (按量), the notice and the payment."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from gongkai import deadlines as core_deadlines
from gongkai import outcomes
from gongkai.labels import FEE_BASIS_PER_ITEM, FEE_BASIS_PER_PAGE
from gongkai_web.clocks import Clock

from .. import letters, notify
from ..errors import refuse
from ..models import Application, EventKind, RequestKind, Status
from .common import last_event, lock_step, record, require_not_before, require_not_future


def same_applicant(app: Application):
    """The applications of ``app``'s applicant (legal-rules §6.5 “same applicant”): the same citizen by
    ID document and number, the same organisation by 统一社会信用代码; without either, the same
    applicant account; otherwise only ``app`` itself. Identities are never merged automatically."""
    if app.applicant_type == "organisation" and app.credit_code:
        return Application.objects.filter(applicant_type="organisation", credit_code=app.credit_code)
    if app.id_number:
        return Application.objects.filter(id_type=app.id_type, id_number=app.id_number)
    if app.applicant_user_id:
        return Application.objects.filter(applicant_user_id=app.applicant_user_id)
    return Application.objects.filter(pk=app.pk)


def fee_item_number(app: Application) -> int:
    """按件计收 (国办函〔2020〕109号): the position of ``app`` among its applicant's applications *to this
    agency* in the calendar month of its receipt date, counting this one — “本月第N件”.

    Counting unit (legal-rules §6.2): cumulative items of the same applicant within one natural month;
    §6.5: an item counts in the month of its ``received_on``; a split application counts once per part
    (§6.2 一事一申请, worked examples in §6.6). §6 names no wider unit than the applicant's applications
    to the agency that charges, and an agency knows only its own records, so the count is per agency.
    Order within the month: receipt date, then arrival, then entry (split parts follow their original)."""
    if app.received_on is None:
        raise refuse(
            "fee_before_receipt",
            _(
                "Receipt of the application is not yet confirmed, so its item number in the month cannot be computed."
            ),
        )
    month = app.received_on.replace(day=1)
    earlier = (
        Q(received_on__lt=app.received_on)
        | Q(received_on=app.received_on, arrived_at__lt=app.arrived_at)
        | Q(received_on=app.received_on, arrived_at=app.arrived_at, pk__lte=app.pk)
    )
    return (
        same_applicant(app)
        .filter(earlier, agency_id=app.agency_id, received_on__gte=month, kind=RequestKind.DISCLOSURE)
        .count()
    )  # not 条例第四十一条 corrections


def fee_for(app: Application, *, pages: int | None = None) -> tuple[int, str]:
    """The fee of ``app`` under its agency's published mode, with the basis the notice states:
    按件 from the records (``fee_item_number``), 按量 from the page count staff enter."""
    from gongkai import fees

    if app.agency.fee_mode == "per_page":
        if not pages or pages < 1:
            raise refuse("fee_pages_missing", _("A per-page fee needs the number of pages."))
        return int(fees.per_page_fee(pages)), FEE_BASIS_PER_PAGE.format(pages=pages)
    n = fee_item_number(app)
    assert app.received_on is not None  # fee_item_number refuses an application not yet received
    basis = FEE_BASIS_PER_ITEM.format(year=f"{app.received_on:%Y}", month=app.received_on.month, n=n)
    return int(fees.per_item_fee_for_item(n)), basis


def send_fee_notice(
    app: Application,
    *,
    sent_on: dt.date,
    pages: int | None = None,
    applicant_received_on: dt.date | None = None,
    actor,
    clock: Clock | None = None,
) -> Application:
    """The amount comes from ``gongkai.fees`` via ``fee_for``: the item position is computed from the
    records, never typed; only a per-page agency's page count is entered."""
    if app.agency.fee_mode == "none":
        raise refuse(
            "agency_does_not_charge",
            _(
                "The guide of “%(agency)s” publishes no way of charging, so no information processing fee can be charged."
            )
            % {"agency": app.agency.name},
        )
    with transaction.atomic():
        app = lock_step(app, "fee")
        if app.events.filter(kind=EventKind.FEE_NOTICE_SENT).exists():
            raise refuse("fee_twice", _("A fee notice has already been sent for this application."))
        amount_yuan, basis = fee_for(app, pages=pages)
        if amount_yuan <= 0:
            raise refuse(
                "fee_zero",
                _("The fee by the standard is 0 yuan (%(basis)s), so no fee notice is needed.")
                % {"basis": basis},
                basis=basis,
            )
        require_not_future(sent_on, _("date of the fee notice"), clock)
        received = applicant_received_on or sent_on
        require_not_before(received, sent_on, _("Applicant received it on"), _("date sent"))
        app.status = Status.FEE_PENDING
        app.save(update_fields=["status"])
        event = record(
            app,
            EventKind.FEE_NOTICE_SENT,
            sent_on,
            actor=actor,
            clock=clock,
            data={
                "amount_yuan": amount_yuan,
                "basis": basis,
                "applicant_received_on": received.isoformat(),
                "payment_due": core_deadlines.payment_due(received).isoformat(),
            },
        )
        letters.issue_fee_notice(app, event)
        notify.fee(
            app, amount_yuan=amount_yuan, payment_due=core_deadlines.payment_due(received), clock=clock
        )
        return app


def record_fee_payment(
    app: Application, *, paid_on: dt.date, receipt_number: str = "", actor, clock: Clock | None = None
) -> Application:
    with transaction.atomic():
        app = lock_step(app, "payment")
        require_not_future(paid_on, _("Paid on"), clock)
        notice = last_event(app, EventKind.FEE_NOTICE_SENT)
        assert notice is not None  # the step is allowed only while a fee notice is pending
        due = dt.date.fromisoformat(notice.data["payment_due"])
        if paid_on > due:
            raise refuse(
                "fee_paid_late",
                _(
                    "The period for payment ended on %(day)s: the application is deemed abandoned and is to be "
                    "concluded as “%(outcome)s”."
                )
                % {"day": f"{due:%Y-%m-%d}", "outcome": outcomes.label("abandoned_no_fee")},
                due=due,
            )
        app.status = Status.IN_PROGRESS
        app.save(update_fields=["status"])
        record(
            app,
            EventKind.FEE_PAID,
            paid_on,
            actor=actor,
            clock=clock,
            data={"receipt_number": receipt_number},
        )
        return app
