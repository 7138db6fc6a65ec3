"""Django's static-file finders, refusing paths outside their folders with "not found" instead of an error.

``runserver --insecure`` (how ``bin/run`` serves static files) asks the finders for the requested path;
Django's own finders raise ``SuspiciousFileOperation`` for ``/static/%2e%2e/settings.py``, which the static
handler does not catch, so the visitor got a 500. A path that leaves the static folders is simply not a
static file: these finders say so, and the handler answers 404. Production serves ``var/static/`` from the
front web server and never reaches them.
"""

from __future__ import annotations

from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation


class _Refusing:
    def find(self, path, find_all=False, **kwargs):
        try:
            return super().find(path, find_all, **kwargs)  # type: ignore[misc]
        except SuspiciousFileOperation:
            return []  # what Django's finders return for "not found", with or without find_all


class FileSystemFinder(_Refusing, finders.FileSystemFinder):
    pass


class AppDirectoriesFinder(_Refusing, finders.AppDirectoriesFinder):
    pass
