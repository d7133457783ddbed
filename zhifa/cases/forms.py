"""Page forms. Each step form binds the POST and, through ``perform``, calls exactly one service —
the view stays a few lines and every rule stays in the service."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib.auth import get_user_model

from zhifa.accounts.roles import GROUP_NAMES, LEADER
from zhifa.catalog.models import Department, PowerItem
from zhifa.core import clock
from zhifa.core.widgets import MultiPicker, Picker, in_chosen_order
from zhifa.grid.models import Subject
from zhifa.grid.widgets import LocationInput
from zhifa.team.models import Officer

from . import services
from .handlers import HandlersStep
from .models import (
    Case,
    CorrectionOrder,
    Record,
    Transfer,
)

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 3})


def item_lines(value: str) -> list[dict[str, str]]:
    """“名称 数量 备注” one a line → item rows."""
    rows = []
    for line in (value or "").splitlines():
        parts = line.split()
        if parts:
            rows.append(
                {
                    "name": parts[0],
                    "quantity": parts[1] if len(parts) > 1 else "",
                    "note": " ".join(parts[2:]),
                }
            )
    return rows


class TownForm(forms.Form):
    def __init__(self, *args: Any, town: Any, case: Case | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.town, self.case = town, case
        for name in ("officers", "handlers"):
            if name in self.fields:
                self.fields[name].queryset = Officer.objects.filter(
                    town=town, is_active=True, employment="full_time"
                ).select_related("user")
        if "approver" in self.fields:
            self.fields["approver"].queryset = get_user_model().objects.filter(
                town=town, groups__name=GROUP_NAMES[LEADER], is_active=True
            )
            self.fields["approver"].label_from_instance = lambda u: u.full_name or u.username
        for name in ("items",):
            if name in self.fields and isinstance(
                self.fields[name], forms.ModelMultipleChoiceField
            ):
                self.fields[name].queryset = PowerItem.objects.filter(
                    town=town, is_retired=False
                ).order_by("sort")
        for name in ("parties", "party"):
            if name in self.fields:
                self.fields[name].queryset = Subject.objects.filter(town=town)
        for name in ("department", "departments"):
            if name in self.fields:
                self.fields[name].queryset = Department.objects.filter(town=town, is_active=True)
                # the full name, as letters are addressed (县自然资源局 and 县自然资源执法队 differ)
                self.fields[name].label_from_instance = lambda d: d.name
        for field in self.fields.values():
            css = (
                "form-select"
                if isinstance(field.widget, forms.Select | forms.SelectMultiple)
                else "form-control"
            )
            if isinstance(field.widget, forms.CheckboxInput):
                css = "form-check-input"
            field.widget.attrs.setdefault("class", css)


def only_choice_chosen(form: forms.Form, *names: str) -> None:
    """A choice with a single option starts chosen (the one transfer awaiting its receipt, the one
    open order to re-inspect): a list of one left at “---------” only trips people up."""
    for name in names:
        field = form.fields[name]
        if form.is_bound or form.initial.get(name) is not None:
            continue
        first_two = list(field.queryset[:2])
        if len(first_two) == 1:
            field.initial = first_two[0].pk


class RegisterForm(TownForm):
    cause = forms.CharField(label="案由", max_length=200, help_text="如“非法占用土地建设宿舍案”")
    source = forms.ChoiceField(label="案件来源", choices=Case.Source.choices)
    items = forms.ModelMultipleChoiceField(
        label="涉及清单事项",
        queryset=PowerItem.objects.none(),
        widget=MultiPicker(source="api:catalog_pick_items", placeholder="输入事项名称或编码搜索"),
    )
    parties = forms.ModelMultipleChoiceField(
        label="当事人",
        queryset=Subject.objects.none(),
        required=False,
        widget=MultiPicker(
            source="api:grid_pick_subjects", placeholder="输入名称、地址或信用代码搜索"
        ),
    )
    address = forms.CharField(
        label="地点",
        max_length=200,
        widget=LocationInput(datum_field=""),
    )
    lat = forms.FloatField(label="纬度", required=False, widget=forms.HiddenInput)
    lng = forms.FloatField(label="经度", required=False, widget=forms.HiddenInput)
    discovered_on = forms.DateField(label="发现日期", widget=DATE, initial=clock.today)
    summary = forms.CharField(label="基本案情", widget=TEXT)
    handlers = forms.ModelMultipleChoiceField(
        label="承办人（≥2 名持证队员）",
        queryset=Officer.objects.none(),
        required=False,
        widget=MultiPicker(
            source="api:team_pick_officers",
            params={"employment": "full_time"},
            depends={"item": "items"},
            placeholder="输入姓名或执法证号搜索（只列今日可办理所选事项的人员）",
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        widget = self.fields["handlers"].widget
        widget.params = {**widget.params, "on": clock.today().isoformat()}  # assigned today

    def perform(self, *, actor: Any) -> Case:
        d = self.cleaned_data
        return services.case_register(
            town=self.town,
            actor=actor,
            cause=d["cause"],
            source=d["source"],
            summary=d["summary"],
            address=d["address"],
            items=list(d["items"]),
            parties=list(d["parties"]),
            discovered_on=d["discovered_on"],
            lat=d["lat"],
            lng=d["lng"],
            handlers=in_chosen_order(self, "handlers", d["handlers"]) or None,
        )


class RecordForm(TownForm):
    kind = forms.ChoiceField(label="笔录类别", choices=Record.Kind.choices)
    started_at = forms.DateTimeField(label="开始时间", widget=DATETIME)
    ended_at = forms.DateTimeField(label="结束时间", widget=DATETIME)
    place = forms.CharField(label="地点", max_length=200)
    officers = forms.ModelMultipleChoiceField(
        label="执法人员（≥2 名，默认本案承办人）",
        queryset=Officer.objects.none(),
        required=False,
        widget=MultiPicker(
            source="api:team_pick_officers",
            params={"employment": "full_time"},
            placeholder="输入姓名或执法证号搜索；不选即本案承办人",
        ),
    )
    party = forms.ModelChoiceField(
        label="当事人",
        queryset=Subject.objects.none(),
        required=False,
        widget=Picker(source="api:grid_pick_subjects", placeholder="输入名称、地址或证件号搜索"),
    )
    present = forms.CharField(label="在场人", required=False)
    findings = forms.CharField(label="现场检查（勘验）情况", widget=TEXT, required=False)
    interviewee_name = forms.CharField(label="被询问人", required=False)
    qa = forms.CharField(
        label="问答（问、答各占一行，以“问：”“答：”开头）", widget=TEXT, required=False
    )
    permitted_area = forms.DecimalField(
        label="批准（登记）面积",
        required=False,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )
    occupied_area = forms.DecimalField(
        label="实际占用面积",
        required=False,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )
    area_unit = forms.ChoiceField(label="面积单位", choices=[("亩", "亩"), ("平方米", "平方米")])
    measurements = forms.CharField(
        label="测量说明", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    signature = forms.ChoiceField(label="签名情况", choices=Record.Signature.choices)
    witness = forms.CharField(label="见证人", required=False)
    recorder = forms.CharField(label="记录人", required=False)

    def perform(self, *, actor: Any) -> Record:
        d = self.cleaned_data
        qa, current = [], None
        for line in (d["qa"] or "").splitlines():
            line = line.strip()
            if line.startswith(("问：", "问:")):
                current = {"q": line[2:].strip(), "a": ""}
                qa.append(current)
            elif line.startswith(("答：", "答:")) and current is not None:
                current["a"] = line[2:].strip()
        return services.record_create(
            case=self.case,
            actor=actor,
            kind=d["kind"],
            started_at=d["started_at"],
            ended_at=d["ended_at"],
            place=d["place"],
            signature=d["signature"],
            officers=in_chosen_order(self, "officers", d["officers"]) or None,
            party=d["party"],
            present=d["present"],
            findings=d["findings"],
            interviewee={"name": d["interviewee_name"]},
            qa=qa,
            permitted_area=d["permitted_area"],
            occupied_area=d["occupied_area"],
            area_unit=d["area_unit"],
            measurements=d["measurements"],
            witness=d["witness"],
            recorder=d["recorder"],
        )


class EvidenceForm(TownForm):
    file = forms.FileField(
        label="文件（照片、视频、录音、PDF/Word）",
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/*,video/*,audio/*,.pdf,.docx", "capture": "environment"}
        ),
    )
    description = forms.CharField(label="证明内容", max_length=300)

    def perform(self, *, actor: Any) -> Any:
        return services.evidence_add(
            case=self.case,
            actor=actor,
            upload=self.cleaned_data["file"],
            description=self.cleaned_data["description"],
        )


# --- step forms (detail page) -----------------------------------------------------------------------


class FileStep(TownForm):
    label = "立案"
    approver = forms.ModelChoiceField(
        label="批准人（负责人）", queryset=get_user_model().objects.none()
    )
    opinion = forms.CharField(label="承办人意见", required=False, widget=TEXT)
    serious_harm = forms.BooleanField(
        label="涉及公民生命健康安全、金融安全且有危害后果（追责期限五年）", required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.case is not None:
            self.fields["serious_harm"].initial = self.case.serious_harm

    def perform(self, *, actor: Any) -> Any:
        return services.case_file(
            case=self.case,
            actor=actor,
            approved_by=self.cleaned_data["approver"],
            opinion=self.cleaned_data["opinion"],
            serious_harm=self.cleaned_data["serious_harm"],
        )


class InvestigateStep(TownForm):
    label = "开始调查"

    def perform(self, *, actor: Any) -> Any:
        return services.case_start_investigation(case=self.case, actor=actor)


class ProposeStep(TownForm):
    label = "提出处理意见"
    proposal = forms.ChoiceField(
        label="处理意见", choices=[c for c in Case.Proposal.choices if c[0]]
    )
    text = forms.CharField(label="事实、理由和依据", widget=TEXT)

    def perform(self, *, actor: Any) -> Any:
        return services.case_propose(
            case=self.case,
            actor=actor,
            proposal=self.cleaned_data["proposal"],
            text_=self.cleaned_data["text"],
        )


class ReinvestigateStep(TownForm):
    label = "退回补充调查"
    reason = forms.CharField(label="补充调查理由", widget=TEXT)

    def perform(self, *, actor: Any) -> Any:
        return services.case_reinvestigate(
            case=self.case, actor=actor, reason=self.cleaned_data["reason"]
        )


class WithdrawStep(TownForm):
    label = "撤销立案"
    reason = forms.CharField(label="撤销理由", widget=TEXT)
    approver = forms.ModelChoiceField(
        label="批准人（负责人）", queryset=get_user_model().objects.none()
    )

    def perform(self, *, actor: Any) -> Any:
        return services.case_withdraw(
            case=self.case,
            actor=actor,
            reason=self.cleaned_data["reason"],
            approved_by=self.cleaned_data["approver"],
        )


class CloseStep(TownForm):
    label = "结案"
    outcome = forms.CharField(label="处理结果", widget=TEXT)
    execution = forms.CharField(label="执行情况", widget=TEXT, required=False)

    def perform(self, *, actor: Any) -> Any:
        return services.case_close(
            case=self.case,
            actor=actor,
            outcome=self.cleaned_data["outcome"],
            execution=self.cleaned_data["execution"],
        )


class NoteStep(TownForm):
    label = "补记"
    text = forms.CharField(label="补记内容（复议、诉讼、回访等）", widget=TEXT)

    def perform(self, *, actor: Any) -> Any:
        return services.case_note(case=self.case, actor=actor, text_=self.cleaned_data["text"])


class OrderStep(TownForm):
    label = "责令通知"
    kind = forms.ChoiceField(label="类别", choices=CorrectionOrder.Kind.choices)
    facts = forms.CharField(label="违法事实", widget=TEXT)
    violated = forms.CharField(label="违反的法律规定")
    basis = forms.CharField(label="责令依据")
    requirements = forms.CharField(label="要求", widget=TEXT)
    days = forms.IntegerField(label="复查期限（日）", min_value=1, max_value=365, initial=7)
    major_hazard = forms.BooleanField(label="涉及重大事故隐患", required=False)

    def perform(self, *, actor: Any) -> Any:
        return services.correction_order_issue(case=self.case, actor=actor, **self.cleaned_data)


class ReinspectStep(TownForm):
    label = "复查"
    order = forms.ModelChoiceField(label="责令通知", queryset=CorrectionOrder.objects.none())
    complied = forms.TypedChoiceField(
        label="复查结果", choices=[("1", "已履行"), ("0", "拒不执行")], coerce=lambda v: v == "1"
    )
    note = forms.CharField(label="复查情况", widget=TEXT)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["order"].queryset = CorrectionOrder.objects.filter(
            case=self.case, status="open"
        )
        only_choice_chosen(self, "order")

    def perform(self, *, actor: Any) -> Any:
        d = self.cleaned_data
        return services.correction_order_reinspect(
            order=d["order"], actor=actor, complied=d["complied"], note=d["note"]
        )


class TransferStep(TownForm):
    label = "移送"
    kind = forms.ChoiceField(label="类别", choices=Transfer.Kind.choices)
    department = forms.ModelChoiceField(
        label="接收单位",
        queryset=Department.objects.none(),
        widget=Picker(placeholder="输入单位名称搜索"),
    )
    reason = forms.CharField(label="移送理由", widget=TEXT)
    facts = forms.CharField(label="违法事实", widget=TEXT)
    suspected_crime = forms.CharField(label="涉嫌罪名（移送司法机关时）", required=False)

    def perform(self, *, actor: Any) -> Any:
        d = self.cleaned_data
        return services.case_transfer(
            case=self.case,
            actor=actor,
            kind=d["kind"],
            department=d["department"],
            reason=d["reason"],
            facts=d["facts"],
            suspected_crime=d["suspected_crime"],
            evidence=list(self.case.evidence.all()),
        )


class ReceiptStep(TownForm):
    label = "登记回执"
    transfer = forms.ModelChoiceField(label="移送", queryset=Transfer.objects.none())
    receiver_name = forms.CharField(label="签收人")
    received_at = forms.DateTimeField(
        label="签收时间",
        widget=DATETIME,
        initial=lambda: clock.now().replace(second=0, microsecond=0),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["transfer"].queryset = Transfer.objects.filter(
            case=self.case, received_at__isnull=True
        )
        only_choice_chosen(self, "transfer")

    def perform(self, *, actor: Any) -> Any:
        d = self.cleaned_data
        return services.transfer_receipt_record(
            transfer=d["transfer"],
            actor=actor,
            receiver_name=d["receiver_name"],
            received_at=d["received_at"],
        )


class JointStep(TownForm):
    label = "联动执法"
    departments = forms.ModelMultipleChoiceField(
        label="参与部门",
        queryset=Department.objects.none(),
        widget=MultiPicker(placeholder="输入部门名称搜索"),
    )
    participants = forms.CharField(label="参与人员（每行一人）", widget=TEXT)
    started_at = forms.DateTimeField(label="时间", widget=DATETIME)
    place = forms.CharField(label="地点")
    outcome = forms.CharField(label="处置结果", widget=TEXT)

    def perform(self, *, actor: Any) -> Any:
        d = self.cleaned_data
        return services.joint_operation_record(
            case=self.case,
            actor=actor,
            departments=list(d["departments"]),
            participants=d["participants"].splitlines(),
            started_at=d["started_at"],
            place=d["place"],
            outcome=d["outcome"],
        )


# verb → form; the detail page offers those whose ``available`` holds for the case's state.
STEP_FORMS: dict[str, type[Any]] = {
    "handlers": HandlersStep,
    "file": FileStep,
    "investigate": InvestigateStep,
    "propose": ProposeStep,
    "reinvestigate": ReinvestigateStep,
    "order": OrderStep,
    "reinspect": ReinspectStep,
    "joint": JointStep,
    "transfer": TransferStep,
    "receipt": ReceiptStep,
    "withdraw": WithdrawStep,
    "close": CloseStep,
    "note": NoteStep,
}


def steps_available(case: Case) -> list[str]:
    """Which step forms to show for the case now (the services still decide)."""
    from django_fsm import can_proceed

    active = case.is_active
    verbs = []
    for verb in STEP_FORMS:
        if verb in (
            "file",
            "investigate",
            "propose",
            "reinvestigate",
            "withdraw",
            "close",
            "transfer",
        ):
            method = {"investigate": "investigate"}.get(verb, verb)
            if can_proceed(getattr(case, method)):
                verbs.append(verb)
        elif verb == "note":
            verbs.append(verb)
        elif verb == "receipt":
            if case.transfers.filter(received_at__isnull=True).exists():
                verbs.append(verb)
        elif verb == "joint":
            if active or case.state == "transferred":
                verbs.append(verb)
        elif active:
            if verb == "reinspect" and not case.orders.filter(status="open").exists():
                continue
            verbs.append(verb)
    return verbs


def now_local() -> dt.datetime:
    """Now on the house clock (Asia/Shanghai), to the minute: a form's default time."""
    return clock.now().replace(second=0, microsecond=0)
