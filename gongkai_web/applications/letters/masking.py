"""Masked copies of a letter (issue 11, item 4) for a role that may not see the applicant in full:
composed from the stored words on each request and never stored."""

from __future__ import annotations

import dataclasses

from gongkai import letters as core
from gongkai.letters.wording import DELIVERY_ADDRESS, MASKED_COPY_NOTE

from .. import identity
from ..models import Letter
from .frozen import thaw

__all__ = ["MASKED_COPY_NOTE", "masked_copy", "masked_docx", "masked_pdf"]


def masked_copy(letter: Letter) -> core.Letter:
    """The letter as issued, with the personal data a masked role may not see masked as on the screens
    (``identity.masked_applicant``): the applicant's name as addressee, the delivery address, each of the
    applicant's identifiers and each consulted third party's name wherever the text quotes them (the
    request as the applicant wrote it, the handler's reasons), and the third party's name as addressee
    of the letters sent to it. Agencies' names stay. Composed from the stored words on each request and
    never stored: the letter itself (``composed``, ``text``, the cached files) is not touched."""
    app = letter.application
    issued = thaw(letter.composed)
    third_parties = identity.third_parties(app)
    if letter.kind in identity.THIRD_PARTY_LETTERS:
        third_parties.append(issued.addressee)
    scrub = identity.scrubber(app, third_party_names=third_parties)
    closing = tuple(
        DELIVERY_ADDRESS + identity.MASKED_ADDRESS if line.startswith(DELIVERY_ADDRESS) else scrub(line)
        for line in issued.closing
    )
    return dataclasses.replace(
        issued,
        addressee=_masked_addressee(letter, issued, scrub),
        closing=closing,
        title=scrub(issued.title),
        paragraphs=tuple(scrub(text) for text in issued.paragraphs),
        attachments=tuple(scrub(text) for text in issued.attachments),
        basis=scrub(issued.basis),
        remedy=scrub(issued.remedy),
        copy_note=MASKED_COPY_NOTE,
    )


def _masked_addressee(letter: Letter, issued: core.Letter, scrub) -> str:
    if letter.to_applicant:  # the name as it was when the letter was issued
        return identity.mask_applicant_name(letter.application, issued.addressee)
    if letter.kind in identity.THIRD_PARTY_LETTERS:
        return identity.mask_third_party(issued.addressee)
    return scrub(issued.addressee)


def masked_docx(letter: Letter) -> bytes:
    return core.render_docx(masked_copy(letter))


def masked_pdf(letter: Letter) -> bytes:
    return core.render_pdf(masked_copy(letter))
