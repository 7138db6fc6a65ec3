"""What the walk through the public side (2026-12-04, docs/publications.md) had left open, now fixed: the
complaint form asks to choose an agency; login and signup are checked by the server, with its Chinese
error summary; the apply form's ID type starts at 居民身份证 and its empty choice says what to do; the
ask form refuses a question too short to answer; the contact fields take a phone number or an e-mail
address on a plain text keyboard; page titles end in the platform's Chinese name."""

from __future__ import annotations

import re

import pytest

from gongkai_web.qa import services as qa_services
from gongkai_web.qa.errors import QAError
from gongkai_web.qa.models import PublicQuestion
from gongkai_web.supervision.models import Complaint

from .fixtures import make_agency
from .test_portal_column import _doc
from .test_qa_questions import _ask


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def _title(response) -> str:
    found = re.search(r"<title>(.*?)</title>", response.content.decode(), flags=re.S)
    assert found, "the page has no title"
    return found.group(1).strip()


def _input(page: str, name: str) -> str:
    found = re.search(rf'<input[^>]*name="{name}"[^>]*>', page)
    assert found, f"no input named {name}"
    return found.group(0)


# ── 1. the complaint form's agency ────────────────────────────────────────────────────────────────


def test_the_complaint_form_asks_to_choose_the_agency_rather_than_showing_dashes(client, world):
    page = client.get("/supervision/complain/").content.decode()
    assert '<option value="" selected>请选择机关</option>' in page
    assert "---------" not in page
    # Shown again with its errors, it still asks.
    again = client.post("/supervision/complain/", {"kind": "complaint", "text": "", "contact": ""})
    assert again.status_code == 400
    assert '<option value="" selected>请选择机关</option>' in again.content.decode()
    assert not Complaint.objects.exists()


# ── 2. login and signup checked by the server ─────────────────────────────────────────────────────


def test_an_empty_login_is_checked_by_the_server_which_says_in_chinese_what_is_missing(client, world):
    assert '<form method="post" novalidate>' in client.get("/accounts/login/").content.decode()
    page = _text(client.post("/accounts/login/", {"username": "", "password": ""}))
    assert 'class="error-summary"' in page and "提交未成功，请修改以下 2 处：" in page
    assert '<a href="#id_username">请填写用户名。</a>' in page
    assert '<a href="#id_password">请填写密码。</a>' in page


def test_an_empty_signup_is_checked_by_the_server_which_says_in_chinese_what_is_missing(client, db):
    assert '<form method="post" novalidate>' in client.get("/accounts/signup/").content.decode()
    page = _text(
        client.post("/accounts/signup/", {"username": "", "email": "", "password1": "", "password2": ""})
    )
    assert 'class="error-summary"' in page and "提交未成功，请修改以下 3 处：" in page
    assert '<a href="#id_username">请填写用户名。</a>' in page


# ── 3. the apply form's ID type ───────────────────────────────────────────────────────────────────


def test_the_apply_form_starts_at_the_resident_id_card_and_its_empty_choice_says_what_to_do(client, world):
    page = client.get("/apply/").content.decode()
    select = re.search(r'<select name="id_type".*?</select>', page, flags=re.S)
    assert select, "no ID type choice"
    options = re.findall(r"<option[^>]*>[^<]*</option>", select.group(0))
    assert options[:2] == [
        '<option value="">请选择证件类型</option>',
        '<option value="resident_id" selected>居民身份证</option>',
    ]
    assert "—" not in select.group(0)


def test_a_citizen_who_empties_the_id_type_is_still_asked_to_choose_one(client, world):
    page = _text(client.post("/apply/", {"applicant_type": "citizen", "id_type": "", "name": "张三"}))
    assert '<a href="#id_id_type">请选择证件类型。</a>' in page


# ── 4. a question long enough to answer ───────────────────────────────────────────────────────────

TOO_SHORT = "您的问题太短：请至少写 5 个字（标点不计），说明咨询的是哪项政策或事项、想了解什么。"


@pytest.mark.parametrize("question", ["医", "  医保？  ", "医保？？？？？"])
def test_a_question_of_fewer_than_five_characters_is_refused_saying_what_to_write(client, world, question):
    response = _ask(client, world, question=question)
    assert response.status_code == 400
    assert f'<a href="#id_question">{TOO_SHORT}</a>' in _text(response)
    assert not PublicQuestion.objects.exists()


def test_a_question_of_five_characters_is_taken(client, world):
    response = _ask(client, world, question=" 医保怎么交？ ")
    assert response.status_code == 302
    assert PublicQuestion.objects.get().question == "医保怎么交？"


def test_the_service_refuses_a_question_too_short_too(world):
    with pytest.raises(QAError) as refused:
        qa_services.ask_question(world.a, question="医保？", contact="13812345678")
    assert refused.value.code == "qa.question_too_short"
    assert not PublicQuestion.objects.exists()


# ── 5. a contact field for a phone number or an e-mail address ────────────────────────────────────


@pytest.mark.parametrize("path", ["/qa/ask/", "/supervision/complain/"])
def test_the_contact_field_is_plain_text_offering_the_phone_number_with_a_hint_for_either(
    client, world, path
):
    page = client.get(path).content.decode()
    field = _input(page, "contact")
    assert 'type="text"' in field and 'autocomplete="tel"' in field
    assert "inputmode" not in field  # neither the phone pad (no @) nor the e-mail keyboard
    assert (
        "手机号码、带区号的固定电话或电子邮箱，例如 13800138000、023-63000000 或 name@example.com。" in page
    )


@pytest.mark.parametrize(
    ("contact", "kind"),
    [("138 1234 5678", "phone"), ("023-63000000", "phone"), ("liuxh@example.com", "email")],
)
def test_the_ask_form_takes_a_phone_number_or_an_e_mail_address(client, world, contact, kind):
    assert _ask(client, world, contact=contact).status_code == 302
    assert PublicQuestion.objects.get().contact_kind == kind


# ── 6. page titles ────────────────────────────────────────────────────────────────────────────────


def test_page_titles_name_the_page_then_the_platform_in_chinese(client, world):
    expected = {
        "/": "首页 - 政府信息公开平台",
        "/apply/": "在线申请 - 政府信息公开平台",
        "/accounts/login/": "登录 - 政府信息公开平台",
        "/accounts/signup/": "注册申请人账户 - 政府信息公开平台",
        "/qa/ask/": "我要咨询 - 政府信息公开平台",
        f"/gk/{world.a.code}/": "政府信息公开 - 渝中区财政局 - 政府信息公开平台",
        "/no-such-page/": "页面不存在 - 政府信息公开平台",
    }
    assert {path: _title(client.get(path)) for path in expected} == expected


# ── 8. the site search's issuer filter ────────────────────────────────────────────────────────────


def _titles(response) -> list[str]:
    return re.findall(r'class="result-title" href="[^"]+">([^<]+)</a>', response.content.decode())


def test_the_site_search_filters_by_issuer_grouped_by_level_and_combined_with_the_words(client, world):
    city = make_agency("重庆市财政局", level="city", kind="city_department")
    _doc(world.a, "渝中区财政局关于部门预算公开的通知")
    _doc(world.a, "渝中区财政局关于政府采购的通知")
    _doc(city, "重庆市财政局关于部门预算编制的通知")
    page = client.get("/search/").content.decode()
    select = re.search(r'<select id="f-issuer" name="issuer">.*?</select>', page, flags=re.S)
    assert select, "the site search has no issuer filter"
    assert '<label for="f-issuer">发文机关</label>' in page
    groups = re.findall(r'<optgroup label="([^"]+)">(.*?)</optgroup>', select.group(0))
    assert [(label, re.findall(r">([^<]+)</option>", options)) for label, options in groups] == [
        ("市级机关", ["重庆市财政局"]),
        ("渝中区人民政府", ["渝中区财政局"]),
    ]
    found = client.get("/search/", {"q": "预算", "issuer": world.a.pk})
    assert _titles(found) == ["渝中区财政局关于部门预算公开的通知"]
    assert f'<option value="{world.a.pk}" selected>渝中区财政局</option>' in found.content.decode()
    assert _titles(client.get("/search/", {"q": "预算", "issuer": city.pk})) == [
        "重庆市财政局关于部门预算编制的通知"
    ]
    assert sorted(_titles(client.get("/search/", {"q": "预算"}))) == [
        "渝中区财政局关于部门预算公开的通知",
        "重庆市财政局关于部门预算编制的通知",
    ]
