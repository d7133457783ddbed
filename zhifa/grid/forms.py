from __future__ import annotations

from django import forms

from zhifa.core.widgets import MultiPicker, Picker

from .datum import DATUMS
from .models import Patrol, Subject
from .widgets import LocationInput

DATUM_CHOICES = list(DATUMS.items())


class CellImportForm(forms.Form):
    file = forms.FileField(
        label="GeoJSON 文件",
        help_text="FeatureCollection，每个网格的 properties 含 code（15 位）与 name",
    )
    datum = forms.ChoiceField(label="坐标系", choices=DATUM_CHOICES, initial="wgs84")


def _styled(form: forms.Form) -> None:
    """Tabler's classes on every widget (so no page script has to add them)."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.HiddenInput):
            continue
        css = "form-select" if isinstance(widget, forms.Select) else "form-control"
        widget.attrs.setdefault("class", css)


class SubjectForm(forms.Form):
    kind = forms.ChoiceField(label="类别", choices=Subject.Kind.choices)
    name = forms.CharField(label="名称或姓名", max_length=100)
    credit_code = forms.CharField(label="统一社会信用代码", max_length=30, required=False)
    id_number = forms.CharField(label="居民身份证号码", max_length=30, required=False)
    legal_representative = forms.CharField(
        label="法定代表人（负责人）", max_length=30, required=False
    )
    site_type = forms.ChoiceField(
        label="场所类型", choices=[("", "—"), *Subject.SiteType.choices], required=False
    )
    phone = forms.CharField(label="联系电话", max_length=30, required=False)
    address = forms.CharField(label="地址", max_length=200, required=False, widget=LocationInput())
    lat = forms.FloatField(label="纬度", required=False)
    lng = forms.FloatField(label="经度", required=False)
    datum = forms.ChoiceField(label="坐标系", choices=DATUM_CHOICES, initial="wgs84")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)


class CheckInForm(forms.Form):
    lat = forms.FloatField(widget=forms.HiddenInput)
    lng = forms.FloatField(widget=forms.HiddenInput)
    accuracy_m = forms.FloatField(widget=forms.HiddenInput, required=False)
    photo = forms.FileField(label="现场照片", required=False)
    note = forms.CharField(label="备注", max_length=200, required=False)


class FindingForm(forms.Form):
    description = forms.CharField(label="发现情况", widget=forms.Textarea(attrs={"rows": 3}))
    lat = forms.FloatField(widget=forms.HiddenInput, required=False)
    lng = forms.FloatField(widget=forms.HiddenInput, required=False)
    photo = forms.FileField(label="现场照片", required=False)


class PatrolPlanForm(forms.Form):
    """安排巡查 (leaders): the services check the day (today or later) and the shift."""

    patroller = forms.ChoiceField(
        label="巡查人", widget=Picker(placeholder="请选择巡查人（可输入姓名搜索）")
    )
    title = forms.CharField(label="巡查任务", max_length=100)
    kind = forms.ChoiceField(label="方式", choices=Patrol.Kind.choices)
    day = forms.DateField(
        label="日期",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": "请按“年-月-日”填写日期，如 2026-09-29"},
    )
    start = forms.TimeField(
        label="开始", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end = forms.TimeField(
        label="结束", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    villages = forms.MultipleChoiceField(
        label="巡查村（社区）",
        required=False,
        widget=MultiPicker(placeholder="输入村名，可选多个"),
    )
    note = forms.CharField(label="巡查要点", max_length=200, required=False)

    def __init__(self, *args, people=(), villages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["patroller"].choices = [("", "请选择")] + [
            (str(u.pk), u.full_name or u.username) for u in people
        ]
        self.fields["villages"].choices = [(v.code, str(v)) for v in villages]
        _styled(self)
