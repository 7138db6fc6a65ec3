"""The full-text structures beside the entries, each on its own database: on SQLite the FTS5 table
``search_fts`` (external content: the entries themselves), on PostgreSQL the generated tsvector
``search_vector`` and its GIN index — a RUM index when GONGKAI_PG_SEARCH_INDEX=rum and the extension
can be created (docs/search.md)."""

import os

from django.db import migrations, models

FTS5_CREATE = (
    "CREATE VIRTUAL TABLE search_fts USING fts5(title_words, words, content='search_searchentry',"
    " content_rowid='id', tokenize='unicode61 remove_diacritics 0')"
)
FTS5_FILL = "INSERT INTO search_fts(search_fts) VALUES ('rebuild')"
FTS5_DROP = "DROP TABLE IF EXISTS search_fts"

PG_VECTOR = (
    "ALTER TABLE search_searchentry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple'::regconfig, coalesce(title_words, '')), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, coalesce(words, '')), 'D')) STORED"
)
PG_GIN = "CREATE INDEX search_entry_vector ON search_searchentry USING gin (search_vector)"
PG_RUM = "CREATE INDEX search_entry_vector ON search_searchentry USING rum (search_vector rum_tsvector_ops)"
PG_DROP = ["DROP INDEX IF EXISTS search_entry_vector", "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS search_vector"]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(FTS5_CREATE)
        schema_editor.execute(FTS5_FILL)
    elif vendor == "postgresql":
        schema_editor.execute(PG_VECTOR)
        schema_editor.execute(PG_RUM if _rum(schema_editor) else PG_GIN)


def _rum(schema_editor):
    if os.environ.get("GONGKAI_PG_SEARCH_INDEX", "gin").strip().lower() != "rum":
        return False
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
        if cursor.fetchone() is None:
            return False
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS rum")
    return True


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(FTS5_DROP)
    elif vendor == "postgresql":
        for statement in PG_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_entries")]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="title_words",
            field=models.TextField(blank=True, default=""),
            preserve_default=False,
        ),
        migrations.RunPython(forwards, backwards),
    ]
