"""Re-indexing the whole library from the providers (``registry``): each kind in turn, in key order,
in batches, so that a province's library can be re-indexed in the background, stopped and resumed.

After each batch the position (``kind:key`` of its last entry) is written to a checkpoint file;
``reindex`` started again with that file goes on after it (or from ``after``). Entries in the index
that the provider no longer gives (a record withdrawn while nobody told the index) are removed as the
walk passes their keys, so that a full run leaves the index exactly as the providers are."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from gongkai.errors import GongkaiError
from gongkai.search.entry import Entry

from . import registry, services
from .models import SearchEntry

#: progress(kind, done, total): called after each batch.
Progress = Callable[[str, int, int], None]
#: write(entries) → how many were written: ``services.index_entries``, or a bulk loader's ``write``.
Write = Callable[[list[Entry]], int]


class ReindexError(GongkaiError):
    code = "search.reindex"


@dataclass(frozen=True, order=True)
class Position:
    kind: str
    key: int

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}"


@dataclass
class ReindexResult:
    indexed: int = 0
    removed: int = 0
    resumed_after: Position | None = None


def parse_position(text: str) -> Position:
    kind, _sep, key = text.strip().partition(":")
    try:
        return Position(kind, int(key))
    except ValueError:
        raise ReindexError(
            _("“%(text)s” is not a position: write KIND:KEY, for example document:1200.") % {"text": text}
        ) from None


def reindex(
    *,
    kinds: list[str] | None = None,
    batch_size: int = 500,
    after: Position | None = None,
    checkpoint: Path | None = None,
    progress: Progress | None = None,
    write: Write | None = None,
) -> ReindexResult:
    """Walk the providers (see the module's docstring); ``write`` is how a batch is written — by
    default ``services.index_entries``; ``reindex_search --rebuild`` passes a bulk loader's."""
    if batch_size < 1:
        raise ReindexError(_("The batch size must be a whole number of at least 1."))
    chosen = _providers(kinds)
    if after is None and checkpoint is not None and checkpoint.is_file():
        after = parse_position(checkpoint.read_text(encoding="utf-8"))
    result = ReindexResult(resumed_after=after)
    for provider in chosen:
        if after is not None and provider.kind < after.kind:
            continue
        start = after.key if after is not None and provider.kind == after.kind else 0
        _walk(provider, start, batch_size, checkpoint, progress, result, write or services.index_entries)
    if checkpoint is not None:
        checkpoint.unlink(missing_ok=True)
    return result


def _providers(kinds: list[str] | None) -> list[registry.Provider]:
    known = registry.providers()
    unknown = sorted(set(kinds or ()) - set(known))
    if unknown:
        raise ReindexError(
            _("No provider of entries of kind %(kinds)s; the registered kinds are: %(known)s.")
            % {"kinds": ", ".join(unknown), "known": ", ".join(sorted(known)) or "-"}
        )
    return [known[kind] for kind in sorted(known) if not kinds or kind in kinds]


def _walk(
    provider: registry.Provider,
    after: int,
    batch_size: int,
    checkpoint: Path | None,
    progress: Progress | None,
    result: ReindexResult,
    write: Write,
) -> None:
    total = provider.count()
    done = 0
    while True:
        batch = list(provider.batch(after, batch_size))
        if not batch:
            break
        last = batch[-1].key
        result.indexed += write(batch)
        result.removed += _prune(provider.kind, after, last, {entry.key for entry in batch})
        after = last
        done += len(batch)
        if checkpoint is not None:
            _write(checkpoint, Position(provider.kind, after))
        if progress is not None:
            progress(provider.kind, done, max(total, done))
        if len(batch) < batch_size:
            break
    result.removed += _prune(provider.kind, after, None, set())


def _prune(kind: str, after: int, last: int | None, given: set[int]) -> int:
    """Remove the index's entries of ``kind`` with after < key ≤ last that the provider did not give."""
    rows = SearchEntry.objects.filter(kind=kind, key__gt=after)
    if last is not None:
        rows = rows.filter(key__lte=last)
    stale = [key for key in rows.values_list("key", flat=True) if key not in given]
    return services.remove_entries(kind, stale) if stale else 0


def _write(checkpoint: Path, position: Position) -> None:
    checkpoint.parent.mkdir(parents=True, exist_ok=True)
    partial = checkpoint.with_name(checkpoint.name + ".part")
    partial.write_text(str(position), encoding="utf-8")
    partial.replace(checkpoint)
