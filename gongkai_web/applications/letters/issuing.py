"""Issuing one letter: the records are translated into the core's ``LetterContext`` (agency details from
its 政府信息公开指南 fields), the core composes the letter, and it is numbered and stored with the
application. Its DOCX and PDF are not rendered here (``frozen``), so issuing costs no rendering."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.utils.translation import gettext as _

from gongkai import letters as core
from gongkai.errors import GongkaiError
from gongkai_web.agencies.models import Agency
from gongkai_web.fastinsert import insert

from ..errors import refuse
from ..models import Application, ApplicationEvent, Letter
from .frozen import freeze
from .numbering import next_number

#: Set by ``unnumbered``: the words that stand for the 文号 while letters are composed for a preview.
_UNNUMBERED: ContextVar[str | None] = ContextVar("unnumbered_letters", default=None)


@contextmanager
def unnumbered(placeholder: str) -> Iterator[None]:
    """Within it, ``issue`` composes letters exactly as it would issue them, but takes no number from the
    sequence (``placeholder`` stands for it) and stores nothing: the letter returned is unsaved."""
    token = _UNNUMBERED.set(placeholder)
    try:
        yield
    finally:
        _UNNUMBERED.reset(token)


def agency_details(agency: Agency) -> core.AgencyDetails:
    return core.AgencyDetails(
        name=agency.name,
        address=agency.address,
        postcode=agency.postcode,
        phone=agency.phone,
        contact=agency.office_name,
        review_body=agency.review_body_name(),
    )


def issue(
    app: Application, kind: str, *, issued_on: dt.date, event: ApplicationEvent | None = None, **fields: Any
) -> Letter:
    """Compose and store one letter; a ``LetterError`` from the core becomes a refusal of the step that
    issues it. Its words are fixed here (``composed``, ``text``); the DOCX and the PDF are laid out from
    them on first use (``docx_of``, ``pdf_of``), so issuing costs no rendering."""
    placeholder = _UNNUMBERED.get()
    serial, number = (0, placeholder) if placeholder is not None else next_number(app.agency, issued_on.year)
    try:
        letter = core.compose(kind, _context(app, number=number, issued_on=issued_on, **fields))
    except GongkaiError as exc:
        raise refuse("letter_refused", exc.message, kind=kind) from None
    stored = Letter(
        application=app,
        agency=app.agency,
        event=event,
        kind=letter.kind.value,
        title=letter.title,
        number=number,
        year=issued_on.year,
        serial=serial,
        addressee=letter.addressee,
        to_applicant=core.LetterKind(kind) not in core.TO_CONSULTEE,
        issued_on=issued_on,
        outcome=letter.outcome or "",
        text=letter.text(),
        composed=freeze(letter),
    )
    if placeholder is None:
        insert(stored)
    return stored


def received_on(app: Application) -> dt.date:
    """The date of receipt every letter cites; an application is given one when it is registered."""
    if app.received_on is None:
        raise refuse("letter_not_received", _("The application has no date of receipt yet."))
    return app.received_on


def _context(app: Application, *, number: str, issued_on: dt.date, **fields: Any) -> core.LetterContext:
    applicant = core.ApplicantDetails(
        name=app.name, address=app.address, organisation=app.applicant_type == "organisation"
    )
    return core.LetterContext(
        agency=agency_details(app.agency),
        applicant=applicant,
        number=number,
        issued_on=issued_on,
        received_on=received_on(app),
        request_summary=app.description,
        query_code=app.query_code,
        channel=app.channel,
        request_kind=app.kind,
        **fields,
    )
