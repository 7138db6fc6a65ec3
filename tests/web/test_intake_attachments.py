"""An identity proof attached to the public form: a real PDF is stored; a file disguised as an image
or one over the size limit is refused, and then nothing is stored."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai_web.applications.models import Application, Attachment

from .fixtures import form_data


def test_a_disguised_attachment_is_refused(client, world):
    fake = SimpleUploadedFile("身份证.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg")
    response = client.post("/apply/", {**form_data(world), "identity_proof": fake})
    assert "不符" in response.content.decode()
    assert (
        not Application.objects.exists()
        or not Application.objects.filter(submission_token="tok-123").exists()
    )
    assert Attachment.objects.count() == 0


def test_an_oversize_attachment_is_refused(client, world, settings):
    settings.GONGKAI_ATTACHMENT_MAX_BYTES = 1024
    big = SimpleUploadedFile("scan.pdf", b"%PDF-1.7\n" + b"0" * 2048, content_type="application/pdf")
    response = client.post("/apply/", {**form_data(world), "identity_proof": big})
    assert "超过" in response.content.decode()
    assert not Application.objects.filter(submission_token="tok-123").exists()


def test_a_real_pdf_attachment_is_stored(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    pdf = SimpleUploadedFile("scan.pdf", b"%PDF-1.7\n%%EOF\n", content_type="application/pdf")
    client.post("/apply/", {**form_data(world), "identity_proof": pdf})
    assert Attachment.objects.get().purpose == "identity"
