"""Staff pages of 公示: the publication board (the clocks of rule 15 with their warnings, every
decision's publication state) and the preview of exactly what the public will see."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from zhifa.core.errors import DomainError, Forbidden
from zhifa.core.navigation import guarded

from . import selectors as sel
from .models import Withholding
from .permissions import may_withhold, require_reader
from .presenters import decision_present
from .services import decision_withhold
from .sources import Penalty, case_get_for_user


class WithholdForm(forms.Form):
    reason = forms.ChoiceField(
        label="不予公开理由",
        choices=Withholding.Reason.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    note = forms.CharField(
        label="说明",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 2}),
    )


@guarded(require_reader)
def index(request: HttpRequest) -> HttpResponse:
    town = request.town
    context = {
        "town": town,
        "warnings": sel.publication_warnings(town=town),
        "rows": sel.staff_decisions(town=town),
    }
    return render(request, "disclosure/index.html", context)


@guarded(require_reader)
def preview(request: HttpRequest, case_id: int) -> HttpResponse:
    case = case_get_for_user(request.user, case_id)
    penalty = Penalty.objects.filter(case=case, decision_doc__isnull=False).first()
    if penalty is None or penalty.outcome != Penalty.Outcome.PENALTY:
        raise DomainError("该案件没有可公示的行政处罚决定", code="not_decided", status=404)
    form = WithholdForm(request.POST or None)
    if request.method == "POST":
        if not may_withhold(request.user):
            raise Forbidden("不予公开须由队长决定")
        if form.is_valid():
            try:
                decision_withhold(case=case, actor=request.user, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, "已登记不予公开，并记入案件记录")
                return redirect("disclosure:preview", case_id=case.pk)
    context = {
        "town": request.town,
        "case": case,
        "penalty": penalty,
        "d": decision_present(penalty),
        "withholding": Withholding.objects.filter(case=case).first(),
        "minor": sel.minor_party(penalty),
        "form": form,
        "may_withhold": may_withhold(request.user),
    }
    return render(request, "disclosure/preview.html", context)
