"""Imported annual reports: an agency that publishes elsewhere uploads its file; the core reads it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai_web.audit.models import AuditEntry
from gongkai_web.reports.imported_errors import ReportsError
from gongkai_web.reports.imported_models import ImportedReport
from gongkai_web.reports.imported_queries import as_report, current_import
from gongkai_web.reports.imported_services import import_report

from .rollup_world import REAL, real_file, typed_report, upload

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fmt", ["docx", "pdf", "xlsx", "html"])
def test_a_report_published_as_a_file_is_read_with_the_figures_it_prints(world, fmt):
    imported = import_report(world.a, 2023, upload(typed_report(world.a.name, 2023), fmt), actor=world.lisi)
    report = as_report(imported)
    assert report.request_row("new") == (4, 0, 0, 0, 0, 0, 4)
    assert report.request_row("granted") == (2, 0, 0, 0, 0, 0, 2)
    assert report.request_row("carried_forward") == (1, 0, 0, 0, 0, 0, 1)
    assert report.get("active.licensing") == 12
    assert report.get("active.fees_10k_yuan") == Decimal("1.5")
    assert report.appeal_group("reconsideration") == (1, 0, 0, 0, 1)
    assert imported.errors == []
    assert imported.uploaded_by == world.lisi and imported.kind == fmt


def test_a_real_published_page_is_read_and_its_own_table_4_error_is_shown(world):
    # 33-pingtan-shs-2024.html as a person reads it: table 3 row 一 is 2|0|0|0|0|0|2, （一）予以公开 2, （七）总计 2;
    # 行政许可 2650; table 4 is 0 0 2 0 2 | 0 0 0 0 0 | 13 2 4 0 15, and 13+2+4+0 is 19, not the 15 printed.
    imported = import_report(world.a, 2024, real_file("33-pingtan-shs-2024.html"), actor=world.lisi)
    report = as_report(imported)
    assert report.request_row("new") == (2, 0, 0, 0, 0, 0, 2)
    assert report.request_row("granted") == (2, 0, 0, 0, 0, 0, 2)
    assert report.get("active.licensing") == 2650
    assert report.appeal_group("litigation_after_reconsideration") == (13, 2, 4, 0, 15)
    assert [(f["code"], f["expected"], f["found"]) for f in imported.errors] == [("T4", 19, 15)]


def test_the_imported_report_takes_the_platforms_agency_name_in_the_roll_up_not_the_files(world):
    from gongkai_web.reports.sources import Source, sourced_report

    import_report(world.a, 2024, real_file("33-pingtan-shs-2024.html"), actor=world.lisi)
    sourced = sourced_report(world.a, 2024)
    assert sourced.source == Source.IMPORTED
    assert sourced.report.agency == world.a.name


def test_a_reupload_replaces_the_current_import_and_keeps_the_first_as_history(world):
    first = import_report(world.a, 2023, upload(typed_report(world.a.name, 2023)), actor=world.lisi)
    second = import_report(
        world.a, 2023, upload(typed_report(world.a.name, 2023, carried_forward=3), "pdf"), actor=world.qianqi
    )
    first.refresh_from_db()
    assert first.replaced_at is not None and second.replaced_at is None
    assert current_import(world.a, 2023) == second
    assert as_report(second).request_row("carried_forward")[-1] == 3
    assert ImportedReport.objects.filter(agency=world.a, year=2023).count() == 2
    entries = AuditEntry.objects.filter(action="reports.report_imported").order_by("pk")
    assert [e.data["replaced"] for e in entries] == [None, first.pk]
    assert entries.last().actor == world.qianqi


def _refused(world, file, year=2023) -> ReportsError:
    with pytest.raises(ReportsError) as caught:
        import_report(world.a, year, file, actor=world.lisi)
    assert not ImportedReport.objects.exists()
    assert not AuditEntry.objects.filter(action="reports.report_imported").exists()
    return caught.value


def test_a_damaged_word_file_is_refused_in_chinese_naming_the_file_and_nothing_is_stored(world):
    error = _refused(world, SimpleUploadedFile("年报.docx", b"PK\x03\x04 cut off"))
    assert "「年报.docx」" in str(error) and "Word" in str(error) and "损坏" in str(error)


def test_a_file_that_is_not_an_annual_report_is_refused(world):
    page = SimpleUploadedFile("通知.html", "<html><body><p>关于召开会议的通知</p></body></html>".encode())
    error = _refused(world, page)
    assert "通知.html" in str(error) and "年度报告" in str(error)


def test_a_plain_text_file_is_refused_as_not_a_publication_format(world):
    error = _refused(world, SimpleUploadedFile("年报.txt", "二〇二三年年度报告".encode()))
    assert str(error) == "「年报.txt」不是PDF、Word、Excel或网页文件：请上传机关发布的年度报告原文件。"


def test_a_report_of_another_year_is_refused_naming_both_years(world):
    error = _refused(world, upload(typed_report(world.a.name, 2022), name="2022年报.docx"))
    assert str(error) == "「2022年报.docx」是2022年度的报告，不是2023年度的。"


def test_a_pre_2019_report_is_refused_as_the_old_format(world):
    # 15-pingtan-czj-2009.txt is a 2009 report (统计表 of the 2008 条例), saved here as the web page it was.
    with open(REAL + "15-pingtan-czj-2009.txt", "rb") as f:
        page = SimpleUploadedFile("2009.html", b"<html><body>" + f.read() + b"</body></html>")
    error = _refused(world, page, year=2009)
    assert "2019年以前" in str(error)


def test_an_empty_file_is_refused(world):
    error = _refused(world, SimpleUploadedFile("年报.pdf", b"  "))
    assert str(error) == "「年报.pdf」是空文件。"


def test_the_same_file_twice_is_refused_the_second_time_and_the_first_stays(world):
    data = upload(typed_report(world.a.name, 2023)).read()  # the very same bytes twice
    import_report(world.a, 2023, SimpleUploadedFile("年报.docx", data), actor=world.lisi)
    with pytest.raises(ReportsError) as caught:
        import_report(world.a, 2023, SimpleUploadedFile("年报（重发）.docx", data), actor=world.lisi)
    assert "已经是" in str(caught.value)
    assert ImportedReport.objects.count() == 1 and current_import(world.a, 2023).replaced_at is None


def test_a_cell_printing_words_instead_of_a_figure_is_kept_as_unreadable_and_shown(client, world):
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(upload(typed_report(world.a.name, 2023), "xlsx").read()))
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row if c.value == 12]
    assert len(cells) == 1  # 行政许可, typed as 12
    cells[0].value = "见说明"
    out = io.BytesIO()
    book.save(out)
    imported = import_report(world.a, 2023, SimpleUploadedFile("年报.xlsx", out.getvalue()), actor=world.lisi)
    assert imported.unreadable["active.licensing"]["text"] == "见说明"
    assert as_report(imported).get("active.licensing") is None
    client.force_login(world.zhaoliu)
    page = client.get(f"/staff/reports/rollup/{world.a.code}/2023/imported/").content.decode()
    assert "无法读取的单元格" in page and "“见说明”" in page
