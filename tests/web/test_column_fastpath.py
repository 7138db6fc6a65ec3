"""The column's kept pages answered in front of the middleware stack (``portal/column_fastpath.py``): a
first-time visitor gets the very bytes and headers the full stack gives (the security headers included),
without the session, CSRF, authentication or messages running; a signed-in visitor (张三, an applicant;
李四, agency A's handler) or one with a pending message never gets the kept copy, and nothing rendered
for them is kept; a publication or an effect recorded by the services shows at once; a browser's copy
is revalidated with its ETag (304); ``GONGKAI_FAST_COLUMN=0`` or ``GONGKAI_FAST_PATHS=0`` switch it off."""

from __future__ import annotations

from unittest import mock

import pytest
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.sessions.middleware import SessionMiddleware

from gongkai_web.publications.models import Document

from . import test_portal_column as column
from .test_portal_column import _repeal, _titles, _url
from .test_publications_lifecycle import published

library = column.library  # the fixture: A's published 通知 and the district's repealing decision

#: What the outer middlewares and the rest of the stack set on a column page: the fast answer must carry
#: each with the same value as the full stack's.
HEADERS = (
    "Content-Type",
    "Content-Length",
    "Vary",
    "X-Frame-Options",
    "Content-Security-Policy",
    "Permissions-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
)
RENAMED = "渝中区财政局关于改名的通知"


def _switch(settings, on: bool):
    settings.GONGKAI_FAST_PATHS = settings.GONGKAI_FAST_CSP = settings.GONGKAI_FAST_COLUMN = on
    return settings


@pytest.fixture
def front(settings):
    return _switch(settings, True)


def _pages(world, library) -> list[str]:
    code = world.a.code
    return [
        _url(library.budget),
        f"/gk/{code}/documents/",
        f"/gk/{code}/documents/?year=2023&validity=in_force",
        "/search/?q=%E9%A2%84%E7%AE%97",  # 预算
    ]


def _rename_behind_the_services(doc) -> None:
    """A change no service makes (none exists): a stand-in that shows whether a page is the kept copy."""
    Document.objects.filter(pk=doc.pk).update(title=RENAMED)


def _stack_refuses():
    """The session and authentication middlewares fail if they run: the answer came from in front of them."""
    return (
        mock.patch.object(SessionMiddleware, "process_request", side_effect=AssertionError("session ran")),
        mock.patch.object(
            AuthenticationMiddleware, "process_request", side_effect=AssertionError("auth ran")
        ),
    )


def test_a_first_time_visitor_gets_from_the_front_the_bytes_and_headers_of_the_full_stack(
    client, world, library, settings
):
    _switch(settings, False)
    slow = {page: client.get(page) for page in _pages(world, library)}
    _switch(settings, True)
    for page, full in slow.items():
        assert full.status_code == 200 and "ETag" not in full
        first = client.get(page)  # rendered by the whole stack and kept
        session, auth = _stack_refuses()
        with session, auth:
            kept = client.get(page)
        for answer in (first, kept):
            assert answer.status_code == 200
            assert answer.content == full.content, page
            assert {h: answer.get(h) for h in HEADERS} == {h: full.get(h) for h in HEADERS}, page
            assert set(answer.headers) == set(full.headers) | {"ETag"}, page
        assert full["Vary"] == "Cookie" and full["X-Frame-Options"] == "DENY"
        assert first["ETag"] == kept["ETag"]


@pytest.mark.parametrize("persona", ["zhangsan", "lisi"])
def test_a_signed_in_visitor_never_gets_the_kept_page_and_their_page_is_never_kept(
    client, world, library, front, persona
):
    page = _url(library.budget)
    client.get(page)  # an anonymous copy is kept
    _rename_behind_the_services(library.budget)
    client.force_login(getattr(world, persona))
    mine = client.get(page)
    text = mine.content.decode()
    assert RENAMED in text and "退出登录" in text and "ETag" not in mine
    client.logout()
    anonymous = client.get(page).content.decode()
    assert "退出登录" not in anonymous and "我的申请" not in anonymous
    assert RENAMED not in anonymous  # still the copy kept before: the signed-in page replaced nothing


def test_a_visitor_with_a_pending_message_gets_the_page_rendered_for_them(client, world, library, front):
    page = _url(library.budget)
    client.get(page)
    _rename_behind_the_services(library.budget)
    client.cookies["messages"] = "anything"
    answer = client.get(page)
    assert RENAMED in answer.content.decode() and "ETag" not in answer


def test_a_publication_shows_in_the_kept_list_at_once_and_changes_its_etag(client, world, library, front):
    listing = f"/gk/{world.a.code}/documents/"
    before = client.get(listing)
    assert "渝中区财政局关于新增文件的通知" not in _titles(before)
    published(world, title="渝中区财政局关于新增文件的通知")
    after = client.get(listing)
    assert "渝中区财政局关于新增文件的通知" in _titles(after)
    assert after["ETag"] != before["ETag"]


def test_an_effect_shows_on_the_kept_document_page_at_once(client, world, library, front):
    page = _url(library.budget)
    client.get(page)
    _rename_behind_the_services(library.budget)
    assert RENAMED not in client.get(page).content.decode()  # the kept copy …
    _repeal(world, library)
    fresh = client.get(page).content.decode()  # … until the effect service moves the generation
    assert RENAMED in fresh and "本文件已于2024年3月1日废止" in fresh


def test_a_browser_revalidating_its_copy_gets_not_modified_until_the_page_changes(
    client, world, library, front
):
    listing = f"/gk/{world.a.code}/documents/"
    etag = client.get(listing)["ETag"]
    same = client.get(listing, headers={"If-None-Match": etag})
    assert same.status_code == 304 and same.content == b""
    assert same["ETag"] == etag and same["Vary"] == "Cookie"
    assert "Content-Security-Policy" in same and same["X-Content-Type-Options"] == "nosniff"
    assert client.get(listing, headers={"If-None-Match": '"something-else"'}).status_code == 200
    published(world, title="渝中区财政局关于新增文件的通知")
    changed = client.get(listing, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_the_kept_page_is_per_scheme_and_per_care_setting(client, world, library, front):
    page = _url(library.budget)
    plain, secure = client.get(page).content.decode(), client.get(page, secure=True).content.decode()
    assert "http://testserver/" in plain and "https://testserver/" in secure
    client.cookies["gk_care"] = "1"
    assert 'class="care"' in client.get(page).content.decode()
    del client.cookies["gk_care"]
    assert 'class="care"' not in client.get(page).content.decode()


@pytest.mark.parametrize("switch", ["GONGKAI_FAST_COLUMN", "GONGKAI_FAST_PATHS"])
def test_either_switch_sends_every_request_through_the_whole_stack(client, world, library, front, switch):
    setattr(front, switch, False)
    page = _url(library.budget)
    client.get(page)
    session, auth = _stack_refuses()
    with session, auth, pytest.raises(AssertionError):
        client.get(page)
    assert "ETag" not in client.get(page)


def test_what_is_not_a_plain_page_goes_the_whole_way_and_is_not_kept(client, world, library, front):
    missing = f"/gk/{world.a.code}/documents/2023-99999/"
    assert client.get(missing).status_code == 404
    session, _auth = _stack_refuses()
    with session, pytest.raises(AssertionError):
        client.get(missing)  # a 404 is never kept
    page = _url(library.budget)
    client.get(page)
    assert client.head(page).status_code == 405  # the views answer GET only, kept page or not
    assert client.post(page).status_code in (403, 405)
