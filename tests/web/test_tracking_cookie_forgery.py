"""An attacker's view of the applicant's tracking cookie (issue 11, item 2): a tampered cookie, or one
forged with a signing key — the published default, even the leaked real one — opens no one's
application."""

from __future__ import annotations

import time

from django.core import signing
from django.test import Client

from gongkai_web.applications import codes, tracking

#: The key older installs shipped with in settings.py (published in the repository's history).
PUBLISHED_DEFAULT_KEY = "django-insecure-gongkai-development-only-key-0123456789"


def _cookie(payload, key=None) -> str:
    return signing.dumps(payload, key=key, salt=tracking._SALT, compress=True)


def _stranger_with(cookie: str) -> Client:
    stranger = Client()
    stranger.cookies[tracking.COOKIE] = cookie
    return stranger


def test_a_tampered_tracking_cookie_opens_nothing(client, world):
    code, secret = world.app_a.query_code, world.app_a.secret
    client.post("/track/", {"query_code": code, "secret": secret})
    assert client.get(f"/track/{code}/").status_code == 200
    value = client.cookies[tracking.COOKIE].value
    forged = [
        value[:-2] + ("AA" if not value.endswith("AA") else "BB"),
        signing.dumps({"t": [world.app_a.pk, world.app_b.pk]}, salt="another-salt"),
        signing.dumps({"t": [world.app_b.pk]}, key="not-the-secret-key", salt=tracking._SALT),
    ]
    for cookie in forged:
        stranger = Client()
        stranger.cookies[tracking.COOKIE] = cookie
        assert stranger.get(f"/track/{code}/").status_code == 404
        assert stranger.get(f"/track/{world.app_b.query_code}/").status_code == 404


def test_a_cookie_forged_with_the_published_default_key_opens_nothing(world, settings):
    settings.SECRET_KEY = PUBLISHED_DEFAULT_KEY  # an install still running with the old default
    victim = world.app_b
    for payload in (
        {"t": [victim.pk]},
        {"t": [[victim.pk, "0" * 32, int(time.time())]]},
        {"t": [[victim.pk, codes.tracking_proof(codes.digest("GUESSEDPASS"), victim.pk), int(time.time())]]},
    ):
        stranger = _stranger_with(_cookie(payload, key=PUBLISHED_DEFAULT_KEY))
        assert stranger.get(f"/track/{victim.query_code}/").status_code == 404
        assert stranger.get(f"/receipt/{victim.query_code}/").status_code == 404


def test_a_cookie_forged_with_the_leaked_real_key_opens_nothing(client, world):
    # The attacker has the key and their own application's genuine cookie, but not the victim's password.
    client.post("/track/", {"query_code": world.app_a.query_code, "secret": world.app_a.secret})
    assert client.get(f"/track/{world.app_a.query_code}/").status_code == 200
    genuine = signing.loads(client.cookies[tracking.COOKIE].value, salt=tracking._SALT)
    own_entry = genuine["t"][0]
    victim = world.app_b
    forged = [
        {"t": [victim.pk]},  # the format of the old cookie: a list of ids
        {"t": [[victim.pk, own_entry[1], int(time.time())]]},  # the attacker's proof under the victim's id
        {"t": [[victim.pk, codes.tracking_proof("", victim.pk), int(time.time())]]},
        {"t": [[victim.pk, codes.tracking_proof(codes.digest("X" * 10), victim.pk), int(time.time())]]},
    ]
    for payload in forged:
        stranger = _stranger_with(_cookie(payload))
        assert stranger.get(f"/track/{victim.query_code}/").status_code == 404
        letter = victim.letters.first()
        if letter is not None:
            assert stranger.get(f"/track/{victim.query_code}/letters/{letter.pk}.pdf").status_code == 404
