"""The files under MEDIA_ROOT: which of them a backup holds, and how a restore puts the archive's in
their place. The platform's own ``.gongkai-*`` work files (uploads being written, a restore being
unpacked) are never part of either."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from django.utils.translation import gettext as _

from gongkai_web.storage import WORK_PREFIX, sync_directory

from .layout import BackupError, os_error_text


def media_files(root: Path) -> tuple[list[tuple[Path, str]], list[str]]:
    """Every regular file under ``root`` (sorted) with its path relative to it, and what was left out
    (symbolic links, sockets…)."""
    files: list[tuple[Path, str]] = []
    skipped: list[str] = []
    if not root.is_dir():
        return files, skipped
    for directory, subdirectories, names in os.walk(root):
        here = Path(directory)
        subdirectories[:] = _directories_to_walk(root, here, subdirectories, skipped)
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


def _directories_to_walk(root: Path, here: Path, subdirectories: list[str], skipped: list[str]) -> list[str]:
    """The subdirectories of ``here`` to descend into: not work directories, and not symbolic links
    (recorded as skipped), which could lead outside MEDIA_ROOT or round in a loop."""
    kept = []
    for name in sorted(subdirectories):
        if name.startswith(WORK_PREFIX):
            continue
        if (here / name).is_symlink():
            skipped.append((here / name).relative_to(root).as_posix())
        else:
            kept.append(name)
    return kept


def replace_media(root: Path, staging: Path, restored: Path) -> None:
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
            _(
                "The database was restored, but replacing the contents of the files directory MEDIA_ROOT "
                "(%(root)s) failed: %(error)s. The previous files are kept in %(old)s; fix the problem "
                "and restore again."
            )
            % {"root": root, "error": os_error_text(exc), "old": old}
        ) from None
    shutil.rmtree(old, ignore_errors=True)
    sync_directory(str(root))
