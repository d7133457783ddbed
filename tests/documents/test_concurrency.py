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


@pytest.mark.django_db(transaction=True)
def test_the_pdf_is_rendered_after_the_numbering_transaction_commits(town, monkeypatch):
    """The write lock (SQLite: the whole database) is held for the numbering only, not for the
    seconds a PDF takes on a busy machine."""
    from zhifa.documents import render

    real, during = render.render_pdf, []

    def spy(pages):
        during.append(connection.in_atomic_block)
        return real(pages)

    monkeypatch.setattr(render, "render_pdf", spy)
    context = copy.deepcopy(doc_type_get("stop_order").sample)
    draft = services.document_draft(town=town, doc_type="stop_order", context=context, actor=None)
    issued = services.document_issue(document=draft, actor=None, date=dt.date(2026, 9, 8))
    assert during == [False]
    assert issued.status == "issued" and issued.number == "繁砂综执责停〔2026〕1号"


@pytest.mark.django_db(transaction=True)
def test_a_failed_render_gives_the_number_back_or_keeps_it_when_a_later_one_was_given(
    town, monkeypatch
):
    from zhifa.documents import render

    real = render.render_pdf
    context = copy.deepcopy(doc_type_get("stop_order").sample)

    def new_draft():
        return services.document_draft(
            town=town, doc_type="stop_order", context=context, actor=None
        )

    def broken(pages):
        raise OSError("字体缺失")

    first = new_draft()
    monkeypatch.setattr(render, "render_pdf", broken)
    with pytest.raises(OSError):
        services.document_issue(document=first, actor=None, date=dt.date(2026, 9, 8))
    first.refresh_from_db()
    assert first.status == "draft" and first.number == ""  # the last number went back

    def broken_after_another_issue(pages):
        monkeypatch.setattr(render, "render_pdf", real)
        other = services.document_issue(document=new_draft(), actor=None, date=dt.date(2026, 9, 8))
        assert other.number == "繁砂综执责停〔2026〕2号"
        raise OSError("字体缺失")

    monkeypatch.setattr(render, "render_pdf", broken_after_another_issue)
    with pytest.raises(OSError):
        services.document_issue(document=first, actor=None, date=dt.date(2026, 9, 8))
    first.refresh_from_db()
    assert first.status == "draft" and first.number == "繁砂综执责停〔2026〕1号"
    with pytest.raises(services.Conflict):
        services.document_delete_draft(document=first, actor=None)  # a deleted draft: a gap
    issued = services.document_issue(document=first, actor=None, date=dt.date(2026, 9, 9))
    assert issued.status == "issued" and issued.number == "繁砂综执责停〔2026〕1号"
