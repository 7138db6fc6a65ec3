"""Providers of entries, registered by the domains in their ``AppConfig.ready`` (the search app imports
no domain): re-indexing walks each provider's records in key order, in batches, so that a re-index of a
province's library can stop and resume (``manage.py reindex_search``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from gongkai.search.entry import Entry


@dataclass(frozen=True)
class Provider:
    kind: str
    #: Entries with key > after, in key order, at most ``limit``.
    batch: Callable[[int, int], Iterable[Entry]]
    #: How many records the provider has (for the progress bar).
    count: Callable[[], int]


_PROVIDERS: dict[str, Provider] = {}


def register(provider: Provider) -> None:
    _PROVIDERS[provider.kind] = provider


def providers() -> dict[str, Provider]:
    return dict(_PROVIDERS)
