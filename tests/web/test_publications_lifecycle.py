"""A 行政规范性文件's life in the library, through the services, with the personas of the world fixture:
李四 drafts for agency A, 钱七 (A's approver) does 初审 and signs, 赵六 (the district's supervising
disclosure office) does 复审, 王五 works for another agency. Dates on the 2023 calendar."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.publications.validity import ValidityStatus
from gongkai_web.audit.models import AuditEntry
from gongkai_web.publications import services
from gongkai_web.publications.errors import PublicationError
from gongkai_web.publications.models import Document, NumberSequence, Stage
from gongkai_web.publications.queries import table2_counts, validity_of

from .fixtures import clock_at

D = dt.date
CLOCK = clock_at(D(2024, 6, 28))


def drafted(world, **kw):
    return services.draft_document(
        world.a,
        kind=kw.pop("kind", "normative"),
        title=kw.pop("title", "渝中区财政局关于规范财政票据管理的通知"),
        issuer_code=kw.pop("issuer_code", "渝中财规"),
        formed_on=kw.pop("formed_on", D(2023, 3, 1)),
        actor=world.lisi,
        clock=CLOCK,
    )


def reviewed(world, doc, on):
    services.propose_publicity(doc, publicity="proactive", on=on, actor=world.lisi, clock=CLOCK)
    services.review_secrecy(doc, on=on, agreed=True, actor=world.qianqi, clock=CLOCK)
    services.review_secrecy(doc, on=on, agreed=True, actor=world.zhaoliu, clock=CLOCK)
    return doc


def ready_to_sign(world, doc):
    services.open_comment(
        doc, opened_on=D(2023, 3, 2), closes_on=D(2023, 3, 13), actor=world.lisi, clock=CLOCK
    )
    services.close_comment(
        doc, on=D(2023, 3, 13), comments=2, response="采纳1条", actor=world.lisi, clock=CLOCK
    )
    reviewed(world, doc, D(2023, 3, 14))
    services.record_legality_review(doc, on=D(2023, 3, 15), passed=True, actor=world.lisi, clock=CLOCK)
    services.record_deliberation(doc, on=D(2023, 3, 16), body="局长办公会", actor=world.lisi, clock=CLOCK)
    return doc


INTERPRETED = D(2023, 3, 16)


def with_interpretation(world, doc, on=INTERPRETED):
    """同步起草、同步审签: 李四 drafts the document's interpretation and 钱七 signs it off on ``on`` (签发 of a
    行政规范性文件 published proactively waits for both)."""
    interp = services.draft_interpretation(
        doc,
        title="《关于规范财政票据管理的通知》政策解读",
        form="text",
        body="一、制定背景。二、主要内容。",
        actor=world.lisi,
        clock=clock_at(on),
    )
    services.sign_interpretation(interp, actor=world.qianqi, clock=clock_at(on))
    return doc


def published(world, **kw):
    doc = with_interpretation(world, ready_to_sign(world, drafted(world, **kw)))
    services.sign_document(doc, on=D(2023, 3, 17), actor=world.qianqi, clock=CLOCK)
    services.register_document(doc, on=D(2023, 3, 17), actor=world.lisi, clock=CLOCK)
    return services.publish_document(doc, on=D(2023, 3, 20), actor=world.lisi, clock=CLOCK)


def test_a_normative_document_goes_from_draft_to_published_with_a_number_and_an_index_number(world):
    doc = published(world)
    doc.refresh_from_db()
    assert doc.stage == Stage.PUBLISHED
    assert doc.number == "渝中财规〔2023〕1号"
    assert doc.index_number == f"{world.a.code}/2023-00001"
    assert [e.kind for e in doc.events.all()] == [
        "drafted",
        "comment_opened",
        "comment_closed",
        "publicity_proposed",
        "secrecy_first_review",
        "secrecy_second_review",
        "legality_reviewed",
        "deliberated",
        "signed",
        "registered",
        "published",
    ]
    # the 11 events, and the interpretation's drafting, sign-off and publication with the document
    assert AuditEntry.objects.filter(object_type="publications.document", object_id=str(doc.pk)).count() == 14


def test_numbers_of_one_issuer_follow_each_other_without_gaps(world):
    first, second = published(world, title="一"), published(world, title="二")
    assert (first.number_serial, second.number_serial) == (1, 2)
    assert NumberSequence.objects.get(issuer_code="渝中财规", year=2023).last_serial == 2


def test_a_comment_period_shorter_than_seven_working_days_is_refused_and_nothing_changes(world):
    doc = drafted(world)
    with pytest.raises(PublicationError) as caught:
        services.open_comment(
            doc, opened_on=D(2023, 3, 2), closes_on=D(2023, 3, 10), actor=world.lisi, clock=CLOCK
        )
    assert caught.value.code == "publications.comment_period_short"
    assert "2023-03-13" in caught.value.message  # 3–10 Mar is 6 working days; 7 end on Monday 13 Mar
    doc.refresh_from_db()
    assert doc.stage == Stage.DRAFT and doc.events.count() == 1


def test_nothing_is_signed_before_the_confidentiality_review_is_complete(world):
    doc = drafted(world)
    services.propose_publicity(doc, publicity="proactive", on=D(2023, 3, 2), actor=world.lisi, clock=CLOCK)
    services.review_secrecy(doc, on=D(2023, 3, 3), agreed=True, actor=world.qianqi, clock=CLOCK)
    with pytest.raises(PublicationError) as caught:
        services.sign_document(doc, on=D(2023, 3, 6), actor=world.qianqi, clock=CLOCK)
    assert caught.value.code == "publications.secrecy_review_missing"


def test_a_document_cannot_be_published_before_its_review_and_registration(world):
    doc = drafted(world)
    with pytest.raises(PublicationError) as caught:
        services.publish_document(doc, on=D(2023, 3, 6), actor=world.lisi, clock=CLOCK)
    assert caught.value.code == "publications.wrong_stage"
    assert Document.objects.get(pk=doc.pk).published_on is None


def test_the_second_review_is_the_supervising_office_s_and_a_handler_cannot_do_it(world):
    doc = drafted(world)
    services.propose_publicity(doc, publicity="proactive", on=D(2023, 3, 2), actor=world.lisi, clock=CLOCK)
    with pytest.raises(PublicationError):
        services.review_secrecy(
            doc, on=D(2023, 3, 3), agreed=True, actor=world.lisi, clock=CLOCK
        )  # 初审 is the approver's
    services.review_secrecy(doc, on=D(2023, 3, 3), agreed=True, actor=world.qianqi, clock=CLOCK)
    with pytest.raises(PublicationError) as caught:
        services.review_secrecy(doc, on=D(2023, 3, 3), agreed=True, actor=world.qianqi, clock=CLOCK)
    assert caught.value.code == "publications.not_allowed"


def test_withholding_needs_a_reason_and_another_agency_cannot_draft(world):
    doc = drafted(world)
    with pytest.raises(PublicationError) as caught:
        services.propose_publicity(doc, publicity="withheld", on=D(2023, 3, 2), actor=world.lisi, clock=CLOCK)
    assert caught.value.code == "publications.publicity_reason_missing"
    with pytest.raises(PublicationError) as caught:
        services.draft_document(
            world.a,
            kind="normative",
            title="x",
            issuer_code="渝中财规",
            formed_on=D(2023, 3, 1),
            actor=world.wangwu,
            clock=CLOCK,
        )
    assert caught.value.code == "publications.not_allowed"


def test_only_a_body_with_rule_making_power_drafts_a_rule(world):
    with pytest.raises(PublicationError) as caught:
        drafted(world, kind="rule")
    assert caught.value.code == "publications.no_rule_making_power"


def test_a_document_repealed_by_another_shows_repealed_with_its_basis_and_table_two_changes(world):
    old = published(world, title="旧通知")
    assert table2_counts([world.a], 2023)["normative_documents"].in_force == 1
    new = published(world, title="新通知")
    services.record_effect(new, old, kind="repeals", on=D(2023, 4, 1), actor=world.lisi, clock=CLOCK)
    found = validity_of(old, D(2023, 12, 31))
    assert found.status is ValidityStatus.REPEALED
    assert found.banner() == "本文件已于2023年4月1日废止，依据：渝中财规〔2023〕2号。"
    counts = table2_counts([world.a], 2023)["normative_documents"]
    assert (counts.issued, counts.repealed, counts.in_force) == (2, 1, 1)
    assert table2_counts([world.b], 2023)["normative_documents"].issued == 0


def test_an_effect_dated_before_the_acting_document_is_refused(world):
    old, new = published(world, title="旧"), published(world, title="新")
    with pytest.raises(PublicationError) as caught:
        services.record_effect(new, old, kind="repeals", on=D(2023, 3, 19), actor=world.lisi, clock=CLOCK)
    assert caught.value.code == "publications.effect_before_source"
    assert not old.effects.exists()


def test_a_repealed_document_cannot_be_repealed_again(world):
    old, new, newer = (published(world, title=t) for t in ("旧", "新", "更新"))
    services.record_effect(new, old, kind="repeals", on=D(2023, 4, 1), actor=world.lisi, clock=CLOCK)
    with pytest.raises(PublicationError) as caught:
        services.record_effect(newer, old, kind="repeals", on=D(2023, 5, 1), actor=world.lisi, clock=CLOCK)
    assert caught.value.code == "publications.target_not_in_force"


def test_filing_after_thirty_days_is_recorded_as_late(world):
    doc = published(world)
    services.record_filing(
        doc,
        on=D(2023, 4, 20),
        filed_with="渝中区人民政府",
        receipt="渝中备〔2023〕12号",
        actor=world.lisi,
        clock=CLOCK,
    )
    event = doc.events.get(kind="filed")
    assert event.data["due"] == "2023-04-19" and event.data["late"] is True
    assert event.data["receipt"] == "渝中备〔2023〕12号"


def test_an_evaluation_is_recorded_in_the_six_months_before_validity_ends_and_listed_until_then(world):
    from gongkai_web.publications.queries import evaluations_due

    doc = published(world)
    Document.objects.filter(pk=doc.pk).update(valid_until=D(2024, 8, 31))
    doc.refresh_from_db()
    # 31 August 2024 less six months is 29 February 2024 (民法典第二百零二条: no 31st in February)
    assert evaluations_due([world.a], D(2024, 2, 28)) == []
    assert [r.document.pk for r in evaluations_due([world.a], D(2024, 2, 29))] == [doc.pk]
    with pytest.raises(PublicationError) as caught:
        services.record_evaluation(
            doc, on=D(2024, 2, 28), conclusion="执行良好", keep=True, actor=world.lisi, clock=CLOCK
        )
    assert caught.value.code == "publications.outside_evaluation_window"
    assert "2024-02-29" in caught.value.message
    with pytest.raises(PublicationError):
        services.record_evaluation(
            doc, on=D(2024, 3, 1), conclusion="x", keep=True, actor=world.wangwu, clock=CLOCK
        )
    services.record_evaluation(
        doc, on=D(2024, 3, 1), conclusion="执行良好，建议延续", keep=True, actor=world.lisi, clock=CLOCK
    )
    assert evaluations_due([world.a], D(2024, 3, 2)) == []
    assert doc.events.get(kind="evaluated").data == {"conclusion": "执行良好，建议延续", "keep": True}


def test_a_document_published_in_part_needs_its_redacted_version_and_the_grounds(world):
    doc = drafted(world)
    services.open_comment(
        doc, opened_on=D(2023, 3, 2), closes_on=D(2023, 3, 13), actor=world.lisi, clock=CLOCK
    )
    services.close_comment(doc, on=D(2023, 3, 13), comments=0, response="", actor=world.lisi, clock=CLOCK)
    with pytest.raises(PublicationError) as caught:  # the grounds are required with the proposal
        services.propose_publicity(doc, publicity="partial", on=D(2023, 3, 14), actor=world.lisi, clock=CLOCK)
    assert caught.value.code == "publications.publicity_reason_missing"
    grounds = "附件中的供应商报价属于商业秘密（条例第十五条）"
    services.propose_publicity(
        doc, publicity="partial", reason=grounds, on=D(2023, 3, 14), actor=world.lisi, clock=CLOCK
    )
    services.review_secrecy(doc, on=D(2023, 3, 14), agreed=True, actor=world.qianqi, clock=CLOCK)
    services.review_secrecy(doc, on=D(2023, 3, 14), agreed=True, actor=world.zhaoliu, clock=CLOCK)
    services.record_legality_review(doc, on=D(2023, 3, 15), passed=True, actor=world.lisi, clock=CLOCK)
    services.record_deliberation(doc, on=D(2023, 3, 16), body="局长办公会", actor=world.lisi, clock=CLOCK)
    with_interpretation(world, doc)
    services.sign_document(doc, on=D(2023, 3, 17), actor=world.qianqi, clock=CLOCK)
    services.register_document(doc, on=D(2023, 3, 17), actor=world.lisi, clock=CLOCK)
    with pytest.raises(PublicationError) as caught:
        services.publish_document(doc, on=D(2023, 3, 20), actor=world.lisi, clock=CLOCK)
    assert caught.value.code == "publications.redacted_version_missing"
    assert Document.objects.get(pk=doc.pk).published_on is None
    services.set_redacted_version(doc, text="正文（附件报价已删去）", actor=world.lisi, clock=CLOCK)
    services.publish_document(doc, on=D(2023, 3, 20), actor=world.lisi, clock=CLOCK)
    doc.refresh_from_db()
    assert (doc.publicity, doc.publicity_reason, doc.redacted_text) == (
        "partial",
        grounds,
        "正文（附件报价已删去）",
    )
    assert table2_counts([world.a], 2023)["normative_documents"].issued == 1


def test_a_joint_document_is_led_by_its_issuing_agency_and_counted_once_under_it(world):
    doc = services.draft_document(
        world.a,
        kind="normative",
        title="渝中区财政局 江北区教育委员会关于教育经费管理的通知",
        issuer_code="渝中财规",
        formed_on=D(2023, 3, 1),
        co_issuers=[world.b, world.a],  # the lead given again is not a joint issuer of itself
        actor=world.lisi,
        clock=CLOCK,
    )
    assert list(doc.co_issuers.all()) == [world.b]
    assert doc.events.get(kind="drafted").data["co_issuers"] == ["江北区教育委员会"]
    with_interpretation(world, ready_to_sign(world, doc))
    services.sign_document(doc, on=D(2023, 3, 17), actor=world.qianqi, clock=CLOCK)
    services.register_document(doc, on=D(2023, 3, 17), actor=world.lisi, clock=CLOCK)
    services.publish_document(doc, on=D(2023, 3, 20), actor=world.lisi, clock=CLOCK)
    assert table2_counts([world.a], 2023)["normative_documents"].issued == 1
    assert table2_counts([world.b], 2023)["normative_documents"].issued == 0
    assert table2_counts([world.a, world.b], 2023)["normative_documents"].issued == 1


def test_an_attachment_is_checked_like_the_applicants_files_and_kept_until_publication(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    doc = drafted(world)
    disguised = SimpleUploadedFile("附件.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(PublicationError) as caught:
        services.add_attachment(doc, upload=disguised, actor=world.lisi, clock=CLOCK)
    assert caught.value.code == "publications.attachment_refused" and "附件.pdf" in caught.value.message
    assert not doc.files.exists()
    pdf = SimpleUploadedFile("附件1 预算表.pdf", b"%PDF-1.4 table", content_type="application/pdf")
    found = services.add_attachment(doc, upload=pdf, actor=world.lisi, clock=CLOCK)
    assert (found.original_name, found.content_type, found.size) == (
        "附件1 预算表.pdf",
        "application/pdf",
        14,
    )
    with pytest.raises(PublicationError):
        services.add_attachment(doc, upload=pdf, actor=world.wangwu, clock=CLOCK)
