from __future__ import annotations

from typing import Any

from django import forms

from zhifa.core.widgets import Picker

from .cells import STATUSES, row_values
from .models import Department, Domain, PenaltyKind, PowerItem

# form field -> list column (the form is one row of the list, read by the same parser)
FIELD_COLUMNS = {
    "code": "事项编码",
    "sort": "序号",
    "name": "事项名称",
    "type": "事项类型",
    "domain": "领域",
    "department": "原实施部门",
    "provisions": "实施依据",
    "penalty_kinds": "处罚种类",
    "fine_rules": "罚款标准",
    "standards": "裁量基准",
    "exemptions": "不予处罚情形",
    "status": "下放状态",
    "held_from": "下放日期",
    "held_to": "收回日期",
    "decision_ref": "下放文件",
    "recognitions": "清单互认",
    "limits": "限定范围",
    "notes": "备注",
}
COLUMN_FIELDS = {v: k for k, v in FIELD_COLUMNS.items()}


def _area(rows: int, hint: str) -> forms.Textarea:
    return forms.Textarea(
        attrs={"rows": rows, "placeholder": hint, "class": "form-control font-monospace small"}
    )


class ItemForm(forms.Form):
    code = forms.CharField(label="事项编码", max_length=40)
    sort = forms.IntegerField(label="序号", min_value=0, required=False)
    name = forms.CharField(label="事项名称", max_length=300)
    type = forms.ChoiceField(
        label="事项类型", choices=[(label, label) for _, label in PowerItem.Type.choices]
    )
    domain = forms.ChoiceField(label="领域", widget=Picker(placeholder="输入领域名称搜索"))
    department = forms.ChoiceField(
        label="原实施部门", widget=Picker(placeholder="输入部门名称搜索")
    )
    provisions = forms.CharField(
        label="实施依据",
        widget=_area(
            5, "《中华人民共和国大气污染防治法》第一百一十五条第一款〔2018-10-26起〕：条文"
        ),
    )
    penalty_kinds = forms.MultipleChoiceField(
        label="处罚种类",
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        choices=[(label, label) for _, label in PenaltyKind.choices],
    )
    fine_rules = forms.CharField(
        label="罚款标准",
        required=False,
        widget=_area(3, "单位｜10000-100000元｜《大气污染防治法》第一百一十五条"),
    )
    standards = forms.CharField(
        label="裁量基准",
        required=False,
        widget=_area(4, "一般｜违法情形｜处罚标准｜10000-30000元｜2024-03-01"),
    )
    exemptions = forms.CharField(
        label="不予处罚情形",
        required=False,
        widget=_area(2, "首违不罚：初次违法且危害后果轻微并及时改正的"),
    )
    status = forms.ChoiceField(label="下放状态", choices=[(s, s) for s in STATUSES])
    held_from = forms.DateField(
        label="下放日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    held_to = forms.DateField(
        label="收回日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    decision_ref = forms.CharField(label="下放文件", required=False, max_length=200)
    recognitions = forms.CharField(
        label="清单互认",
        required=False,
        widget=_area(2, "县住建局｜2022-11-20｜繁住建函〔2022〕45号"),
    )
    limits = forms.CharField(
        label="限定范围（随清单公示）",
        required=False,
        max_length=200,
        help_text="对事项的公开限定，如“限于城管职权范围内”",
    )
    notes = forms.CharField(label="备注（内部，不公示）", required=False, widget=_area(2, ""))

    def __init__(self, *args: Any, town: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["domain"].choices = [(d.name, d.name) for d in Domain.objects.all()]
        self.fields["department"].choices = [
            (d.name, d.name) for d in Department.objects.filter(town=town).order_by("kind", "name")
        ]
        for name, field in self.fields.items():
            if name == "penalty_kinds":
                continue
            css = "form-select" if isinstance(field, forms.ChoiceField) else "form-control"
            field.widget.attrs.setdefault("class", css)

    @classmethod
    def initial_for(cls, item: PowerItem) -> dict[str, Any]:
        values = row_values(item)
        initial = {COLUMN_FIELDS[c]: v for c, v in values.items()}
        initial["penalty_kinds"] = item.penalty_kind_labels()
        initial["exemptions"] = values["不予处罚情形"]
        return initial

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        values = {FIELD_COLUMNS[f]: data.get(f) for f in FIELD_COLUMNS}
        values["处罚种类"] = "、".join(data.get("penalty_kinds") or [])
        values["序号"] = "" if data.get("sort") is None else str(data["sort"])
        return values

    def add_domain_errors(self, errors: list[dict[str, Any]]) -> None:
        for error in errors:
            field = COLUMN_FIELDS.get(error["column"])
            self.add_error(field if field in self.fields else None, error["message"])


class AllocationForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("delegate", "下放"), ("withdraw", "收回")], widget=forms.HiddenInput
    )
    day = forms.DateField(
        label="日期", widget=forms.DateInput(attrs={"type": "date", "class": "form-control"})
    )
    decision_ref = forms.CharField(
        label="文件",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )


class RecognitionForm(forms.Form):
    department = forms.ModelChoiceField(
        label="确认部门",
        queryset=Department.objects.none(),
        widget=Picker({"aria-label": "确认部门"}, placeholder="输入部门名称搜索"),
    )
    confirmed_on = forms.DateField(
        label="确认日期", widget=forms.DateInput(attrs={"type": "date", "class": "form-control"})
    )
    letter_number = forms.CharField(
        label="函号", max_length=100, widget=forms.TextInput(attrs={"class": "form-control"})
    )

    def __init__(self, *args: Any, town: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(town=town)


class LexiconForm(forms.Form):
    lexicon = forms.CharField(
        label="群众常用说法",
        required=False,
        help_text="群众、12345 话务员描述此类问题的常用词（如“挖沙、采砂、拉矿”），用顿号或换行分隔；线索分拣时作为特征使用",
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
    )


class RetireForm(forms.Form):
    day = forms.DateField(
        label="停用日期", widget=forms.DateInput(attrs={"type": "date", "class": "form-control"})
    )
    reason = forms.CharField(
        label="停用原因", max_length=200, widget=forms.TextInput(attrs={"class": "form-control"})
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label="清单文件（.xlsx）",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx", "class": "form-control"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("请上传 .xlsx 格式的 Excel 文件")
        if upload.size > 10 * 1024 * 1024:
            raise forms.ValidationError("文件不能超过 10 MB")
        return upload
