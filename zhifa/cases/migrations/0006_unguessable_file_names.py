from django.db import migrations


FILES = [
    ("Evidence", "file"),
]


def rename(apps, schema_editor):
    """Stored files get random names (issue 13): a name must not be guessable from a case,
    lead or document number."""
    from zhifa.core.files import rename_stored

    for model, field in FILES:
        rename_stored(apps.get_model("cases", model), field)


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_case_serious_harm")]

    operations = [migrations.RunPython(rename, migrations.RunPython.noop)]
