"""The staff pages of 复议 and 诉讼 cases, by persona: 李四 (A's handler) registers a case, records its steps and
downloads the filings (read back from Word and PDF); 赵六 (the district's supervising office) reads A's case with
the appellant's name masked, and table 4 of the district; 王五 (agency B) sees nothing of A's."""

from __future__ import annotations

import datetime as dt
import io

import pdfplumber
import pytest
from docx import Document

from gongkai_web.appeals import services
from gongkai_web.appeals.models import AppealCase

from .appeals_world import make_case

pytestmark = pytest.mark.django_db


def _register_form(world, **overrides):
    data = {
        "agency": world.a.pk,
        "kind": "review",
        "route": "",
        "role": "respondent",
        "body": "渝中区人民政府",
        "case_number": "渝中府复〔2025〕7号",
        "appellant": "张三",
        "act": "《政府信息公开申请答复书》（渝中财依复〔2025〕12号）",
        "received_on": "2025-09-26",
        "applications": world.app_a.query_code,
    }
    return {**data, **overrides}


def test_the_handler_registers_a_case_and_its_page_shows_the_due_date_and_its_article(client, world):
    client.force_login(world.lisi)
    response = client.post("/staff/appeals/new/", _register_form(world))
    case = AppealCase.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/staff/appeals/{case.pk}/"
    page = client.get(f"/staff/appeals/{case.pk}/").content.decode()
    assert "2025-10-16" in page and "第四十八条" in page
    assert world.app_a.query_code in page and "张三" in page
    assert list(case.applications.all()) == [world.app_a]


def test_a_lawsuit_without_a_route_comes_back_with_a_chinese_error_and_nothing_is_stored(client, world):
    client.force_login(world.lisi)
    response = client.post("/staff/appeals/new/", _register_form(world, kind="litigation", route=""))
    assert response.status_code == 400
    assert "未经复议直接起诉或复议后起诉" in response.content.decode()
    assert not AppealCase.objects.exists()


def test_an_unknown_query_code_is_named_and_nothing_is_stored(client, world):
    client.force_login(world.lisi)
    response = client.post("/staff/appeals/new/", _register_form(world, applications="NOPE9999"))
    assert response.status_code == 400 and "NOPE9999" in response.content.decode()
    assert not AppealCase.objects.exists()


def test_the_supervisor_reads_the_case_with_the_name_masked_and_without_forms_or_filings(client, world):
    case = make_case(world, appellant="张小三")
    client.force_login(world.zhaoliu)
    page = client.get(f"/staff/appeals/{case.pk}/").content.decode()
    assert "张*三" in page and "张小三" not in page
    assert f"/staff/appeals/{case.pk}/decision/" not in page
    assert client.get(f"/staff/appeals/{case.pk}/filing.docx").status_code == 404
    assert client.post(f"/staff/appeals/{case.pk}/reply/", {"on": "2025-10-10"}).status_code == 404
    assert AppealCase.objects.get(pk=case.pk).replied_on is None


def test_the_handler_of_another_agency_sees_nothing_of_the_case(client, world):
    case = make_case(world)
    client.force_login(world.wangwu)
    assert client.get(f"/staff/appeals/{case.pk}/").status_code == 404
    assert "渝中区人民政府" not in client.get("/staff/appeals/").content.decode()


def test_the_steps_of_a_case_on_its_page(client, world):
    case = make_case(world, kind="litigation", route="direct", received=dt.date(2025, 9, 20))
    client.force_login(world.lisi)
    assert client.post(f"/staff/appeals/{case.pk}/reply/", {"on": "2025-10-09"}).status_code == 302
    refused = client.post(
        f"/staff/appeals/{case.pk}/decision/", {"disposition": "upheld", "decided_on": "2025-11-20"}
    )
    assert refused.status_code == 400  # a court does not 维持: not a choice for a lawsuit
    ok = client.post(
        f"/staff/appeals/{case.pk}/decision/", {"disposition": "revoked", "decided_on": "2025-11-20"}
    )
    assert ok.status_code == 302
    assert (
        client.post(
            f"/staff/appeals/{case.pk}/follow-ups/", {"kind": "redo", "ordered_on": "2025-11-24"}
        ).status_code
        == 302
    )
    case.refresh_from_db()
    assert (case.status, case.disposition, case.mapping_version) == ("decided", "revoked", "2024.1")
    follow_up = case.follow_ups.get()
    assert follow_up.due_on == dt.date(2025, 12, 22) and follow_up.assumed
    page = client.get(f"/staff/appeals/{case.pk}/").content.decode()
    assert "2025-12-22" in page and "第三十三条第二款" in page


def test_the_review_reply_downloads_as_word_and_pdf_with_the_facts_filled_in(client, world):
    case = make_case(world, case_number="渝中府复〔2025〕7号")
    client.force_login(world.lisi)
    docx = client.get(f"/staff/appeals/{case.pk}/filing.docx")
    assert docx.status_code == 200
    words = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "行政复议答复书" in words and "渝中区人民政府：" in words and "申请人：张三。" in words
    assert "2025年9月26日收到行政复议申请书副本" in words and world.app_a.query_code in words
    pdf = client.get(f"/staff/appeals/{case.pk}/filing.pdf")
    with pdfplumber.open(io.BytesIO(pdf.content)) as read:
        text = "".join(page.extract_text() or "" for page in read.pages).replace("\n", "")
    assert "行政复议答复书" in text and "渝中区财政局" in text
    assert client.get(f"/staff/appeals/{case.pk}/filing.txt").status_code == 404


def test_table_4_of_the_district_counts_its_subtree_only_and_the_office_sees_it(client, world):
    make_case(world)
    services.record_decision(
        make_case(world), disposition="revoked", decided_on=dt.date(2025, 11, 20), actor=world.lisi
    )
    make_case(world, agency=world.b, actor=world.wangwu, applications=[world.app_b])
    client.force_login(world.zhaoliu)
    page = client.get(f"/staff/appeals/table4/?agency={world.district.pk}&year=2025").content.decode()
    # 行政复议: 0 维持, 1 纠正, 0 其他, 1 尚未审结, 2 总计 (B's case is in another district)
    assert '<td class="num">1</td><td class="num">0</td><td class="num">1</td><td class="num">2</td>' in page
    assert "行政复议直接纠错率: 100.00%" in page
    client.force_login(world.wangwu)  # A is not among B's agencies: the form refuses it
    assert client.get(f"/staff/appeals/table4/?agency={world.a.pk}&year=2025").status_code == 400


def test_the_mapping_page_shows_every_version_and_where_each_disposition_counts(client, world):
    client.force_login(world.zhaoliu)
    page = client.get("/staff/appeals/mapping/").content.decode()
    assert "2021.1" in page and "2024.1" in page and "2024-01-01" in page
    assert "<td>判决驳回诉讼请求</td><td>结果维持</td>" in page
    assert "<td>撤回申请（撤诉）</td><td>其他结果</td>" in page


def test_the_worklist_shows_an_overdue_reply_first(client, world):
    make_case(world)
    client.force_login(world.lisi)
    page = client.get("/staff/appeals/?open=1").content.decode()
    assert "badge err" in page and "2025-10-16" in page


def test_a_case_on_a_served_reply_contests_that_letter_and_shows_the_applicants_periods(client, world):
    from .test_deliveries import reply, serve

    letter = reply(world)
    serve(letter, world, dt.date(2025, 11, 24))
    client.force_login(world.lisi)
    response = client.post("/staff/appeals/new/", _register_form(world, received_on="2026-01-12"))
    case = AppealCase.objects.get()
    assert response.status_code == 302 and case.contested_letter == letter
    page = client.get(f"/staff/appeals/{case.pk}/").content.decode()
    assert letter.number in page
    assert "2026-01-23" in page and "2026-05-25" in page  # 60 days; 6 months (Sun 05-24 → Mon)


def test_the_worklist_marks_overdue_and_due_soon_cases_and_lists_them_first(client, world):
    from django.utils import timezone

    today = timezone.localdate()  # the worklist's day
    made = {}
    for name, days in (("later", 12), ("soon", 5), ("overdue", -1), ("six", 6)):
        made[name] = AppealCase.objects.create(
            agency=world.a, kind="review", body="渝中区人民政府", appellant="张三", act="答复书",
            case_number=f"渝中府复〔2025〕{name}号", received_on=today - dt.timedelta(days=20),
            reply_due=today + dt.timedelta(days=days), reply_due_basis="行政复议法第四十八条",
        )  # fmt: skip
    client.force_login(world.lisi)
    page = client.get("/staff/appeals/?open=1").content.decode()
    order = [page.index(f"渝中府复〔2025〕{name}号") for name in ("overdue", "soon", "six", "later")]
    assert order == sorted(order)  # nearest due date first
    badges = [
        page[page.index(f"渝中府复〔2025〕{n}号") :].split('<span class="badge', 1)[1][:40] for n in made
    ]
    by_name = dict(zip(made, badges, strict=True))
    assert by_name["overdue"].startswith(' err">已超期')
    assert by_name["soon"].startswith(' warn">即将到期')  # 5 days ahead: due soon
    assert by_name["six"].startswith('">') and by_name["later"].startswith('">')  # 6 days: not yet
