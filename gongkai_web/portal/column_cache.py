"""The public column's pages kept rendered (Django's cache): a document page or a list is the same for
every first-time visitor, so it is rendered once per address, language, day (validity is "as of
today"), scheme, host and 适老化 setting, and kept ``PAGE_SECONDS``. Every key carries the publications'
public generation (``search_entries.public_generation``), which the publishing, effect and import
services move on explicitly (through ``index_documents``): a publication or an effect shows at once.

Two layers keep them: the view (``cached_page``, behind the whole middleware stack) and, in front of
the stack, ``column_fastpath`` (the rendered response with its headers; bench/public_pages.py). When
the front layer took a request it keeps the page and the view only renders it.

A visitor with a session (signed in: the header names them) or a pending message gets the page
rendered for them; so does everyone with ``GONGKAI_FAST_PATHS=0``."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import get_language

from gongkai_web.publications.search_entries import public_generation

PAGE_SECONDS = 300
CARE_COOKIE = "gk_care"
#: Set on a request by ``column_fastpath`` when it keeps the page itself.
KEPT_IN_FRONT = "_gongkai_column_kept_in_front"


def personal(request: HttpRequest) -> bool:
    """A session (a signed-in visitor: the header names them) or a pending message: nothing kept."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES


def page_key(request: HttpRequest, layer: str = "column-page") -> str:
    """The key of the page at this address for a first-time visitor; read the generation before the
    page is rendered, so that a page rendered while a publication commits is kept under the old one."""
    parts = [
        str(public_generation()),
        get_language() or "",
        timezone.localdate().isoformat(),
        request.scheme or "",  # the page's 网址 meta tag is absolute (column_meta)
        request.get_host(),
        request.get_full_path(),
        "care" if request.COOKIES.get(CARE_COOKIE) == "1" else "",
    ]
    return f"portal:{layer}:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def cached_page(request, render: Callable[[], HttpResponse]) -> HttpResponse:
    if not settings.GONGKAI_FAST_PATHS or personal(request) or getattr(request, KEPT_IN_FRONT, False):
        return render()
    key = page_key(request)
    html = cache.get(key)
    if html is not None:
        return HttpResponse(html)
    response = render()
    if response.status_code == 200:
        cache.set(key, response.content, PAGE_SECONDS)
    return response
