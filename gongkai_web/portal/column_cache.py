"""The public column's pages kept rendered (Django's cache): a document page or a list is the same for
every first-time visitor, so it is rendered once per address, language, day (validity is "as of
today"), host and 适老化 setting, and kept ``PAGE_SECONDS``. Every key carries the publications'
public generation (``search_entries.public_generation``), which the publishing, effect and import
services move on explicitly (through ``index_documents``): a publication or an effect shows at once.

A visitor with a session (signed in: the header names them) or a pending message gets the page
rendered for them; so does everyone with ``GONGKAI_FAST_PATHS=0``."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language

from gongkai_web.publications.search_entries import public_generation

PAGE_SECONDS = 300
CARE_COOKIE = "gk_care"


def _key(request) -> str:
    parts = [
        str(public_generation()),
        get_language() or "",
        timezone.localdate().isoformat(),
        request.get_host(),
        request.get_full_path(),
        "care" if request.COOKIES.get(CARE_COOKIE) == "1" else "",
    ]
    return "portal:column-page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def cached_page(request, render: Callable[[], HttpResponse]) -> HttpResponse:
    personal = settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES
    if not settings.GONGKAI_FAST_PATHS or personal:
        return render()
    key = _key(request)
    html = cache.get(key)
    if html is not None:
        return HttpResponse(html)
    response = render()
    if response.status_code == 200:
        cache.set(key, response.content, PAGE_SECONDS)
    return response
