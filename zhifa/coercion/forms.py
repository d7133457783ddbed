"""Step forms of the coercive measures on the case page (registered with ``cases.extensions``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model

from zhifa.cases.forms import DATETIME, TEXT, TownForm, item_lines, only_choice_chosen
from zhifa.cases.models import Case, CorrectionOrder
from zhifa.core import clock
from zhifa.core.articles import AQ70, AQ70_2
from zhifa.core.errors import DomainError

from . import services
from .models import AssistanceRequest, EvidenceHold, PowerCutNotice, Seizure

OPEN_STATUS = {"holds": "held", "seizures": "active"}


class MeasureStep(TownForm):
    """Offered while the case is active; ``needs_open`` names the open measures a step acts on."""

    reviewer_step = False
    needs_open = ""

    @classmethod
    def available(cls, case: Case) -> bool:
        if not case.is_active:
            return False
        if cls.needs_open:
            return getattr(case, cls.needs_open).filter(status=OPEN_STATUS[cls.needs_open]).exists()
        return True


class HoldStep(MeasureStep):
    label = "先行登记保存"
    items = forms.CharField(label="物品清单（每行：名称 数量 备注）", widget=TEXT)
    place = forms.CharField(label="保存地点", initial="执法队物品保管室")
    approver = forms.ModelChoiceField(
        label="批准人（负责人）", queryset=get_user_model().objects.none()
    )

    def perform(self, *, actor: Any) -> Any:
        d = self.cleaned_data
        return services.evidence_hold_start(
            case=self.case,
            actor=actor,
            items=item_lines(d["items"]),
            place=d["place"],
            approved_by=d["approver"],
        )


class DisposeStep(MeasureStep):
    needs_open = "holds"
    label = "保存物品处理决定"
    hold = forms.ModelChoiceField(label="先行登记保存", queryset=EvidenceHold.objects.none())
    disposal = forms.CharField(label="处理决定", widget=TEXT)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hold"].queryset = EvidenceHold.objects.filter(case=self.case, status="held")
        only_choice_chosen(self, "hold")

    def perform(self, *, actor: Any) -> Any:
        return services.evidence_hold_dispose(
            hold=self.cleaned_data["hold"], actor=actor, disposal=self.cleaned_data["disposal"]
        )


class SeizureStep(MeasureStep):
    label = "查封、扣押"
    kind = forms.ChoiceField(label="类别", choices=Seizure.Kind.choices)
    facts = forms.CharField(label="理由", widget=TEXT)
    basis = forms.CharField(label="依据")
    items = forms.CharField(label="物品（场所）清单（每行：名称 数量 备注）", widget=TEXT)
    custody = forms.CharField(label="保管场所")
    days = forms.IntegerField(label="期限（日，≤30）", min_value=1, initial=30)
    approver = forms.ModelChoiceField(
        label="批准人（负责人）", queryset=get_user_model().objects.none()
    )

    def perform(self, *, actor: Any) -> Any:
        d = self.cleaned_data
        return services.seizure_start(
            case=self.case,
            actor=actor,
            kind=d["kind"],
            facts=d["facts"],
            basis=d["basis"],
            items=item_lines(d["items"]),
            custody=d["custody"],
            days=d["days"],
            approved_by=d["approver"],
        )


class ExtendStep(MeasureStep):
    needs_open = "seizures"
    label = "延长查封、扣押"
    seizure = forms.ModelChoiceField(label="查封、扣押", queryset=Seizure.objects.none())
    days = forms.IntegerField(label="延长（日，≤30，仅一次）", min_value=1)
    reason = forms.CharField(label="延长理由", widget=TEXT)
    approver = forms.ModelChoiceField(
        label="批准人（负责人）", queryset=get_user_model().objects.none()
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["seizure"].queryset = Seizure.objects.filter(case=self.case, status="active")
        only_choice_chosen(self, "seizure")

    def perform(self, *, actor: Any) -> Any:
        d = self.cleaned_data
        return services.seizure_extend(
            seizure=d["seizure"],
            actor=actor,
            days=d["days"],
            reason=d["reason"],
            approved_by=d["approver"],
        )


class ReleaseStep(MeasureStep):
    needs_open = "seizures"
    label = "解除查封、扣押"
    seizure = forms.ModelChoiceField(label="查封、扣押", queryset=Seizure.objects.none())
    reason = forms.CharField(label="解除理由", widget=TEXT)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["seizure"].queryset = Seizure.objects.filter(case=self.case, status="active")
        only_choice_chosen(self, "seizure")

    def perform(self, *, actor: Any) -> Any:
        return services.seizure_release(
            seizure=self.cleaned_data["seizure"], actor=actor, reason=self.cleaned_data["reason"]
        )


def _ignored_stop_orders(case: Case) -> Any:
    return CorrectionOrder.objects.filter(
        case=case, kind="stop", major_hazard=True, status=CorrectionOrder.Status.IGNORED
    )


class PowerCutNoticeStep(MeasureStep):
    """停止供电告知书: issued and served on the business 24 hours before the power company is told
    (安全生产法第七十条第二款); the officer's own step, recorded with its service time."""

    label = "停止供电告知书"
    stop_order = forms.ModelChoiceField(
        label="拒不执行的责令停止通知", queryset=CorrectionOrder.objects.none()
    )
    premises_use = forms.ChoiceField(
        label="用电场所性质", choices=[("", "—"), *AssistanceRequest.Use.choices]
    )
    premises = forms.CharField(label="停电范围")
    hazard = forms.CharField(label="重大事故隐患")
    cut_at = forms.DateTimeField(
        label="拟停电时间", widget=DATETIME, help_text="不早于送达后二十四小时"
    )
    served_at = forms.DateTimeField(label="送达时间", widget=DATETIME)
    served_to = forms.CharField(label="受送达人（签收人）")
    service_method = forms.ChoiceField(
        label="送达方式",
        choices=[(m, m) for m in ("直接送达", "留置送达", "邮寄送达")],
    )

    @classmethod
    def available(cls, case: Case) -> bool:
        """Only once an order to stop over a major hazard was found ignored on re-inspection."""
        return super().available(case) and _ignored_stop_orders(case).exists()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stop_order"].queryset = _ignored_stop_orders(self.case)
        only_choice_chosen(self, "stop_order")
        self.fields["served_at"].initial = f"{clock.now():%Y-%m-%dT%H:%M}"

    def perform(self, *, actor: Any) -> Any:
        return services.power_cut_notice_serve(case=self.case, actor=actor, **self.cleaned_data)


class AssistanceStep(MeasureStep):
    label = "协助函"
    kind = forms.ChoiceField(label="类别", choices=AssistanceRequest.Kind.choices)
    recipient = forms.CharField(label="协助单位")
    matter = forms.CharField(label="事由", widget=TEXT)
    request = forms.CharField(label="协助事项", widget=TEXT)
    basis = forms.CharField(label="依据", required=False, help_text=f"停止供电须引用{AQ70}")
    premises_use = forms.ChoiceField(
        label="用电场所性质", choices=[("", "—"), *AssistanceRequest.Use.choices], required=False
    )
    premises = forms.CharField(label="停电范围", required=False)
    hazard = forms.CharField(label="重大事故隐患", required=False)
    stop_order = forms.ModelChoiceField(
        label="拒不执行的责令停止通知", queryset=CorrectionOrder.objects.none(), required=False
    )
    approver = forms.ModelChoiceField(
        label="主要负责人批准", queryset=get_user_model().objects.none(), required=False
    )
    notice = forms.ModelChoiceField(
        label="已送达的停止供电告知书",
        queryset=PowerCutNotice.objects.none(),
        required=False,
        help_text=f"送达满二十四小时后方可发函（{AQ70_2}）",
    )
    cut_at = forms.DateTimeField(
        label="停电时间", widget=DATETIME, required=False, help_text="不填则按告知书所定时间"
    )
    emergency = forms.BooleanField(label="有危及生产安全的紧急情形（不经提前通知）", required=False)
    emergency_reason = forms.CharField(label="紧急情形说明", widget=TEXT, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stop_order"].queryset = CorrectionOrder.objects.filter(
            case=self.case, kind="stop"
        )
        only_choice_chosen(self, "stop_order")
        self.fields["notice"].queryset = PowerCutNotice.objects.filter(case=self.case)
        only_choice_chosen(self, "notice")
        # the power supply company the town entered (a 停止供电 letter goes there)
        self.fields["recipient"].initial = self.town.power_company if self.town else ""

    def clean(self) -> dict[str, Any]:
        """A power cut the law forbids (a dwelling, no ignored order …) is refused here, with
        why — before an officer's letter would wait in the leader's inbox for nothing."""
        d = super().clean()
        if d.get("kind") != AssistanceRequest.Kind.POWER_CUT or self.errors:
            return d
        try:
            services.power_cut_conditions(
                case=self.case,
                premises_use=d.get("premises_use", ""),
                basis=d.get("basis", ""),
                stop_order=d.get("stop_order"),
                hazard=d.get("hazard", ""),
                notice=d.get("notice"),
                cut_at=d.get("cut_at"),
                emergency=d.get("emergency", False),
                emergency_reason=d.get("emergency_reason", ""),
            )
        except DomainError as error:
            raise forms.ValidationError(error.message, code=error.code) from None
        return d

    def perform(self, *, actor: Any) -> Any:
        d = dict(self.cleaned_data)
        d["approved_by"] = d.pop("approver")
        return services.assistance_request_send(case=self.case, actor=actor, **d)


STEP_FORMS: dict[str, type[MeasureStep]] = {
    "hold": HoldStep,
    "dispose": DisposeStep,
    "seizure": SeizureStep,
    "extend": ExtendStep,
    "release": ReleaseStep,
    "power_notice": PowerCutNoticeStep,
    "assistance": AssistanceStep,
}
