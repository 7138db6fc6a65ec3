"""Limits on guessing: logins, signups and query-code lookups.

Logins of every kind (staff and applicants, and the admin, whose login page sends to the same one) go
through ``authenticate()``, where django-axes counts failures per account and client address together
in the database (settings ``AXES_*``); ``locked_out`` answers the attempt after the limit, and a
lockout is not extended by attempts during it, so no stranger can keep an owner locked out. Failures
per account from every address, and per client address for every account, are counted apart with
higher limits (``accounts.views.LoginView``), so that a guesser using many addresses is stopped and
one mistyping person does not lock out an office behind one address. Signups, the second-factor page
and the query-code form are counted by django-ratelimit in the shared ``throttle`` cache
(``throttled``). Every refusal is said in Chinese with the time to wait and answered 429; the audit
trail gets one entry per refused attempt kind, key and window (``record_refusal``), not one per request.
"""

from __future__ import annotations

import hashlib
import math
import unicodedata

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_ratelimit.core import get_usage

from gongkai_web.audit.services import log


def client_address(request: HttpRequest) -> str:
    """The client's address: ``REMOTE_ADDR``, or behind ``GONGKAI_PROXY_COUNT`` trusted reverse proxies
    the entry the nearest of them appended to ``X-Forwarded-For`` (entries to its left are the client's
    own words and could name any address)."""
    proxies = settings.GONGKAI_PROXY_COUNT
    if proxies:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR") or "0.0.0.0"


def _minutes(seconds: float) -> int:
    return max(1, math.ceil(seconds / 60))


#: Why a visitor is refused, said the way they would understand it.
LOGIN_REASON = gettext_lazy("Too many failed logins for this account or from this network address.")
SIGNUP_REASON = gettext_lazy("Too many accounts registered from this network address.")
TRACK_REASON = gettext_lazy("Too many wrong query codes or query passwords.")
SECOND_FACTOR_REASON = gettext_lazy("Too many wrong login passwords or codes.")


def throttle_actor() -> str:
    """The actor of the audit entry of a refusal by the login limits."""
    return _("system (login limits)")


#: How long one audit entry stands for the refusals after it, when the caller does not say.
REFUSAL_AUDIT_SECONDS = 15 * 60


def normalised_username(username: str) -> str:
    """The name a per-account count is kept under: NFKC (full-width letters as typed with a Chinese
    input method) and lower case, so that variants of one name share one count."""
    return unicodedata.normalize("NFKC", username or "").strip().lower()[:150]


def refusal(request: HttpRequest, *, reason: str | Promise, wait_minutes: int) -> HttpResponse:
    """The page a throttled visitor sees: why, how long to wait, what else to do."""
    response = render(
        request, "accounts/throttled.html", {"reason": reason, "wait_minutes": wait_minutes}, status=429
    )
    response["Retry-After"] = str(wait_minutes * 60)
    return response


def record_refusal(
    request: HttpRequest,
    action: str,
    *,
    subject=None,
    actor_label: str = "",
    data: dict | None = None,
    wait_minutes: int | None = None,
):
    """Write a refusal to the audit trail: ``action`` on ``subject`` (the account or application the
    attempt named, if any), with the client's address and what was tried. Only the first refusal of a
    window (``wait_minutes``, else ``REFUSAL_AUDIT_SECONDS``) per action, address, subject and name
    tried is written (``cache.add`` on the throttle cache), so that a flood of refused requests does not
    flood the audit trail; None for the ones not written."""
    address = client_address(request)
    data = {"address": address, **(data or {})}
    subject_key = f"{subject._meta.label_lower}:{subject.pk}" if subject is not None else ""
    tried = "\0".join(str(data.get(k, "")) for k in ("username", "query_code"))
    digest = hashlib.sha256("\0".join((action, address, subject_key, tried)).encode()).hexdigest()
    seconds = wait_minutes * 60 if wait_minutes else REFUSAL_AUDIT_SECONDS
    if not caches[settings.RATELIMIT_USE_CACHE].add(f"gongkai:refusal:{digest}", 1, seconds):
        return None
    return log(subject, action, actor_label=actor_label, data=data)


def locked_out(request: HttpRequest, original_response, credentials: dict | None) -> HttpResponse:
    """django-axes' lockout answer (``AXES_LOCKOUT_CALLABLE``): a Chinese page and an audit entry on the
    account (on no record for a name that has no account)."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    subject = get_user_model().objects.filter(username=username).first() if username else None
    wait = _minutes(settings.AXES_COOLOFF_TIME * 3600)
    record_refusal(
        request,
        "accounts.login_locked_out",
        subject=subject,
        actor_label=throttle_actor(),
        data={"username": username[:150], "path": request.path[:200]},
        wait_minutes=wait,
    )
    return refusal(request, reason=LOGIN_REASON, wait_minutes=wait)


def throttled(request: HttpRequest, group: str, rate: str, key="ip", *, increment: bool = True) -> int | None:
    """Count this request against ``rate`` (django-ratelimit's ``5/h`` form) per ``key``; the minutes
    until the window ends when over it, else None."""
    usage = get_usage(request, group=group, key=key, rate=rate, increment=increment)
    if usage is None:
        return None
    # Counting this request, over the limit; only looking (before acting), already at it.
    over = usage["count"] > usage["limit"] if increment else usage["count"] >= usage["limit"]
    return _minutes(usage["time_left"]) if over else None
