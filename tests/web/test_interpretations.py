"""政策解读 through the services, with the world's personas: 李四 (A's handler) drafts, 钱七 (A's approver,
the 签发人) signs off, 赵六 (the district's supervising office) and 王五 (agency B) may do neither. Dates on
the 2023 calendar; each step's clock is set to the day it happens, so the 同步 gate can be read."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.publications.interpretation import DONE, DONE_LATE, DUE_SOON, LATE, MET, MISSING, OVERDUE, Ratios
from gongkai_web.audit.models import AuditEntry
from gongkai_web.publications import interpretation_queries as queries
from gongkai_web.publications import services
from gongkai_web.publications.errors import PublicationError
from gongkai_web.publications.models import Document, Interpretation
from gongkai_web.search.models import SearchEntry

from .fixtures import clock_at
from .test_publications_lifecycle import drafted, ready_to_sign

D = dt.date
SIGNED, PUBLISHED = D(2023, 3, 17), D(2023, 3, 20)
DRAFTED = D(2023, 3, 16)


def interpretation(world, doc, *, day=DRAFTED, form="graphic", body="一图读懂票据管理新规。", **kw):
    return services.draft_interpretation(
        doc,
        title=kw.pop("title", "《关于规范财政票据管理的通知》政策解读"),
        form=form,
        body=body,
        actor=kw.pop("actor", world.lisi),
        clock=clock_at(day),
    )


def signed_document(world):
    """Signed and registered, with the interpretation drafted and signed off before (同步起草、同步审签)."""
    doc = ready_to_sign(world, drafted(world))
    services.sign_interpretation(interpretation(world, doc), actor=world.qianqi, clock=clock_at(SIGNED))
    services.sign_document(doc, on=SIGNED, actor=world.qianqi, clock=clock_at(SIGNED))
    return services.register_document(doc, on=SIGNED, actor=world.lisi, clock=clock_at(SIGNED))


def publish(world, doc, on=PUBLISHED):
    return services.publish_document(doc, on=on, actor=world.lisi, clock=clock_at(on))


def test_the_drafter_adds_an_interpretation_and_the_gate_shows_the_sign_off_and_publication_missing(world):
    doc = ready_to_sign(world, drafted(world))
    interp = interpretation(world, doc)
    shown = queries.for_document(doc, D(2023, 3, 16))
    assert [i.pk for i in shown.interpretations] == [interp.pk]
    assert [(g.step, g.state) for g in shown.gate] == [
        ("drafted", DONE),
        ("signed", MISSING),
        ("published", MISSING),
    ]
    assert shown.missing == ["signed", "published"]
    assert AuditEntry.objects.filter(
        object_id=str(doc.pk), action="publications.interpretation_drafted"
    ).exists()


def test_an_interpretation_with_an_empty_text_is_refused_in_chinese_and_nothing_is_stored(world):
    doc = drafted(world)
    with pytest.raises(PublicationError) as caught:
        interpretation(world, doc, body="   ")
    assert caught.value.code == "publications.interpretation_body_missing"
    assert "解读" in caught.value.message and "正文" in caught.value.message
    assert Interpretation.objects.count() == 0


@pytest.mark.parametrize("persona", ["lisi", "wangwu", "zhaoliu"])
def test_only_the_agency_s_approver_signs_off_an_interpretation(world, persona):
    doc = drafted(world)
    interp = interpretation(world, doc)
    with pytest.raises(PublicationError) as caught:
        services.sign_interpretation(interp, actor=getattr(world, persona), clock=clock_at(SIGNED))
    assert caught.value.code == "publications.not_allowed"
    assert "渝中区财政局" in caught.value.message
    interp.refresh_from_db()
    assert interp.signed_at is None


def test_another_agency_s_handler_cannot_draft_an_interpretation_of_a_s_document(world):
    doc = drafted(world)
    with pytest.raises(PublicationError) as caught:
        interpretation(world, doc, actor=world.wangwu)
    assert caught.value.code == "publications.not_allowed"
    assert Interpretation.objects.count() == 0


def test_an_interpretation_is_not_published_before_its_document_and_nothing_changes(world):
    doc = signed_document(world)
    interp = interpretation(world, doc)
    services.sign_interpretation(interp, actor=world.qianqi, clock=clock_at(SIGNED))
    with pytest.raises(PublicationError) as caught:
        services.publish_interpretation(interp, on=SIGNED, actor=world.lisi, clock=clock_at(SIGNED))
    assert caught.value.code == "publications.interpretation_document_unpublished"
    assert "文件" in caught.value.message
    interp.refresh_from_db()
    assert interp.published_on is None
    assert not SearchEntry.objects.filter(kind="interpretation").exists()


def test_publishing_the_document_publishes_its_signed_interpretations_the_same_day_and_indexes_them(world):
    doc = ready_to_sign(world, drafted(world))
    signed_off = interpretation(world, doc, title="图解：财政票据管理")
    draft = interpretation(world, doc, title="答记者问", form="qa", body="问：什么是财政票据？答：……")
    services.sign_interpretation(signed_off, actor=world.qianqi, clock=clock_at(SIGNED))
    services.sign_document(doc, on=SIGNED, actor=world.qianqi, clock=clock_at(SIGNED))
    services.register_document(doc, on=SIGNED, actor=world.lisi, clock=clock_at(SIGNED))
    publish(world, doc)
    signed_off.refresh_from_db()
    draft.refresh_from_db()
    assert (signed_off.published_on, draft.published_on) == (PUBLISHED, None)
    entry = SearchEntry.objects.get(kind="interpretation")
    assert (entry.key, entry.title, entry.number) == (
        signed_off.pk,
        "图解：财政票据管理",
        "渝中财规〔2023〕1号",
    )
    shown = queries.for_document(Document.objects.get(pk=doc.pk), PUBLISHED)
    assert [g.state for g in shown.gate] == [DONE, DONE, DONE]
    assert shown.status.state == MET
    assert [i.pk for i in queries.public_interpretations(doc)] == [signed_off.pk]


def test_an_interpretation_published_later_cannot_be_dated_before_the_document(world):
    doc = publish(world, signed_document(world))
    later = interpretation(world, doc, day=D(2023, 3, 21), title="答记者问", form="qa")
    services.sign_interpretation(later, actor=world.qianqi, clock=clock_at(D(2023, 3, 21)))
    with pytest.raises(PublicationError) as caught:
        services.publish_interpretation(
            later, on=D(2023, 3, 17), actor=world.lisi, clock=clock_at(D(2023, 3, 27))
        )
    assert caught.value.code == "publications.date_out_of_order"
    assert "2023-03-20" in caught.value.message
    later.refresh_from_db()
    assert later.published_on is None


def test_a_document_published_before_the_gate_and_interpreted_late_is_recorded_late_at_every_step(world):
    # Signed on 17 Mar and published on Mon 20 Mar without one (a record from before 签发 waited for it).
    doc = published_document(world.a, PUBLISHED, signed_on=SIGNED, number="渝中财规〔2023〕1号")
    interp = interpretation(world, doc, day=D(2023, 3, 21))
    services.sign_interpretation(interp, actor=world.qianqi, clock=clock_at(D(2023, 3, 21)))
    # Published on Mon 27 Mar: due Thu 23 Mar (3 working days after Mon 20 Mar), so late.
    services.publish_interpretation(
        interp, on=D(2023, 3, 27), actor=world.lisi, clock=clock_at(D(2023, 3, 27))
    )
    shown = queries.for_document(Document.objects.get(pk=doc.pk), D(2023, 3, 27))
    assert (shown.status.state, shown.status.due) == (LATE, D(2023, 3, 23))
    assert [g.state for g in shown.gate] == [DONE_LATE, DONE_LATE, DONE_LATE]


def test_a_signed_interpretation_can_no_longer_be_changed(world):
    doc = drafted(world)
    interp = interpretation(world, doc)
    services.sign_interpretation(interp, actor=world.qianqi, clock=clock_at(SIGNED))
    with pytest.raises(PublicationError) as caught:
        services.revise_interpretation(
            interp, title="新标题", form="text", body="改写", actor=world.lisi, clock=clock_at(SIGNED)
        )
    assert caught.value.code == "publications.interpretation_signed"
    interp.refresh_from_db()
    assert interp.title == "《关于规范财政票据管理的通知》政策解读"


def published_document(agency, on, **kw):
    return Document.objects.create(
        agency=agency,
        kind=kw.pop("kind", "normative"),
        title=kw.pop("title", "关于规范财政票据管理的通知"),
        stage="published",
        publicity=kw.pop("publicity", "proactive"),
        published_on=on,
        **kw,
    )


def test_a_document_published_before_the_national_day_is_due_soon_on_7_october_and_overdue_on_the_10th(world):
    doc = published_document(world.a, D(2023, 9, 28))
    published_document(world.a, D(2023, 9, 28), kind="other")  # owes no interpretation
    # 29 Sep–6 Oct off; Sat 7 Oct and Sun 8 Oct worked: 7 Oct is 1, 8 Oct 2, Mon 9 Oct 3.
    soon = queries.due_interpretations([world.a], D(2023, 10, 7))
    assert [(r.document.pk, r.state, r.due) for r in soon] == [(doc.pk, DUE_SOON, D(2023, 10, 9))]
    late = queries.due_interpretations([world.a], D(2023, 10, 10))
    assert [(r.document.pk, r.state) for r in late] == [(doc.pk, OVERDUE)]
    assert queries.due_interpretations([world.b], D(2023, 10, 10)) == []


def _published_interpretation(doc, form, on):
    return Interpretation.objects.create(
        document=doc,
        title="解读",
        form=form,
        body="正文",
        drafted_at=dt.datetime(2023, 1, 2, tzinfo=dt.UTC),
        signed_at=dt.datetime(2023, 1, 2, tzinfo=dt.UTC),
        published_on=on,
    )


def test_the_ratios_per_agency_and_for_the_subtree_are_counted_from_the_records(world):
    one, two, _three = (published_document(world.a, D(2023, 5, 10)) for _ in range(3))
    _published_interpretation(one, "graphic", D(2023, 5, 11))
    _published_interpretation(one, "text", D(2023, 5, 11))
    _published_interpretation(two, "qa", D(2023, 5, 12))
    b_doc = published_document(world.b, D(2023, 6, 1))
    _published_interpretation(b_doc, "text", D(2023, 6, 2))
    published_document(world.a, D(2022, 5, 10))  # another year
    found = queries.ratios_by_agency([world.a, world.b], 2023, as_of=D(2023, 12, 31))
    # A: 3 documents, 2 with an interpretation; 3 interpretations, 图解 and 问答 count: 2/3 and 2/3.
    assert found[world.a.pk] == Ratios(needing=3, covered=2, interpretations=3, visual=2)
    assert found[world.b.pk] == Ratios(needing=1, covered=1, interpretations=1, visual=0)
    subtree = queries.subtree_ratios([world.district, world.a], 2023, as_of=D(2023, 12, 31))
    assert subtree == Ratios(3, 2, 3, 2)


def test_re_indexing_finds_the_published_interpretations_only(world):
    from gongkai_web.search.registry import providers

    doc = published_document(world.a, D(2023, 5, 10))
    shown = _published_interpretation(doc, "graphic", D(2023, 5, 11))
    Interpretation.objects.create(
        document=doc,
        title="草稿",
        form="text",
        body="草稿",
        drafted_at=dt.datetime(2023, 5, 9, tzinfo=dt.UTC),
    )
    provider = providers()["interpretation"]
    assert provider.count() == 1
    assert [(e.kind, e.key, e.agency_path) for e in provider.batch(0, 10)] == [
        ("interpretation", shown.pk, world.a.path)
    ]
    assert list(provider.batch(shown.pk, 10)) == []


def _sign(world, doc):
    return services.sign_document(doc, on=SIGNED, actor=world.qianqi, clock=clock_at(SIGNED))


def test_signing_a_normative_document_with_no_interpretation_is_refused_in_chinese_and_nothing_changes(world):
    doc = ready_to_sign(world, drafted(world))
    audited = AuditEntry.objects.count()
    with pytest.raises(PublicationError) as caught:
        _sign(world, doc)
    assert caught.value.code == "publications.interpretation_not_ready"
    assert "尚缺：同步起草、同步审签" in caught.value.message
    assert "起草解读" in caught.value.message and "签发人审签" in caught.value.message
    doc = Document.objects.get(pk=doc.pk)
    assert (doc.stage, doc.signed_on, doc.publicity) == ("draft", None, "")
    assert not doc.events.filter(kind="signed").exists()
    assert AuditEntry.objects.count() == audited


def test_a_drafted_interpretation_not_yet_signed_off_still_holds_the_signature_back(world):
    doc = ready_to_sign(world, drafted(world))
    interp = interpretation(world, doc)
    with pytest.raises(PublicationError) as caught:
        _sign(world, doc)
    assert caught.value.code == "publications.interpretation_not_ready"
    assert (
        "尚缺：同步审签" in caught.value.message and "同步起草" not in caught.value.message.split("尚缺")[1]
    )
    assert Document.objects.get(pk=doc.pk).signed_on is None
    services.sign_interpretation(interp, actor=world.qianqi, clock=clock_at(SIGNED))
    _sign(world, doc)
    doc = Document.objects.get(pk=doc.pk)
    assert (doc.stage, doc.signed_on) == ("signed", SIGNED)
    assert [g.state for g in queries.for_document(doc, SIGNED).gate[:2]] == [DONE, DONE]


def test_another_kind_of_document_is_signed_without_an_interpretation(world):
    doc = drafted(world, kind="other", title="渝中区财政局2023年部门预算", issuer_code="")
    from .test_publications_lifecycle import reviewed

    reviewed(world, doc, D(2023, 3, 14))
    _sign(world, doc)
    assert Document.objects.get(pk=doc.pk).signed_on == SIGNED


def test_a_normative_document_decided_for_disclosure_on_request_is_signed_without_an_interpretation(world):
    doc = drafted(world)
    services.propose_publicity(
        doc,
        publicity="on_request",
        reason="涉及具体财政专户管理，依申请公开（条例第二十七条）",
        on=D(2023, 3, 14),
        actor=world.lisi,
        clock=clock_at(D(2023, 3, 14)),
    )
    services.review_secrecy(doc, on=D(2023, 3, 14), agreed=True, actor=world.qianqi, clock=clock_at(SIGNED))
    services.review_secrecy(doc, on=D(2023, 3, 14), agreed=True, actor=world.zhaoliu, clock=clock_at(SIGNED))
    services.record_legality_review(
        doc, on=D(2023, 3, 15), passed=True, actor=world.lisi, clock=clock_at(SIGNED)
    )
    services.record_deliberation(
        doc, on=D(2023, 3, 16), body="局长办公会", actor=world.lisi, clock=clock_at(SIGNED)
    )
    _sign(world, doc)
    doc = Document.objects.get(pk=doc.pk)
    assert (doc.stage, doc.publicity) == ("signed", "on_request")
    assert queries.for_document(doc, SIGNED).signing_waits == []
