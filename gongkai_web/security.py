"""Response headers that Django's SecurityMiddleware and django-csp do not send.

``Permissions-Policy`` switches off browser features that no page of the platform uses, so that a script
injected into a page (or a page framed despite ``frame-ancestors 'none'``) cannot ask a visitor for the
camera, the microphone or the location. Attaching a scanned document goes through the ordinary file
chooser (``<input type=file>``), which these features do not govern."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

#: Only features Chromium and Firefox recognise: an unknown one is reported as an error in the console.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class PermissionsPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
