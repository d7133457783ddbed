import zhifa.core.files
from django.db import migrations, models


FILES = [
    ("Officer", "photo"),
]


def rename(apps, schema_editor):
    """Stored files get random names (issue 13): a name must not be guessable from a case,
    lead or document number."""
    from zhifa.core.files import rename_stored

    for model, field in FILES:
        rename_stored(apps.get_model("team", model), field)


class Migration(migrations.Migration):
    dependencies = [
        ("team", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(rename, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="officer",
            name="photo",
            field=models.ImageField(
                blank=True,
                upload_to=zhifa.core.files.Unguessable("team/photos"),
                verbose_name="公示照片",
            ),
        ),
    ]
