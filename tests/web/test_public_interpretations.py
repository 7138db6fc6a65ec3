"""The 相关解读 of a public document page (the portal's column), as the public sees it: a 图解 published
with its document shows with its image, which anyone may open; a draft never shows and its file is 404,
for the public and for 张三 signed in alike."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai_web.publications import services

from .fixtures import clock_at
from .test_interpretation_pages import PNG
from .test_interpretations import PUBLISHED, SIGNED, interpretation, publish
from .test_publications_lifecycle import drafted, ready_to_sign


def _published_with_interpretations(world):
    doc = ready_to_sign(world, drafted(world))
    graphic = services.draft_interpretation(
        doc,
        title="一图读懂财政票据管理",
        form="graphic",
        body="一图读懂：票据的领用、使用和核销。",
        upload=SimpleUploadedFile("图解.png", PNG, content_type="image/png"),
        actor=world.lisi,
        clock=clock_at(SIGNED),
    )
    draft = interpretation(world, doc, title="答记者问（未审签）", form="qa", body="问：什么是财政票据？")
    services.sign_interpretation(graphic, actor=world.qianqi, clock=clock_at(SIGNED))
    services.sign_document(doc, on=SIGNED, actor=world.qianqi, clock=clock_at(SIGNED))
    services.register_document(doc, on=SIGNED, actor=world.lisi, clock=clock_at(SIGNED))
    publish(world, doc)
    doc.refresh_from_db()
    return doc, graphic, draft


def _page_url(doc) -> str:
    return f"/gk/{doc.agency.code}/documents/{doc.index_number.partition('/')[2]}/"


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_public_page_shows_the_published_graphic_and_its_image_but_not_the_draft(
    client, world, signed_in
):
    doc, graphic, draft = _published_with_interpretations(world)
    if signed_in:
        client.force_login(world.zhangsan)
    page = client.get(_page_url(doc)).content.decode()
    assert "一图读懂财政票据管理" in page and "图解" in page
    assert PUBLISHED.isoformat() in page
    assert "答记者问（未审签）" not in page
    image = client.get(f"{_page_url(doc)}interpretations/{graphic.pk}/")
    assert image.status_code == 200 and b"".join(image.streaming_content) == PNG
    assert image["Content-Type"] == "image/png"
    assert client.get(f"{_page_url(doc)}interpretations/{draft.pk}/").status_code == 404


def test_an_interpretation_published_later_appears_on_the_page_at_once(client, world):
    doc, graphic, draft = _published_with_interpretations(world)
    assert "答记者问（未审签）" not in client.get(_page_url(doc)).content.decode()  # now cached
    services.sign_interpretation(draft, actor=world.qianqi, clock=clock_at(PUBLISHED))
    services.publish_interpretation(draft, on=PUBLISHED, actor=world.lisi, clock=clock_at(PUBLISHED))
    assert "答记者问（未审签）" in client.get(_page_url(doc)).content.decode()
