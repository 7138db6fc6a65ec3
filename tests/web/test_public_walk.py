"""What the walk through the public side (2026-12-04, docs/publications.md) found and fixed: the pages say
they are in Simplified Chinese, the public forms ask to choose an agency instead of showing a row of
dashes, a Q&A answer links the documents it rests on, and a document that changed many others (a
clean-up decision) folds the list and names each one by its 文号 as well as its title."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import quote

from gongkai_web.accounts.models import Role
from gongkai_web.publications import services
from gongkai_web.qa import services as qa_services

from .fixtures import clock_at, make_user
from .qa_world import make_entry, published_document
from .report_world import published as published_report
from .test_portal_column import _doc, _url
from .test_publications_lifecycle import CLOCK


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_every_public_page_declares_simplified_chinese(client, world):
    for path in ("/", "/search/", "/qa/", f"/gk/{world.a.code}/"):
        assert '<html lang="zh-Hans"' in client.get(path).content.decode(), path


def test_the_ask_and_apply_forms_ask_to_choose_the_agency_rather_than_showing_dashes(client, world):
    for path in ("/qa/ask/", "/apply/"):
        page = client.get(path).content.decode()
        assert '<option value="" selected>请选择机关</option>' in page, path
        assert "---------" not in page, path


def test_a_published_answer_links_each_document_it_rests_on_to_the_document_s_public_page(client, world):
    doc = published_document(world.a)
    entry = make_entry(world, published=True)
    qa_services.link_document(entry, doc, actor=world.lisi, clock=clock_at(dt.date(2025, 11, 3), 12))
    page = client.get(f"/qa/{entry.pk}/").content.decode()
    link = f'<a href="/gk/{world.a.code}/documents/{doc.pk}/">{doc.title}</a>'
    assert link in page
    assert client.get(f"/gk/{world.a.code}/documents/{doc.pk}/").status_code == 200


def test_a_document_that_repealed_twelve_others_folds_the_list_and_names_each_by_title_and_number(
    client, world
):
    handler = make_user("district_handler", world.district, Role.HANDLER)
    decision = _doc(
        world.district, "渝中区人民政府关于公布规范性文件清理结果的决定", kind="other", on=dt.date(2024, 3, 1)
    )
    repealed = [
        _doc(
            world.a,
            f"渝中区财政局关于第{n}项补贴的通知",
            number=f"渝中财发〔2020〕{n}号",
            on=dt.date(2020, 5, n),
        )
        for n in range(1, 13)
    ]
    for target in repealed:
        services.record_effect(
            decision, target, kind="repeals", on=dt.date(2024, 3, 1), actor=handler, clock=CLOCK
        )
    page = _text(client.get(_url(decision)))
    assert '<details class="changes-given"><summary>本文件变更了 12 件其他文件</summary>' in page
    assert page.count("<li>2024-03-01 废止：") == 12
    assert not re.search(r"<ul>\s*</ul>", page)  # no empty list before the folded one
    assert (
        f'<li>2024-03-01 废止：<a href="{_url(repealed[6])}">渝中区财政局关于第7项补贴的通知</a>（渝中财发〔2020〕7号）</li>'
        in page
    )


def test_a_document_that_repealed_one_other_lists_it_unfolded(client, world):
    handler = make_user("district_handler", world.district, Role.HANDLER)
    decision = _doc(
        world.district, "渝中区人民政府关于废止一件规范性文件的决定", kind="other", on=dt.date(2024, 3, 1)
    )
    target = _doc(world.a, "渝中区财政局关于补贴的通知", number="渝中财发〔2020〕1号")
    services.record_effect(
        decision, target, kind="repeals", on=dt.date(2024, 3, 1), actor=handler, clock=CLOCK
    )
    page = _text(client.get(_url(decision)))
    assert "changes-given" not in page
    assert (
        f'<li>2024-03-01 废止：<a href="{_url(target)}">渝中区财政局关于补贴的通知</a>（渝中财发〔2020〕1号）</li>'
        in page
    )


def test_a_q_and_a_page_past_the_end_shows_the_last_page_rather_than_none_of_the_answers_found(client, world):
    make_entry(world, published=True)
    make_entry(world, published=True, question="医保缴费可以在网上办理吗？", answer="可以在渝快办缴费。")
    page = _text(client.get("/qa/", {"page": "999"}))
    assert "找到 2 条问答" in page
    assert "没有相符的问答" not in page
    assert "城乡居民医疗保险的财政补助标准是多少？" in page and "医保缴费可以在网上办理吗？" in page


def test_the_tracking_form_is_checked_by_the_server_so_an_empty_look_up_says_in_chinese_what_is_missing(
    client, world
):
    assert '<form method="post" novalidate>' in client.get("/track/").content.decode()
    page = _text(client.post("/track/", {"query_code": "", "secret": ""}))
    assert 'class="error-summary"' in page and "提交未成功，请修改以下 2 处：" in page


def test_a_report_downloads_under_its_own_title_and_version_not_a_code(client, world):
    published_report(world)
    for fmt in ("pdf", "docx"):
        response = client.get(f"/gk/{world.a.code}/reports/2025/v1.{fmt}")
        name = f"渝中区财政局2025年政府信息公开工作年度报告（第1版）.{fmt}"
        assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{quote(name)}"
