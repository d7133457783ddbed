"""The penalty file moves to ``zhifa.penalty`` and the coercive measures to ``zhifa.coercion``
(issue 14). The rows stay where they are: the tables are renamed, the models leave this app's state
and the new apps' first migrations take them over (``SeparateDatabaseAndState``, no data copied)."""

from django.db import migrations

MOVED = {
    "penalty": ("penalty", "penalty_penalty"),
    "appeal": ("penalty", "penalty_appeal"),
    "evidencehold": ("coercion", "coercion_evidencehold"),
    "seizure": ("coercion", "coercion_seizure"),
    "assistancerequest": ("coercion", "coercion_assistancerequest"),
}


class Migration(migrations.Migration):
    dependencies = [("cases", "0003_penalty_disclosure")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name=name, table=table)
                for name, (_, table) in MOVED.items()
            ],
            state_operations=[migrations.DeleteModel(name=name) for name in MOVED],
        )
    ]
