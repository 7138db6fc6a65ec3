"""File storage that never shows half a file: an upload is written to a temporary file in the
directory it goes to, flushed to disk, and only then given its final name (a hard link, which fails
if the name is taken, so Django's name-collision rule still picks a free name; or ``os.replace`` on a
file system without hard links). A crash, a full disk or a client hanging up mid-write leaves at most
a ``.gongkai-upload-*.part`` file, never a truncated attachment under a name the database points to.

Files whose name starts with ``.gongkai-`` are the platform's working files: backups skip them."""

from __future__ import annotations

import contextlib
import os
import secrets

from django.core.files.storage import FileSystemStorage
from django.core.files.utils import validate_file_name

#: Prefix of the platform's temporary files inside MEDIA_ROOT (skipped by backups/archive.py).
WORK_PREFIX = ".gongkai-"
TEMP_PREFIX = WORK_PREFIX + "upload-"


class AtomicFileSystemStorage(FileSystemStorage):
    def _save(self, name, content):
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        self._make_directory(directory)
        temp_path = self._write_temporary(directory, content)
        try:
            while True:
                try:
                    self._publish(temp_path, full_path)
                except FileExistsError:
                    # Taken meanwhile (or by an earlier file): a new name, as Django's own storage does.
                    name = self.get_available_name(name)
                    validate_file_name(name, allow_relative_path=True)
                    full_path = self.path(name)
                else:
                    break
        finally:
            _remove_quietly(temp_path)
        sync_directory(os.path.dirname(full_path))
        if self.file_permissions_mode is not None:
            os.chmod(full_path, self.file_permissions_mode)
        # FileSystemStorage's own step after a save (Django 5.2.x); django-stubs 5.2 does not declare it.
        self._ensure_location_group_id(full_path)  # type: ignore[attr-defined]
        return os.path.relpath(full_path, self.location).replace("\\", "/")

    def _make_directory(self, directory: str) -> None:
        try:
            if self.directory_permissions_mode is not None:
                # Added to Django 5.2 in a security release; django-stubs 5.2 does not declare it.
                from django.utils._os import safe_makedirs  # type: ignore[attr-defined]

                safe_makedirs(directory, self.directory_permissions_mode, exist_ok=True)
            else:
                os.makedirs(directory, exist_ok=True)
        except FileExistsError:
            raise FileExistsError(f"{directory} exists and is not a directory.") from None

    @staticmethod
    def _write_temporary(directory: str, content) -> str:
        """The whole content in a new file next to its final place, on disk (fsync) before it is named."""
        while True:
            temp_path = os.path.join(directory, f"{TEMP_PREFIX}{secrets.token_hex(8)}.part")
            try:
                # 0o666 as Django's storage opens files: the process umask applies, not mkstemp's 0o600.
                fd = os.open(
                    temp_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666
                )
            except FileExistsError:
                continue
            break
        try:
            with os.fdopen(fd, "wb") as handle:
                for chunk in content.chunks():
                    handle.write(chunk if isinstance(chunk, bytes) else chunk.encode())
                handle.flush()
                os.fsync(handle.fileno())
        except BaseException:
            _remove_quietly(temp_path)
            raise
        return temp_path

    def _publish(self, temp_path: str, full_path: str) -> None:
        if getattr(self, "_allow_overwrite", False):
            os.replace(temp_path, full_path)
            return
        try:
            os.link(temp_path, full_path)  # atomic, and refuses an existing name (FileExistsError)
        except FileExistsError:
            raise
        except OSError:  # no hard links on this file system: check, then rename (a narrow race)
            if os.path.lexists(full_path):
                raise FileExistsError(full_path) from None
            os.replace(temp_path, full_path)


def _remove_quietly(path: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)


def sync_directory(directory: str) -> None:
    """Make the new name itself durable (POSIX: the directory entry is only on disk after its fsync)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
