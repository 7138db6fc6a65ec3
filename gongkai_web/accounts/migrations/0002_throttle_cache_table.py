"""The table of the throttle cache (settings ``CACHES["throttle"]``, a ``DatabaseCache`` unless Redis is
configured): login, signup, second-factor and query-code counters, shared by every worker."""

from django.core.management import call_command
from django.db import migrations

#: settings.THROTTLE_CACHE_TABLE at the time of this migration (a migration does not follow settings).
TABLE = "gongkai_throttle"


def create_table(apps, schema_editor):
    # Only this table (not every DatabaseCache in settings), in the database being migrated; nothing if
    # it exists already (createcachetable skips it).
    call_command("createcachetable", TABLE, database=schema_editor.connection.alias, verbosity=0)


def drop_table(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):

    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(create_table, drop_table, elidable=False)]
