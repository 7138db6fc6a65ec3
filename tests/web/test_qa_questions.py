"""The public ask form: the question reaches the right agency's queue with its due date (hand-computed
across the National Day holiday), the asker's contact is masked on the staff screens and never shown
publicly, bad input is refused in Chinese with nothing saved, and the answer may join the library."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from gongkai_web.audit.models import AuditEntry
from gongkai_web.qa import services
from gongkai_web.qa.errors import QAError
from gongkai_web.qa.models import PublicQuestion

from .fixtures import clock_at
from .qa_world import BEFORE_NATIONAL_DAY, make_question


def form_token(client) -> str:
    """The one-time token of a freshly opened ask form, as the browser sends it back."""
    page = client.get("/qa/ask/").content.decode()
    found = re.search(r'name="token" value="([^"]+)"', page)
    assert found, "the ask form has no one-time token"
    return found.group(1)


def _ask(client, world, **overrides):
    data = {
        "token": overrides.pop("token", None) or form_token(client),
        "agency": world.a.pk,
        "question": "我在外地工作，可以在渝中区参加城乡居民医保吗？",
        "name": "刘小红",
        "contact": "13812345678",
        **overrides,
    }
    return client.post("/qa/ask/", data)


@pytest.fixture
def asked_before_national_day(monkeypatch):
    monkeypatch.setattr(services, "now", lambda clock=None: BEFORE_NATIONAL_DAY)


def test_a_question_asked_on_the_form_reaches_agency_as_queue_due_five_working_days_later_across_the_holiday(
    client, world, asked_before_national_day
):
    response = _ask(client, world)
    asked = PublicQuestion.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/qa/ask/{asked.query_code}/"
    assert asked.agency == world.a
    # Friday 09-26 asked; working days after it: Sun 09-28 (调休), Mon 09-29, Tue 09-30, then the holiday
    # 10-01…10-08, Thu 10-09, Fri 10-10 — the fifth.
    assert asked.due_on == dt.date(2025, 10, 10)
    client.force_login(world.lisi)
    queue = client.get("/staff/qa/questions/").content.decode()
    assert asked.query_code in queue and "2025-10-10" in queue
    client.force_login(world.wangwu)  # another agency's handler sees neither the row nor the page
    assert asked.query_code not in client.get("/staff/qa/questions/").content.decode()
    assert client.get(f"/staff/qa/questions/{asked.pk}/").status_code == 404


def test_the_due_date_is_a_setting(world, settings):
    settings.GONGKAI_QA_ANSWER_WORKDAYS = 2
    asked = make_question(world, clock=clock_at(dt.date(2025, 9, 26), 10))
    assert asked.due_on == dt.date(2025, 9, 29)  # Sun 09-28 (调休), Mon 09-29


def test_the_receipt_shows_the_code_and_due_date_but_nothing_the_asker_typed(
    client, world, asked_before_national_day
):
    _ask(client, world, contact="liuxh@example.com")
    asked = PublicQuestion.objects.get()
    page = client.get(f"/qa/ask/{asked.query_code}/").content.decode()
    assert asked.query_code in page and "2025-10-10" in page and "渝中区财政局" in page
    for private in ("刘小红", "liuxh@example.com", "liu", "城乡居民医保"):
        assert private not in page


def test_the_asker_is_masked_for_the_supervisor_and_for_the_handler_until_an_audited_unmasking(client, world):
    asked = make_question(world, question="我的电话是13812345678，请问医保怎么交？")
    client.force_login(world.zhaoliu)
    page = client.get(f"/staff/qa/questions/{asked.pk}/").content.decode()
    assert "138****5678" in page and "刘*红" in page
    assert "13812345678" not in page and "刘小红" not in page  # the number written in the question too
    assert client.post(f"/staff/qa/questions/{asked.pk}/unmask/").status_code == 302  # refused
    assert not AuditEntry.objects.filter(action="qa.asker_unmasked").exists()
    client.force_login(world.lisi)
    assert "13812345678" not in client.get(f"/staff/qa/questions/{asked.pk}/").content.decode()
    shown = client.post(f"/staff/qa/questions/{asked.pk}/unmask/").content.decode()
    assert "13812345678" in shown and "刘小红" in shown
    assert AuditEntry.objects.get(action="qa.asker_unmasked").actor == world.lisi


def test_an_e_mail_contact_is_masked_as_an_e_mail_address(client, world):
    asked = make_question(world, contact="liuxh@example.com", name="")
    client.force_login(world.qianqi)
    page = (
        client.get("/staff/qa/questions/").content.decode()
        + client.get(f"/staff/qa/questions/{asked.pk}/").content.decode()
    )
    assert "li****@example.com" in page and "liuxh@" not in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"question": ""}, "请填写您的问题。"),
        ({"question": "问" * 1001}, "您的问题最多 1000 字，现有 1001 字。"),
        ({"contact": ""}, "请填写接收答复的电话或电子邮箱。"),
        ({"contact": "12345"}, "联系方式：手机号码应为11位数字，“12345”不符合。"),
        ({"contact": "liu@"}, "“liu@”不是有效的电子邮箱，请按 name@example.com 的格式填写。"),
        ({"agency": ""}, "请选择咨询的机关。"),
    ],
)
def test_bad_input_is_refused_in_chinese_the_input_is_kept_and_nothing_is_saved(
    client, world, overrides, message
):
    response = _ask(client, world, **overrides)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    if "question" not in overrides:
        assert "我在外地工作，可以在渝中区参加城乡居民医保吗？" in page  # what was typed is kept
    assert not PublicQuestion.objects.exists()
    assert not AuditEntry.objects.filter(action="qa.question_asked").exists()


def test_the_service_refuses_bad_input_too(world):
    with pytest.raises(QAError) as refused:
        services.ask_question(world.a, question="  ", contact="13812345678")
    assert refused.value.code == "qa.question_missing"
    with pytest.raises(QAError) as refused:
        services.ask_question(world.a, question="城乡居民医保怎么缴费？", contact="0000")
    assert refused.value.code == "qa.contact_bad_phone"
    assert not PublicQuestion.objects.exists()


def test_too_many_questions_from_one_address_are_refused_with_the_time_to_wait(client, world, settings):
    settings.GONGKAI_QA_QUESTIONS_PER_ADDRESS = "2/h"
    assert [_ask(client, world).status_code for _ in range(3)] == [302, 302, 429]
    assert PublicQuestion.objects.count() == 2


def test_a_handlers_answer_joins_the_library_as_a_draft_and_the_approvers_is_published(client, world):
    first, second = make_question(world), make_question(world, question="灵活就业人员怎样参加医保？")
    client.force_login(world.lisi)
    response = client.post(
        f"/staff/qa/questions/{first.pk}/answer/",
        {
            "answer": "可以，持居住证在居住地参保。",
            "to_library": "on",
            "library_question": "外地户籍人员能否在渝中区参加城乡居民医保？",
        },
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert (first.state, first.answered_by, first.entry.state) == ("answered", world.lisi, "draft")
    assert first.entry.question == "外地户籍人员能否在渝中区参加城乡居民医保？"
    assert first.entry.answer == "可以，持居住证在居住地参保。"
    client.force_login(world.qianqi)
    client.post(
        f"/staff/qa/questions/{second.pk}/answer/",
        {
            "answer": "以个人身份在户籍地或居住地参保。",
            "to_library": "on",
            "library_question": "灵活就业人员怎样参加医保？",
        },
    )
    second.refresh_from_db()
    assert second.entry.state == "published"
    assert "灵活就业人员怎样参加医保？" in client.get("/qa/", {"q": "灵活就业"}).content.decode()


def test_an_answer_refused_for_the_library_leaves_the_question_unanswered(client, world):
    asked = make_question(world)
    client.force_login(world.lisi)
    response = client.post(
        f"/staff/qa/questions/{asked.pk}/answer/",
        {"answer": "可以。", "to_library": "on", "library_question": ""},
    )
    assert response.status_code == 400
    assert "请填写问答库中显示的问题，或取消勾选。" in response.content.decode()
    asked.refresh_from_db()
    assert asked.state == "received" and asked.answer == ""


def test_the_queue_is_sorted_by_due_date_and_marks_the_overdue(client, world):
    later = make_question(world, question="后问的问题", clock=clock_at(dt.date(2025, 11, 10), 10))
    earlier = make_question(world, question="先问的问题", clock=clock_at(dt.date(2025, 11, 3), 10))
    client.force_login(world.lisi)
    page = client.get("/staff/qa/questions/").content.decode()
    assert page.index(earlier.query_code) < page.index(later.query_code)
    assert page.count('class="row-overdue"') == 2  # both were due in 2025
    services.answer_question(earlier, answer="已答复。", actor=world.lisi)
    page = client.get("/staff/qa/questions/").content.decode()
    assert earlier.query_code not in page and later.query_code in page
    assert earlier.query_code in client.get("/staff/qa/questions/", {"all": "1"}).content.decode()


def test_a_question_is_answered_once_and_closing_needs_a_reason(world):
    asked = make_question(world)
    with pytest.raises(QAError) as refused:
        services.close_question(asked, reason="", actor=world.lisi)
    assert refused.value.code == "qa.reason_missing"
    services.answer_question(asked, answer="已答复。", actor=world.lisi)
    with pytest.raises(QAError) as refused:
        services.answer_question(asked, answer="再答一次", actor=world.lisi)
    assert refused.value.code == "qa.wrong_state"
    assert "已答复" in refused.value.message
