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
renames. Last, the rows of every table are counted against the manifest."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path, PurePosixPath

import django
from django.conf import settings
from django.db import DatabaseError, connections
from django.utils import timezone

from gongkai_web.storage import WORK_PREFIX, sync_directory

FORMAT = "gongkai-backup"
VERSION = 1
MANIFEST = "manifest.json"
MANIFEST_DIGEST = "manifest.sha256"
DATABASE_MEMBERS = {"sqlite": "database/gongkai.sqlite3", "postgresql": "database/gongkai.pgdump"}
VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
MEDIA = "media/"
CHUNK = 1024 * 1024
MAX_MANIFEST_BYTES = 64 * 1024 * 1024

#: progress(stage, done, total): a stage's description and how far it is (total None: unknown).
Progress = Callable[[str, int, "int | None"], None]


def _no_progress(stage: str, done: int = 0, total: int | None = None) -> None:
    pass


class BackupError(Exception):
    """A backup or restore refused or failed, with a message (Chinese) saying where and what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class BackupResult:
    path: Path
    size: int
    manifest: dict


@dataclass
class RestoreResult:
    manifest: dict
    dropped_tables: list[str] = field(default_factory=list)
    pending_migrations: list[str] = field(default_factory=list)


def default_output() -> Path:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return Path(settings.VAR_DIR) / "backups" / f"gongkai-{stamp}.tar.gz"


def describe_database(using: str = "default") -> str:
    """The configured database as an operator knows it: a file, or name@host:port."""
    conn = connections[using]
    s = conn.settings_dict
    if conn.vendor == "postgresql":
        return f"PostgreSQL 数据库 {s['NAME']}（{s['HOST'] or '本机套接字'}:{s['PORT'] or 5432}）"
    return f"SQLite 数据库 {s['NAME']}"


# ── backup ──────────────────────────────────────────────────────────────────────────────────────


def create_backup(output: Path, *, using: str = "default", progress: Progress = _no_progress) -> BackupResult:
    conn = connections[using]
    _check_vendor_supported(conn.vendor)
    if conn.in_atomic_block:
        raise BackupError("不能在数据库事务中备份：请在事务之外调用。")
    output = Path(output).absolute()
    media_root = Path(settings.MEDIA_ROOT).absolute()
    if output.is_relative_to(media_root):
        raise BackupError(
            f"备份文件不能放在文件目录 MEDIA_ROOT（{media_root}）之内：请用 --output 指定别的位置。"
        )
    if output.is_dir():
        raise BackupError(
            f"{output} 是一个目录：请用 --output 指定备份文件的完整路径，例如 {output / 'gongkai.tar.gz'}。"
        )
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=WORK_PREFIX + "backup-", dir=output.parent))
    except OSError as exc:
        raise BackupError(
            f"无法在 {output.parent} 中写入备份：{exc.strerror or exc}。请检查该目录的权限与剩余空间。"
        ) from None
    try:
        return _write_archive(conn, output, work, media_root, progress)
    except OSError as exc:
        raise BackupError(
            f"写入备份 {output} 失败：{exc.strerror or exc}。请检查该目录的权限与剩余空间；"
            "没有留下不完整的备份文件。"
        ) from None
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _write_archive(conn, output: Path, work: Path, media_root: Path, progress: Progress) -> BackupResult:
    dump = work / "database"
    progress("备份数据库", 0, None)
    if conn.vendor == "sqlite":
        tables, migrations = _dump_sqlite(conn, dump)
    else:
        tables, migrations = _dump_postgresql(conn, dump)
    files, skipped = _media_files(media_root)
    partial = work / "archive.part"
    mode = "w" if output.name.endswith(".tar") else "w:gz"
    options = {} if mode == "w" else {"compresslevel": 6}
    with tarfile.open(partial, mode, format=tarfile.PAX_FORMAT, **options) as tar:
        progress("写入数据库", 0, None)
        database = _add_file(tar, dump, DATABASE_MEMBERS[conn.vendor])
        entries = []
        for done, (path, relative) in enumerate(files, start=1):
            try:
                entries.append(_add_file(tar, path, MEDIA + relative))
            except FileNotFoundError:  # removed since the walk: not part of this backup
                skipped.append(relative)
            progress("写入文件", done, len(files))
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


def _check_vendor_supported(vendor: str) -> None:
    if vendor not in DATABASE_MEMBERS:
        raise BackupError(f"不支持 {vendor} 数据库的备份：只支持 SQLite 与 PostgreSQL。")


def _media_files(root: Path) -> tuple[list[tuple[Path, str]], list[str]]:
    """Every regular file under ``root`` (sorted), and what was left out (symbolic links, sockets…)."""
    files: list[tuple[Path, str]] = []
    skipped: list[str] = []
    if not root.is_dir():
        return files, skipped
    for directory, subdirectories, names in os.walk(root):
        here = Path(directory)
        kept = []
        for name in sorted(subdirectories):
            if name.startswith(WORK_PREFIX):
                continue
            if (here / name).is_symlink():
                skipped.append((here / name).relative_to(root).as_posix())
            else:
                kept.append(name)
        subdirectories[:] = kept
        for name in sorted(names):
            path = here / name
            if name.startswith(WORK_PREFIX):
                continue
            relative = path.relative_to(root).as_posix()
            if path.is_symlink() or not path.is_file():
                skipped.append(relative)
            else:
                files.append((path, relative))
    return files, skipped


class _HashingReader:
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


# ── the databases ───────────────────────────────────────────────────────────────────────────────


def _dump_sqlite(conn, target: Path) -> tuple[dict[str, int], dict[str, list[str]]]:
    """The live database through Django's own connection (also an in-memory test database), copied
    by SQLite's backup API in one step: a committed state, while other processes keep writing."""
    conn.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        conn.connection.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        cursor = copy.cursor()
        tables = _count_rows(cursor, "sqlite")
        return tables, _applied_migrations(cursor, tables)
    except sqlite3.Error as exc:
        raise BackupError(f"SQLite 数据库 {conn.settings_dict['NAME']} 的在线备份失败：{exc}。") from None
    finally:
        copy.close()


def _dump_postgresql(conn, target: Path) -> tuple[dict[str, int], dict[str, list[str]]]:
    """``pg_dump`` on a snapshot exported by a REPEATABLE READ transaction that counts the same rows."""
    pg_dump = _client("pg_dump")
    arguments, env = _pg_connection(conn)
    raw = _pg_raw_connection(conn)
    try:
        raw.autocommit = True
        with raw.cursor() as cursor:
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            _run(
                [pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={target}", *arguments],
                env,
                "pg_dump",
            )
            tables = _count_rows(cursor, "postgresql")
            migrations = _applied_migrations(cursor, tables)
            cursor.execute("ROLLBACK")
        return tables, migrations
    finally:
        raw.close()


def _pg_raw_connection(conn):
    """A connection of its own (not Django's), with the configured parameters."""
    try:
        return conn.Database.connect(**conn.get_connection_params())
    except conn.Database.Error as exc:
        raise BackupError(f"无法连接 {describe_database(conn.alias)}：{exc}") from None


def _pg_connection(conn) -> tuple[list[str], dict[str, str]]:
    """Command-line arguments and environment of the PostgreSQL clients, from the connection's settings."""
    s = conn.settings_dict
    arguments = ["--no-password"]
    if s["HOST"]:
        arguments.append(f"--host={s['HOST']}")
    if s["PORT"]:
        arguments.append(f"--port={s['PORT']}")
    if s["USER"]:
        arguments.append(f"--username={s['USER']}")
    arguments.append(f"--dbname={s['NAME']}")
    env = dict(os.environ)
    if s["PASSWORD"]:
        env["PGPASSWORD"] = str(s["PASSWORD"])
    for option, variable in (
        ("sslmode", "PGSSLMODE"),
        ("sslrootcert", "PGSSLROOTCERT"),
        ("service", "PGSERVICE"),
        ("passfile", "PGPASSFILE"),
    ):
        if option in s["OPTIONS"]:
            env[variable] = str(s["OPTIONS"][option])
    env.setdefault("PGCONNECT_TIMEOUT", "10")
    return arguments, env


def _client(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise BackupError(
            f"找不到 PostgreSQL 客户端程序 {name}：请安装与服务器同一版本或更新的客户端"
            "（Debian：apt-get install postgresql-client），并确保它在 PATH 中。"
        )
    return path


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode:
        raise BackupError(f"{what} 失败（退出码 {result.returncode}）：{_tail(result.stderr)}")


def _tail(text: str, limit: int = 2000) -> str:
    text = (text or "").strip()
    return text if len(text) <= limit else "…" + text[-limit:]


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _table_names(cursor, vendor: str) -> list[str]:
    """The user tables, as ``table`` (SQLite) or ``schema.table`` (PostgreSQL)."""
    if vendor == "sqlite":
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
            "ORDER BY name"
        )
        return [row[0] for row in cursor.fetchall()]
    cursor.execute(
        "SELECT schemaname, tablename FROM pg_catalog.pg_tables "
        "WHERE schemaname <> 'information_schema' AND schemaname NOT LIKE 'pg\\_%' ORDER BY 1, 2"
    )
    return [f"{schema}.{table}" for schema, table in cursor.fetchall()]


def _qualified(key: str, vendor: str) -> str:
    if vendor == "sqlite":
        return _quote(key)
    schema, table = key.split(".", 1)
    return f"{_quote(schema)}.{_quote(table)}"


def _count_rows(cursor, vendor: str) -> dict[str, int]:
    counts = {}
    for key in _table_names(cursor, vendor):
        cursor.execute(f"SELECT count(*) FROM {_qualified(key, vendor)}")
        counts[key] = cursor.fetchone()[0]
    return counts


def _applied_migrations(cursor, tables: dict[str, int]) -> dict[str, list[str]]:
    """Applied migrations per app, in the order they were applied, from the snapshot's django_migrations."""
    if not any(key.rsplit(".", 1)[-1] == "django_migrations" for key in tables):
        return {}
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
    applied: dict[str, list[str]] = {}
    for app, name in cursor.fetchall():
        applied.setdefault(app, []).append(name)
    return applied


# ── restore ─────────────────────────────────────────────────────────────────────────────────────


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

    def restore(self, *, progress: Progress = _no_progress) -> RestoreResult:
        conn = connections[self.using]
        if conn.in_atomic_block:
            raise BackupError("不能在数据库事务中恢复：请在事务之外调用。")
        result = RestoreResult(manifest=self.manifest)
        progress("恢复数据库", 0, None)
        if conn.vendor == "sqlite":
            _restore_sqlite(conn, self.database_file)
        else:
            result.dropped_tables = _restore_postgresql(conn, self.database_file, self.manifest["tables"])
        progress("恢复文件", 0, None)
        _replace_media(self.media_root, self.staging, self.staging / MEDIA)
        progress("核对行数", 0, None)
        _check_counts(conn, self.manifest["tables"])
        result.pending_migrations = _pending_migrations(conn)
        return result


@contextmanager
def open_backup(
    path: Path, *, using: str = "default", progress: Progress = _no_progress
) -> Iterator[StagedBackup]:
    """Check the archive completely and unpack it (nothing of the current data is touched); refuse a
    damaged or foreign archive, another database vendor, or a backup from newer code. The unpacked
    copy is removed when the block ends, restored or not."""
    conn = connections[using]
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"找不到备份文件：{path}。请检查路径。")
    media_root = Path(settings.MEDIA_ROOT).absolute()
    try:
        media_root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=WORK_PREFIX + "restore-", dir=media_root))
    except OSError as exc:
        raise BackupError(
            f"无法在文件目录 MEDIA_ROOT（{media_root}）中解开备份：{exc.strerror or exc}。"
            "请检查该目录的权限与剩余空间。"
        ) from None
    try:
        manifest = _unpack_verified(path, staging, progress)
        _check_compatible(manifest, conn)
        yield StagedBackup(path=path, manifest=manifest, staging=staging, media_root=media_root, using=using)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _damaged(path: Path, detail: str) -> BackupError:
    return BackupError(
        f"备份文件 {path} 已损坏或不完整（{detail}），不能用于恢复；当前的数据库和文件没有任何改动。"
        "请改用另一份备份，并检查保存备份的磁盘或传输过程。"
    )


def _unpack_verified(path: Path, staging: Path, progress: Progress) -> dict:
    members: dict[str, tuple[int, str]] = {}
    meta: dict[str, bytes] = {}
    try:
        with tarfile.open(path, "r:*") as tar:
            for member in tar:
                _unpack_member(path, tar, member, staging, members, meta)
                progress("校验并解开备份", len(members), None)
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise _damaged(path, str(exc) or type(exc).__name__) from None
    except OSError as exc:
        raise BackupError(
            f"解开备份 {path} 时出错：{exc.strerror or exc}。请检查文件目录 MEDIA_ROOT 的剩余空间；"
            "当前的数据库和文件没有任何改动。"
        ) from None
    manifest = _read_manifest(path, meta)
    _compare_with_manifest(path, manifest, members)
    return manifest


def _unpack_member(
    path: Path,
    tar: tarfile.TarFile,
    member: tarfile.TarInfo,
    staging: Path,
    members: dict[str, tuple[int, str]],
    meta: dict[str, bytes],
) -> None:
    name = member.name
    if not member.isfile():
        raise _damaged(path, f"条目 {name} 不是普通文件")
    if name in members or name in meta:
        raise _damaged(path, f"条目 {name} 重复")
    if name in (MANIFEST, MANIFEST_DIGEST):
        if member.size > MAX_MANIFEST_BYTES:
            raise _damaged(path, f"{name} 过大")
        meta[name] = tar.extractfile(member).read()
        return
    target = staging / _safe_member_path(path, name)
    target.parent.mkdir(parents=True, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    with tar.extractfile(member) as source, open(target, "wb") as copy:
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
        raise _damaged(path, f"不认识的条目 {name}")
    return Path(MEDIA, *relative.parts)


def _read_manifest(path: Path, meta: dict[str, bytes]) -> dict:
    data, digest = meta.get(MANIFEST), meta.get(MANIFEST_DIGEST)
    if data is None or digest is None:
        raise _damaged(path, "缺少清单 manifest.json，文件可能被截断，或者不是 gongkai 的备份")
    if hashlib.sha256(data).hexdigest() != digest.decode("ascii", "replace").strip():
        raise _damaged(path, "清单 manifest.json 的校验和不符")
    try:
        manifest = json.loads(data)
    except ValueError:
        raise _damaged(path, "清单 manifest.json 无法解析") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path} 不是 gongkai 的备份文件（清单中没有 format: {FORMAT}）。")
    if manifest.get("version") != VERSION:
        raise BackupError(
            f"备份 {path} 的格式版本为 {manifest.get('version')}，本版本只能恢复格式版本 {VERSION}："
            "请用生成该备份的 gongkai 版本恢复。"
        )
    if manifest.get("vendor") not in DATABASE_MEMBERS:
        raise _damaged(path, f"清单中的数据库类型 {manifest.get('vendor')!r} 无效")
    return manifest


def _compare_with_manifest(path: Path, manifest: dict, members: dict[str, tuple[int, str]]) -> None:
    try:
        expected = {
            entry["path"]: (entry["size"], entry["sha256"])
            for entry in [manifest["database"], *manifest["files"]]
        }
    except (KeyError, TypeError):
        raise _damaged(path, "清单 manifest.json 缺少文件列表") from None
    if manifest["database"]["path"] != DATABASE_MEMBERS[manifest["vendor"]]:
        raise _damaged(path, "清单中的数据库条目与数据库类型不符")
    missing = sorted(expected.keys() - members.keys())
    unlisted = sorted(members.keys() - expected.keys())
    wrong = sorted(name for name in expected.keys() & members.keys() if expected[name] != members[name])
    problems = [
        f"{label}：{'、'.join(names[:5])}{' 等' if len(names) > 5 else ''}（{len(names)} 个）"
        for label, names in (("缺少", missing), ("校验和或大小不符", wrong), ("清单中没有", unlisted))
        if names
    ]
    if problems:
        raise _damaged(path, "；".join(problems))


def _check_compatible(manifest: dict, conn) -> None:
    vendor = manifest["vendor"]
    if vendor != conn.vendor:
        raise BackupError(
            f"这份备份来自 {VENDOR_NAMES[vendor]} 数据库，而当前配置的是 {VENDOR_NAMES.get(conn.vendor, conn.vendor)}，"
            "两者不能互相恢复；当前的数据库和文件没有任何改动。请在与备份相同的数据库配置下恢复"
            "（SQLite：不设 GONGKAI_DB；PostgreSQL：GONGKAI_DB=postgres）。"
        )
    unknown = _unknown_migrations(manifest.get("migrations") or {})
    if unknown:
        raise BackupError(
            f"这份备份来自更新版本的 gongkai：其数据库已执行了本版本代码中没有的迁移（{'、'.join(unknown[:5])}"
            f"{' 等' if len(unknown) > 5 else ''}）。请先把代码升级到生成备份时的版本（{manifest.get('gongkai') or '未知'}）"
            "或更新的版本，再恢复；当前的数据库和文件没有任何改动。"
        )


def _unknown_migrations(applied: dict[str, list[str]]) -> list[str]:
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    for migration in loader.disk_migrations.values():
        known.update(tuple(key) for key in migration.replaces or ())
    return [
        f"{app}.{name}"
        for app, names in sorted(applied.items())
        if app in loader.migrated_apps
        for name in names
        if (app, name) not in known
    ]


def _restore_sqlite(conn, database: Path) -> None:
    """Into the live database through the backup API: other connections (a running server) see the
    restored data on their next statement; SQLite keeps the live file's WAL mode."""
    conn.ensure_connection()
    source = sqlite3.connect(database)
    try:
        source.backup(conn.connection)
    except sqlite3.Error as exc:
        raise BackupError(
            f"恢复 SQLite 数据库 {conn.settings_dict['NAME']} 失败：{exc}。若平台正在运行，请先停止它再恢复。"
        ) from None
    finally:
        source.close()


def _restore_postgresql(conn, dump: Path, tables: dict[str, int]) -> list[str]:
    """The dump's ``pg_restore --clean --if-exists --no-owner`` script, preceded by dropping the tables
    the backup does not have, run by psql in one transaction: all of it is applied or none.
    Returns the dropped tables."""
    pg_restore, psql = _client("pg_restore"), _client("psql")
    arguments, env = _pg_connection(conn)
    env["PGOPTIONS"] = (
        env.get("PGOPTIONS", "") + " -c client_min_messages=warning"
    ).strip()  # errors, not notices
    try:
        with conn.cursor() as cursor:
            extra = [key for key in _table_names(cursor, "postgresql") if key not in tables]
    except DatabaseError as exc:
        raise BackupError(
            f"无法连接 {describe_database(conn.alias)}：{exc}。数据库须已存在（可用 createdb 创建一个空库），"
            "并且配置的用户有权在其中建表。当前的数据库和文件没有任何改动。"
        ) from None
    conn.close()  # Django's connection holds no lock and no prepared plan of the old tables
    prefix = "".join(f"DROP TABLE IF EXISTS {_qualified(key, 'postgresql')} CASCADE;\n" for key in extra)
    with tempfile.TemporaryFile() as restore_errors, tempfile.TemporaryFile() as psql_errors:
        apply = subprocess.Popen(
            [psql, "--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", *arguments],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=psql_errors,
            env=env,
        )
        script = subprocess.Popen(
            [pg_restore, "--clean", "--if-exists", "--no-owner", "--file=-", str(dump)],
            stdout=subprocess.PIPE,
            stderr=restore_errors,
            env=env,
        )
        restored = _feed(apply, script, prefix)
        applied = apply.wait()
        if restored or applied:
            failed, errors = ("psql", psql_errors) if applied else ("pg_restore", restore_errors)
            errors.seek(0)
            raise BackupError(
                f"恢复 {describe_database(conn.alias)} 失败，事务已回滚，数据库保持恢复前的状态。"
                f"{failed} 报告：{_tail(errors.read().decode(errors='replace'))}"
            )
    return extra


def _feed(apply: subprocess.Popen, script: subprocess.Popen, prefix: str) -> int:
    """Pipe the script into psql inside BEGIN … COMMIT; COMMIT only once pg_restore has finished
    cleanly, so a script cut short is rolled back when psql disconnects. Returns pg_restore's code."""
    try:
        apply.stdin.write(b"BEGIN;\n" + prefix.encode())
        shutil.copyfileobj(script.stdout, apply.stdin, CHUNK)
        script.stdout.close()
        code = script.wait()
        if code == 0:
            apply.stdin.write(b"COMMIT;\n")
    except BrokenPipeError:  # psql stopped at an error: its own message says which
        script.stdout.close()
        code = script.wait()
    finally:
        with suppress(BrokenPipeError):
            apply.stdin.close()
    return code


def _replace_media(root: Path, staging: Path, restored: Path) -> None:
    """MEDIA_ROOT's contents become the archive's: renames within one file system, then the old
    contents are deleted (files not in the backup are gone)."""
    old = Path(tempfile.mkdtemp(prefix=WORK_PREFIX + "replaced-", dir=root))
    try:
        for entry in root.iterdir():
            if entry not in (staging, old):
                os.rename(entry, old / entry.name)
        if restored.is_dir():
            for entry in restored.iterdir():
                os.rename(entry, root / entry.name)
    except OSError as exc:
        raise BackupError(
            f"数据库已恢复，但替换文件目录 MEDIA_ROOT（{root}）的内容时出错：{exc.strerror or exc}。"
            f"原有的文件保存在 {old}；请解决问题后重新恢复。"
        ) from None
    shutil.rmtree(old, ignore_errors=True)
    sync_directory(str(root))


def _check_counts(conn, expected: dict[str, int]) -> None:
    with conn.cursor() as cursor:
        actual = _count_rows(cursor, conn.vendor)
    differences = [
        f"{key}：备份 {expected.get(key, '无此表')}，恢复后 {actual.get(key, '无此表')}"
        for key in sorted(expected.keys() | actual.keys())
        if expected.get(key) != actual.get(key)
    ]
    if differences:
        raise BackupError(
            f"恢复后 {describe_database(conn.alias)} 的行数与备份清单不一致（"
            f"{'；'.join(differences[:10])}）。请停止平台后重新恢复；若仍不一致，请保留该备份文件并报告问题。"
        )


def _pending_migrations(conn) -> list[str]:
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(conn)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


# ── files on disk ───────────────────────────────────────────────────────────────────────────────


def _fsync(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())
