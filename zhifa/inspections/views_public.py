"""Public pages (no login): a town's published inspection results (双随机“一公开”, masked) and the
检查码 verification a subject reaches by scanning the QR code on its notice."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from zhifa.accounts.access import public_view
from zhifa.core.models import Town
from zhifa.core.tenancy import public_town_scope

from . import selectors as sel
from .forms import VerifyForm


def _town(town_code: str) -> Town:
    return get_object_or_404(Town, code=town_code, is_active=True)


@public_view
def public_results(request: HttpRequest, town_code: str) -> HttpResponse:
    town = _town(town_code)
    year = request.GET.get("year", "")
    with public_town_scope(town):
        rows = sel.public_results(town=town, year=int(year) if year.isdigit() else None)
    return render(
        request, "inspections/public_results.html", {"town": town, "rows": rows, "year": year}
    )


@public_view
def verify_form(request: HttpRequest, town_code: str) -> HttpResponse:
    town = _town(town_code)
    form = VerifyForm(request.GET or None)
    if request.GET and form.is_valid():
        return redirect(
            "inspections:verify", town_code=town.code, code=form.cleaned_data["code"].upper()
        )
    return render(
        request,
        "inspections/verify.html",
        {"town": town, "form": form, "found": None, "asked": False},
    )


@public_view
def verify(request: HttpRequest, town_code: str, code: str) -> HttpResponse:
    town = _town(town_code)
    with public_town_scope(town):
        found = sel.inspection_by_code(town=town, code=code)
    return render(
        request,
        "inspections/verify.html",
        {
            "town": town,
            "form": VerifyForm(initial={"code": code}),
            "found": found,
            "asked": True,
            "code": code,
        },
        status=200 if found else 404,
    )
