"""Mass signups (issue 11, item 3): every signup attempt from an address counts, forms with errors
included; past the limit the address is refused with a Chinese page and an audit entry, and nothing
is created."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.test import Client

from gongkai_web.audit.models import AuditEntry

from .fixtures import sign_up


def test_mass_signups_from_one_address_are_refused_and_create_nothing(client, world, settings):
    settings.GONGKAI_SIGNUPS_PER_ADDRESS = "3/h"
    for n in range(3):
        assert sign_up(Client(), n).status_code == 302
    before = User.objects.count()
    refused = sign_up(Client(), 99)
    assert refused.status_code == 429 and "注册的账户过多" in refused.content.decode()
    assert User.objects.count() == before
    assert AuditEntry.objects.filter(action="accounts.signup_throttled").count() == 1
    assert sign_up(Client(REMOTE_ADDR="10.4.4.4"), 100).status_code == 302


def test_every_signup_attempt_counts_against_the_address_forms_with_errors_included(client, world, settings):
    # "That username exists" would otherwise tell anyone, without limit, which accounts there are.
    settings.GONGKAI_SIGNUPS_PER_ADDRESS = "2/h"
    bad = client.post("/accounts/signup/", {"username": "x", "password1": "a", "password2": "b"})
    assert bad.status_code == 200
    probe = client.post(
        "/accounts/signup/",
        {
            "username": "zhangsan",
            "email": "z@example.org",
            "password1": "a-long-pass-99",
            "password2": "a-long-pass-99",
        },
    )
    assert probe.status_code == 200
    assert sign_up(Client(), 1).status_code == 429
    assert not User.objects.filter(username="newuser1").exists()
    assert sign_up(Client(REMOTE_ADDR="10.4.4.5"), 1).status_code == 302
