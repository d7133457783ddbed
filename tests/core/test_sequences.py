"""Gapless numbers per (town, kind, year), also under concurrent use (DESIGN: Known traps)."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, transaction

from zhifa.core.sequences import sequence_next


@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_requests_get_fifty_distinct_gapless_numbers(towns):
    town = towns["main"]

    def take(_: int) -> int:
        try:
            return sequence_next(town=town, kind="case", year=2026)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=10) as pool:
        numbers = list(pool.map(take, range(50)))
    assert sorted(numbers) == list(range(1, 51))


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_caller_gives_its_number_back(towns):
    town = towns["main"]
    assert sequence_next(town=town, kind="doc:decision", year=2026) == 1
    with pytest.raises(RuntimeError), transaction.atomic():
        sequence_next(town=town, kind="doc:decision", year=2026)
        raise RuntimeError("the document failed to issue")
    assert sequence_next(town=town, kind="doc:decision", year=2026) == 2


@pytest.mark.django_db
def test_numbers_are_kept_per_town_kind_and_year(towns):
    main, second = towns["main"], towns["second"]
    assert sequence_next(town=main, kind="case", year=2026) == 1
    assert sequence_next(town=main, kind="case", year=2026) == 2
    assert sequence_next(town=second, kind="case", year=2026) == 1
    assert sequence_next(town=main, kind="case", year=2027) == 1
    assert sequence_next(town=main, kind="doc:notice", year=2026) == 1
