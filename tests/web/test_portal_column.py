"""The public 政府信息公开 column, as visitors use it: 张三 (an applicant), an anonymous visitor and 李四
(agency A's handler) see the same public pages; only published 主动公开 / 部分公开 documents ever show (a
draft, a 依申请公开 or 不予公开 record never, not even to the agency's own staff on these pages); a 部分公开
document shows its redacted text only. The list's filters and the search go through the search
contract (``gongkai_web.search``), filled by the publishing and effect services."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.base import ContentFile

from gongkai_web.accounts.models import Role
from gongkai_web.publications import services
from gongkai_web.publications.models import Document
from gongkai_web.publications.search_entries import index_documents
from gongkai_web.search.models import SearchEntry

from .fixtures import make_user
from .test_publications_lifecycle import CLOCK, published

D = dt.date
_serial = iter(range(100, 10_000))


def _doc(agency, title, *, publicity="proactive", stage="published", on=None, **kw) -> Document:
    """A document written directly (as an import writes them) and indexed as the services do."""
    on = on or D(2023, 5, 10)
    published_on = on if stage == "published" else None
    serial = next(_serial)
    doc = Document.objects.create(
        agency=agency,
        kind=kw.pop("kind", "normative"),
        title=title,
        stage=stage,
        publicity=publicity,
        published_on=published_on,
        index_number=f"{agency.code}/{on.year}-{serial:05d}" if published_on else "",
        **kw,
    )
    index_documents([doc])
    return doc


@pytest.fixture
def library(world):
    """A 规范性文件 of A published through the services (渝中财规〔2023〕1号, 2023-03-20), a 部分公开 one,
    a draft, a 依申请公开 record, and one of the district (2024, 其他政府信息) that repeals A's first."""
    budget = published(world, title="渝中区财政局关于做好部门预算公开工作的通知")
    budget.topic, budget.genre, budget.text = (
        "财政、金融、审计",
        "通知",
        "各部门应当在批复后20日内公开部门预算。",
    )
    budget.save()
    index_documents([budget])
    partial = _doc(
        world.a,
        "渝中区财政局关于国有资产清查结果的报告",
        publicity="partial",
        text="清查结果如下。涉密清单：甲乙丙。",
        redacted_text="清查结果如下。",
        publicity_reason="涉及国家秘密的部分不予公开（条例第十四条）",
        topic="财政、金融、审计",
        genre="报告",
    )
    draft = _doc(world.a, "渝中区财政局关于预算调整的请示（草稿）", stage="draft")
    on_request = _doc(world.a, "渝中区财政局预算内部审核意见", publicity="on_request")
    repealer = _doc(
        world.district,
        "渝中区人民政府关于废止部分规范性文件的决定",
        kind="other",
        number="渝中府发〔2024〕3号",
        on=D(2024, 3, 1),
        topic="综合政务",
        genre="决定",
    )
    return type(
        "Library",
        (),
        {
            "budget": budget,
            "partial": partial,
            "draft": draft,
            "on_request": on_request,
            "repealer": repealer,
        },
    )


def _repeal(world, library):
    """The district's decision repeals A's 通知 from 2024-03-01 (recorded by a handler of the district)."""
    handler = make_user("district_handler", world.district, Role.HANDLER)
    services.record_effect(
        library.repealer, library.budget, kind="repeals", on=D(2024, 3, 1), actor=handler, clock=CLOCK
    )


def _url(doc: Document, suffix: str = "") -> str:
    return f"/gk/{doc.agency.code}/documents/{doc.index_number.partition('/')[2]}/{suffix}"


def _texts(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def _titles(response) -> list[str]:
    return re.findall(r'class="result-title" href="[^"]+">([^<]+)</a>', response.content.decode())


# ── only what is public shows, to everyone ──────────────────────────────────────────────────────


@pytest.mark.parametrize("persona", ["anon", "zhangsan", "lisi"])
def test_every_visitor_reads_a_published_document_at_its_index_number_address(
    client, world, library, persona
):
    if persona != "anon":
        client.force_login(getattr(world, persona))
    response = client.get(_url(library.budget))
    assert response.status_code == 200
    assert library.budget.index_number.endswith("/2023-00001")  # the first of A's 2023 series
    page = _texts(response)
    assert "渝中区财政局关于做好部门预算公开工作的通知" in page
    assert "各部门应当在批复后20日内公开部门预算。" in page


@pytest.mark.parametrize("persona", ["anon", "zhangsan", "lisi"])
def test_a_draft_and_a_record_not_published_proactively_are_not_found_even_by_their_agency_s_staff(
    client, world, library, persona
):
    if persona != "anon":
        client.force_login(getattr(world, persona))
    for doc in (library.draft, library.on_request):
        assert client.get(f"/gk/{world.a.code}/documents/{doc.pk}/").status_code == 404
    listing = _texts(client.get(f"/gk/{world.a.code}/documents/"))
    assert "草稿" not in listing and "内部审核意见" not in listing
    found = _titles(client.get("/search/", {"q": "预算"}))
    assert found == ["渝中区财政局关于做好部门预算公开工作的通知"]


def test_the_index_holds_only_the_public_documents_and_a_partial_one_with_its_redacted_text(library):
    entries = {e.key: e for e in SearchEntry.objects.filter(kind="document")}
    assert set(entries) == {library.budget.pk, library.partial.pk, library.repealer.pk}
    assert "甲乙丙" not in entries[library.partial.pk].body
    assert "清查结果如下。" in entries[library.partial.pk].body


def test_a_partly_published_document_shows_the_redacted_text_and_its_grounds_and_offers_no_files(
    client, world, library
):
    annex = library.partial.files.create(
        file=ContentFile(b"%PDF-1.4 full", "full.pdf"), original_name="清单.pdf", content_type="application/pdf",
        size=13, sha256="0" * 64,
    )  # fmt: skip
    page = _texts(client.get(_url(library.partial)))
    assert "清查结果如下。" in page and "甲乙丙" not in page
    assert "涉及国家秘密的部分不予公开" in page
    assert "清单.pdf" not in page
    assert client.get(_url(library.partial, f"attachments/{annex.pk}/")).status_code == 404
    assert client.get("/search/", {"q": "甲乙丙"}).content.decode().count("result-title") == 0


def test_an_attachment_of_a_public_document_downloads_for_anyone_and_a_draft_s_does_not(
    client, world, library
):
    annex = library.budget.files.create(
        file=ContentFile(b"%PDF-1.4 annex", "annex.pdf"), original_name="附件1.pdf", content_type="application/pdf",
        size=14, sha256="0" * 64,
    )  # fmt: skip
    hidden = library.draft.files.create(
        file=ContentFile(b"%PDF-1.4 d", "d.pdf"), original_name="草稿附件.pdf", content_type="application/pdf",
        size=10, sha256="0" * 64,
    )  # fmt: skip
    page = client.get(_url(library.budget)).content.decode()
    assert f"{_url(library.budget)}attachments/{annex.pk}/" in page and "附件1.pdf" in page
    download = client.get(_url(library.budget, f"attachments/{annex.pk}/"))
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 annex"
    assert (
        client.get(f"/gk/{world.a.code}/documents/{library.draft.pk}/attachments/{hidden.pk}/").status_code
        == 404
    )
    # another agency's address for the same document is not an address of it
    assert (
        client.get(
            f"/gk/{world.b.code}/documents/{library.budget.index_number.partition('/')[2]}/"
        ).status_code
        == 404
    )


# ── the document page ───────────────────────────────────────────────────────────────────────────


def test_the_document_page_carries_the_metadata_header_with_its_official_labels(client, world, library):
    page = _texts(client.get(_url(library.budget)))
    for label, value in [
        ("索引号", library.budget.index_number),
        ("发文机关", "渝中区财政局"),
        ("发文字号", "渝中财规〔2023〕1号"),
        ("成文日期", "2023-03-01"),
        ("发布日期", "2023-03-20"),
        ("施行日期", "2023-03-20"),  # none given: in force from publication
        ("主题分类", "财政、金融、审计"),
        ("体裁分类", "通知"),
        ("公开方式", "主动公开"),
        ("有效性", "现行有效"),
    ]:
        assert re.search(rf"<th scope=\"row\">{label}</th><td>(<strong[^>]*>)?{re.escape(value)}", page), (
            label
        )


def test_a_joint_document_names_every_issuer(client, world, library):
    library.budget.co_issuers.add(world.b)
    assert "渝中区财政局、江北区教育委员会" in _texts(client.get(_url(library.budget)))


def test_a_repealed_document_carries_the_banner_with_a_link_to_the_repealing_document(client, world, library):
    _repeal(world, library)
    page = _texts(client.get(_url(library.budget)))
    assert "本文件已于2024年3月1日废止，依据：渝中府发〔2024〕3号。" in page
    assert re.search(
        rf'<div class="banner banner-repealed" role="note">.*href="{_url(library.repealer)}"', page
    )
    assert re.search(r"<strong class=\"validity\">已废止</strong>", page)


def test_the_document_page_has_the_government_site_meta_tags(client, world, library):
    page = client.get(_url(library.budget)).content.decode()
    assert '<meta name="ArticleTitle" content="渝中区财政局关于做好部门预算公开工作的通知">' in page
    assert '<meta name="PubDate" content="2023-03-20">' in page
    assert '<meta name="ContentSource" content="渝中区财政局">' in page
    for name in ("SiteName", "SiteDomain", "SiteIDCode", "ColumnName", "Url"):
        assert f'<meta name="{name}"' in page


def test_the_related_interpretations_block_is_there_and_says_none_yet(client, library):
    page = _texts(client.get(_url(library.budget)))
    assert "相关解读" in page


# ── the list, the filters and the search ────────────────────────────────────────────────────────


def test_a_two_character_word_finds_the_document_that_has_it_in_its_text_or_title(client, world, library):
    response = client.get(f"/gk/{world.a.code}/documents/", {"q": "预算"})
    assert _titles(response) == ["渝中区财政局关于做好部门预算公开工作的通知"]
    assert "<mark>预算</mark>" in response.content.decode()


def test_a_document_number_written_with_square_brackets_finds_the_one_written_with_hexagonal_ones(
    client, world, library
):
    for typed in ("渝中财规[2023]1号", "渝中财规（2023）1号", "渝中财规 2023 1"):
        assert _titles(client.get("/search/", {"q": typed})) == [
            "渝中区财政局关于做好部门预算公开工作的通知"
        ], typed


def test_the_district_column_lists_its_departments_documents_and_the_issuer_filter_narrows_it(
    client, world, library
):
    district = f"/gk/{world.district.code}/documents/"
    assert sorted(_titles(client.get(district))) == sorted(
        [
            "渝中区财政局关于做好部门预算公开工作的通知",
            "渝中区财政局关于国有资产清查结果的报告",
            "渝中区人民政府关于废止部分规范性文件的决定",
        ]
    )
    assert _titles(client.get(district, {"issuer": world.district.pk})) == [
        "渝中区人民政府关于废止部分规范性文件的决定"
    ]
    # A's column does not list the district's own document
    assert "废止部分规范性文件" not in _texts(client.get(f"/gk/{world.a.code}/documents/"))


def test_issuer_and_year_together_find_the_one_document(client, world, library):
    response = client.get(f"/gk/{world.district.code}/documents/", {"issuer": world.a.pk, "year": 2023})
    assert sorted(_titles(response)) == [
        "渝中区财政局关于做好部门预算公开工作的通知",
        "渝中区财政局关于国有资产清查结果的报告",
    ]
    assert _titles(client.get(f"/gk/{world.district.code}/documents/", {"year": 2024})) == [
        "渝中区人民政府关于废止部分规范性文件的决定"
    ]


def test_topic_and_genre_filter_the_list(client, world, library):
    district = f"/gk/{world.district.code}/documents/"
    assert _titles(client.get(district, {"genre": "报告"})) == ["渝中区财政局关于国有资产清查结果的报告"]
    assert _titles(client.get(district, {"topic": "综合政务"})) == [
        "渝中区人民政府关于废止部分规范性文件的决定"
    ]


def test_the_validity_filter_separates_documents_in_force_from_repealed_ones(client, world, library):
    _repeal(world, library)
    listing = f"/gk/{world.a.code}/documents/"
    assert _titles(client.get(listing, {"validity": "ended"})) == [
        "渝中区财政局关于做好部门预算公开工作的通知"
    ]
    assert _titles(client.get(listing, {"validity": "in_force"})) == [
        "渝中区财政局关于国有资产清查结果的报告"
    ]
    assert len(_titles(client.get(listing, {"validity": ""}))) == 2


def test_words_in_the_title_rank_first_and_the_date_order_puts_the_newest_first(client, world, library):
    _doc(world.a, "渝中区财政局关于国库集中支付的通知", text="涉及预算单位的支付流程。", on=D(2024, 1, 5))
    listing = f"/gk/{world.a.code}/documents/"
    by_relevance = _titles(client.get(listing, {"q": "预算"}))
    by_date = _titles(client.get(listing, {"q": "预算", "sort": "date"}))
    assert by_relevance == [
        "渝中区财政局关于做好部门预算公开工作的通知",
        "渝中区财政局关于国库集中支付的通知",
    ]
    assert by_date == ["渝中区财政局关于国库集中支付的通知", "渝中区财政局关于做好部门预算公开工作的通知"]


def test_a_filter_value_that_is_not_offered_is_ignored(client, world, library):
    listing = f"/gk/{world.a.code}/documents/"
    assert (
        len(_titles(client.get(listing, {"year": "1999", "issuer": world.b.pk, "validity": "nonsense"}))) == 2
    )


def test_the_list_pages_by_twenty_newest_first(client, world, library):
    for n in range(1, 22):
        _doc(world.a, f"渝中区财政局第{n}号通告", on=D(2022, 1, n))
    listing = f"/gk/{world.a.code}/documents/"
    first = _titles(client.get(listing))
    assert len(first) == 20 and first[:2] == [
        "渝中区财政局关于国有资产清查结果的报告",
        "渝中区财政局关于做好部门预算公开工作的通知",
    ]
    second = client.get(listing, {"page": 2})
    assert _titles(second) == ["渝中区财政局第3号通告", "渝中区财政局第2号通告", "渝中区财政局第1号通告"]
    assert "第 2 页，共 2 页" in _texts(second)


def test_the_home_search_box_finds_documents_and_still_agencies(client, world, library):
    page = _texts(client.get("/", {"q": "预算"}))
    assert "渝中区财政局关于做好部门预算公开工作的通知" in page
    by_name = _texts(client.get("/", {"q": "财政局"}))
    assert '<a href="/guide/' + world.a.code + '/">渝中区财政局</a>' in by_name


def test_the_home_search_box_shows_a_total_beyond_the_count_s_cap_as_more_than_it(
    client, world, library, monkeypatch
):
    from gongkai.search import query

    # Two public documents have 财政局 in the title; the count stops at 1 as it stops at 10,000.
    monkeypatch.setattr(query, "TOTAL_CAP", 1)
    page = _texts(client.get("/", {"q": "财政局"}))
    assert "共找到 1 件以上文件。" in page and "共找到 1 件文件。" not in page
    monkeypatch.setattr(query, "TOTAL_CAP", 10_000)
    page = _texts(client.get("/", {"q": "财政局"}))
    assert "共找到 2 件文件。" in page and "以上" not in page


# ── the column's other pages ────────────────────────────────────────────────────────────────────


def test_the_column_offers_the_standard_sub_columns_in_the_order_of_61(client, world):
    page = client.get(f"/gk/{world.a.code}/").content.decode()
    nav = page[page.index('class="column-nav"') :]
    order = [
        nav.index(name)
        for name in ("政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开年报")
    ]
    assert order == sorted(order)
    assert "<h1>渝中区财政局政府信息公开</h1>" in page


def test_the_guide_has_both_halves(client, world):
    page = _texts(client.get(f"/gk/{world.a.code}/guide/"))
    assert 'id="proactive">' in page and 'id="on-request">' in page
    assert "渝中区财政局办公室" in page  # the office receiving applications


def test_the_reports_column_says_honestly_that_none_is_published_yet(client, world):
    response = client.get(f"/gk/{world.a.code}/reports/")
    assert response.status_code == 200 and "政府信息公开年报" in response.content.decode()


def test_the_rules_column_lists_the_regulations_and_the_district_s_own_disclosure_rules(
    client, world, library
):
    _doc(world.district, "渝中区政务公开工作规定", topic="综合政务\\政务公开")
    page = _texts(client.get(f"/gk/{world.a.code}/rules/"))
    assert "《中华人民共和国政府信息公开条例》（国务院令第711号）" in page
    assert "渝中区政务公开工作规定" in page


def test_the_catalogue_column_shows_an_item_with_its_public_documents_only(client, world, library):
    from gongkai_web.publications.services.catalogue import add_catalogue_item, link_catalogue_document

    item = add_catalogue_item(
        world.a, category="财政预决算", elements="部门预算", basis="《政府信息公开条例》第二十条第（八）项",
        responsible_unit="预算科", owner=world.lisi, channels=["website"], actor=world.lisi,
    )  # fmt: skip
    link_catalogue_document(item, library.budget, actor=world.lisi)
    link_catalogue_document(item, library.draft, actor=world.lisi)
    page = _texts(client.get(f"/gk/{world.a.code}/catalogue/"))
    assert "财政预决算" in page and "渝中区财政局关于做好部门预算公开工作的通知" in page
    assert "草稿" not in page


def test_an_unknown_agency_has_no_column(client, db):
    assert client.get("/gk/nowhere/").status_code == 404


def test_the_elder_friendly_switch_works_as_a_plain_link_and_comes_back(client, world):
    response = client.get("/care/", {"on": "1", "next": f"/gk/{world.a.code}/"})
    assert response.status_code == 302 and response["Location"] == f"/gk/{world.a.code}/"
    assert '<html lang="zh-Hans" class="care">' in client.get(f"/gk/{world.a.code}/").content.decode()
    client.get("/care/", {"on": "0", "next": "/"})
    assert 'class="care"' not in client.get("/").content.decode()
    assert client.get("/care/", {"on": "1", "next": "https://evil.example/"})["Location"] == "/"


# ── the index is kept by the services ───────────────────────────────────────────────────────────


def test_publishing_indexes_the_document_and_a_repeal_closes_its_window_in_the_index(world, library):
    entry = SearchEntry.objects.get(kind="document", key=library.budget.pk)
    assert (entry.number, entry.published_on, entry.effective_on) == (
        "渝中财规〔2023〕1号",
        D(2023, 3, 20),
        D(2023, 3, 20),
    )
    assert entry.in_force_until is None and entry.agency_path == world.a.path
    _repeal(world, library)
    assert SearchEntry.objects.get(kind="document", key=library.budget.pk).in_force_until == D(2024, 3, 1)


def test_a_period_of_validity_ends_the_window_the_day_after_its_last_day(world):
    doc = _doc(world.a, "渝中区财政局关于暂行办法的通知", valid_until=D(2025, 6, 30))
    assert SearchEntry.objects.get(kind="document", key=doc.pk).in_force_until == D(2025, 7, 1)


def test_the_provider_walks_the_public_documents_in_key_order(library):
    from gongkai_web.search import registry

    provider = registry.providers()["document"]
    assert provider.count() == 3
    first = list(provider.batch(0, 2))
    assert [e.key for e in first] == sorted([library.budget.pk, library.partial.pk, library.repealer.pk])[:2]
    assert [e.key for e in provider.batch(first[-1].key, 10)] == [library.repealer.pk]


def test_an_import_indexes_its_documents_with_their_repeals(client, world, tmp_path):
    from gongkai_web.publications.services.importing import import_documents

    from .test_publications_import import CLOCK as IMPORT_CLOCK
    from .test_publications_import import good_rows, write

    import_documents(write(tmp_path, good_rows(world)), actor=world.lisi, clock=IMPORT_CLOCK)
    entries = {e.number: e for e in SearchEntry.objects.filter(kind="document")}
    assert len(entries) == 5
    assert entries["渝中财规〔2019〕7号"].in_force_until == D(2022, 3, 1)
    assert entries["渝中财规〔2021〕3号"].in_force_until == D(2029, 6, 1)
    found = client.get("/search/", {"q": "渝中财规【2019】7号", "validity": "ended"})
    assert _titles(found) == ["关于政府采购的通知"]


# ── the pages kept rendered ─────────────────────────────────────────────────────────────────────


@pytest.fixture
def fast(settings):
    settings.GONGKAI_FAST_PATHS = True


def test_a_document_page_is_kept_rendered_until_a_publication_or_an_effect_changes_the_library(
    client, world, library, fast
):
    page = _url(library.budget)
    assert "部门预算公开工作" in client.get(page).content.decode()
    # A change outside the services (none exists: a stand-in to see the kept copy) does not show …
    Document.objects.filter(pk=library.budget.pk).update(title="渝中区财政局关于改名的通知")
    assert "部门预算公开工作" in client.get(page).content.decode()
    # … a repeal recorded by the effect service does, at once.
    _repeal(world, library)
    fresh = client.get(page).content.decode()
    assert "渝中区财政局关于改名的通知" in fresh and "本文件已于2024年3月1日废止" in fresh


def test_a_new_publication_shows_in_the_kept_list_at_once(client, world, library, fast):
    listing = f"/gk/{world.a.code}/documents/"
    assert len(_titles(client.get(listing))) == 2
    published(world, title="渝中区财政局关于新增文件的通知")
    assert "渝中区财政局关于新增文件的通知" in _titles(client.get(listing))


def test_a_signed_in_visitor_gets_the_page_rendered_for_them(client, world, library, fast):
    page = _url(library.budget)
    client.get(page)  # an anonymous copy is kept
    Document.objects.filter(pk=library.budget.pk).update(title="渝中区财政局关于改名的通知")
    client.force_login(world.zhangsan)
    mine = client.get(page).content.decode()
    assert "渝中区财政局关于改名的通知" in mine and "我的申请" in mine


@pytest.mark.parametrize("persona", ["anon", "zhangsan"])
def test_a_total_beyond_the_count_s_cap_is_shown_as_more_than_it(
    client, world, library, monkeypatch, persona
):
    from gongkai.search import query

    if persona != "anon":
        client.force_login(getattr(world, persona))
    # Three public documents; the count stops at 2 here as it stops at 10,000 on a large library.
    monkeypatch.setattr(query, "TOTAL_CAP", 2)
    page = _texts(client.get("/search/", {"q": "", "sort": "date"}))
    assert "共找到 2 件以上文件。" in page
    monkeypatch.setattr(query, "TOTAL_CAP", 10_000)
    page = _texts(client.get("/search/", {"q": "", "sort": "date", "page": "1"}))
    assert "共找到 3 件文件。" in page and "以上" not in page
