"""The 送达 of a letter to the applicant (legal-rules §7.1 "delivery", §4.2 rule 5): how, when, with what
proof. The date of service of a decision starts the applicant's remedy periods (``gongkai.remedies``)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai import remedies
from gongkai.labels import SERVICE_METHODS
from gongkai_web.audit.services import log
from gongkai_web.clocks import Clock

from ..errors import refuse
from ..models import Application, Delivery, Letter
from ..uploads import check_upload
from .common import lock, require_not_before, require_not_future

#: The letters that are decisions: their service starts the remedy periods.
DECISION_KINDS = ("reply", "correction_reply")


def record_delivery(
    letter: Letter,
    *,
    method: str,
    delivered_on: dt.date,
    proof_note: str = "",
    proof_upload: UploadedFile | None = None,
    actor,
    clock: Clock | None = None,
) -> Delivery:
    """Record how and when ``letter`` was served on the applicant, with a note or a file as proof.
    Refused for a letter to a consulted party, a second record, an unknown method, a date in the
    future or before the letter was issued, or no proof."""
    from gongkai_web.accounts.access import can_handle

    proof_note = proof_note.strip()
    if method not in SERVICE_METHODS:
        raise refuse("delivery_method_unknown", _("Choose how the letter was served."), method=method)
    if not proof_note and not proof_upload:
        raise refuse(
            "delivery_proof_missing",
            _("Give the proof of service: a note (tracking number, who signed) or the signed receipt."),
        )
    checked = None
    if proof_upload:
        try:
            checked = check_upload(proof_upload, "delivery")
        except ValidationError as exc:
            raise refuse("delivery_proof_refused", " ".join(exc.messages)) from None
    with transaction.atomic():
        app = lock(letter.application)
        if not can_handle(actor, app.agency):
            raise refuse("not_handler", _("Only those who handle this agency's applications may do this."))
        letter = Letter.objects.select_for_update().get(pk=letter.pk, application=app)
        if not letter.to_applicant:
            raise refuse(
                "delivery_not_to_applicant",
                _("Only the service of letters to the applicant is recorded here."),
            )
        if Delivery.objects.filter(letter=letter).exists():
            raise refuse(
                "delivery_already_recorded",
                _("The service of %(number)s is already recorded.") % {"number": letter.number},
            )
        require_not_future(delivered_on, _("date of service"), clock)
        require_not_before(delivered_on, letter.issued_on, _("date of service"), _("date of issue"))
        delivery = Delivery(
            letter=letter, method=method, delivered_on=delivered_on, proof_note=proof_note, recorded_by=actor
        )
        if checked is not None:
            checked.upload.seek(0)
            assert checked.upload.name is not None
            delivery.proof_file = checked.upload
            delivery.proof_name = checked.upload.name[:200]
            delivery.proof_content_type = checked.content_type
        delivery.save()
        log(
            app,
            "applications.delivery_recorded",
            actor=actor,
            clock=clock,
            data={
                "letter": letter.pk,
                "number": letter.number,
                "method": method,
                "on": delivered_on,
                "proof_file": delivery.proof_name,
            },
        )
        return delivery


def open_delivery_proof(letter: Letter, *, actor, clock: Clock | None = None) -> Delivery:
    """The proof file of ``letter``'s service, for staff who may unmask (a signed receipt shows the
    applicant's name and signature), each opening logged like an applicant's attachment. Raises
    ``Delivery.DoesNotExist`` when no proof file was recorded."""
    from gongkai_web.accounts.access import can_unmask

    if not can_unmask(actor, letter.application.agency):
        raise refuse("unmask_forbidden", _("Your role may not see the applicant's full personal data."))
    delivery = Delivery.objects.exclude(proof_file="").get(letter=letter)
    log(
        letter.application,
        "applications.delivery_proof_opened",
        actor=actor,
        clock=clock,
        data={"letter": letter.pk, "number": letter.number, "name": delivery.proof_name},
    )
    return delivery


def served_decision(app: Application) -> Delivery | None:
    """The service of the application's latest decision letter to the applicant, if recorded."""
    return (
        Delivery.objects.filter(
            letter__application=app, letter__kind__in=DECISION_KINDS, letter__to_applicant=True
        )
        .select_related("letter")
        .order_by("-letter__issued_on", "-letter__id")
        .first()
    )


def remedy_windows(app: Application) -> tuple[remedies.RemedyWindow, ...]:
    """The applicant's periods for 行政复议 and 行政诉讼, counted from the service of the decision; none
    until its service is recorded."""
    served = served_decision(app)
    if served is None:
        return ()
    outcome = served.letter.outcome if served.letter.kind == "reply" else None
    return remedies.remedy_windows(served.delivered_on, outcome or None)
