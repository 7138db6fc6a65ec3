"""The Q&A library: versions kept as written, the handler drafts and the approver publishes, the search
index follows publishing and withdrawing, documents ground the answers, the public finds the published."""

from __future__ import annotations

import pytest

from gongkai.search.entry import QA
from gongkai_web.audit.models import AuditEntry
from gongkai_web.qa import services
from gongkai_web.qa.errors import QAError
from gongkai_web.qa.models import QAEntry, QAVersion
from gongkai_web.search import registry
from gongkai_web.search.models import SearchEntry

from .qa_world import draft_document, make_entry, published_document


def test_a_new_entry_is_a_draft_with_version_1_and_an_audit_entry(world):
    entry = make_entry(world)
    assert (entry.state, entry.version) == ("draft", 1)
    (v1,) = entry.versions.all()
    assert (v1.number, v1.question, v1.actor) == (1, "城乡居民医疗保险的财政补助标准是多少？", world.lisi)
    assert v1.reason == "初始版本"
    assert AuditEntry.objects.filter(action="qa.entry_created", object_id=str(entry.pk)).count() == 1
    assert not SearchEntry.objects.filter(kind=QA).exists()  # a draft is not searchable


def test_a_revision_writes_version_2_with_its_reason_and_leaves_version_1_as_it_was(world):
    entry = make_entry(world)
    services.revise_entry(
        entry,
        question=entry.question,
        answer="2025年财政补助标准为每人每年不低于700元，由市、区两级财政分担。",
        reason="补充分担办法",
        actor=world.lisi,
    )
    entry.refresh_from_db()
    assert entry.version == 2
    v1, v2 = entry.versions.order_by("number")
    assert v1.answer == "2025年财政补助标准为每人每年不低于700元。"
    assert (v2.number, v2.reason) == (2, "补充分担办法")
    assert v2.answer.endswith("由市、区两级财政分担。")


def test_a_revision_that_changes_nothing_is_refused_and_writes_no_version(world):
    entry = make_entry(world)
    with pytest.raises(QAError) as refused:
        services.revise_entry(
            entry, question=entry.question, answer=entry.answer, reason="无", actor=world.lisi
        )
    assert refused.value.code == "qa.unchanged"
    assert "没有任何修改" in refused.value.message
    assert QAVersion.objects.filter(entry=entry).count() == 1


def test_a_revision_without_a_reason_is_refused(world):
    entry = make_entry(world)
    with pytest.raises(QAError) as refused:
        services.revise_entry(entry, question="新问题？", answer=entry.answer, reason="  ", actor=world.lisi)
    assert refused.value.code == "qa.reason_missing"
    assert refused.value.message == "请填写修改理由。"


def test_the_handler_may_not_publish_the_approver_does_and_the_entry_is_indexed(world):
    entry = make_entry(world)
    with pytest.raises(QAError) as refused:
        services.publish_entry(entry, actor=world.lisi)
    assert refused.value.code == "qa.approver_only"
    services.publish_entry(entry, actor=world.qianqi)
    row = SearchEntry.objects.get(kind=QA, key=entry.pk)
    assert (row.title, row.agency_id, row.agency_path) == (entry.question, world.a.pk, world.a.path)


def test_a_published_entry_is_revised_by_the_approver_only_and_the_index_takes_the_new_text(world):
    entry = make_entry(world, published=True)
    with pytest.raises(QAError) as refused:
        services.revise_entry(
            entry, question=entry.question, answer="新答复", reason="更新", actor=world.lisi
        )
    assert refused.value.code == "qa.approver_only"
    services.revise_entry(
        entry,
        question=entry.question,
        answer="新答复：每人每年不低于730元。",
        reason="标准调整",
        actor=world.qianqi,
    )
    assert SearchEntry.objects.get(kind=QA, key=entry.pk).body == "新答复：每人每年不低于730元。"


def test_withdrawing_takes_the_entry_out_of_the_index_and_the_public_page(client, world):
    entry = make_entry(world, published=True)
    assert client.get(f"/qa/{entry.pk}/").status_code == 200
    services.withdraw_entry(entry, reason="政策已废止", actor=world.qianqi)
    assert not SearchEntry.objects.filter(kind=QA, key=entry.pk).exists()
    assert client.get(f"/qa/{entry.pk}/").status_code == 404
    with pytest.raises(QAError) as refused:
        services.withdraw_entry(entry, reason="再次", actor=world.qianqi)
    assert refused.value.code == "qa.wrong_state"


def test_another_agencys_handler_and_the_supervisor_cannot_change_the_library(world):
    entry = make_entry(world)
    for person in (world.wangwu, world.zhaoliu):
        with pytest.raises(QAError) as refused:
            services.revise_entry(entry, question="改", answer="改", reason="改", actor=person)
        assert refused.value.code == "qa.not_allowed"
    assert QAEntry.objects.get(pk=entry.pk).version == 1


def test_only_a_published_document_grounds_an_answer_and_the_public_page_lists_it(client, world):
    entry = make_entry(world, published=True)
    with pytest.raises(QAError) as refused:
        services.link_document(entry, draft_document(world.a), actor=world.lisi)
    assert refused.value.code == "qa.document_not_public"
    doc = published_document(world.a)
    services.link_document(entry, doc, actor=world.lisi)
    page = client.get(f"/qa/{entry.pk}/").content.decode()
    assert "渝中区财政局关于城乡居民医疗保险财政补助标准的通知" in page and "渝中财发〔2025〕3号" in page


def test_the_link_search_finds_a_document_by_its_number_in_other_brackets(client, world):
    entry = make_entry(world)
    doc = published_document(world.a)
    client.force_login(world.lisi)
    page = client.get(f"/staff/qa/{entry.pk}/", {"q": "渝中财发[2025]3号"}).content.decode()
    assert f'value="{doc.pk}"' in page
    response = client.post(f"/staff/qa/{entry.pk}/link/", {"document": doc.pk, "q": "渝中财发[2025]3号"})
    assert response.status_code == 302
    assert list(entry.documents.all()) == [doc]


def test_the_public_search_finds_a_published_entry_by_words_of_its_answer_but_not_a_draft(client, world):
    make_entry(world, published=True)
    make_entry(world, question="公租房的申请条件是什么？", answer="申请公租房须在本区有稳定工作。")
    page = client.get("/qa/", {"q": "700元"}).content.decode()
    assert "城乡居民医疗保险的财政补助标准是多少？" in page
    assert "<mark>700元</mark>" in page
    assert "公租房的申请条件" not in client.get("/qa/", {"q": "公租房"}).content.decode()


def test_the_public_library_shows_a_total_beyond_the_count_s_cap_as_more_than_it(client, world, monkeypatch):
    from gongkai.search import query

    for question in ("医保怎么交？", "公租房怎么申请？", "采购意向在哪里公开？"):
        make_entry(world, question=question, published=True)
    # Three published entries; the count stops at 2 here as it stops at 10,000 on a large library.
    monkeypatch.setattr(query, "TOTAL_CAP", 2)
    capped = client.get("/qa/").content.decode()
    assert "找到 2 条以上问答" in capped and "找到 2 条问答" not in capped
    monkeypatch.setattr(query, "TOTAL_CAP", 10_000)
    exact = client.get("/qa/").content.decode()
    assert "找到 3 条问答" in exact and "以上" not in exact


def test_the_public_library_filters_by_topic_and_agency(client, world):
    topic = services.create_topic(world.a, name="医疗保障", actor=world.lisi)
    make_entry(world, topic=topic, published=True)
    make_entry(world, question="政府采购意向在哪里公开？", answer="在区政府网站公开。", published=True)
    by_topic = client.get("/qa/", {"topic": "医疗保障"}).content.decode()
    assert "城乡居民医疗保险" in by_topic and "政府采购意向" not in by_topic
    other = client.get("/qa/", {"agency": world.b.pk}).content.decode()
    assert "城乡居民医疗保险" not in other and "政府采购意向" not in other


def test_the_version_page_shows_what_was_inserted_and_deleted(client, world):
    entry = make_entry(world)
    services.revise_entry(
        entry,
        question=entry.question,
        answer="2025年财政补助标准为每人每年不低于730元。",
        reason="标准调整",
        actor=world.lisi,
    )
    client.force_login(world.zhaoliu)  # the supervising office reads the versions
    page = client.get(f"/staff/qa/{entry.pk}/versions/").content.decode()
    # 700 → 730: the 7 and the last 0 kept, the middle 0 deleted and a 3 inserted.
    assert "不低于7<del>0</del><ins>3</ins>0元" in page
    assert "标准调整" in page and "第 2 版" in page


def test_the_search_registry_has_a_provider_for_the_qa_kind_walking_published_entries(world):
    first = make_entry(world, published=True)
    make_entry(world, question="草稿问题？")
    provider = registry.providers()[QA]
    assert provider.count() == 1
    assert [e.key for e in provider.batch(0, 10)] == [first.pk]
    assert list(provider.batch(first.pk, 10)) == []


def test_the_staff_new_entry_form_keeps_the_input_and_says_what_is_missing(client, world):
    client.force_login(world.lisi)
    response = client.post("/staff/qa/new/", {"agency": world.a.pk, "question": "医保怎么交？", "answer": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert "请填写答复" in page and "医保怎么交？" in page
    assert not QAEntry.objects.exists()


def test_the_approver_publishes_from_the_entry_page_and_the_handler_is_refused(client, world):
    entry = make_entry(world)
    client.force_login(world.lisi)
    client.post(f"/staff/qa/{entry.pk}/publish/")
    assert QAEntry.objects.get(pk=entry.pk).state == "draft"
    client.force_login(world.qianqi)
    client.post(f"/staff/qa/{entry.pk}/publish/")
    assert QAEntry.objects.get(pk=entry.pk).state == "published"


def test_the_supervisor_reads_an_entry_without_any_step_and_the_handler_sees_who_revises_a_published_one(
    client, world
):
    entry = make_entry(world, published=True)
    client.force_login(world.zhaoliu)
    page = client.get(f"/staff/qa/{entry.pk}/").content.decode()
    assert entry.question in page
    for step in ("/revise/", "/withdraw/", "/link/", "/publish/"):
        assert f"/staff/qa/{entry.pk}{step}" not in page
    client.force_login(world.lisi)
    page = client.get(f"/staff/qa/{entry.pk}/").content.decode()
    assert "已发布的问答由审批人修订。" in page and f"/staff/qa/{entry.pk}/revise/" not in page
    assert client.get(f"/staff/qa/{entry.pk}/revise/").status_code == 404


def test_a_withdrawn_entry_may_be_published_again_and_is_searchable_again(world):
    entry = make_entry(world, published=True)
    services.withdraw_entry(entry, reason="待修订", actor=world.qianqi)
    services.revise_entry(
        entry, question=entry.question, answer="修订后的答复。", reason="政策调整", actor=world.lisi
    )
    services.publish_entry(entry, actor=world.qianqi)
    assert SearchEntry.objects.get(kind=QA, key=entry.pk).body == "修订后的答复。"
    assert QAEntry.objects.get(pk=entry.pk).version == 2
