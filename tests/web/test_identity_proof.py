"""李四 opens the identity proof 张三 attached (logged, like an unmasking); the supervising office
sees that a proof exists but cannot open it."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile

from gongkai_web.applications.models import Attachment
from gongkai_web.audit.models import AuditEntry


@pytest.fixture
def proof(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return Attachment.objects.create(
        application=world.app_a,
        purpose="identity",
        file=ContentFile(b"%PDF-1.4 scan of an ID card", "id.pdf"),
        original_name="张三身份证.pdf",
        content_type="application/pdf",
        size=27,
        sha256="0" * 64,
    )


def test_the_handler_opens_the_identity_proof_and_the_opening_is_logged(client, world, proof):
    client.force_login(world.lisi)
    page = client.get(f"/staff/applications/{world.app_a.pk}/").content.decode()
    # the file name carries the applicant's name: masked like her name until an audited unmasking
    assert "身份证明" in page and "张*身份证.pdf" in page and "张三身份证.pdf" not in page
    assert "张三身份证.pdf" in client.post(f"/staff/applications/{world.app_a.pk}/unmask/").content.decode()
    response = client.get(f"/staff/applications/{world.app_a.pk}/attachments/{proof.pk}/")
    assert (
        response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 scan of an ID card"
    )
    entry = AuditEntry.objects.get(action="applications.attachment_opened")
    assert entry.actor == world.lisi and entry.data["name"] == "张三身份证.pdf"


def test_the_supervising_office_sees_that_a_proof_exists_but_cannot_open_it(client, world, proof):
    client.force_login(world.zhaoliu)
    page = client.get(f"/staff/applications/{world.app_a.pk}/").content.decode()
    assert (
        "张*身份证.pdf" in page and "张三身份证.pdf" not in page and f"/attachments/{proof.pk}/" not in page
    )
    assert client.get(f"/staff/applications/{world.app_a.pk}/attachments/{proof.pk}/").status_code == 404
    assert not AuditEntry.objects.filter(action="applications.attachment_opened").exists()
