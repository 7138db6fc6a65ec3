"""``manage.py backup [--output 文件]``: the database and the uploaded files in one archive, with a
manifest of checksums and row counts (backups/archive.py). Safe while the platform runs."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gongkai.labels import ENUMERATION_COMMA
from gongkai_web.backups import archive
from gongkai_web.backups.progress import console_progress


def size(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} B"  # unreachable


class Command(BaseCommand):
    help = (
        "Back up the database and the uploaded files (MEDIA_ROOT) into one archive with a manifest of "
        "checksums and row counts; safe while the platform runs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            "-o",
            type=Path,
            default=None,
            help="archive to write (.tar.gz; a name ending in .tar is not compressed); "
            "default var/backups/gongkai-YYYYMMDD-HHMMSS.tar.gz",
        )

    def handle(self, *args, output: Path | None, **options):
        output = output or archive.default_output()
        try:
            with console_progress(self.stdout) as progress:
                result = archive.create_backup(output, progress=progress)
        except archive.BackupError as exc:
            raise CommandError(exc.message) from None
        manifest = result.manifest
        self.stdout.write(
            _(
                "Backup complete: %(path)s (%(size)s). %(database)s: %(tables)s tables, %(rows)s rows; "
                "%(files)s files (%(file_size)s)."
            )
            % {
                "path": result.path,
                "size": size(result.size),
                "database": archive.describe_database(),
                "tables": len(manifest["tables"]),
                "rows": manifest["rows"],
                "files": len(manifest["files"]),
                "file_size": size(manifest["file_bytes"]),
            }
        )
        if manifest["skipped"]:
            self.stderr.write(
                _(
                    "Note: %(count)s entries of the file directory are not regular files "
                    "(symbolic links, say) and were not backed up: %(names)s"
                )
                % {
                    "count": len(manifest["skipped"]),
                    "names": ENUMERATION_COMMA.join(manifest["skipped"][:10]),
                }
            )
