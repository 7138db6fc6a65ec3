"""What a gongkai backup archive holds (the members and the manifest's format), the error every step
of a backup or a restore raises, and how the configured database is named to an operator."""

from __future__ import annotations

from collections.abc import Callable

from django.db import connections
from django.utils.translation import gettext as _

FORMAT = "gongkai-backup"
VERSION = 1
MANIFEST = "manifest.json"
MANIFEST_DIGEST = "manifest.sha256"
DATABASE_MEMBERS = {"sqlite": "database/gongkai.sqlite3", "postgresql": "database/gongkai.pgdump"}
VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
MEDIA = "media/"
CHUNK = 1024 * 1024
#: A manifest is read into memory whole: anything larger is not one of ours.
MAX_MANIFEST_BYTES = 64 * 1024 * 1024

#: progress(stage, done, total): a stage's description and how far it is (total None: unknown).
Progress = Callable[[str, int, "int | None"], None]


def no_progress(stage: str, done: int = 0, total: int | None = None) -> None:
    pass


class BackupError(Exception):
    """A backup or restore refused or failed, with a message saying where and what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def describe_database(using: str = "default") -> str:
    """The configured database as an operator knows it: a file, or name@host:port."""
    conn = connections[using]
    s = conn.settings_dict
    if conn.vendor == "postgresql":
        return _("PostgreSQL database %(name)s (%(host)s:%(port)s)") % {
            "name": s["NAME"],
            "host": s["HOST"] or _("local socket"),
            "port": s["PORT"] or 5432,
        }
    return _("SQLite database %(name)s") % {"name": s["NAME"]}


def check_vendor_supported(vendor: str) -> None:
    if vendor not in DATABASE_MEMBERS:
        raise BackupError(
            _("Backups of a %(vendor)s database are not supported: only SQLite and PostgreSQL are.")
            % {"vendor": vendor}
        )


def os_error_text(exc: OSError) -> str:
    """The system's own words for a failed file operation (its strerror), else the whole exception."""
    return str(exc.strerror or exc)
