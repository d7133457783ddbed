"""Partial indexes for the dashboard's queries, on the tables of the apps it reads (plain SQL,
valid on PostgreSQL and SQLite; they live here, with the queries that need them):

- ``dashboard_deadline_late``: the clocks that make a closed case late (met late, or still open),
  with every column the test reads; the cockpit counts closed cases with such a clock as one
  semi-join that reads this index alone (按期结案率).
- ``dashboard_case_before_decision``: cases filed and not yet decided, by filing time; the
  warning "decision near the 90-day limit" reads the oldest first and stops at the page's rows.
- ``dashboard_penalty_no_hearing`` / ``dashboard_penalty_with_level``: the few penalties the two
  penalty warnings look at, instead of every penalty of the towns.

The states and conditions repeat those of ``warnings.py`` and ``metrics.py``; a change there
needs a new migration here (the queries stay correct without the index, only slower)."""

from django.db import migrations

INDEXES = {
    "dashboard_deadline_late": (
        "core_deadline (subject_type_id, subject_id, status, due_at, done_at) "
        "WHERE (done_at > due_at OR status = 'open')"
    ),
    "dashboard_case_before_decision": (
        "cases_case (filed_at, town_id) WHERE state IN "
        "('filed', 'investigating', 'proposed', 'notified', 'hearing', 'under_review')"
    ),
    "dashboard_penalty_no_hearing": (
        "penalty_penalty (town_id) WHERE procedure = 'ordinary' AND NOT hearing_offered "
        "AND notice_served_on IS NOT NULL"
    ),
    "dashboard_penalty_with_level": (
        "penalty_penalty (town_id, item_id) WHERE level <> '' AND decided_on IS NOT NULL"
    ),
}


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("cases", "0004_move_penalty_and_coercion"),
        ("penalty", "0001_initial"),
        ("dashboard", "0003_monthly_report"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {name} ON {definition}",
            reverse_sql=f"DROP INDEX IF EXISTS {name}",
        )
        for name, definition in INDEXES.items()
    ]
