"""规范性文件清理: the in-force documents are listed, staff decide each, closing records 废止 and 失效 from
the decision document and the day the decisions apply, and the published lists follow the decisions."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from gongkai.publications.validity import ValidityStatus
from gongkai_web.publications.errors import PublicationError
from gongkai_web.publications.models import Document, Effect
from gongkai_web.publications.queries import table2_counts, validity_of
from gongkai_web.publications.services import cleanup as service

from .fixtures import clock_at

D = dt.date
CLOCK = clock_at(D(2024, 6, 28))


def doc(world, title, number, published, **kw):
    issuer, year, serial = number
    return Document.objects.create(
        agency=kw.pop("agency", world.a), kind="normative", title=title, stage="published", publicity="proactive",
        issuer_code=issuer, number_year=year, number_serial=serial, number=f"{issuer}〔{year}〕{serial}号",
        published_on=published, **kw,
    )  # fmt: skip


@pytest.fixture
def library(world):
    return {
        "keep": doc(world, "关于票据管理的通知", ("渝中财规", 2018, 1), D(2018, 3, 1)),
        "amend": doc(world, "关于专项资金的办法", ("渝中财规", 2019, 2), D(2019, 3, 1)),
        "repeal": doc(world, "关于采购的通知", ("渝中财规", 2020, 3), D(2020, 3, 1)),
        "expire": doc(world, "关于补贴的通知", ("渝中财规", 2021, 4), D(2021, 3, 1)),
        "lapsed": doc(world, "已过有效期", ("渝中财规", 2017, 5), D(2017, 3, 1), valid_until=D(2022, 2, 28)),
        "other": doc(world, "江北区教委文件", ("江北教规", 2020, 1), D(2020, 3, 1), agency=world.b),
        "decision": doc(world, "关于公布规范性文件清理结果的决定", ("渝中财发", 2024, 9), D(2024, 3, 1)),
    }


def opened(world):
    return service.open_cleanup(world.a, title="2023年规范性文件清理", as_of=D(2023, 12, 31), actor=world.lisi, clock=CLOCK)  # fmt: skip


def test_the_clean_up_lists_only_the_agency_s_documents_in_force(world, library):
    cleanup = opened(world)
    listed = {i.document.title for i in cleanup.items.all()}
    assert listed == {"关于票据管理的通知", "关于专项资金的办法", "关于采购的通知", "关于补贴的通知"}


def test_closing_records_repeal_and_expiry_from_the_decision_document_and_fills_the_lists(world, library):
    cleanup = opened(world)
    decisions = {"keep": "continue", "amend": "amend", "repeal": "repeal", "expire": "expire"}
    for item in cleanup.items.all():
        key = next(k for k, d in library.items() if d.pk == item.document_id)
        service.decide_item(item, decision=decisions[key], on=D(2024, 1, 10), actor=world.lisi, clock=CLOCK)
    service.close_cleanup(cleanup, decision_document=library["decision"], effective_on=D(2024, 3, 1),
                          on=D(2024, 3, 1), actor=world.qianqi, clock=CLOCK)  # fmt: skip
    effects = {(e.target.title, e.kind, e.on, e.source.number) for e in Effect.objects.all()}
    assert effects == {
        ("关于采购的通知", "repeals", D(2024, 3, 1), "渝中财发〔2024〕9号"),
        ("关于补贴的通知", "declares_expired", D(2024, 3, 1), "渝中财发〔2024〕9号"),
    }
    assert validity_of(library["repeal"], D(2024, 3, 1)).status is ValidityStatus.REPEALED
    assert validity_of(library["repeal"], D(2024, 2, 29)).status is ValidityStatus.IN_FORCE
    assert table2_counts([world.a], 2024)["normative_documents"].repealed == 1
    _, rows = service.cleanup_list(cleanup, "continue")
    assert rows[0] == ["序号", "文件名称", "发文字号", "发布日期", "发文机关", "备注"]
    assert rows[1:] == [
        ["1", "关于票据管理的通知", "渝中财规〔2018〕1号", "2018-03-01", "渝中区财政局", ""],
        ["2", "关于专项资金的办法", "渝中财规〔2019〕2号", "2019-03-01", "渝中区财政局", "拟修改"],
    ]
    name, data = service.cleanup_list_file(cleanup, "repeal", "csv")
    assert name == "2023年规范性文件清理决定废止的规范性文件目录.csv"
    assert list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))[1][1] == "关于采购的通知"
    name, data = service.cleanup_list_file(cleanup, "expire", "xlsx")
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet["B3"].value == "关于补贴的通知" and sheet["A1"].value.endswith(
        "决定宣布失效的规范性文件目录"
    )


def test_a_clean_up_with_an_undecided_document_cannot_close(world, library):
    cleanup = opened(world)
    with pytest.raises(PublicationError) as caught:
        service.close_cleanup(cleanup, decision_document=library["decision"], effective_on=D(2024, 3, 1),
                              on=D(2024, 3, 1), actor=world.lisi, clock=CLOCK)  # fmt: skip
    assert caught.value.code == "publications.cleanup_undecided" and Effect.objects.count() == 0


def test_staff_of_another_agency_cannot_open_or_decide(world, library):
    with pytest.raises(PublicationError):
        service.open_cleanup(world.a, title="x", as_of=D(2023, 12, 31), actor=world.wangwu, clock=CLOCK)
    item = opened(world).items.first()
    with pytest.raises(PublicationError):
        service.decide_item(item, decision="continue", on=D(2024, 1, 1), actor=world.wangwu, clock=CLOCK)


def test_documents_not_reviewed_for_five_years_are_listed_oldest_first(world, library):
    cleanup = opened(world)
    keep = cleanup.items.get(document=library["keep"])
    service.decide_item(keep, decision="continue", on=D(2024, 1, 10), actor=world.lisi, clock=CLOCK)
    stale = service.stale_documents([world.a], years=5, clock=CLOCK)
    # 2018 document reviewed in 2024: not stale; the 2019 one (published 2019-03-01, never reviewed) is.
    assert [(d.title, last) for d, last in stale] == [("关于专项资金的办法", D(2019, 3, 1))]


# ── the pages ─────────────────────────────────────────────────────────────────────────────────────


def test_staff_open_decide_close_and_download_through_the_pages(client, world, library):
    client.force_login(world.lisi)
    response = client.post(
        "/staff/library/cleanups/",
        {"title": "2023年规范性文件清理", "agency": world.a.pk, "as_of": "2023-12-31"},
    )
    assert response.status_code == 302
    cleanup = world.a.cleanups.get()
    for item in cleanup.items.all():
        decision = "repeal" if item.document == library["repeal"] else "continue"
        client.post(f"/staff/library/cleanups/{cleanup.pk}/items/{item.pk}/", {"decision": decision})
    page = client.get(f"/staff/library/cleanups/{cleanup.pk}/").content.decode()
    assert "关于采购的通知" in page and "江北区教委文件" not in page
    client.post(
        f"/staff/library/cleanups/{cleanup.pk}/close/",
        {"decision_number": "渝中财发[2024]9号", "effective_on": "2024-03-01"},
    )
    cleanup.refresh_from_db()
    assert cleanup.closed_on is not None and cleanup.decision_document == library["decision"]
    assert validity_of(library["repeal"], D(2024, 3, 2)).status is ValidityStatus.REPEALED
    response = client.get(f"/staff/library/cleanups/{cleanup.pk}/repeal.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][1:3] == ["关于采购的通知", "渝中财规〔2020〕3号"]


def test_the_lists_of_an_open_clean_up_cannot_be_downloaded(client, world, library):
    cleanup = opened(world)
    client.force_login(world.lisi)
    assert client.get(f"/staff/library/cleanups/{cleanup.pk}/repeal.csv").status_code == 404
