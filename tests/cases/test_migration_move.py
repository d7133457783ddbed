"""Issue 14: the penalty file and the coercive measures moved from ``cases`` to their own apps by
renaming tables; a database at the old layout migrates forward with every row and content type."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from zhifa.coercion.models import EvidenceHold
from zhifa.penalty.models import Appeal, Penalty

# serialized_rollback: the data the migrations seeded (roles, calendars) is restored for the next test
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

OLD = [("cases", "0003_penalty_disclosure")]


def _migrate(targets):  # type: ignore[no-untyped-def]
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor


def test_a_database_at_the_old_layout_migrates_with_every_row(notified_case, personas):
    penalty = Penalty.all_towns.get(case=notified_case)
    penalty_type = ContentType.objects.get_for_model(Penalty).pk

    executor = _migrate(OLD)
    old = executor.loader.project_state(OLD).apps
    assert old.get_model("cases", "Penalty").objects.get(pk=penalty.pk).amount == penalty.amount
    # rows written while the old layout is live
    appeal = old.get_model("cases", "Appeal").objects.create(
        town_id=notified_case.town_id,
        case_id=notified_case.pk,
        kind="reconsideration",
        body="繁峙县人民政府",
        filed_on=dt.date(2026, 11, 20),
    )
    hold = old.get_model("cases", "EvidenceHold").objects.create(
        town_id=notified_case.town_id,
        case_id=notified_case.pk,
        items=[{"name": "扬尘作业设备", "quantity": "1台"}],
        place="执法队物品保管室",
        approved_by_id=personas.leader.pk,
        started_at=dt.datetime(2026, 10, 1, 9, tzinfo=dt.UTC),
    )
    assert ContentType.objects.get(pk=penalty_type).app_label == "cases"

    executor = _migrate(executor.loader.graph.leaf_nodes())

    assert Penalty.all_towns.get(pk=penalty.pk).amount == penalty.amount
    assert Appeal.all_towns.get(pk=appeal.pk).body == "繁峙县人民政府"
    assert EvidenceHold.all_towns.get(pk=hold.pk).place == "执法队物品保管室"
    assert ContentType.objects.get_for_model(Penalty).pk == penalty_type
    tables = connection.introspection.table_names()
    assert {"penalty_penalty", "penalty_appeal", "coercion_evidencehold"} <= set(tables)
    assert not {"cases_penalty", "cases_seizure"} & set(tables)
