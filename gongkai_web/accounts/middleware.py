"""A session of an account with the second factor on must have been verified with a code
(``request.user.is_verified()``, django-otp): a session opened before the factor was turned on, or by
any way round the login page, is logged out and sent to the login page."""

from __future__ import annotations

from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect
from django.shortcuts import resolve_url

from . import second_factor


def needs_second_factor(request) -> bool:
    """An authenticated, unverified session of an account with a confirmed device (one query, only
    for such sessions; kept on the request). A request without a session cookie costs nothing."""
    cached = getattr(request, "_gongkai_needs_second_factor", None)
    if cached is None:
        if request.session.session_key is None:
            cached = False
        else:
            user = request.user
            cached = bool(
                user.is_authenticated and not user.is_verified() and second_factor.active_device_exists(user)
            )
        request._gongkai_needs_second_factor = cached
    return cached


class SecondFactorRequiredMiddleware:
    """After ``django_otp.middleware.OTPMiddleware`` (it sets ``is_verified``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not needs_second_factor(request):
            return self.get_response(request)
        logout(request)
        request._gongkai_needs_second_factor = False
        login_url = resolve_url("accounts:login")
        if request.path == login_url:
            return self.get_response(request)  # the login page itself, now for an anonymous visitor
        if request.method in ("GET", "HEAD"):
            return redirect_to_login(request.get_full_path(), login_url)
        return HttpResponseRedirect(login_url)  # a form posted by a logged-out session: nothing done
