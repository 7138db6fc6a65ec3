"""Backup and restore of a whole installation: the database and the files under MEDIA_ROOT (uploaded
attachments; letters are rows of the database) in one archive, with a manifest that lets a restore
check every byte before it changes anything.

The archive is a tar file (gzip-compressed unless its name ends in ``.tar``)::

    database/gongkai.sqlite3   SQLite: an online backup (sqlite3 backup API) of the live database
    database/gongkai.pgdump    PostgreSQL: ``pg_dump --format=custom`` of the configured database
    media/…                    every file under MEDIA_ROOT except the platform's own ``.gongkai-*`` work files
    manifest.json              created at, vendor, versions, applied migrations, rows per table,
                               size and sha256 of every member above
    manifest.sha256            sha256 of manifest.json

Both snapshots are consistent while the platform keeps running: SQLite's backup API copies a
committed state in one step (WAL lets writers go on), and on PostgreSQL ``pg_dump`` runs on a snapshot
exported from a REPEATABLE READ transaction in which the rows are counted, so the counts are those
of the dump. Media files are written once and renamed into place (storage.py), so each file read is
complete. The archive itself is written to a temporary file next to it and renamed when complete.

A restore first unpacks the whole archive into a hidden directory inside MEDIA_ROOT, checking every
member against the manifest; a truncated, corrupted or foreign archive, another database vendor or a
backup from a newer version of the code is refused before the database or the files are touched.
Then the database is replaced (SQLite: the backup API again, into the live database; PostgreSQL: the
script of ``pg_restore --clean --if-exists --no-owner`` run by psql in one transaction, which also
drops tables created since the backup) and MEDIA_ROOT's contents are swapped for the archive's by
renames. Last, the rows of every table are counted against the manifest.

This module writes the archive; the rest lives beside it and is re-exported here, so that callers
need only ``archive``: ``layout`` (members, manifest format, ``BackupError``), ``tables`` (row counts
and migrations), ``sqlite_snapshot`` and ``postgresql_snapshot`` (each vendor's copy out and back in),
``media`` (the files), ``verify`` (checking an archive) and ``restore`` (``open_backup``)."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import django
from django.conf import settings
from django.db import connections
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai_web.storage import WORK_PREFIX, sync_directory

from .layout import (
    CHUNK,
    DATABASE_MEMBERS,
    FORMAT,
    MANIFEST,
    MANIFEST_DIGEST,
    MAX_MANIFEST_BYTES,
    MEDIA,
    VENDOR_NAMES,
    VERSION,
    BackupError,
    Progress,
    check_vendor_supported,
    describe_database,
    no_progress,
    os_error_text,
)
from .media import media_files
from .postgresql_snapshot import dump_postgresql
from .restore import RestoreResult, StagedBackup, open_backup
from .sqlite_snapshot import dump_sqlite

__all__ = [
    "CHUNK",
    "DATABASE_MEMBERS",
    "FORMAT",
    "MANIFEST",
    "MANIFEST_DIGEST",
    "MAX_MANIFEST_BYTES",
    "MEDIA",
    "VENDOR_NAMES",
    "VERSION",
    "BackupError",
    "BackupResult",
    "Progress",
    "RestoreResult",
    "StagedBackup",
    "create_backup",
    "default_output",
    "describe_database",
    "open_backup",
]

#: gzip level of a ``.tar.gz`` archive: most of the gain of 9 at a fraction of the time.
COMPRESS_LEVEL = 6


@dataclass
class BackupResult:
    path: Path
    size: int
    manifest: dict


def default_output() -> Path:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return Path(settings.VAR_DIR) / "backups" / f"gongkai-{stamp}.tar.gz"


def create_backup(output: Path, *, using: str = "default", progress: Progress = no_progress) -> BackupResult:
    conn = connections[using]
    check_vendor_supported(conn.vendor)
    if conn.in_atomic_block:
        raise BackupError(_("Cannot back up inside a database transaction: call it outside a transaction."))
    output = Path(output).absolute()
    media_root = Path(settings.MEDIA_ROOT).absolute()
    _check_output(output, media_root)
    work = _work_directory(output)
    try:
        return _write_archive(conn, output, work, media_root, progress)
    except OSError as exc:
        raise BackupError(
            _(
                "Writing the backup %(output)s failed: %(error)s. Check the directory's permissions and "
                "free space; no incomplete backup file was left behind."
            )
            % {"output": output, "error": os_error_text(exc)}
        ) from None
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _check_output(output: Path, media_root: Path) -> None:
    """A backup inside MEDIA_ROOT would be backed up (and swapped away by a restore) with the files."""
    if output.is_relative_to(media_root):
        raise BackupError(
            _(
                "The backup file cannot be inside the files directory MEDIA_ROOT (%(media_root)s): "
                "choose another place with --output."
            )
            % {"media_root": media_root}
        )
    if output.is_dir():
        raise BackupError(
            _(
                "%(output)s is a directory: give the full path of the backup file with --output, for "
                "example %(example)s."
            )
            % {"output": output, "example": output / "gongkai.tar.gz"}
        )


def _work_directory(output: Path) -> Path:
    """Beside the output, so that the finished archive is renamed into place on one file system."""
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=WORK_PREFIX + "backup-", dir=output.parent))
    except OSError as exc:
        raise BackupError(
            _(
                "Cannot write a backup in %(directory)s: %(error)s. Check the directory's permissions and free space."
            )
            % {"directory": output.parent, "error": os_error_text(exc)}
        ) from None


def _write_archive(conn, output: Path, work: Path, media_root: Path, progress: Progress) -> BackupResult:
    dump = work / "database"
    progress(_("backing up the database"), 0, None)
    if conn.vendor == "sqlite":
        tables, migrations = dump_sqlite(conn, dump)
    else:
        tables, migrations = dump_postgresql(conn, dump)
    files, skipped = media_files(media_root)
    partial = work / "archive.part"
    with _open_archive(partial, compressed=not output.name.endswith(".tar")) as tar:
        progress(_("writing the database"), 0, None)
        database = _add_file(tar, dump, DATABASE_MEMBERS[conn.vendor])
        entries = []
        for done, (path, relative) in enumerate(files, start=1):
            try:
                entries.append(_add_file(tar, path, MEDIA + relative))
            except FileNotFoundError:  # removed since the walk: not part of this backup
                skipped.append(relative)
            progress(_("writing the files"), done, len(files))
        manifest = _manifest(conn.vendor, database, entries, tables, migrations, skipped)
        data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
        _add_bytes(tar, MANIFEST, data)
        _add_bytes(tar, MANIFEST_DIGEST, (hashlib.sha256(data).hexdigest() + "\n").encode())
    os.chmod(partial, 0o600)  # identity proofs and personal data: readable by the owner only
    _fsync(partial)
    os.replace(partial, output)
    sync_directory(str(output.parent))
    return BackupResult(path=output, size=output.stat().st_size, manifest=manifest)


def _manifest(
    vendor: str,
    database: dict,
    files: list[dict],
    tables: dict[str, int],
    migrations: dict[str, list[str]],
    skipped: list[str],
) -> dict:
    return {
        "format": FORMAT,
        "version": VERSION,
        "created_at": timezone.localtime().isoformat(timespec="seconds"),
        "vendor": vendor,
        "django": django.get_version(),
        "gongkai": _package_version(),
        "migrations": migrations,
        "latest_migrations": {app: names[-1] for app, names in migrations.items() if names},
        "tables": tables,
        "rows": sum(tables.values()),
        "database": database,
        "files": files,
        "file_bytes": sum(entry["size"] for entry in files),
        "skipped": sorted(skipped),
    }


def _package_version() -> str:
    try:
        return metadata.version("gongkai")
    except metadata.PackageNotFoundError:
        return ""


class _HashingReader:
    """A file handed to tarfile, hashing what tarfile reads: each member is read only once."""

    def __init__(self, handle):
        self.handle = handle
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.digest.update(data)
        return data


def _add_file(tar: tarfile.TarFile, path: Path, name: str) -> dict:
    with open(path, "rb") as handle:
        stat = os.fstat(handle.fileno())
        info = tarfile.TarInfo(name)
        info.size, info.mtime, info.mode = stat.st_size, int(stat.st_mtime), 0o644
        reader = _HashingReader(handle)
        tar.addfile(info, reader)
    return {"path": name, "size": stat.st_size, "sha256": reader.digest.hexdigest()}


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(data), int(timezone.now().timestamp()), 0o644
    tar.addfile(info, io.BytesIO(data))


def _fsync(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _open_archive(path: Path, *, compressed: bool) -> tarfile.TarFile:
    """A PAX archive for writing; gzip unless the operator asked for a plain ``.tar``."""
    if compressed:
        return tarfile.open(path, "w:gz", format=tarfile.PAX_FORMAT, compresslevel=COMPRESS_LEVEL)
    return tarfile.open(path, "w", format=tarfile.PAX_FORMAT)
