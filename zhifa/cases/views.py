"""Case pages: my work, the list (with a map), the detail with its timeline and steps, the
phone-friendly on-site forms, evidence upload, the dossier, a subject's cases."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render

from zhifa.core import clock
from zhifa.core.errors import DomainError, Forbidden, NotFound
from zhifa.core.excel import wants_xlsx, xlsx_response
from zhifa.core.files import file_response
from zhifa.core.navigation import guarded
from zhifa.core.queues import queues_for
from zhifa.grid.models import Subject
from zhifa.team.models import Squadron

from . import access, approvals, exports, extensions, services
from . import selectors as sel
from .events import EVENT_LABELS
from .forms import STEP_FORMS, EvidenceForm, RecordForm, RegisterForm, now_local, steps_available
from .models import State
from .parties import PartyForm
from .presenters import case_row

_town = access.page_town
_require_actor = access.actor_require
_actor = access.page_actor


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def index(request: HttpRequest) -> HttpResponse:
    town = _town(request)
    g = request.GET
    active = {"1": True, "0": False}.get(g.get("active", "1"))
    filters = sel.CaseFilters(
        q=g.get("q", "").strip(),
        state=g.get("state", ""),
        active=None if g.get("state") else active,
        squadron=int(g["squadron"]) if g.get("squadron", "").isdigit() else None,
        since=_date(g.get("since")),
        until=_date(g.get("until")),
    )
    cases = sel.case_list(user=request.user, filters=filters)
    if wants_xlsx(request):
        squadron = Squadron.objects.filter(town=town, pk=filters.squadron).first()
        content = exports.case_list_xlsx(
            cases=cases, filters=filters, squadron=squadron.name if squadron else ""
        )
        return xlsx_response(content, f"案件列表-{clock.today():%Y%m%d}.xlsx")
    page = list(cases[:200])
    markers = [_marker(case_row(c)) for c in page if c.lat is not None]
    return render(
        request,
        "cases/list.html",
        {
            "cases": page,
            "total": cases.count(),
            "filters": filters,
            "states": State.choices,
            "squadrons": Squadron.objects.filter(town=town),
            "active": g.get("active", "1"),
            "counts": sel.state_counts(request.user),
            "markers": markers,
            "can_act": sel.can_act(request.user),
            "center": [float(town.center_lat or 0), float(town.center_lng or 0)],
        },
    )


def _marker(row: dict) -> dict:
    """A case on the list's map (grid/points.js builds the popup from text, never from HTML)."""
    return {
        "lat": row["lat"],
        "lng": row["lng"],
        "url": row["url"],
        "title": row["cause"],
        "lines": [row["number"], row["state_label"]],
    }


def mine(request: HttpRequest) -> HttpResponse:
    _town(request)
    return render(
        request,
        "cases/mine.html",
        {
            "work": sel.my_work(user=request.user),
            "now": clock.now(),
            "queues": queues_for(request.user),
        },
    )


@guarded(_require_actor)  # the navigation offers 登记案件 only to whom this lets in
def new(request: HttpRequest) -> HttpResponse:
    town, actor = _town(request), request.user
    form = RegisterForm(request.POST or None, town=town)
    if request.method == "POST" and form.is_valid() and (case := _perform(form, actor)):
        messages.success(request, f"已登记案件 {case.number}")
        return redirect("cases:detail", case.pk)
    return render(request, "cases/new.html", {"form": form}, status=400 if form.errors else 200)


_perform = access.form_perform


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = sel.case_get_for_user(request.user, pk)
    return render(request, "cases/detail.html", _detail_context(request, case))


PARTY_STEPS = ("order", "seizure", "penalty_proposal")


def _detail_context(request: HttpRequest, case, bound=None) -> dict:  # type: ignore[no-untyped-def]
    """The case page; ``bound`` is a refused step's form (verb, form), shown open with what was
    typed and its errors in place of the blank one."""
    can_act = sel.can_act(request.user)
    steps = (
        [
            (
                v,
                approvals.strip_approver(
                    STEP_FORMS[v](town=case.town, case=case, initial={"started_at": now_local()})
                ),
            )
            for v in steps_available(case)
            # the penalty procedure's own forms replace the plain proposal and closure
            if v not in ("propose",)
            # a decided case closes through the penalty procedure's own step (its outcome text)
            and not (v == "close" and case.state in ("served", "executing"))
        ]
        if can_act
        else []
    )
    can_review = sel.can_review(request.user)
    sections, section_context = extensions.page_context(case)

    def offered(forms_by_verb: dict[str, type]) -> list[tuple[str, object]]:
        return [
            (
                v,
                approvals.strip_approver(
                    form(town=case.town, case=case, initial={"started_at": now_local()})
                ),
            )
            for v, form in forms_by_verb.items()
            if (can_review if form.reviewer_step else can_act) and form.available(case)
        ]

    steps = offered(extensions.step_forms_first) + steps + offered(extensions.step_forms_after)
    if bound is not None:
        verb, form = bound
        steps = [(v, form if v == verb else f) for v, f in steps]
        if verb not in [v for v, _ in steps]:
            steps.insert(0, bound)
    return {
        "case": case,
        "events": sel.case_events(case),
        "labels": EVENT_LABELS,
        "documents": sel.case_documents(case),
        "deadlines": sel.case_deadlines(case),
        "steps": steps,
        "open_step": bound[0] if bound else "",
        # steps whose service refuses a case without a party: the page says so and links the form
        "pending": {a.verb: a for a in case.approvals.filter(status="pending")},
        "is_leader": approvals.is_leader(request.user),
        "approval_verbs": approvals.APPROVAL_VERBS,
        "needs_party": [] if case.parties.exists() else list(PARTY_STEPS),
        "can_act": can_act,
        "now": clock.now(),
        "handlers": case.handler_rows.select_related("officer__user"),
        "records": case.records.all(),
        "evidence": case.evidence.all(),
        "orders": case.orders.select_related("document"),
        "transfers": case.transfers.select_related("department", "document"),
        "problems": sel.record_problems(case),
        "sections": sections,
        "evidence_form": EvidenceForm(town=case.town, case=case),
        **section_context,
    }


def step(request: HttpRequest, pk: int, verb: str) -> HttpResponse:
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    case = sel.case_get_for_user(request.user, pk)
    forms_by_verb = {**STEP_FORMS, **extensions.step_forms()}
    if verb not in forms_by_verb:
        raise NotFound("没有这个办理步骤")
    reviewer_step = getattr(forms_by_verb[verb], "reviewer_step", False)
    if reviewer_step and not sel.can_review(request.user):
        raise Forbidden("法制审核仅限法制审核人员")
    actor = request.user if reviewer_step else _actor(request)
    form = approvals.strip_approver(forms_by_verb[verb](request.POST, town=case.town, case=case))
    if form.is_valid() and approvals.gated(verb, form) and not approvals.is_leader(actor):
        # the head's approval is the head's own act: the step waits in the leaders' inbox
        try:
            approvals.approval_request(
                case=case, verb=verb, form=form, data=request.POST, actor=actor
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"{form.label}已提交负责人审批，批准后即办理")
            return redirect("cases:detail", case.pk)
    elif form.is_valid() and _approved(form, actor) is not None:
        messages.success(request, f"已办理：{form.label}")
        return redirect("cases:detail", case.pk)
    # refused: the page again, this step open with what was typed and why (nothing is lost)
    messages.error(request, f"{form.label}未办理，请按提示修改后重新提交")
    case.refresh_from_db()
    return render(
        request, "cases/detail.html", _detail_context(request, case, (verb, form)), status=400
    )


def _approved(form, actor):  # type: ignore[no-untyped-def]
    """A step done by whoever may approve it (a leader) carries their approval."""
    try:
        return approvals.perform(form, actor=actor, approver=actor)
    except DomainError as error:
        form.add_error(None, error.message)
        return None


def record_new(request: HttpRequest, pk: int) -> HttpResponse:
    case, actor = sel.case_get_for_user(request.user, pk), _actor(request)
    initial = {
        "started_at": now_local() - dt.timedelta(minutes=30),
        "ended_at": now_local(),
        "place": case.address,
        "party": case.parties.first(),
    }
    form = RecordForm(request.POST or None, town=case.town, case=case, initial=initial)
    if request.method == "POST" and form.is_valid() and (record := _perform(form, actor)):
        messages.success(request, f"已制作{record.get_kind_display()}并签发")
        return redirect("cases:detail", case.pk)
    return render(
        request,
        "cases/record_form.html",
        {"case": case, "form": form},
        status=400 if form.errors else 200,
    )


def evidence_new(request: HttpRequest, pk: int) -> HttpResponse:
    case, actor = sel.case_get_for_user(request.user, pk), _actor(request)
    form = EvidenceForm(request.POST or None, request.FILES or None, town=case.town, case=case)
    if request.method == "POST" and form.is_valid() and (evidence := _perform(form, actor)):
        messages.success(
            request, f"已上传证据：{evidence.original_name}（SHA-256 {evidence.sha256[:12]}…）"
        )
        return redirect("cases:detail", case.pk)
    return render(
        request,
        "cases/evidence_form.html",
        {"case": case, "form": form},
        status=400 if form.errors else 200,
    )


def evidence_file(request: HttpRequest, pk: int, evidence_id: int) -> HttpResponse:
    """An evidence file, to those who may see its case (the case gate checks town and role)."""
    case = sel.case_get_for_user(request.user, pk)
    evidence = get_object_or_404(case.evidence.all(), pk=evidence_id)
    return file_response(evidence.file, download_name=evidence.original_name, sniffed=evidence.mime)


def party(request: HttpRequest, pk: int) -> HttpResponse:
    """Set or change the case's 当事人 (pick from the register or register a new one)."""
    case, actor = sel.case_get_for_user(request.user, pk), _actor(request)
    form = PartyForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid() and (done := _perform(form, actor)):
        messages.success(request, f"当事人已确定为{done.parties.first().name}")
        return redirect("cases:detail", case.pk)
    return render(
        request,
        "cases/party_form.html",
        {"case": case, "form": form},
        status=400 if form.errors else 200,
    )


def dossier(request: HttpRequest, pk: int) -> HttpResponse:
    case = sel.case_get_for_user(request.user, pk)
    response = HttpResponse(services.case_dossier_pdf(case=case), content_type="application/pdf")
    # 打印卷宗 opens it in the browser's PDF viewer; 卷宗 downloads it
    disposition = "attachment" if request.GET.get("download") else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="dossier-{case.pk}.pdf"'
    return response


def subject_cases(request: HttpRequest, subject_id: int) -> HttpResponse:
    _town(request)
    subject = get_object_or_404(Subject.objects.all(), pk=subject_id)
    cases = sel.subject_cases(user=request.user, subject=subject)
    return render(request, "cases/subject_cases.html", {"subject": subject, "cases": cases})
