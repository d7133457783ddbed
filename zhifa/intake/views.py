"""Intake pages: the squadron leaders' inbox, the triage page with its actions, staff intake, the
grid member's phone report form and own reports, and the public citizen report form."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from zhifa.accounts.access import public_view
from zhifa.cases.models import Case
from zhifa.cases.selectors import is_staff
from zhifa.catalog.models import PowerItem
from zhifa.core import clock
from zhifa.core.errors import DomainError, Forbidden
from zhifa.core.excel import wants_xlsx, xlsx_response
from zhifa.core.files import file_response
from zhifa.core.models import Town
from zhifa.core.navigation import guarded
from zhifa.core.ratelimit import rate_hit
from zhifa.core.tenancy import public_town_scope
from zhifa.team.models import Officer

from . import exports, hotline, permissions, services, triage
from . import selectors as sel
from .forms import (
    CitizenReportForm,
    ExtendForm,
    GridReportForm,
    ItemForm,
    LeadForm,
    MergeForm,
    OpenCaseForm,
    ReasonForm,
    ReplyForm,
    TrackForm,
    TransferForm,
)
from .models import Lead


def _town(request: HttpRequest) -> Town:
    if getattr(request, "town", None) is None:
        raise Forbidden("请先选择所在乡镇")
    return request.town  # type: ignore[attr-defined]


@guarded(permissions.require_inbox_access)
def index(request: HttpRequest) -> HttpResponse:
    if not is_staff(request.user):
        return redirect("intake:mine")
    g = request.GET
    status = g.get("status", "new")
    inbox = sel.lead_inbox(
        user=request.user, status=status, source=g.get("source", ""), q=g.get("q", "").strip()
    )
    if wants_xlsx(request):
        content = exports.inbox_xlsx(
            leads=inbox, status=status, source=g.get("source", ""), q=g.get("q", "").strip()
        )
        return xlsx_response(content, f"线索列表-{clock.today():%Y%m%d}.xlsx")
    leads = list(inbox[:200])
    return render(
        request,
        "intake/inbox.html",
        {
            "leads": leads,
            "markers": [_marker(lead) for lead in leads if lead.lat is not None],
            "status": status,
            "source": g.get("source", ""),
            "q": g.get("q", ""),
            "statuses": Lead.Status.choices,
            "sources": Lead.Source.choices,
            "counts": sel.status_counts(request.user),
        },
    )


def _marker(lead: Lead) -> dict[str, Any]:
    """A lead on the inbox map (grid/points.js builds the popup from text, never from HTML)."""
    return {
        "lat": lead.lat,
        "lng": lead.lng,
        "url": reverse("intake:detail", args=[lead.pk]),
        "title": f"{lead.number} {lead.get_source_display()}",
        "lines": [lead.text_masked[:40], lead.get_status_display()],
    }


def _triage_context(
    request: HttpRequest, lead: Lead, *, action: str = "", data: Any = None, snap: Any = None
) -> dict[str, Any]:
    """The triage page; after a refused action its form comes back bound, so nothing typed is
    lost. Only a confident suggestion preselects an item; otherwise the forms read 请选择事项."""
    snap = snap or sel.lead_snapshot(request.user, lead.pk)
    lead = snap.lead
    posted = data if data is not None else None

    def bound(name: str) -> Any:
        return posted if action == name else None

    town = lead.town
    items = PowerItem.objects.filter(town=town).order_by("code")
    suggested = [s["code"] for s in lead.suggestions]
    ordered = sorted(
        items, key=lambda i: (suggested.index(i.code) if i.code in suggested else 99, i.code)
    )
    officers = Officer.objects.filter(town=town).select_related("user")
    top = triage.confident_item(lead)
    chosen = lead.item or top
    return {
        "lead": lead,
        "events": snap.events,
        "photos": snap.photos,
        "duplicates": triage.lead_duplicates(lead=lead),
        "advice": triage.route_advice(lead=lead, item=chosen),
        "can_triage": services.can_reveal(request.user),
        "can_reveal": services.can_reveal(request.user),
        "item_form": ItemForm(
            bound("item"), items=ordered, initial={"item": chosen.code if chosen else ""}
        ),
        "case_form": OpenCaseForm(
            bound("case"),
            items=ordered,
            officers=officers,
            initial={"item": chosen.code if chosen else "", "cause": _cause(chosen)},
        ),
        "transfer_form": TransferForm(
            bound("transfer"), items=ordered, initial={"item": chosen.code if chosen else ""}
        ),
        "merge_form": MergeForm(bound("merge")),
        "reason_form": ReasonForm(bound("dismiss") or bound("send_back")),
        "reply_form": ReplyForm(bound("reply"), initial={"text": lead.outcome}),
        "extend_form": ExtendForm(bound("extend")),
        "action": action,
        "open311": getattr(lead, "open311", None) if lead.source == Lead.Source.OPEN311 else None,
    }


def _cause(item: PowerItem | None) -> str:
    if item is None:
        return ""
    name = item.name.removeprefix("对").removesuffix("的行政处罚").removesuffix("的处罚")
    return f"{name}案"


def photo(request: HttpRequest, pk: int, photo_id: int) -> HttpResponse:
    """A lead's photo, to those who may see the lead (the gate checks town and role)."""
    lead = sel.lead_get_for_user(request.user, pk)
    row = get_object_or_404(lead.photos.all(), pk=photo_id)
    return file_response(row.file, download_name=f"{lead.number}-{row.pk}")


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    snap = sel.lead_snapshot(request.user, pk)
    if not is_staff(request.user):
        return redirect("intake:mine_detail", pk=snap.lead.pk)
    return render(request, "intake/triage.html", _triage_context(request, snap.lead, snap=snap))


@require_POST
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    lead = sel.lead_get_for_user(request.user, pk)
    handler = ACTIONS.get(action)
    if handler is None:
        return HttpResponseNotAllowed(["POST"])
    try:
        message = handler(request, lead)
    except DomainError as error:
        messages.error(request, error.message)
        context = _triage_context(request, lead, action=action, data=request.POST)
        return render(request, "intake/triage.html", context, status=422)
    if message:
        messages.success(request, message)
    return redirect("intake:detail", pk=lead.pk)


def _act_case(request: HttpRequest, lead: Lead) -> str:
    items = PowerItem.objects.filter(town=lead.town)
    officers = Officer.objects.filter(town=lead.town).select_related("user")
    form = OpenCaseForm(request.POST, items=items, officers=officers)
    if not form.is_valid():
        raise DomainError("请选择涉及事项并填写案由")
    chosen = form.cleaned_data["handlers"]  # in the order chosen: the first leads the case
    found = {str(o.pk): o for o in officers.filter(pk__in=chosen)}
    handlers = [found[pk] for pk in chosen if pk in found]
    case = services.lead_open_case(
        lead=lead,
        actor=request.user,
        items=[items.get(code=form.cleaned_data["item"])],
        cause=form.cleaned_data["cause"],
        handlers=handlers or None,
    )
    return f"已立案办理：{case.number}"


def _act_item(request: HttpRequest, lead: Lead) -> str:
    item = PowerItem.objects.filter(town=lead.town, code=request.POST.get("item", "")).first()
    if item is None:
        raise DomainError("请选择事项")
    lead = triage.lead_item_confirm(lead=lead, actor=request.user, item=item)
    return f"已认定事项：{item.code} {item.name}（将用于改进自动分拣）"


def _act_transfer(request: HttpRequest, lead: Lead) -> str:
    item = PowerItem.objects.filter(town=lead.town, code=request.POST.get("item", "")).first()
    if item is None:
        raise DomainError("请选择事项")
    lead = services.lead_transfer(
        lead=lead, actor=request.user, item=item, reason=request.POST.get("reason", "")
    )
    return f"已移送{lead.department.name}"


def _act_merge(request: HttpRequest, lead: Lead) -> str:
    target = request.POST.get("target", "").strip()
    into_lead = Lead.objects.filter(town=lead.town, number=target).first()
    into_case = None if into_lead else Case.objects.filter(town=lead.town, number=target).first()
    if into_lead is None and into_case is None:
        raise DomainError(f"没有找到编号为“{target}”的线索或案件")
    services.lead_merge(lead=lead, actor=request.user, into_lead=into_lead, into_case=into_case)
    return f"已合并到{target}"


def _act_dismiss(request: HttpRequest, lead: Lead) -> str:
    services.lead_dismiss(lead=lead, actor=request.user, reason=request.POST.get("reason", ""))
    return "已不予受理"


def _act_send_back(request: HttpRequest, lead: Lead) -> str:
    hotline.lead_send_back(lead=lead, actor=request.user, reason=request.POST.get("reason", ""))
    return "已退单，退单消息已排队发送 12345 平台"


def _act_sign(request: HttpRequest, lead: Lead) -> str:
    services._require_triager(request.user)
    hotline.order_sign(lead=lead, actor=request.user)
    return "已签收"


def _act_extend(request: HttpRequest, lead: Lead) -> str:
    services._require_triager(request.user)
    days = request.POST.get("days", "")
    if not days.isdigit():
        raise DomainError("请填写延期工作日数")
    hotline.order_extend(
        lead=lead, actor=request.user, days=int(days), reason=request.POST.get("reason", "")
    )
    return "延期申请已排队发送 12345 平台"


def _act_reply(request: HttpRequest, lead: Lead) -> str:
    services._require_triager(request.user)
    hotline.order_reply(lead=lead, actor=request.user, text=request.POST.get("text", ""))
    return "答复已排队发送 12345 平台"


def _act_reveal(request: HttpRequest, lead: Lead) -> str:
    shown = services.lead_reveal_reporter(lead=lead, user=request.user)
    return f"反映人：{shown['name'] or '未留姓名'}　电话：{shown['phone'] or '未留电话'}（本次查看已记录）"


ACTIONS = {
    "item": _act_item,
    "case": _act_case,
    "transfer": _act_transfer,
    "merge": _act_merge,
    "dismiss": _act_dismiss,
    "send_back": _act_send_back,
    "sign": _act_sign,
    "extend": _act_extend,
    "reply": _act_reply,
    "reveal": _act_reveal,
}


@guarded(permissions.require_intake)
def new(request: HttpRequest) -> HttpResponse:
    town = _town(request)
    form = LeadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        photos = request.FILES.getlist("photos")
        data.pop("photos", None)
        try:
            lead, _ = services.lead_receive(town=town, actor=request.user, photos=photos, **data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"线索已登记：{lead.number}")
            return redirect("intake:detail", pk=lead.pk)
    return render(request, "intake/new.html", {"form": form}, status=422 if form.errors else 200)


@guarded(permissions.require_reporter)
def report(request: HttpRequest) -> HttpResponse:
    """The grid member's phone form."""
    town = _town(request)
    form = GridReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            lead, _ = services.lead_receive(
                town=town,
                source=Lead.Source.GRID,
                actor=request.user,
                reported_by=request.user,
                text=data["text"],
                address=data["address"],
                lat=data["lat"],
                lng=data["lng"],
                photos=[data["photo"]] if data.get("photo") else [],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"已上报：{lead.number}，可在“我的上报”查看办理结果")
            return redirect("intake:mine")
    return render(request, "intake/report.html", {"form": form}, status=422 if form.errors else 200)


def mine(request: HttpRequest) -> HttpResponse:
    leads = Lead.objects.filter(reported_by=request.user).select_related("case")[:100]
    return render(request, "intake/mine.html", {"leads": leads})


def mine_detail(request: HttpRequest, pk: int) -> HttpResponse:
    lead = get_object_or_404(Lead.objects.filter(reported_by=request.user), pk=pk)
    return render(
        request, "intake/mine_detail.html", {"lead": lead, "public": sel.public_status(lead)}
    )


def _client_ip(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "")


def _rate_limited(request: HttpRequest) -> bool:
    """At most ZHIFA_INTAKE_PUBLIC_LIMIT reports an hour from one address, counted in the
    database so every worker shares the count."""
    limit = int(getattr(settings, "ZHIFA_INTAKE_PUBLIC_LIMIT", 5))
    return rate_hit(key=f"intake:public:{_client_ip(request)}", limit=limit, window_seconds=3600)


PHOTO_ERRORS = ("photo_too_large", "bad_photo")


def _villages(town: Town) -> list[Any]:
    from zhifa.grid.models import Village

    return list(Village.all_towns.filter(town=town).order_by("code"))


@public_view
def public_report(request: HttpRequest, town_code: str) -> HttpResponse:
    """The citizen's report form on the public frame (core/public_base.html): no login, no
    script; a refusal keeps what was typed (a chosen photo must be chosen again)."""
    town = get_object_or_404(Town, code=town_code)
    form = CitizenReportForm(request.POST or None, request.FILES or None, villages=_villages(town))
    status = 200
    if request.method == "POST":
        if _rate_limited(request):
            form.add_error(None, "提交过于频繁，请一小时后再试，或拨打 12345 热线。")
            status = 429
        elif form.is_valid() and not form.cleaned_data["website"]:
            data = form.cleaned_data
            try:
                with public_town_scope(town):
                    lead, _ = services.lead_receive(
                        town=town,
                        source=Lead.Source.REPORT,
                        text=data["text"],
                        address=form.place(),
                        reporter_name=data["name"],
                        reporter_phone=data["phone"],
                        photos=[data["photo"]] if data.get("photo") else [],
                    )
            except DomainError as error:
                form.add_error("photo" if error.code in PHOTO_ERRORS else None, error.message)
            else:
                return render(request, "intake/public_done.html", {"town": town, "lead": lead})
        if form.errors and status == 200:
            status = 422
    context = {"town": town, "form": form, "photo_dropped": bool(request.FILES and form.errors)}
    return render(request, "intake/public_report.html", context, status=status)


@public_view
def public_track(request: HttpRequest) -> HttpResponse:
    """The citizen's progress tracker: the frame shows the town given (?town=, from the town's
    pages) or, once a code is found, the report's own town."""
    form = TrackForm(request.GET if "code" in request.GET else None)
    town = Town.objects.filter(code=request.GET.get("town", ""), is_active=True).first()
    found = None
    if form.is_valid():
        lead = sel.lead_by_tracking_code(form.cleaned_data["code"])
        found = sel.public_status(lead) if lead else False
        if lead is not None:
            town = lead.town
    context = {"form": form, "found": found, "town": town}
    return render(request, "intake/public_track.html", context)
