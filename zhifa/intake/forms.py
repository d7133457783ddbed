"""Forms of the intake pages; the services validate again (the forms only shape input)."""

from __future__ import annotations

from django import forms

from zhifa.core.widgets import MultiPicker, Picker
from zhifa.grid.datum import DATUMS
from zhifa.grid.widgets import LocationInput

from .models import Lead

TEXT_ATTRS = {"class": "form-control", "rows": 4}


class LeadForm(forms.Form):
    """Staff registering a lead by hand (a county letter, a leader's assignment, a phone call)."""

    source = forms.ChoiceField(
        label="来源",
        choices=[c for c in Lead.Source.choices if c[0] != Lead.Source.GRID],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    source_ref = forms.CharField(
        label="来源编号",
        required=False,
        help_text="12345 工单编号、移送函文号等",
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    received_at = forms.DateTimeField(
        label="接收时间",
        required=False,
        help_text="收到来函、来电或交办的时间；不填为现在。不能晚于现在。",
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local", "class": "form-control"}, format="%Y-%m-%dT%H:%M"
        ),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
        error_messages={"invalid": "请按“年-月-日 时:分”填写接收时间"},
    )
    text = forms.CharField(label="反映内容", widget=forms.Textarea(attrs=TEXT_ATTRS))
    address = forms.CharField(
        label="地址",
        required=False,
        widget=LocationInput(),
    )
    lat = forms.FloatField(
        label="纬度",
        required=False,
        widget=forms.NumberInput(attrs={"class": "form-control", "step": "any"}),
    )
    lng = forms.FloatField(
        label="经度",
        required=False,
        widget=forms.NumberInput(attrs={"class": "form-control", "step": "any"}),
    )
    datum = forms.ChoiceField(
        label="坐标系",
        choices=list(DATUMS.items()),
        initial="wgs84",
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    reporter_name = forms.CharField(
        label="反映人", required=False, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    reporter_phone = forms.CharField(
        label="联系电话", required=False, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    photos = forms.FileField(
        label="照片",
        required=False,
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": "image/*"}),
    )


class GridReportForm(forms.Form):
    """The grid member's phone form: what, where (browser GPS), a photo."""

    text = forms.CharField(
        label="发现了什么",
        widget=forms.Textarea(
            attrs={**TEXT_ATTRS, "placeholder": "如：村北山坡有挖掘机在挖矿，拉矿车往返"}
        ),
    )
    address = forms.CharField(
        label="地点",
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control", "placeholder": "村名、路口、门牌"}),
    )
    lat = forms.FloatField(required=False, widget=forms.HiddenInput())
    lng = forms.FloatField(required=False, widget=forms.HiddenInput())
    photo = forms.FileField(
        label="现场照片",
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"class": "form-control", "accept": "image/*", "capture": "environment"}
        ),
    )


class CitizenReportForm(forms.Form):
    text = forms.CharField(
        label="反映内容",
        min_length=10,
        max_length=1000,
        widget=forms.Textarea(attrs={**TEXT_ATTRS, "placeholder": "请写明时间、地点和具体情况"}),
    )
    address = forms.CharField(
        label="发生地点", max_length=200, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    name = forms.CharField(
        label="您的称呼（可不填）",
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    phone = forms.CharField(
        label="联系电话（可不填，仅执法队可见）",
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"class": "form-control", "inputmode": "tel"}),
    )
    photo = forms.FileField(
        label="照片（可不填）",
        required=False,
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": "image/*"}),
    )
    website = forms.CharField(required=False, widget=forms.HiddenInput())  # honeypot


ITEM_PICKER = {"source": "api:catalog_pick_items", "value_field": "code"}

CHOOSE_ITEM = ("", "请选择事项")


def item_choices(items) -> list[tuple[str, str]]:
    """Items to choose from, headed by 请选择事项: a form never defaults an item silently."""
    return [CHOOSE_ITEM, *[(i.code, f"{i.code} {i.name}") for i in items]]


class ItemForm(forms.Form):
    """确认/更正事项 at triage."""

    item = forms.ChoiceField(
        label="认定事项", widget=Picker(placeholder="输入事项名称或编码搜索", **ITEM_PICKER)
    )

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = item_choices(items)


class OpenCaseForm(forms.Form):
    item = forms.ChoiceField(
        label="涉及事项", widget=Picker(placeholder="输入事项名称或编码搜索", **ITEM_PICKER)
    )
    cause = forms.CharField(label="案由", widget=forms.TextInput(attrs={"class": "form-control"}))
    handlers = forms.MultipleChoiceField(
        label="承办人（≥2 名持证队员）",
        required=False,
        widget=MultiPicker(
            source="api:team_pick_officers",
            params={"employment": "full_time"},
            depends={"item": "item"},
            placeholder="输入姓名或执法证号搜索（只列今日可办理所选事项的人员）",
        ),
    )

    def __init__(self, *args, items=(), officers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = item_choices(items)
        self.fields["handlers"].choices = [(str(o.pk), o.user.full_name) for o in officers]


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="理由", widget=forms.Textarea(attrs={"class": "form-control", "rows": 2})
    )


class TransferForm(ReasonForm):
    item = forms.ChoiceField(
        label="事项", widget=Picker(placeholder="输入事项名称或编码搜索", **ITEM_PICKER)
    )

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = item_choices(items)


class MergeForm(forms.Form):
    target = forms.CharField(
        label="合并到（线索编号或案件编号）",
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )


class ReplyForm(forms.Form):
    text = forms.CharField(
        label="答复内容", widget=forms.Textarea(attrs={"class": "form-control", "rows": 3})
    )


class ExtendForm(ReasonForm):
    days = forms.IntegerField(
        label="延期工作日",
        min_value=1,
        max_value=3,
        initial=3,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )


class TrackForm(forms.Form):
    code = forms.CharField(
        label="查询码", max_length=12, widget=forms.TextInput(attrs={"class": "form-control"})
    )
