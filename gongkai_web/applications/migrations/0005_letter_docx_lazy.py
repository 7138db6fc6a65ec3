# The DOCX of a letter is rendered on first use from ``composed`` (like the PDF), not when it is issued.

from django.db import migrations, models


def render_missing_docx(apps, schema_editor):
    """Going back to a required ``docx``: render the letters not yet downloaded as Word, from the words
    fixed at issue (``composed``), as the earlier code did when it issued them."""
    from gongkai import letters as core
    from gongkai_web.applications.letters import _thaw

    Letter = apps.get_model("applications", "Letter")
    for letter in Letter.objects.filter(docx_cache__isnull=True).iterator():
        letter.docx_cache = core.render_docx(_thaw(letter.composed))
        letter.save(update_fields=["docx_cache"])


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
        migrations.RunPython(migrations.RunPython.noop, reverse_code=render_missing_docx),
    ]
