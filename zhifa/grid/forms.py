from __future__ import annotations

from django import forms

from .datum import DATUMS
from .models import Patrol, Subject

DATUM_CHOICES = list(DATUMS.items())


class CellImportForm(forms.Form):
    file = forms.FileField(
        label="GeoJSON 文件",
        help_text="FeatureCollection，每个网格的 properties 含 code（15 位）与 name",
    )
    datum = forms.ChoiceField(label="坐标系", choices=DATUM_CHOICES, initial="wgs84")


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
    address = forms.CharField(label="地址", max_length=200, required=False)
    lat = forms.FloatField(label="纬度", required=False)
    lng = forms.FloatField(label="经度", required=False)
    datum = forms.ChoiceField(label="坐标系", choices=DATUM_CHOICES, initial="wgs84")


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
    patroller = forms.ChoiceField(label="巡查人")
    title = forms.CharField(label="巡查任务", max_length=100)
    kind = forms.ChoiceField(label="方式", choices=Patrol.Kind.choices)
    day = forms.DateField(label="日期", widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(label="开始", widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(label="结束", widget=forms.TimeInput(attrs={"type": "time"}))
    villages = forms.MultipleChoiceField(label="巡查村（社区）", required=False)
    note = forms.CharField(label="巡查要点", max_length=200, required=False)

    def __init__(self, *args, people=(), villages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["patroller"].choices = [(str(u.pk), u.full_name) for u in people]
        self.fields["villages"].choices = [(v.code, str(v)) for v in villages]
