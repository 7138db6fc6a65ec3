"""The staff pages of 政策解读, persona by persona: 李四 (A's handler) drafts on the document page and sees
the 同步 gate; 钱七 (A's approver, the 签发人) signs off; 赵六 (the district's office) reads without buttons;
the office supervising another district, 王五 (agency B) and the public get 404. Then the 待公开 page and
the daily reminders list the interpretations due."""

from __future__ import annotations

import datetime as dt
import io

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from gongkai_web.accounts.models import Role
from gongkai_web.publications import services
from gongkai_web.publications.models import Document, Interpretation

from .fixtures import clock_at, make_agency, make_user
from .test_interpretations import PUBLISHED, interpretation, publish, published_document, signed_document
from .test_publications_lifecycle import drafted

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
D = dt.date


def _page(client, user, doc) -> str:
    client.force_login(user)
    response = client.get(f"/staff/library/{doc.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_drafter_adds_a_graphic_interpretation_with_its_image_and_sees_what_is_missing(client, world):
    doc = drafted(world)
    page = _page(client, world.lisi, doc)
    assert "政策解读" in page and "同步起草" in page and "请在文件签发前起草解读。" in page
    response = client.post(
        f"/staff/library/{doc.pk}/interpretations/new/",
        {
            "title": "一图读懂财政票据管理",
            "form": "graphic",
            "body": "一图读懂：票据的领用、使用和核销。",
            "file": SimpleUploadedFile("图解.png", PNG, content_type="image/png"),
        },
    )
    assert response.status_code == 302
    interp = Interpretation.objects.get()
    assert (interp.form, interp.file_name, interp.file_type) == ("graphic", "图解.png", "image/png")
    page = _page(client, world.lisi, doc)
    assert "一图读懂财政票据管理" in page and "图解" in page
    assert "请在文件签发前由审批人审签解读。" in page and "请与文件同步发布" in page
    assert "/sign/" not in page  # 李四 is a handler: the sign-off is the approver's
    download = client.get(f"/staff/library/{doc.pk}/interpretations/{interp.pk}/file/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PNG


def test_an_empty_interpretation_comes_back_with_a_chinese_error_and_nothing_is_stored(client, world):
    doc = drafted(world)
    client.force_login(world.lisi)
    response = client.post(f"/staff/library/{doc.pk}/interpretations/new/", {"title": "解读", "form": "text"})
    assert response.status_code == 400
    assert "解读正文" in response.content.decode()
    assert not Interpretation.objects.exists()


def test_a_file_of_a_refused_type_is_refused_where_it_was_given(client, world):
    doc = drafted(world)
    client.force_login(world.lisi)
    response = client.post(
        f"/staff/library/{doc.pk}/interpretations/new/",
        {
            "title": "解读",
            "form": "graphic",
            "body": "图解",
            "file": SimpleUploadedFile("图解.png", b"MZ not png"),
        },
    )
    assert response.status_code == 400 and "图解.png" in response.content.decode()
    assert not Interpretation.objects.exists()


def test_the_approver_signs_off_and_the_handler_cannot(client, world):
    doc = drafted(world)
    interp = interpretation(world, doc)
    client.force_login(world.lisi)
    assert client.post(f"/staff/library/{doc.pk}/interpretations/{interp.pk}/sign/").status_code == 404
    interp.refresh_from_db()
    assert interp.signed_at is None
    assert f"/interpretations/{interp.pk}/sign/" in _page(client, world.qianqi, doc)
    assert client.post(f"/staff/library/{doc.pk}/interpretations/{interp.pk}/sign/").status_code == 302
    interp.refresh_from_db()
    assert interp.signed_by == world.qianqi


def test_publishing_before_the_document_is_refused_with_a_message_and_nothing_changes(client, world):
    doc = signed_document(world)
    interp = interpretation(world, doc)
    services.sign_interpretation(interp, actor=world.qianqi, clock=clock_at(D(2023, 3, 17)))
    client.force_login(world.lisi)
    response = client.post(
        f"/staff/library/{doc.pk}/interpretations/{interp.pk}/publish/", {"on": "2023-03-17"}, follow=True
    )
    assert "文件尚未公布" in response.content.decode()
    interp.refresh_from_db()
    assert interp.published_on is None


def test_a_handler_publishes_a_signed_interpretation_after_the_document(client, world):
    doc = published_document(world.a, PUBLISHED, signed_on=D(2023, 3, 17))  # from before the gate
    interp = interpretation(world, doc, day=D(2023, 3, 21))
    services.sign_interpretation(interp, actor=world.qianqi, clock=clock_at(D(2023, 3, 21)))
    client.force_login(world.lisi)
    response = client.post(
        f"/staff/library/{doc.pk}/interpretations/{interp.pk}/publish/", {"on": "2023-03-22"}
    )
    assert response.status_code == 302
    interp.refresh_from_db()
    assert interp.published_on == D(2023, 3, 22)
    assert "按时发布" in _page(client, world.lisi, doc)  # due Thu 23 Mar


def test_the_supervising_office_reads_the_section_without_buttons(client, world):
    doc = drafted(world)
    interpretation(world, doc)
    page = _page(client, world.zhaoliu, doc)
    assert "《关于规范财政票据管理的通知》政策解读" in page
    assert "/interpretations/new/" not in page and "/sign/" not in page and "/edit/" not in page


def test_the_office_supervising_another_district_and_other_agencies_get_404(client, world):
    doc = drafted(world)
    interp = interpretation(world, doc)
    other_office = make_user("sunba", make_agency("江北区人民政府"), Role.SUPERVISOR)
    for user in (other_office, world.wangwu, world.zhangsan):
        client.force_login(user)
        for url in (
            f"/staff/library/{doc.pk}/",
            f"/staff/library/{doc.pk}/interpretations/new/",
            f"/staff/library/{doc.pk}/interpretations/{interp.pk}/edit/",
        ):
            assert client.get(url).status_code == 404, (user, url)
        assert client.post(f"/staff/library/{doc.pk}/interpretations/{interp.pk}/sign/").status_code == 404


def test_the_due_page_lists_the_interpretations_due_and_the_year_s_ratios(client, world):
    today = timezone.localdate()
    overdue = published_document(world.a, today - dt.timedelta(days=30), title="关于规范财政票据管理的通知")
    done = published_document(world.a, today - dt.timedelta(days=30), title="关于政府采购的通知")
    Interpretation.objects.create(
        document=done,
        title="问答",
        form="qa",
        body="问答",
        drafted_at=dt.datetime.now(dt.UTC),
        signed_at=dt.datetime.now(dt.UTC),
        published_on=today - dt.timedelta(days=29),
    )
    client.force_login(world.lisi)
    page = client.get("/staff/library/due/").content.decode()
    assert "待发布的政策解读" in page and f"/staff/library/{overdue.pk}/#interpretations" in page
    if overdue.published_on.year == today.year:  # the ratios are the current year's
        assert "50%" in page and "100%" in page  # 1 of 2 interpreted; the one is 问答


def test_the_daily_reminder_lists_an_overdue_interpretation_once_a_day(world):
    doc = published_document(world.a, D(2023, 9, 28))
    world.lisi.email = "lisi@example.com"
    world.lisi.save()
    call_command("send_publication_reminders", "--on", "2023-10-10", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert doc.title in body and "2023-10-09" in body and f"/staff/library/{doc.pk}/" in body
    call_command("send_publication_reminders", "--on", "2023-10-10", stdout=io.StringIO())
    assert len(mail.outbox) == 1


def test_an_interpretation_published_with_its_document_leaves_nothing_due(world):
    doc = signed_document(world)  # its interpretation signed off before the document
    publish(world, doc)
    from gongkai_web.publications.interpretation_queries import due_interpretations

    assert due_interpretations([world.a], D(2023, 3, 27)) == []
    assert Document.objects.get(pk=doc.pk).published_on == PUBLISHED
