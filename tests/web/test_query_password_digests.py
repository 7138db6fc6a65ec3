"""Query passwords are stored as digests that do not depend on the signing key: rotating the key
leaves every password working, a digest made under the signing key is moved to the digest key when its
password is next given, and a digest shared by two applications opens only the one asked for."""

from __future__ import annotations

from django.test import Client

from gongkai_web.applications import codes
from gongkai_web.applications.models import Application
from gongkai_web.audit.models import AuditEntry


def test_rotating_the_signing_key_leaves_every_query_password_working(client, world, settings):
    old_key = settings.SECRET_KEY
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = "n" * 60, [old_key]
    app = world.app_b
    assert client.post("/track/", {"query_code": app.query_code, "secret": app.secret}).status_code == 302
    settings.SECRET_KEY_FALLBACKS = []  # the old signing key retired at once: passwords do not depend on it
    assert Client().post("/track/", {"query_code": app.query_code, "secret": app.secret}).status_code == 302
    assert not AuditEntry.objects.filter(action="applications.secret_rekeyed").exists()


def test_a_digest_stored_under_the_signing_key_before_the_digest_key_is_moved_to_it(client, world, settings):
    app = world.app_b
    legacy = codes.digest(app.secret, key=settings.SECRET_KEY)
    Application.objects.filter(pk=app.pk).update(secret_digest=legacy)
    assert client.post("/track/", {"query_code": app.query_code, "secret": app.secret}).status_code == 302
    app.refresh_from_db()
    assert app.secret_digest == codes.digest(app.secret) != legacy
    assert AuditEntry.objects.filter(action="applications.secret_rekeyed", object_id=str(app.pk)).count() == 1
    assert client.get(f"/track/{app.query_code}/").status_code == 200


def test_two_applications_that_share_a_digest_do_not_open_each_other(client, world):
    Application.objects.filter(pk=world.app_a.pk).update(secret_digest=world.app_b.secret_digest)
    assert (
        client.post(
            "/track/", {"query_code": world.app_b.query_code, "secret": world.app_b.secret}
        ).status_code
        == 302
    )
    assert client.get(f"/track/{world.app_b.query_code}/").status_code == 200
    assert client.get(f"/track/{world.app_a.query_code}/").status_code == 404


def test_every_stored_application_still_has_a_proof_its_password_gives(world):
    for app in Application.objects.all():
        assert codes.tracking_proof(app.secret_digest, codes.family_of(app))
