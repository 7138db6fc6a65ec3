"""李四 links a catalogue item to the document that fulfils it by finding it — by words of its title or
by its 文号 in any bracket form — rather than scrolling a list of every document the agency has. The
search shows only her agency's documents not linked yet; the page works without JavaScript."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai_web.publications.models import Document

from .test_publications_catalogue import TODAY, draft, item

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def library(world, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)
    budget = draft(world, "2023年部门预算公开工作方案", D(2023, 3, 1))
    bills = draft(world, "财政票据管理工作要点", D(2023, 4, 6))
    Document.objects.filter(pk=bills.pk).update(
        issuer_code="渝中财发", number_year=2023, number_serial=5, number="渝中财发〔2023〕5号"
    )
    other = draft(world, "2023年部门预算编制说明", D(2023, 3, 2), agency=world.b, actor=world.wangwu)
    return {"budget": budget, "bills": bills, "other": other, "item": item(world)}


def _page(client, library, query: str) -> str:
    url = f"/staff/library/catalogue/items/{library['item'].pk}/"
    return client.get(url, {"q": query}).content.decode()


def test_words_of_the_title_find_the_agency_s_own_documents_only(client, world, library):
    client.force_login(world.lisi)
    page = _page(client, library, "部门预算")
    assert library["budget"].title in page
    assert library["other"].title not in page  # B's document: not A's to link
    assert library["bills"].title not in page.split('id="link-candidates"')[1]


def test_a_document_number_with_square_brackets_finds_the_document(client, world, library):
    client.force_login(world.lisi)
    page = _page(client, library, "渝中财发[2023]5号").split('id="link-candidates"')[1]
    assert library["bills"].title in page and library["budget"].title not in page
    assert f'value="{library["bills"].pk}"' in page and 'type="radio"' in page


def test_nothing_found_says_so_and_no_list_of_every_document_is_shown(client, world, library):
    client.force_login(world.lisi)
    page = _page(client, library, "公积金")
    assert "没有与“公积金”相符的" in page
    blank = _page(client, library, "").split('id="link-candidates"')[1]
    assert library["budget"].title not in blank and 'type="radio"' not in blank


def test_linking_without_choosing_keeps_the_search_and_says_what_is_missing(client, world, library):
    client.force_login(world.lisi)
    url = f"/staff/library/catalogue/items/{library['item'].pk}/link/"
    response = client.post(url, {"q": "部门预算"})
    page = response.content.decode()
    assert response.status_code == 400 and not library["item"].links.exists()
    assert 'role="alert"' in page and library["budget"].title in page and 'value="部门预算"' in page


def test_a_found_document_is_linked_and_leaves_the_matches(client, world, library):
    client.force_login(world.lisi)
    url = f"/staff/library/catalogue/items/{library['item'].pk}/link/"
    response = client.post(url, {"document": library["budget"].pk, "q": "部门预算"})
    assert response.status_code == 302 and library["item"].links.get().document == library["budget"]
    assert library["budget"].title not in _page(client, library, "部门预算").split('id="link-candidates"')[1]


def test_a_document_of_another_agency_cannot_be_linked_by_posting_its_number(client, world, library):
    client.force_login(world.lisi)
    url = f"/staff/library/catalogue/items/{library['item'].pk}/link/"
    assert client.post(url, {"document": library["other"].pk}).status_code == 400
    assert not library["item"].links.exists()
