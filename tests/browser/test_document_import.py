"""The 入库 page in a browser: a file with bad rows shows the errors by row and column (role=alert),
fits a 390-pixel phone, and stores nothing. Screenshots go to /work/helpers/shots/pubimport/ when it
exists (the helper's review)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from gongkai_web.accounts.models import Role
from gongkai_web.publications.models import Document
from tests.web.fixtures import PASSWORD, make_agency, make_user

pytestmark = pytest.mark.browser
SHOTS = Path("/work/helpers/shots/pubimport")
HEADER = ["标题", "发文机关", "类别", "发文字号", "发布日期", "状态", "废止日期", "废止依据"]


@pytest.fixture
def finance(transactional_db):
    finance = make_agency("渝中区财政局", parent=make_agency("渝中区人民政府"))
    make_user("lisi", finance, Role.HANDLER)
    return finance


def _bad_file(tmp_path, finance) -> Path:
    path = tmp_path / "存量文件.csv"
    rows = [
        ["关于规范财政票据管理的通知", finance.code, "行政规范性文件", "渝中财规[2021]3号", "2021-05-10", "现行有效", "", ""],
        ["关于政府采购的通知", finance.name, "行政规范性文件", "渝中财规（2021）3号", "2021-06-02", "现行有效", "", ""],
        ["关于会计管理的通知", finance.code, "行政规范性文件", "会计通知", "2019-13-01", "已废止", "", ""],
        ["关于专项资金的办法", "某某局", "规范文件", "渝中财规〔2020〕2号", "2020-04-01", "有效", "", ""],
    ]  # fmt: skip
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([HEADER, *rows])
    return path


@pytest.mark.parametrize("size", ["phone", "desk"])
def test_a_bad_file_shows_its_errors_by_row_and_column_and_stores_nothing(
    request, live_server, finance, tmp_path, size
):
    page = request.getfixturevalue(size)
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_username").fill("lisi")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.goto(f"{live_server.url}/staff/library/import/")
    page.locator("#id_table").set_input_files(str(_bad_file(tmp_path, finance)))
    page.locator("main form button[type=submit]").click()
    alert = page.locator("[role=alert]")
    alert.wait_for()
    text = alert.inner_text()
    assert "导入失败" in text and "发文字号" in text and "发文机关" in text and "发布日期" in text
    assert page.locator("table.errors-table tbody tr").count() >= 5
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    assert Document.objects.count() == 0
    if SHOTS.is_dir():
        page.screenshot(path=str(SHOTS / f"import-errors-{size}.png"), full_page=True)


def test_a_clean_up_s_decisions_fit_a_phone(request, live_server, finance, phone):
    import datetime as dt

    from gongkai_web.publications.cleanup_models import Cleanup, CleanupItem

    cleanup = Cleanup.objects.create(
        agency=finance, title="2023年规范性文件清理", as_of=dt.date(2023, 12, 31)
    )
    for n, title in enumerate(
        ["关于规范财政票据管理的通知", "关于政府采购若干问题的通知", "关于专项资金管理的办法"], 1
    ):
        doc = Document.objects.create(
            agency=finance, kind="normative", title=title, stage="published", publicity="proactive",
            number=f"渝中财规〔2020〕{n}号", published_on=dt.date(2020, 3, n),
        )  # fmt: skip
        CleanupItem.objects.create(cleanup=cleanup, document=doc)
    phone.goto(f"{live_server.url}/accounts/login/")
    phone.locator("#id_username").fill("lisi")
    phone.locator("#id_password").fill(PASSWORD)
    phone.locator("main form button[type=submit]").click()
    phone.goto(f"{live_server.url}/staff/library/cleanups/{cleanup.pk}/")
    row = phone.locator("tbody tr").first
    row.locator("select").select_option("repeal")
    row.locator("button").click()
    phone.wait_for_load_state()
    assert CleanupItem.objects.filter(decision="repeal").count() == 1
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    if SHOTS.is_dir():
        phone.screenshot(path=str(SHOTS / "cleanup-phone.png"), full_page=True)
