"""The hash-chained record (全过程记录): appends never fork; edits, deletions and cuts show."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from zhifa.core.audit import chain_verify, event_append
from zhifa.core.models import Town, TownEvent

pytestmark = pytest.mark.django_db


def _append(town, n=3, actor=None):
    for i in range(n):
        event_append(
            event_model=TownEvent,
            subject=town,
            actor=actor,
            event_type="setting_changed",
            summary=f"第{i + 1}次修改",
            old={"v": i},
            new={"v": i + 1, "amount": "60000.00"},
        )


def test_an_intact_record_verifies(personas):
    _append(personas.town, actor=personas.admin)
    assert chain_verify(event_model=TownEvent, subject=personas.town) == []
    first = TownEvent.objects.get(subject=personas.town, seq=1)
    assert first.actor_name == "管理壬" and first.prev_hash == ""


def test_an_edited_event_is_detected(personas):
    _append(personas.town)
    TownEvent.objects.filter(subject=personas.town, seq=2).update(summary="悄悄改过")
    assert chain_verify(event_model=TownEvent, subject=personas.town) == ["第 2 条记录内容被改动"]


def test_a_deleted_event_is_detected(personas):
    _append(personas.town)
    TownEvent.objects.filter(subject=personas.town, seq=2).delete()
    problems = chain_verify(event_model=TownEvent, subject=personas.town)
    assert "第 2 条记录缺失" in problems


def test_a_cut_off_tail_is_detected(personas):
    _append(personas.town)
    TownEvent.objects.filter(subject=personas.town, seq=3).delete()
    assert chain_verify(event_model=TownEvent, subject=personas.town) == [
        "记录末尾被截断或链头不符"
    ]


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_do_not_fork_the_chain(towns):
    town = towns["main"]

    def append(i):
        try:
            event_append(
                event_model=TownEvent,
                subject=Town.objects.get(pk=town.pk),
                actor=None,
                event_type="concurrent",
                summary=f"并发 {i}",
            )
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(append, range(20)))
    assert sorted(TownEvent.objects.filter(subject=town).values_list("seq", flat=True)) == list(
        range(1, 21)
    )
    assert chain_verify(event_model=TownEvent, subject=town) == []
