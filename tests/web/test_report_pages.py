"""The report pages: staff draft, write and step a report on its page, every figure of tables 2 and 3
links to its records; the public 年报 column lists the published versions and serves each as HTML,
PDF and DOCX (read back here)."""

from __future__ import annotations

import datetime as dt
import io
import re

import docx
import pdfplumber

from gongkai_web.reports import services
from gongkai_web.reports.models import ReportRecord, ReportState, ReportVersion

from .fixtures import log_in, make_application
from .report_world import CLOCK, YEAR, drafted, in_review, published, revise


def _text(response) -> str:
    return re.sub(r"<[^>]+>", "", response.content.decode())


def test_a_handler_drafts_from_the_list_page_and_the_page_shows_the_draft(world, client):
    assert log_in(client, "lisi")
    page = client.get("/staff/reports/records/")
    assert page.status_code == 200 and "渝中区财政局" in page.content.decode()
    posted = client.post("/staff/reports/records/new/", {"agency": world.a.pk, "year": YEAR})
    record = ReportRecord.objects.get()
    assert posted.status_code == 302 and posted["Location"] == f"/staff/reports/records/{record.pk}/"
    shown = client.get(posted["Location"]).content.decode()
    assert "渝中区财政局2025年政府信息公开工作年度报告" in shown
    assert (
        "一、总体情况" in shown
        and "五、存在的主要问题及改进情况" in shown
        and "六、其他需要报告的事项" in shown
    )


def test_an_agency_the_user_does_not_work_for_cannot_be_drafted(world, client):
    assert log_in(client, "wangwu")
    response = client.post("/staff/reports/records/new/", {"agency": world.a.pk, "year": YEAR})
    assert response.status_code == 400 and not ReportRecord.objects.exists()


def test_a_table_three_figure_links_to_the_applications_it_counts(world, client):
    record = drafted(world)
    make_application(world.b, received=dt.date(2025, 6, 2))  # another agency's: not in A's figure
    assert log_in(client, "lisi")
    page = client.get(f"/staff/reports/records/{record.pk}/").content.decode()
    link = f"/staff/reports/records/{record.pk}/cells/requests.new.total/"
    assert f'<a href="{link}">1</a>' in page
    listed = client.get(link).content.decode()
    assert world.app_a.query_code in listed and f"/staff/applications/{world.app_a.pk}/" in listed
    assert client.get(f"/staff/reports/records/{record.pk}/cells/requests.granted.total/").status_code == 200
    assert (
        world.app_a.query_code
        not in client.get(
            f"/staff/reports/records/{record.pk}/cells/requests.granted.total/"
        ).content.decode()
    )
    assert client.get(f"/staff/reports/records/{record.pk}/cells/requests.nonsense/").status_code == 404


def test_a_table_two_figure_links_to_the_library(world, client):
    record = drafted(world)
    assert log_in(client, "lisi")
    page = client.get(f"/staff/reports/records/{record.pk}/").content.decode()
    assert (
        'data-address="active.normative_documents.issued"><a href="/staff/library/?kind=normative&amp;year=2025">'
        in page
    )


def test_the_narrative_is_saved_from_the_page_and_the_steps_follow(world, client):
    record = drafted(world)
    assert log_in(client, "lisi")
    url = f"/staff/reports/records/{record.pk}/"
    client.post(
        url + "narrative/", {"general": "本机关共收到政府信息公开申请7件。", "problems": "无", "other": "无"}
    )
    client.post(url + "step/validate/")
    page = client.get(url).content.decode()
    assert "〔I6〕" in page and '<li class="warning blocking">' in page
    client.post(url + "step/submit/")
    record.refresh_from_db()
    assert record.state == ReportState.IN_REVIEW
    # 李四 is a handler: no publish step for him.
    assert client.post(url + "step/publish/").status_code == 404
    assert not ReportVersion.objects.exists()


def test_the_approver_is_refused_on_a_failing_report_and_the_page_says_why(world, client):
    record = in_review(world, revise(drafted(world), world.lisi, general="本机关共收到政府信息公开申请7件。"))
    assert log_in(client, "qianqi")
    response = client.post(f"/staff/reports/records/{record.pk}/step/publish/", follow=True)
    assert "I6" in _text(response) and not ReportVersion.objects.exists()
    client.post(f"/staff/reports/records/{record.pk}/step/publish/", {"bypass_reason": "纸质申请尚未录入"})
    assert ReportVersion.objects.get().bypass_reason == "纸质申请尚未录入"


def test_the_public_column_lists_only_published_reports(world, client):
    drafted(world)
    assert "渝中区财政局2025年" not in client.get(f"/gk/{world.a.code}/reports/").content.decode()
    assert client.get(f"/gk/{world.a.code}/reports/2025/").status_code == 404
    published(world)
    listing = client.get(f"/gk/{world.a.code}/reports/").content.decode()
    assert "渝中区财政局2025年政府信息公开工作年度报告" in listing
    assert f"/gk/{world.a.code}/reports/2025/v1/" in listing


def test_a_published_report_page_has_its_sections_tables_and_article_meta(world, client):
    published(world)
    page = client.get(f"/gk/{world.a.code}/reports/2025/").content.decode()
    assert '<meta name="ArticleTitle" content="渝中区财政局2025年政府信息公开工作年度报告">' in page
    assert '<meta name="ColumnName" content="政府信息公开年报">' in page
    assert '<meta name="PubDate" content="2026-01-20">' in page
    for heading in (
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
    ):
        assert heading in page
    assert 'data-address="requests.new.total">1</td>' in page
    assert "style=" not in page  # the CSP allows no inline style


def test_the_pdf_and_docx_downloads_are_the_published_report(world, client):
    published(world)
    pdf = client.get(f"/gk/{world.a.code}/reports/2025/v1.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(pdf.content)) as document:
        text = "".join(p.extract_text() or "" for p in document.pages)
    assert "渝中区财政局2025年政府信息公开工作年度报告" in text.replace("\n", "")
    assert "本机关共收到政府信息公开申请1件" in text.replace("\n", "")
    word = client.get(f"/gk/{world.a.code}/reports/2025/v1.docx")
    paragraphs = "".join(p.text for p in docx.Document(io.BytesIO(word.content)).paragraphs)
    assert "渝中区财政局2025年政府信息公开工作年度报告" in paragraphs and "一、总体情况" in paragraphs
    assert client.get(f"/gk/{world.a.code}/reports/2025/v1.xlsx").status_code == 404
    assert client.get(f"/gk/{world.a.code}/reports/2025/v2.pdf").status_code == 404


def test_a_bypass_is_shown_on_the_public_page_and_in_the_files(world, client):
    record = in_review(world, revise(drafted(world), world.lisi, general="本机关共收到政府信息公开申请7件。"))
    services.approve_and_publish(record, actor=world.qianqi, bypass_reason="纸质申请6件尚未录入", clock=CLOCK)
    page = _text(client.get(f"/gk/{world.a.code}/reports/2025/"))
    assert "经审批人qianqi批准，理由：纸质申请6件尚未录入" in page and "〔I6〕" in page
    word = client.get(f"/gk/{world.a.code}/reports/2025/v1.docx")
    paragraphs = "".join(p.text for p in docx.Document(io.BytesIO(word.content)).paragraphs)
    assert "纸质申请6件尚未录入" in paragraphs


def test_after_a_correction_the_public_sees_both_versions_and_what_changed(world, client):
    record, _ = published(world)
    make_application(world.a, received=dt.date(2025, 12, 1))
    services.draft_report(world.a, YEAR, actor=world.lisi, clock=CLOCK)
    record = revise(
        ReportRecord.objects.get(), world.lisi, general="2025年，本机关共收到政府信息公开申请2件。"
    )
    services.correct_report(record, actor=world.qianqi, reason="补录纸质申请1件", clock=CLOCK)
    listing = _text(client.get(f"/gk/{world.a.code}/reports/"))
    assert "补录纸质申请1件" in listing
    latest = client.get(f"/gk/{world.a.code}/reports/2025/").content.decode()
    assert 'data-address="requests.new.total">2</td>' in latest and "补录纸质申请1件" in latest
    assert "<del>1</del><ins>2</ins>" in latest
    first = client.get(f"/gk/{world.a.code}/reports/2025/v1/").content.decode()
    assert 'data-address="requests.new.total">1</td>' in first
    assert f"/gk/{world.a.code}/reports/2025/v2/" in first


def test_the_supervising_office_reads_a_departments_report_without_a_way_to_change_it(world, client):
    record = drafted(world)
    assert log_in(client, "zhaoliu")
    page = client.get(f"/staff/reports/records/{record.pk}/").content.decode()
    assert "渝中区财政局2025年政府信息公开工作年度报告" in page
    assert 'name="general"' not in page and "/step/validate/" not in page
    assert client.post(f"/staff/reports/records/{record.pk}/step/validate/").status_code == 404
    record.refresh_from_db()
    assert record.validated_at is None


def test_a_too_long_section_is_refused_in_chinese_and_nothing_changes(world, client):
    record = drafted(world)
    before = record.data["narrative"]
    assert log_in(client, "lisi")
    response = client.post(
        f"/staff/reports/records/{record.pk}/narrative/",
        {"general": "字" * 20_001, "problems": "", "other": ""},
        follow=True,
    )
    assert "每一部分不得超过20000个字。" in response.content.decode()
    record.refresh_from_db()
    assert record.data["narrative"] == before
