# Covering indexes for table 3 counted from records (gongkai_web/reports/table3.py, bench/table3.py):
# each of its two aggregates becomes an index-only scan (PostgreSQL, SQLite) instead of a scan of the
# whole table. They replace the (agency, received_on) and (agency, concluded_on) indexes, which are
# their prefixes.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('applications', '0005_letter_docx_lazy'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='application',
            name='application_agency__e01e7b_idx',
        ),
        migrations.RemoveIndex(
            model_name='application',
            name='application_agency__b5d37a_idx',
        ),
        migrations.AddIndex(
            model_name='application',
            index=models.Index(fields=['agency', 'received_on', 'concluded_on', 'report_column'],
                               name='application_table3_received'),
        ),
        migrations.AddIndex(
            model_name='application',
            index=models.Index(fields=['agency', 'concluded_on', 'received_on', 'report_column', 'outcome'],
                               name='application_table3_concluded'),
        ),
    ]
