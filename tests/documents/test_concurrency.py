"""50 documents issued at once get 50 distinct, gapless numbers (SQLite IMMEDIATE; PostgreSQL
row lock). Threads share the file test database, so this needs transaction=True."""

import copy
import datetime as dt
import threading

import pytest
from django.db import connection

from zhifa.documents import services
from zhifa.documents.definitions import doc_type_get

N = 50


@pytest.mark.django_db(transaction=True)
def test_fifty_parallel_issues_get_fifty_distinct_gapless_numbers(town):
    context = copy.deepcopy(doc_type_get("stop_order").sample)
    drafts = [
        services.document_draft(town=town, doc_type="stop_order", context=context, actor=None)
        for _ in range(N)
    ]
    numbers: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    start = threading.Barrier(N)

    def issue(document):
        try:
            start.wait()
            issued = services.document_issue(
                document=document, actor=None, date=dt.date(2026, 9, 8)
            )
            with lock:
                numbers.append(issued.number)
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(d,)) for d in drafts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    expected = {f"繁砂综执责停〔2026〕{n}号" for n in range(1, N + 1)}
    assert sorted(numbers) == sorted(expected)
