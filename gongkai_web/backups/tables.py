"""The tables of a database as the manifest records them, for both vendors: their names, their row
counts and the migrations applied (read from the snapshot itself, so they describe what was copied)."""

from __future__ import annotations


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def table_names(cursor, vendor: str) -> list[str]:
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


def qualified(key: str, vendor: str) -> str:
    if vendor == "sqlite":
        return quote(key)
    schema, table = key.split(".", 1)
    return f"{quote(schema)}.{quote(table)}"


def count_rows(cursor, vendor: str) -> dict[str, int]:
    counts = {}
    for key in table_names(cursor, vendor):
        cursor.execute(f"SELECT count(*) FROM {qualified(key, vendor)}")
        counts[key] = cursor.fetchone()[0]
    return counts


def applied_migrations(cursor, tables: dict[str, int]) -> dict[str, list[str]]:
    """Applied migrations per app, in the order they were applied, from the snapshot's django_migrations."""
    if not any(key.rsplit(".", 1)[-1] == "django_migrations" for key in tables):
        return {}
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
    applied: dict[str, list[str]] = {}
    for app, name in cursor.fetchall():
        applied.setdefault(app, []).append(name)
    return applied
