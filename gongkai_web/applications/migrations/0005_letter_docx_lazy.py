# The DOCX of a letter is rendered on first use from ``composed`` (like the PDF), not when it is issued.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('applications', '0004_reasons_requested'),
    ]

    operations = [
        migrations.RenameField(
            model_name='letter',
            old_name='docx',
            new_name='docx_cache',
        ),
        migrations.AlterField(
            model_name='letter',
            name='docx_cache',
            field=models.BinaryField(blank=True, editable=False, null=True),
        ),
    ]
