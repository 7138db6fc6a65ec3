"""The public column's kept pages answered in front of the middleware stack (issue 15; bench/public_pages.py).

A document page or a list of the column (and the site search) is the same for every first-time visitor
(``column_cache``). Kept by the view, a hit still ran sessions, CSRF, authentication, the second
factor, messages and the lockout check first, which cost more than the answer. This middleware sits
after the security headers (``SecurityMiddleware``, CSP, ``Permissions-Policy``: they run for its
answers as for every page, HTTPS redirect included) and before the session: for a plain ``GET`` without
a session or messages cookie to one of those pages it keeps the response the rest of the stack gave —
the bytes and every header it set (``Vary: Cookie``, ``X-Frame-Options``, ``Content-Length``…) — and
answers the next such request with a copy of it. So the fast answer is the slow one, recorded.

Only a ``200`` that sets no cookie and used no CSP nonce is kept; the key is ``column_cache.page_key``
(the publications' generation, day, scheme, host, address, 适老化), so a publication or an effect shows at
once. Each kept page carries a strong ``ETag`` (its bytes' digest): a browser revalidating its copy
gets ``304 Not Modified`` while the page is unchanged. ``HEAD`` and other methods go the full way (the
views answer only ``GET``). ``GONGKAI_FAST_PATHS=0`` or ``GONGKAI_FAST_COLUMN=0`` turns it off (the
view's own cache stays on with the latter)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import cache as once

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.http.response import HttpResponseBase
from django.urls import Resolver404, resolve, reverse
from django.utils.http import parse_etags

from .column_cache import KEPT_IN_FRONT, PAGE_SECONDS, page_key, personal

#: The views whose pages are the same for every first-time visitor (they use ``cached_page``).
KEPT_VIEWS = frozenset({"portal:column_document", "portal:column_documents", "portal:search"})

#: (body, headers, ETag) of a kept page.
Entry = tuple[bytes, tuple[tuple[str, str], ...], str]


@once
def _prefixes() -> tuple[str, ...]:
    """Where the kept views live (``/gk/``, ``/search/``): other addresses are not even resolved."""
    column = reverse("portal:column", args=["x"]).removesuffix("x/")
    return (column, reverse("portal:search"))


def _takes(request: HttpRequest) -> bool:
    if not (settings.GONGKAI_FAST_PATHS and settings.GONGKAI_FAST_COLUMN) or request.method != "GET":
        return False
    path = request.path_info
    if personal(request) or not path.startswith(_prefixes()):
        return False
    try:
        return resolve(path).view_name in KEPT_VIEWS
    except Resolver404:
        return False


def _etag(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'


def _entry(request: HttpRequest, response: HttpResponseBase) -> Entry | None:
    """The response as every first-time visitor may get it, or None when it is not one to keep."""
    if (
        response.status_code != 200
        or not isinstance(response, HttpResponse)  # streamed files are never kept
        or response.cookies
        or getattr(request, "_csp_nonce", None) is not None
        or response.has_header("ETag")
    ):
        return None
    return response.content, tuple(response.items()), _etag(response.content)


def _answer(entry: Entry) -> HttpResponse:
    body, headers, etag = entry
    response = HttpResponse(body)
    for name, value in headers:
        response.headers[name] = value
    response.headers["ETag"] = etag
    return response


class ColumnFastPathMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not _takes(request):
            return self.get_response(request)
        key = page_key(request, "column-response")
        entry: Entry | None = cache.get(key)
        if entry is not None:
            return _not_modified(entry) if _revalidates(request, entry[2]) else _answer(entry)
        setattr(request, KEPT_IN_FRONT, True)  # the view renders; this layer keeps the page
        response = self.get_response(request)
        entry = _entry(request, response)
        if entry is None:
            return response
        cache.set(key, entry, PAGE_SECONDS)
        if _revalidates(request, entry[2]):  # another worker gave the browser these very bytes
            return _not_modified(entry)
        response.headers["ETag"] = entry[2]
        return response


def _revalidates(request: HttpRequest, etag: str) -> bool:
    """The browser's copy is this page (``If-None-Match``, compared weakly as RFC 9110 §13.1.2 says)."""
    tags = parse_etags(request.META.get("HTTP_IF_NONE_MATCH", ""))
    return "*" in tags or etag in {t.removeprefix("W/") for t in tags}


def _not_modified(entry: Entry) -> HttpResponseNotModified:
    response = HttpResponseNotModified()
    response.headers["ETag"] = entry[2]
    for name, value in entry[1]:
        if name.lower() in ("vary", "cache-control", "expires"):
            response.headers[name] = value
    return response
