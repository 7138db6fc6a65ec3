from __future__ import annotations

from gongkai.search.entry import SearchPage, SearchRequest

from .backends import backend


def search(request: SearchRequest, *, using: str | None = None) -> SearchPage:
    """Answer a search with the configured back end (``GONGKAI_SEARCH_BACKEND``) or the one named."""
    return backend(using).search(request)
