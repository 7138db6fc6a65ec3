"""Letters issued on each outgoing step (issue 4 item 6, legal-rules §7): stored with the application,
read back from the DOCX, downloadable by those who may see the application, audited. Expected texts
are the statute's citations as legal-rules §7/§9 give them, not the platform's output."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai_web.applications import services
from gongkai_web.applications.errors import ApplicationError
from gongkai_web.applications.models import Letter
from gongkai_web.audit.models import AuditEntry

from .documents import docx_text, pdf_text
from .fixtures import clock_at

D = dt.date


def _reply(world, outcome, **kw):
    services.reply_application(
        world.app_a,
        outcome=outcome,
        decided_on=D(2025, 11, 20),
        actor=world.lisi,
        clock=clock_at(D(2025, 11, 20)),
        **kw,
    )
    return world.app_a.letters.get(kind="reply")


def test_the_receipt_is_issued_on_receipt_with_the_statutory_deadline(world):
    receipt = world.app_a.letters.get(kind="receipt")
    text = docx_text(receipt.docx)
    assert receipt.title == "接收回执" and receipt.to_applicant
    assert "张三" in text and world.app_a.query_code in text
    assert "2025年12月1日" in text  # 20 working days after Monday 3 November 2025 (legal-rules §4.5 C)
    assert receipt.number == "渝中财公开〔2025〕1号"


def test_a_granted_reply_names_the_applicant_and_article_36_2(world):
    text = docx_text(_reply(world, "granted").docx)
    assert "张三" in text
    assert "《中华人民共和国政府信息公开条例》第三十六条第（二）项" in text
    # remedy variant B (legal-rules §7.3): review within 60 days or suit within 6 months, before the 复议机关
    assert "60日内向渝中区人民政府申请行政复议" in text and "6个月内" in text


def test_a_refusal_cites_its_exemption_and_requires_review_first(world):
    letter = _reply(world, "withheld_process_info", reasons="所申请信息为尚在讨论中的预算调整方案")
    text = docx_text(letter.docx)
    assert "张三" in text
    assert "第三十六条第（三）项" in text and "第十六条第二款" in text
    assert "先申请行政复议" in text  # 复议前置, 行政复议法第二十三条 (legal-rules §7.3 variant A)
    assert letter.outcome == "withheld_process_info"


def test_a_partial_disclosure_lists_the_withheld_part_with_its_ground(world):
    letter = _reply(
        world,
        "partly_granted",
        withheld=[
            {
                "description": "供应商报价明细",
                "ground": "withheld_third_party",
                "reason": "第三方书面答复不同意公开",
            }
        ],
    )
    text = docx_text(letter.docx)
    assert "第三十七条" in text and "供应商报价明细" in text and "第十五条" in text


def test_a_reply_the_core_cannot_compose_refuses_the_step_and_changes_nothing(world):
    with pytest.raises(ApplicationError) as exc:
        _reply(world, "not_held")  # the search record is required (legal-rules §7.4)
    assert exc.value.code == "applications.letter_refused" and "理由" in exc.value.message
    world.app_a.refresh_from_db()
    assert world.app_a.status == "in_progress" and not world.app_a.events.filter(kind="replied").exists()
    assert not world.app_a.letters.filter(kind="reply").exists()


def test_each_procedural_step_issues_its_notice(world):
    app, lisi = world.app_a, world.lisi
    services.request_correction(
        app, items=["请写明报告的年度"], sent_on=D(2025, 11, 5), actor=lisi, clock=clock_at(D(2025, 11, 5))
    )
    services.receive_correction(app, received_on=D(2025, 11, 10), actor=lisi, clock=clock_at(D(2025, 11, 10)))
    services.start_consultation(
        app,
        consultee_kind="third_party",
        consultee="重庆某建设有限公司",
        sent_on=D(2025, 11, 11),
        actor=lisi,
        clock=clock_at(D(2025, 11, 11)),
    )
    services.answer_consultation(
        app, answered_on=D(2025, 11, 14), position="consent", actor=lisi, clock=clock_at(D(2025, 11, 14))
    )
    services.send_fee_notice(
        app, pages=40, sent_on=D(2025, 11, 17), actor=lisi, clock=clock_at(D(2025, 11, 17))
    )
    services.approve_extension(
        app,
        workdays=10,
        reason="需要调取档案",
        notified_on=D(2025, 11, 18),
        actor=world.qianqi,
        clock=clock_at(D(2025, 11, 18)),
    )
    titles = list(app.letters.values_list("title", flat=True))
    assert titles == [
        "接收回执",
        "补正告知书",
        "征求第三方意见书",
        "征求意见告知书",
        "收费通知书",
        "延期答复告知书",
    ]
    numbers = list(app.letters.values_list("number", flat=True))
    assert numbers == [f"渝中财公开〔2025〕{n}号" for n in range(1, 7)]
    consultation = app.letters.get(kind="consult_third_party")
    assert not consultation.to_applicant and "重庆某建设有限公司" in docx_text(consultation.docx)
    assert "张三" not in docx_text(consultation.docx)  # the consultee is not told who applied
    assert "100元" in docx_text(app.letters.get(kind="fee").docx)


def test_the_applicant_downloads_the_reply_and_the_download_is_audited(client, world):
    letter = _reply(world, "granted")
    client.force_login(world.zhangsan)
    response = client.get(f"/track/{world.app_a.query_code}/letters/{letter.pk}.docx")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert "第三十六条第（二）项" in docx_text(response.content)
    entry = AuditEntry.objects.get(action="letters.downloaded")
    assert entry.actor == world.zhangsan and entry.data["number"] == letter.number


def test_the_tracking_page_lists_the_applicants_letters_only(client, world):
    services.start_consultation(
        world.app_a,
        consultee_kind="agency",
        consultee="重庆市财政局",
        sent_on=D(2025, 11, 5),
        actor=world.lisi,
        clock=clock_at(D(2025, 11, 5)),
    )
    client.force_login(world.zhangsan)
    page = client.get(f"/track/{world.app_a.query_code}/").content.decode()
    assert "接收回执" in page and "征求意见函" not in page
    consultation = world.app_a.letters.get(kind="consult_agency")
    assert client.get(f"/track/{world.app_a.query_code}/letters/{consultation.pk}.docx").status_code == 404


def test_a_session_with_code_and_secret_downloads_without_an_account(client, world):
    receipt = world.app_a.letters.get(kind="receipt")
    url = f"/track/{world.app_a.query_code}/letters/{receipt.pk}.docx"
    assert client.get(url).status_code == 404
    client.post("/track/", {"query_code": world.app_a.query_code, "secret": world.app_a.secret})
    assert client.get(url).status_code == 200
    assert (
        AuditEntry.objects.get(action="letters.downloaded").actor_label
        == f"申请人（查询码 {world.app_a.query_code}）"
    )


def test_a_letter_of_another_application_is_not_reachable_through_this_one(client, world):
    other = world.app_b.letters.get(kind="receipt")
    client.force_login(world.lisi)
    assert client.get(f"/staff/applications/{world.app_a.pk}/letters/{other.pk}.docx").status_code == 404


def test_the_pdf_is_rendered_on_first_download_and_cached(client, world):
    receipt = world.app_a.letters.get(kind="receipt")
    assert receipt.pdf is None
    client.force_login(world.lisi)
    response = client.get(f"/staff/applications/{world.app_a.pk}/letters/{receipt.pk}.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert bytes(Letter.objects.get(pk=receipt.pk).pdf) == response.content


def test_a_fee_notice_needs_the_agencys_payment_details(world):
    world.a.fee_account = ""
    world.a.save()
    with pytest.raises(ApplicationError) as exc:
        services.send_fee_notice(
            world.app_a, pages=40, sent_on=D(2025, 11, 10), actor=world.lisi, clock=clock_at(D(2025, 11, 10))
        )
    assert "缴费方式" in exc.value.message
    assert world.app_a.events.filter(kind="fee_notice_sent").count() == 0


def test_the_staff_page_lists_every_letter_with_its_number_and_the_supervisor_may_download(client, world):
    services.start_consultation(
        world.app_a,
        consultee_kind="agency",
        consultee="重庆市财政局",
        sent_on=D(2025, 11, 5),
        actor=world.lisi,
        clock=clock_at(D(2025, 11, 5)),
    )
    client.force_login(world.zhaoliu)
    page = client.get(f"/staff/applications/{world.app_a.pk}/").content.decode()
    assert "渝中财公开〔2025〕1号" in page and "渝中财公开〔2025〕2号" in page and "征求意见函" in page
    consultation = world.app_a.letters.get(kind="consult_agency")
    response = client.get(f"/staff/applications/{world.app_a.pk}/letters/{consultation.pk}.docx")
    assert response.status_code == 200 and "重庆市财政局" in docx_text(response.content)


# ── 条例第三十二条至第三十四条: consultation notices, disclosure over an objection ─────────────────


SENT, OBJECTED = D(2025, 11, 5), D(2025, 11, 10)


def _consult(world, kind="third_party", consultee="重庆某建设有限公司", on=SENT):
    services.start_consultation(
        world.app_a,
        consultee_kind=kind,
        consultee=consultee,
        sent_on=on,
        actor=world.lisi,
        clock=clock_at(on),
    )


def _answer(world, position, on=OBJECTED, reasons="报价明细属于本公司商业秘密"):
    services.answer_consultation(
        world.app_a, answered_on=on, position=position, reasons=reasons, actor=world.lisi, clock=clock_at(on)
    )


def test_a_consultation_tells_the_applicant_the_time_is_not_counted(client, world):
    _consult(world)
    notice = world.app_a.letters.get(kind="consult_notice")
    assert notice.title == "征求意见告知书" and notice.to_applicant and notice.addressee == "张三"
    assert (
        notice.number == "渝中财公开〔2025〕3号"
    )  # after the receipt (1) and the letter to the third party (2)
    text = docx_text(notice.docx)
    assert (
        "《中华人民共和国政府信息公开条例》第三十二条的规定，本机关已于2025年11月5日书面征求第三方的意见"
        in text
    )
    assert "第三十三条第三款的规定，征求第三方和其他机关意见所需时间不计算在答复期限内" in text
    assert "重庆某建设有限公司" not in text  # the third party is not named to the applicant
    assert "行政复议" not in text  # a procedural notice: no remedy clause (legal-rules §7.3)
    client.force_login(world.zhangsan)
    page = client.get(f"/track/{world.app_a.query_code}/").content.decode()
    assert "征求意见告知书" in page and "征求第三方意见书" not in page
    response = client.get(f"/track/{world.app_a.query_code}/letters/{notice.pk}.pdf")
    assert "不计算在答复期限内" in pdf_text(response.content)


def test_an_agency_consultation_notice_names_the_agency_and_article_34(world):
    _consult(world, kind="agency", consultee="重庆市财政局")
    text = docx_text(world.app_a.letters.get(kind="consult_notice").docx)
    assert "第三十四条的规定，本机关已于2025年11月5日征求重庆市财政局的意见" in text


def test_disclosing_over_an_objection_needs_public_interest_reasons_and_changes_nothing_without(world):
    _consult(world)
    _answer(world, "object")
    with pytest.raises(ApplicationError) as exc:
        _reply(world, "granted")
    assert exc.value.code == "applications.objection_not_addressed"
    assert "重庆某建设有限公司" in exc.value.message and "2025-11-10" in exc.value.message
    world.app_a.refresh_from_db()
    assert world.app_a.status == "in_progress" and not world.app_a.letters.filter(
        kind__in=["reply", "disclosure_decision"]
    )


def test_disclosing_in_the_public_interest_tells_the_third_party_what_why_and_its_remedies(client, world):
    _consult(world)
    _answer(world, "object")
    reply = _reply(
        world, "granted", public_interest="该工程为学校校舍加固工程，报价明细关系到财政资金使用和师生安全"
    )
    decision = world.app_a.letters.get(kind="disclosure_decision")
    assert decision.title == "公开决定告知书" and decision.addressee == "重庆某建设有限公司"
    assert not decision.to_applicant and decision.issued_on == D(2025, 11, 20)
    # 1 receipt, 2 consultation letter, 3 notice to the applicant, 4 reply, 5 this decision
    assert (reply.number, decision.number) == ("渝中财公开〔2025〕4号", "渝中财公开〔2025〕5号")
    for text in (docx_text(decision.docx), pdf_text(services_pdf(decision))):
        text = text.replace("\n", "")
        assert "张三" not in text  # the applicant is not named to the third party
        assert "贵方于2025年11月10日书面答复不同意公开" in text
        assert "决定公开的政府信息：2024年度区财政预算执行情况报告" in text
        assert "师生安全" in text and "《中华人民共和国政府信息公开条例》第三十二条" in text
        # the third party may choose review (60 days, before the district government) or suit (6 months)
        assert "自收到本告知书之日起60日内向渝中区人民政府申请行政复议" in text
        assert "也可以自收到本告知书之日起6个月内依法向人民法院提起行政诉讼" in text
    assert world.app_a.events.get(kind="replied").data["public_interest"].startswith("该工程为学校")
    client.force_login(world.zhangsan)
    assert "公开决定告知书" not in client.get(f"/track/{world.app_a.query_code}/").content.decode()
    assert client.get(f"/track/{world.app_a.query_code}/letters/{decision.pk}.docx").status_code == 404


def services_pdf(letter: Letter) -> bytes:
    from gongkai_web.applications import letters

    return letters.pdf_of(letter)


def test_withholding_the_objected_part_needs_no_decision_letter(world):
    _consult(world)
    _answer(world, "object")
    _reply(
        world,
        "partly_granted",
        withheld=[
            {
                "description": "供应商报价明细",
                "ground": "withheld_third_party",
                "reason": "第三方书面不同意公开，理由成立",
            }
        ],
    )
    assert not world.app_a.letters.filter(kind="disclosure_decision").exists()


@pytest.mark.parametrize(("kind", "position"), [("third_party", "consent"), ("agency", "object")])
def test_no_decision_letter_without_a_third_party_objection(world, kind, position):
    _consult(world, kind=kind)
    _answer(world, position)
    _reply(world, "granted")
    assert not world.app_a.letters.filter(kind="disclosure_decision").exists()
    with pytest.raises(ApplicationError) as exc:
        services.reply_application(
            world.app_b,
            outcome="granted",
            decided_on=D(2025, 11, 20),
            actor=world.wangwu,
            public_interest="公共利益",
            clock=clock_at(D(2025, 11, 20)),
        )
    assert exc.value.code == "applications.public_interest_without_objection"
