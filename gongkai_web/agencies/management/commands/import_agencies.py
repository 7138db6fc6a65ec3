"""``manage.py import_agencies 文件.csv|xlsx``: create or update the agency directory, all rows or none.

On a terminal a rich progress bar follows the save; otherwise (cron, logs, tests) a count is printed
every ``--every`` rows for files of at least that many rows."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gongkai_web.agencies.importing import AgencyImportError, import_agencies

EVERY = 500


class Command(BaseCommand):
    help = "Import or update the agency directory from a CSV (UTF-8) or XLSX file (all rows or none)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--every",
            type=int,
            default=EVERY,
            help=f"print a count every N saved rows when not on a terminal (default {EVERY})",
        )

    def handle(self, *args, file: Path, every: int, **options):
        if not file.is_file():
            raise CommandError(_("File not found: %(file)s") % {"file": file})
        try:
            if self.stdout.isatty():
                result = self._with_bar(file)
            else:
                result = import_agencies(file, progress=self._counter(max(every, 1)))
        except AgencyImportError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(
            _(
                "Import done: %(created)s agencies added, %(updated)s updated, %(unchanged)s unchanged "
                "(%(total)s rows)."
            )
            % {
                "created": len(result.created),
                "updated": len(result.updated),
                "unchanged": len(result.unchanged),
                "total": result.total,
            }
        )

    def _counter(self, every: int):
        def progress(done: int, total: int) -> None:
            if total >= every and (done % every == 0 or done == total):
                self.stdout.write(_("%(done)s/%(total)s rows processed...") % {"done": done, "total": total})

        return progress

    def _with_bar(self, file: Path):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        # OutputWrapper's wrapped stream; django-stubs declares no _out (its __getattr__ gives a Callable).
        console = Console(file=self.stdout._out)  # type: ignore[arg-type]
        columns = (
            TextColumn(_("Importing agencies")),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
        )
        with Progress(*columns, console=console, transient=True) as bar:
            task = bar.add_task("import", total=None)
            return import_agencies(
                file, progress=lambda done, total: bar.update(task, completed=done, total=total)
            )
