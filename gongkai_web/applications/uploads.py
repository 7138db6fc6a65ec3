"""Attachment checks: size, count and type, where the type is decided by the file's first bytes, so a
renamed executable ("身份证.jpg") is refused whatever its name or the browser's claimed type."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

#: extension → (content type, magic prefixes)
ALLOWED = {
    "pdf": ("application/pdf", (b"%PDF-",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "ofd": ("application/ofd", (b"PK\x03\x04",)),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (b"PK\x03\x04",)),
}

#: The accepted types as the applicant knows them, in the order above (JPEG is JPG): “PDF/JPG/PNG/OFD/DOCX”.
ACCEPTED_TYPES = "/".join(dict.fromkeys("JPG" if ext == "jpeg" else ext.upper() for ext in ALLOWED))
#: For the file input's ``accept``: the browser's file picker offers these first.
ACCEPT_ATTRIBUTE = ",".join(f".{ext}" for ext in ALLOWED)


def accepted_types_note() -> str:
    """The hint under a file field, from the list above."""
    return _("Accepted file types: %(types)s.") % {"types": ACCEPTED_TYPES}


@dataclass
class CheckedUpload:
    upload: UploadedFile
    purpose: str
    content_type: str
    sha256: str

    def save_for(self, app):
        """The ``Attachment`` of ``app`` holding this file."""
        from .models import Attachment

        self.upload.seek(0)
        # An uploaded file has a name and a size (check_upload read both).
        assert self.upload.name is not None and self.upload.size is not None
        return Attachment.objects.create(
            application=app,
            purpose=self.purpose,
            file=self.upload,
            original_name=self.upload.name[:200],
            content_type=self.content_type,
            size=self.upload.size,
            sha256=self.sha256,
        )


def check_upload(upload: UploadedFile, purpose: str) -> CheckedUpload:
    limit = settings.GONGKAI_ATTACHMENT_MAX_BYTES
    assert upload.name is not None and upload.size is not None  # a file a request carried has both
    if upload.size > limit:
        raise ValidationError(
            _("The attachment “%(name)s” is %(size)s MB, over the limit of %(limit)s MB.")
            % {"name": upload.name, "size": f"{upload.size / 1048576:.1f}", "limit": limit // 1048576}
        )
    ext = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if ext not in ALLOWED:
        raise ValidationError(
            _(
                "The attachment “%(name)s” is of a type not supported; please upload a file of one of these types: %(types)s."
            )
            % {"name": upload.name, "types": ACCEPTED_TYPES}
        )
    content_type, magics = ALLOWED[ext]
    upload.seek(0)
    head = upload.read(16)
    if not any(head.startswith(m) for m in magics):
        raise ValidationError(
            _(
                "The content of the attachment “%(name)s” does not match its extension (.%(ext)s); please upload the real file."
            )
            % {"name": upload.name, "ext": ext}
        )
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    return CheckedUpload(upload, purpose, content_type, digest.hexdigest())
