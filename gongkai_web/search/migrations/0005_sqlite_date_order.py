"""SQLite only: an index in the date order of the results (base.BY_DATE: newest first — SQLite puts
NULL last in a descending order, as ``DESC NULLS LAST`` asks —, then kind and key), which PostgreSQL
has had since 0003. FTS5 walks it to find the newest matches of a large answer without reading each
match's row (docs/search.md, "大库"); ``IF NOT EXISTS``, so that it may run on a library that has it."""

from django.db import migrations

SQLITE_DATE_ORDER = (
    "CREATE INDEX IF NOT EXISTS search_entry_date_order ON search_searchentry (published_on DESC, kind, key DESC)"
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_DATE_ORDER)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP INDEX IF EXISTS search_entry_date_order")


class Migration(migrations.Migration):
    dependencies = [("search", "0004_sharded_vector_index")]

    operations = [migrations.RunPython(forwards, backwards)]
