import zhifa.core.files
from django.db import migrations, models


FILES = [
    ("LeadPhoto", "file"),
]


def rename(apps, schema_editor):
    """Stored files get random names (issue 13): a name must not be guessable from a case,
    lead or document number."""
    from zhifa.core.files import rename_stored

    for model, field in FILES:
        rename_stored(apps.get_model("intake", model), field)


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0003_classifier_versions_open311"),
    ]

    operations = [
        migrations.RunPython(rename, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="leadphoto",
            name="file",
            field=models.ImageField(
                upload_to=zhifa.core.files.Unguessable("intake/photos"), verbose_name="照片"
            ),
        ),
    ]
