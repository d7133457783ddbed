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


class MarksErrors:
    """A field with an error tells screen readers so: aria-invalid, and aria-describedby naming
    the message and the hint (``{id}-error``, ``{id}_helptext`` in intake/_public_field.html)."""

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name in self.errors:  # type: ignore[attr-defined]
            if name not in self.fields:  # type: ignore[attr-defined]
                continue
            attrs = self.fields[name].widget.attrs  # type: ignore[attr-defined]
            attrs["aria-invalid"] = "true"
            bound = self[name]  # type: ignore[index]
            described = [f"{bound.auto_id}-error"]
            if bound.help_text:
                described.append(f"{bound.auto_id}_helptext")
            attrs["aria-describedby"] = " ".join(described)
            attrs["class"] = f"{attrs.get('class', '')} is-invalid".strip()


class CitizenReportForm(MarksErrors, forms.Form):
    """The public report form (no login). The place is written out, with the village chosen
    from a list: no map and no script on the public frame (ADR 0034)."""

    text = forms.CharField(
        label="反映内容",
        min_length=10,
        max_length=1000,
        help_text="至少 10 个字，请写明时间、地点和具体情况。",
        error_messages={
            "required": "请填写反映内容。",
            "min_length": "反映内容至少写 %(limit_value)d 个字（现在 %(show_value)d 个字），"
            "请写明时间、地点和具体情况。",
            "max_length": "反映内容不能超过 %(limit_value)d 个字（现在 %(show_value)d 个字）。",
        },
        widget=forms.Textarea(attrs={**TEXT_ATTRS, "placeholder": "请写明时间、地点和具体情况"}),
    )
    village = forms.ChoiceField(
        label="所在村（社区）（可不填）",
        required=False,
        choices=[("", "不清楚或不在列表中")],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    address = forms.CharField(
        label="发生地点",
        max_length=200,
        help_text="如街道、门牌号、店名或附近的标志性建筑。",
        error_messages={
            "required": "请填写发生地点。",
            "max_length": "发生地点不能超过 %(limit_value)d 个字。",
        },
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "off"}),
    )
    name = forms.CharField(
        label="您的称呼（可不填）",
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "name"}),
    )
    phone = forms.CharField(
        label="联系电话（可不填，仅执法队可见）",
        required=False,
        max_length=20,
        widget=forms.TextInput(
            attrs={"class": "form-control", "inputmode": "tel", "autocomplete": "tel"}
        ),
    )
    photo = forms.FileField(
        label="照片（可不填）",
        required=False,
        help_text="JPEG、PNG 或 WebP 图片，不超过 10 MB，可直接拍照。",
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": "image/*"}),
    )
    website = forms.CharField(required=False, widget=forms.HiddenInput())  # honeypot

    def __init__(self, *args, villages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.villages = {str(v.pk): v for v in villages}
        self.fields["village"].choices = [("", "不清楚或不在列表中")] + [
            (pk, str(v)) for pk, v in self.villages.items()
        ]

    def place(self) -> str:
        """The address as the team reads it: the chosen village first, unless already written."""
        address = self.cleaned_data["address"].strip()
        village = self.villages.get(self.cleaned_data.get("village") or "")
        if village is None or village.name in address:
            return address
        return f"{village.name} {address}"


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


class TrackForm(MarksErrors, forms.Form):
    code = forms.CharField(
        label="查询码",
        max_length=12,
        error_messages={"required": "请输入查询码。", "max_length": "查询码为 10 位。"},
        help_text="提交举报后页面上显示的 10 位查询码。",
        widget=forms.TextInput(
            attrs={
                "class": "form-control",
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
            }
        ),
    )
