"""SQLite: the live database copied out and back in by SQLite's online backup API, through Django's own
connection (so an in-memory test database works the same)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from django.utils.translation import gettext as _

from .layout import BackupError
from .tables import applied_migrations, count_rows


def dump_sqlite(conn, target: Path) -> tuple[dict[str, int], dict[str, list[str]]]:
    """The backup API copies a committed state in one step, while other processes keep writing.
    Returns the rows per table and the applied migrations of the copy."""
    conn.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        conn.connection.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        cursor = copy.cursor()
        tables = count_rows(cursor, "sqlite")
        return tables, applied_migrations(cursor, tables)
    except sqlite3.Error as exc:
        raise BackupError(
            _("The online backup of the SQLite database %(name)s failed: %(error)s.")
            % {"name": conn.settings_dict["NAME"], "error": exc}
        ) from None
    finally:
        copy.close()


def restore_sqlite(conn, database: Path) -> None:
    """Into the live database through the backup API: other connections (a running server) see the
    restored data on their next statement; SQLite keeps the live file's WAL mode."""
    conn.ensure_connection()
    source = sqlite3.connect(database)
    try:
        source.backup(conn.connection)
    except sqlite3.Error as exc:
        raise BackupError(
            _(
                "Restoring the SQLite database %(name)s failed: %(error)s. "
                "If the platform is running, stop it before restoring."
            )
            % {"name": conn.settings_dict["NAME"], "error": exc}
        ) from None
    finally:
        source.close()
