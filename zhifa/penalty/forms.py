"""Page forms for the penalty procedure (机制 III): one step form per legal step (each calls one
service), shown on the case page when the case's state allows it (the phone-friendly on-the-spot
decision form is in ``forms_on_the_spot``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib.auth import get_user_model

from zhifa.cases.forms import DATE, DATETIME, TEXT, TownForm
from zhifa.cases.models import Case, State
from zhifa.catalog.models import DiscretionStandard, PenaltyKind, PowerItem
from zhifa.core import clock
from zhifa.core.widgets import MultiPicker, Picker
from zhifa.team.models import Officer

from . import services
from .law import SERVICE_METHODS
from .models import Appeal, Penalty

PENALTY_KINDS = [(k, label) for k, label in PenaltyKind.choices]


def _today() -> dt.date:
    return clock.today()


def _penalty(case: Case) -> Penalty | None:
    return Penalty.all_towns.filter(case=case).first()


def _lines(value: str) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


class PenaltyStep(TownForm):
    """A step form; ``available`` says whether the case page offers it now."""

    states: tuple[str, ...] = ()
    reviewer_step = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # the county's facts the town entered are the usual answers (the court, the government)
        town, facts = self.town, {}
        if town is not None:
            facts = {
                "court": town.court,
                "body": town.county_government,
                "place": f"{town.county_government}网站" if town.county_government else "",
            }
        for name, value in facts.items():
            if name in self.fields and value and not self.fields[name].initial:
                self.fields[name].initial = value

    @classmethod
    def available(cls, case: Case) -> bool:
        return case.state in cls.states


class ProposalStep(PenaltyStep):
    label = "拟处理意见（含裁量）"
    states = (State.INVESTIGATING,)
    proposal = forms.ChoiceField(
        label="处理意见", choices=[c for c in Case.Proposal.choices if c[0]]
    )
    item = forms.ModelChoiceField(
        label="适用事项", queryset=PowerItem.objects.none(), required=False
    )
    kinds = forms.MultipleChoiceField(
        label="处罚种类",
        choices=PENALTY_KINDS,
        required=False,
        initial=["fine"],
        widget=MultiPicker(placeholder="选择处罚种类"),
    )
    amount = forms.DecimalField(
        label="拟罚款金额（元）",
        min_value=0,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "decimal"}),
    )
    level = forms.ChoiceField(
        label="裁量等级", choices=[("", "—"), *DiscretionStandard.Level.choices], required=False
    )
    reason = forms.CharField(label="裁量理由 / 不予处罚情形 / 移送理由", widget=TEXT)
    facts = forms.CharField(label="违法事实", widget=TEXT, required=False)
    evidence = forms.CharField(label="证据（一行一项）", widget=TEXT, required=False)
    violated = forms.CharField(label="违反的规定", required=False)
    basis = forms.CharField(label="处罚依据", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.case is not None:
            self.fields["item"].queryset = self.case.items.all()
            self.fields["facts"].initial = self.case.summary

    def perform(self, *, actor: Any) -> Any:
        d = self.cleaned_data
        return services.penalty_propose(
            case=self.case,
            actor=actor,
            proposal=d["proposal"],
            reason=d["reason"],
            item=d["item"],
            kinds=d["kinds"],
            amount=d["amount"] or 0,
            level=d["level"],
            facts=d["facts"],
            evidence=_lines(d["evidence"]),
            violated=d["violated"],
            basis=d["basis"],
        )


class NoticeStep(PenaltyStep):
    label = "送达事先告知书"
    states = (State.PROPOSED,)
    served_on = forms.DateField(label="送达日期", widget=DATE, initial=_today)
    statement_days = forms.IntegerField(
        label="陈述申辩期限（工作日）",
        min_value=1,
        max_value=10,
        required=False,
        help_text="不填：一般 3 个工作日；告知听证的 5 个工作日",
    )

    @classmethod
    def available(cls, case: Case) -> bool:
        p = _penalty(case)
        return (
            case.state == State.PROPOSED and p is not None and p.outcome == Penalty.Outcome.PENALTY
        )

    def perform(self, *, actor: Any) -> Any:
        return services.notice_serve(
            case=self.case,
            actor=actor,
            served_on=self.cleaned_data["served_on"],
            statement_days=self.cleaned_data["statement_days"],
        )


class StatementStep(PenaltyStep):
    label = "陈述申辩与复核"
    states = (State.NOTIFIED, State.HEARING)
    received_on = forms.DateField(label="收到日期", widget=DATE, initial=_today)
    waived = forms.BooleanField(label="当事人明确放弃陈述、申辩", required=False)
    statement = forms.CharField(label="陈述申辩内容", widget=TEXT, required=False)
    recheck = forms.CharField(label="复核意见", widget=TEXT, required=False)
    adopted = forms.BooleanField(label="采纳", required=False)

    def perform(self, *, actor: Any) -> Any:
        return services.statement_record(case=self.case, actor=actor, **self.cleaned_data)


class HearingRequestStep(PenaltyStep):
    label = "登记听证申请"
    states = (State.NOTIFIED,)
    requested_on = forms.DateField(label="申请日期", widget=DATE, initial=_today)

    @classmethod
    def available(cls, case: Case) -> bool:
        p = _penalty(case)
        return case.state == State.NOTIFIED and p is not None and p.hearing_offered

    def perform(self, *, actor: Any) -> Any:
        return services.hearing_request(
            case=self.case, actor=actor, requested_on=self.cleaned_data["requested_on"]
        )


class HearingNoticeStep(PenaltyStep):
    label = "听证通知"
    states = (State.HEARING,)
    notice_on = forms.DateField(label="通知送达日期", widget=DATE, initial=_today)
    at = forms.DateTimeField(label="听证时间", widget=DATETIME)
    place = forms.CharField(label="听证地点")
    chair = forms.ModelChoiceField(
        label="主持人（非本案调查人员）",
        queryset=Officer.objects.none(),
        widget=Picker(
            source="api:team_pick_officers",
            params={"employment": "full_time"},
            placeholder="输入姓名或执法证号搜索",
        ),
    )
    members = forms.CharField(label="听证员（逗号分隔）", required=False)
    clerk = forms.CharField(label="记录员", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = Officer.objects.filter(
            town=self.town, is_active=True
        ).select_related("user")

    def perform(self, *, actor: Any) -> Any:
        d = self.cleaned_data
        return services.hearing_schedule(
            case=self.case,
            actor=actor,
            notice_on=d["notice_on"],
            at=d["at"],
            place=d["place"],
            chair=d["chair"],
            members=[m.strip() for m in d["members"].replace("，", ",").split(",") if m.strip()],
            clerk=d["clerk"],
        )


class HearingRecordStep(PenaltyStep):
    label = "听证笔录"
    states = (State.HEARING,)
    held_on = forms.DateField(label="听证日期", widget=DATE, initial=_today)
    proceedings = forms.CharField(
        label="听证过程（问/答交替，一行一句）", widget=forms.Textarea(attrs={"rows": 6})
    )
    final_statement = forms.CharField(label="当事人最后陈述", required=False)

    def perform(self, *, actor: Any) -> Any:
        lines = _lines(self.cleaned_data["proceedings"])
        rows = [
            {"q": lines[i], "a": lines[i + 1] if i + 1 < len(lines) else ""}
            for i in range(0, len(lines), 2)
        ]
        return services.hearing_hold(
            case=self.case,
            actor=actor,
            held_on=self.cleaned_data["held_on"],
            proceedings=rows,
            final_statement=self.cleaned_data["final_statement"],
        )


class LegalReviewStep(PenaltyStep):
    label = "法制审核"
    states = (State.NOTIFIED, State.HEARING, State.UNDER_REVIEW)
    reviewer_step = True
    on = forms.DateField(label="审核日期", widget=DATE, initial=_today)
    passed = forms.TypedChoiceField(
        label="审核结论", choices=[("1", "通过"), ("0", "不通过")], coerce=lambda v: v == "1"
    )
    opinion = forms.CharField(label="审核意见", widget=TEXT)
    qualification = forms.CharField(label="法律职业资格证书编号", required=False)

    def perform(self, *, actor: Any) -> Any:
        return services.legal_review_record(
            case=self.case, actor=actor, reviewer=actor, **self.cleaned_data
        )


class DiscussionStep(PenaltyStep):
    label = "负责人集体讨论"
    states = (State.NOTIFIED, State.HEARING, State.UNDER_REVIEW)
    on = forms.DateField(label="讨论日期", widget=DATE, initial=_today)
    members = forms.CharField(label="参加人员（逗号分隔，至少三名）")
    conclusion = forms.CharField(label="讨论结论", widget=TEXT)

    def perform(self, *, actor: Any) -> Any:
        d = self.cleaned_data
        return services.discussion_record(
            case=self.case,
            actor=actor,
            on=d["on"],
            members=d["members"].replace("，", ",").split(","),
            conclusion=d["conclusion"],
        )


class DecisionStep(PenaltyStep):
    label = "作出行政处罚决定"
    states = (State.NOTIFIED, State.HEARING, State.UNDER_REVIEW)
    on = forms.DateField(label="决定日期", widget=DATE, initial=_today)
    amount = forms.DecimalField(
        label="决定罚款金额（元，不得高于告知金额；不填按告知）", required=False, min_value=0
    )
    account = forms.CharField(label="缴款账号", required=False)

    def perform(self, *, actor: Any) -> Any:
        d = self.cleaned_data
        return services.decision_make(
            case=self.case, actor=actor, on=d["on"], amount=d["amount"], account=d["account"]
        )


class NoPenaltyStep(PenaltyStep):
    label = "不予行政处罚决定"
    on = forms.DateField(label="决定日期", widget=DATE, initial=_today)
    reason = forms.CharField(label="不予处罚的情形", widget=TEXT)
    education_on = forms.DateField(label="教育日期", widget=DATE, required=False)
    education_form = forms.CharField(
        label="教育方式", required=False, help_text="如：当面批评教育并签署承诺书"
    )

    @classmethod
    def available(cls, case: Case) -> bool:
        p = _penalty(case)
        return (
            case.state == State.PROPOSED
            and p is not None
            and p.outcome == Penalty.Outcome.NO_PENALTY
        )

    def perform(self, *, actor: Any) -> Any:
        return services.no_penalty_decide(case=self.case, actor=actor, **self.cleaned_data)


class ServiceStep(PenaltyStep):
    label = "送达决定书"
    states = (State.DECIDED,)
    served_on = forms.DateField(label="送达日期", widget=DATE, initial=_today)
    method = forms.ChoiceField(
        label="送达方式", choices=[(k, v) for k, v in SERVICE_METHODS.items() if k != "on_the_spot"]
    )
    place = forms.CharField(label="送达地点", required=False)
    party_present = forms.BooleanField(label="宣告时当事人在场（当场交付）", required=False)
    consent = forms.BooleanField(label="当事人已书面同意电子送达", required=False)
    witness = forms.CharField(label="见证人（留置送达）", required=False)
    media = forms.BooleanField(label="已拍照、录像记录送达过程", required=False)

    def perform(self, *, actor: Any) -> Any:
        return services.decision_serve(case=self.case, actor=actor, **self.cleaned_data)


class PaymentStep(PenaltyStep):
    label = "登记缴款"
    states = (State.SERVED, State.EXECUTING)
    paid_on = forms.DateField(label="缴款日期", widget=DATE, initial=_today)
    amount = forms.DecimalField(label="缴款金额（元，含加处罚款）", min_value=0)
    receipt_no = forms.CharField(label="票据号", required=False)

    @classmethod
    def available(cls, case: Case) -> bool:
        p = _penalty(case)
        return case.state in cls.states and p is not None and p.due_on is not None and not p.paid_on

    def perform(self, *, actor: Any) -> Any:
        return services.payment_record(case=self.case, actor=actor, **self.cleaned_data)


class DeferralStep(PaymentStep):
    label = "延期或分期缴纳"
    paid_on = amount = receipt_no = None  # type: ignore[assignment]
    deferred_to = forms.DateField(label="延期至", widget=DATE)
    reason = forms.CharField(label="理由", widget=TEXT)
    approver = forms.ModelChoiceField(
        label="批准人（负责人）", queryset=get_user_model().objects.none()
    )

    def perform(self, *, actor: Any) -> Any:
        d = self.cleaned_data
        return services.payment_defer(
            case=self.case,
            actor=actor,
            deferred_to=d["deferred_to"],
            reason=d["reason"],
            approved_by=d["approver"],
        )


class ReminderStep(PaymentStep):
    label = "催告"
    paid_on = amount = receipt_no = None  # type: ignore[assignment]
    served_on = forms.DateField(label="催告书送达日期", widget=DATE, initial=_today)

    def perform(self, *, actor: Any) -> Any:
        return services.reminder_serve(
            case=self.case, actor=actor, served_on=self.cleaned_data["served_on"]
        )


class EnforcementStep(PenaltyStep):
    label = "申请人民法院强制执行"
    states = (State.EXECUTING,)
    applied_on = forms.DateField(label="申请日期", widget=DATE, initial=_today)
    court = forms.CharField(label="受理法院", required=False, help_text="不填则为本镇设置的法院")
    approver = forms.ModelChoiceField(
        label="批准人（负责人）", queryset=get_user_model().objects.none()
    )

    @classmethod
    def available(cls, case: Case) -> bool:
        p = _penalty(case)
        return (
            case.state == State.EXECUTING
            and p is not None
            and bool(p.reminder_served_on)
            and not p.paid_on
            and not p.enforcement_applied_on
        )

    def perform(self, *, actor: Any) -> Any:
        d = self.cleaned_data
        return services.enforcement_apply(
            case=self.case,
            actor=actor,
            applied_on=d["applied_on"],
            court=d["court"],
            head=d["approver"],
        )


class HandInStep(PenaltyStep):
    label = "当场收缴罚款上缴并结案"
    on = forms.DateField(label="上缴日期", widget=DATE, initial=_today)

    @classmethod
    def available(cls, case: Case) -> bool:
        p = _penalty(case)
        return case.is_active and p is not None and p.collected_on_spot and not p.handed_in_on

    def perform(self, *, actor: Any) -> Any:
        return services.onthespot_hand_in(case=self.case, actor=actor, on=self.cleaned_data["on"])


class PenaltyCloseStep(PenaltyStep):
    label = "执行完毕，结案"
    on = forms.DateField(label="结案日期", widget=DATE, initial=_today)

    @classmethod
    def available(cls, case: Case) -> bool:
        p = _penalty(case)
        if (
            p is None
            or case.state not in (State.SERVED, State.EXECUTING)
            or (p.collected_on_spot and not p.handed_in_on)
        ):
            return False
        return bool(
            p.paid_on
            or p.enforcement_applied_on
            or "fine" not in p.kinds
            or p.outcome == Penalty.Outcome.NO_PENALTY
        )

    def perform(self, *, actor: Any) -> Any:
        return services.penalty_close(case=self.case, actor=actor, on=self.cleaned_data["on"])


class AppealStep(PenaltyStep):
    label = "登记复议或诉讼"
    kind = forms.ChoiceField(label="类型", choices=Appeal.Kind.choices)
    body = forms.CharField(label="复议机关或法院")
    filed_on = forms.DateField(label="申请/起诉日期", widget=DATE, initial=_today)

    @classmethod
    def available(cls, case: Case) -> bool:
        p = _penalty(case)
        return p is not None and p.decided_on is not None

    def perform(self, *, actor: Any) -> Any:
        return services.appeal_file(case=self.case, actor=actor, **self.cleaned_data)


class AppealOutcomeStep(PenaltyStep):
    label = "登记复议或诉讼结果"
    appeal = forms.ModelChoiceField(label="复议/诉讼", queryset=Appeal.objects.none())
    outcome = forms.ChoiceField(label="结果", choices=[c for c in Appeal.Outcome.choices if c[0]])
    decided_on = forms.DateField(label="结果日期", widget=DATE, initial=_today)
    new_amount = forms.DecimalField(label="变更后罚款（元）", required=False, min_value=0)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.case is not None:
            self.fields["appeal"].queryset = Appeal.objects.filter(case=self.case, outcome="")

    @classmethod
    def available(cls, case: Case) -> bool:
        return Appeal.all_towns.filter(case=case, outcome="").exists()

    def perform(self, *, actor: Any) -> Any:
        d = self.cleaned_data
        return services.appeal_decide(
            appeal=d["appeal"],
            actor=actor,
            outcome=d["outcome"],
            decided_on=d["decided_on"],
            new_amount=d["new_amount"],
        )


class DisclosureStep(PenaltyStep):
    label = "登记决定公示"
    on = forms.DateField(label="公示日期", widget=DATE, initial=_today)
    place = forms.CharField(label="公示载体")
    note = forms.CharField(label="说明", required=False)

    @classmethod
    def available(cls, case: Case) -> bool:
        p = _penalty(case)
        return (
            p is not None
            and p.outcome == Penalty.Outcome.PENALTY
            and p.decision_doc_id is not None
            and p.status != Penalty.Status.REVOKED
            and (not p.disclosed_on or p.disclosure_withdrawn_on is not None)
        )

    def perform(self, *, actor: Any) -> Any:
        return services.decision_disclose(case=self.case, actor=actor, **self.cleaned_data)


class DisclosureWithdrawStep(PenaltyStep):
    label = "撤下已公示的决定"
    on = forms.DateField(label="撤下日期", widget=DATE, initial=_today)
    reason = forms.CharField(label="撤下原因", widget=TEXT)

    @classmethod
    def available(cls, case: Case) -> bool:
        p = _penalty(case)
        return p is not None and bool(p.disclosed_on) and p.disclosure_withdrawn_on is None

    def perform(self, *, actor: Any) -> Any:
        return services.decision_disclosure_withdraw(
            case=self.case, actor=actor, **self.cleaned_data
        )


PENALTY_STEP_FORMS: dict[str, type[PenaltyStep]] = {
    "penalty_proposal": ProposalStep,
    "notice": NoticeStep,
    "statement": StatementStep,
    "hearing_request": HearingRequestStep,
    "hearing_notice": HearingNoticeStep,
    "hearing_record": HearingRecordStep,
    "legal_review": LegalReviewStep,
    "discussion": DiscussionStep,
    "decision": DecisionStep,
    "no_penalty_decision": NoPenaltyStep,
    "service": ServiceStep,
    "payment": PaymentStep,
    "deferral": DeferralStep,
    "reminder": ReminderStep,
    "enforcement": EnforcementStep,
    "hand_in": HandInStep,
    "penalty_close": PenaltyCloseStep,
    "disclosure": DisclosureStep,
    "disclosure_withdraw": DisclosureWithdrawStep,
    "appeal": AppealStep,
    "appeal_outcome": AppealOutcomeStep,
}
