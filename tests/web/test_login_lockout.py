"""Guessing login passwords (issue 11, item 3): wrong passwords lock an account from that address, an
account tried from many addresses everywhere, an address trying many accounts for every account — each
with a Chinese page and one audit entry per window, the admin's login included, and never locking out
the owner or the colleagues behind the same address for longer than needed."""

from __future__ import annotations

import time

import pytest
from django.contrib.auth.models import User
from django.test import Client

from gongkai_web.audit.models import AuditEntry

from .fixtures import PASSWORD, log_in, sign_up


def _fail_logins(client, username: str, times: int, path: str = "/accounts/login/") -> None:
    for _ in range(times):
        response = client.post(path, {"username": username, "password": "wrong-password"})
        assert response.status_code == 200  # the form again, with its error


def _now_for_axes(monkeypatch, at):
    """Move the time django-axes counts attempts and cool-offs in."""
    import axes.handlers.proxy

    monkeypatch.setattr(axes.handlers.proxy, "now", lambda: at)


@pytest.mark.parametrize("username", ["lisi", "zhangsan"])  # a handler, an applicant
def test_five_wrong_passwords_lock_the_account_from_that_address_only(client, world, settings, username):
    _fail_logins(client, username, settings.AXES_FAILURE_LIMIT - 1)
    refused = client.post("/accounts/login/", {"username": username, "password": "wrong-password"})
    assert refused.status_code == 429
    assert "登录失败次数过多" in refused.content.decode() and "分钟后再试" in refused.content.decode()
    assert not log_in(client, username)
    # A stranger elsewhere cannot lock the owner out: from another address the account still logs in.
    assert log_in(Client(REMOTE_ADDR="10.9.9.9"), username)
    entry = AuditEntry.objects.filter(action="accounts.login_locked_out").order_by("created_at", "id").first()
    user = User.objects.get(username=username)
    assert (entry.object_type, entry.object_id) == ("auth.user", str(user.pk))
    assert entry.data["address"] == "127.0.0.1"


def test_a_lockout_is_not_extended_by_attempts_during_it(client, world, settings, monkeypatch):
    import datetime as dt

    from axes.models import AccessAttempt
    from django.utils import timezone

    start = timezone.now()
    _now_for_axes(monkeypatch, start)
    _fail_logins(client, "lisi", settings.AXES_FAILURE_LIMIT - 1)
    assert client.post("/accounts/login/", {"username": "lisi", "password": "no"}).status_code == 429
    locked_at = AccessAttempt.objects.get(username="lisi").attempt_time
    cool_off = dt.timedelta(hours=settings.AXES_COOLOFF_TIME)
    # One more wrong try, and the owner's own right password, shortly before the cool-off ends ...
    _now_for_axes(monkeypatch, start + cool_off - dt.timedelta(minutes=1))
    assert client.post("/accounts/login/", {"username": "lisi", "password": "no"}).status_code == 429
    assert not log_in(client, "lisi")
    assert AccessAttempt.objects.get(username="lisi").attempt_time == locked_at  # not refreshed
    # ... do not keep it locked past it.
    _now_for_axes(monkeypatch, start + cool_off + dt.timedelta(minutes=1))
    assert log_in(client, "lisi")


def test_wrong_passwords_for_one_account_from_many_addresses_lock_it_everywhere_until_the_window_ends(
    world, settings, monkeypatch
):
    import types

    from django_ratelimit import core

    settings.GONGKAI_LOGIN_FAILURES_PER_ACCOUNT = "6/15m"
    for n in range(3):  # two tries from each address: none reaches django-axes' limit
        _fail_logins(
            Client(REMOTE_ADDR=f"10.7.0.{n}"), "lisi" if n != 1 else "ＬＩＳＩ", 2
        )  # full-width: the same
    elsewhere = Client(REMOTE_ADDR="10.8.8.8")
    refused = elsewhere.post("/accounts/login/", {"username": "LiSi", "password": PASSWORD})
    assert refused.status_code == 429 and "分钟后再试" in refused.content.decode()
    assert not log_in(elsewhere, "lisi")  # the right password too, from an address never used before
    assert log_in(Client(REMOTE_ADDR="10.8.8.9"), "wangwu")  # other accounts are not affected
    entry = AuditEntry.objects.filter(action="accounts.login_locked_out").first()
    assert entry.object_id == str(world.lisi.pk) and entry.data["address"] == "10.8.8.8"
    later = time.time() + 15 * 60 + 1  # the next window
    monkeypatch.setattr(core, "time", types.SimpleNamespace(time=lambda: later))
    assert log_in(Client(REMOTE_ADDR="10.8.8.8"), "lisi")


def test_a_flood_of_refused_logins_writes_one_audit_entry_per_window(client, world, settings):
    _fail_logins(client, "lisi", settings.AXES_FAILURE_LIMIT - 1)
    for _ in range(10):
        assert client.post("/accounts/login/", {"username": "lisi", "password": "no"}).status_code == 429
    assert AuditEntry.objects.filter(action="accounts.login_locked_out").count() == 1
    settings.GONGKAI_SIGNUPS_PER_ADDRESS = "1/h"
    sign_up(client, 1)
    for n in range(10):
        assert sign_up(Client(), n + 2).status_code == 429
    assert AuditEntry.objects.filter(action="accounts.signup_throttled").count() == 1


def test_wrong_passwords_for_many_accounts_from_one_address_lock_the_address(client, world, settings):
    settings.GONGKAI_LOGIN_FAILURES_PER_ADDRESS = "6/15m"
    for n in range(6):
        _fail_logins(client, f"nobody{n}", 1)  # one try each: no account reaches its own limit
    refused = client.post("/accounts/login/", {"username": "nobody9", "password": "x"})
    assert refused.status_code == 429 and "分钟后再试" in refused.content.decode()
    assert not log_in(client, "wangwu")  # this address is locked for every account
    assert log_in(Client(REMOTE_ADDR="10.9.9.9"), "wangwu")  # the account itself is not
    entries = AuditEntry.objects.filter(action="accounts.login_locked_out")
    assert entries.count() == 2  # the refused attempt, and the refused right password after it
    assert all(e.data["address"] == "127.0.0.1" and e.object_id == "" for e in entries)


def test_one_person_mistyping_does_not_lock_out_the_colleagues_behind_the_same_address(
    client, world, settings
):
    _fail_logins(client, "lisi", settings.AXES_FAILURE_LIMIT - 1)
    assert client.post("/accounts/login/", {"username": "lisi", "password": "x"}).status_code == 429
    assert log_in(Client(), "wangwu")  # the same address (127.0.0.1), another account


def test_the_admin_login_is_the_staff_login_and_is_locked_like_it(client, world, settings):
    User.objects.create_superuser("root", "root@example.org", PASSWORD)
    # The admin's own login page only sends to the one login page: no second, unthrottled door.
    door = client.post("/admin/login/?next=/admin/", {"username": "root", "password": PASSWORD})
    assert door.status_code == 302 and door["Location"] == "/accounts/login/?next=/admin/"
    assert client.get("/admin/").status_code == 302
    _fail_logins(client, "root", settings.AXES_FAILURE_LIMIT - 1, path="/accounts/login/?next=/admin/")
    assert (
        client.post("/accounts/login/?next=/admin/", {"username": "root", "password": "no"}).status_code
        == 429
    )
    assert (
        client.post("/accounts/login/?next=/admin/", {"username": "root", "password": PASSWORD}).status_code
        == 429
    )
    assert client.get("/admin/").status_code == 302  # still not logged in


def test_a_right_password_before_the_limit_resets_the_count(client, world, settings):
    _fail_logins(client, "lisi", settings.AXES_FAILURE_LIMIT - 1)
    assert log_in(client, "lisi")
    client.logout()
    _fail_logins(client, "lisi", settings.AXES_FAILURE_LIMIT - 1)
    assert log_in(client, "lisi")


def test_behind_a_trusted_proxy_the_address_is_the_one_the_proxy_saw(settings):
    from django.test import RequestFactory

    from gongkai_web.accounts.throttle import client_address

    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    assert client_address(request) == "10.0.0.1"  # no proxy configured: the header is the client's word
    settings.GONGKAI_PROXY_COUNT = 1
    assert client_address(request) == "203.0.113.9"  # not the forged first entry
