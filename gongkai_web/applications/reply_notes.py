"""Notes a later app puts on a reply draft's preview page, which this app cannot import: the supervision
app's 靠前指导 (a risky draft sent for the supervising office's opinion, pending or given). A provider,
registered at start-up (``AppConfig.ready``), takes the draft and returns its notes; the page shows them
above the letter. A note informs: it never holds a step (the services decide every step)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Note:
    text: str
    link: str = ""
    link_text: str = ""
    pending: bool = False  # shown as a warning: something is awaited


_PROVIDERS: list[Callable[..., list[Note]]] = []


def register(provider: Callable[..., list[Note]]) -> None:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def notes_for(draft) -> list[Note]:
    return [note for provider in _PROVIDERS for note in provider(draft)]
