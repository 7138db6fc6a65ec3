"""Response headers that Django's SecurityMiddleware and django-csp do not send.

``Permissions-Policy`` switches off browser features that no page of the platform uses, so that a script
injected into a page (or a page framed despite ``frame-ancestors 'none'``) cannot ask a visitor for the
camera, the microphone or the location. Attaching a scanned document goes through the ordinary file
chooser (``<input type=file>``), which these features do not govern."""

from __future__ import annotations

from collections.abc import Callable

from csp.middleware import CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase

#: Only features Chromium and Firefox recognise: an unknown one is reported as an error in the console.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class PermissionsPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class FixedPolicyCSPMiddleware(CSPMiddleware):
    """django-csp's middleware with the header built once instead of for every response.

    The platform's policy is the same for every page (no nonces, no per-view decorators), yet the
    library rebuilds the header string from the settings twice per response (~0.1 ms, a quarter of a
    cached page's cost, bench/intake_load.py). Here the library builds it once per policy setting and
    every plain response gets that string; a response that asks for anything the fixed header cannot
    express (a per-view config, update or replace, a nonce used, report-only policies, excluded
    prefixes) goes through the library's own path. ``GONGKAI_FAST_CSP=0`` always takes that path; a
    test checks both paths give the same header on every page."""

    _PER_RESPONSE = (
        "_csp_config",
        "_csp_update",
        "_csp_replace",
        "_csp_exempt",
        "_csp_config_ro",
        "_csp_update_ro",
        "_csp_replace_ro",
    )

    def __init__(self, get_response):
        super().__init__(get_response)
        self._built_for: object = None
        self._header = ""

    def _fixed_header(self) -> str | None:
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", None)
        if (
            getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
            or not policy
            or policy.get("EXCLUDE_URL_PREFIXES")
        ):
            return None
        if policy is not self._built_for:  # first use, or the setting was replaced (override_settings)
            self._header, self._built_for = build_policy(), policy
        return self._header

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        fast = (
            settings.GONGKAI_FAST_CSP
            and getattr(request, "_csp_nonce", None) is None
            and not any(hasattr(response, name) for name in self._PER_RESPONSE)
        )
        header = self._fixed_header() if fast else None
        if header is None or (settings.DEBUG and response.status_code in (404, 500)):
            return super().process_response(request, response)
        response.headers.setdefault("Content-Security-Policy", header)
        return response
