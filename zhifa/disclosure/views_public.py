"""The public portal (公示, no login): one landing page per town, by its code, linking everything
the law makes public; the published decisions with search and filters; feeds."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse

from zhifa.accounts.access import public_view
from zhifa.core import clock
from zhifa.core.models import Town
from zhifa.core.tenancy import public_town_scope

from . import selectors as sel
from .feeds import DecisionsAtom, DecisionsRss, listing_json

PAGE_SIZE = 20


def _town(town_code: str) -> Town:
    return get_object_or_404(Town, code=town_code, is_active=True)


def annual_statistics_url(town: Town) -> str:
    """The annual statistics page, when the statistics section provides it."""
    try:
        return reverse(
            "dashboard:annual_public",
            kwargs={"town_code": town.code, "year": clock.today().year - 1},
        )
    except NoReverseMatch:
        return ""


@public_view
def towns(request: HttpRequest) -> HttpResponse:
    rows = Town.objects.filter(is_active=True).order_by("code")
    return render(request, "disclosure/public/towns.html", {"towns": rows})


@public_view
def portal(request: HttpRequest, town_code: str) -> HttpResponse:
    town = _town(town_code)
    with public_town_scope(town):
        latest = sel.public_decisions(town=town)[:5]
        contacts = sel.town_portal(town)
    context = {
        "town": town,
        "contacts": contacts,
        "latest": latest,
        "annual_url": annual_statistics_url(town),
    }
    return render(request, "disclosure/public/portal.html", context)


@public_view
def decisions(request: HttpRequest, town_code: str) -> HttpResponse:
    town = _town(town_code)
    filters = sel.DecisionFilters.from_query(request.GET)
    with public_town_scope(town):
        rows = sel.public_decisions(town=town, filters=filters)
        choices = sel.filter_choices(town=town)
    page = request.GET.get("page", "1")
    number = int(page) if page.isdigit() and int(page) > 0 else 1
    shown = rows[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "town": town,
        "rows": shown,
        "total": len(rows),
        "filters": filters,
        "page": number,
        "has_next": number * PAGE_SIZE < len(rows),
        "query": query.urlencode(),
        **choices,
    }
    return render(request, "disclosure/public/decisions.html", context)


@public_view
def decision(request: HttpRequest, town_code: str, pk: int) -> HttpResponse:
    town = _town(town_code)
    with public_town_scope(town):
        shown = sel.public_decision_get(town=town, pk=pk)
    return render(request, "disclosure/public/decision.html", {"town": town, "d": shown})


@public_view
def rss(request: HttpRequest, town_code: str) -> HttpResponse:
    return DecisionsRss()(request, town=_town(town_code))


@public_view
def atom(request: HttpRequest, town_code: str) -> HttpResponse:
    return DecisionsAtom()(request, town=_town(town_code))


@public_view
def listing(request: HttpRequest, town_code: str) -> JsonResponse:
    """The JSON listing the provincial platform harvests (every decision public today)."""
    town = _town(town_code)
    with public_town_scope(town):
        rows = sel.public_decisions(town=town, filters=sel.DecisionFilters.from_query(request.GET))
    data = listing_json(town, rows, base=request.build_absolute_uri("/").rstrip("/"))
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
