"""A published report version can never be changed nor deleted, whatever writes to the database (the
services refuse, the admin is read-only, and this trigger stops raw SQL too): on SQLite and PostgreSQL."""

from django.db import migrations

MESSAGE = "published report versions are immutable"

SQLITE = [
    f"""CREATE TRIGGER reports_version_no_update BEFORE UPDATE ON reports_reportversion
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
    f"""CREATE TRIGGER reports_version_no_delete BEFORE DELETE ON reports_reportversion
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS reports_version_no_update",
    "DROP TRIGGER IF EXISTS reports_version_no_delete",
]
POSTGRESQL = [
    f"""CREATE FUNCTION reports_version_immutable() RETURNS trigger AS $$
    BEGIN RAISE EXCEPTION '{MESSAGE}'; END; $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER reports_version_immutable BEFORE UPDATE OR DELETE ON reports_reportversion
    FOR EACH ROW EXECUTE FUNCTION reports_version_immutable()""",
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS reports_version_immutable ON reports_reportversion",
    "DROP FUNCTION IF EXISTS reports_version_immutable()",
]


def _run(statements):
    def run(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_report_records")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        )
    ]
