"""``manage.py restore 备份文件 [--yes] [--check]``: replace the database and the uploaded files with a
backup's, after checking every byte of it against its manifest (backups/archive.py)."""

import sys
from contextlib import ExitStack
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from gongkai.labels import ENUMERATION_COMMA
from gongkai_web.backups import archive
from gongkai_web.backups.progress import console_progress

from .backup import size


class Command(BaseCommand):
    help = (
        "Restore the database and the uploaded files from a backup made by manage.py backup "
        "(checked against its manifest first; the current data are replaced)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="the backup archive")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")
        parser.add_argument(
            "--check",
            action="store_true",
            help="only check the archive (checksums, vendor, migrations); change nothing",
        )

    def handle(self, *args, path: Path, yes: bool, check: bool, **options):
        try:
            with ExitStack() as stack:
                with console_progress(self.stdout) as progress:
                    staged = stack.enter_context(archive.open_backup(path, progress=progress))
                self.stdout.write(self._summary(staged))
                if check:
                    self.stdout.write(
                        _(
                            "Check passed: the backup is complete and can be restored to the configured "
                            "database. Nothing was changed."
                        )
                    )
                    return
                if not yes:
                    self._confirm()
                with console_progress(self.stdout) as progress:
                    result = staged.restore(progress=progress)
        except archive.BackupError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(
            _(
                "Restore complete: %(database)s and the file directory %(media)s match the backup, "
                "and every table's row count matches the manifest."
            )
            % {"database": archive.describe_database(), "media": settings.MEDIA_ROOT}
        )
        if result.dropped_tables:
            self.stdout.write(
                _("Tables not in the backup were dropped: %(tables)s.")
                % {"tables": ENUMERATION_COMMA.join(result.dropped_tables)}
            )
        if result.pending_migrations:
            pending = result.pending_migrations
            names = ENUMERATION_COMMA.join(pending[:5])
            if len(pending) > 5:
                names = _("%(names)s and others") % {"names": names}
            self.stdout.write(
                _(
                    "Note: this backup is older than the code: %(count)s migrations have not run "
                    "(%(names)s). Run manage.py migrate before starting the platform."
                )
                % {"count": len(pending), "names": names}
            )
        else:
            self.stdout.write(_("If the platform is running, restart its worker processes."))

    def _summary(self, staged: archive.StagedBackup) -> str:
        manifest = staged.manifest
        created = parse_datetime(manifest.get("created_at") or "")
        when = timezone.localtime(created).strftime("%Y-%m-%d %H:%M:%S") if created else _("unknown time")
        return _(
            "Backup %(path)s: made %(when)s, %(vendor)s database with %(tables)s tables and %(rows)s rows, "
            "%(files)s files (%(file_size)s); every checksum matches."
        ) % {
            "path": staged.path,
            "when": when,
            "vendor": archive.VENDOR_NAMES[manifest["vendor"]],
            "tables": len(manifest["tables"]),
            "rows": manifest["rows"],
            "files": len(manifest["files"]),
            "file_size": size(manifest["file_bytes"]),
        }

    def _confirm(self) -> None:
        target = {"database": archive.describe_database(), "media": settings.MEDIA_ROOT}
        if not sys.stdin.isatty():
            raise CommandError(
                _(
                    "Restoring replaces all current data of %(database)s and the file directory %(media)s "
                    "with the backup's. When you are sure, run again with --yes (nothing is asked when not "
                    "run in a terminal). Nothing was changed."
                )
                % target
            )
        answer = input(
            _(
                "Restoring replaces all current data of %(database)s and the file directory %(media)s "
                "with the backup's and cannot be undone. Type yes to go on:"
            )
            % target
        )
        if answer.strip().lower() != "yes":
            raise CommandError(_("Restore cancelled; nothing was changed."))
