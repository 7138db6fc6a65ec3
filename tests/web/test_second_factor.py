"""The optional second factor for staff (issue 11, item 3): a handler turns it on with an authenticator
app; from then on the password alone does not log in, here or in the admin."""

from __future__ import annotations

import datetime as dt
import time
import types

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django_otp import models as otp_models
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp import models as totp_models
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai_web.accounts.forms import LOGIN_FAILED
from gongkai_web.audit.models import AuditEntry

from .fixtures import PASSWORD, log_in

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _code(device: TOTPDevice, at: float) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = at
    return f"{totp.token():0{device.digits}d}"


@pytest.fixture
def clock(monkeypatch):
    """The time django-otp checks codes against, moved by the test (a code works once per 30 s)."""
    now = types.SimpleNamespace(value=time.time())
    monkeypatch.setattr(totp_models, "time", types.SimpleNamespace(time=lambda: now.value))
    # ... and the time its slow-down after wrong codes is measured in.
    monkeypatch.setattr(
        otp_models,
        "timezone",
        types.SimpleNamespace(now=lambda: dt.datetime.fromtimestamp(now.value, tz=dt.UTC)),
    )
    return now


def _turn_on(client, user, clock) -> TOTPDevice:
    page = client.get("/accounts/second-factor/").content.decode()
    assert "<svg" in page and "双重验证" in page
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(
        "/accounts/second-factor/", {"code": _code(device, clock.value), "password": PASSWORD}
    )
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    return device


def _login(client, username, code=None, password=PASSWORD):
    data = {"username": username, "password": password, **({"otp_code": code} if code is not None else {})}
    return client.post("/accounts/login/", data)


def test_a_handler_turns_the_second_factor_on_with_a_code_from_the_app(client, world, clock):
    client.force_login(world.lisi)
    client.get("/accounts/second-factor/")
    device = TOTPDevice.objects.get(user=world.lisi)
    wrong = client.post(
        "/accounts/second-factor/",
        {"code": "000000" if _code(device, clock.value) != "000000" else "111111", "password": PASSWORD},
    )
    assert "动态验证码不正确" in wrong.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    clock.value += 60  # django-otp's wait after a wrong code
    _turn_on(client, world.lisi, clock)
    assert AuditEntry.objects.filter(
        action="accounts.second_factor_enabled", object_id=str(world.lisi.pk)
    ).exists()
    assert "双重验证已开启" in client.get("/accounts/second-factor/").content.decode()


def test_with_the_second_factor_on_the_password_alone_does_not_log_in(client, world, clock):
    client.force_login(world.lisi)
    device = _turn_on(client, world.lisi, clock)
    client.logout()
    clock.value += 30
    alone = _login(client, "lisi")
    assert alone.status_code == 200 and LOGIN_FAILED in alone.content.decode()
    assert "_auth_user_id" not in client.session
    assert "6位数字" in _login(client, "lisi", "12345").content.decode()  # too short: said so
    clock.value += 60
    right = _login(
        client, "lisi", " ".join(_code(device, clock.value)).translate(FULL_WIDTH)
    )  # as typed on a phone
    assert right.status_code == 302 and "_auth_user_id" in client.session


def test_a_wrong_code_with_the_right_password_does_not_log_in(client, world, clock):
    client.force_login(world.lisi)
    device = _turn_on(client, world.lisi, clock)
    client.logout()
    clock.value += 30
    right = _code(device, clock.value)
    wrong = f"{(int(right) + 1) % 10**6:06d}"
    response = _login(client, "lisi", wrong)
    assert LOGIN_FAILED in response.content.decode() and "_auth_user_id" not in client.session


def test_a_code_cannot_be_used_twice(client, world, clock):
    client.force_login(world.lisi)
    device = _turn_on(client, world.lisi, clock)
    client.logout()
    clock.value += 30
    code = _code(device, clock.value)
    assert _login(client, "lisi", code).status_code == 302
    other = Client()
    assert _login(other, "lisi", code).status_code == 200 and "_auth_user_id" not in other.session


def test_the_admin_asks_for_the_code_too(client, world, clock):
    root = User.objects.create_superuser("root", "root@example.org", PASSWORD)
    client.force_login(root)
    device = _turn_on(client, root, clock)
    client.logout()
    assert client.get("/admin/login/?next=/admin/")["Location"].startswith("/accounts/login/?next=/admin/")
    clock.value += 30
    assert not log_in(client, "root")
    assert client.get("/admin/").status_code == 302
    assert _login(client, "root", _code(device, clock.value)).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_turning_it_off_needs_the_password_and_a_code(client, world, clock):
    client.force_login(world.lisi)
    device = _turn_on(client, world.lisi, clock)
    clock.value += 30
    no_password = client.post(
        "/accounts/second-factor/", {"code": _code(device, clock.value), "password": "nope"}
    )
    assert "登录密码或动态验证码不正确" in no_password.content.decode()
    assert TOTPDevice.objects.filter(user=world.lisi, confirmed=True).exists()
    clock.value += 30
    off = client.post("/accounts/second-factor/", {"code": _code(device, clock.value), "password": PASSWORD})
    assert off.status_code == 302 and not TOTPDevice.objects.filter(user=world.lisi).exists()
    assert AuditEntry.objects.filter(action="accounts.second_factor_disabled").exists()
    client.logout()
    assert log_in(client, "lisi")  # the password alone again


def test_an_applicant_has_no_second_factor_page_and_logs_in_with_the_password(client, world):
    client.force_login(world.zhangsan)
    assert client.get("/accounts/second-factor/").status_code == 404
    assert Client().get("/accounts/second-factor/").status_code == 302  # to the login page
    client.logout()
    assert log_in(client, "zhangsan")


def _error_of(page) -> str:
    import re

    return re.search(r'<ul class="errorlist nonfield">(.*?)</ul>', page.content.decode(), re.S).group(1)


def test_the_login_page_does_not_tell_a_guesser_that_the_password_was_right(client, world, clock):
    client.force_login(world.lisi)
    device = _turn_on(client, world.lisi, clock)
    client.logout()
    clock.value += 30
    wrong_password = _login(client, "lisi", password="not-the-password")
    no_code = _login(client, "lisi")
    right = _code(device, clock.value)
    wrong_code = _login(client, "lisi", f"{(int(right) + 1) % 10**6:06d}")
    assert _error_of(wrong_password) == _error_of(no_code) == _error_of(wrong_code)
    assert LOGIN_FAILED in no_code.content.decode() and "该账户已开启双重验证" not in no_code.content.decode()


def test_a_right_password_without_the_code_counts_as_a_failed_login(client, world, clock, settings):
    client.force_login(world.lisi)
    _turn_on(client, world.lisi, clock)
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "lisi").status_code == 200
    assert _login(client, "lisi").status_code == 429  # django-axes counted each one


def test_a_right_password_without_the_code_counts_against_the_account_from_every_address(
    client, world, clock, settings
):
    settings.GONGKAI_LOGIN_FAILURES_PER_ACCOUNT = "3/15m"
    client.force_login(world.lisi)
    _turn_on(client, world.lisi, clock)
    client.logout()
    for n in range(3):
        assert _login(Client(REMOTE_ADDR=f"10.6.6.{n}"), "lisi").status_code == 200
    assert _login(Client(REMOTE_ADDR="10.6.6.9"), "lisi").status_code == 429


def test_turning_it_on_needs_the_login_password(client, world, clock):
    client.force_login(world.lisi)
    client.get("/accounts/second-factor/")
    device = TOTPDevice.objects.get(user=world.lisi)
    page = client.post("/accounts/second-factor/", {"code": _code(device, clock.value), "password": "nope"})
    assert page.status_code == 200 and "登录密码或动态验证码不正确" in page.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    no_password = client.post("/accounts/second-factor/", {"code": _code(device, clock.value)})
    assert no_password.status_code == 200
    device.refresh_from_db()
    assert not device.confirmed


def test_a_wrong_password_and_a_wrong_code_get_the_same_answer_and_are_limited(
    client, world, clock, settings
):
    settings.GONGKAI_SECOND_FACTOR_FAILURES_PER_USER = "3/15m"
    client.force_login(world.lisi)
    device = _turn_on(client, world.lisi, clock)
    clock.value += 30
    right = _code(device, clock.value)
    wrong_password = client.post("/accounts/second-factor/", {"code": right, "password": "nope"})
    wrong_code = client.post(
        "/accounts/second-factor/", {"code": f"{(int(right) + 1) % 10**6:06d}", "password": PASSWORD}
    )
    assert _error_of(wrong_password) == _error_of(wrong_code)
    clock.value += 60
    client.post("/accounts/second-factor/", {"code": "000000", "password": "nope"})
    clock.value += 60
    refused = client.post(
        "/accounts/second-factor/", {"code": _code(device, clock.value), "password": PASSWORD}
    )
    assert refused.status_code == 429 and "分钟后再试" in refused.content.decode()
    assert TOTPDevice.objects.filter(user=world.lisi, confirmed=True).exists()
    assert (
        AuditEntry.objects.filter(
            action="accounts.second_factor_throttled", object_id=str(world.lisi.pk)
        ).count()
        == 1
    )


def test_a_session_opened_before_the_second_factor_was_turned_on_is_logged_out(client, world, clock):
    earlier = Client()
    assert log_in(earlier, "lisi")
    client.force_login(world.lisi)
    _turn_on(client, world.lisi, clock)
    assert client.get("/accounts/second-factor/").status_code == 200  # the enrolling session stays in
    page = earlier.get("/accounts/second-factor/?x=1")
    assert (
        page.status_code == 302
        and page["Location"] == "/accounts/login/?next=/accounts/second-factor/%3Fx%3D1"
    )
    assert "_auth_user_id" not in earlier.session
    again = Client()
    again.force_login(world.lisi)  # any way round the login page
    posted = again.post("/accounts/second-factor/", {"code": "123456", "password": PASSWORD})
    assert posted.status_code == 302 and posted["Location"] == "/accounts/login/"
    assert TOTPDevice.objects.filter(user=world.lisi, confirmed=True).exists()
    assert "_auth_user_id" not in again.session
