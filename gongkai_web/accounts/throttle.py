"""Limits on guessing: logins, signups and query-code lookups.

Logins of every kind (staff and applicants, and the admin, whose login page sends to the same one) go
through ``authenticate()``, where django-axes counts failures per account in the database (settings
``AXES_*``); ``locked_out`` answers the attempt after the limit. Failures per client address are
counted apart with a higher limit (``accounts.views.LoginView``), so that one mistyping person does
not lock out an office behind one address. Signups and
the query-code form are counted by django-ratelimit in the shared ``throttle`` cache (``throttled``).
Every refusal is said in Chinese with the time to wait, answered 429, and written to the audit trail.
"""

from __future__ import annotations

import math

from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
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
LOGIN_REASON = "该账户或本网络地址的登录失败次数过多。"
SIGNUP_REASON = "本网络地址注册的账户过多。"
TRACK_REASON = "查询码或查询密码输入错误的次数过多。"


def refusal(request: HttpRequest, *, reason: str, wait_minutes: int) -> HttpResponse:
    """The page a throttled visitor sees: why, how long to wait, what else to do."""
    response = render(request, "accounts/throttled.html", {"reason": reason, "wait_minutes": wait_minutes},
                      status=429)
    response["Retry-After"] = str(wait_minutes * 60)
    return response


def locked_out(request: HttpRequest, original_response, credentials: dict | None) -> HttpResponse:  # noqa: ARG001
    """django-axes' lockout answer (``AXES_LOCKOUT_CALLABLE``): a Chinese page and an audit entry on the
    account (on no record for a name that has no account)."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    subject = get_user_model().objects.filter(username=username).first() if username else None
    log(subject, "accounts.login_locked_out", actor_label="系统（登录限制）",
        data={"username": username[:150], "address": client_address(request), "path": request.path[:200]})
    return refusal(request, reason=LOGIN_REASON, wait_minutes=_minutes(settings.AXES_COOLOFF_TIME * 3600))


def throttled(request: HttpRequest, group: str, rate: str, key="ip", *, increment: bool = True) -> int | None:
    """Count this request against ``rate`` (django-ratelimit's ``5/h`` form) per ``key``; the minutes
    until the window ends when over it, else None."""
    usage = get_usage(request, group=group, key=key, rate=rate, increment=increment)
    if usage is None:
        return None
    # Counting this request, over the limit; only looking (before acting), already at it.
    over = usage["count"] > usage["limit"] if increment else usage["count"] >= usage["limit"]
    return _minutes(usage["time_left"]) if over else None
