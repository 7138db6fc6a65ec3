"""A letter handed out as a file: the DOCX or the PDF, as issued or as its masked copy, every download
audited."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ..models import Letter
from .frozen import docx_of, pdf_of
from .masking import masked_docx, masked_pdf

FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def download(letter: Letter, fmt: str, *, actor, actor_label: str = "", masked: bool = False):
    """The file as an attachment response; every download is audited (who, which letter, which format,
    whether the masked copy). The caller has checked access to the application and decided whether the
    reader gets the letter as issued or its ``masked_copy`` (a role that may not unmask the applicant)."""
    from django.http import Http404, HttpResponse
    from django.utils.http import content_disposition_header

    from gongkai_web.audit.services import log

    if fmt not in FORMATS:
        raise Http404
    if masked:
        body = masked_docx(letter) if fmt == "docx" else masked_pdf(letter)
    else:
        body = docx_of(letter) if fmt == "docx" else pdf_of(letter)
    log(
        letter.application,
        "letters.downloaded",
        actor=actor,
        actor_label=actor_label,
        data={"letter": letter.pk, "number": letter.number, "format": fmt, "masked": masked},
    )
    response = HttpResponse(body, content_type=FORMATS[fmt])
    response["Content-Disposition"] = (
        content_disposition_header(True, _filename(letter, fmt, masked=masked)) or ""
    )
    return response


def _filename(letter: Letter, fmt: str, *, masked: bool) -> str:
    """query code-title.format, the title marked when the file is the masked copy."""
    title = _("%(title)s (masked copy)") % {"title": letter.title} if masked else letter.title
    return f"{letter.application.query_code}-{title}.{fmt}"
