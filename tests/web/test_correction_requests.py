"""Requests to correct a record about the requester (条例第四十一条): intake on the public and staff forms,
the 更正答复书 for each answer, refusals of the disclosure steps and vice versa, table 3 unaffected
(legal-rules decision 14), access. Expected words are the statute's (第四十一条) and §7.3's remedy
periods, not the platform's output."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai_web.applications import services
from gongkai_web.applications.errors import ApplicationError
from gongkai_web.applications.models import Application
from gongkai_web.audit.models import AuditEntry
from gongkai_web.reports.table3 import build_table3

from .documents import docx_text, pdf_text
from .fixtures import clock_at, form_data, make_application

D = dt.date
DECIDED = D(2025, 11, 20)
RECORD = "2024年区级助学补贴发放名单中本人的身份证号码末四位记为0011，应为0012"


@pytest.fixture
def request_a(world):
    """张三's request to 渝中区财政局 (agency A) to correct a record about him, entered by staff."""
    return make_application(world.a, applicant=world.zhangsan, kind="correction", description=RECORD)


def _answer(app, actor, result="corrected", details="已将发放名单中您的身份证号码更正为……0012", **kw):
    return services.reply_correction(
        app, result=result, decided_on=DECIDED, details=details, actor=actor, clock=clock_at(DECIDED), **kw
    )


def _evidence():
    return SimpleUploadedFile("户籍证明.pdf", b"%PDF-1.7\n%%EOF\n", content_type="application/pdf")


# ── intake ──────────────────────────────────────────────────────────────────────────────────────


def test_zhang_san_asks_online_for_a_record_to_be_corrected_with_his_evidence(client, world):
    response = client.post(
        "/apply/",
        {**form_data(world, description=RECORD), "kind": "correction", "supporting": _evidence()},
        follow=True,
    )
    app = Application.objects.get(submission_token="tok-123")
    assert app.kind == "correction" and app.description == RECORD
    assert app.attachments.get().original_name == "户籍证明.pdf"
    receipt = app.letters.get(kind="receipt")
    assert "更正政府信息记录的申请本机关已收到" in docx_text(receipt.docx)
    assert response.status_code == 200


def test_the_public_form_offers_both_kinds_and_asks_for_evidence_of_the_inaccuracy(client, world):
    page = client.get("/apply/").content.decode()
    assert "申请公开政府信息" in page and "要求更正与本人相关的政府信息（条例第四十一条）" in page
    response = client.post("/apply/", {**form_data(world, description=RECORD), "kind": "correction"})
    assert "证明该记录不准确的证据" in response.content.decode()
    assert not Application.objects.filter(submission_token="tok-123").exists()


def test_a_form_without_a_kind_is_a_disclosure_application_as_before(client, world):
    client.post("/apply/", form_data(world))
    assert Application.objects.get(submission_token="tok-123").kind == "disclosure"


def test_li_si_enters_a_correction_request_handed_in_on_paper_without_scanning_the_evidence(client, world):
    client.force_login(world.lisi)
    data = {
        **form_data(world, description=RECORD),
        "kind": "correction",
        "channel": "in_person",
        "arrived_at": "2025-11-03T09:00",
    }
    assert client.post("/staff/applications/new/", data).status_code == 302
    app = Application.objects.exclude(pk__in=[world.app_a.pk, world.app_b.pk]).get()
    assert app.kind == "correction" and app.entered_by == world.lisi


# ── handling ────────────────────────────────────────────────────────────────────────────────────


def test_a_verified_correction_is_made_and_the_reply_cites_article_41(world, request_a):
    app = _answer(request_a, world.lisi)
    assert (app.status, app.concluded_on, app.outcome) == ("closed", DECIDED, "")
    assert app.correction_result == "corrected"
    letter = app.letters.get(kind="correction_reply")
    assert letter.title == "更正答复书" and letter.to_applicant and letter.addressee == "张三"
    assert (
        letter.number == "渝中财公开〔2025〕3号"
    )  # after the receipts of world.app_a (1) and of this request (2)
    for text in (docx_text(letter.docx), pdf_text(_pdf(letter))):
        squashed = text.replace("\n", "")
        assert "《中华人民共和国政府信息公开条例》第四十一条" in squashed and "本机关已予更正" in squashed
        assert "身份证号码末四位记为0011" in squashed
        assert (
            "60日内向渝中区人民政府申请行政复议" in squashed
            and "6个月内依法向人民法院提起行政诉讼" in squashed
        )
    assert AuditEntry.objects.filter(action="applications.correction_replied").count() == 1


def _pdf(letter):
    from gongkai_web.applications.letters import pdf_of

    return pdf_of(letter)


def test_a_request_outside_the_agencys_functions_is_forwarded_and_the_agency_named(world, request_a):
    _answer(request_a, world.lisi, result="forwarded", details="", forwarded_to="渝中区教育委员会")
    text = docx_text(request_a.letters.get(kind="correction_reply").docx)
    assert "已将您的更正申请转送渝中区教育委员会处理" in text and "第四十一条" in text


def test_the_applicant_may_instead_be_told_which_agency_to_ask(world, request_a):
    _answer(request_a, world.lisi, result="redirected", details="", forwarded_to="渝中区教育委员会")
    assert "请您向渝中区教育委员会提出更正申请" in docx_text(
        request_a.letters.get(kind="correction_reply").docx
    )


def test_a_record_not_shown_to_be_inaccurate_is_not_corrected_and_the_reply_gives_the_remedy(
    world, request_a
):
    _answer(request_a, world.lisi, result="not_verified", details="您提供的户籍证明记载的号码与发放名单一致")
    text = docx_text(request_a.letters.get(kind="correction_reply").docx)
    assert "本机关不予更正" in text and "户籍证明记载的号码与发放名单一致" in text
    # a decision: remedy variant B (legal-rules §7.3), never 复议前置
    assert (
        "也可以自收到本答复之日起6个月内依法向人民法院提起行政诉讼" in text
        and "不得直接提起行政诉讼" not in text
    )


@pytest.mark.parametrize(
    ("kw", "code"),
    [
        ({"result": "forwarded", "details": "", "forwarded_to": ""}, "competent_agency_missing"),
        ({"result": "corrected", "forwarded_to": "渝中区教育委员会"}, "competent_agency_not_needed"),
        ({"result": "not_verified", "details": " "}, "correction_details_missing"),
        ({"result": "granted"}, "unknown_correction_result"),
    ],
)
def test_an_incomplete_correction_reply_is_refused_and_changes_nothing(world, request_a, kw, code):
    with pytest.raises(ApplicationError) as exc:
        _answer(request_a, world.lisi, **kw)
    assert exc.value.code == f"applications.{code}"
    request_a.refresh_from_db()
    assert (
        request_a.status == "in_progress" and not request_a.letters.filter(kind="correction_reply").exists()
    )


def test_a_disclosure_outcome_is_refused_for_a_correction_request(world, request_a):
    with pytest.raises(ApplicationError) as exc:
        services.reply_application(
            request_a, outcome="granted", decided_on=DECIDED, actor=world.lisi, clock=clock_at(DECIDED)
        )
    assert exc.value.code == "applications.not_a_disclosure_request" and "条例第四十一条" in exc.value.message
    with pytest.raises(ApplicationError):
        services.send_fee_notice(
            request_a, pages=40, sent_on=D(2025, 11, 5), actor=world.lisi, clock=clock_at(D(2025, 11, 5))
        )
    request_a.refresh_from_db()
    assert request_a.status == "in_progress" and request_a.letters.count() == 1  # the receipt only


def test_a_correction_reply_is_refused_for_a_disclosure_application(world):
    with pytest.raises(ApplicationError) as exc:
        _answer(world.app_a, world.lisi)
    assert (
        exc.value.code == "applications.not_a_correction_request" and "政府信息公开申请" in exc.value.message
    )
    world.app_a.refresh_from_db()
    assert world.app_a.status == "in_progress"


def test_a_correction_request_cannot_be_answered_twice(world, request_a):
    _answer(request_a, world.lisi)
    with pytest.raises(ApplicationError) as exc:
        _answer(request_a, world.lisi, result="not_verified", details="重复")
    assert exc.value.code == "applications.wrong_state"


# ── pages ──────────────────────────────────────────────────────────────────────────────────────


def test_the_staff_page_offers_the_correction_reply_instead_of_the_disclosure_steps(client, world, request_a):
    client.force_login(world.lisi)
    page = client.get(f"/staff/applications/{request_a.pk}/").content.decode()
    assert 'id="action-correction_reply"' in page and "要求更正的政府信息记录" in page
    assert 'id="action-reply"' not in page and 'id="action-fee"' not in page
    disclosure = client.get(f"/staff/applications/{world.app_a.pk}/").content.decode()
    assert 'id="action-reply"' in disclosure and 'id="action-correction_reply"' not in disclosure


def test_li_si_answers_through_the_page_and_zhang_san_downloads_the_reply(client, world, request_a):
    client.force_login(world.lisi)
    response = client.post(
        f"/staff/applications/{request_a.pk}/correction_reply/",
        {
            "result": "forwarded",
            "forwarded_to": "渝中区教育委员会",
            "details": "",
            "decided_on": "2025-11-20",
        },
    )
    assert response.status_code == 302
    request_a.refresh_from_db()
    assert request_a.correction_result == "forwarded"
    assert "转送有权机关处理" in client.get(f"/staff/applications/{request_a.pk}/").content.decode()
    letter = request_a.letters.get(kind="correction_reply")
    client.force_login(world.zhangsan)
    page = client.get(f"/track/{request_a.query_code}/").content.decode()
    assert "更正答复书" in page and "要求更正与本人相关的政府信息（条例第四十一条）" in page
    download = client.get(f"/track/{request_a.query_code}/letters/{letter.pk}.pdf")
    assert download.status_code == 200 and "渝中区教育委员会" in pdf_text(download.content)


def test_wang_wu_of_agency_b_gets_404_on_agency_as_correction_request(client, world, request_a):
    client.force_login(world.wangwu)
    assert client.get(f"/staff/applications/{request_a.pk}/").status_code == 404
    response = client.post(
        f"/staff/applications/{request_a.pk}/correction_reply/",
        {"result": "corrected", "details": "已更正", "decided_on": "2025-11-20"},
    )
    assert response.status_code == 404
    request_a.refresh_from_db()
    assert request_a.status == "in_progress"


def test_the_supervisor_reads_but_cannot_answer_a_correction_request(client, world, request_a):
    client.force_login(world.zhaoliu)
    assert client.get(f"/staff/applications/{request_a.pk}/").status_code == 200
    assert client.post(f"/staff/applications/{request_a.pk}/correction_reply/", {}).status_code == 404


# ── table 3 (legal-rules decision 14) ──────────────────────────────────────────────────────────


def test_a_correction_request_does_not_change_table_3(world, request_a):
    before = build_table3(world.a, 2025).cells
    assert before["requests.new.natural_person"] == 1  # world.app_a, received on 3 November 2025
    _answer(request_a, world.lisi)
    make_application(
        world.a, kind="correction", description="另一项记录"
    )  # still open at the end of the year
    assert build_table3(world.a, 2025).cells == before


def test_the_table_3_page_reports_correction_requests_beside_the_table(client, world, request_a):
    _answer(request_a, world.lisi)
    make_application(world.a, kind="correction", description="另一项记录")  # still open
    client.force_login(world.lisi)
    page = client.get(f"/staff/reports/table3/?agency={world.a.pk}&scope=agency&year=2025").content.decode()
    assert "另有依《条例》第四十一条提出的更正申请，不计入表三：本年收到 2 件，本年办结 1 件。" in page
    page = client.get(f"/staff/reports/table3/?agency={world.a.pk}&scope=agency&year=2024").content.decode()
    assert "第四十一条" not in page  # none in 2024: no line at all


def test_the_worklist_marks_a_correction_request_so_it_is_not_handled_as_a_disclosure(
    client, world, request_a
):
    client.force_login(world.lisi)
    page = client.get("/staff/applications/").content.decode()
    row = next(r for r in page.split("<tr") if request_a.query_code in r)
    assert "更正申请（第四十一条）" in row
    other = next(r for r in page.split("<tr") if world.app_a.query_code in r)
    assert "更正申请" not in other
