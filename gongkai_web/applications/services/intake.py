"""Intake: the public form (``submit_application``, the hot path: its SQL is pinned by a test) and
staff entry of an application that arrived in person, by post, fax or e-mail."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.labels import AUDIT_APPLICANT
from gongkai_web import casework
from gongkai_web.agencies.models import Agency, OnlineReceipt
from gongkai_web.audit.services import log
from gongkai_web.clocks import Clock, now, today
from gongkai_web.fastinsert import insert

from .. import codes, deadline, letters, notify
from ..errors import refuse
from ..models import Application, ApplicationEvent, Channel, EventKind, ReceiptRule, RequestKind, Status
from .common import require_not_before, require_not_future
from .receipt import CHANNEL_RULES

APPLICANT_FIELDS = Application.APPLICANT_FIELDS  # the personal ones declared once, on the model


def submit_application(
    agency: Agency, data: dict[str, Any], *, token: str, actor=None, clock: Clock | None = None
) -> tuple[Application, str | None]:
    """The public form. Returns ``(application, secret)``; ``secret`` is None when ``token`` was
    already used (a double submission), in which case the first application is returned: the unique
    token refuses the second insert (``_once``), so a first submission costs no lookup."""
    if not agency.accepts_applications:
        raise refuse(
            "agency_not_accepting",
            _(
                "“%(agency)s” does not accept disclosure applications; please apply to the agency it belongs to."
            )
            % {"agency": agency.name},
        )
    arrived = now(clock)
    automatic = agency.online_receipt == OnlineReceipt.AUTOMATIC
    return _once(
        token,
        lambda: _create(
            agency,
            data,
            channel=Channel.online,
            arrived_at=arrived,
            token=token,
            received_on=today(clock) if automatic else None,
            rule=ReceiptRule.ELECTRONIC_RECEIPT if automatic else ReceiptRule.MUTUAL_CONFIRMATION,
            actor=actor,
            clock=clock,
        ),
    )


def _once(token: str | None, create) -> tuple[Application, str | None]:
    """Create under the form's one-time token (``casework.create_once``): a second POST of the same form
    returns the first application and no secret instead of creating another."""
    made, created = casework.create_once(Application, token, create)
    return made if created else (made, None)


#: How long after a submission a re-post of the same form (its first answer lost: a dropped
#: connection, a double click) still gets a receipt with a new query password.
REPOST_WINDOW = dt.timedelta(minutes=10)
#: What a re-post must repeat exactly: the answer was lost, so the browser sends the very same form.
REPOST_SAME = ("applicant_type", "name", "id_number", "credit_code", "phone", "email", "description")


def reissue_query_password(app: Application, data: dict[str, Any], *, clock: Clock | None = None) -> str:
    """The same form posted again shortly after it was stored: the browser that sent it never saw the
    first answer (or saw it replaced), so it gets the receipt again with a new password, and the old
    one stops working. Refused — nothing changes — for an application an account owns (its owner
    sees it there), one staff registered, one whose parts were split off, a re-post that differs from
    what was stored, or one that comes late (a back button on a shared computer)."""
    same = (
        all((data.get(field) or "") == (getattr(app, field) or "") for field in REPOST_SAME)
        and data.get("agency") == app.agency
    )
    if (
        app.submission_token is None
        or app.channel != Channel.online
        or app.applicant_user_id is not None
        or app.split_children.exists()
        or not same
        or now(clock) - app.arrived_at > REPOST_WINDOW
    ):
        raise refuse(
            "repost_refused",
            _(
                "This form was already submitted on %(time)s (query code %(code)s); there is no need to submit it again."
            )
            % {"time": f"{timezone.localtime(app.arrived_at):%Y-%m-%d %H:%M}", "code": app.query_code},
        )
    secret = codes.new_secret()
    with transaction.atomic():
        Application.objects.filter(pk=app.pk).update(secret_digest=codes.digest(secret))
        log(
            app,
            "applications.query_password_reissued",
            actor_label=AUDIT_APPLICANT.format(query_code=app.query_code),
            data={"reason": "repost"},
            clock=clock,
        )
    app.secret_digest = codes.digest(secret)
    return secret


def upgrade_secret_digest(app: Application, secret: str) -> Application:
    """Re-key a stored digest made under an older key (``codes.secret_matches``) once its password was
    given correctly, for the application and the parts split from it (they share the password).
    Nothing to do when it is already under the digest key."""
    fresh = codes.digest(secret)
    if app.secret_digest == fresh:
        return app
    root = app.parent_id or app.pk
    with transaction.atomic():
        family = Application.objects.filter(Q(pk=root) | Q(parent_id=root), secret_digest=app.secret_digest)
        count = family.update(secret_digest=fresh)
        log(
            app,
            "applications.secret_rekeyed",
            actor_label=AUDIT_APPLICANT.format(query_code=app.query_code),
            data={"applications": count},
        )
    app.secret_digest = fresh
    return app


def register_application(
    agency: Agency,
    data: dict[str, Any],
    *,
    channel: str,
    arrived_at: dt.datetime,
    received_on: dt.date | None,
    actor,
    token: str | None = None,
    clock: Clock | None = None,
) -> tuple[Application, str | None]:
    """Staff entry of an application that arrived in person, by post, fax or e-mail (条例第三十一条).

    ``received_on`` follows the channel's rule: the day handed in, the day signed for, or the day of
    confirmation with the applicant; None leaves it awaiting confirmation (plain letters, fax, e-mail).
    ``token`` is the entry form's one-time token, as on the public form: a second POST of the same
    form returns ``(first application, None)``."""
    token = token or None
    if token and (existing := Application.objects.filter(submission_token=token).first()):
        return existing, None
    rule = CHANNEL_RULES[Channel(channel)]
    if rule == ReceiptRule.HANDED_IN:
        received_on = timezone.localdate(arrived_at)  # in person: the day it was handed in, no choice
    require_not_future(timezone.localdate(arrived_at), _("date of arrival"), clock)
    if received_on is not None:
        require_not_future(received_on, _("Received on"), clock)
        require_not_before(
            received_on, timezone.localdate(arrived_at), _("Received on"), _("date of arrival")
        )
    return _once(
        token,
        lambda: _create(
            agency,
            data,
            channel=channel,
            arrived_at=arrived_at,
            token=token,
            received_on=received_on,
            rule=rule,
            actor=actor,
            clock=clock,
            entered_by=actor,
        ),
    )


def _create(
    agency, data, *, channel, arrived_at, token, received_on, rule, actor, clock, entered_by=None
) -> tuple[Application, str]:
    secret = codes.new_secret()
    fields = {k: data.get(k, "") for k in APPLICANT_FIELDS}
    fields["delivery_methods"] = list(data.get("delivery_methods") or [])
    fields["kind"] = data.get("kind") or RequestKind.DISCLOSURE
    app = Application(
        agency=agency,
        query_code=codes.new_query_code(),
        secret_digest=codes.digest(secret),
        submission_token=token,
        channel=channel,
        arrived_at=arrived_at,
        received_on=received_on,
        receipt_rule=rule if received_on else "",
        entered_by=entered_by,
        applicant_user=data.get("applicant_user"),
        status=Status.IN_PROGRESS if received_on else Status.SUBMITTED,
        **fields,
    )
    events = [
        ApplicationEvent(
            kind=EventKind.SUBMITTED,
            on=timezone.localdate(arrived_at),
            data={"channel": channel},
            actor=entered_by,
        )
    ]
    if received_on:
        events.append(
            ApplicationEvent(
                kind=EventKind.RECEIPT_CONFIRMED, on=received_on, data={"rule": rule}, actor=entered_by
            )
        )
    # The clock replays the events about to be stored, so the deadline goes in with the row.
    view = deadline.evaluate(app, today=today(clock), events=events)
    app.due_on, app.due_provisional = view.due_on, view.provisional
    insert(app)
    for upload in data.get("attachments", ()):
        upload.save_for(app)
    for event in events:
        event.application = app
    insert(*events)
    if received_on:
        letters.issue_receipt(app, events[-1])  # 接收回执 with the statutory deadline
        notify.receipt(app, clock=clock)  # sent once the application is stored
    log(
        app,
        "applications.submitted" if entered_by is None else "applications.registered",
        actor=actor,
        actor_label="" if actor else AUDIT_APPLICANT.format(query_code=app.query_code),
        data={"channel": channel, "received_on": received_on, "rule": rule},
        clock=clock,
    )
    return app, secret
