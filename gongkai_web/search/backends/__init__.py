"""The back ends behind one interface (``Backend``): ``like`` (a naive substring scan, the baseline of the
benchmarks), and the full-text ones. ``GONGKAI_SEARCH_BACKEND`` chooses; unset, the database's own."""

from __future__ import annotations

from django.conf import settings
from django.utils.module_loading import import_string

from .base import Backend

BACKENDS = {
    "like": "gongkai_web.search.backends.like.LikeBackend",
}


def backend(name: str | None = None) -> Backend:
    chosen = name or getattr(settings, "GONGKAI_SEARCH_BACKEND", "") or "like"
    return import_string(BACKENDS[chosen])()
