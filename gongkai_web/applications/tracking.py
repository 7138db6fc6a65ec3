"""What an applicant's browser holds without an account: the applications it may open (it submitted
them, or gave their query code and password) and, for the receipt page, the query passwords of the
applications it has just submitted.

Kept in a signed cookie (HttpOnly, SameSite=Lax, Secure where the session cookie is: GONGKAI_HTTPS)
rather than in the database session, so that a public submission writes nothing but the application
and its records: the session table is not touched on the public form's hot path
(bench/intake_load.py). The signature stops a visitor from adding another applicant's application to
the list; the cookie expires with the session age, and logging out clears it like the session. The
cookie is signed, not encrypted: the password it carries for the receipt page is dropped as soon as
that page has shown it (the page says it is shown once), so it travels in one response and one
request only.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse

COOKIE = "gongkai_tracked"
_SALT = "gongkai.applications.tracking"
#: The most recent applications a browser keeps open, and passwords it keeps for receipt pages.
MAX_TRACKED = 30
MAX_SECRETS = 5


def _load(request: HttpRequest) -> dict:
    cached = getattr(request, "_gongkai_tracking", None)
    if cached is None:
        try:
            cached = signing.loads(request.COOKIES.get(COOKIE, ""), salt=_SALT, max_age=settings.SESSION_COOKIE_AGE)
        except (signing.BadSignature, ValueError):
            cached = {}  # absent, expired or tampered with: nothing is tracked
        if not isinstance(cached, dict):
            cached = {}
        request._gongkai_tracking = cached
    return cached


def tracked_ids(request: HttpRequest) -> set[int]:
    return {i for i in _load(request).get("t", []) if isinstance(i, int)}


def secret_for(request: HttpRequest, query_code: str) -> str | None:
    secret = _load(request).get("s", {}).get(query_code)
    return secret if isinstance(secret, str) else None


def remember(request: HttpRequest, response: HttpResponse, app_pk: int, *, query_code: str = "",
             secret: str | None = None) -> HttpResponse:
    """Add ``app_pk`` to the browser's tracked applications (and its password, until the receipt page
    has shown it)."""
    state = _load(request)
    tracked = [i for i in state.get("t", []) if i != app_pk][-(MAX_TRACKED - 1):] + [app_pk]
    secrets = _secrets_but(state, query_code)
    if secret:
        secrets = dict(list(secrets.items())[-(MAX_SECRETS - 1):] + [(query_code, secret)])
    return _store(request, response, {"t": tracked, "s": secrets})


def forget_secret(request: HttpRequest, response: HttpResponse, query_code: str) -> HttpResponse:
    """The receipt page has shown the password: the cookie no longer carries it."""
    state = _load(request)
    return _store(request, response, {"t": state.get("t", []), "s": _secrets_but(state, query_code)})


def _secrets_but(state: dict, query_code: str) -> dict[str, str]:
    return {k: v for k, v in state.get("s", {}).items() if k != query_code}


def _store(request: HttpRequest, response: HttpResponse, state: dict) -> HttpResponse:
    request._gongkai_tracking = state
    response.set_cookie(COOKIE, signing.dumps(request._gongkai_tracking, salt=_SALT, compress=True),
                        max_age=settings.SESSION_COOKIE_AGE, httponly=True, samesite="Lax",
                        secure=settings.SESSION_COOKIE_SECURE)
    return response


def forget(response: HttpResponse) -> HttpResponse:
    response.delete_cookie(COOKIE, samesite="Lax")
    return response
