"""Pages of county supervision: 案卷评查 (samples and review sheets) and 监督意见.

Supervisors draw, score and issue; a town's leader reads the results and replies. Every view
checks its role and the town on the server (``access``; the services check again)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from zhifa.core import clock
from zhifa.core.errors import DomainError, Forbidden, NotFound
from zhifa.core.excel import wants_xlsx, workbook_build, xlsx_response
from zhifa.core.navigation import guarded

from . import services
from .access import (
    cockpit_check,
    dashboard_town_ids,
    dashboard_towns,
    is_supervisor,
    supervision_check,
    town_for_user,
)
from .models import CaseReview, ReviewCriterion, ReviewSample, SupervisionOpinion
from .sources import Case


def _int(value: str | None, default: int) -> int:
    try:
        return int(value or default)
    except ValueError:
        return default


@guarded(cockpit_check)
def reviews(request: HttpRequest) -> HttpResponse:
    ids = dashboard_town_ids(request.user)
    samples = ReviewSample.all_towns.filter(town_id__in=ids).select_related("town", "drawn_by")
    sheets = (
        CaseReview.all_towns.filter(town_id__in=ids)
        .select_related("case", "town", "sample")
        .order_by("-sample__drawn_at", "pk")
    )
    if wants_xlsx(request):
        content = workbook_build(
            title="案卷评查表",
            filters="、".join(t.name for t in dashboard_towns(request.user)),
            headers=(
                "乡镇",
                "案件编号",
                "案由",
                "评查年度",
                "随机种子",
                "得分",
                "满分",
                "评查时间",
            ),
            rows=(
                (
                    r.town.name,
                    r.case.number,
                    r.case.cause,
                    r.sample.year,
                    r.sample.seed,
                    r.total,
                    r.full_marks,
                    r.reviewed_at,
                )
                for r in sheets
            ),
        )
        return xlsx_response(content, f"案卷评查表-{clock.today():%Y%m%d}.xlsx")
    sheets = sheets[:200]
    context = {
        "samples": samples[:50],
        "sheets": sheets,
        "towns": dashboard_towns(request.user),
        "supervisor": is_supervisor(request.user),
        "year": clock.today().year,
    }
    return render(request, "dashboard/reviews.html", context)


@require_POST
@guarded(supervision_check)
def review_draw(request: HttpRequest) -> HttpResponse:
    town = town_for_user(request.user, request.POST.get("town", ""))
    try:
        sample = services.sample_draw(
            actor=request.user,
            town=town,
            year=_int(request.POST.get("year"), clock.today().year),
            size=_int(request.POST.get("size"), 5),
            seed=request.POST.get("seed", ""),
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            f"已从 {sample.population} 件结案案卷中抽取 {sample.size} 件（随机种子 {sample.seed}）",
        )
    return redirect("dashboard:reviews")


def _review_for(user, pk: int) -> CaseReview:  # type: ignore[no-untyped-def]
    review = (
        CaseReview.all_towns.filter(pk=pk, town_id__in=dashboard_town_ids(user))
        .select_related("case", "town", "sample", "reviewer")
        .first()
    )
    if review is None:
        raise NotFound("未找到该评查表，或您无权查看")
    return review


@guarded(cockpit_check)
def review(request: HttpRequest, pk: int) -> HttpResponse:
    sheet = _review_for(request.user, pk)
    criteria = list(ReviewCriterion.objects.filter(active=True))
    if request.method == "POST":
        supervision_check(request.user)
        scores = {c.code: request.POST.get(c.code, "").strip() for c in criteria}
        try:
            bad = [c.label for c in criteria if scores[c.code] and not scores[c.code].isdigit()]
            if bad:
                raise DomainError(f"“{bad[0]}”的得分应为整数")
            services.review_score(
                actor=request.user,
                review=sheet,
                scores={k: int(v) for k, v in scores.items() if v},
                comments=request.POST.get("comments", ""),
            )
        except DomainError as error:
            messages.error(request, error.message)
            rows = [(c, scores.get(c.code, "")) for c in criteria]
            return render(
                request,
                "dashboard/review.html",
                {"sheet": sheet, "rows": rows, "posted": request.POST},
                status=400,
            )
        messages.success(request, "评查表已保存，结果已通知该镇队长")
        return redirect("dashboard:review", sheet.pk)
    rows = [(c, sheet.scores.get(c.code, "")) for c in criteria]
    can_score = is_supervisor(request.user)
    return render(
        request, "dashboard/review.html", {"sheet": sheet, "rows": rows, "can_score": can_score}
    )


@guarded(cockpit_check)
def opinions(request: HttpRequest) -> HttpResponse:
    ids = dashboard_town_ids(request.user)
    rows = SupervisionOpinion.all_towns.filter(town_id__in=ids).select_related(
        "case", "town", "deadline"
    )
    if wants_xlsx(request):
        content = workbook_build(
            title="监督意见",
            filters="、".join(t.name for t in dashboard_towns(request.user)),
            headers=("乡镇", "案件编号", "监督意见", "提出时间", "答复期限", "答复", "答复时间"),
            rows=(
                (
                    o.town.name,
                    o.case.number,
                    o.text,
                    o.issued_at,
                    o.deadline.due_at if o.deadline_id else None,
                    o.reply,
                    o.replied_at,
                )
                for o in rows
            ),
        )
        return xlsx_response(content, f"监督意见-{clock.today():%Y%m%d}.xlsx")
    rows = rows[:200]
    return render(
        request,
        "dashboard/opinions.html",
        {"rows": rows, "supervisor": is_supervisor(request.user)},
    )


@require_POST
@guarded(supervision_check)
def opinion_new(request: HttpRequest) -> HttpResponse:
    number = request.POST.get("case_number", "").strip()
    case = Case.all_towns.filter(
        number=number, town_id__in=dashboard_town_ids(request.user)
    ).first()
    if case is None:
        messages.error(request, f"督导乡镇中没有案件编号为“{number}”的案件")
        return redirect("dashboard:opinions")
    try:
        opinion = services.opinion_issue(
            actor=request.user,
            case=case,
            text=request.POST.get("text", ""),
            days=_int(request.POST.get("days"), 10),
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("dashboard:opinions")
    messages.success(request, "监督意见已送达该镇，并记入案件记录")
    return redirect("dashboard:opinion", opinion.pk)


@guarded(cockpit_check)
def opinion(request: HttpRequest, pk: int) -> HttpResponse:
    item = (
        SupervisionOpinion.all_towns.filter(pk=pk, town_id__in=dashboard_town_ids(request.user))
        .select_related("case", "town", "deadline", "issued_by", "replied_by")
        .first()
    )
    if item is None:
        raise NotFound("未找到该监督意见，或您无权查看")
    if request.method == "POST":
        try:
            services.opinion_reply(
                actor=request.user, opinion=item, text=request.POST.get("reply", "")
            )
        except Forbidden:
            raise
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "答复已记入案件记录")
        return redirect("dashboard:opinion", item.pk)
    can_reply = (
        not item.replied_at
        and not is_supervisor(request.user)
        and request.user.town_id == item.town_id
    )
    return render(request, "dashboard/opinion.html", {"item": item, "can_reply": can_reply})
