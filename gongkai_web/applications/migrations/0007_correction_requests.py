# Requests to correct a record about the requester (条例第四十一条): ``Application.kind``. Table 3 counts
# disclosure requests only (legal-rules decision 14), so ``kind`` joins its two covering indexes
# (0006) as their last column and both aggregates stay index-only scans.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('applications', '0006_table3_indexes'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='application',
            name='application_table3_received',
        ),
        migrations.RemoveIndex(
            model_name='application',
            name='application_table3_concluded',
        ),
        migrations.AddField(
            model_name='application',
            name='kind',
            field=models.CharField(choices=[('disclosure', 'Apply for disclosure of government information'), ('correction', 'Ask for a record about me to be corrected (art. 41)')], default='disclosure', max_length=12, verbose_name='request kind'),
        ),
        migrations.AddIndex(
            model_name='application',
            index=models.Index(fields=['agency', 'received_on', 'concluded_on', 'report_column', 'kind'], name='application_table3_received'),
        ),
        migrations.AddIndex(
            model_name='application',
            index=models.Index(fields=['agency', 'concluded_on', 'received_on', 'report_column', 'outcome', 'kind'], name='application_table3_concluded'),
        ),
    ]
