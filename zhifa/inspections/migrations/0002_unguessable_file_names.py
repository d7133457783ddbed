from django.db import migrations


FILES = [
    ("ChecklistPhoto", "file"),
]


def rename(apps, schema_editor):
    """Stored files get random names (issue 13): a name must not be guessable from a case,
    lead or document number."""
    from zhifa.core.files import rename_stored

    for model, field in FILES:
        rename_stored(apps.get_model("inspections", model), field)


class Migration(migrations.Migration):
    dependencies = [("inspections", "0001_initial")]

    operations = [migrations.RunPython(rename, migrations.RunPython.noop)]
