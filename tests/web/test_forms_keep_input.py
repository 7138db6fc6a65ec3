"""A form sent back with errors keeps what was typed, says at its top how many things to correct (each a
link to its field, in a box that takes the focus), and marks each field in error for screen readers
(aria-invalid, aria-describedby naming its message). Passwords are never sent back (a password field
is typed again); everything else is."""

from __future__ import annotations

import html
import re

from django.contrib.auth.models import User

from .fixtures import PASSWORD, form_data, log_in


def _page(response) -> str:
    return html.unescape(response.content.decode())


def _summary(page: str) -> str:
    found = re.search(
        r'<div class="error-summary" role="alert" tabindex="-1" data-error-summary>(.*?)</div>', page, re.S
    )
    assert found, "no error summary"
    return found.group(1)


def _input(page: str, name: str) -> str:
    return re.search(rf'<(?:input|textarea)[^>]*name="{name}"[^>]*>', page).group(0)


def test_the_public_form_with_errors_keeps_what_was_typed_and_sums_up_the_errors(client, world):
    data = form_data(world, phone="12345", email="", description="2024年度区财政预算执行情况，按月份列出")
    response = client.post("/apply/", data)  # e-mail delivery without an address, a phone that is none
    page = _page(response)
    summary = _summary(page)
    assert "提交未成功，请修改以下 2 处：" in summary
    assert 'href="#id_phone"' in summary and 'href="#id_email"' in summary
    assert 'value="张三"' in _input(page, "name") and 'value="12345"' in _input(page, "phone")
    assert "2024年度区财政预算执行情况，按月份列出" in page
    phone = _input(page, "phone")
    assert 'aria-invalid="true"' in phone and 'aria-describedby="id_phone_error"' in phone
    assert 'id="id_phone_error"' in page
    assert "aria-invalid" not in _input(page, "name")  # only the fields in error


def test_the_error_summary_takes_the_focus_through_the_sites_own_script(client, world):
    page = _page(client.post("/apply/", form_data(world, phone="12345")))
    assert '<script src="/static/gongkai/forms.js" defer></script>' in page
    from pathlib import Path

    script = (Path(__file__).parents[2] / "gongkai_web/static/gongkai/forms.js").read_text()
    assert "[data-error-summary]" in script and ".focus()" in script


def test_a_form_without_errors_has_no_summary(client, world):
    assert "error-summary" not in _page(client.get("/apply/"))


def test_tracking_with_a_wrong_password_keeps_the_query_code_but_not_the_password(client, world):
    page = _page(client.post("/track/", {"query_code": world.app_a.query_code, "secret": "wrong-one"}))
    assert "提交未成功" in _summary(page)
    assert f'value="{world.app_a.query_code}"' in _input(page, "query_code")
    assert "wrong-one" not in page


def test_a_failed_login_keeps_the_username_but_not_the_password(client, world):
    page = _page(client.post("/accounts/login/", {"username": "lisi", "password": "not-his"}))
    assert "提交未成功" in _summary(page)
    assert 'value="lisi"' in _input(page, "username")
    assert "not-his" not in page


def test_a_signup_with_mismatched_passwords_keeps_the_username_and_the_address(client, db):
    page = _page(
        client.post(
            "/accounts/signup/",
            {
                "username": "wangxiaoer",
                "email": "w@example.org",
                "password1": "a-long-pass-99",
                "password2": "other-99",
            },
        )
    )
    assert "提交未成功" in _summary(page)
    assert 'value="wangxiaoer"' in _input(page, "username") and 'value="w@example.org"' in _input(
        page, "email"
    )
    assert "a-long-pass-99" not in page


def test_registering_by_staff_with_errors_keeps_what_was_typed(client, world):
    assert log_in(client, "lisi")
    data = {
        **form_data(world, phone="023-1234"),
        "channel": "in_person",
        "arrived_at": "2025-11-03T09:00",
        "received_on": "2025-11-03",
    }
    page = _page(client.post("/staff/applications/new/", data))
    assert 'href="#id_phone"' in _summary(page)
    assert 'value="023-1234"' in _input(page, "phone") and 'value="张三"' in _input(page, "name")
    assert 'value="2025-11-03T09:00"' in _input(page, "arrived_at")


def test_turning_on_the_second_factor_with_a_wrong_code_keeps_the_code_typed(client, world):
    assert log_in(client, "lisi")
    client.get("/accounts/second-factor/")
    page = _page(client.post("/accounts/second-factor/", {"password": PASSWORD, "code": "000000"}))
    assert "提交未成功" in _summary(page)
    assert 'value="000000"' in _input(page, "code")


def test_a_handling_step_with_errors_comes_back_with_the_input_in_its_open_panel(client, world):
    assert log_in(client, "lisi")
    response = client.post(
        f"/staff/applications/{world.app_a.pk}/consult/",
        {"consultee_kind": "third_party", "consultee": "重庆某某建设有限公司", "sent_on": "3.11.2025"},
    )
    assert response.status_code == 400
    page = _page(response)
    panel = re.search(r'<details id="action-consult" open>(.*?)</details>', page, re.S).group(1)
    assert 'href="#id_consult-sent_on"' in _summary(panel)
    assert 'value="重庆某某建设有限公司"' in panel and 'value="3.11.2025"' in panel
    assert "不是有效的日期" in panel
    assert '<details id="action-withdraw">' in page  # the other steps are still there, closed
    world.app_a.refresh_from_db()
    assert world.app_a.status == "in_progress"


def test_a_step_the_service_refuses_comes_back_with_the_input_and_the_reason(client, world):
    assert log_in(client, "lisi")
    tomorrow = "2099-01-05"  # a day to come: a withdrawal is recorded on the day it happened
    response = client.post(
        f"/staff/applications/{world.app_a.pk}/withdraw/", {"on": tomorrow, "reason": "申请人电话撤回"}
    )
    assert response.status_code == 400
    panel = re.search(r'<details id="action-withdraw" open>(.*?)</details>', _page(response), re.S).group(1)
    assert 'value="申请人电话撤回"' in panel and f'value="{tomorrow}"' in panel
    assert 'class="errorlist nonfield"' in panel


def test_the_fields_of_the_record_pages_forms_have_ids_of_their_own(client, world):
    assert log_in(client, "lisi")
    page = _page(client.get(f"/staff/applications/{world.app_a.pk}/"))
    ids = re.findall(r'\sid="(id_[^"]+)"', page)
    assert ids and len(ids) == len(set(ids))


def test_the_public_form_names_the_field_and_the_counts_when_the_request_is_too_long(client, world):
    page = _page(client.post("/apply/", form_data(world, description="预" * 4213)))
    assert "所需信息的内容描述最多 4000 字，现有 4213 字。" in page
    assert "确保该变量" not in page


def test_a_missing_required_field_is_named(client, world):
    page = _page(client.post("/apply/", form_data(world, name="")))
    assert "请填写姓名或名称。" in page
    assert "这个字段是必填项" not in page


def test_a_landline_with_its_area_code_is_a_valid_contact_number(client, world):
    for n, phone in enumerate(["023-63000000", "02363000000", "023-63000000-8001"]):
        response = client.post("/apply/", form_data(world, phone=phone, token=f"tok-l{n}"))
        assert response.status_code == 302, phone


def test_junk_is_still_refused_as_a_contact_number(client, world):
    page = _page(client.post("/apply/", form_data(world, phone="63000000")))
    assert "带区号的固定电话" in page


def test_the_upload_hint_names_every_accepted_type(client, world):
    from gongkai_web.applications.uploads import ALLOWED

    page = _page(client.get("/apply/"))
    hint = re.search(r'id="id_identity_proof_helptext">(.*?)</span>', page).group(1)
    for ext in ALLOWED:
        assert ("JPG" if ext == "jpeg" else ext.upper()) in hint
    assert "PDF/JPG/PNG/OFD/DOCX" in hint


def test_staff_land_on_their_worklist_and_applicants_on_their_applications(client, world):
    response = client.post("/accounts/login/", {"username": "lisi", "password": PASSWORD})
    assert response["Location"] == "/staff/applications/"
    client.logout()
    response = client.post("/accounts/login/", {"username": "zhangsan", "password": PASSWORD})
    assert response["Location"] == "/me/"
    client.logout()
    User.objects.create_user("root", password=PASSWORD, is_staff=True)  # an administrator, no agency
    assert (
        client.post("/accounts/login/", {"username": "root", "password": PASSWORD})["Location"] == "/admin/"
    )


def test_a_next_page_still_wins_after_login(client, world):
    response = client.post(
        "/accounts/login/?next=/staff/reports/", {"username": "lisi", "password": PASSWORD}
    )
    assert response["Location"] == "/staff/reports/"


def test_each_worklist_cell_is_labelled_for_the_phone_layout(client, world):
    assert log_in(client, "lisi")
    page = _page(client.get("/staff/applications/"))
    row = next(r for r in re.findall(r"<tr.*?</tr>", page, flags=re.S) if world.app_a.query_code in r)
    labels = re.findall(r'<td data-label="([^"]+)"', row)
    assert labels == ["法定答复期限", "查询码", "收到日期", "机关", "申请人", "所需信息", "状态"]
    assert len(re.findall(r"<td", row)) == len(labels)


def test_the_phone_layout_shows_each_cells_label(client, world):
    from pathlib import Path

    css = (Path(__file__).parents[2] / "gongkai_web/static/gongkai/site.css").read_text()
    assert re.search(
        r"@media \(max-width: 40rem\) \{ table\.responsive td\[data-label\]::before \{ content: attr\(data-label\)",
        css,
    )


def test_a_reply_with_errors_comes_back_in_the_open_reply_panel(client, world):
    assert log_in(client, "lisi")
    response = client.post(
        f"/staff/applications/{world.app_a.pk}/reply/",
        {"outcome": "", "decided_on": "2025-11-20", "reasons": "已主动公开，见区政府网站"},
    )
    assert response.status_code == 400
    panel = re.search(r'<details id="action-reply" open>(.*?)</details>', _page(response), re.S).group(1)
    assert "请选择" in _summary(panel) and "已主动公开，见区政府网站" in panel
