"""Checking an archive before a restore: every member is unpacked into a staging directory while its
checksum is computed, then compared with the manifest; a truncated, corrupted or foreign archive,
another database vendor or a backup from newer code is refused before anything current is touched."""

from __future__ import annotations

import gzip
import hashlib
import json
import tarfile
import zlib
from pathlib import Path, PurePosixPath

from django.utils.translation import gettext as _

from gongkai.labels import CLAUSE_SEMICOLON, ENUMERATION_COMMA
from gongkai_web.storage import WORK_PREFIX

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
    os_error_text,
)

#: How many names a message lists before it says "and others".
LISTED_NAMES = 5


def unpack_verified(path: Path, staging: Path, progress: Progress) -> dict:
    """Unpack the archive at ``path`` into ``staging`` and return its manifest, once every member has
    been found as the manifest lists it."""
    members: dict[str, tuple[int, str]] = {}
    meta: dict[str, bytes] = {}
    try:
        with tarfile.open(path, "r:*") as tar:
            for member in tar:
                _unpack_member(path, tar, member, staging, members, meta)
                progress(_("checking and unpacking the backup"), len(members), None)
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise _damaged(path, str(exc) or type(exc).__name__) from None
    except OSError as exc:
        raise BackupError(
            _(
                "Unpacking the backup %(path)s failed: %(error)s. Check the free space of the files "
                "directory MEDIA_ROOT; the current database and files are unchanged."
            )
            % {"path": path, "error": os_error_text(exc)}
        ) from None
    manifest = _read_manifest(path, meta)
    _compare_with_manifest(path, manifest, members)
    return manifest


def check_compatible(manifest: dict, conn) -> None:
    """Refuse a backup of another database vendor, or one whose database is ahead of this code."""
    vendor = manifest["vendor"]
    if vendor != conn.vendor:
        raise BackupError(
            _(
                "This backup is of a %(backup_vendor)s database, but the configured database is "
                "%(current_vendor)s: one cannot be restored into the other; the current database and "
                "files are unchanged. Restore with the same database configuration as the backup "
                "(SQLite: GONGKAI_DB not set; PostgreSQL: GONGKAI_DB=postgres)."
            )
            % {
                "backup_vendor": VENDOR_NAMES[vendor],
                "current_vendor": VENDOR_NAMES.get(conn.vendor, conn.vendor),
            }
        )
    unknown = _unknown_migrations(manifest.get("migrations") or {})
    if unknown:
        raise BackupError(
            _(
                "This backup is from a newer version of gongkai: its database has applied migrations "
                "that this version's code does not have (%(migrations)s). First upgrade the code to the "
                "version that made the backup (%(version)s) or a newer one, then restore; the current "
                "database and files are unchanged."
            )
            % {"migrations": _some_names(unknown), "version": manifest.get("gongkai") or _("unknown version")}
        )


def _damaged(path: Path, detail: str) -> BackupError:
    return BackupError(
        _(
            "The backup file %(path)s is damaged or incomplete (%(detail)s) and cannot be used for a "
            "restore; the current database and files are unchanged. Use another backup, and check the "
            "disk that keeps the backups or how it was transferred."
        )
        % {"path": path, "detail": detail}
    )


def _unpack_member(
    path: Path,
    tar: tarfile.TarFile,
    member: tarfile.TarInfo,
    staging: Path,
    members: dict[str, tuple[int, str]],
    meta: dict[str, bytes],
) -> None:
    """One member: the manifest and its digest are kept in ``meta``, everything else is copied into
    ``staging`` and its size and sha256 recorded in ``members``."""
    name = member.name
    if not member.isfile():
        raise _damaged(path, _("member %(name)s is not a regular file") % {"name": name})
    if name in members or name in meta:
        raise _damaged(path, _("member %(name)s appears more than once") % {"name": name})
    if name in (MANIFEST, MANIFEST_DIGEST):
        if member.size > MAX_MANIFEST_BYTES:
            raise _damaged(path, _("%(name)s is too large") % {"name": name})
        manifest = tar.extractfile(member)
        assert manifest is not None  # a regular file: checked above
        meta[name] = manifest.read()
        return
    target = staging / _safe_member_path(path, name)
    target.parent.mkdir(parents=True, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    extracted = tar.extractfile(member)
    assert extracted is not None  # a regular file: checked above
    with extracted as source, open(target, "wb") as copy:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            copy.write(chunk)
    members[name] = (size, digest.hexdigest())


def _safe_member_path(path: Path, name: str) -> Path:
    """A member's place in the staging directory; anything but the database and plain media paths is refused."""
    if name in DATABASE_MEMBERS.values():
        return Path(*PurePosixPath(name).parts)
    relative = PurePosixPath(name[len(MEDIA) :]) if name.startswith(MEDIA) else None
    if (
        relative is None
        or not relative.parts
        or relative.is_absolute()
        or "\\" in name
        or any(part in ("", ".", "..") for part in relative.parts)
        or relative.parts[0].startswith(WORK_PREFIX)
    ):
        raise _damaged(path, _("unknown member %(name)s") % {"name": name})
    return Path(MEDIA, *relative.parts)


def _read_manifest(path: Path, meta: dict[str, bytes]) -> dict:
    """The manifest, once its digest matches and it says it is a backup of this format and version."""
    data, digest = meta.get(MANIFEST), meta.get(MANIFEST_DIGEST)
    if data is None or digest is None:
        raise _damaged(
            path,
            _(
                "the manifest manifest.json is missing: the file may be truncated, or it is not a gongkai backup"
            ),
        )
    if hashlib.sha256(data).hexdigest() != digest.decode("ascii", "replace").strip():
        raise _damaged(path, _("the checksum of the manifest manifest.json does not match"))
    try:
        manifest = json.loads(data)
    except ValueError:
        raise _damaged(path, _("the manifest manifest.json cannot be read")) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(
            _("%(path)s is not a gongkai backup file (its manifest has no format: %(format)s).")
            % {"path": path, "format": FORMAT}
        )
    if manifest.get("version") != VERSION:
        raise BackupError(
            _(
                "The backup %(path)s has format version %(version)s; this version can restore format "
                "version %(supported)s only: restore it with the version of gongkai that made it."
            )
            % {"path": path, "version": manifest.get("version"), "supported": VERSION}
        )
    if manifest.get("vendor") not in DATABASE_MEMBERS:
        raise _damaged(
            path,
            _("the database type %(vendor)s in the manifest is not valid")
            % {"vendor": repr(manifest.get("vendor"))},
        )
    return manifest


def _compare_with_manifest(path: Path, manifest: dict, members: dict[str, tuple[int, str]]) -> None:
    """Every member listed, none unlisted, each of the listed size and sha256."""
    try:
        expected = {
            entry["path"]: (entry["size"], entry["sha256"])
            for entry in [manifest["database"], *manifest["files"]]
        }
    except (KeyError, TypeError):
        raise _damaged(path, _("the manifest manifest.json has no list of files")) from None
    if manifest["database"]["path"] != DATABASE_MEMBERS[manifest["vendor"]]:
        raise _damaged(path, _("the database member in the manifest does not match the database type"))
    missing = sorted(expected.keys() - members.keys())
    unlisted = sorted(members.keys() - expected.keys())
    wrong = sorted(name for name in expected.keys() & members.keys() if expected[name] != members[name])
    problems = [
        _("%(problem)s: %(names)s (%(count)s)")
        % {"problem": problem, "names": _some_names(names), "count": len(names)}
        for problem, names in (
            (_("missing from the archive"), missing),
            (_("checksum or size differs from the manifest"), wrong),
            (_("not listed in the manifest"), unlisted),
        )
        if names
    ]
    if problems:
        raise _damaged(path, CLAUSE_SEMICOLON.join(problems))


def _some_names(names: list[str]) -> str:
    """The first few names, saying so when there are more."""
    listed = ENUMERATION_COMMA.join(names[:LISTED_NAMES])
    if len(names) > LISTED_NAMES:
        return _("%(names)s and others") % {"names": listed}
    return listed


def _unknown_migrations(applied: dict[str, list[str]]) -> list[str]:
    """Migrations the backup's database had applied that this code does not know (squashed ones count)."""
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    for migration in loader.disk_migrations.values():
        known.update((app, name) for app, name in migration.replaces or ())
    return [
        f"{app}.{name}"
        for app, names in sorted(applied.items())
        if app in loader.migrated_apps
        for name in names
        if (app, name) not in known
    ]
