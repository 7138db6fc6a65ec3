"""Refusals and failures are explained in Chinese, without Django's English pages or any hint of
what exists behind them (王五 of agency B trying agency A's record; a stranger guessing a query code;
a form posted without its CSRF token; a server error)."""

from __future__ import annotations

from django.test import Client, RequestFactory
from django.views.defaults import server_error

ENGLISH = ("Not Found", "Forbidden", "CSRF verification failed", "Server Error (500)", "Page not found (404)")


def assert_chinese_page(response, status: int, heading: str) -> None:
    body = response.content.decode()
    assert response.status_code == status
    assert f"<h1>{heading}</h1>" in body
    assert not [phrase for phrase in ENGLISH if phrase in body]


def test_a_handler_of_another_agency_gets_a_chinese_not_found_page(client, world):
    client.force_login(world.wangwu)
    response = client.get(f"/staff/applications/{world.app_a.pk}/")
    assert_chinese_page(response, 404, "页面不存在")
    assert world.app_a.query_code not in response.content.decode()


def test_a_stranger_guessing_a_query_code_gets_the_same_page(client, world):
    assert_chinese_page(client.get(f"/track/{world.app_a.query_code}/"), 404, "页面不存在")
    assert_chinese_page(client.get("/track/GKNOSUCHCODE/"), 404, "页面不存在")


def test_a_form_posted_without_its_csrf_token_is_refused_in_chinese_and_nothing_is_stored(world):
    from gongkai_web.applications.models import Application

    before = Application.objects.count()
    response = Client(enforce_csrf_checks=True).post("/apply/", {"agency": world.a.pk, "name": "张三"})
    assert_chinese_page(response, 403, "表单已失效")
    assert Application.objects.count() == before


def test_a_server_error_page_is_chinese_and_needs_no_database():
    response = server_error(RequestFactory().get("/"))
    assert_chinese_page(response, 500, "服务器错误")
