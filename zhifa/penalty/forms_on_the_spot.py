"""The phone-friendly on-the-spot decision form (当场行政处罚, 简易程序): the simple procedure's page,
outside any case page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from zhifa.cases.forms import DATETIME, TEXT, TownForm
from zhifa.catalog.models import PowerItem
from zhifa.core import clock
from zhifa.core.widgets import MultiPicker, Picker, in_chosen_order
from zhifa.grid.models import Subject
from zhifa.team.models import Officer
from zhifa.team.rules import eligible_handlers

from . import services


def _today() -> dt.date:
    return clock.today()


class OnTheSpotForm(TownForm):
    """当场行政处罚决定书 on a phone: two officers, the party, the item, the act, the penalty."""

    officers = forms.ModelMultipleChoiceField(
        label="执法人员（≥2 名持证）", queryset=Officer.objects.none()
    )
    party = forms.ModelChoiceField(
        label="当事人",
        queryset=Subject.objects.none(),
        widget=Picker(source="api:grid_pick_subjects", placeholder="输入姓名、地址或证件号搜索"),
    )
    item = forms.ModelChoiceField(
        label="清单事项",
        queryset=PowerItem.objects.none(),
        widget=Picker(source="api:catalog_pick_items", placeholder="输入事项名称或编码搜索"),
    )
    cause = forms.CharField(label="案由", initial="擅自占用道路经营案")
    act_at = forms.DateTimeField(label="违法时间", widget=DATETIME)
    place = forms.CharField(label="违法地点")
    facts = forms.CharField(label="违法事实", widget=TEXT)
    violated = forms.CharField(label="违反的规定")
    basis = forms.CharField(label="处罚依据")
    kind = forms.ChoiceField(
        label="处罚种类", choices=[("fine", "罚款"), ("warning", "警告")], widget=forms.RadioSelect
    )
    amount = forms.DecimalField(
        label="罚款金额（元）",
        required=False,
        min_value=0,
        widget=forms.NumberInput(attrs={"inputmode": "decimal"}),
    )
    collect_on_spot = forms.BooleanField(
        label="当场收缴（≤100 元，或事后难以执行）", required=False
    )
    hard_to_collect = forms.BooleanField(label="不当场收缴事后难以执行", required=False)
    remote_area_request = forms.BooleanField(
        label="边远、水上、交通不便地区，当事人缴纳确有困难并提出当场缴纳", required=False
    )
    receipt_no = forms.CharField(label="财政罚没收据号", required=False)
    lat = forms.FloatField(required=False, widget=forms.HiddenInput)
    lng = forms.FloatField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = PowerItem.objects.filter(
            town=self.town, type="penalty", is_retired=False
        ).order_by("sort")
        self.fields["kind"].widget.attrs["class"] = "form-check-input"
        # Only officers who may act today for the chosen item are offered (the service re-checks).
        today = _today()
        eligible = [h.officer.pk for h in eligible_handlers(town=self.town, on=today)]
        officers = self.fields["officers"]
        officers.queryset = Officer.objects.filter(pk__in=eligible).select_related("user")
        officers.widget = MultiPicker(
            source="api:team_pick_officers",
            params={"employment": "full_time", "on": today.isoformat()},
            depends={"item": "item"},
            placeholder="输入姓名或执法证号搜索",
        )
        officers.widget.choices = officers.choices
        officers.widget.attrs["class"] = "form-select"
        officers.help_text = "仅列出今日持有效执法证、执法领域覆盖所选事项的在岗专职队员"

    def perform(self, *, actor: Any) -> Any:
        d = self.cleaned_data
        return services.onthespot_decide(
            town=self.town,
            actor=actor,
            officers=in_chosen_order(self, "officers", d["officers"]),
            party=d["party"],
            item=d["item"],
            cause=d["cause"],
            facts=d["facts"],
            place=d["place"],
            act_at=d["act_at"],
            violated=d["violated"],
            basis=d["basis"],
            kinds=[d["kind"]],
            amount=d["amount"] or 0,
            collect_on_spot=d["collect_on_spot"],
            hard_to_collect=d["hard_to_collect"],
            remote_area_request=d["remote_area_request"],
            receipt_no=d["receipt_no"],
            lat=d["lat"],
            lng=d["lng"],
        )
