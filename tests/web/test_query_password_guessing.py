"""Guessing query passwords (issue 11, item 3): wrong passwords for one query code, or for many codes
from one address, are stopped with a Chinese page and an audit entry; right passwords do not count."""

from __future__ import annotations

from django.test import Client

from gongkai_web.audit.models import AuditEntry


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
