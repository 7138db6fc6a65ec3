"""What an applicant's browser holds without an account: the applications it may open (it submitted
them, or gave their query code and password) and, for the receipt page, the query passwords of the
applications it has just submitted.

Kept in a signed cookie (HttpOnly, SameSite=Lax, Secure where the session cookie is: GONGKAI_HTTPS)
rather than in the database session, so that a public submission writes nothing but the application
and its records: the session table is not touched on the public form's hot path
(bench/intake_load.py).

The signature alone opens nothing. Each entry carries the application's *proof*
(``codes.tracking_proof``): a value derived from that application's stored password digest, which
only the server and a browser that gave (or was given) the password know. Someone holding the signing
key — leaked, or the published default of an old install — can forge a well-signed cookie but not the
proof of an application they have no password for (a test forges both). Entries expire
``GONGKAI_TRACKING_SECONDS`` after the password was given; logging out clears the cookie like the
session. The cookie is signed, not encrypted: the password it carries for the receipt page is dropped
as soon as that page has shown it (the page says it is shown once), so it travels in one response and
one request only.
"""

from __future__ import annotations

import hmac
import time

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse

from . import codes

COOKIE = "gongkai_tracked"
_SALT = "gongkai.applications.tracking"
#: The most recent applications a browser keeps open, and passwords it keeps for receipt pages.
MAX_TRACKED = 30
MAX_SECRETS = 5
#: The request's attribute holding its cookie's state once read (HttpRequest declares no such attribute).
_CACHED = "_gongkai_tracking"


def _load(request: HttpRequest) -> dict:
    cached = vars(request).get(_CACHED)
    if cached is None:
        try:
            cached = signing.loads(
                request.COOKIES.get(COOKIE, ""), salt=_SALT, max_age=settings.SESSION_COOKIE_AGE
            )
        except (signing.BadSignature, ValueError):
            cached = {}  # absent, expired or tampered with: nothing is tracked
        if not isinstance(cached, dict):
            cached = {}
        vars(request)[_CACHED] = cached
    return cached


def _entries(request: HttpRequest) -> list[list]:
    """``[application id, proof, issued (epoch seconds)]`` entries still within their age."""
    oldest = time.time() - settings.GONGKAI_TRACKING_SECONDS
    return [
        e
        for e in _load(request).get("t", [])
        if isinstance(e, list)
        and len(e) == 3
        and isinstance(e[0], int)
        and isinstance(e[1], str)
        and isinstance(e[2], int | float)
        and e[2] >= oldest
    ]


def opens(request: HttpRequest, app) -> bool:
    """Whether this browser proved it knows ``app``'s query password (or was given it at submission).
    An application split under 一事一申请 keeps the applicant's password, so the proof of one part
    opens the others."""
    proof = codes.tracking_proof(app.secret_digest, codes.family_of(app))
    return bool(proof) and any(hmac.compare_digest(e[1], proof) for e in _entries(request))


def secret_for(request: HttpRequest, query_code: str) -> str | None:
    secret = _load(request).get("s", {}).get(query_code)
    return secret if isinstance(secret, str) else None


def remember(request: HttpRequest, response: HttpResponse, app, *, secret: str | None = None) -> HttpResponse:
    """Let this browser open ``app`` (and keep its password until the receipt page has shown it)."""
    state = _load(request)
    entry = [app.pk, codes.tracking_proof(app.secret_digest, codes.family_of(app)), int(time.time())]
    tracked = [e for e in _entries(request) if e[0] != app.pk][-(MAX_TRACKED - 1) :] + [entry]
    secrets = _secrets_but(state, app.query_code)
    if secret:
        secrets = dict(list(secrets.items())[-(MAX_SECRETS - 1) :] + [(app.query_code, secret)])
    return _store(request, response, {"t": tracked, "s": secrets})


def forget_secret(request: HttpRequest, response: HttpResponse, query_code: str) -> HttpResponse:
    """The receipt page has shown the password: the cookie no longer carries it."""
    state = _load(request)
    return _store(request, response, {"t": _entries(request), "s": _secrets_but(state, query_code)})


def _secrets_but(state: dict, query_code: str) -> dict[str, str]:
    return {k: v for k, v in state.get("s", {}).items() if k != query_code}


def _store(request: HttpRequest, response: HttpResponse, state: dict) -> HttpResponse:
    vars(request)[_CACHED] = state
    response.set_cookie(
        COOKIE,
        signing.dumps(state, salt=_SALT, compress=True),
        max_age=settings.SESSION_COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


def forget(response: HttpResponse) -> HttpResponse:
    response.delete_cookie(COOKIE, samesite="Lax")
    return response
