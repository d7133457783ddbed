"""Tokens made before scopes were checked (ADR 0026) keep what they could do: read and write."""

from django.db import migrations


def grant_existing(apps, schema_editor):
    ApiToken = apps.get_model("accounts", "ApiToken")
    for token in ApiToken.objects.all():
        if not token.scopes:
            token.scopes = ["read", "write"]
            token.save(update_fields=["scopes"])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_initial")]

    operations = [migrations.RunPython(grant_existing, migrations.RunPython.noop)]
