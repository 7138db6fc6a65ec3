"""A record's working copy downloaded for review: the published versions' PDF and DOCX renderers, every
page headed 草稿 · 未发布 and the mark above the title, the draft's own figures and text (not the
published version's), its last validation's findings; for whoever may read the record (the access rows
cover every persona: tests/web/access_rows/reports.py)."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pdfplumber

from gongkai_web.reports import services

from .documents import docx_text, pdf_text
from .fixtures import log_in, make_application
from .report_world import CLOCK, YEAR, drafted, published, revise

MARK = "草稿 · 未发布"


def _three_more(world):
    # With 张三's (2025-11-03), four received in 2025 from natural persons, all still open.
    for day in (dt.date(2025, 3, 3), dt.date(2025, 6, 2), dt.date(2025, 9, 1)):
        make_application(world.a, received=day)


def _row(document, label: str) -> list[str]:
    """The cells of the first table row whose cells include ``label`` (merged cells repeat their text)."""
    for table in document.tables:
        for row in table.rows:
            cells = [c.text for c in row.cells]
            if any(label in c for c in cells):
                return cells
    raise AssertionError(label)


def _download(client, record, fmt: str):
    response = client.get(f"/staff/reports/records/{record.pk}/draft.{fmt}")
    assert response.status_code == 200, response.status_code
    return response


def test_the_draft_docx_is_marked_on_every_page_and_above_the_title_and_carries_the_drafts_figures(
    world, client
):
    _three_more(world)
    record = drafted(world)
    assert log_in(client, "zhaoliu")  # the district's 政务公开办, which reads A's report
    response = _download(client, record, "docx")
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert f'report-{world.a.code}-{YEAR}-draft.docx"' in response["Content-Disposition"]
    document = docx.Document(io.BytesIO(response.content))
    headers = [p.text for s in document.sections for p in s.header.paragraphs if p.text]
    assert headers and all(h.startswith(MARK) and "不是正式发布的年度报告" in h for h in headers)
    first, second = document.paragraphs[0].text, document.paragraphs[1].text
    assert first == MARK and second == "渝中区财政局2025年政府信息公开工作年度报告"
    # four received in 2025 from natural persons, none concluded: 本年新收 4, 结转下年度 4 (总计 column last).
    new = _row(document, "一、本年新收政府信息公开申请数量")
    assert new[-7:] == ["4", "0", "0", "0", "0", "0", "4"]
    assert _row(document, "四、结转下年度继续办理")[-7:] == ["4", "0", "0", "0", "0", "0", "4"]
    text = docx_text(response.content)
    assert "2025年，本机关共收到政府信息公开申请4件。" in text
    assert "〔D1〕本文件为年度报告草稿，未经审批发布；自最近一次修改以来尚未校验。" in text


def _pages(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(bytes(data))) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def test_the_draft_pdf_is_marked_on_every_page_and_carries_the_working_copy_not_the_published_version(
    world, client
):
    _three_more(world)
    record, _version = published(world)
    record = revise(record, world.lisi, problems="工作稿中新写的问题与改进。")
    record = services.validate_report(record, actor=world.lisi, clock=CLOCK)
    assert log_in(client, "lisi")
    response = _download(client, record, "pdf")
    assert response["Content-Type"] == "application/pdf"
    pages = _pages(response.content)
    assert len(pages) >= 2
    assert all(page.startswith(MARK + "——年度报告工作稿") for page in pages)  # the header line of each page
    assert pages[0].splitlines()[1] == "草 稿 · 未 发 布"  # the mark above the title (letter-spaced)
    text = pdf_text(response.content)
    # Table 3 (4 received from natural persons, all open) and the working copy's new section 五.
    assert "一、本年新收政府信息公开申请数量4000004" in text
    assert "四、结转下年度继续办理4000004" in text
    assert "五、存在的主要问题及改进情况工作稿中新写的问题与改进。" in text
    assert "〔D1〕本文件为年度报告草稿，未经审批发布；最近一次校验未发现问题。" in text
    # The public file of version 1 is the published text: neither the mark nor the new section.
    public = pdf_text(client.get(f"/gk/{world.a.code}/reports/{YEAR}/v1.pdf").content)
    assert "未发布" not in public and "工作稿中新写的问题与改进" not in public


def test_a_validated_drafts_file_lists_the_findings_of_that_validation(world, client):
    record = revise(drafted(world), world.lisi, general="2025年，本机关共收到政府信息公开申请5件。")
    record = services.validate_report(record, actor=world.lisi, clock=CLOCK)
    assert log_in(client, "qianqi")  # the approver, reading before the review
    text = docx_text(_download(client, record, "docx").content)
    assert "〔D1〕本文件为年度报告草稿，未经审批发布；以下为最近一次校验的结果。" in text
    assert "〔I6〕" in text


def test_a_draft_is_downloaded_only_as_pdf_or_docx(world, client):
    record = drafted(world)
    assert log_in(client, "lisi")
    assert client.get(f"/staff/reports/records/{record.pk}/draft.xlsx").status_code == 404
    assert client.get(f"/staff/reports/records/{record.pk + 1}/draft.pdf").status_code == 404


def test_the_records_page_offers_the_draft_files(world, client):
    record = drafted(world)
    assert log_in(client, "lisi")
    page = client.get(f"/staff/reports/records/{record.pk}/").content.decode()
    assert f'href="/staff/reports/records/{record.pk}/draft.pdf"' in page
    assert f'href="/staff/reports/records/{record.pk}/draft.docx"' in page
