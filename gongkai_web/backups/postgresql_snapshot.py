"""PostgreSQL: ``pg_dump`` of the configured database on an exported snapshot, and its restore by the
script of ``pg_restore`` run by psql in one transaction. The clients get the connection's settings
as arguments and environment, never on a shell line."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from contextlib import suppress
from pathlib import Path

from django.db import DatabaseError
from django.utils.translation import gettext as _

from .layout import CHUNK, BackupError, describe_database
from .tables import applied_migrations, count_rows, qualified, table_names

#: Connection options of Django's settings that the PostgreSQL clients read from the environment.
CLIENT_ENVIRONMENT = (
    ("sslmode", "PGSSLMODE"),
    ("sslrootcert", "PGSSLROOTCERT"),
    ("service", "PGSERVICE"),
    ("passfile", "PGPASSFILE"),
)


def dump_postgresql(conn, target: Path) -> tuple[dict[str, int], dict[str, list[str]]]:
    """``pg_dump`` on a snapshot exported by a REPEATABLE READ transaction that counts the same rows,
    so the manifest's counts are those of the dump."""
    pg_dump = _client("pg_dump")
    arguments, env = _client_connection(conn)
    raw = _raw_connection(conn)
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
            tables = count_rows(cursor, "postgresql")
            migrations = applied_migrations(cursor, tables)
            cursor.execute("ROLLBACK")
        return tables, migrations
    finally:
        raw.close()


def restore_postgresql(conn, dump: Path, tables: dict[str, int]) -> list[str]:
    """The dump's ``pg_restore --clean --if-exists --no-owner`` script, preceded by dropping the tables
    the backup does not have, run by psql in one transaction: all of it is applied or none.
    Returns the dropped tables."""
    pg_restore, psql = _client("pg_restore"), _client("psql")
    arguments, env = _client_connection(conn)
    env["PGOPTIONS"] = (
        env.get("PGOPTIONS", "") + " -c client_min_messages=warning"
    ).strip()  # errors, not notices
    extra = _tables_not_in_backup(conn, tables)
    conn.close()  # Django's connection holds no lock and no prepared plan of the old tables
    prefix = "".join(f"DROP TABLE IF EXISTS {qualified(key, 'postgresql')} CASCADE;\n" for key in extra)
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
                _(
                    "Restoring %(database)s failed; the transaction was rolled back and the database is "
                    "as it was before the restore. %(program)s reports: %(error)s"
                )
                % {
                    "database": describe_database(conn.alias),
                    "program": failed,
                    "error": _tail(errors.read().decode(errors="replace")),
                }
            )
    return extra


def _tables_not_in_backup(conn, tables: dict[str, int]) -> list[str]:
    """The current tables the backup does not have: created since, they would survive the restore."""
    try:
        with conn.cursor() as cursor:
            return [key for key in table_names(cursor, "postgresql") if key not in tables]
    except DatabaseError as exc:
        raise BackupError(
            _(
                "Cannot connect to %(database)s: %(error)s. The database must exist (createdb can create "
                "an empty one), and the configured user must be allowed to create tables in it. The "
                "current database and files are unchanged."
            )
            % {"database": describe_database(conn.alias), "error": exc}
        ) from None


def _feed(apply: subprocess.Popen[bytes], script: subprocess.Popen[bytes], prefix: str) -> int:
    """Pipe the script into psql inside BEGIN … COMMIT; COMMIT only once pg_restore has finished
    cleanly, so a script cut short is rolled back when psql disconnects. Returns pg_restore's code."""
    psql, dump = apply.stdin, script.stdout
    assert psql is not None and dump is not None  # both started with PIPE
    try:
        psql.write(b"BEGIN;\n" + prefix.encode())
        shutil.copyfileobj(dump, psql, CHUNK)
        dump.close()
        code = script.wait()
        if code == 0:
            psql.write(b"COMMIT;\n")
    except BrokenPipeError:  # psql stopped at an error: its own message says which
        dump.close()
        code = script.wait()
    finally:
        with suppress(BrokenPipeError):
            psql.close()
    return code


def _raw_connection(conn):
    """A connection of its own (not Django's), with the configured parameters."""
    try:
        return conn.Database.connect(**conn.get_connection_params())
    except conn.Database.Error as exc:
        raise BackupError(
            _("Cannot connect to %(database)s: %(error)s")
            % {"database": describe_database(conn.alias), "error": exc}
        ) from None


def _client_connection(conn) -> tuple[list[str], dict[str, str]]:
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
        env["PGPASSWORD"] = str(s["PASSWORD"])  # not on the command line, where ps shows it
    for option, variable in CLIENT_ENVIRONMENT:
        if option in s["OPTIONS"]:
            env[variable] = str(s["OPTIONS"][option])
    env.setdefault("PGCONNECT_TIMEOUT", "10")
    return arguments, env


def _client(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise BackupError(
            _(
                "The PostgreSQL client program %(name)s was not found: install a client of the server's "
                "version or newer (Debian: apt-get install postgresql-client), and make sure it is on "
                "the PATH."
            )
            % {"name": name}
        )
    return path


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode:
        raise BackupError(
            _("%(program)s failed (exit code %(code)s): %(error)s")
            % {"program": what, "code": result.returncode, "error": _tail(result.stderr)}
        )


def _tail(text: str, limit: int = 2000) -> str:
    """The end of a client's error output: the last lines say what went wrong."""
    text = (text or "").strip()
    return text if len(text) <= limit else "…" + text[-limit:]
