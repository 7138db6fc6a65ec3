"""Imported reports and the roll-up in the browser: 李四 uploads 渝中区财政局's 2024 report as a saved
web page (a real published page whose table 4 does not add up: 13+2+4+0 printed as 15), sees the
finding, and a damaged Word file is refused in Chinese; 赵六 (the district's disclosure office) sees the
district's roll-up list the agency as failing, then the comparison with its charts, on a phone.

Screenshots go to $GONGKAI_SCREENSHOTS (a temporary folder by default)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from gongkai_web.accounts.models import Role
from gongkai_web.reports.imported_models import ImportedReport
from tests.web.fixtures import make_agency, make_user

from .test_library_flow import log_in

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(os.environ.get("GONGKAI_SCREENSHOTS") or tempfile.mkdtemp(prefix="gongkai-shots-"))
REAL = Path("../shared/corpus/real")


@pytest.fixture
def district(transactional_db):
    district = make_agency("渝中区人民政府")
    agency = make_agency("渝中区财政局", parent=district)
    make_agency("渝中区教育委员会", parent=district)
    make_user("lisi", agency, Role.HANDLER)
    make_user("zhaoliu", district, Role.SUPERVISOR)
    return district, agency


def test_an_imported_report_with_an_error_is_listed_in_the_districts_roll_up(
    live_server, phone, desk, district, tmp_path
):
    district_agency, agency = district
    base = live_server.url
    log_in(desk, base, "lisi")
    desk.goto(f"{base}/staff/reports/rollup/{agency.code}/2024/imported/")
    broken = tmp_path / "年报.docx"
    broken.write_bytes(b"PK\x03\x04 cut off")
    desk.locator("#file").set_input_files(str(broken))
    desk.get_by_role("button", name="导入").click()
    expect(desk.locator("#import-error")).to_contain_text("「年报.docx」不是有效的Word文件")
    assert not ImportedReport.objects.exists()

    desk.locator("#file").set_input_files(str(REAL / "33-pingtan-shs-2024.html"))
    desk.get_by_role("button", name="导入").click()
    expect(desk.locator("main")).to_contain_text("表四「复议后起诉」：总计应为 19，实为 15")
    desk.screenshot(path=str(SCREENSHOTS / "rollup-imported-desktop.png"), full_page=True)

    log_in(phone, base, "zhaoliu")
    phone.goto(f"{base}/staff/reports/rollup/{district_agency.code}/2024/")
    expect(phone.locator("main")).to_contain_text("1份报告不符合勾稽关系")
    expect(phone.locator("ul.problems").first).to_contain_text("渝中区财政局")
    phone.screenshot(path=str(SCREENSHOTS / "rollup-phone.png"), full_page=True)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    phone.goto(f"{base}/staff/reports/compare/{agency.code}/2024/")
    charts = phone.locator("svg.chart[role=img]")
    expect(charts).to_have_count(2)
    expect(charts.first.locator(":scope > title")).to_have_text("渝中区财政局历年本年新收申请")
    phone.screenshot(path=str(SCREENSHOTS / "compare-phone.png"), full_page=True)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
