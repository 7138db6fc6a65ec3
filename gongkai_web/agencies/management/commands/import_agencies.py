"""``manage.py import_agencies 文件.csv|xlsx``: create or update the agency directory, all rows or none.

On a terminal a rich progress bar follows the save; otherwise (cron, logs, tests) a count is printed
every ``--every`` rows for files of at least that many rows."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

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
            raise CommandError(f"找不到文件：{file}")
        try:
            if self.stdout.isatty():
                result = self._with_bar(file)
            else:
                result = import_agencies(file, progress=self._counter(max(every, 1)))
        except AgencyImportError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(
            f"导入完成：新增 {len(result.created)} 个机关，更新 {len(result.updated)} 个，"
            f"未变 {len(result.unchanged)} 个（共 {result.total} 行）。"
        )

    def _counter(self, every: int):
        def progress(done: int, total: int) -> None:
            if total >= every and (done % every == 0 or done == total):
                self.stdout.write(f"已处理 {done}/{total} 行……")

        return progress

    def _with_bar(self, file: Path):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        console = Console(file=self.stdout._out)
        columns = (TextColumn("导入机关"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
        with Progress(*columns, console=console, transient=True) as bar:
            task = bar.add_task("import", total=None)
            return import_agencies(
                file, progress=lambda done, total: bar.update(task, completed=done, total=total)
            )
