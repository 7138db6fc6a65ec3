"""Attachment checks: size, count and type, where the type is decided by the file's first bytes, so a
renamed executable ("身份证.jpg") is refused whatever its name or the browser's claimed type."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

#: extension → (content type, magic prefixes)
ALLOWED = {
    "pdf": ("application/pdf", (b"%PDF-",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "ofd": ("application/ofd", (b"PK\x03\x04",)),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (b"PK\x03\x04",)),
}


@dataclass
class CheckedUpload:
    upload: UploadedFile
    purpose: str
    content_type: str
    sha256: str

    def save_for(self, app) -> None:
        from .models import Attachment

        self.upload.seek(0)
        Attachment.objects.create(
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
    if upload.size > limit:
        raise ValidationError(
            f"附件“{upload.name}”大小为{upload.size / 1048576:.1f} MB，超过{limit // 1048576} MB的上限。"
        )
    ext = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if ext not in ALLOWED:
        raise ValidationError(f"附件“{upload.name}”的类型不受支持，请上传 PDF、JPG、PNG、OFD 或 DOCX 文件。")
    content_type, magics = ALLOWED[ext]
    upload.seek(0)
    head = upload.read(16)
    if not any(head.startswith(m) for m in magics):
        raise ValidationError(f"附件“{upload.name}”的内容与其扩展名（.{ext}）不符，请上传真实的文件。")
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    return CheckedUpload(upload, purpose, content_type, digest.hexdigest())
