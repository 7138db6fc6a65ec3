"""The text of a draft: the file a drafter uploads (DOCX, PDF or HTML), kept with the document, and its
text extracted by the core (``gongkai.publications.text``) and stored for search."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import transaction

from gongkai.publications import text as core_text
from gongkai_web.accounts.access import WORKING_ROLES
from gongkai_web.audit.services import log
from gongkai_web.clocks import Clock

from ..errors import refuse
from ..models import Document, Stage
from .common import lock, require_role, require_stage


def attach_text(
    doc: Document, *, data: bytes, name: str, content_type: str, actor, clock: Clock | None = None
) -> Document:
    """Replace the draft's text by the one extracted from ``data`` (the file ``name``); refused when the
    file cannot be read, and once the document is signed (the signed text is the one published)."""
    with transaction.atomic():
        doc = lock(doc)
        require_role(actor, doc, *WORKING_ROLES, step="drafted")
        require_stage(doc, Stage.DRAFT, Stage.IN_COMMENT, step="drafted")
        try:
            kind, text = core_text.extract_text(data, name=name)
        except core_text.TextError as exc:
            raise refuse(exc.code.partition(".")[2], exc.message, **exc.params) from None
        old = doc.text_file.name if doc.text_file else ""
        doc.text = text
        doc.text_file.save(name[:100], ContentFile(data), save=False)
        doc.text_file_name, doc.text_file_type = name[:200], content_type
        doc.save(update_fields=["text", "text_file", "text_file_name", "text_file_type"])
        log(
            doc,
            "publications.text_attached",
            actor=actor,
            clock=clock,
            data={"name": name, "kind": kind, "characters": len(text), "replaced": old},
        )
        return doc


def add_attachment(doc: Document, *, upload, actor, clock: Clock | None = None):
    """A 附件 of the document (PDF, images, OFD, DOCX: checked like the applicants' files, by type, first
    bytes and size), kept with it until publication; afterwards the published document is not changed."""
    from django.core.exceptions import ValidationError

    from gongkai_web.applications.uploads import check_upload

    from ..models import DocumentFile

    try:
        checked = check_upload(upload, "attachment")
    except ValidationError as exc:
        raise refuse("attachment_refused", " ".join(exc.messages)) from None
    with transaction.atomic():
        doc = lock(doc)
        require_role(actor, doc, *WORKING_ROLES, step="drafted")
        require_stage(doc, Stage.DRAFT, Stage.IN_COMMENT, Stage.SIGNED, Stage.REGISTERED, step="drafted")
        upload.seek(0)
        found = DocumentFile(
            document=doc,
            original_name=upload.name[:200],
            content_type=checked.content_type,
            size=upload.size,
            sha256=checked.sha256,
        )
        found.file.save(upload.name[:100], upload, save=False)
        found.save()
        log(
            doc,
            "publications.attachment_added",
            actor=actor,
            clock=clock,
            data={"name": found.original_name, "size": found.size},
        )
        return found
