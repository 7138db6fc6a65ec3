"""A staff admin user given model permissions is still not a superuser: it sees no applicant's
login record, account or second-factor device, and cannot give itself a post in an agency (and with
it the right to unmask the agency's applicants)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai_web.accounts.models import Membership, Role

from .fixtures import PASSWORD, log_in


@pytest.fixture
def staff_admin(world):
    """A staff admin user with every permission on accounts, posts, devices and login records."""
    user = User.objects.create_user("clerk", password=PASSWORD, is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["auth", "accounts", "otp_totp", "axes"])
    )
    client = Client()
    assert log_in(client, "clerk")
    return client


def test_a_staff_admin_cannot_give_itself_a_post_in_an_agency(staff_admin, world):
    assert staff_admin.get("/admin/accounts/membership/").status_code == 403
    assert staff_admin.get("/admin/accounts/membership/add/").status_code == 403
    clerk = User.objects.get(username="clerk")
    posted = staff_admin.post(
        "/admin/accounts/membership/add/", {"user": clerk.pk, "agency": world.a.pk, "role": Role.values[0]}
    )
    assert posted.status_code == 403
    assert not Membership.objects.filter(user=clerk).exists()


def test_a_staff_admin_sees_no_accounts_and_no_second_factor_devices(staff_admin, world):
    TOTPDevice.objects.create(user=world.lisi, name="authenticator", confirmed=True)
    assert staff_admin.get("/admin/auth/user/").status_code == 403
    assert staff_admin.get(f"/admin/auth/user/{world.zhangsan.pk}/change/").status_code == 403
    assert staff_admin.get("/admin/otp_totp/totpdevice/").status_code == 403
    index = staff_admin.get("/admin/").content.decode()
    assert "/admin/accounts/membership/" not in index and "/admin/otp_totp/" not in index


def test_the_login_records_of_applicants_are_not_in_the_admin(staff_admin, world):
    Client().post("/accounts/login/", {"username": "zhangsan", "password": "wrong"})  # an AccessAttempt
    for url in ("/admin/axes/accessattempt/", "/admin/axes/accesslog/", "/admin/axes/accessfailurelog/"):
        assert staff_admin.get(url).status_code == 404
    assert "zhangsan" not in staff_admin.get("/admin/").content.decode()


def test_a_superuser_manages_posts_and_devices_but_never_sees_a_device_key(world):
    User.objects.create_superuser("root", "root@example.org", PASSWORD)
    root = Client()
    assert log_in(root, "root")
    assert root.get("/admin/accounts/membership/").status_code == 200
    assert root.get("/admin/auth/user/").status_code == 200
    device = TOTPDevice.objects.create(user=world.lisi, name="authenticator", confirmed=True)
    page = root.get(f"/admin/otp_totp/totpdevice/{device.pk}/change/")
    assert page.status_code == 200 and device.key not in page.content.decode()
