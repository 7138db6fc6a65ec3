"""``manage.py import_documents 文件.csv|xlsx [--files 文件.zip] [--dry-run]``: 入库 of existing documents,
all rows or none (``publications.services.importing``). A count is printed every ``--every`` rows."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gongkai_web.publications.import_columns import DocumentImportError
from gongkai_web.publications.services.importing import import_documents

EVERY = 500


class Command(BaseCommand):
    help = "Import existing documents into the library from a CSV (UTF-8) or XLSX file (all rows or none)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--files", type=Path, default=None, help="a ZIP of the files named in the file column"
        )
        parser.add_argument("--dry-run", action="store_true", help="check the file, store nothing")
        parser.add_argument("--every", type=int, default=EVERY, help=f"print a count every N rows ({EVERY})")

    def handle(self, *args, file: Path, files: Path | None, dry_run: bool, every: int, **options):
        for given in (file, files):
            if given is not None and not given.is_file():
                raise CommandError(_("File not found: %(file)s") % {"file": given})
        every = max(every, 1)

        def progress(done: int, total: int) -> None:
            if total >= every:
                self.stdout.write(_("%(done)s/%(total)s rows processed...") % {"done": done, "total": total})

        try:
            result = import_documents(file, files=files, dry_run=dry_run, progress=progress)
        except DocumentImportError as exc:
            raise CommandError(exc.message) from None
        if dry_run:
            self.stdout.write(
                _("Checked: %(count)s documents can be imported; nothing was stored (--dry-run).")
                % {"count": result.rows}
            )
            return
        self.stdout.write(
            _("Import done: %(count)s documents, %(effects)s effects and %(files)s files stored.")
            % {"count": len(result.documents), "effects": result.effects, "files": result.files}
        )
