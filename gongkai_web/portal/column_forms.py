"""The list's filters as the public sends them (a plain GET, every value optional): read and checked
against the choices offered; a value that is not one of them is ignored (a stale bookmark still opens
the list, unfiltered on that point). Nothing here changes state."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import QueryDict

from gongkai import labels
from gongkai.search.entry import DATE, RELEVANCE

from .column_queries import Filters

MAX_TEXT = 100
VALIDITY_CHOICES = (
    ("in_force", labels.VALIDITY_FILTER_IN_FORCE),
    ("ended", labels.VALIDITY_FILTER_ENDED),
    ("", labels.VALIDITY_FILTER_ALL),
)
SORTS = (RELEVANCE, DATE)


@dataclass(frozen=True)
class Choices:
    issuers: list[tuple[int, str]]
    years: list[int]
    topics: list[str]
    genres: list[str]
    #: The issuers as ``<optgroup>`` choices (the site search's some 420 agencies, by level and 区县);
    #: empty where the flat list is short enough (an agency's column).
    issuer_groups: list[tuple[str, list[tuple[int, str]]]] = field(default_factory=list)


def _int(value: str | None) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else None


def read_filters(data: QueryDict, choices: Choices) -> Filters:
    issuer = _int(data.get("issuer"))
    year = _int(data.get("year"))
    topic, genre = data.get("topic", ""), data.get("genre", "")
    validity, sort = data.get("validity", ""), data.get("sort", "")
    return Filters(
        text=" ".join(data.get("q", "").split())[:MAX_TEXT],
        issuer=issuer if issuer in {pk for pk, _ in choices.issuers} else None,
        year=year if year in choices.years else None,
        topic=topic if topic in choices.topics else "",
        genre=genre if genre in choices.genres else "",
        validity=validity if validity in {v for v, _ in VALIDITY_CHOICES} else "",
        # Relevance by default: without words the engine orders by date anyway.
        sort=sort if sort in SORTS else RELEVANCE,
        page=_int(data.get("page")) or 1,
    )
