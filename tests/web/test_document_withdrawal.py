"""停止公开: a published 规范性文件 of agency A (with its interpretation) taken out of the public column.
钱七 (A's approver) withdraws it with a reason; 李四 (A's handler) and 王五 (agency B) may not; 赵六 (the
district's supervising office) reads the withdrawal and its reason on the staff page. The public — an
anonymous visitor and 张三 signed in — then get 410 at its address with a plain Chinese page that names
neither the title nor the reason, and find it nowhere: not in the list, the search, or a re-index."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from gongkai.search.entry import DOCUMENT, INTERPRETATION
from gongkai_web.audit.models import AuditEntry
from gongkai_web.portal.column_queries import document_url
from gongkai_web.publications import interpretation_queries, search_entries, services
from gongkai_web.publications.errors import PublicationError
from gongkai_web.publications.models import Document
from gongkai_web.search.models import SearchEntry

from .fixtures import clock_at
from .test_publications_lifecycle import published

D = dt.date
TITLE = "渝中区财政局关于规范财政票据管理的通知"
REASON = "附件二含未脱敏的企业银行账号，保密审查遗漏"
WITHDRAWN = D(2023, 4, 3)


@pytest.fixture
def doc(world):
    found = published(world, title=TITLE)
    found.refresh_from_db()
    return found


def _withdraw(world, doc, *, actor=None, reason=REASON):
    return services.withdraw_document(
        doc, actor=actor or world.qianqi, reason=reason, clock=clock_at(WITHDRAWN)
    )


def _indexed(kind, key) -> bool:
    return SearchEntry.objects.filter(kind=kind, key=key).exists()


def test_the_published_document_and_its_interpretation_are_public_and_indexed_before(client, world, doc):
    interp = doc.interpretations.get()
    assert interp.published_on == D(2023, 3, 20)
    assert _indexed(DOCUMENT, doc.pk) and _indexed(INTERPRETATION, interp.pk)
    assert TITLE in client.get(document_url(doc)).content.decode()


def test_a_withdrawal_without_a_reason_is_refused_in_chinese_and_nothing_changes(client, world, doc):
    with pytest.raises(PublicationError) as caught:
        _withdraw(world, doc, reason="  ")
    assert caught.value.code == "publications.withdrawal_reason_missing"
    assert "停止公开的理由" in caught.value.message
    doc.refresh_from_db()
    assert (doc.withdrawn_on, doc.withdrawal_reason) == (None, "")
    assert not doc.events.filter(kind="withdrawn").exists()
    assert _indexed(DOCUMENT, doc.pk)
    assert client.get(document_url(doc)).status_code == 200


@pytest.mark.parametrize("persona", ["lisi", "wangwu", "zhaoliu"])
def test_only_the_agency_s_approver_withdraws_a_document(world, doc, persona):
    with pytest.raises(PublicationError) as caught:
        _withdraw(world, doc, actor=getattr(world, persona))
    assert caught.value.code == "publications.not_allowed"
    assert "停止公开" in caught.value.message
    assert Document.objects.get(pk=doc.pk).withdrawn_on is None
    assert _indexed(DOCUMENT, doc.pk)


def test_a_draft_cannot_be_withdrawn_from_the_public(world):
    from .test_publications_lifecycle import drafted

    draft = drafted(world)
    with pytest.raises(PublicationError) as caught:
        _withdraw(world, draft)
    assert caught.value.code == "publications.wrong_stage"
    assert Document.objects.get(pk=draft.pk).withdrawn_on is None


def test_the_withdrawn_document_leaves_the_column_the_search_and_the_cached_page_and_answers_410(
    client, world, doc
):
    url, interp = document_url(doc), doc.interpretations.get()
    listing = f"/gk/{world.a.code}/documents/"
    assert client.get(url).status_code == 200  # rendered and cached
    assert TITLE in client.get(listing).content.decode()
    assert TITLE in client.get("/search/", {"q": "财政票据"}).content.decode()

    _withdraw(world, doc)

    doc.refresh_from_db()
    assert (doc.withdrawn_on, doc.withdrawal_reason, doc.stage) == (WITHDRAWN, REASON, "published")
    event = doc.events.get(kind="withdrawn")
    assert (event.on, event.actor, event.data["reason"]) == (WITHDRAWN, world.qianqi, REASON)
    assert AuditEntry.objects.filter(object_id=str(doc.pk), action="publications.withdrawn").exists()
    assert not _indexed(DOCUMENT, doc.pk) and not _indexed(INTERPRETATION, interp.pk)

    signed_in = Client()
    signed_in.force_login(world.zhangsan)
    for visitor in (client, signed_in):
        gone = visitor.get(url)
        page = gone.content.decode()
        assert gone.status_code == 410
        assert "本文件已停止公开" in page and "渝中区财政局已于2023-04-03停止公开本文件" in page
        assert TITLE not in page and REASON not in page and "银行账号" not in page
        assert f"/gk/{world.a.code}/apply/" in page  # what the visitor can do instead
    assert TITLE not in client.get(listing).content.decode()
    assert TITLE not in client.get("/search/", {"q": "财政票据"}).content.decode()
    assert (
        client.get(f"/gk/{world.a.code}/").status_code == 200
        and TITLE not in client.get(f"/gk/{world.a.code}/").content.decode()
    )


def test_a_re_index_does_not_bring_the_withdrawn_document_or_its_interpretation_back(world, doc):
    interp = doc.interpretations.get()
    _withdraw(world, doc)
    assert doc.pk not in [e.key for e in search_entries.batch(0, 100)]
    assert interp.pk not in [e.key for e in interpretation_queries.search_batch(0, 100)]
    assert search_entries.index_library() == 0
    assert not _indexed(DOCUMENT, doc.pk)


def test_withdrawing_twice_is_refused_with_the_first_day(world, doc):
    _withdraw(world, doc)
    with pytest.raises(PublicationError) as caught:
        services.withdraw_document(doc, actor=world.qianqi, reason="再次", clock=clock_at(D(2023, 4, 10)))
    assert caught.value.code == "publications.already_withdrawn"
    assert "2023-04-03" in caught.value.message
    assert Document.objects.get(pk=doc.pk).withdrawal_reason == REASON


def test_the_approver_withdraws_on_the_page_and_staff_and_the_supervising_office_read_why(client, world, doc):
    step = f"/staff/library/{doc.pk}/withdraw/"
    client.force_login(world.qianqi)
    assert f'href="{step}"' in client.get(f"/staff/library/{doc.pk}/").content.decode()
    empty = client.post(step, {"reason": ""})
    assert empty.status_code == 400 and Document.objects.get(pk=doc.pk).withdrawn_on is None
    assert client.post(step, {"reason": REASON}).status_code == 302
    assert Document.objects.get(pk=doc.pk).withdrawn_on is not None
    for persona in ("qianqi", "lisi", "zhaoliu"):
        client.force_login(getattr(world, persona))
        page = client.get(f"/staff/library/{doc.pk}/").content.decode()
        assert "已于" in page and "停止公开" in page and REASON in page, persona
        assert f'href="{step}"' not in page  # done: not offered again
        assert "已停止公开" in client.get("/staff/library/").content.decode()
    client.force_login(world.lisi)
    assert client.post(step, {"reason": "x"}).status_code == 404  # the approver's step
    client.force_login(world.wangwu)
    assert client.get(f"/staff/library/{doc.pk}/").status_code == 404
