"""What a 予以公开/部分公开 reply provides (issue 13, deliverable 2; legal-rules §7.4): the handler adds each
disclosed file or link to the case, the 答复书 lists them (read back from the DOCX and the PDF), and
the applicant downloads the files once the reply is issued — by account or in a query-code session —
while nobody else reaches them and nothing is visible before."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai_web.applications import letters, services
from gongkai_web.applications.errors import ApplicationError
from gongkai_web.applications.models import DisclosedItem
from gongkai_web.audit.models import AuditEntry

from .documents import docx_text, pdf_text
from .fixtures import PASSWORD, clock_at

D = dt.date
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n"
LINK = "https://www.cqyz.gov.cn/zwgk/czyjs/2024.html"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored_files(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()]


def pdf_upload(name="2024年预算执行情况报告.pdf", body=PDF):
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def add_via_page(client, app, **fields):
    data = {f"disclosed-{k}": v for k, v in fields.items()}
    return client.post(f"/staff/applications/{app.pk}/disclosed/", data, follow=True)


def reply(world, outcome="granted", **kw):
    services.reply_application(
        world.app_a,
        outcome=outcome,
        decided_on=D(2025, 11, 20),
        actor=world.lisi,
        clock=clock_at(D(2025, 11, 20)),
        **kw,
    )
    return world.app_a.letters.get(kind="reply")


def add_both(world):
    file_item = services.add_disclosed_item(
        world.app_a, description="2024年度区财政预算执行情况报告", upload=pdf_upload(), actor=world.lisi
    )
    link_item = services.add_disclosed_item(
        world.app_a, description="2024年度区级部门预算公开平台", url=LINK, actor=world.lisi
    )
    return file_item, link_item


def test_the_handler_adds_a_file_and_a_link_on_the_case_page(client, world, _media):
    client.force_login(world.lisi)
    page = add_via_page(client, world.app_a, description="2024年度区财政预算执行情况报告", file=pdf_upload())
    add_via_page(client, world.app_a, description="2024年度区级部门预算公开平台", url=LINK)
    file_item, link_item = DisclosedItem.objects.filter(application=world.app_a).order_by("id")
    assert (
        file_item.original_name == "2024年预算执行情况报告.pdf"
        and file_item.content_type == "application/pdf"
    )
    assert file_item.file.read() == PDF and len(stored_files(_media)) == 1
    assert link_item.url == LINK and not link_item.file
    page = client.get(f"/staff/applications/{world.app_a.pk}/").content.decode()
    assert "予以公开的信息" in page and "2024年预算执行情况报告.pdf" in page and LINK in page
    staff_copy = client.get(f"/staff/applications/{world.app_a.pk}/disclosed/{file_item.pk}/")
    assert b"".join(staff_copy.streaming_content) == PDF
    assert AuditEntry.objects.filter(action="applications.disclosed_item_added").count() == 2


def test_htmx_swaps_only_the_section(client, world):
    client.force_login(world.lisi)
    response = client.post(
        f"/staff/applications/{world.app_a.pk}/disclosed/",
        {"disclosed-description": "预算公开平台", "disclosed-url": LINK},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert html.startswith('<section id="disclosed"') and LINK in html and "<html" not in html


@pytest.mark.parametrize(
    ("upload", "words"),
    [
        (SimpleUploadedFile("报告.pdf", b"MZ\x90\x00 an executable", content_type="application/pdf"), "不符"),
        (
            SimpleUploadedFile("报告.exe", b"MZ\x90\x00", content_type="application/octet-stream"),
            "类型不受支持",
        ),
        (pdf_upload(body=b"%PDF-1.7\n" + b"0" * 4096), "超过"),
    ],
    ids=["disguised", "wrong type", "oversized"],
)
def test_a_bad_or_oversized_file_is_refused_in_chinese_and_nothing_is_stored(
    client, world, settings, _media, upload, words
):
    settings.GONGKAI_ATTACHMENT_MAX_BYTES = 1024
    client.force_login(world.lisi)
    response = client.post(
        f"/staff/applications/{world.app_a.pk}/disclosed/",
        {"disclosed-description": "预算执行情况报告", "disclosed-file": upload},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert 'role="alert"' in html and words in html
    assert not DisclosedItem.objects.exists() and stored_files(_media) == []


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.com/a.pdf", "www.example.com"])
def test_a_link_that_is_not_http_or_https_is_refused(world, url):
    with pytest.raises(ApplicationError) as exc:
        services.add_disclosed_item(world.app_a, description="平台", url=url, actor=world.lisi)
    assert exc.value.code == "applications.disclosed_link_invalid" and "http://" in exc.value.message
    assert not DisclosedItem.objects.exists()


def test_an_item_needs_a_file_or_a_link_but_not_both(world):
    for kw in ({}, {"upload": pdf_upload(), "url": LINK}):
        with pytest.raises(ApplicationError) as exc:
            services.add_disclosed_item(world.app_a, description="报告", actor=world.lisi, **kw)
        assert exc.value.code == "applications.disclosed_item_file_or_link"


def test_a_handler_of_another_agency_cannot_add_items(client, world):
    client.force_login(world.wangwu)
    response = client.post(
        f"/staff/applications/{world.app_a.pk}/disclosed/",
        {"disclosed-description": "报告", "disclosed-url": LINK},
    )
    assert response.status_code == 404
    client.force_login(world.zhaoliu)  # the supervising office reads, it does not handle
    assert (
        client.post(
            f"/staff/applications/{world.app_a.pk}/disclosed/",
            {"disclosed-description": "报告", "disclosed-url": LINK},
        ).status_code
        == 404
    )
    with pytest.raises(ApplicationError) as exc:
        services.add_disclosed_item(world.app_a, description="报告", url=LINK, actor=world.wangwu)
    assert exc.value.code == "applications.not_handler"
    assert not DisclosedItem.objects.exists()


def test_the_granted_reply_lists_the_file_and_the_link_instead_of_the_request(world):
    add_both(world)
    letter = reply(world)
    text = docx_text(letter.docx)
    assert "2024年度区财政预算执行情况报告（附件：2024年预算执行情况报告.pdf）" in text
    assert f"2024年度区级部门预算公开平台（链接：{LINK}）" in text
    assert "1. 2024年度区财政预算执行情况。" not in text  # the request is not repeated as what is provided
    flat = pdf_text(letters.pdf_of(letter))
    assert "附件：2024年预算执行情况报告.pdf" in flat and LINK in flat


def test_the_partial_reply_lists_disclosed_items_and_withheld_parts_apart(world):
    add_both(world)
    withheld = [
        {"description": "预算调整方案讨论稿", "ground": "withheld_process_info", "reason": "属于过程性信息"}
    ]
    text = docx_text(reply(world, "partly_granted", withheld=withheld).docx)
    one, two = text.index("一、予以公开的内容："), text.index("二、不予公开的内容及理由：")
    assert one < text.index("附件：2024年预算执行情况报告.pdf") < two and one < text.index(LINK) < two
    assert text.index("预算调整方案讨论稿") > two and "第十六条第二款" in text[two:]


def test_a_reason_typed_into_a_granted_reply_reaches_the_letter(world):
    add_both(world)
    text = docx_text(reply(world, reasons="申请人要求纸质文本，因报告篇幅较大改以电子数据提供").docx)
    assert "申请人要求纸质文本，因报告篇幅较大改以电子数据提供" in text


def test_items_cannot_be_changed_once_the_reply_is_issued(client, world):
    file_item, _link = add_both(world)
    reply(world)
    with pytest.raises(ApplicationError) as exc:
        services.remove_disclosed_item(world.app_a, file_item.pk, actor=world.lisi)
    assert exc.value.code == "applications.disclosed_items_concluded"
    with pytest.raises(ApplicationError):
        services.add_disclosed_item(world.app_a, description="补充", url=LINK, actor=world.lisi)
    client.force_login(world.lisi)
    response = client.post(
        f"/staff/applications/{world.app_a.pk}/disclosed/{file_item.pk}/remove/", HTTP_HX_REQUEST="true"
    )
    assert "不能再更改" in response.content.decode()
    assert DisclosedItem.objects.count() == 2


def test_an_item_of_an_open_case_is_removed_with_its_file(world, _media, django_capture_on_commit_callbacks):
    file_item, _link = add_both(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.remove_disclosed_item(world.app_a, file_item.pk, actor=world.lisi)
    assert list(world.app_a.disclosed_items.values_list("url", flat=True)) == [LINK]
    assert stored_files(_media) == []
    assert AuditEntry.objects.filter(action="applications.disclosed_item_removed").exists()


def test_the_applicant_downloads_the_file_only_after_the_reply_is_issued(client, world):
    file_item, _link = add_both(world)
    code = world.app_a.query_code
    url = f"/track/{code}/disclosed/{file_item.pk}/"
    client.force_login(world.zhangsan)
    assert client.get(url).status_code == 404  # not before the reply
    assert "2024年预算执行情况报告.pdf" not in client.get(f"/track/{code}/").content.decode()
    reply(world)
    page = client.get(f"/track/{code}/").content.decode()
    assert "2024年预算执行情况报告.pdf" in page and LINK in page
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert "no-cache" in response["Cache-Control"] and "attachment" in response["Content-Disposition"]
    entry = AuditEntry.objects.get(action="applications.disclosed_item_downloaded")
    assert entry.actor == world.zhangsan and entry.data["item"] == file_item.pk


def test_a_query_code_session_downloads_the_file_too(client, world):
    file_item, _link = add_both(world)
    reply(world)
    url = f"/track/{world.app_a.query_code}/disclosed/{file_item.pk}/"
    assert client.get(url).status_code == 404  # the public
    client.post("/track/", {"query_code": world.app_a.query_code, "secret": world.app_a.secret})
    assert client.get(url).status_code == 200
    entry = AuditEntry.objects.get(action="applications.disclosed_item_downloaded")
    assert entry.actor_label == f"申请人（查询码 {world.app_a.query_code}）"


def test_another_applicant_and_another_case_do_not_reach_the_file(client, world):
    file_item, _link = add_both(world)
    reply(world)
    User.objects.create_user("lisi_citizen", password=PASSWORD)
    client.force_login(User.objects.get(username="lisi_citizen"))
    assert client.get(f"/track/{world.app_a.query_code}/disclosed/{file_item.pk}/").status_code == 404
    # the applicant of app_b, in her own session, cannot reach app_a's file through her code
    client.logout()
    client.post("/track/", {"query_code": world.app_b.query_code, "secret": world.app_b.secret})
    assert client.get(f"/track/{world.app_b.query_code}/disclosed/{file_item.pk}/").status_code == 404
    assert not AuditEntry.objects.filter(action="applications.disclosed_item_downloaded").exists()
