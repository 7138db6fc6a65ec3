"""The staff pages of the roll-up and of imported reports, by persona."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai_web.reports.imported_models import ImportedReport

from .fixtures import make_agency
from .rollup_world import real_file, typed_report, upload

pytestmark = pytest.mark.django_db


def test_a_handler_uploads_the_agencys_report_and_sees_its_figures_and_findings(client, world):
    client.force_login(world.lisi)
    url = f"/staff/reports/rollup/{world.a.code}/2024/imported/"
    response = client.post(url, {"file": real_file("33-pingtan-shs-2024.html")})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "33-pingtan-shs-2024.html" in page and "lisi" in page
    assert "表四「复议后起诉」：总计应为 19，实为 15" in page
    assert ImportedReport.objects.get().uploaded_by == world.lisi


def test_a_bad_file_comes_back_with_the_chinese_reason_and_nothing_is_stored(client, world):
    client.force_login(world.lisi)
    response = client.post(
        f"/staff/reports/rollup/{world.a.code}/2023/imported/",
        {"file": SimpleUploadedFile("年报.docx", b"PK\x03\x04 cut off")},
    )
    assert response.status_code == 400
    assert (
        "文件未导入" in response.content.decode()
        and "「年报.docx」不是有效的Word文件" in response.content.decode()
    )
    assert not ImportedReport.objects.exists()


def test_the_supervising_office_reads_but_cannot_upload(client, world):
    client.force_login(world.zhaoliu)
    url = f"/staff/reports/rollup/{world.a.code}/2023/imported/"
    assert client.post(url, {"file": upload(typed_report(world.a.name, 2023))}).status_code == 404
    assert not ImportedReport.objects.exists()
    assert "上传年度报告" not in client.get(url).content.decode()


def test_the_supervisor_sees_the_district_roll_up_with_each_agencys_source(client, world):
    client.force_login(world.lisi)
    client.post(
        f"/staff/reports/rollup/{world.a.code}/2023/imported/",
        {"file": upload(typed_report(world.a.name, 2023))},
    )
    client.force_login(world.zhaoliu)
    page = client.get(f"/staff/reports/rollup/{world.district.code}/2023/").content.decode()
    assert "2个机关报告之和" in page
    assert "导入（在其他渠道发布）" in page and "据记录生成" in page
    assert "渝中区财政局" in page and "江北区教育委员会" not in page


def test_an_agencys_staff_see_their_own_agency_alone_and_not_the_district(client, world):
    make_agency("渝中区民政局", parent=world.district)
    client.force_login(world.lisi)
    page = client.get(f"/staff/reports/rollup/{world.a.code}/2023/").content.decode()
    assert "1个机关报告之和" in page and "渝中区民政局" not in page
    assert client.get(f"/staff/reports/rollup/{world.district.code}/2023/").status_code == 404


def test_a_year_outside_the_reports_is_not_found(client, world):
    client.force_login(world.zhaoliu)
    assert client.get(f"/staff/reports/rollup/{world.district.code}/2007/").status_code == 404
    assert client.get(f"/staff/reports/compare/{world.a.code}/2999/").status_code == 404
