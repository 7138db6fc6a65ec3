"""Replying as an office does it (issue 13): the handler chooses the outcome and saves a draft, previews the
letter without taking a 文号, has it signed off where the agency requires it, and issues it once — the one
irreversible step. Nobody concludes an application in one click."""

from __future__ import annotations

import re

import pytest

from gongkai_web.applications.models import LetterSequence
from gongkai_web.audit.models import AuditEntry

from .documents import pdf_text

PARTS = [
    ("供应商报价明细", "withheld_third_party", "第三方书面不同意公开，理由成立"),
    ("经办人员的考勤记录", "withheld_internal_affairs", "属于人事管理信息"),
]


def _reply(outcome="partly_granted", parts=PARTS, reasons="", **extra):
    data = {
        "outcome": outcome,
        "reasons": reasons,
        "public_interest": "",
        "withheld-TOTAL_FORMS": str(len(parts) + 1),  # and one blank row, as the page posts it
        "withheld-INITIAL_FORMS": "0",
        "withheld-MIN_NUM_FORMS": "0",
        "withheld-MAX_NUM_FORMS": "20",
    }
    for i, (description, ground, reason) in enumerate(parts):
        data |= {
            f"withheld-{i}-description": description,
            f"withheld-{i}-ground": ground,
            f"withheld-{i}-reason": reason,
        }
    return data | extra


def _base(world):
    return f"/staff/applications/{world.app_a.pk}"


def _save(client, world, **kw):
    return client.post(f"{_base(world)}/reply/", _reply(**kw))


def _draft(world):
    return world.app_a.reply_drafts.get()


def _step(client, world, step, data=None):
    draft = _draft(world)
    return client.post(f"{_base(world)}/reply/{draft.pk}/{step}/", data or {})


def _issue(client, world, *, version=None, on="2025-11-20"):
    draft = _draft(world)
    data = {"decided_on": on, "version": version or draft.version, "confirm": "on"}
    return client.post(f"{_base(world)}/reply/{draft.pk}/issue/", data, follow=True)


def _serials(world):
    return list(LetterSequence.objects.filter(agency=world.a).values_list("year", "last"))


def _actions(world):
    return list(
        AuditEntry.objects.filter(
            object_id=str(world.app_a.pk), action__startswith="applications.reply_draft"
        )
        .order_by("id")
        .values_list("action", flat=True)
    )


@pytest.fixture
def signoff(world):
    world.a.reply_needs_approval = True
    world.a.save()
    return world


# ── drafting ─────────────────────────────────────────────────────────────────────────────────────


def test_no_outcome_is_preselected_and_one_must_be_chosen(world, client):
    client.force_login(world.lisi)
    html = client.get(f"{_base(world)}/").content.decode()
    select = re.search(r'<select name="outcome"[^>]*>(.*?)</select>', html, re.S)
    assert select and "required" in select.group(0)
    options = re.findall(r"<option[^>]*>", select.group(1))
    assert options[0] == '<option value="" selected>' and all("selected" not in o for o in options[1:])
    assert "请选择办理结果" in select.group(1)
    response = _save(client, world, outcome="", reasons="所申请信息见附件")
    assert response.status_code == 400  # the page comes back, not a redirect
    page = response.content.decode()
    assert 'role="alert"' in page and "所申请信息见附件" in page  # what was typed is kept
    assert not world.app_a.reply_drafts.exists()


def test_a_saved_draft_keeps_its_values_and_sends_nothing(world, client):
    client.force_login(world.lisi)
    before = _serials(world)
    response = _save(client, world, reasons="其余部分予以公开")
    draft = _draft(world)
    assert response.status_code == 302 and response["Location"] == f"{_base(world)}/reply/{draft.pk}/"
    assert (draft.state, draft.outcome, draft.reasons) == ("draft", "partly_granted", "其余部分予以公开")
    assert [p["description"] for p in draft.withheld] == ["供应商报价明细", "经办人员的考勤记录"]
    world.app_a.refresh_from_db()
    assert world.app_a.status == "in_progress" and not world.app_a.letters.filter(kind="reply").exists()
    assert _serials(world) == before
    page = client.get(f"{_base(world)}/").content.decode()  # the record page shows the draft, to change
    assert (
        'value="partly_granted" selected' in page
        and "供应商报价明细" in page
        and "第三方书面不同意公开" in page
    )
    assert "答复稿" in page and "拟稿中" in page
    assert _actions(world) == ["applications.reply_draft_saved"]


def test_a_draft_the_statute_refuses_is_not_saved_and_keeps_the_typing(world, client):
    client.force_login(world.lisi)
    response = _save(
        client, world, outcome="granted", reasons="见附件"
    )  # withheld parts on a full disclosure
    assert response.status_code == 400
    page = response.content.decode()
    assert "部分公开" in page and "供应商报价明细" in page and "见附件" in page
    assert not world.app_a.reply_drafts.exists()


def test_the_one_click_reply_is_gone(world, client):
    client.force_login(world.lisi)
    client.post(f"{_base(world)}/reply/", _reply(outcome="granted", parts=[], reasons="见附件"))
    world.app_a.refresh_from_db()
    assert world.app_a.status == "in_progress" and not world.app_a.letters.filter(kind="reply").exists()


# ── preview ──────────────────────────────────────────────────────────────────────────────────────


def test_the_preview_shows_the_letter_without_taking_a_number(world, client):
    client.force_login(world.lisi)
    _save(client, world, reasons="")
    before = _serials(world)
    page = client.get(f"{_base(world)}/reply/{_draft(world).pk}/").content.decode()
    assert "部分公开告知书" in page or "答复书" in page
    assert "（文号于签发时编定）" in page and "样稿" in page
    assert "1. 供应商报价明细：第三方书面不同意公开，理由成立。" in page  # the letter's own words
    assert "渝中财公开〔" not in page.split("letter-preview")[1]
    pdf = client.get(f"{_base(world)}/reply/{_draft(world).pk}/preview.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = pdf_text(pdf.content)
    assert "样稿" in text and "供应商报价明细" in text and "公开〔" not in text
    assert _serials(world) == before
    assert not world.app_a.letters.filter(kind="reply").exists()


# ── sign-off ─────────────────────────────────────────────────────────────────────────────────────


def test_issuing_is_refused_without_sign_off_where_the_agency_requires_it(signoff, client):
    world = signoff
    client.force_login(world.lisi)
    _save(client, world)
    preview = client.get(f"{_base(world)}/reply/{_draft(world).pk}/").content.decode()
    assert "/issue/" not in preview and "提交审签" in preview  # no issue form, only the way to sign-off
    before = _serials(world)
    response = _issue(client, world)
    assert response.status_code == 400 and "须经审签人审签" in response.content.decode()
    world.app_a.refresh_from_db()
    assert world.app_a.status == "in_progress" and _serials(world) == before


def test_a_handler_cannot_sign_off(signoff, client):
    world = signoff
    client.force_login(world.lisi)
    _save(client, world)
    _step(client, world, "submit")
    _step(client, world, "approve", {"version": 1})
    assert _draft(world).state == "submitted"
    assert "只有本机关的审签人" in client.get(f"{_base(world)}/reply/{_draft(world).pk}/").content.decode()


def test_the_approver_signs_off_and_the_handler_issues(signoff, client):
    world = signoff
    client.force_login(world.lisi)
    _save(client, world)
    _step(client, world, "submit")
    client.force_login(world.qianqi)
    listed = client.get("/staff/applications/?view=signoff").content.decode()
    assert world.app_a.query_code in listed  # the approver's worklist of drafts awaiting sign-off
    page = client.get(f"{_base(world)}/").content.decode()
    assert "审阅并审签" in page
    preview = client.get(f"{_base(world)}/reply/{_draft(world).pk}/").content.decode()
    assert "审签通过" in preview and "退回经办人" in preview
    _step(client, world, "approve", {"version": 1})
    draft = _draft(world)
    assert draft.state == "approved" and draft.approved_by == world.qianqi and draft.signed_off
    client.force_login(world.lisi)
    _issue(client, world)
    world.app_a.refresh_from_db()
    assert world.app_a.status == "closed" and world.app_a.outcome == "partly_granted"
    letter = world.app_a.letters.get(kind="reply")
    assert letter.number == "渝中财公开〔2025〕2号"  # the receipt was 1; the number is taken on issue
    assert _draft(world).state == "issued" and _draft(world).letter == letter
    assert _actions(world) == [
        "applications.reply_draft_saved",
        "applications.reply_draft_submitted",
        "applications.reply_draft_approved",
        "applications.reply_draft_issued",
    ]


def test_a_change_after_sign_off_needs_a_new_sign_off(signoff, client):
    world = signoff
    client.force_login(world.lisi)
    _save(client, world)
    _step(client, world, "submit")
    client.force_login(world.qianqi)
    _step(client, world, "approve", {"version": 1})
    client.force_login(world.lisi)
    _save(client, world, reasons="补充说明")
    draft = _draft(world)
    assert (draft.state, draft.version, draft.signed_off) == ("draft", 2, False)
    response = _issue(client, world)
    assert response.status_code == 400
    assert not world.app_a.letters.filter(kind="reply").exists()
    changed = AuditEntry.objects.get(action="applications.reply_draft_changed")
    assert changed.data["signoff_withdrawn"] is True


def test_the_approver_returns_the_draft_with_a_comment(signoff, client):
    world = signoff
    client.force_login(world.lisi)
    _save(client, world)
    _step(client, world, "submit")
    client.force_login(world.qianqi)
    empty = _step(client, world, "return", {"version": 1, "comment": ""})
    assert empty.status_code == 400 and _draft(world).state == "submitted"
    _step(client, world, "return", {"version": 1, "comment": "请补充第二项的具体理由"})
    assert _draft(world).state == "returned"
    client.force_login(world.lisi)
    assert "请补充第二项的具体理由" in client.get(f"{_base(world)}/").content.decode()


def test_an_approver_signs_off_only_the_version_she_read(signoff, client):
    world = signoff
    client.force_login(world.lisi)
    _save(client, world)
    _step(client, world, "submit")
    _save(client, world, reasons="改过")  # changed, now version 2, back to the handler
    _step(client, world, "submit")
    client.force_login(world.qianqi)
    _step(client, world, "approve", {"version": 1})
    assert _draft(world).state == "submitted"


# ── dropping, issuing once ──────────────────────────────────────────────────────────────────────


def test_a_draft_can_be_dropped_and_a_new_one_started(world, client):
    client.force_login(world.lisi)
    _save(client, world)
    draft = _draft(world)
    _step(client, world, "drop")
    draft.refresh_from_db()
    assert draft.state == "dropped"
    assert _actions(world) == ["applications.reply_draft_saved", "applications.reply_draft_dropped"]
    preview = client.get(f"{_base(world)}/reply/{draft.pk}/").content.decode()
    assert "已弃置" in preview and "/issue/" not in preview
    client.post(f"{_base(world)}/reply/", _reply(outcome="granted", parts=[], reasons="见附件"))
    assert world.app_a.reply_drafts.filter(state="draft").count() == 1
    dropped = client.post(
        f"{_base(world)}/reply/{draft.pk}/issue/", {"decided_on": "2025-11-20", "version": 1, "confirm": "on"}
    )
    assert dropped.status_code == 400 and not world.app_a.letters.filter(kind="reply").exists()


def test_issuing_needs_the_confirmation_that_it_cannot_be_undone(world, client):
    client.force_login(world.lisi)
    _save(client, world)
    draft = _draft(world)
    preview = client.get(f"{_base(world)}/reply/{draft.pk}/").content.decode()
    assert "签发后将编号并送达申请人，不能撤回" in preview
    response = client.post(
        f"{_base(world)}/reply/{draft.pk}/issue/", {"decided_on": "2025-11-20", "version": 1}
    )
    assert response.status_code == 400 and 'role="alert"' in response.content.decode()
    assert not world.app_a.letters.filter(kind="reply").exists()


def test_a_second_click_does_not_issue_twice(world, client):
    client.force_login(world.lisi)
    _save(client, world)
    _issue(client, world)
    again = _issue(client, world)  # the browser's back button and the form posted again
    assert "此前已签发，未重复签发" in again.content.decode()
    assert world.app_a.letters.filter(kind="reply").count() == 1
    assert _serials(world) == [(2025, 2)]
    assert _actions(world).count("applications.reply_draft_issued") == 1


def test_a_preview_changed_since_it_was_opened_is_not_issued(world, client):
    client.force_login(world.lisi)
    _save(client, world)
    _save(client, world, reasons="另一版本")
    response = _issue(client, world, version=1)
    assert response.status_code == 400 and "已被修改" in response.content.decode()
    assert not world.app_a.letters.filter(kind="reply").exists()


# ── who sees drafts ─────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("persona", ["wangwu", "zhaoliu", "zhangsan", "anon"])
def test_others_neither_see_nor_act_on_drafts(world, client, persona):
    client.force_login(world.lisi)
    _save(client, world)
    draft = _draft(world)
    client.logout()
    if persona != "anon":
        client.force_login(getattr(world, persona))
    expected = 302 if persona == "anon" else 404  # to the login page, or hidden
    for url in (f"{_base(world)}/reply/{draft.pk}/", f"{_base(world)}/reply/{draft.pk}/preview.pdf"):
        assert client.get(url).status_code == expected
    for step in ("submit", "approve", "return", "drop", "issue"):
        assert client.post(f"{_base(world)}/reply/{draft.pk}/{step}/", {"version": 1}).status_code == expected
    assert client.post(f"{_base(world)}/reply/", _reply(reasons="改")).status_code == expected
    draft.refresh_from_db()
    assert (draft.state, draft.version) == ("draft", 1)
    if persona == "zhaoliu":  # the supervisor reads the record (its audit trail too), without the draft
        page = client.get(f"{_base(world)}/").content.decode()
        assert 'id="reply-draft"' not in page and "/reply/" not in page


def test_a_draft_of_another_application_is_not_found_through_this_one(world, client):
    client.force_login(world.wangwu)
    client.post(
        f"/staff/applications/{world.app_b.pk}/reply/", _reply(outcome="granted", parts=[], reasons="见")
    )
    other = world.app_b.reply_drafts.get()
    client.force_login(world.lisi)
    assert client.get(f"{_base(world)}/reply/{other.pk}/").status_code == 404


def test_the_demo_shows_the_approver_a_reply_awaiting_her_sign_off(db, client):
    from django.core.management import call_command

    from .fixtures import log_in

    call_command("load_demo", verbosity=0)
    assert log_in(client, "qianqi", "gongkai-demo")
    listed = client.get("/staff/applications/?view=signoff")
    (row,) = listed.context["rows"]
    draft = row[0].reply_drafts.get()
    assert (draft.state, draft.outcome, row[0].agency.reply_needs_approval) == (
        "submitted",
        "partly_granted",
        True,
    )
    preview = client.get(f"/staff/applications/{row[0].pk}/reply/{draft.pk}/").content.decode()
    assert "各项目供应商的报价明细" in preview and "审签通过" in preview


def test_a_draft_of_a_withdrawn_application_cannot_be_issued(world, client):
    client.force_login(world.lisi)
    _save(client, world)
    client.post(f"{_base(world)}/withdraw/", {"on": "2025-11-05"})
    world.app_a.refresh_from_db()
    assert world.app_a.status == "withdrawn"
    preview = client.get(f"{_base(world)}/reply/{_draft(world).pk}/").content.decode()
    assert "本答复稿不能签发" in preview and "/issue/" not in preview
    response = _issue(client, world)
    assert response.status_code == 400 and not world.app_a.letters.filter(kind="reply").exists()


def test_an_approver_does_not_sign_off_a_draft_she_submitted_herself(signoff, client):
    world = signoff
    client.force_login(world.qianqi)  # the office head drafts and submits the reply herself
    _save(client, world)
    _step(client, world, "submit")
    page = client.get(f"{_base(world)}/reply/{_draft(world).pk}/").content.decode()
    _step(client, world, "approve", {"version": 1})
    draft = _draft(world)
    assert draft.state == "submitted" and draft.approved_by is None
    assert "审阅" in page or "审签" in page
    assert "applications.reply_draft_approved" not in _actions(world)
