"""``manage.py reindex_search [--kind K] [--batch-size N] [--after KIND:KEY] [--restart] [--rebuild
[--workers N]]``: index every record of every registered provider again (search/reindex.py), resumable
from a checkpoint file; ``--rebuild`` takes the bulk path (backends/bulk.py)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gongkai_web.search import reindex, services


class Command(BaseCommand):
    help = (
        "Index every record of the registered providers again, kind by kind in key order and in batches; "
        "an interrupted run goes on from its checkpoint when started again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--kind", action="append", dest="kinds", help="only this kind (repeatable)")
        parser.add_argument("--batch-size", type=int, default=500, help="entries per batch (default 500)")
        parser.add_argument("--after", help="start after this position, KIND:KEY (e.g. document:1200)")
        parser.add_argument(
            "--checkpoint",
            type=Path,
            default=None,
            help="checkpoint file (default var/reindex_search.checkpoint)",
        )
        parser.add_argument(
            "--restart", action="store_true", help="ignore the checkpoint: start from the first"
        )
        parser.add_argument(
            "--rebuild",
            action="store_true",
            help=(
                "bulk: drop the full-text index, write every entry again (segmented in --workers "
                "processes, COPY on PostgreSQL) and build the index once at the end"
            ),
        )
        parser.add_argument(
            "--workers", type=int, default=2, help="processes that segment during --rebuild (default 2)"
        )

    def handle(self, *args, kinds, batch_size, after, checkpoint, restart, rebuild, workers, **options):
        checkpoint = checkpoint or Path(settings.VAR_DIR) / "reindex_search.checkpoint"
        if restart:
            checkpoint.unlink(missing_ok=True)
        try:
            position = reindex.parse_position(after) if after else None
            with _progress(self.stdout) as progress, _loading(rebuild, workers) as write:
                result = reindex.reindex(
                    kinds=kinds,
                    batch_size=batch_size,
                    after=position,
                    checkpoint=checkpoint,
                    progress=progress,
                    write=write,
                )
        except reindex.ReindexError as exc:
            raise CommandError(exc.message) from None
        if result.resumed_after is not None:
            self.stdout.write(_("Went on after %(position)s.") % {"position": result.resumed_after})
        self.stdout.write(
            _("Re-indexed %(indexed)s entries; removed %(removed)s that no record gives any more.")
            % {"indexed": result.indexed, "removed": result.removed}
        )


@contextmanager
def _loading(rebuild: bool, workers: int) -> Iterator[reindex.Write | None]:
    """With --rebuild, the bulk path (services.bulk_loading: the index is built once, at the end —
    also when the run goes on from a checkpoint); else the ordinary writes."""
    if not rebuild:
        yield None
        return
    with services.bulk_loading(workers=workers) as loader:
        yield loader.write


class _progress:
    """A rich progress bar on a terminal; otherwise (cron, logs, tests) one line per kind at its end."""

    def __init__(self, stdout):
        self.stdout = stdout
        self.bar = None
        self.tasks: dict[str, int] = {}
        self.last: dict[str, tuple[int, int]] = {}

    def __enter__(self):
        if self.stdout.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=Console(file=self.stdout._out),
            )
            self.bar.__enter__()
        return self.update

    def update(self, kind: str, done: int, total: int) -> None:
        self.last[kind] = (done, total)
        if self.bar is None:
            return
        if kind not in self.tasks:
            self.tasks[kind] = self.bar.add_task(kind, total=total)
        self.bar.update(self.tasks[kind], completed=done, total=total)

    def __exit__(self, *exc_info):
        if self.bar is not None:
            self.bar.__exit__(*exc_info)
        elif exc_info[0] is None:
            for kind, (done, total) in self.last.items():
                self.stdout.write(
                    _("%(kind)s: %(done)s of %(total)s") % {"kind": kind, "done": done, "total": total}
                )
        return False
