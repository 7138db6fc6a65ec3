"""The staff pages of the library, driven as staff use them (the test client posting the step forms):
李四 drafts for agency A and takes its steps, 钱七 (A's approver) does 初审 and signs, 赵六 (the
district's supervising office) reads the subtree and does 复审, 王五 (another agency) and 张三 (an
applicant) get 404. Every POST calls one service; a refusal comes back as the form with its input and
the Chinese message (400)."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from gongkai_web.publications.models import Document, Stage

D = dt.date
LIB = "/staff/library/"


def _post(client, user, url, data, **kw):
    client.force_login(user)
    return client.post(url, data, **kw)


def _draft(client, world, title="渝中区财政局关于规范财政票据管理的通知"):
    response = _post(
        client,
        world.lisi,
        LIB + "new/",
        {
            "agency": world.a.pk,
            "kind": "normative",
            "title": title,
            "issuer_code": "渝中财规",
            "formed_on": "2023-03-01",
        },
    )
    assert response.status_code == 302, response.content.decode()
    return Document.objects.get(title=title)


def _step(client, user, doc, key, data, status=302, **kw):
    response = _post(client, user, f"{LIB}{doc.pk}/{key}/", data, **kw)
    assert response.status_code == status, response.content.decode()[:3000]
    doc.refresh_from_db()
    return response


def _interpretation_signed_off(client, world, doc):
    """同步起草、同步审签 on the pages: 李四 drafts the interpretation, 钱七 signs it off."""
    client.force_login(world.lisi)
    fields = {"title": "《通知》政策解读", "form": "text", "body": "一、制定背景。二、主要内容。"}
    assert client.post(f"{LIB}{doc.pk}/interpretations/new/", fields).status_code == 302
    client.force_login(world.qianqi)
    interp = doc.interpretations.get()
    assert client.post(f"{LIB}{doc.pk}/interpretations/{interp.pk}/sign/").status_code == 302


def _ready_to_sign(client, world, title="渝中区财政局关于规范财政票据管理的通知"):
    doc = _draft(client, world, title)
    _step(client, world.lisi, doc, "open-comment", {"opened_on": "2023-03-02", "closes_on": "2023-03-13"})
    _step(
        client, world.lisi, doc, "close-comment", {"on": "2023-03-13", "comments": "2", "response": "采纳1条"}
    )
    _step(client, world.lisi, doc, "propose-publicity", {"publicity": "proactive", "on": "2023-03-14"})
    _step(client, world.qianqi, doc, "first-review", {"on": "2023-03-14", "agreed": "True"})
    _step(client, world.zhaoliu, doc, "second-review", {"on": "2023-03-14", "agreed": "True"})
    _step(client, world.lisi, doc, "legality-review", {"on": "2023-03-15", "passed": "True"})
    _step(client, world.lisi, doc, "deliberation", {"on": "2023-03-16", "body": "局长办公会"})
    return doc


def _published(client, world, title="渝中区财政局关于规范财政票据管理的通知"):
    doc = _ready_to_sign(client, world, title)
    _interpretation_signed_off(client, world, doc)
    _step(client, world.qianqi, doc, "sign", {"on": "2023-03-17"})
    _step(client, world.lisi, doc, "register", {"on": "2023-03-17"})
    _step(client, world.lisi, doc, "publish", {"on": "2023-03-20"})
    return doc


def test_a_normative_document_goes_through_its_steps_on_the_pages_and_gets_its_numbers(client, world):
    doc = _published(client, world)
    assert doc.stage == Stage.PUBLISHED
    assert doc.number == "渝中财规〔2023〕1号" and doc.index_number == f"{world.a.code}/2023-00001"
    client.force_login(world.lisi)
    page = client.get(f"{LIB}{doc.pk}/").content.decode()
    for expected in (
        "渝中财规〔2023〕1号",
        doc.index_number,
        "主动公开",
        "现行有效",
        "保密审查复审",
        "局长办公会",
    ):
        assert expected in page


def test_the_page_shows_that_signing_waits_for_the_interpretation_and_the_sign_form_is_refused_until_then(
    client, world
):
    doc = _ready_to_sign(client, world)
    client.force_login(world.qianqi)
    page = client.get(f"{LIB}{doc.pk}/").content.decode()
    assert "待解读：同步起草、同步审签" in page  # next to the 签发 link, before the click
    assert "本文件暂不能签发：其政策解读尚缺同步起草、同步审签" in page
    assert "本文件暂不能签发" in client.get(f"{LIB}{doc.pk}/sign/").content.decode()
    refused = _step(client, world.qianqi, doc, "sign", {"on": "2023-03-17"}, status=400).content.decode()
    assert "尚缺：同步起草、同步审签" in refused and "政策解读" in refused
    assert (doc.stage, doc.signed_on) == (Stage.DRAFT, None)
    assert not doc.events.filter(kind="signed").exists()

    client.force_login(world.lisi)
    fields = {"title": "《通知》政策解读", "form": "text", "body": "一、制定背景。"}
    assert client.post(f"{LIB}{doc.pk}/interpretations/new/", fields).status_code == 302
    client.force_login(world.qianqi)
    page = client.get(f"{LIB}{doc.pk}/").content.decode()
    assert "待解读：同步审签" in page and "待解读：同步起草" not in page
    refused = _step(client, world.qianqi, doc, "sign", {"on": "2023-03-17"}, status=400).content.decode()
    assert "尚缺：同步审签" in refused and doc.stage == Stage.DRAFT

    interp = doc.interpretations.get()
    assert client.post(f"{LIB}{doc.pk}/interpretations/{interp.pk}/sign/").status_code == 302
    assert "本文件暂不能签发" not in client.get(f"{LIB}{doc.pk}/").content.decode()
    _step(client, world.qianqi, doc, "sign", {"on": "2023-03-17"})
    assert (doc.stage, doc.signed_on) == (Stage.SIGNED, D(2023, 3, 17))


def test_the_page_offers_each_persona_only_the_steps_they_may_take(client, world):
    doc = _draft(client, world)
    _step(client, world.lisi, doc, "propose-publicity", {"publicity": "proactive", "on": "2023-03-14"})
    url = f"{LIB}{doc.pk}/"

    def offered(user):
        client.force_login(user)
        return client.get(url).content.decode()

    assert "/first-review/" not in offered(world.lisi) and "/open-comment/" in offered(world.lisi)
    assert "/first-review/" in offered(world.qianqi)
    assert "/second-review/" not in offered(world.zhaoliu)  # 初审 first
    _step(client, world.qianqi, doc, "first-review", {"on": "2023-03-14", "agreed": "True"})
    supervisor = offered(world.zhaoliu)
    assert "/second-review/" in supervisor and "/open-comment/" not in supervisor


def test_the_supervisor_may_open_the_second_review_but_not_a_handler_s_step(client, world):
    doc = _draft(client, world)
    client.force_login(world.zhaoliu)
    assert client.get(f"{LIB}{doc.pk}/second-review/").status_code == 200
    assert client.get(f"{LIB}{doc.pk}/publish/").status_code == 404
    client.force_login(world.lisi)
    assert client.get(f"{LIB}{doc.pk}/second-review/").status_code == 404
    assert client.get(f"{LIB}{doc.pk}/first-review/").status_code == 404  # 初审 is the approver's


@pytest.mark.parametrize("persona", ["wangwu", "zhangsan"])
def test_another_agency_and_an_applicant_get_404_on_every_page_of_the_document(client, world, persona):
    doc = _draft(client, world)
    client.force_login(getattr(world, persona))
    for path in ("", "file/", "open-comment/", "propose-publicity/", "sign/", "effect/", "nosuchstep/"):
        assert client.get(f"{LIB}{doc.pk}/{path}").status_code == 404
        assert client.post(f"{LIB}{doc.pk}/{path}", {"on": "2023-03-02"}).status_code in (404, 405)
    assert list(doc.events.values_list("kind", flat=True)) == ["drafted"]
    assert doc.title not in client.get(LIB).content.decode()


def test_a_short_comment_period_comes_back_with_the_input_and_the_chinese_reason(client, world):
    doc = _draft(client, world)
    response = _step(
        client,
        world.lisi,
        doc,
        "open-comment",
        {"opened_on": "2023-03-02", "closes_on": "2023-03-10", "where": "区政府网站"},
        status=400,
    )
    page = response.content.decode()
    assert 'role="alert"' in page and "2023-03-13" in page  # 7 working days end on Monday 13 March
    assert 'value="2023-03-10"' in page and 'value="区政府网站"' in page
    assert doc.stage == Stage.DRAFT and doc.events.count() == 1


def test_publishing_before_the_review_is_refused_in_chinese_and_changes_nothing(client, world):
    doc = _draft(client, world)
    response = _step(client, world.lisi, doc, "publish", {"on": "2023-03-20"}, status=400)
    assert "该文件目前处于“起草中”阶段，现在不能登记“公布”。" in response.content.decode()
    assert doc.published_on is None and doc.stage == Stage.DRAFT


def test_a_draft_with_an_empty_title_keeps_what_was_typed(client, world):
    response = _post(
        client,
        world.lisi,
        LIB + "new/",
        {
            "agency": world.a.pk,
            "kind": "normative",
            "title": "",
            "issuer_code": "渝中财规",
            "formed_on": "2023-03-01",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="渝中财规"' in page and 'role="alert"' in page
    assert not Document.objects.exists()


def test_a_repeal_picked_by_document_number_shows_repealed_with_its_basis(client, world):
    old = _published(client, world, "旧通知")
    new = _published(client, world, "新通知")
    _step(
        client,
        world.lisi,
        new,
        "effect",
        {"target": "渝中财规[2023]1号", "kind": "repeals", "on": "2023-04-01"},
    )
    client.force_login(world.zhaoliu)
    page = client.get(f"{LIB}{old.pk}/").content.decode()
    assert "本文件已于2023年4月1日废止，依据：渝中财规〔2023〕2号。" in page
    assert "已废止" in page
    listing = client.get(LIB, {"validity": "repealed"}).content.decode()
    assert "旧通知" in listing and "新通知" not in listing


def test_an_effect_dated_before_the_acting_document_is_refused_and_keeps_the_input(client, world):
    old = _published(client, world, "旧通知")
    new = _published(client, world, "新通知")
    response = _step(
        client,
        world.lisi,
        new,
        "effect",
        {"target": "旧通知", "kind": "repeals", "on": "2023-03-19"},
        status=400,
    )
    assert "2023-03-19" in response.content.decode() and 'value="旧通知"' in response.content.decode()
    assert not old.effects.exists()


def test_another_agency_s_document_cannot_be_picked_as_the_target(client, world):
    new = _published(client, world, "新通知")
    Document.objects.create(
        agency=world.b,
        kind="normative",
        title="江北通知",
        stage="published",
        published_on=D(2023, 1, 5),
        publicity="proactive",
        number="江北教规〔2023〕1号",
    )
    response = _step(
        client,
        world.lisi,
        new,
        "effect",
        {"target": "江北教规〔2023〕1号", "kind": "repeals", "on": "2023-04-01"},
        status=400,
    )
    assert "江北教规〔2023〕1号" in response.content.decode()


def _docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_the_text_of_a_draft_is_read_from_its_docx_and_the_file_is_kept(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    doc = _draft(client, world)
    upload = SimpleUploadedFile("通知.docx", _docx("第一条 为规范财政票据管理，制定本通知。"))
    _step(client, world.lisi, doc, "text", {"file": upload})
    assert "第一条 为规范财政票据管理" in doc.text
    client.force_login(world.zhaoliu)
    download = client.get(f"{LIB}{doc.pk}/file/")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"PK")


def test_a_renamed_file_is_refused_as_the_text(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    doc = _draft(client, world)
    upload = SimpleUploadedFile("通知.pdf", b"MZ\x90\x00 not a pdf")
    response = _step(client, world.lisi, doc, "text", {"file": upload}, status=400)
    assert "通知.pdf" in response.content.decode()
    assert doc.text == "" and not doc.text_file


def test_the_list_filters_by_kind_stage_and_year(client, world):
    _published(client, world, "已公布通知")
    _draft(client, world, "草稿通知")
    client.force_login(world.lisi)
    drafts = client.get(LIB, {"stage": "draft"}).content.decode()
    assert "草稿通知" in drafts and "已公布通知" not in drafts
    assert (
        "已公布通知"
        in client.get(LIB, {"year": "2023", "kind": "normative", "validity": "in_force"}).content.decode()
    )
    assert "已公布通知" not in client.get(LIB, {"kind": "rule"}).content.decode()


def test_a_text_file_over_the_size_limit_is_refused_and_nothing_is_kept(client, world, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.GONGKAI_ATTACHMENT_MAX_BYTES = 1024 * 1024
    doc = _draft(client, world)
    upload = SimpleUploadedFile("通知.html", b"<html><body>" + b"x" * (1024 * 1024) + b"</body></html>")
    response = _step(client, world.lisi, doc, "text", {"file": upload}, status=400)
    assert "1 MB" in response.content.decode()
    assert doc.text == "" and not doc.text_file


def test_the_validity_filter_pages_through_what_it_found(client, world):
    for n in range(55):
        Document.objects.create(
            agency=world.a,
            kind="normative",
            title=f"现行通知{n:02d}",
            stage="published",
            published_on=D(2023, 1, 1) + dt.timedelta(days=n),
            publicity="proactive",
        )
    Document.objects.create(
        agency=world.a,
        kind="normative",
        title="过期通知",
        stage="published",
        published_on=D(2020, 1, 1),
        valid_until=D(2021, 12, 31),
        publicity="proactive",
    )
    client.force_login(world.zhaoliu)
    first = client.get(LIB, {"validity": "in_force"}).content.decode()
    second = client.get(LIB, {"validity": "in_force", "page": "2"}).content.decode()
    assert "共55件文件" in first and "现行通知54" in first and "现行通知04" not in first
    assert "现行通知04" in second and "现行通知05" not in second and "过期通知" not in second
    expired = client.get(LIB, {"validity": "expired"}).content.decode()
    assert "过期通知" in expired and "已失效" in expired and "共1件文件" in expired


def test_an_empty_step_form_says_what_is_missing(client, world):
    doc = _draft(client, world)
    response = _step(client, world.lisi, doc, "deliberation", {}, status=400)
    page = response.content.decode()
    assert page.count('aria-invalid="true"') == 2 and "请修改以下 2 处" in page  # the date and the meeting
    assert doc.events.count() == 1
