"""A letter's words are fixed when it is issued: the composed letter is stored as JSON (``composed``)
and thawed for every rendering, so later changes to the records or to the code's wording never alter
a letter already sent. The DOCX and the PDF are rendered on first request and cached on the row."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

from gongkai import letters as core

from ..models import Letter


def freeze(letter: core.Letter) -> dict[str, Any]:
    """The composed letter as JSON: its words are fixed when it is issued, whatever changes later."""
    data = dataclasses.asdict(letter)
    return {**data, "kind": letter.kind.value, "issued_on": letter.issued_on.isoformat()}


def thaw(data: dict[str, Any]) -> core.Letter:
    """The composed letter back from its JSON (lists become the tuples the core's letter holds)."""
    tuples = {k: tuple(data[k]) for k in ("paragraphs", "closing", "attachments")}
    return core.Letter(
        **{
            **data,
            **tuples,
            "kind": core.LetterKind(data["kind"]),
            "issued_on": dt.date.fromisoformat(data["issued_on"]),
        }
    )


def docx_of(letter: Letter) -> bytes:
    """The DOCX, rendered on first request from the letter as composed at issue, and cached (see ``Letter``)."""
    return _cached_rendering(letter, "docx_cache", core.render_docx)


def pdf_of(letter: Letter) -> bytes:
    """The PDF, rendered on first request from the letter as composed at issue, and cached (see ``Letter``)."""
    return _cached_rendering(letter, "pdf", core.render_pdf)


def _cached_rendering(letter: Letter, field: str, render: Callable[[core.Letter], bytes]) -> bytes:
    if cached := getattr(letter, field):
        return bytes(cached)
    body = render(thaw(letter.composed))
    Letter.objects.filter(pk=letter.pk).update(**{field: body})
    setattr(letter, field, body)
    return body
