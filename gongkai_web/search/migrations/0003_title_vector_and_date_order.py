"""What makes searching a large library fast (docs/search.md, "大库"): on PostgreSQL a generated tsvector
of the title alone (``title_vector``, its own small GIN index: the title tier of the bounded ranking,
and a title-match score without reading the big vector) and LZ4 compression of the big columns (the
words and the vector are read back much faster than with pglz, where the server has LZ4); on both
databases an index in the date order of the results (newest first, undated last, then kind and key),
so that a page by date over a common word stops after a few rows."""

from django.db import migrations

PG_TITLE_VECTOR = (
    "ALTER TABLE search_searchentry ADD COLUMN title_vector tsvector GENERATED ALWAYS AS ("
    "to_tsvector('simple'::regconfig, coalesce(title_words, ''))) STORED"
)
PG_TITLE_GIN = "CREATE INDEX search_entry_title_vector ON search_searchentry USING gin (title_vector)"
PG_LZ4 = [
    "ALTER TABLE search_searchentry ALTER COLUMN search_vector SET COMPRESSION lz4",
    "ALTER TABLE search_searchentry ALTER COLUMN words SET COMPRESSION lz4",
    "ALTER TABLE search_searchentry ALTER COLUMN body SET COMPRESSION lz4",
]
#: The order of results by date (base.BY_DATE). SQLite cannot index NULLS LAST; it sorts.
PG_DATE_ORDER = (
    "CREATE INDEX search_entry_date_order ON search_searchentry"
    " (published_on DESC NULLS LAST, kind, key DESC)"
)
PG_DROP = [
    "DROP INDEX IF EXISTS search_entry_date_order",
    "DROP INDEX IF EXISTS search_entry_title_vector",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS title_vector",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(PG_TITLE_VECTOR)
    schema_editor.execute(PG_TITLE_GIN)
    schema_editor.execute(PG_DATE_ORDER)
    with schema_editor.connection.cursor() as cursor:
        # A server built without LZ4 keeps pglz: slower to read, the same answers.
        cursor.execute("SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)")
        if cursor.fetchone() is not None:
            for statement in PG_LZ4:
                schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in PG_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
