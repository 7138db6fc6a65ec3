"""Restoring a backup: ``open_backup`` checks and unpacks the archive (nothing current is touched), and
the ``StagedBackup`` it gives replaces the database, then MEDIA_ROOT's contents, then counts the rows
of every table against the manifest."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils.translation import gettext as _

from gongkai.labels import CLAUSE_SEMICOLON
from gongkai_web.storage import WORK_PREFIX

from .layout import (
    DATABASE_MEMBERS,
    MEDIA,
    BackupError,
    Progress,
    describe_database,
    no_progress,
    os_error_text,
)
from .media import replace_media
from .postgresql_snapshot import restore_postgresql
from .sqlite_snapshot import restore_sqlite
from .tables import count_rows
from .verify import check_compatible, unpack_verified

#: How many differing tables a failed count lists.
LISTED_DIFFERENCES = 10


@dataclass
class RestoreResult:
    manifest: dict
    dropped_tables: list[str] = field(default_factory=list)
    pending_migrations: list[str] = field(default_factory=list)


@dataclass
class StagedBackup:
    """An archive checked against its manifest and unpacked, ready to replace the current data."""

    path: Path
    manifest: dict
    staging: Path
    media_root: Path
    using: str

    @property
    def database_file(self) -> Path:
        return self.staging / DATABASE_MEMBERS[self.manifest["vendor"]]

    def restore(self, *, progress: Progress = no_progress) -> RestoreResult:
        conn = connections[self.using]
        if conn.in_atomic_block:
            raise BackupError(
                _("Cannot restore inside a database transaction: call it outside a transaction.")
            )
        result = RestoreResult(manifest=self.manifest)
        progress(_("restoring the database"), 0, None)
        if conn.vendor == "sqlite":
            restore_sqlite(conn, self.database_file)
        else:
            result.dropped_tables = restore_postgresql(conn, self.database_file, self.manifest["tables"])
        progress(_("restoring the files"), 0, None)
        replace_media(self.media_root, self.staging, self.staging / MEDIA)
        progress(_("checking the row counts"), 0, None)
        _check_counts(conn, self.manifest["tables"])
        result.pending_migrations = _pending_migrations(conn)
        return result


@contextmanager
def open_backup(
    path: Path, *, using: str = "default", progress: Progress = no_progress
) -> Iterator[StagedBackup]:
    """Check the archive completely and unpack it (nothing of the current data is touched); refuse a
    damaged or foreign archive, another database vendor, or a backup from newer code. The unpacked
    copy is removed when the block ends, restored or not."""
    conn = connections[using]
    path = Path(path)
    if not path.is_file():
        raise BackupError(_("Backup file not found: %(path)s. Check the path.") % {"path": path})
    media_root = Path(settings.MEDIA_ROOT).absolute()
    staging = _staging_directory(media_root)
    try:
        manifest = unpack_verified(path, staging, progress)
        check_compatible(manifest, conn)
        yield StagedBackup(path=path, manifest=manifest, staging=staging, media_root=media_root, using=using)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _staging_directory(media_root: Path) -> Path:
    """Inside MEDIA_ROOT, so that putting the unpacked files in place is a rename on one file system."""
    try:
        media_root.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=WORK_PREFIX + "restore-", dir=media_root))
    except OSError as exc:
        raise BackupError(
            _(
                "Cannot unpack the backup in the files directory MEDIA_ROOT (%(media_root)s): %(error)s. "
                "Check the directory's permissions and free space."
            )
            % {"media_root": media_root, "error": os_error_text(exc)}
        ) from None


def _check_counts(conn, expected: dict[str, int]) -> None:
    with conn.cursor() as cursor:
        actual = count_rows(cursor, conn.vendor)
    no_table = _("no such table")
    differences = [
        _("%(table)s: backup %(expected)s, after the restore %(actual)s")
        % {"table": key, "expected": expected.get(key, no_table), "actual": actual.get(key, no_table)}
        for key in sorted(expected.keys() | actual.keys())
        if expected.get(key) != actual.get(key)
    ]
    if differences:
        raise BackupError(
            _(
                "After the restore the row counts of %(database)s differ from the backup's manifest "
                "(%(differences)s). Stop the platform and restore again; if they still differ, keep the "
                "backup file and report the problem."
            )
            % {
                "database": describe_database(conn.alias),
                "differences": CLAUSE_SEMICOLON.join(differences[:LISTED_DIFFERENCES]),
            }
        )


def _pending_migrations(conn) -> list[str]:
    """Migrations of this code the restored database has not applied yet: the operator runs migrate."""
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(conn)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]
