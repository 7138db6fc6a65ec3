"""The ask form's one-time token (the apply form's mechanism, ``casework.create_once``): a double click
or a back-and-resubmit stores one question, not two; a late re-post (the next user of a shared computer
pressing back) is refused without revealing the query code. When the agency answers, the asker is told
at the contact left — e-mail or SMS to a mobile number, nothing for a fixed line — with the receipt's
address, where the answer then shows (never the question, which the message does not carry either)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from gongkai_web.audit.models import AuditEntry
from gongkai_web.notifications.models import Message
from gongkai_web.notifications.services import send_queued_messages
from gongkai_web.qa import services
from gongkai_web.qa.errors import QAError
from gongkai_web.qa.models import PublicQuestion

from .fixtures import clock_at
from .qa_world import make_question
from .test_qa_questions import _ask, form_token

QUESTION = "我在外地工作，可以在渝中区参加城乡居民医保吗？"
ANSWER = "可以。持居住证的，可在居住地参加城乡居民医保，到街道社保所办理。"


def _messages():
    return Message.objects.filter(target_type="qa.publicquestion")


ASKED_AT = timezone.make_aware(dt.datetime(2025, 11, 3, 10, 0))


@pytest.fixture
def clock(monkeypatch):
    """The time the service reads, moved by the test (the view passes no clock)."""
    moments = {"now": ASKED_AT}
    monkeypatch.setattr(services, "now", lambda clock=None: moments["now"])
    return moments


def test_the_same_form_posted_twice_stores_one_question_and_both_posts_show_its_receipt(client, world, clock):
    token = form_token(client)
    first = _ask(client, world, token=token)
    clock["now"] = ASKED_AT + dt.timedelta(seconds=2)  # the second click
    second = _ask(client, world, token=token)
    asked = PublicQuestion.objects.get()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == f"/qa/ask/{asked.query_code}/"
    assert AuditEntry.objects.filter(action="qa.question_asked").count() == 1


def test_two_forms_opened_one_after_the_other_are_two_questions(client, world, clock):
    _ask(client, world)
    _ask(client, world, question="灵活就业人员怎样参加医保？")
    assert PublicQuestion.objects.count() == 2


def test_a_late_re_post_of_the_same_form_is_refused_in_chinese_without_the_query_code(client, world, clock):
    token = form_token(client)
    _ask(client, world, token=token)
    asked = PublicQuestion.objects.get()
    clock["now"] = ASKED_AT + dt.timedelta(minutes=11)  # back, and send again, on a shared computer
    response = _ask(client, world, token=token)
    page = response.content.decode()
    assert response.status_code == 400
    assert "此表单已于2025-11-03 10:00提交，无需重复提交" in page
    assert asked.query_code not in page
    assert PublicQuestion.objects.count() == 1


def test_a_re_post_with_another_question_under_the_same_token_is_refused_and_stores_nothing(world, clock):
    services.ask_question(world.a, question=QUESTION, contact="13812345678", token="t" * 32)
    with pytest.raises(QAError) as refused:
        services.ask_question(world.a, question="另一个问题？", contact="13812345678", token="t" * 32)
    assert refused.value.code == "qa.already_asked"
    assert PublicQuestion.objects.count() == 1


def test_a_form_without_its_token_is_refused(client, world):
    response = client.post("/qa/ask/", {"agency": world.a.pk, "question": QUESTION, "contact": "13812345678"})
    assert response.status_code == 400
    assert not PublicQuestion.objects.exists()


def _answer(client, world, asked):
    client.force_login(world.lisi)
    response = client.post(f"/staff/qa/questions/{asked.pk}/answer/", {"answer": ANSWER})
    assert response.status_code == 302
    client.logout()


def test_an_e_mail_asker_is_told_of_the_answer_with_the_receipt_address_and_reads_it_there(client, world):
    asked = make_question(world, contact="liuxh@example.com")
    receipt = f"/qa/ask/{asked.query_code}/"
    assert ANSWER not in client.get(receipt).content.decode()
    assert not _messages().exists()
    _answer(client, world, asked)
    message = _messages().get()
    assert (message.channel, message.recipient, message.status) == ("email", "liuxh@example.com", "queued")
    assert message.target_id == str(asked.pk) and message.topic == "question_answered"
    mail.outbox.clear()
    send_queued_messages()
    (sent,) = [m for m in mail.outbox if m.to == ["liuxh@example.com"]]
    assert sent.to == ["liuxh@example.com"] and asked.query_code in sent.subject
    assert f"http://localhost:8000{receipt}" in sent.body
    assert "2025年11月3日" in sent.body and "渝中区财政局" in sent.body
    assert ANSWER not in sent.body and QUESTION not in sent.body and "刘小红" not in sent.body
    page = client.get(receipt).content.decode()
    assert ANSWER in page and "渝中区财政局的答复" in page
    assert QUESTION not in page and "liuxh@example.com" not in page


def test_a_mobile_asker_is_told_by_sms_and_a_fixed_line_gets_no_message(client, world):
    mobile = make_question(world, contact="13812345678")
    landline = make_question(world, contact="023-63891234", question="公租房怎么申请？")
    _answer(client, world, mobile)
    _answer(client, world, landline)
    message = _messages().get()
    assert (message.channel, message.recipient, message.target_id) == ("sms", "13812345678", str(mobile.pk))
    assert f"/qa/ask/{mobile.query_code}/" in message.body
    assert ANSWER in client.get(f"/qa/ask/{landline.query_code}/").content.decode()


def test_a_refused_answer_sends_nothing(world):
    asked = make_question(world, contact="liuxh@example.com")
    with pytest.raises(QAError):
        services.answer_question(asked, answer="  ", actor=world.lisi, clock=clock_at(dt.date(2025, 11, 4)))
    assert not _messages().exists()
    asked.refresh_from_db()
    assert asked.state == "received"
