import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from zhifa.core.deadlines import Deadline, deadline_complete, deadline_open, deadline_sweep

pytestmark = pytest.mark.django_db


def _open(personas, start, amount=5):
    return deadline_open(
        town=personas.town,
        subject=personas.town,
        kind="statement_window",
        purpose="陈述申辩期限",
        article="行政处罚法第四十四条",
        start=start,
        amount=amount,
        unit=Deadline.Unit.WORKING_DAYS,
        responsible=personas.officer,
        url="/cases/1/",
    )


def test_a_working_day_deadline_is_due_at_the_end_of_its_last_day(personas):
    start = timezone.make_aware(dt.datetime(2026, 9, 29, 10, 0))
    deadline = _open(personas, start)
    assert timezone.localtime(deadline.due_at).date() == dt.date(2026, 10, 12)
    assert timezone.localtime(deadline.due_at).time() == dt.time(23, 59, 59)


def test_the_sweep_alarms_once_for_due_soon_and_once_for_overdue(
    personas, django_capture_on_commit_callbacks
):
    personas.officer.email = "officer@example.test"
    personas.officer.save()
    start = timezone.make_aware(dt.datetime(2026, 9, 29, 10, 0))
    _open(personas, start)
    before = timezone.make_aware(dt.datetime(2026, 10, 9, 9, 0))
    after = timezone.make_aware(dt.datetime(2026, 10, 13, 9, 0))
    with django_capture_on_commit_callbacks(execute=True):
        assert deadline_sweep(now=before).due_soon == 1
        assert deadline_sweep(now=before).due_soon == 0  # once only
        assert deadline_sweep(now=after).overdue == 1
        assert deadline_sweep(now=after).overdue == 0
    titles = list(personas.officer.notifications.values_list("title", flat=True))
    assert titles == ["已超期：陈述申辩期限", "即将到期：陈述申辩期限"]
    assert [m.subject for m in mail.outbox] == [
        "【执法平台】即将到期：陈述申辩期限",
        "【执法平台】已超期：陈述申辩期限",
    ]


def test_a_completed_deadline_raises_no_alarm(personas):
    deadline = _open(personas, timezone.make_aware(dt.datetime(2026, 9, 29, 10, 0)))
    deadline_complete(deadline=deadline)
    assert deadline_sweep(now=timezone.make_aware(dt.datetime(2026, 10, 20))).overdue == 0


def test_notifications_show_in_the_page_header_until_read(personas, client, login):
    deadline = _open(personas, timezone.make_aware(dt.datetime(2026, 9, 29, 10, 0)))
    deadline_sweep(now=deadline.due_at + dt.timedelta(hours=1))
    login(client, personas.officer)
    page = client.get("/").content.decode()
    assert "已超期：陈述申辩期限" in page
    client.post("/notifications/read/")
    assert "已超期：陈述申辩期限" not in client.get("/").content.decode()


def test_a_failing_channel_does_not_lose_the_notice(
    personas, monkeypatch, django_capture_on_commit_callbacks
):
    from zhifa.core import channels
    from zhifa.core.notifications import notify

    def broken(self, notification):
        raise ConnectionError("邮件服务器不可达")

    monkeypatch.setattr(channels.EmailChannel, "send", broken)
    with django_capture_on_commit_callbacks(execute=True):
        [row] = notify(town=personas.town, users=[personas.officer], title="测试通知")
    row.refresh_from_db()
    assert row.delivered["email"].startswith("failed")
    assert personas.officer.notifications.filter(title="测试通知").exists()


def test_a_partys_window_that_passed_closes_as_elapsed_without_an_overdue_alarm(
    personas, monkeypatch
):
    from zhifa.core import deadlines

    monkeypatch.setattr(deadlines, "WINDOW_KINDS", {"statement_window"})
    window = _open(personas, timezone.make_aware(dt.datetime(2026, 9, 29, 10, 0)))
    after = timezone.make_aware(dt.datetime(2026, 10, 13, 9, 0))
    assert deadlines.deadline_elapsed(window, now=after)
    result = deadline_sweep(now=after)
    assert (result.elapsed, result.overdue) == (1, 0)
    window.refresh_from_db()
    assert window.status == Deadline.Status.DONE and window.done_at == window.due_at
    assert window.alarm == ""
    assert not personas.officer.notifications.filter(title__startswith="已超期").exists()
