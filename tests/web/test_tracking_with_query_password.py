"""张三 opens his application with its query code and query password: only that application opens,
in that browser, until the tracking age runs out or he logs out; the tracking cookie is as safe as the
session cookie and the pages are not kept by the browser."""

from __future__ import annotations

import time

from gongkai_web.applications import tracking

from .fixtures import form_data


def test_tracking_needs_the_right_secret(client, world):
    code = world.app_a.query_code
    response = client.post("/track/", {"query_code": code, "secret": "WRONGWRONG"})
    assert "不正确" in response.content.decode()
    assert client.get(f"/track/{code}/").status_code == 404
    response = client.post("/track/", {"query_code": code.lower(), "secret": world.app_a.secret}, follow=True)
    assert response.status_code == 200 and code in response.content.decode()


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


def test_logging_out_forgets_the_applications_opened_with_a_password(client, world):
    client.force_login(world.wangwu)
    client.post("/track/", {"query_code": world.app_a.query_code, "secret": world.app_a.secret})
    assert client.get(f"/track/{world.app_a.query_code}/").status_code == 200
    response = client.post("/accounts/logout/")
    assert response.cookies[tracking.COOKIE].value == ""
    assert client.get(f"/track/{world.app_a.query_code}/").status_code == 404


def test_the_tracking_cookie_is_https_only_where_the_session_cookie_is(client, world, settings):
    settings.SESSION_COOKIE_SECURE = True
    response = client.post("/apply/", form_data(world))
    cookie = response.cookies[tracking.COOKIE]
    assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax"


def test_the_receipt_and_tracking_pages_are_not_kept_by_the_browser(client, world):
    client.post("/track/", {"query_code": world.app_b.query_code, "secret": world.app_b.secret})
    for url in (f"/track/{world.app_b.query_code}/", f"/receipt/{world.app_b.query_code}/"):
        assert "no-store" in client.get(url)["Cache-Control"]
