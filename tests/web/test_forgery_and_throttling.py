"""An attacker's view of the applicant's tracking and of every login: a signing key, even a leaked real
one, opens no one's application; guessing passwords, query passwords and mass signups are stopped with
a Chinese page and an audit entry (issue 11, items 2 and 3)."""

from __future__ import annotations

import time

import pytest
from django.contrib.auth.models import User
from django.core import signing
from django.test import Client

from gongkai_web.applications import codes, tracking
from gongkai_web.applications.models import Application
from gongkai_web.audit.models import AuditEntry

from .fixtures import PASSWORD, log_in

#: The key older installs shipped with in settings.py (published in the repository's history).
PUBLISHED_DEFAULT_KEY = "django-insecure-gongkai-development-only-key-0123456789"


def _cookie(payload, key=None) -> str:
    return signing.dumps(payload, key=key, salt=tracking._SALT, compress=True)


def _stranger_with(cookie: str) -> Client:
    stranger = Client()
    stranger.cookies[tracking.COOKIE] = cookie
    return stranger


# ── tracking ─────────────────────────────────────────────────────────────────────────────────


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


def test_the_genuine_cookie_opens_the_application_its_password_was_given_for(client, world):
    assert client.get(f"/track/{world.app_b.query_code}/").status_code == 404
    response = client.post(
        "/track/", {"query_code": world.app_b.query_code.lower(), "secret": world.app_b.secret}
    )
    assert response.status_code == 302
    assert client.get(f"/track/{world.app_b.query_code}/").status_code == 200
    assert client.get(f"/track/{world.app_a.query_code}/").status_code == 404  # only that one


def test_an_opened_application_closes_again_after_the_tracking_age(client, world, settings, monkeypatch):
    client.post("/track/", {"query_code": world.app_b.query_code, "secret": world.app_b.secret})
    assert client.get(f"/track/{world.app_b.query_code}/").status_code == 200
    later = time.time() + settings.GONGKAI_TRACKING_SECONDS + 5
    monkeypatch.setattr(tracking.time, "time", lambda: later)
    assert client.get(f"/track/{world.app_b.query_code}/").status_code == 404


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


# ── query-code guessing ──────────────────────────────────────────────────────────────────────


def test_guessing_one_query_password_is_stopped_even_before_the_right_one(client, world, settings):
    settings.GONGKAI_TRACK_TRIES_PER_CODE = "3/h"
    code = world.app_b.query_code
    for guess in ("AAAAAAAAAA", "BBBBBBBBBB", "CCCCCCCCCC"):
        page = client.post("/track/", {"query_code": code, "secret": guess})
        assert page.status_code == 200 and "查询码或查询密码不正确" in page.content.decode()
    refused = client.post("/track/", {"query_code": code, "secret": world.app_b.secret})
    assert refused.status_code == 429
    assert (
        "查询码或查询密码输入错误的次数过多" in refused.content.decode()
        and "分钟后再试" in refused.content.decode()
    )
    assert client.get(f"/track/{code}/").status_code == 404
    entry = AuditEntry.objects.get(action="applications.tracking_throttled")
    assert entry.object_id == str(world.app_b.pk) and entry.data["query_code"] == code


def test_guessing_many_query_codes_from_one_address_is_stopped(client, world, settings):
    settings.GONGKAI_TRACK_TRIES_PER_ADDRESS = "4/h"
    for n in range(4):
        assert (
            client.post("/track/", {"query_code": f"GK{n:010d}", "secret": "AAAAAAAAAA"}).status_code == 200
        )
    assert (
        client.post(
            "/track/", {"query_code": world.app_b.query_code, "secret": world.app_b.secret}
        ).status_code
        == 429
    )
    other_address = Client(REMOTE_ADDR="10.1.2.3")
    assert (
        other_address.post(
            "/track/", {"query_code": world.app_b.query_code, "secret": world.app_b.secret}
        ).status_code
        == 302
    )


def test_right_query_passwords_do_not_count_against_the_address(client, world, settings):
    settings.GONGKAI_TRACK_TRIES_PER_ADDRESS = "2/h"
    for _ in range(5):
        assert (
            client.post(
                "/track/", {"query_code": world.app_b.query_code, "secret": world.app_b.secret}
            ).status_code
            == 302
        )


# ── logins ───────────────────────────────────────────────────────────────────────────────────


def _fail_logins(client, username: str, times: int, path: str = "/accounts/login/") -> None:
    for _ in range(times):
        response = client.post(path, {"username": username, "password": "wrong-password"})
        assert response.status_code == 200  # the form again, with its error


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


def _now_for_axes(monkeypatch, at):
    """Move the time django-axes counts attempts and cool-offs in."""
    import axes.handlers.proxy

    monkeypatch.setattr(axes.handlers.proxy, "now", lambda: at)


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
    _signup(client, 1)
    for n in range(10):
        assert _signup(Client(), n + 2).status_code == 429
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


# ── signups ──────────────────────────────────────────────────────────────────────────────────


def _signup(client, n: int):
    return client.post(
        "/accounts/signup/",
        {
            "username": f"newuser{n}",
            "email": f"u{n}@example.org",
            "password1": "a-long-pass-99",
            "password2": "a-long-pass-99",
        },
    )


def test_mass_signups_from_one_address_are_refused_and_create_nothing(client, world, settings):
    settings.GONGKAI_SIGNUPS_PER_ADDRESS = "3/h"
    for n in range(3):
        assert _signup(Client(), n).status_code == 302
    before = User.objects.count()
    refused = _signup(Client(), 99)
    assert refused.status_code == 429 and "注册的账户过多" in refused.content.decode()
    assert User.objects.count() == before
    assert AuditEntry.objects.filter(action="accounts.signup_throttled").count() == 1
    assert _signup(Client(REMOTE_ADDR="10.4.4.4"), 100).status_code == 302


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
    assert _signup(Client(), 1).status_code == 429
    assert not User.objects.filter(username="newuser1").exists()
    assert _signup(Client(REMOTE_ADDR="10.4.4.5"), 1).status_code == 302


def test_behind_a_trusted_proxy_the_address_is_the_one_the_proxy_saw(settings):
    from django.test import RequestFactory

    from gongkai_web.accounts.throttle import client_address

    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    assert client_address(request) == "10.0.0.1"  # no proxy configured: the header is the client's word
    settings.GONGKAI_PROXY_COUNT = 1
    assert client_address(request) == "203.0.113.9"  # not the forged first entry


def test_every_stored_application_still_has_a_proof_its_password_gives(world):
    for app in Application.objects.all():
        assert codes.tracking_proof(app.secret_digest, codes.family_of(app))


# ── a re-post whose first answer was lost ────────────────────────────────────────────────────


def _password_on(page) -> str:
    import re

    return re.search(r'<dd class="code">([A-Z0-9]{10})</dd>', page.content.decode()).group(1)


def test_a_form_posted_again_after_its_answer_was_lost_gets_a_receipt_with_a_new_password(world):
    from .test_intake import form_data

    first_browser = Client()
    first = first_browser.post("/apply/", form_data(world), follow=True)
    old_password = _password_on(first)
    retrying = Client()  # the same form, but the first answer (and its cookie) never arrived
    again = retrying.post("/apply/", form_data(world), follow=True)
    assert again.status_code == 200 and "政府信息公开申请接收回执" in again.content.decode()
    assert "此前显示的查询密码（如有）已作废" in again.content.decode()
    new_password = _password_on(again)
    app = Application.objects.get(submission_token="tok-123")
    assert Application.objects.filter(submission_token="tok-123").count() == 1
    assert new_password != old_password
    assert codes.secret_matches(new_password, app.secret_digest)
    assert not codes.secret_matches(old_password, app.secret_digest)
    assert AuditEntry.objects.filter(
        action="applications.query_password_reissued", object_id=str(app.pk)
    ).exists()


def test_a_re_post_with_other_details_takes_nothing_over(world):
    from .test_intake import form_data

    first = Client().post("/apply/", form_data(world), follow=True)
    old_password = _password_on(first)
    app = Application.objects.get(submission_token="tok-123")
    other = Client()
    page = other.post("/apply/", form_data(world, name="李四", description="我想看看这份申请"))
    assert page.status_code == 200 and "无需重复提交" in page.content.decode()
    assert other.get(f"/track/{app.query_code}/").status_code == 404
    assert codes.secret_matches(old_password, Application.objects.get(pk=app.pk).secret_digest)


def test_a_re_post_of_an_account_holders_form_from_another_session_takes_nothing_over(world):
    from .test_intake import form_data

    owner = Client()
    owner.force_login(world.zhangsan)
    owner.post("/apply/", form_data(world))
    app = Application.objects.get(submission_token="tok-123")
    assert app.applicant_user_id == world.zhangsan.pk
    stranger = Client()  # the same browser after logging out, say
    page = stranger.post("/apply/", form_data(world))
    assert page.status_code == 200 and "无需重复提交" in page.content.decode()
    assert stranger.get(f"/track/{app.query_code}/").status_code == 404
    assert Application.objects.get(pk=app.pk).secret_digest == app.secret_digest


def test_the_receipt_and_tracking_pages_are_not_kept_by_the_browser(client, world):
    client.post("/track/", {"query_code": world.app_b.query_code, "secret": world.app_b.secret})
    for url in (f"/track/{world.app_b.query_code}/", f"/receipt/{world.app_b.query_code}/"):
        assert "no-store" in client.get(url)["Cache-Control"]


def test_a_form_posted_again_long_after_opens_nothing_and_says_it_was_submitted(world, monkeypatch):
    import datetime as dt

    from gongkai_web.applications import services

    from .test_intake import form_data

    Client().post("/apply/", form_data(world))
    app = Application.objects.get(submission_token="tok-123")
    Application.objects.filter(pk=app.pk).update(
        arrived_at=app.arrived_at - services.REPOST_WINDOW - dt.timedelta(minutes=1)
    )
    back_button = Client()
    page = back_button.post("/apply/", form_data(world))
    text = page.content.decode()
    assert page.status_code == 200 and "无需重复提交" in text and app.query_code in text
    assert back_button.get(f"/receipt/{app.query_code}/").status_code == 404
    assert Application.objects.get(pk=app.pk).secret_digest == app.secret_digest  # the password unchanged
