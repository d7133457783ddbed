"""Team API: officers, squadrons with workload, the 1+1+1 liaison, the duty roster, eligibility."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from ninja import Router, Schema
from ninja.errors import HttpError

from zhifa.catalog.models import Domain
from zhifa.core import clock
from zhifa.core.errors import Forbidden, NotFound
from zhifa.core.picks import Pick, pick_limit, pick_town

from . import selectors as sel
from .rules import eligible_handlers

router = Router(tags=["队伍"])


def _town(request):
    if getattr(request, "town", None) is None:
        raise Forbidden("请先选择所在乡镇")
    return request.town


class CertificateOut(Schema):
    number: str
    issuer: str
    valid_from: dt.date
    valid_to: dt.date
    domains: list[str]
    valid_today: bool


class OfficerOut(Schema):
    id: int
    name: str
    employment: str
    employment_label: str
    squadron: str | None
    position: str
    work_phone: str
    duties: list[str]
    in_reserve_pool: bool
    certificate_status: str
    certificate_days_left: int | None
    certificates: list[CertificateOut]


def _officer_out(row: sel.RosterRow, today: dt.date) -> OfficerOut:
    o = row.officer
    return OfficerOut(
        id=o.pk,
        name=o.name,
        employment=o.employment,
        employment_label=o.get_employment_display(),
        squadron=o.squadron.name if o.squadron else None,
        position=o.position,
        work_phone=o.work_phone,
        duties=o.duty_labels,
        in_reserve_pool=o.in_reserve_pool,
        certificate_status=row.status,
        certificate_days_left=row.days_left,
        certificates=[
            CertificateOut(
                number=c.number,
                issuer=c.issuer,
                valid_from=c.valid_from,
                valid_to=c.valid_to,
                domains=[d.name for d in c.domains.all()],
                valid_today=c.is_valid_on(today),
            )
            for c in o.certificates.all()
        ],
    )


@router.get("/officers", response=list[OfficerOut], summary="执法队员名册")
def officers(request):
    sel.require_team_access(request.user)
    today = clock.today()
    return [_officer_out(r, today) for r in sel.roster(_town(request), today=today)]


@router.get("/officers/{officer_id}", response=OfficerOut, summary="执法队员详情")
def officer(request, officer_id: int):
    sel.require_team_access(request.user)
    today = clock.today()
    return _officer_out(
        sel.certificate_status(sel.officer_get(_town(request), officer_id), today), today
    )


class SquadronOut(Schema):
    id: int
    name: str
    zone: str
    leader: str | None
    officers: int
    certified: int
    villages: int
    cells: int
    subjects: int
    patrols_open: int
    findings_untaken: int
    extra: dict[str, int]


@router.get("/squadrons", response=list[SquadronOut], summary="中队及工作量")
def squadrons(request):
    sel.require_team_access(request.user)
    return [
        SquadronOut(
            id=w.squadron.pk,
            name=w.squadron.name,
            zone=w.squadron.zone.name,
            leader=w.squadron.leader.full_name if w.squadron.leader else None,
            officers=w.officers,
            certified=w.certified,
            villages=w.villages,
            cells=w.cells,
            subjects=w.subjects,
            patrols_open=w.patrols_open,
            findings_untaken=w.findings_untaken,
            extra=w.extra,
        )
        for w in sel.squadron_workloads(_town(request))
    ]


class LiaisonOut(Schema):
    officer: str
    domain: str
    department: str
    department_kind: str
    leader: str
    leader_title: str


@router.get("/liaison", response=list[LiaisonOut], summary="“1+1+1”联络矩阵")
def liaison(request):
    sel.require_liaison_access(request.user)
    return [
        LiaisonOut(
            officer=row.officer.name,
            domain=row.domain.name,
            department=row.department.name,
            department_kind=row.department.get_kind_display(),
            leader=row.leader.full_name,
            leader_title=row.leader_title,
        )
        for row in sel.liaison_matrix(_town(request))
    ]


class ShiftOut(Schema):
    officer: str
    officer_id: int
    kind: str
    kind_label: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    post: str
    squadron: str | None


def _shift_out(s) -> ShiftOut:
    return ShiftOut(
        officer=s.officer.name,
        officer_id=s.officer_id,
        kind=s.kind,
        kind_label=s.get_kind_display(),
        starts_at=s.starts_at,
        ends_at=s.ends_at,
        post=s.post,
        squadron=s.squadron.name if s.squadron else None,
    )


@router.get("/duty", response=list[ShiftOut], summary="值班表（按日期范围）")
def duty(request, start: dt.date, end: dt.date):
    sel.require_team_access(request.user)
    if end < start or (end - start).days > 62:
        raise HttpError(422, "日期范围应在 62 天以内，且截止日不早于起始日")
    tz = timezone.get_current_timezone()
    begin = dt.datetime.combine(start, dt.time.min, tz)
    finish = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tz)
    return [_shift_out(s) for s in sel.shifts_between(_town(request), begin, finish)]


@router.get("/duty/now", response=list[ShiftOut], summary="当前在岗与备勤人员")
def duty_now(request):
    sel.require_team_access(request.user)
    return [_shift_out(s) for s in sel.on_duty_at(_town(request))]


class EligibleOut(Schema):
    officer_id: int
    name: str
    certificate_number: str
    valid_to: dt.date


@router.get("/eligible", response=list[EligibleOut], summary="可作为承办人的执法人员")
def eligible(request, on: dt.date | None = None, domain: str = ""):
    """执法证在当日有效且覆盖该领域的专职执法人员（行政处罚法第四十二条）。"""
    sel.require_team_access(request.user)
    found_domain = None
    if domain:
        found_domain = Domain.objects.filter(code=domain).first()
        if found_domain is None:
            raise NotFound(f"没有代码为“{domain}”的执法领域")
    handlers = eligible_handlers(town=_town(request), on=on or clock.today(), domain=found_domain)
    return [
        EligibleOut(
            officer_id=h.officer.pk,
            name=h.officer.name,
            certificate_number=h.certificate.number,
            valid_to=h.certificate.valid_to,
        )
        for h in handlers
    ]


class OfficerPick(Pick):
    employment: str
    certificate_number: str = ""


class OfficerPicks(Schema):
    results: list[OfficerPick]


@router.get(
    "/pick/officers",
    response=OfficerPicks,
    url_name="team_pick_officers",
    summary="执法人员选择器搜索",
)
def pick_officers(
    request,
    q: str = "",
    employment: str = "",
    item: str = "",
    on: dt.date | None = None,
    limit: int = 30,
):
    """按姓名或执法证号搜索本镇在岗人员。`employment=full_time` 只列专职执法人员；给出 `item`
    （事项 id 或编码，多个以逗号分隔）或 `on`（日期）时只列当日可担任承办人的人员：执法证有效，
    且领域覆盖当日本镇承接的每一个事项（行政处罚法第四十二条）。"""
    sel.require_team_access(request.user)
    town = pick_town(request)
    rows = sel.officers_pick(
        town, q=q.strip()[:50], employment=employment, item=item, on=on, limit=pick_limit(limit)
    )
    return {
        "results": [
            OfficerPick(
                id=r.officer.pk,
                employment=r.officer.employment,
                certificate_number=r.certificate_number,
                label=r.officer.name,
                hint=" · ".join(
                    x
                    for x in (
                        r.officer.get_employment_display(),
                        r.officer.squadron.name if r.officer.squadron_id else "",
                        f"执法证 {r.certificate_number}" if r.certificate_number else "",
                    )
                    if x
                ),
            )
            for r in rows
        ]
    }
