"""The same public form posted again — a double click, a re-post whose first answer was lost, the back
button long after: one application only; a new query password only for the same details from the
same kind of session, otherwise nothing taken over."""

from __future__ import annotations

import re

from django.test import Client

from gongkai_web.applications import codes
from gongkai_web.applications.models import Application
from gongkai_web.audit.models import AuditEntry

from .fixtures import form_data


def _password_on(page) -> str:
    return re.search(r'<dd class="code">([A-Z0-9]{10})</dd>', page.content.decode()).group(1)


def test_a_double_submission_creates_one_application(client, world):
    client.post("/apply/", form_data(world))
    response = client.post("/apply/", form_data(world), follow=True)
    assert Application.objects.filter(submission_token="tok-123").count() == 1
    assert response.status_code == 200


def test_a_form_posted_again_after_its_answer_was_lost_gets_a_receipt_with_a_new_password(world):
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
    first = Client().post("/apply/", form_data(world), follow=True)
    old_password = _password_on(first)
    app = Application.objects.get(submission_token="tok-123")
    other = Client()
    page = other.post("/apply/", form_data(world, name="李四", description="我想看看这份申请"))
    assert page.status_code == 200 and "无需重复提交" in page.content.decode()
    assert other.get(f"/track/{app.query_code}/").status_code == 404
    assert codes.secret_matches(old_password, Application.objects.get(pk=app.pk).secret_digest)


def test_a_re_post_of_an_account_holders_form_from_another_session_takes_nothing_over(world):
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


def test_a_form_posted_again_long_after_opens_nothing_and_says_it_was_submitted(world, monkeypatch):
    import datetime as dt

    from gongkai_web.applications import services

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
