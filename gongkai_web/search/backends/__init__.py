"""The back ends behind one interface (``Backend``): ``like`` (a naive substring scan, the baseline of the
benchmarks), ``fts5`` (SQLite), ``postgres`` (PostgreSQL full text) and, optionally, ``opensearch``. ``GONGKAI_SEARCH_BACKEND``
chooses the one that answers; unset, the database's own (``native``), which is also the one that
writes, whichever answers, so that the database's index never falls behind."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from .base import Backend

BACKENDS = {
    "like": "gongkai_web.search.backends.like.LikeBackend",
    "fts5": "gongkai_web.search.backends.fts5.Fts5Backend",
    "postgres": "gongkai_web.search.backends.postgres.PostgresBackend",
    "opensearch": "gongkai_web.search.backends.opensearch.OpenSearchBackend",
}

#: The database's own full-text back end, by Django's vendor name.
NATIVE = {"sqlite": "fts5", "postgresql": "postgres"}


def native_name() -> str:
    return NATIVE.get(connection.vendor, "like")


def configured_name() -> str:
    """``GONGKAI_SEARCH_BACKEND`` (setting, else environment), else the database's own."""
    chosen = getattr(settings, "GONGKAI_SEARCH_BACKEND", "") or os.environ.get("GONGKAI_SEARCH_BACKEND", "")
    return chosen.strip().lower() or native_name()


def backend(name: str | None = None) -> Backend:
    chosen = name or configured_name()
    if chosen not in BACKENDS:
        raise ImproperlyConfigured(
            _("Unknown search back end “%(name)s”: GONGKAI_SEARCH_BACKEND must be one of %(names)s.")
            % {"name": chosen, "names": ", ".join(BACKENDS)}
        )
    backend_class: type[Backend] = import_string(BACKENDS[chosen])
    return backend_class()


def native() -> Backend:
    """The back end whose structures live in this database: it writes every entry."""
    return backend(native_name())


def writers() -> list[Backend]:
    """Who writes an entry: the database's own back end, and the configured one too when it keeps an
    index outside the database (OpenSearch)."""
    found = [native()]
    configured = configured_name()
    if configured != found[0].name and getattr(chosen := backend(configured), "external", False):
        found.append(chosen)
    return found
