"""期限看板: every running clock of every case the user may see — on the case itself (the penalty
procedure's windows) and on its measures — with working vs calendar days, provisional marks, and
due soon / overdue, per officer and per squadron."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone

from zhifa.cases import selectors as sel
from zhifa.cases.models import ACTIVE_STATES, Case
from zhifa.core import clock, workdays
from zhifa.core.deadlines import deadline_elapsed
from zhifa.core.excel import workbook_build
from zhifa.core.models import Deadline
from zhifa.team.models import Officer, Squadron


@dataclass
class BoardRow:
    deadline: Deadline
    case: Case
    handlers: list[str] = field(default_factory=list)
    status: str = "running"  # running / due_soon / overdue / elapsed (a party's window closed)

    @property
    def status_label(self) -> str:
        return {
            "running": "进行中",
            "due_soon": "即将到期",
            "overdue": "已超期",
            "elapsed": "已届满",
        }[self.status]

    @property
    def unit_label(self) -> str:
        return Deadline.Unit(self.deadline.unit).label

    def as_dict(self) -> dict[str, Any]:
        d = self.deadline
        return {
            "case_id": self.case.pk,
            "case_number": self.case.number,
            "cause": self.case.cause,
            "state": self.case.get_state_display(),
            "squadron": self.case.squadron.name if self.case.squadron_id else None,
            "handlers": self.handlers,
            "kind": d.kind,
            "purpose": d.purpose,
            "article": d.article,
            "unit": d.unit,
            "unit_label": self.unit_label,
            "amount": d.amount,
            "start_at": d.start_at,
            "due_at": d.due_at,
            "provisional": d.provisional,
            "status": self.status,
            "status_label": self.status_label,
        }


def board_rows(
    *,
    user: Any,
    officer: int | None = None,
    squadron: int | None = None,
    status: str = "",
    now: dt.datetime | None = None,
) -> list[BoardRow]:
    now = now or clock.now()
    cases = sel.cases_visible_to(user).filter(state__in=ACTIVE_STATES)
    if officer:
        cases = cases.filter(handler_rows__officer_id=officer)
    if squadron:
        cases = cases.filter(squadron_id=squadron)
    by_id = {
        c.pk: c
        for c in cases.select_related("squadron").prefetch_related("handler_rows__officer__user")
    }
    if not by_id:
        return []
    q = Q(subject_type=ContentType.objects.get_for_model(Case), subject_id__in=list(by_id))
    owner: dict[tuple[int, int], int] = {}
    for model in sel.measure_models():
        ct = ContentType.objects.get_for_model(model)
        pairs = list(model.all_towns.filter(case_id__in=list(by_id)).values_list("pk", "case_id"))
        if pairs:
            q |= Q(subject_type=ct, subject_id__in=[pk for pk, _ in pairs])
            owner.update({(ct.pk, pk): case_id for pk, case_id in pairs})
    case_ct = ContentType.objects.get_for_model(Case).pk
    today = timezone.localtime(now).date()
    soon = workdays.end_of_day(workdays.workdays_add(today, settings.ZHIFA_DUE_SOON_WORKDAYS).date)
    rows: list[BoardRow] = []
    for d in Deadline.objects.filter(q, status=Deadline.Status.OPEN).order_by("due_at"):
        case_id = (
            d.subject_id
            if d.subject_type_id == case_ct
            else owner.get((d.subject_type_id, d.subject_id))
        )
        case = by_id.get(case_id)
        if case is None:
            continue
        if deadline_elapsed(d, now=now):
            state = "elapsed"  # a party's window has closed: nobody is late (the sweep closes it)
        else:
            state = "overdue" if d.due_at < now else ("due_soon" if d.due_at <= soon else "running")
        if status and state != status:
            continue
        names = [r.officer.name for r in case.handler_rows.all()]
        rows.append(BoardRow(deadline=d, case=case, handlers=names, status=state))
    return rows


def board_summary(rows: list[BoardRow]) -> dict[str, Any]:
    """Counts per status, per squadron and per officer (a clock counts for each handler)."""
    per_squadron: dict[str, dict[str, int]] = {}
    per_officer: dict[str, dict[str, int]] = {}
    totals = {"running": 0, "due_soon": 0, "overdue": 0, "elapsed": 0}
    for row in rows:
        totals[row.status] += 1
        if row.status == "elapsed":
            continue  # shown in the list, counted nowhere: it is no longer running
        sq = row.case.squadron.name if row.case.squadron_id else "未分配中队"
        per_squadron.setdefault(sq, {"running": 0, "due_soon": 0, "overdue": 0})[row.status] += 1
        for name in row.handlers:
            per_officer.setdefault(name, {"running": 0, "due_soon": 0, "overdue": 0})[
                row.status
            ] += 1
    return {"totals": totals, "squadrons": per_squadron, "officers": per_officer}


BOARD_HEADERS = (
    "状态",
    "事项",
    "案件编号",
    "案由",
    "案件状态",
    "中队",
    "承办人",
    "期限",
    "起算时间",
    "届满时间",
    "暂定",
    "依据",
)
STATUS_LABELS = {"running": "进行中", "due_soon": "即将到期", "overdue": "已超期"}


def board_xlsx(
    rows: list[BoardRow], *, officer: int | None, squadron: int | None, status: str
) -> bytes:
    """The board's rows as shown, with its filters (core.excel)."""
    parts = []
    if status:
        parts.append(f"状态：{STATUS_LABELS[status]}")
    if squadron:
        found = Squadron.objects.filter(pk=squadron).first()
        parts.append(f"中队：{found.name if found else squadron}")
    if officer:
        person = Officer.objects.filter(pk=officer).select_related("user").first()
        parts.append(f"承办人：{person.name if person else officer}")
    return workbook_build(
        title="期限看板",
        filters="；".join(parts),
        headers=BOARD_HEADERS,
        rows=(
            (
                r.status_label,
                r.deadline.purpose,
                r.case.number,
                r.case.cause,
                r.case.get_state_display(),
                r.case.squadron.name if r.case.squadron_id else "",
                "、".join(r.handlers),
                f"{r.deadline.amount}{r.unit_label}",
                r.deadline.start_at,
                r.deadline.due_at,
                "是" if r.deadline.provisional else "",
                r.deadline.article,
            )
            for r in rows
        ),
    )
