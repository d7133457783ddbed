"""Forms of the inspection pages: they bind and clean input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms

from zhifa.catalog.models import PowerItem
from zhifa.grid.models import Subject, Village
from zhifa.team.models import Officer

from .models import ChecklistAnswer, Inspection, OfficerConflict, Plan, RiskLevel

DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class Styled:
    """Tabler classes on every widget (checkboxes and radios are laid out by _field.html)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        self.style()

    def style(self) -> None:
        for field in self.fields.values():  # type: ignore[attr-defined]
            widget = field.widget
            if isinstance(
                widget, forms.CheckboxSelectMultiple | forms.RadioSelect | forms.CheckboxInput
            ):
                widget.attrs["class"] = "form-check-input"
            elif isinstance(widget, forms.Select):
                widget.attrs["class"] = "form-select"
            elif not isinstance(widget, forms.HiddenInput):
                widget.attrs["class"] = "form-control"


def inspection_items(town: Any) -> Any:
    return PowerItem.objects.filter(
        town=town, type=PowerItem.Type.INSPECTION, is_retired=False
    ).order_by("sort", "code")


class PlanForm(Styled, forms.Form):
    name = forms.CharField(label="计划名称", max_length=100)
    kind = forms.ChoiceField(label="计划类别", choices=Plan.Kind.choices)
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    items = forms.ModelMultipleChoiceField(
        label="检查事项（多选即综合查一次）",
        queryset=PowerItem.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    villages = forms.ModelMultipleChoiceField(
        label="抽查范围（村、社区，不选即全镇）",
        queryset=Village.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    subject_kinds = forms.MultipleChoiceField(
        label="对象类别（不选即全部）",
        choices=Subject.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    site_types = forms.MultipleChoiceField(
        label="场所类型（不选即全部）",
        choices=Subject.SiteType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    risk_levels = forms.MultipleChoiceField(
        label="风险等级（不选即全部）",
        choices=RiskLevel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sample_mode = forms.ChoiceField(label="抽取方式", choices=Plan.SampleMode.choices)
    sample_ratio = forms.IntegerField(
        label="抽取比例（%）", required=False, min_value=1, max_value=100
    )
    sample_count = forms.IntegerField(label="抽取数量", required=False, min_value=1)
    period_start = forms.DateField(label="检查期间起", widget=DATE)
    period_end = forms.DateField(label="检查期间止", widget=DATE)
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, town: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["items"].queryset = inspection_items(town)
        self.fields["villages"].queryset = Village.objects.filter(town=town).order_by("code")


class ApproveForm(Styled, forms.Form):
    opinion = forms.CharField(label="审批意见", max_length=300, initial="同意")


class DrawForm(Styled, forms.Form):
    seed = forms.CharField(
        label="随机种子（可留空，由系统生成；也可填写公开摇号结果）", max_length=64, required=False
    )
    on = forms.DateField(label="抽取日期", widget=DATE)


class RedrawForm(DrawForm):
    reason = forms.CharField(
        label="重新抽取理由", max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )


class InspectionForm(Styled, forms.Form):
    subject = forms.ModelChoiceField(label="检查对象", queryset=Subject.objects.none())
    items = forms.ModelMultipleChoiceField(
        label="检查事项", queryset=PowerItem.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    officers = forms.ModelMultipleChoiceField(
        label="检查人员（两人）",
        queryset=Officer.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    origin = forms.ChoiceField(label="检查来源", choices=Inspection.Origin.choices[1:])
    planned_on = forms.DateField(label="计划检查日期", widget=DATE)
    justification = forms.ChoiceField(
        label="超出频次限制的事由（如需）", choices=Inspection.Justification.choices, required=False
    )
    justification_note = forms.CharField(label="事由说明", max_length=300, required=False)

    def __init__(self, *args: Any, town: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["subject"].queryset = Subject.objects.filter(town=town).order_by("name")
        self.fields["items"].queryset = inspection_items(town)
        self.fields["officers"].queryset = Officer.objects.filter(
            town=town, is_active=True, employment=Officer.Employment.FULL_TIME
        ).select_related("user")


class StartForm(Styled, forms.Form):
    place = forms.CharField(label="检查地点", max_length=200)
    present = forms.CharField(label="现场负责人", max_length=50, required=False)
    recorder = forms.CharField(label="记录人", max_length=50, required=False)


class AnswerForm(Styled, forms.Form):
    answer_id = forms.IntegerField(widget=forms.HiddenInput)
    answer = forms.ChoiceField(
        label="结论", choices=ChecklistAnswer.Answer.choices[1:], widget=forms.RadioSelect
    )
    note = forms.CharField(label="情况说明", max_length=500, required=False)


class PhotoForm(Styled, forms.Form):
    answer_id = forms.IntegerField(widget=forms.HiddenInput)
    photo = forms.ImageField(label="现场照片")


class FinishForm(Styled, forms.Form):
    result = forms.ChoiceField(
        label="检查结果", choices=Inspection.Result.choices[1:], widget=forms.RadioSelect
    )
    findings = forms.CharField(label="检查情况", widget=forms.Textarea(attrs={"rows": 3}))
    violation_item = forms.ModelChoiceField(
        label="责令改正适用的事项", queryset=PowerItem.objects.none(), required=False
    )
    requirements = forms.CharField(
        label="整改要求", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    days = forms.IntegerField(label="整改期限（日）", required=False, min_value=1, max_value=365)

    def __init__(self, *args: Any, town: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["violation_item"].queryset = PowerItem.objects.filter(
            town=town, type=PowerItem.Type.PENALTY, is_retired=False
        ).order_by("sort", "code")


class SignForm(Styled, forms.Form):
    party_signature = forms.CharField(
        label="当事人（现场负责人）签名", max_length=50, required=False
    )
    party_refused = forms.BooleanField(label="当事人拒绝签名", required=False)
    witness = forms.CharField(label="见证人", max_length=50, required=False)


class ReasonForm(Styled, forms.Form):
    reason = forms.CharField(label="理由", max_length=300)


class RiskForm(Styled, forms.Form):
    level = forms.ChoiceField(label="风险等级", choices=RiskLevel.choices)
    reason = forms.CharField(label="评定理由", max_length=300)


class ConflictForm(Styled, forms.Form):
    officer = forms.ModelChoiceField(label="执法队员", queryset=Officer.objects.none())
    kind = forms.ChoiceField(label="回避情形", choices=OfficerConflict.Kind.choices)
    reason = forms.CharField(label="说明", max_length=200)

    def __init__(self, *args: Any, town: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = Officer.objects.filter(town=town).select_related("user")


class ChecklistLineForm(Styled, forms.Form):
    item = forms.ModelChoiceField(label="检查事项", queryset=PowerItem.objects.none())
    text = forms.CharField(label="检查内容", max_length=200)
    hint = forms.CharField(label="检查方法或标准", max_length=300, required=False)
    violation_item = forms.ModelChoiceField(
        label="不符合时适用的事项", queryset=PowerItem.objects.none(), required=False
    )

    def __init__(self, *args: Any, town: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = inspection_items(town)
        self.fields["violation_item"].queryset = PowerItem.objects.filter(
            town=town, type=PowerItem.Type.PENALTY, is_retired=False
        ).order_by("sort", "code")


class VerifyForm(Styled, forms.Form):
    code = forms.CharField(label="检查码", max_length=12, min_length=12)
