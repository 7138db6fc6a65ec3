"""PostgreSQL only: the big vector's index split into ``SHARDS`` partial indexes, one per ``id % 16``
(docs/search.md, "大库"). A GIN index is read by bitmap only: whatever the LIMIT, a lookup reads the
whole posting list of the word, so counting a common word up to 10,001 read all of its hundreds of
thousands of matches. A count over a ``UNION ALL`` of the shards, under one LIMIT, stops after the first
shards for a common word, and a rare word costs sixteen small lookups; any other search names the
shards in an OR, which the planner answers by a BitmapOr of the sixteen indexes. Same answers, exactly.
Statistics on ``id % 16`` tell the planner that a shard is a sixteenth of the rows (without them it
guesses 0.5% for each and, expecting a handful of matches, reads every shard's posting list where the
primary key would have found the 200 candidates); a statistics target of 400 on the vector, so that
the estimate of a word of mid frequency is its frequency. Reversed: the single index of 0002 again (GIN, or
RUM when chosen)."""

from django.db import migrations

SHARDS = 16
#: The vector's statistics target: ANALYZE samples 300 x 400 rows and tracks the 4,000 most common
#: lexemes (the default, 100, tracks 1,000: words of mid frequency fall out and get a guess).
STATISTICS = 400
TABLE = "search_searchentry"


def _using(schema_editor):
    """The method of the index 0002 made (RUM when it was chosen and installed), kept for the shards."""
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'search_entry_vector'")
        row = cursor.fetchone()
    if row and "USING rum" in row[0]:
        return "rum (search_vector rum_tsvector_ops)"
    return "gin (search_vector)"


#: How many entries the planner expects to have a tsquery (the vector's statistics): the estimate that
#: lets a count of a common word be skipped (backends/postgres.py, ESTIMATE_ABOVE), in the count's own
#: statement.
ESTIMATE = f"""
CREATE OR REPLACE FUNCTION search_entry_estimate(words text) RETURNS double precision
LANGUAGE plpgsql AS $$
DECLARE
    plan json;
BEGIN
    EXECUTE format(
        'EXPLAIN (FORMAT JSON) SELECT FROM {TABLE} WHERE search_vector @@ to_tsquery(%%L::regconfig, %%L)',
        'simple', words
    ) INTO plan;
    RETURN (plan -> 0 -> 'Plan' ->> 'Plan Rows')::double precision;
END
$$
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    using = _using(schema_editor)
    for shard in range(SHARDS):
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS search_entry_vector_{shard} ON {TABLE} USING {using}"
            f" WHERE (id %% {SHARDS}) = {shard}"
        )
    schema_editor.execute("DROP INDEX IF EXISTS search_entry_vector")
    schema_editor.execute(
        f"CREATE STATISTICS IF NOT EXISTS search_entry_shard ON ((id %% {SHARDS})) FROM {TABLE}"
    )
    schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN search_vector SET STATISTICS {STATISTICS}")
    schema_editor.execute(f"ANALYZE {TABLE}")
    schema_editor.execute(ESTIMATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'search_entry_vector_0'")
        row = cursor.fetchone()
    using = "rum (search_vector rum_tsvector_ops)" if row and "USING rum" in row[0] else "gin (search_vector)"
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS search_entry_vector ON {TABLE} USING {using}")
    for shard in range(SHARDS):
        schema_editor.execute(f"DROP INDEX IF EXISTS search_entry_vector_{shard}")
    schema_editor.execute("DROP STATISTICS IF EXISTS search_entry_shard")
    schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN search_vector SET STATISTICS -1")
    schema_editor.execute("DROP FUNCTION IF EXISTS search_entry_estimate(text)")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_title_vector_and_date_order")]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
