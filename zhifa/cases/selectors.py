"""Reads for cases. ``case_get_for_user`` is the one gate pages and the API share; lists are
filtered by the same rules (``cases_visible_to``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

from zhifa.accounts.roles import (
    ADMIN,
    AUXILIARY,
    DEPARTMENT,
    GRID_MEMBER,
    LEADER,
    LEGAL_REVIEWER,
    OFFICER,
    SQUADRON_LEADER,
    SUPERVISOR,
    has_role,
)
from zhifa.core import clock
from zhifa.core.audit import chain_verify
from zhifa.core.deadlines import WINDOW_KINDS
from zhifa.core.errors import NotFound
from zhifa.core.models import Deadline
from zhifa.documents.models import Document
from zhifa.documents.selectors import document_file_problems, documents_of_owner

from . import extensions
from .models import (
    ACTIVE_STATES,
    Case,
    CaseEvent,
    CorrectionOrder,
    State,
)

STAFF = (LEADER, SQUADRON_LEADER, OFFICER, AUXILIARY, LEGAL_REVIEWER, ADMIN)
ACTORS = (LEADER, SQUADRON_LEADER, OFFICER)


def is_staff(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False) or has_role(user, *STAFF))


def can_act(user: Any) -> bool:
    """May carry out steps on a case (register, record, measures, transfer)."""
    return bool(getattr(user, "is_superuser", False) or has_role(user, *ACTORS))


def can_review(user: Any) -> bool:
    """May record a 法制审核 (行政处罚法第五十八条): a legal reviewer."""
    return bool(getattr(user, "is_superuser", False) or has_role(user, LEGAL_REVIEWER))


def cases_visible_to(user: Any) -> QuerySet[Case]:
    """The cases a user may see, within the request's town scope:
    - team staff: every case of their town(s);
    - a county department's liaison: cases transferred to, or shared with, their department;
    - a grid member: the cases they reported;
    - a county supervisor (县司法局执法监督员): every case of the supervised towns, read-only
      (``can_act`` never lets them carry out a step);
    - anyone else: none."""
    qs = Case.objects.all()
    if is_staff(user) or has_role(user, SUPERVISOR):
        return qs
    if has_role(user, DEPARTMENT) and user.organisation:
        return qs.filter(
            Q(transfers__department__name=user.organisation)
            | Q(shared_with__name=user.organisation)
        ).distinct()
    if has_role(user, GRID_MEMBER):
        return qs.filter(reported_by=user)
    return qs.none()


def case_get_for_user(user: Any, pk: int) -> Case:
    """The case if this user may see it; otherwise NotFound (its existence is not revealed)."""
    case = (
        cases_visible_to(user)
        .select_related("town", "cell__village", "squadron", "registered_by")
        .filter(pk=pk)
        .first()
    )
    if case is None:
        raise NotFound("未找到该案件，或您无权查看")
    return case


@dataclass
class CaseFilters:
    q: str = ""
    state: str = ""
    item: int | None = None
    squadron: int | None = None
    handler: int | None = None
    active: bool | None = None
    since: dt.date | None = None
    until: dt.date | None = None


def case_list(*, user: Any, filters: CaseFilters | None = None) -> QuerySet[Case]:
    f = filters or CaseFilters()
    qs = cases_visible_to(user).select_related("squadron", "cell")
    if f.q:
        qs = qs.filter(
            Q(number__icontains=f.q)
            | Q(cause__icontains=f.q)
            | Q(address__icontains=f.q)
            | Q(parties__name__icontains=f.q)
        ).distinct()
    if f.state:
        qs = qs.filter(state=f.state)
    if f.active is True:
        qs = qs.filter(state__in=ACTIVE_STATES)
    elif f.active is False:
        qs = qs.exclude(state__in=ACTIVE_STATES)
    if f.item:
        qs = qs.filter(items__pk=f.item)
    if f.squadron:
        qs = qs.filter(squadron_id=f.squadron)
    if f.handler:
        qs = qs.filter(handler_rows__officer_id=f.handler)
    if f.since:
        qs = qs.filter(discovered_on__gte=f.since)
    if f.until:
        qs = qs.filter(discovered_on__lte=f.until)
    return qs.prefetch_related("parties", "items").distinct()


def case_events(case: Case) -> QuerySet[CaseEvent]:
    return CaseEvent.objects.filter(case=case).order_by("seq")


def case_documents(case: Case) -> QuerySet[Document]:
    return documents_of_owner(owner=case).order_by("created_at", "pk")


def measure_models() -> list[type]:
    """The models whose clocks belong to a case: orders here, the coercive measures registered by
    ``coercion`` (``cases.extensions``)."""
    return [CorrectionOrder, *extensions.measure_models]


def case_deadlines(case: Case) -> QuerySet[Deadline]:
    """Every clock on the case's measures, earliest first."""
    q = Q(subject_type=ContentType.objects.get_for_model(Case), subject_id=case.pk)
    for model in measure_models():
        ids = list(model.all_towns.filter(case=case).values_list("pk", flat=True))
        if ids:
            q |= Q(subject_type=ContentType.objects.get_for_model(model), subject_id__in=ids)
    return Deadline.objects.filter(q).order_by("status", "due_at")


def record_problems(case: Case) -> list[str]:
    """The case's chain and row (core.audit.chain_verify), and each issued document's hash as
    its event recorded it, against the document row and its stored file (ADR 0026)."""
    problems = chain_verify(event_model=CaseEvent, subject=case)
    issued = CaseEvent._base_manager.filter(case=case, event_type="document_issued")
    for event in issued.order_by("seq"):
        recorded = (event.files or [{}])[0].get("sha256", "")
        document = Document._base_manager.filter(pk=event.new.get("document")).first()
        name = event.new.get("number") or f"文书#{event.new.get('document')}"
        if document is None:
            problems.append(f"{name}：文书已被删除")
        elif document.pdf_sha256 != recorded:
            problems.append(f"{name}：文书哈希与案件记录不符")
        else:
            problems.extend(f"{name}：{p}" for p in document_file_problems(document))
    return problems


def cases_verify(options: dict[str, Any]) -> Iterator[tuple[str, list[str]]]:
    """Every case of every town, or the one ``options["case"]`` names (id or number)."""
    cases = Case._base_manager.order_by("pk")
    ref = options.get("case")
    if ref:
        cases = cases.filter(pk=int(ref)) if str(ref).isdigit() else cases.filter(number=ref)
        if not cases.exists():
            raise NotFound(f"未找到案件：{ref}")
    for case in cases.iterator():
        yield case.number, record_problems(case)


@dataclass
class MyWork:
    todo: list[Case] = field(default_factory=list)
    due_soon: list[Deadline] = field(default_factory=list)
    overdue: list[Deadline] = field(default_factory=list)


def my_work(*, user: Any, now: dt.datetime | None = None, soon_days: int = 3) -> MyWork:
    """待办: active cases the user handles (or all active cases for a leader); clocks on them due
    within ``soon_days`` calendar days, and those already overdue."""
    now = now or clock.now()
    cases = cases_visible_to(user).filter(state__in=ACTIVE_STATES)
    if not (has_role(user, LEADER) or getattr(user, "is_superuser", False)):
        officer = getattr(user, "officer", None)
        cases = cases.filter(Q(handler_rows__officer=officer) | Q(registered_by=user)).distinct()
    todo = cases.select_related("squadron").prefetch_related("parties")
    work = MyWork(todo=list(todo.order_by("discovered_on")[:50]))
    ids = [c.pk for c in work.todo]
    subjects = Q(subject_type=ContentType.objects.get_for_model(Case), subject_id__in=ids)
    for model in measure_models():
        pks = list(model.all_towns.filter(case_id__in=ids).values_list("pk", flat=True))
        if pks:
            subjects |= Q(subject_type=ContentType.objects.get_for_model(model), subject_id__in=pks)
    open_ = Deadline.objects.filter(subjects, status=Deadline.Status.OPEN).order_by("due_at")
    # a party's window that has passed is 已届满, not the team's delay: not listed as overdue
    work.overdue = list(open_.filter(due_at__lt=now).exclude(kind__in=WINDOW_KINDS))
    work.due_soon = list(
        open_.filter(due_at__gte=now, due_at__lte=now + dt.timedelta(days=soon_days))
    )
    return work


def state_counts(user: Any) -> dict[str, int]:
    from django.db.models import Count

    rows = cases_visible_to(user).values("state").annotate(n=Count("pk", distinct=True))
    return {r["state"]: r["n"] for r in rows}


def subject_cases(*, user: Any, subject: Any) -> QuerySet[Case]:
    return cases_visible_to(user).filter(parties=subject).order_by("-registered_at")


def state_label(state: str) -> str:
    return State(state).label
